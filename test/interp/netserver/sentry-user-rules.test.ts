// NSSentryAgent over the sandbox's roles, and NSUserAgent's name and password rules, retiring and
// external users, on every CRM backend (SQLite, and PostgreSQL when a test server is set): the
// demo users Ada (administrator, group Management), Bob and Carol (User level 2, groups Support and
// Sales), Dave (User level 4, Support), and users seeded for a run (an external user of Nordic
// Bikes, a system user, a user with no role). Every run rolls back.
import { afterAll, expect, it } from 'vitest';
import type { CrmService } from '../../../src/interp/runtime/crm-service.js';
import { describeBackends } from '../../crm/helpers.js';
import { cleanupTempDirs } from '../../common.js';
import { backendSandbox, ok, type RunOpts } from './backend-runs.js';

afterAll(cleanupTempDirs);

/** A run as a user seeded with an ejuser row (login `login`), an associate (id 5, of a stored type, for person `personId`) and, when given, a role. */
function seeded(login: string, storedType: number, personId: number, roleId: number): RunOpts {
  return {
    user: login,
    seed: (crm: CrmService) => {
      crm.insert('ejuser', { id: 6, loginname: login, username: login, firstname: login, lastname: '', email: '', status: 1, access_level: 2 });
      crm.insert('associate', { associate_id: 5, name: login.toUpperCase(), person_id: personId, ejuserId: 6, type: storedType, userName: login, rank: 5, group_idx: 0, encryptedCheck: '', waiting_for_approval: 0 });
      if (roleId) crm.insert('UserRoleLink', { associate_id: 5, role_id: roleId, linkType: 0, encryptedCheck: '' });
    },
  };
}

/** Nina Hansen of Nordic Bikes (company 2) as an external user with the role Customer. */
const NINA = seeded('nina', 4, 5, 4);
/** A system user with the role Integration. */
const SYSTEM = seeded('robot', 13, 0, 6);
/** An employee (Ola Nordmann) with no role. */
const NO_ROLE = seeded('ola', 0, 6, 0);

/** A program printing table rights as "<TableRight>/<Mask> [<Reason>]", one a line. */
const rights = (calls: string[]): string =>
  calls.map((c) => `NSTableRight t${calls.indexOf(c)} = s.${c}; printLine(t${calls.indexOf(c)}.GetTableRight().toString() + "/" + t${calls.indexOf(c)}.GetMask().toString() + " [" + t${calls.indexOf(c)}.GetReason() + "]");`).join('\n');

const FUNCTIONS = 'String f; foreach (String x in s.GetFunctionRights()) f += x + ","; printLine(f + " " + s.HasFunctionRight("ADMIN-ALL").toString() + " " + s.HasFunctionRight("allow-mailmerge").toString() + " " + s.HasFunctionRight("nothing").toString());';

const DIARIES = `Integer[] a; a.pushBack(1);
Integer[] b; b.pushBack(2); b.pushBack(4);
Integer[] c; c.pushBack(3);
Integer[] none; none.pushBack(99);
Integer[] empty;
printLine(s.CanCreateAppointmentInAllDiaries().toString() + " " + s.CanCreateAppointmentInAssociateDiaries(a).toString() + " " + s.CanCreateAppointmentInAssociateDiaries(b).toString() + " " + s.CanCreateAppointmentInAssociateDiaries(c).toString() + " " + s.CanCreateAppointmentInAssociateDiaries(none).toString() + " " + s.CanCreateAppointmentInAssociateDiaries(empty).toString());`;

describeBackends('NSSentryAgent', (b) => {
  const run = backendSandbox(b, 'NSSentryAgent s;');

  it("gives the functional rights of the run's user's role", () => {
    expect(ok(run, FUNCTIONS)).toBe('admin-all,admin-users,allow-bulk-update,allow-mailmerge,export-selection,approve-quotes,publish, true true false\n');
    expect(ok(run, FUNCTIONS, { user: 'bob' })).toBe('allow-bulk-update,allow-mailmerge,export-selection,approve-quotes, false true false\n');
    expect(ok(run, FUNCTIONS, { user: 'carol' })).toBe('allow-bulk-update,allow-mailmerge,export-selection,approve-quotes, false true false\n');
    expect(ok(run, FUNCTIONS, { user: 'dave' })).toBe('allow-mailmerge, false true false\n');
    expect(ok(run, FUNCTIONS, NINA)).toBe('publish, false false false\n');
    expect(ok(run, FUNCTIONS, SYSTEM)).toBe('admin-all, true false false\n');
    expect(ok(run, FUNCTIONS, NO_ROLE)).toBe(' false false false\n');
  });

  it("follows a change of the role's functional rights within the run", () => {
    expect(ok(run, `NSUserAgent u; Integer[] ids; ids.pushBack(2); u.SetFunctionalRights(3, ids);\n${FUNCTIONS}`, { user: 'dave' })).toBe('admin-users, false false false\n');
  });

  const OWNERSHIP = rights([
    'GetNewTableRight("contact")',
    'GetTableRightByContactOwnership("contact", 1)',
    'GetTableRightByContactOwnership("person", 4)',
    'GetTableRightByContactOwnership("sale", 5)',
    'GetTableRightByContactOwnership("Project", 2)',
    'GetTableRightByOwnership("appointment", 0, 2)',
    'GetTableRightByOwnership("document", 2, 0)',
    'GetTableRightByOwnership("selection", 3, 4)',
  ]);

  it('gives an administrator full rights to every row', () => {
    expect(ok(run, OWNERSHIP)).toBe('15/15 []\n'.repeat(8));
  });

  it("maps a row's owner to the relation whose CRUD string the user's role has: own, primary group, other associates", () => {
    // Bob (Support): companies 4 his own, 5 Dave's (Support), 1 Ada's (Management), 2 Carol's (Sales)
    expect(ok(run, OWNERSHIP, { user: 'bob' })).toBe(
      '15/15 []\n' +
        '1/1 [the role User level 2 gives "R" on contact rows of the relation Other associates]\n' +
        '15/15 []\n' +
        '15/15 []\n' +
        '1/1 [the role User level 2 gives "R" on project rows of the relation Other associates]\n' +
        '15/15 []\n' +
        '15/15 []\n' +
        // the row's group (Management) decides, not the owner's (Dave: Support)
        '1/1 [the role User level 2 gives "R" on selection rows of the relation Other associates]\n',
    );
    expect(ok(run, OWNERSHIP, { user: 'dave' })).toBe(
      '15/15 []\n' +
        '1/1 [the role User level 4 gives "R" on contact rows of the relation Other associates]\n' +
        '7/7 [the role User level 4 gives "CRU" on person rows of the relation Primary group]\n' +
        '15/15 []\n' +
        '1/1 [the role User level 4 gives "R" on project rows of the relation Other associates]\n' +
        '7/7 [the role User level 4 gives "CRU" on appointment rows of the relation Primary group]\n' +
        '7/7 [the role User level 4 gives "CRU" on document rows of the relation Primary group]\n' +
        // his own, whatever the row's group
        '15/15 []\n',
    );
    expect(ok(run, rights(['GetTableRightByContactOwnership("contact", 2)', 'GetTableRightByContactOwnership("contact", 4)']), { user: 'carol' })).toBe(
      '15/15 []\n1/1 [the role User level 2 gives "R" on contact rows of the relation Other associates]\n',
    );
  });

  it('uses the relations to rows of external and anonymous users', () => {
    const ext = { ...NINA, user: 'dave' };
    const anon = { ...seeded('guest', 7, 0, 5), user: 'dave' };
    const program = rights(['GetTableRightByOwnership("sale", 0, 5)']);
    expect(ok(run, program, ext)).toBe('1/1 [the role User level 4 gives "R" on sale rows of the relation External user]\n');
    expect(ok(run, program, anon)).toBe('0/0 [the role User level 4 gives "" on sale rows of the relation Anonymous]\n');
    expect(ok(run, program, { ...anon, user: 'bob' })).toBe('1/1 [the role User level 2 gives "R" on sale rows of the relation Anonymous]\n');
  });

  it("gives an external user its own rows, its company's rows and nothing else", () => {
    expect(
      ok(run, rights(['GetNewTableRight("sale")', 'GetTableRightByContactOwnership("person", 2)', 'GetTableRightByContactOwnership("person", 3)', 'GetTableRightByOwnership("sale", 0, 5)']), NINA),
    ).toBe(
      '7/7 [the role Customer gives "CRU" on sale rows of the relation My own]\n' +
        '1/1 [the role Customer gives "R" on person rows of the relation My company]\n' +
        '0/0 [the role Customer gives "" on person rows of the relation Other associates]\n' +
        '7/7 [the role Customer gives "CRU" on sale rows of the relation My own]\n',
    );
  });

  it('gives a system user every right and a user with no role none', () => {
    const program = rights(['GetNewTableRight("contact")', 'GetTableRightByContactOwnership("sale", 2)']);
    expect(ok(run, program, SYSTEM)).toBe('15/15 []\n15/15 []\n');
    expect(ok(run, program, NO_ROLE)).toBe('0/0 [the user 5 has no role (or is retired)]\n'.repeat(2));
  });

  it("reads the role's data rights as they are when asked", () => {
    expect(ok(run, `NSUserAgent u; u.SetDataRight(3, "contact", 1, "R");\n${rights(['GetTableRightByContactOwnership("contact", 4)'])}`, { user: 'dave' })).toBe(
      '1/1 [the role User level 4 gives "R" on contact rows of the relation Primary group]\n',
    );
  });

  it('tells whether the user may book in the diaries of others (employees and resources that are not retired)', () => {
    expect(ok(run, DIARIES)).toBe('true true true true true true\n');
    // Bob: Dave shares his group (CRUD), Ada and Carol do not (R)
    expect(ok(run, DIARIES, { user: 'bob' })).toBe('false false true false true true\n');
    // Dave: Bob's diary in his group (CRU)
    expect(ok(run, DIARIES, { user: 'dave' })).toBe('false false true false true true\n');
    expect(ok(run, DIARIES, { user: 'carol' })).toBe('false false false true true true\n');
    expect(ok(run, DIARIES, NINA)).toBe('false false false false true true\n');
    expect(ok(run, DIARIES, SYSTEM)).toBe('true true true true true true\n');
    const retired: RunOpts = {
      user: 'dave',
      seed: (crm) => {
        for (const id of [1, 3]) crm.update('associate', id, { deleted: 1 });
      },
    };
    expect(ok(run, DIARIES, retired)).toBe('true true true true true true\n');
  });

  it('fails clearly for tables outside the rights matrix and companies that do not exist', () => {
    expect(run('s.GetNewTableRight("ticket");').error).toBe(
      'NSSentryAgent.GetNewTableRight: the rights matrix has no row for the table "ticket" (it has contact, person, project, sale, appointment, document, selection)',
    );
    expect(run('s.GetTableRightByOwnership("nothing", 1, 1);').error).toBe(
      'NSSentryAgent.GetTableRightByOwnership: the rights matrix has no row for the table "nothing" (it has contact, person, project, sale, appointment, document, selection)',
    );
    expect(run('s.GetTableRightByContactOwnership("person", 99);').error).toBe('NSSentryAgent.GetTableRightByContactOwnership: there is no company with id 99');
  });
});

describeBackends('NSUserAgent name and password rules, retiring and external users', (b) => {
  const run = backendSandbox(b, 'NSUserAgent a;');

  const reason = (call: string): string => `v = a.${call}; printLine(v.GetResult().toString() + " [" + v.GetReason() + "]");`;

  it('checks user names: allowed characters, length, and no other associate has it in any letter case', () => {
    expect(
      ok(
        run,
        `NSUserValidationResult v;
printLine(a.IsUserNameValid(0, 1, 5, "NINA", "").toString() + " " + a.IsUserNameValid(0, 1, 5, "bob", "").toString() + " " + a.IsUserNameValid(2, 1, 0, "bob", "").toString() + " " + a.IsUserNameValid(0, 3, 5, "", "nina.h@nordic").toString());
${reason('IsUserNameValidWithReason(0, 1, 5, "Ada", "")')}
${reason('IsUserNameValidWithReason(0, 1, 5, "nina hansen", "")')}
${reason('IsUserNameValidWithReason(0, 1, 5, "", "")')}
${reason(`IsUserNameValidWithReason(0, 1, 5, "${'N'.repeat(240)}", "")`)}
${reason('IsUserNameValidWithReason(0, 5, 0, "Ĺukasz_2", "")')}`,
      ),
    ).toBe(
      'true false true true\n' +
        'false [the user name Ada is taken by the user 1]\n' +
        'false [a user name holds only letters, digits, ".", "_", "-" and "@"]\n' +
        'false [a user name is required]\n' +
        'false [a user name has at most 239 characters]\n' +
        'true []\n',
    );
  });

  it('refuses to save a user with a name another user has in another letter case, as IsUserNameValid says', () => {
    expect(run('NSUser u = a.CreateDefaultUserFromUserTypeAndPersonId(1, 5); u.SetName("bob"); a.SaveUser(u);').error).toBe('NSUserAgent.SaveUser: the user name bob is taken by the user 2');
    expect(ok(run, 'NSUser u = a.GetUser(2); u.SetName("Bob"); printLine(a.SaveUser(u).GetName());')).toBe('Bob\n');
  });

  it('checks passwords: length, not holding the user name or the person\'s names, only for users who log on', () => {
    expect(
      ok(
        run,
        `NSUserValidationResult v;
printLine(a.IsPasswordValid(2, 1, 0, "sandbox").toString() + " " + a.IsPasswordValid(0, 3, 5, "winter-42").toString() + " " + a.IsPasswordValid(0, 1, 0, "abc").toString());
${reason('IsPasswordValidWithReason(2, 1, 0, "short")')}
${reason('IsPasswordValidWithReason(1, 1, 0, "xxADAxx1")')}
${reason('IsPasswordValidWithReason(0, 3, 5, "hansen2025")')}
${reason('IsPasswordValidWithReason(3, 1, 0, "dahl-dahl")')}
${reason('IsPasswordValidWithReason(0, 2, 0, "long enough")')}
${reason('IsPasswordValidWithReason(0, 4, 0, "long enough")')}
${reason(`IsPasswordValidWithReason(0, 5, 0, "${'p'.repeat(129)}")`)}
${reason(`IsPasswordValidWithReason(0, 5, 0, "${'p'.repeat(128)}")`)}`,
      ),
    ).toBe(
      'true true false\n' +
        'false [a password has at least 6 characters]\n' +
        'false [a password may not hold the user\'s name ("ada")]\n' +
        'false [a password may not hold the user\'s name ("hansen")]\n' +
        'false [a password may not hold the user\'s name ("dahl")]\n' +
        'false [resources and anonymous users do not log on with a password]\n' +
        'false [resources and anonymous users do not log on with a password]\n' +
        'false [a password has at most 128 characters]\n' +
        'true []\n',
    );
  });

  it('fails the checks for users, user types and persons that do not exist', () => {
    expect(run('a.IsUserNameValid(99, 1, 0, "X", "");').error).toBe('NSUserAgent.IsUserNameValid: there is no user with id 99');
    expect(run('a.IsPasswordValidWithReason(0, 9, 0, "secret");').error).toBe('NSUserAgent.IsPasswordValidWithReason: 9 is not a user type (1 employee, 2 resource, 3 external, 4 anonymous, 5 system)');
    expect(run('a.GetValidUserName(0, 1, 42, "");').error).toBe('NSUserAgent.GetValidUserName: there is no person with id 42');
    expect(run('a.IsNickNameUnique(77, "x");').error).toBe('NSUserAgent.IsNickNameUnique: there is no user with id 77');
    expect(run('NSUser u; a.GetDefaultAssociateUserName(u);').error).toBeNull();
  });

  it('proposes valid user names: the one asked for when valid, else one made from it or from the person, numbered when taken', () => {
    expect(
      ok(
        run,
        `printLine(a.GetValidUserName(0, 1, 5, "nina") + " " + a.GetValidUserName(0, 1, 5, "bob") + " " + a.GetValidUserName(0, 1, 5, "") + " " + a.GetValidUserName(0, 1, 5, "N. Hansen!") + " " + a.GetValidUserName(2, 1, 0, "BOB") + " " + a.GetValidUserName(0, 5, 0, "  "));
NSUser u = a.CreateDefaultUserFromUserTypeAndPersonId(1, 10);
printLine(u.GetName() + " " + a.GetDefaultAssociateUserName(u) + " " + a.GetValidUserNameForNewUser(u));
u.SetName("dave");
printLine(a.GetValidUserNameForNewUser(u) + " " + a.GetDefaultAssociateUserName(u));
u.SetName("");
printLine(a.GetValidUserNameForNewUser(u) + " " + a.GetDefaultAssociateUserName(a.GetUser(3)) + " " + a.GetDefaultAssociateUserName(a.CreateDefaultUserFromUserType(5)));`,
        { seed: (crm) => void crm.insert('associate', { associate_id: 5, name: 'NINA', person_id: 0, ejuserId: 0, type: 13, rank: 5, group_idx: 0, encryptedCheck: '', waiting_for_approval: 0 }) },
      ),
    ).toBe('nina2 bob2 NINA2 N.Hansen BOB USER\nJONAS JONAS JONAS\ndave2 JONAS\nJONAS CAROL USER\n');
  });

  it("checks that a nick name (the user's Service user name) is no other user's", () => {
    expect(
      ok(run, 'printLine(a.IsNickNameUnique(2, "bob").toString() + " " + a.IsNickNameUnique(1, "Bob").toString() + " " + a.IsNickNameUnique(0, "SYSTEM").toString() + " " + a.IsNickNameUnique(0, "eve").toString() + " " + a.IsNickNameUnique(3, " ").toString());'),
    ).toBe('true false false true false\n');
  });

  const RETIRED = 'printLine(a.GetUser(4).GetDeleted().toString() + " " + a.GetUser(4).GetIsPersonRetired().toString() + " " + a.GetUserInfo(4).GetCanLogon().toString());';

  it('retires a user (associate deleted, person retired) and takes it back', () => {
    expect(ok(run, `${RETIRED}\na.MakeRetired(4, true);\n${RETIRED}\na.MakeRetired(4, false);\n${RETIRED}`)).toBe('false false false\ntrue true false\nfalse false false\n');
    expect(run('a.MakeRetired(4, true);', { user: 'bob' }).error).toBe("NSUserAgent.MakeRetired: the run's user may not administer users (its role holds neither admin-all nor admin-users)");
    expect(run('a.MakeRetired(1, true);').error).toBe("NSUserAgent.MakeRetired: the run's user cannot retire itself");
    expect(run('a.MakeRetired(99, true);').error).toBe('NSUserAgent.MakeRetired: there is no user with id 99');
  });

  it('leaves a retired user no rights', () => {
    const asRetiredDave: RunOpts = { user: 'dave', seed: (crm) => void crm.update('associate', 4, { deleted: 1 }) };
    expect(ok(run, `NSSentryAgent s; printLine(s.GetFunctionRights().length().toString() + " " + s.GetNewTableRight("sale").GetReason());`, asRetiredDave)).toBe(
      '0 the user 4 has no role (or is retired)\n',
    );
  });

  const EXTERNAL = (v: string): string =>
    ['GetName()', 'GetType().toString()', 'GetRole().GetValue()', 'GetDeleted().toString()', 'GetPerson().GetPersonId().toString()'].map((m) => `a.GetUser(${v}).${m} + " " + `).join('').replace(/^/, 'printLine(') +
    `a.GetUserInfo(${v}).GetCanLogon().toString());`;

  it('creates external users with a person, a role of external users, a password and whether they are active', () => {
    expect(
      ok(
        run,
        `Integer id = a.CreateExternalUser(5, "", "winter-42", 0, true);
${EXTERNAL('id')}
printLine(a.ChangePassword(id, "winter-42", "summer-43").toString());
Integer other = a.CreateExternalUser(7, "grace@acme", "", 4, false);
${EXTERNAL('other')}`,
      ),
    ).toBe('NINA 3 Customer false 5 true\ntrue\ngrace@acme 3 Customer true 7 false\n');
    expect(run('a.CreateExternalUser(5, "", "x", 0, true);', { user: 'carol' }).error).toBe(
      "NSUserAgent.CreateExternalUser: the run's user may not administer users (its role holds neither admin-all nor admin-users)",
    );
    expect(run('a.CreateExternalUser(2, "", "", 0, true);').error).toBe('NSUserAgent.CreateExternalUser: the person 2 is already the user BOB');
    expect(run('a.CreateExternalUser(5, "carol", "", 0, true);').error).toBe('NSUserAgent.CreateExternalUser: the user name carol is taken by the user 3');
    expect(run('a.CreateExternalUser(5, "", "nina1234", 0, true);').error).toBe('NSUserAgent.CreateExternalUser: a password may not hold the user\'s name ("nina")');
    expect(run('a.CreateExternalUser(5, "", "", 2, true);').error).toBe('NSUserAgent.CreateExternalUser: the role User level 2 is for another type of user (role type 0)');
  });

  it('changes what the flags of SetExternalUserInfo name, deletes external users and gives them new passwords', () => {
    expect(
      ok(
        run,
        `Integer id = a.CreateExternalUser(5, "", "winter-42", 0, true);
a.SetExternalUserInfo(id, "nhansen", "ignored", false, 2, 1 + 8);
${EXTERNAL('id')}
a.SetExternalUserInfo(id, "", "autumn-44", true, 0, 2 + 8);
${EXTERNAL('id')}
printLine(a.ChangePassword(id, "autumn-44", "spring-45").toString());
String p = a.GenerateNewPasswordForExternalUser("nhansen");
printLine(p.getLength().toString() + " " + a.ChangePassword(id, p, "spring-46").toString());
a.DeleteExternalUser(id);
printLine(a.GetUser(id).GetAssociateId().toString() + " " + a.GetUserFromPersonId(5).length().toString());`,
      ),
    ).toBe('nhansen 3 Customer true 5 false\nnhansen 3 Customer false 5 true\ntrue\n12 true\n0 0\n');
    expect(run('a.SetExternalUserInfo(2, "x", "", true, 0, 1);').error).toBe('NSUserAgent.SetExternalUserInfo: the user BOB (2) is not an external user');
    expect(run('Integer id = a.CreateExternalUser(5, "", "", 0, true); a.SetExternalUserInfo(id, "", "", true, 2, 4);').error).toBe(
      'NSUserAgent.SetExternalUserInfo: there is no role of external users with id 2',
    );
    expect(run('Integer id = a.CreateExternalUser(5, "", "", 0, true); a.SetExternalUserInfo(id, "ADA", "", true, 0, 1);').error).toBe(
      'NSUserAgent.SetExternalUserInfo: the user name ADA is taken by the user 1',
    );
    expect(run('a.DeleteExternalUser(3);').error).toBe('NSUserAgent.DeleteExternalUser: the user CAROL (3) is not an external user');
    expect(run('a.GenerateNewPasswordForExternalUser("DAVE");').error).toBe('NSUserAgent.GenerateNewPasswordForExternalUser: the user DAVE (4) is not an external user');
    expect(run('a.GenerateNewPasswordForExternalUser("nobody");').error).toBe('NSUserAgent.GenerateNewPasswordForExternalUser: there is no user named "nobody"');
    expect(run('a.GenerateNewPasswordForExternalUser("NINA");', { ...NINA, user: 'bob' }).error).toBe(
      "NSUserAgent.GenerateNewPasswordForExternalUser: the run's user may not change the credentials of user 5 (its role holds neither admin-all nor admin-users)",
    );
  });

  it('makes an unsaved user from a password credential, its display value the user name', () => {
    expect(
      ok(
        run,
        `NSUser u = a.CreateDefaultUserFromUserTypeAndCredential(3, 2, "SoPassword", "winter-42", "ada");
printLine(u.GetAssociateId().toString() + " " + u.GetName() + " " + u.GetType().toString() + " " + u.GetRole().GetValue() + " " + u.GetPerson().GetPersonId().toString() + " " + u.GetPerson().GetContactId().toString() + " " + u.GetCredentials()[0].GetType().GetType() + " " + u.GetCredentials()[0].GetDisplayValue());
printLine(a.ValidateUser(u).get("Person"));
NSPersonAgent pa;
u.SetPerson(pa.GetPerson(5));
u = a.SaveUser(u);
printLine(u.GetName() + " " + a.ChangePassword(u.GetAssociateId(), "winter-42", "summer-43").toString());`,
      ),
    ).toBe('0 ada2 3 Customer 0 2 SoPassword ada\na user of this type must be a person (only system and anonymous users can be without one)\nada2 true\n');
    expect(run('a.CreateDefaultUserFromUserTypeAndCredential(1, 0, "Mailbox", "x", "y");').error).toBe(
      'NSUserAgent.CreateDefaultUserFromUserTypeAndCredential: the sandbox has no credential type "Mailbox" (it has SoPassword)',
    );
    expect(run('a.CreateDefaultUserFromUserTypeAndCredential(1, 99, "SoPassword", "x", "y");').error).toBe('NSUserAgent.CreateDefaultUserFromUserTypeAndCredential: there is no company with id 99');
    expect(run('a.CreateDefaultUserFromUserTypeAndCredential(8, 0, "SoPassword", "x", "y");').error).toBe(
      'NSUserAgent.CreateDefaultUserFromUserTypeAndCredential: 8 is not a user type (1 employee, 2 resource, 3 external, 4 anonymous, 5 system)',
    );
  });

  const UNTRUSTED = (call: string): string =>
    `foreach (NSUntrustedCredentials x in a.${call}) printLine(x.GetPublicValue() + " " + x.GetSecretValue() + " " + x.GetComment() + " " + x.GetIsActive().toString() + " " + x.GetValidTo().toString());`;

  it("saves and removes untrusted credentials (a user's outbound keys to other systems)", () => {
    expect(
      ok(
        run,
        `NSUntrustedCredentials c = a.CreateDefaultUntrustedCredentials();
printLine(c.GetPublicValue() + "[" + c.GetValidTo().toString() + "] " + c.GetValidFrom().isNull().toString() + " " + c.GetIsActive().toString());
c.SetPublicValue("bob@mail.example"); c.SetSecretValue("token-1"); c.SetComment("Mail sync");
a.SaveUntrustedCredentials("Mailbox", c);
c.SetSecretValue("token-2");
a.SaveUntrustedCredentials("Mailbox", c);
c.SetPublicValue("bob@other.example"); c.SetValidFrom(String("2019-01-01").toDateTime()); c.SetValidTo(String("2020-01-01").toDateTime());
a.SaveUntrustedCredentials("Mailbox", c);
${UNTRUSTED('GetUntrustedCredentials("Mailbox")')}
a.RemoveUntrustedCredentials("Mailbox", "bob@mail.example");
printLine(a.GetUntrustedCredentials("Mailbox").length().toString() + " " + a.GetUntrustedCredentialsForAssociate(1, "Mailbox").length().toString());`,
        { user: 'bob' },
      ),
    ).toBe(
      '[] false true\n' +
        'bob@mail.example token-2 Mail sync true 2099-12-31 23:59:59\n' +
        'bob@other.example token-2 Mail sync false 2020-01-01 00:00:00\n' +
        '1 1\n',
    );
    expect(
      ok(
        run,
        `NSUntrustedCredentials c = a.CreateDefaultUntrustedCredentials();
c.SetPublicValue("dave@cal.example"); c.SetSecretValue("s3cret");
a.SaveUntrustedCredentialsForAssociate(4, "Calendar", c);
${UNTRUSTED('GetUntrustedCredentialsForAssociate(4, "Calendar")')}
a.RemoveUntrustedCredentialsForAssociate(4, "Calendar", "dave@cal.example");
printLine(a.GetUntrustedCredentialsForAssociate(4, "Calendar").length().toString());`,
      ),
      // another user's secret is not shown; no comment
    ).toBe('dave@cal.example   true 2099-12-31 23:59:59\n0\n');
    const one = 'NSUntrustedCredentials c = a.CreateDefaultUntrustedCredentials(); c.SetPublicValue("x");';
    expect(run(`${one} a.SaveUntrustedCredentialsForAssociate(4, "Calendar", c);`, { user: 'bob' }).error).toBe(
      "NSUserAgent.SaveUntrustedCredentialsForAssociate: the run's user may not change the credentials of user 4 (its role holds neither admin-all nor admin-users)",
    );
    expect(run(`${one} a.SaveUntrustedCredentials("SoPassword", c);`).error).toBe(
      'NSUserAgent.SaveUntrustedCredentials: SoPassword is the password users log on with, not a credential for another system',
    );
    expect(run(`${one} a.SaveUntrustedCredentials(" ", c);`).error).toBe('NSUserAgent.SaveUntrustedCredentials: a credential type is required');
    expect(run('a.SaveUntrustedCredentials("Mailbox", a.CreateDefaultUntrustedCredentials());').error).toBe(
      'NSUserAgent.SaveUntrustedCredentials: the public value (SetPublicValue) is required',
    );
    expect(run(`${one} c.SetValidFrom(String("2030-01-01").toDateTime()); c.SetValidTo(String("2029-01-01").toDateTime()); a.SaveUntrustedCredentials("Mailbox", c);`).error).toBe(
      'NSUserAgent.SaveUntrustedCredentials: the credentials end (2029-01-01 00:00:00) before they begin (2030-01-01 00:00:00)',
    );
    expect(run('a.RemoveUntrustedCredentials("Mailbox", "nothing");').error).toBe('NSUserAgent.RemoveUntrustedCredentials: the user 1 has no Mailbox credentials with the public value "nothing"');
    expect(run('a.RemoveUntrustedCredentialsForAssociate(99, "Mailbox", "x");').error).toBe('NSUserAgent.RemoveUntrustedCredentialsForAssociate: there is no user with id 99');
  });

  it('keeps failing clearly for what the sandbox cannot have', () => {
    expect(run('a.RemoveLicenses(2);').error).toBe('NSUserAgent.RemoveLicenses: the sandbox grants no licences (it has no license tables)');
    expect(run('a.AddOwnerContact(2);').error).toBe('NSUserAgent.AddOwnerContact: the sandbox CRM has no OwnerContactLink table (the companies that own the database)');
    expect(run('a.FindCredentialUsers("SoPassword", "a");').error).toBe(
      'NSUserAgent.FindCredentialUsers: the sandbox has no credential provider with groups and users (its only credential type is the SoPassword password)',
    );
    expect(run('NSAssociateAgent s; s.GetNote(1);').error).toBe(
      'NSAssociateAgent.GetNote: the sandbox CRM keeps no notepad pages of associates (neither the associate table nor another documented table holds them)',
    );
    expect(run('NSAssociateAgent s; String[] n; s.SaveNote(1, n);').error).toBe(
      'NSAssociateAgent.SaveNote: the sandbox CRM keeps no notepad pages of associates (neither the associate table nor another documented table holds them)',
    );
    expect(run('NSAssociateAgent s; Integer[] ids; s.LogOffWindowsUsers(ids);').error).toBe('NSAssociateAgent.LogOffWindowsUsers: the sandbox has no Windows client sessions to log off');
  });
});
