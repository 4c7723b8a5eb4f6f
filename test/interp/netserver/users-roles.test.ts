// NSUserAgent's user administration on every CRM backend (SQLite, and PostgreSQL when a test
// server is set): user groups, roles and functional rights, data rights, users with their group,
// role and credentials, user information, ResolveUserFromInfo, passwords (kept only as salted
// hashes, checked on change, changed by others only with an admin right), outbound credentials,
// the methods that stay unavailable, and a sandbox made by an older build (SQLite schema 14,
// PostgreSQL 13) gaining the tables with the demo's rows. Every run rolls back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmService } from '../../../src/interp/runtime/crm-service.js';
import { loadSqlite } from '../../../src/crm/sqlite/engine.js';
import { PG_CRM_VERSION } from '../../../src/crm/pg/ddl.js';
import { ROLE_TABLES } from '../../../src/crm/demo-roles.js';
import { describeBackends, olderPgSandbox, runFileOn } from '../../crm/helpers.js';
import { pgOnlyDescribe } from '../../store/backends.js';
import { cleanupTempDirs, requireBuiltCli } from '../../common.js';
import { backendSandbox, ok, olderSqliteOutput } from './backend-runs.js';

afterAll(cleanupTempDirs);

/** A check that every stored password is a salted scrypt hash holding none of these passwords. */
function hashedOnly(passwords: string[]): (crm: CrmService) => void {
  return (crm) => {
    const secrets = crm.select('Credentials', { where: [{ column: 'credentialType', op: '=', value: 'SoPassword' }] }).map((r) => String(r.secret));
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) {
      expect(s).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      for (const p of passwords) expect(s).not.toContain(p);
    }
  };
}

describeBackends('NSUserAgent user administration', (b) => {
  const run = backendSandbox(b, 'NSUserAgent a;');

  it('reads, saves, creates and deletes user groups, moving the members of a deleted one', () => {
    expect(
      ok(
        run,
        `String s;
foreach (NSUserGroup g in a.GetAllUserGroups(false)) s += g.GetId().toString() + ":" + g.GetValue() + "/" + g.GetTooltip() + ";";
printLine(s);
Integer[] ids; ids.pushBack(3); ids.pushBack(9); ids.pushBack(1);
s = "";
foreach (NSUserGroup g in a.GetUserGroupList(ids)) s += g.GetValue() + ";";
printLine(s + " " + a.GetUserGroup(2).GetValue() + " [" + a.GetUserGroup(9).GetValue() + "]");
NSUserGroup n = a.CreateUserGroup();
printLine(n.GetId().toString() + " " + n.GetRank().toString());
n.SetValue("Marketing");
n.SetTooltip("Campaigns");
n = a.SaveUserGroup(n);
printLine(a.GetUserGroup(n.GetId()).GetValue() + " " + a.GetAllUserGroups(false).length().toString());
a.DeleteUserGroup(2, n.GetId());
printLine(a.GetUser(2).GetUserGroup().GetValue() + " " + a.GetUser(4).GetUserGroup().GetValue() + " " + a.GetAllUserGroups(false).length().toString() + " " + a.GetAllUserGroups(true).length().toString() + " " + a.GetUserGroup(2).GetDeleted().toString());`,
      ),
    ).toBe(
      '1:Sales/Account managers and sales;2:Support/Support desk;3:Management/Management and administration;\n' +
        'Management;Sales; Support []\n' +
        '0 4\n' +
        'Marketing 4\n' +
        'Marketing Marketing 3 4 true\n',
    );
    expect(run('a.DeleteUserGroup(2, 0);').error).toBe('NSUserAgent.DeleteUserGroup: the user group 2 has 2 member(s); name another user group (not deleted) to move them to, not 0');
    expect(run('a.SaveUserGroup(a.CreateUserGroup());').error).toBe('NSUserAgent.SaveUserGroup: the user group name (SetValue) is required');
  });

  it('lists roles by role type, reads and saves role entities with their data rights, deletes a role moving its users', () => {
    expect(
      ok(
        run,
        `String s;
for (Integer t = 0; t < 4; t++) {
  foreach (NSSelectableMDOListItem r in a.GetAllRoles(t)) s += r.GetId().toString() + ":" + r.GetName() + ";";
  s += " ";
}
printLine(s);
NSRole r = a.GetRole(4);
printLine(r.GetValue() + "/" + r.GetTooltip() + " [" + a.GetRole(99).GetValue() + "]");
NSRoleEntity e = a.GetRoleEntity(2);
NSDataRights d = e.GetDataRights();
s = e.GetName() + " " + e.GetRoleType().toString() + " " + e.GetDeleted().toString() + " ";
foreach (NSRelationToOwner c in d.GetColumnsInfo()) s += c.GetValue() + ",";
s += " ";
foreach (NSEntityName n in d.GetRowsInfo()) s += n.GetTableName() + ",";
printLine(s);
s = "";
foreach (NSDataRight x in d.GetRights()) s += x.GetValue() + "|";
printLine(s + " " + d.GetRights()[1].GetDescription());
NSRoleEntity n = a.CreateDefaultRoleEntityFromType(1);
printLine(n.GetRoleId().toString() + " " + n.GetRoleType().toString() + " " + n.GetRank().toString() + " " + n.GetDataRights().GetColumnsInfo().length().toString() + " " + n.GetDataRights().GetRights().length().toString());
n.SetName("Partner");
NSDataRight[] cells = n.GetDataRights().GetRights();
cells[0].SetValue("rcu");
cells[2].SetValue("R");
// the cells are the entity's own: changing them changes what SaveRoleEntity stores
n = a.SaveRoleEntity(n);
printLine(n.GetName() + " " + a.GetDataRight(n.GetRoleId(), "contact", 0) + " " + a.GetDataRight(n.GetRoleId(), "contact", 7) + " [" + a.GetDataRight(n.GetRoleId(), "person", 0) + "] " + n.GetCreatedBy().GetName());
a.DeleteRole(2, 3);
printLine(a.GetUser(2).GetRole().GetValue() + " " + a.GetUser(3).GetRole().GetValue() + " " + a.GetRoleEntity(2).GetDeleted().toString() + " " + a.GetAllRoles(0).length().toString());`,
      ),
    ).toBe(
      '1:User level 0;2:User level 2;3:User level 4; 4:Customer; 5:Anonymous; 6:Integration; \n' +
        'Customer/External users of the customer portal []\n' +
        'User level 2 0 0 My own,Primary group,Other groups,Other associates,External user,Anonymous, contact,person,project,sale,appointment,document,selection,\n' +
        'CRUD|CRUD|CRU|R|R|R|'.repeat(7) +
        ' Delete\n' +
        '0 1 7 4 28\n' +
        'Partner CRU R [] ADA\n' +
        'User level 4 User level 4 1 2\n',
    );
    expect(run('NSRoleEntity e = a.GetRoleEntity(4); e.SetRoleType(0); a.SaveRoleEntity(e);').error).toBe(
      'NSUserAgent.SaveRoleEntity: the role type of a role cannot change (role 4 is of role type 1)',
    );
    expect(run('a.SaveRoleEntity(a.CreateDefaultRoleEntity());').error).toBe('NSUserAgent.SaveRoleEntity: the role name (SetName) is required');
    expect(run('a.CreateDefaultRoleEntityFromType(7);').error).toBe('NSUserAgent.CreateDefaultRoleEntityFromType: 7 is not a role type (0 employee, 1 external user, 2 anonymous, 3 system)');
    expect(run('a.DeleteRole(2, 4);').error).toBe('NSUserAgent.DeleteRole: the role Customer is of another role type than User level 2');
    expect(run('a.DeleteRole(1, 0);').error).toBe('NSUserAgent.DeleteRole: the role User level 0 has 1 user(s); name another role (not deleted) to move them to, not 0');
  });

  it('reads functional rights, finds the roles that hold or lack them and sets those of a role', () => {
    expect(
      ok(
        run,
        `String s;
foreach (NSSelectableMDOListItem f in a.GetAllFunctionalRights(0)) s += f.GetName() + f.GetSelected().toString().subString(0, 1) + ";";
printLine(s);
s = "";
foreach (NSSelectableMDOListItem f in a.GetFunctionalRights(2)) s += f.GetId().toString() + ":" + f.GetName() + f.GetSelected().toString().subString(0, 1) + ";";
printLine(s + " " + a.GetFunctionalRights(5).length().toString());
s = "";
foreach (NSMDOListItem r in a.FindRolesWithFunctionalRight("admin-all")) s += r.GetName() + ";";
String[] names; names.pushBack("approve-quotes"); names.pushBack("publish"); names.pushBack("no-such-right");
Integer[] with = a.FindRolesWithFunctionalRights(names);
Integer[] without = a.FindRolesWithoutFunctionalRights(names);
printLine(s + " " + with.buildString(",") + " " + without.buildString(","));
Integer[] ids; ids.pushBack(7); ids.pushBack(3);
a.SetFunctionalRights(3, ids);
s = "";
foreach (NSSelectableMDOListItem f in a.GetFunctionalRights(3)) s += f.GetName() + ";";
printLine(s + " " + a.FindRolesWithFunctionalRights(names).buildString(","));`,
      ),
    ).toBe(
      'admin-allf;admin-usersf;allow-bulk-updatef;allow-mailmergef;export-selectionf;approve-quotesf;publishf;\n' +
        '3:allow-bulk-updatet;4:allow-mailmerget;5:export-selectiont;6:approve-quotest; 0\n' +
        'User level 0;Integration; 1,2,4 3,5,6\n' +
        'allow-bulk-update;publish; 1,2,3,4\n',
    );
    expect(run('a.GetFunctionalRights(99);').error).toBe('NSUserAgent.GetFunctionalRights: there is no role with id 99');
    expect(run('Integer[] ids; ids.pushBack(42); a.SetFunctionalRights(2, ids);').error).toBe('NSUserAgent.SetFunctionalRights: there is no functional right with id 42');
  });

  it('reads and sets data rights by table and relation to the owner', () => {
    expect(
      ok(
        run,
        `printLine(a.GetDataRight(2, "contact", 0) + " " + a.GetDataRight(2, "contact", 2) + " " + a.GetDataRight(2, "contact", 3) + " [" + a.GetDataRight(3, "sale", 5) + "] " + a.GetDataRight(4, "Person", 6));
printLine(a.GetDataRights(3, "appointment").toJson() + " " + a.GetDataRights(5, "document").toJson());
a.SetDataRight(3, "sale", 5, "dr");
a.SetDataRight(3, "sale", 3, "");
printLine(a.GetDataRight(3, "sale", 5) + " [" + a.GetDataRight(3, "sale", 3) + "] " + a.GetDataRight(3, "contact", 5));`,
      ),
    ).toBe('CRUD CRU R [] R\n{"0":"CRUD","1":"CRU","2":"R","3":"R","4":"R","5":""} {"0":"CR","3":""}\nRD [] \n');
    expect(run('a.GetDataRight(2, "ticket", 0);').error).toBe(
      'NSUserAgent.GetDataRight: the rights matrix has no row for the table "ticket" (it has contact, person, project, sale, appointment, document, selection)',
    );
    expect(run('a.GetDataRight(4, "contact", 1);').error).toBe('NSUserAgent.GetDataRight: a role of role type 1 has no data rights for relation 1 (it has 0, 6, 7, 3)');
    expect(run('a.GetDataRights(6, "contact");').error).toBeNull();
    expect(run('a.GetDataRight(6, "contact", 0);').error).toBe('NSUserAgent.GetDataRight: a system role has no data rights (sentry does not govern system users)');
    expect(run('a.SetDataRight(2, "sale", 0, "RW");').error).toBe('NSUserAgent.SetDataRight: "RW" is not a data right (use the letters C, R, U and D)');
    expect(run('a.GetDataRights(42, "sale");').error).toBe('NSUserAgent.GetDataRights: there is no role with id 42');
  });

  it('reads users with their type, group, role and credentials, and their user information', () => {
    expect(
      ok(
        run,
        `NSUser u = a.GetUser(2);
String s = u.GetName() + " " + u.GetType().toString() + " " + u.GetUserGroup().GetValue() + " " + u.GetRole().GetValue() + " " + u.GetPerson().GetFirstname() + " " + u.GetIsPersonRetired().toString();
foreach (NSCredential c in u.GetCredentials()) s += " " + c.GetType().GetType() + "=[" + c.GetValue() + "]/" + c.GetDisplayValue();
printLine(s + " " + a.GetUser(3).GetCredentials().length().toString());
NSUserInfo i = a.GetUserInfo(1);
printLine(i.GetUserInfoId().toString() + " " + i.GetUserName() + " " + i.GetPersonId().toString() + " " + i.GetEjUserId().toString() + " " + i.GetUserType().toString() + " " + i.GetUserGroupId().toString() + ":" + i.GetUserGroupName() + "/" + i.GetUserGroupTooltip() + " " + i.GetRoleName() + "/" + i.GetRoleTooltip() + " " + i.GetCanLogon().toString() + " " + i.GetDeleted().toString() + " " + i.GetGrantedLicenses().length().toString());
Integer[] ids; ids.pushBack(4); ids.pushBack(77); ids.pushBack(2);
s = "";
foreach (NSUserInfo x in a.GetUserInfoList(ids)) s += x.GetUserName() + ":" + x.GetRoleName() + ":" + x.GetCanLogon().toString() + ";";
printLine(s + " " + a.GetUserInfo(77).GetUserInfoId().toString());`,
      ),
    ).toBe(
      'BOB 1 Support User level 2 Bob false SoPassword=[]/BOB 0\n' +
        '1 ADA 1 2 1 3:Management/Management and administration User level 0/Administrator: full access to all data, maintains the system true false 0\n' +
        'DAVE:User level 4:false;BOB:User level 2:true; 0\n',
    );
  });

  it('creates users of a type for a person, validates and saves them, changes their type and deletes them', () => {
    expect(
      ok(
        run,
        `NSUser n = a.CreateDefaultUserFromUserTypeAndPersonId(1, 6);
printLine(n.GetAssociateId().toString() + " " + n.GetName() + " " + n.GetType().toString() + " " + n.GetPerson().GetLastname() + " " + n.GetUserGroup().GetValue() + " " + n.GetRole().GetValue());
printLine(a.ValidateUser(n).toJson());
NSCredential c;
NSCredentialType t; t.SetType("SoPassword");
c.SetType(t); c.SetValue("ola-secret");
NSCredential[] cs; cs.pushBack(c);
n.SetCredentials(cs);
n = a.SaveUser(n);
Integer id = n.GetAssociateId();
printLine(n.GetName() + " " + a.GetUserFromName("OLA").GetRole().GetValue() + " " + a.GetUserInfo(id).GetCanLogon().toString() + " " + a.ChangePassword(id, "ola-secret", "ola2").toString());
NSUser x = a.CreateDefaultUserFromUserTypeAndPersonId(5, 0);
printLine("[" + x.GetName() + "] " + x.GetRole().GetValue() + " " + x.GetUserGroup().GetId().toString());
NSUser m = a.CreateDefaultUser();
m.SetName("BOB");
m.SetPerson(a.GetUser(2).GetPerson());
m.SetRole(a.GetRole(4));
printLine(a.ValidateUser(m).toJson());
NSUser bob = a.GetUser(2);
bob.SetTooltip("Support lead");
a.SaveUserFromName("BOB", bob);
printLine(a.GetUser(2).GetTooltip());
NSUser e = a.ChangeUserType(a.GetUser(id), 3);
printLine(e.GetType().toString() + " " + a.GetUser(id).GetType().toString() + " " + a.GetUser(id).GetRole().GetValue() + " " + a.GetUserInfo(id).GetUserType().toString());
printLine(a.GetUserInfo(id).GetCanLogon().toString());`,
        { check: hashedOnly(['ola-secret', 'ola2', 'sandbox']) },
      ),
    ).toBe(
      '0 OLA 1 Nordmann Sales User level 0\n' +
        '{}\n' +
        'OLA User level 0 true true\n' +
        '[] Integration 0\n' +
        '{"Name":"the user name BOB is taken by the user 2","Person":"the person 2 is already the user BOB","Role":"the role Customer is for another type of user (role type 1)"}\n' +
        'Support lead\n' +
        '3 3 Customer 3\n' +
        'true\n',
    );
    expect(
      ok(
        run,
        `NSUser u = a.SaveUser(a.CreateDefaultUserFromUserTypeAndPersonId(1, 6));
Integer id = u.GetAssociateId();
a.SetPassword(id, "ola-1");
a.DeleteUser(id);
printLine(a.GetUser(id).GetAssociateId().toString() + " " + a.GetUserFromPersonId(6).length().toString() + " " + a.GetUserInfo(id).GetUserInfoId().toString());`,
        // its credentials and role link went with it: only Ada's link to role 1 is left
        { check: (crm) => expect(crm.count('Credentials', [{ column: 'searchName', op: '=', value: 'OLA' }]) + crm.count('UserRoleLink', [{ column: 'role_id', op: '=', value: 1 }])).toBe(1) },
      ),
    ).toBe('0 0 0\n');
    expect(run('a.CreateDefaultUserFromUserTypeAndPersonId(1, 0);').error).toBe(
      'NSUserAgent.CreateDefaultUserFromUserTypeAndPersonId: only system and anonymous users can be created without a person',
    );
    expect(run('a.CreateDefaultUserFromUserTypeAndPersonId(3, 2);').error).toBe('NSUserAgent.CreateDefaultUserFromUserTypeAndPersonId: the person 2 is already the user BOB');
    expect(run('a.CreateDefaultUserFromUserTypeAndPersonId(9, 6);').error).toBe(
      'NSUserAgent.CreateDefaultUserFromUserTypeAndPersonId: 9 is not a user type (1 employee, 2 resource, 3 external, 4 anonymous, 5 system)',
    );
    expect(run('NSUser u = a.CreateDefaultUser(); u.SetName("NEW"); a.SaveUser(u);').error).toBe(
      'NSUserAgent.SaveUser: a user of this type must be a person (only system and anonymous users can be without one)',
    );
    expect(run('a.SaveUserFromName("NOBODY", a.GetUser(2));').error).toBe('NSUserAgent.SaveUserFromName: there is no user named "NOBODY"');
    expect(run('NSUser u = a.GetUser(2); NSUserGroup[] g; g.pushBack(a.GetUserGroup(1)); u.SetOtherGroups(g); a.SaveUser(u);').error).toBe(
      "NSUserAgent.SaveUser: the sandbox CRM has no UserGroupLink table (a user's other groups)",
    );
  });

  it('resolves users from a person found by e-mail or name, making the user and the person when needed', () => {
    expect(
      ok(
        run,
        `String[] none;
String[] mails; mails.pushBack("bob@sandbox.example");
NSResolvedUser r = a.ResolveUserFromInfo(0, "", none, mails, 3);
printLine(r.GetPersonCreated().toString() + " " + r.GetUser().GetName() + " " + r.GetUser().GetAssociateId().toString());
r = a.ResolveUserFromInfo(4, "Ingrid Lie", none, none, 3);
NSUser u = r.GetUser();
printLine(r.GetPersonCreated().toString() + " " + u.GetName() + " " + u.GetType().toString() + " " + u.GetRole().GetValue() + " " + u.GetPerson().GetPersonId().toString());
String[] phones; phones.pushBack("+47 977 77 777");
String[] m2; m2.pushBack("tor@bluefjord.example");
NSCredential c; NSCredentialType t; t.SetType("SoPassword"); c.SetType(t); c.SetValue("tor-pw");
r = a.ResolveUserFromInfo(4, "Tor Fjell", phones, m2, 3, c);
u = r.GetUser();
NSPerson p = u.GetPerson();
printLine(r.GetPersonCreated().toString() + " " + u.GetName() + " " + p.GetFirstname() + "|" + p.GetLastname() + "|" + p.GetContactId().toString() + "|" + p.GetEmail() + "|" + p.GetDirectPhone() + " " + a.GetUserInfo(u.GetAssociateId()).GetCanLogon().toString() + " " + a.ChangePassword(u.GetAssociateId(), "tor-pw", "x").toString());`,
      ),
    ).toBe('false BOB 2\nfalse INGRID 3 Customer 9\ntrue TOR Tor|Fjell|4|tor@bluefjord.example|+47 977 77 777 true true\n');
    expect(run('String[] none; a.ResolveUserFromInfo(0, "", none, none, 3);').error).toBe('NSUserAgent.ResolveUserFromInfo: no person to resolve: give a name or an e-mail address');
  });

  it('changes passwords only with the old one, and lets only administrators set or change other users\' passwords', () => {
    expect(
      ok(
        run,
        `printLine(a.ChangePassword(2, "wrong", "new-bob").toString() + " " + a.ChangePassword(2, "sandbox", "new-bob").toString() + " " + a.ChangePassword(2, "sandbox", "x").toString() + " " + a.ChangePasswordFromName("BOB", "new-bob", "third").toString());
printLine(a.ChangeOwnPassword("sandbox", "ada-2").toString() + " " + a.ChangeOwnPassword("sandbox", "ada-3").toString());
printLine(a.CanChangePassword(3).toString() + " " + a.CanChangePassword(99).toString() + " " + a.ChangePassword(3, "", "carol-1").toString() + " " + a.ChangePassword(3, "carol-1", "carol-2").toString());
printLine(a.SetPassword(4, "dave-1").toString() + " " + a.SetPasswordFromName("DAVE", "dave-2").toString() + " " + a.ChangePassword(4, "dave-1", "x").toString() + " " + a.ChangePassword(4, "dave-2", "dave-3").toString());
String g = a.SetGeneratedPassword(4);
printLine(g.getLength().toString() + " " + a.ChangePassword(4, g, "dave-4").toString());
String s;
foreach (NSCredentialType t in a.GetCredentialTypes()) s += t.GetType() + "/" + t.GetDisplayType() + "/" + t.GetValueControl().toString() + "/" + t.GetIsUserNameSupported().toString() + " ";
printLine(s + a.GetCredentialTypesForUserType(1).length().toString() + a.GetCredentialTypesForUserType(2).length().toString() + a.GetCredentialTypesForUserType(4).length().toString() + a.GetCredentialTypesForUserType(5).length().toString());
NSCredential c; NSCredentialType t; t.SetType("SoPassword"); c.SetType(t); c.SetValue("saved-1");
printLine(a.SaveCredential(3, c).toString() + " " + a.ChangePassword(3, "saved-1", "y").toString() + " " + a.DeleteCredential(3, "SoPassword").toString() + " " + a.DeleteCredential(3, "SoPassword").toString() + " " + a.GetUserInfo(3).GetCanLogon().toString());`,
        { check: hashedOnly(['ada-2', 'third', 'dave-4']) },
      ),
    ).toBe(
      'false true false true\n' +
        'true false\n' +
        'true false true true\n' +
        'true true false true\n' +
        '12 true\n' +
        'SoPassword/Password/2/true 1001\n' +
        'true true true false false\n',
    );
    // Bob's role (User level 2) holds neither admin-all nor admin-users
    const asBob = { user: 'bob' };
    expect(ok(run, 'printLine(a.CanChangePassword(2).toString() + " " + a.CanChangePassword(1).toString() + " " + a.ChangeOwnPassword("sandbox", "bob-2").toString());', asBob)).toBe('true false true\n');
    expect(run('a.SetPassword(1, "taken-over");', asBob).error).toBe('NSUserAgent.SetPassword: the run\'s user may not change the credentials of user 1 (its role holds neither admin-all nor admin-users)');
    expect(run('a.ChangePassword(1, "sandbox", "x");', asBob).error).toBe(
      'NSUserAgent.ChangePassword: the run\'s user may not change the credentials of user 1 (its role holds neither admin-all nor admin-users)',
    );
    expect(run('a.SetPassword(2, "");').error).toBe('NSUserAgent.SetPassword: the new password is empty');
    expect(run('a.SetPassword(99, "x");').error).toBe('NSUserAgent.SetPassword: there is no user with id 99');
    expect(run('a.ChangePasswordFromName("NOBODY", "a", "b");').error).toBe('NSUserAgent.ChangePasswordFromName: there is no user named "NOBODY"');
    expect(run('NSCredential c; NSCredentialType t; t.SetType("Windows"); c.SetType(t); c.SetValue("DOM\\\\ada"); a.SaveCredential(1, c);').error).toBe(
      'NSUserAgent.SaveCredential: the sandbox has no credential type "Windows" (it has SoPassword)',
    );
  });

  it("reads a user's outbound credentials, the secret only for the user's own", () => {
    const script = `foreach (NSUntrustedCredentials c in a.GetUntrustedCredentialsForAssociate(1, "Mailbox")) printLine(c.GetPublicValue() + " [" + c.GetSecretValue() + "] " + c.GetComment() + " " + c.GetIsActive().toString() + " " + c.GetValidFrom().toString());
printLine(a.GetUntrustedCredentials("Mailbox").length().toString() + " " + a.GetUntrustedCredentials("SoPassword").length().toString());`;
    expect(ok(run, script)).toBe('ada@sandbox.example [demo-token-not-a-real-secret] Calendar sync true 2025-01-06 09:00:00\n1 0\n');
    expect(ok(run, script, { user: 'bob' })).toBe('ada@sandbox.example [] Calendar sync true 2025-01-06 09:00:00\n0 0\n');
    expect(run('a.GetUntrustedCredentialsForAssociate(99, "Mailbox");').error).toBe('NSUserAgent.GetUntrustedCredentialsForAssociate: there is no user with id 99');
  });

  it('keeps failing clearly for what the sandbox cannot have', () => {
    expect(run('a.GetAccessToken("app", true);').error).toBe("NSUserAgent.GetAccessToken: the sandbox has no SuperOffice Online access gateway (it issues the sandbox's tokens)");
    expect(run('a.GetExternalTokens("key");').error).toBe('NSUserAgent.GetExternalTokens: the sandbox keeps no external tokens (they come from the access gateway and identity providers)');
    expect(run('a.GetServiceAuth(1);').error).toBe('NSUserAgent.GetServiceAuth: the sandbox has no service authentication (ServiceAuth) of integrations to external services');
    expect(run('a.RemoveLicenses(2);').error).toBe('NSUserAgent.RemoveLicenses: the sandbox grants no licences (it has no license tables)');
  });
});

/** What shows a sandbox has the roles, rights and credentials with the demo's rows. */
const SMOKE = `NSUserAgent a;
printLine(a.GetAllRoles(0).length().toString() + " " + a.GetUser(2).GetRole().GetValue() + " " + a.GetFunctionalRights(1).length().toString() + " " + a.GetDataRight(2, "sale", 3) + " " + a.ChangePassword(2, "sandbox", "next").toString());`;

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  it("gains the role and credential tables with the demo's rows when opened", async () => {
    expect(await olderSqliteOutput('crm-roles-old-', ROLE_TABLES, [], 14, SMOKE)).toBe('3 User level 2 7 R true\n');
  });

  it('gains them empty when it does not hold the demo data', async () => {
    // no roles: Bob has none, and Ada, without a password, has only the empty one
    const source = 'NSUserAgent a;\nprintLine(a.GetAllRoles(0).length().toString() + " [" + a.GetUser(2).GetRole().GetValue() + "] " + a.ChangeOwnPassword("", "first").toString());';
    expect(await olderSqliteOutput('crm-roles-empty-', ROLE_TABLES, ['DELETE FROM config'], 14, source)).toBe('0 [] true\n');
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it("gains the role and credential tables with the demo's rows when a process of this build opens it", async () => {
    requireBuiltCli();
    const { url, admin } = await olderPgSandbox([`DROP TABLE ${ROLE_TABLES.map((t) => `crm."${t.toLowerCase()}"`).join(', ')}`], 13);
    try {
      expect(await runFileOn(url, 'crm-roles-pg-', SMOKE, ['--rollback'])).toBe('3 User level 2 7 R true\n');
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
    } finally {
      await admin.end();
    }
  });
});
