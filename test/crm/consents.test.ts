// GDPR consents in the sandbox (ConsentPurpose, LegalBase, ConsentSource, ConsentPerson): the
// demo's purposes, legal bases, sources and consents over SearchEngine; NSPersonAgent setting,
// withdrawing, checking and listing a person's consents and the NSConsentPerson cycle;
// NSPersonEntity's Consents; NSListAgent's and NSMDOAgent's lists; and a sandbox made by an older
// build (SQLite schema 7, PostgreSQL 6) gaining the tables and, with the demo data, their rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmFixture, describeBackends, searchRows as query, runMail, runWithCrm, olderSqliteSandbox, type CrmFixture, olderPgSandbox, runFileOn } from './helpers.js';
import { cleanupTempDirs, requireBuiltCli } from '../common.js';
import { pgOnlyDescribe } from '../store/backends.js';
import { openDriver, serviceOver } from '../../src/crm/open.js';
import { loadSqlite } from '../../src/crm/sqlite/engine.js';
import { CONSENT_TABLES } from '../../src/crm/demo-consents.js';
import { PG_CRM_VERSION } from '../../src/crm/pg/ddl.js';

requireBuiltCli();
afterAll(cleanupTempDirs);


/** Prints "purpose legal-base source comment" of each of a person's consents. */
const infos = (person: number): string => `{
NSConsentInfo[] list = pa.GetConsentInfos(${person});
for (Integer i = 0; i < list.length(); i++) printLine(list[i].GetConsentPurposeKey() + " " + list[i].GetLegalBaseKey() + " " + list[i].GetConsentSourceKey() + " " + list[i].GetComment());
}`;

/** What shows that a sandbox has the consents: person 9's and whether 5 and 7 take e-marketing. */
const CONSENT_SMOKE = `NSPersonAgent pa;
${infos(9)}
printLine(pa.HasConsent(5, "EMARKETING").toString() + " " + pa.HasConsent(7, "EMARKETING").toString());`;

describeBackends('GDPR consents', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());

  const exec = (src: string): ReturnType<typeof runWithCrm> => {
    const r = runWithCrm(f, src);
    expect(r.diagnostics).toEqual([]);
    return r;
  };
  const run = (src: string): string => {
    const r = exec(src);
    expect(r.error).toBeNull();
    return r.output;
  };
  const error = (src: string): string => exec(src).error ?? '';

  it('SearchEngine reads the purposes, legal bases, sources and consents, following the links', () => {
    expect(run(query('ConsentPurpose', ['consentpurpose_id', 'key', 'name', 'active']))).toBe('1 STORE Sales and service 1\n2 EMARKETING E-marketing 1\n');
    expect(run(query('LegalBase', ['legalbase_id', 'key'], 'se.addCriteria("LegalBase.key", "In", "61A,61F,WITHDRAWN");'))).toBe('1 61A\n6 61F\n7 WITHDRAWN\n');
    expect(run(query('ConsentSource', ['consentsource_id', 'key'], 'se.addCriteria("ConsentSource.rank", "Gte", "8");'))).toBe('8 API\n9 UNKNOWN\n');
    const emarketing = 'se.addCriteria("ConsentPerson.consentPurpose_id.key", "Equals", "EMARKETING");';
    expect(run(query('ConsentPerson', ['person_id', 'person_id.firstname', 'legalBase_id.name', 'consentSource_id.key'], emarketing))).toBe(
      '5 Nina Consent WEBFORM\n7 Grace Withdrawn EMAIL\n9 Ingrid Consent EMAIL\n',
    );
  });

  it('NSMDOAgent has the lists consentpurpose, consentsource and legalbase', () => {
    const names = (list: string): string =>
      `{ NSMDOListItem[] l = m.GetList("${list}", true, "", false); String s; for (Integer i = 0; i < l.length(); i++) s += l[i].GetName() + "|"; printLine(s); }`;
    expect(run(`NSMDOAgent m;\n${['consentpurpose', 'legalbase'].map(names).join('\n')}\nprintLine(m.GetList("ConsentSource", true, "", false).length().toString());`)).toBe(
      'Sales and service|E-marketing|\nConsent|Contract|Legal obligation|Vital interest|Public interest|Legitimate interest|Withdrawn|\n9\n',
    );
  });

  it('SetConsent adds a consent or replaces the one of the same purpose; RemoveConsent withdraws it; HasConsent sees only given ones', () => {
    expect(
      run(`${CONSENT_SMOKE}
printLine(pa.HasConsent(6, "EMARKETING").toString() + " " + pa.HasConsent(6, "store").toString() + " " + pa.HasConsent(6, "NOSUCH").toString() + " " + pa.HasConsent(999, "STORE").toString());
pa.SetConsent(6, "EMARKETING", "API", "61F", "Set from CRMScript");
printLine(pa.HasConsent(6, "EMARKETING").toString());
pa.SetConsent(6, "emarketing", "", "61a", "Confirmed");
${infos(6)}
pa.RemoveConsent(6, "EMARKETING");
pa.RemoveConsent(8, "EMARKETING");
printLine(pa.HasConsent(6, "EMARKETING").toString() + " " + pa.HasConsent(8, "EMARKETING").toString());
${infos(6)}
pa.SetConsent(7, "EMARKETING", "CHAT", "61A", "Subscribed again");
printLine(pa.HasConsent(7, "EMARKETING").toString() + " " + pa.GetConsentInfos(7).length().toString());`),
    ).toBe(
      [
        'STORE 61F USER ',
        'EMARKETING 61A EMAIL Asked for offers by e-mail',
        'true false',
        'false true false false',
        'true',
        'STORE 61F USER ',
        'EMARKETING 61A  Confirmed',
        'false false',
        'STORE 61F USER ',
        'EMARKETING WITHDRAWN  Confirmed',
        'true 2',
        '',
      ].join('\n'),
    );
    // the person's consent row was updated in place: one row per person and purpose
    expect(run(query('ConsentPerson', ['person_id', 'updatedCount'], 'se.addCriteria("ConsentPerson.person_id", "Equals", "6");'))).toBe('6 0\n6 2\n');
  });

  it('SetConsent and RemoveConsent name what they cannot find', () => {
    expect(error('NSPersonAgent pa; pa.SetConsent(338, "EMARKETING", "API", "61F", "");')).toMatch(/NSPersonAgent\.SetConsent: there is no person with id 338/);
    expect(error('NSPersonAgent pa; pa.SetConsent(5, "NEWSLETTER", "API", "61F", "");')).toMatch(/no consent purpose with key "NEWSLETTER" \(the keys are: STORE, EMARKETING\)/);
    expect(error('NSPersonAgent pa; pa.SetConsent(5, "STORE", "FAX", "61F", "");')).toMatch(/no consent source with key "FAX"/);
    expect(error('NSPersonAgent pa; pa.SetConsent(5, "STORE", "API", "", "");')).toMatch(/the legal base key is empty \(the keys are: 61A, 61B, 61C, 61D, 61E, 61F, WITHDRAWN\)/);
    expect(error('NSPersonAgent pa; pa.RemoveConsent(5, "NEWSLETTER");')).toMatch(/NSPersonAgent\.RemoveConsent: there is no consent purpose/);
    expect(error('NSPersonAgent pa; pa.SendConsentConfirmationEmail(338, "", 3, 0, "");')).toBe('NSPersonAgent.SendConsentConfirmationEmail: there is no person with id 338');
    expect(error('NSPersonAgent pa; pa.SendConsentConfirmationEmail(5, "", 1, 0, "");')).toMatch(/document template 1 \(quote\.docx\) has no file in the sandbox's document archive/);
  });

  it('SendConsentConfirmationEmail mails the template filled for the person, to the given address or the person\'s first', () => {
    const { outbox } = runMail(f, `NSPersonAgent pa;
pa.SendConsentConfirmationEmail(5, "", 4, 0, "Your consent");
pa.SendConsentConfirmationEmail(5, "other@example.com", 3, 1033, "");`);
    expect(outbox).toHaveLength(2);
    const [plain, html] = outbox;
    expect(plain!.to).toEqual(['nina@nordicbikes.example']);
    expect(plain!.subject).toBe('Your consent');
    expect(plain!.html).toBe('');
    // the plain letter's tags filled for Nina Hansen of Nordic Bikes
    expect(plain!.text).toContain('Nordic Bikes AS');
    expect(plain!.text).not.toMatch(/\{name\}/);
    expect(html!.to).toEqual(['other@example.com']);
    expect(html!.text).toBe('');
    expect(html!.html).toContain('<p>');
  });

  it('the NSConsentPerson cycle: create, save, get, refuse a second consent of a purpose, delete', () => {
    expect(
      run(`NSPersonAgent pa;
NSListAgent la;
NSConsentPerson c = pa.CreateDefaultConsentPerson();
c.SetPersonId(10);
c.SetConsentPurpose(la.GetConsentPurpose(2));
c.SetLegalBase(la.GetLegalBase(1));
c.SetConsentSource(la.GetConsentSource(6));
c.SetComment("Ticked in the portal");
c = pa.SaveConsentPerson(c);
Integer id = c.GetConsentPersonId();
NSConsentPerson back = pa.GetConsentPerson(id);
printLine(back.GetPersonId().toString() + " " + back.GetConsentPurpose().GetKey() + " " + back.GetLegalBase().GetName() + " " + back.GetConsentSource().GetName() + " " + back.GetComment());
printLine(pa.HasConsent(10, "EMARKETING").toString());
pa.DeleteConsentPerson(id);
printLine(pa.HasConsent(10, "EMARKETING").toString() + " " + pa.GetConsentPerson(id).GetConsentPersonId().toString());`),
    ).toBe('10 EMARKETING Consent Customer portal Ticked in the portal\ntrue\nfalse 0\n');
    expect(
      error(`NSPersonAgent pa; NSListAgent la;
NSConsentPerson c = pa.CreateDefaultConsentPerson();
c.SetPersonId(5);
c.SetConsentPurpose(la.GetConsentPurpose(1));
pa.SaveConsentPerson(c);`),
    ).toMatch(/SaveConsentPerson: person 5 already has a consent for purpose 1 \(ConsentPerson 1\)/);
  });

  it("NSPersonEntity's Consents are read with the person and written by its save", () => {
    expect(
      run(`NSPersonAgent pa;
NSPersonEntity p = pa.GetPersonEntity(9);
NSConsentInfo[] c = p.GetConsents();
printLine(c.length().toString() + " " + c[0].GetConsentPurposeName() + " " + c[1].GetConsentPurposeName() + " " + c[1].GetLegalBaseName());
NSConsentInfo[] keep;
keep.pushBack(c[0]);
NSConsentInfo more;
more.SetConsentPurposeKey("EMARKETING");
more.SetLegalBaseKey("61B");
more.SetConsentSourceKey("REQUEST");
more.SetComment("Part of the contract");
keep.pushBack(more);
p.SetConsents(keep);
pa.SavePersonEntity(p);
${infos(9)}
NSPersonEntity q = pa.GetPersonEntity(9);
q.SetFirstname("Inga");
pa.SavePersonEntity(q);
${infos(9)}
NSConsentInfo[] none;
q.SetConsents(none);
pa.SavePersonEntity(q);
printLine(pa.GetConsentInfos(9).length().toString());`),
    ).toBe('2 Sales and service E-marketing Consent\nSTORE 61F USER \nEMARKETING 61B REQUEST Part of the contract\nSTORE 61F USER \nEMARKETING 61B REQUEST Part of the contract\n0\n');
  });

  it('a deleted person takes its consents along', () => {
    expect(run('NSPersonAgent pa; pa.DeletePersonEntity(11);\n' + query('ConsentPerson', ['person_id'], 'se.addCriteria("ConsentPerson.person_id", "Equals", "11");'))).toBe('');
  });

  it("a merged person's consents go to the person it is merged into, for the purposes that one has none for", () => {
    // a new person of company 2 with one consent (STORE, by contract), and person 9 (STORE and
    // E-marketing) merged into it
    const out = run(`NSPersonAgent pa;
NSPersonEntity p = pa.CreateDefaultPersonEntity();
p.SetFirstname("Merge");
p.SetLastname("Target");
NSContact c;
c.SetContactId(2);
p.SetContact(c);
Integer to = pa.SavePersonEntity(p).GetPersonId();
pa.SetConsent(to, "STORE", "USER", "61B", "contract");
pa.SetConsent(9, "EMARKETING", "EMAIL", "61A", "newsletter");
${infos(9)}
printLine("--");
pa.Merge(9, to, DateTime(), true, false);
{
NSConsentInfo[] list = pa.GetConsentInfos(to);
for (Integer i = 0; i < list.length(); i++) printLine(list[i].GetConsentPurposeKey() + " " + list[i].GetLegalBaseKey() + " " + list[i].GetConsentSourceKey() + " " + list[i].GetComment());
}
${query('ConsentPerson', ['person_id'], 'se.addCriteria("ConsentPerson.person_id", "Equals", "9");')}`);
    const [source, merged] = out.split('--\n').map((t) => t!.trim().split('\n'));
    expect(source).toContain('EMARKETING 61A EMAIL newsletter');
    // the target keeps its own STORE consent and gains 9's E-marketing one; nothing is left of person 9
    expect(merged!.sort()).toEqual(['EMARKETING 61A EMAIL newsletter', 'STORE 61B USER contract']);
  });

  it('NSListAgent reads and saves purposes, legal bases and sources; keys stay unique', () => {
    expect(
      run(`NSListAgent la;
NSConsentPurpose[] ps = la.GetConsentPurposes();
printLine(ps.length().toString() + " " + ps[0].GetKey() + " " + ps[0].GetName() + " " + ps[0].GetActive().toString() + " " + ps[0].GetConsentText());
printLine(la.GetLegalBases().length().toString() + " " + la.GetLegalBase(6).GetName() + " " + la.GetConsentSources().length().toString() + " " + la.GetConsentSource(8).GetKey());
Integer[] ids; ids.pushBack(7); ids.pushBack(1);
NSLegalBase[] two = la.GetLegalBaseList(ids);
printLine(two[0].GetKey() + " " + two[1].GetKey());
NSConsentPurpose p;
p.SetName("Surveys");
p.SetKey("SURVEY");
p.SetActive(1);
p.SetRank(3);
p = la.SaveConsentPurpose(p);
printLine(p.GetConsentPurposeId().toString() + " " + la.GetConsentPurpose(p.GetConsentPurposeId()).GetName() + " " + la.GetConsentPurposes().length().toString());
NSConsentSource s;
s.SetName("Trade fair");
s.SetKey("FAIR");
printLine(la.SaveConsentSource(s).GetConsentSourceId().toString());
NSPersonAgent pa;
pa.SetConsent(5, "SURVEY", "FAIR", "61A", "");
printLine(pa.HasConsent(5, "SURVEY").toString());`),
    ).toBe(
      '2 STORE Sales and service 1 I agree that my details are kept to handle sales and service\n7 Legitimate interest 9 API\nWITHDRAWN 61A\n3 Surveys 3\n10\ntrue\n',
    );
    expect(error('NSListAgent la; NSLegalBase b; b.SetName("Another consent"); b.SetKey("61a"); la.SaveLegalBase(b);')).toMatch(/NSListAgent\.SaveLegalBase: another LegalBase row \(1\) has the key "61a"/);
    expect(error('NSListAgent la; NSConsentSource s; s.SetName("No key"); la.SaveConsentSource(s);')).toMatch(/the source key \(SetKey\) is required/);
  });

});

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  /** Writes a sandbox as schema 7 wrote it: no consent tables; `data`: the demo data or none. */
  async function oldSandbox(data: boolean): Promise<string> {
    return olderSqliteSandbox('crm-consents-old-', [...CONSENT_TABLES.map((t) => `DROP TABLE "${t}"`), `UPDATE ticket SET title = 'kept' WHERE id = 1; PRAGMA user_version = 7`, ...(data ? [] : ['DELETE FROM config'])].join('; '));
  }

  it('gains the tables and the demo rows when opened, and keeps its own rows', async () => {
    const driver = await openDriver(await oldSandbox(true));
    try {
      const r = runWithCrm({ dir: '', driver, crm: serviceOver(driver, { rollback: true }) }, `${CONSENT_SMOKE}\n${query('ticket', ['id', 'title'], 'se.addCriteria("ticket.id", "Equals", "1");')}`);
      expect(r.diagnostics).toEqual([]);
      expect(r.error).toBeNull();
      expect(r.output).toBe('STORE 61F USER \nEMARKETING 61A EMAIL Asked for offers by e-mail\ntrue false\n1 kept\n');
    } finally {
      driver.close();
    }
  });

  it('a sandbox without the demo data gets the tables without rows', async () => {
    const driver = await openDriver(await oldSandbox(false));
    try {
      for (const t of CONSENT_TABLES) expect(driver.all(`SELECT count(*) FROM "${t}"`).rows[0]?.[0]).toBe(0);
    } finally {
      driver.close();
    }
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it('gains the tables and the demo rows when a process of this build opens it', async () => {
    const { url, admin } = await olderPgSandbox([`DROP TABLE ${CONSENT_TABLES.map((t) => `crm."${t.toLowerCase()}"`).join(', ')}`], 6);
    try {
      const out = await runFileOn(url, 'crm-consents-pg-', `${CONSENT_SMOKE}\nNSListAgent la;\nNSConsentSource s;\ns.SetName("Trade fair");\ns.SetKey("FAIR");\nprintLine(la.SaveConsentSource(s).GetConsentSourceId().toString());`);
      // a new source's key comes after the demo rows' keys
      expect(out).toBe('STORE 61F USER \nEMARKETING 61A EMAIL Asked for offers by e-mail\ntrue false\n10\n');
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
    } finally {
      await admin.end();
    }
  }, 60_000);
});
