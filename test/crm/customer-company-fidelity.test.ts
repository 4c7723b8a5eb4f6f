// Customer (person) and Company (contact) as SuperOffice's reference documents them: phone rows
// told apart by their PhoneType, exact lookups, the documented fields, names given for ids, and
// toParser giving what getValue gives.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { crmFixture, runWithCrm, type CrmFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

afterAll(cleanupTempDirs);

// each test has a fresh database with the demo data
let f: CrmFixture | undefined;
afterEach(() => {
  f?.driver.close();
  f = undefined;
});

/** Runs a script that must not fail on a fresh demo database, and gives its output lines. */
async function lines(source: string): Promise<string[]> {
  f = await crmFixture({ rollback: true });
  const r = runWithCrm(f, source);
  expect(r.diagnostics).toEqual([]);
  expect(r.error).toBeNull();
  return r.output.trimEnd().split('\n');
}

const PHONE = (owner: number, type: number, number: string): string =>
  `executeSQLQuery("insert into phone (owner_id, ptype_idx, phone, rank, registered) values (${owner}, ${type}, '${number}', 0, '2025-01-01 00:00:00')");\n`;

describe('Customer and Company phones', () => {
  it('a person has a direct phone (16385), a direct fax (16387) and a mobile (16389)', async () => {
    const out = await lines(`${PHONE(5, 16389, '+47 400 00 001')}${PHONE(5, 16387, '+47 400 00 002')}
Customer c; c.load(5);
printLine(c.getValue("phone") + "|" + c.getValue("cellphone"));
Parser p; c.toParser(p); printLine(p.getVariable("customer.phone", 0) + "|" + p.getVariable("customer.cellphone", 0));
Customer a; printLine(a.findFromCellphone("+47 400 00 001").toString() + " " + a.getValue("id"));
Customer b; printLine(b.findFromCellphone("+47 400 00 002").toString() + " " + b.findFromCellphone("+47 911 11 111").toString());`);
    expect(out).toEqual(['+47 911 11 111|+47 400 00 001', '+47 911 11 111|+47 400 00 001', 'true 5', 'false false']);
  });

  it("a company's phone and fax are its own rows (ContactPhone 1, ContactFax 3), never a person's", async () => {
    const out = await lines(`Company c; c.load(3);
printLine("[" + c.getValue("phone") + "][" + c.getValue("fax") + "]");
${PHONE(3, 1, '+1 555 0000')}${PHONE(3, 3, '+1 555 0009')}
printLine("[" + c.getValue("phone") + "][" + c.getValue("fax") + "]");`);
    // person 3 (Carol) has the direct phone +47 900 00 004 under owner id 3
    expect(out).toEqual(['[][]', '[+1 555 0000][+1 555 0009]']);
  });

  it('setting a phone writes the row of the right type at save', async () => {
    const out = await lines(`Customer c; c.load(6);
c.setValue("phone", "+47 123 45 678"); c.setValue("cellphone", "+47 987 65 432");
Customer r; r.load(6); printLine(r.getValue("phone") + "|" + r.getValue("cellphone") + "|" + c.getValue("cellphone"));
c.save(); r.load(6); printLine(r.getValue("phone") + "|" + r.getValue("cellphone"));
Customer m; printLine(m.findFromCellphone("+47 987 65 432").toString() + " " + m.getValue("id"));
Company co; co.load(4); co.setValue("phone", "+47 55 00 00 00"); co.setValue("fax", "+47 55 00 00 01"); co.save();
Company k; k.load(4); printLine(k.getValue("phone") + "|" + k.getValue("fax"));
Customer p; p.load(4); printLine(p.getValue("phone"));`);
    expect(out).toEqual(['+47 922 22 222||+47 987 65 432', '+47 123 45 678|+47 987 65 432', 'true 6', '+47 55 00 00 00|+47 55 00 00 01', '+47 900 00 005']);
    const rows = f!.crm.select('phone', { where: [{ column: 'owner_id', op: '=', value: 6 }], orderBy: [{ column: 'ptype_idx' }] });
    expect(rows.map((r) => Number(r.ptype_idx))).toEqual([16385, 16389]);
  });
});

describe('Customer lookups match exact values', () => {
  it('findFromEmail and findFromCellphone do not take LIKE patterns', async () => {
    const out = await lines(`${PHONE(7, 16389, '+1 555 0199')}
Customer a; printLine(a.findFromEmail("%").toString() + a.findFromEmail("n_na@nordicbikes.example").toString() + a.findFromEmail("%@acme.example").toString());
Customer b; printLine(b.findFromCellphone("%").toString() + b.findFromCellphone("+1 555 01__").toString());
Customer c; printLine(c.findFromEmail("NINA@nordicbikes.example").toString() + " " + c.getValue("id"));
Customer d; printLine(d.findFromCellphone("+1 555 0199").toString() + " " + d.getValue("id"));`);
    expect(out).toEqual(['falsefalsefalse', 'falsefalse', 'true 5', 'true 7']);
  });
});

describe('documented fields', () => {
  it('Customer language and display_email', async () => {
    const out = await lines(`Customer c; c.load(8);
executeSQLQuery("insert into cust_lang (name, lang_code) values ('Klingon', 'tlh')");
c.setValue("language", "tlh"); c.setValue("display_email", "h.stone@acme.example"); c.setValue("display_name", "Hank Stone");
c.save();
Customer r; r.load(8);
SearchEngine se; se.addField("cust_lang.id"); se.addCriteria("cust_lang.lang_code", "Equals", "tlh"); se.execute();
printLine((r.getValue("language") == se.getField(0)).toString() + " " + r.getValue("display_email") + " " + r.getValue("name"));
try { c.setValue("language", "Esperanto"); } catch { printLine(error); }`);
    expect(out[0]).toBe('true henry@acme.example,h.stone@acme.example Hank Stone');
    expect(out[1]).toContain('there is no customer language "Esperanto"');
  });

  it('Customer username and password are the web login in user_candidate; the password is kept as its SHA-256', async () => {
    const out = await lines(`Customer c; c.load(8);
printLine("[" + c.getValue("username") + "][" + c.getValue("password") + "]");
c.setValue("username", " henry@acme.example "); c.setValue("password", "s3cret");
printLine(c.getValue("password"));
Customer fresh; fresh.setValue("password", "s3cret"); printLine((fresh.getValue("password") == c.getValue("password")).toString());
c.save();
SearchEngine se; se.addField("user_candidate.person_id"); se.addField("user_candidate.secret_key");
se.addCriteria("user_candidate.secret_value", "equals", fresh.getValue("password")); se.execute();
printLine(se.getField(0) + " " + se.getField(1));
Customer r; r.load(8); printLine(r.getValue("username"));
r.setValue("password", "other"); r.save();
SearchEngine n; n.addField("user_candidate.id"); n.execute(); Integer rows = 0; while (!n.eof()) { rows++; n.next(); } printLine(rows.toString());
Customer other; other.load(3); other.setValue("username", "HENRY@acme.example");
try { other.save(); } catch { printLine(error); }`);
    expect(out[0]).toBe('[][]');
    // SHA-256 of "s3cret"
    expect(out[1]).toBe('1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0');
    expect(out[2]).toBe('true');
    expect(out[3]).toBe('8 henry@acme.example');
    expect(out[4]).toBe('henry@acme.example');
    expect(out[5]).toBe('1'); // the second save updated the row
    expect(out[6]).toContain('the username "HENRY@acme.example" is already the web login of customer 8');
  });

  it('login() makes a session key for a loaded customer, logout() ends it', async () => {
    const out = await lines(`Customer c; c.load(7);
printLine("[" + c.getValue("loginSessionKey") + "]");
c.login(); String k = c.getValue("loginSessionKey"); printLine(k.getLength().toString());
c.login(); printLine((c.getValue("loginSessionKey") != k).toString());
c.logout(); printLine("[" + c.getValue("loginSessionKey") + "]");
Customer unsaved; try { unsaved.login(); } catch { printLine(error); }`);
    expect(out).toEqual(['[]', '32', 'true', '[]', expect.stringContaining('Customer.login: load or save the customer first')]);
  });

  it('Company fax, language, extTable, extKey, extLastCached and adr', async () => {
    const out = await lines(`Company c; c.load(3);
printLine(c.getValue("adr") + "|" + c.getValue("fax") + "|" + c.getValue("extKey"));
c.setValue("extKey", "ERP-3"); c.setValue("extTable", "2"); c.setValue("extLastCached", "2025-02-03 04:05:06"); c.setValue("language", "1");
c.save();
Company r; r.load(3);
printLine(r.getValue("extKey") + "|" + r.getValue("extTable") + "|" + r.getValue("extLastCached") + "|" + r.getValue("language"));
try { c.setValue("adr", "Street 1"); } catch { printLine(error); }
try { c.setValue("domain", "acme.com"); } catch { printLine(error); }`);
    expect(out[0]).toBe('1 Harbour Road, 10001 New York||');
    expect(out[1]).toBe('ERP-3|2|2025-02-03 04:05:06|1');
    expect(out[2]).toContain('"adr" cannot be set');
    expect(out[3]).toContain('"domain"');
  });
});

describe('fields with columns of their own', () => {
  it("Customer note is the person's info text, not post1", async () => {
    const out = await lines(`Customer c; c.load(9);
c.setValue("post1", "Postboks 1"); c.setValue("note", "Prefers email"); c.save();
Customer r; r.load(9); printLine(r.getValue("note") + "|" + r.getValue("infoText") + "|" + r.getValue("post1"));
r.setValue("infoText", "Prefers phone"); r.save(); c.load(9); printLine(c.getValue("note") + "|" + c.getValue("post1"));
Parser p; c.toParser(p); printLine(p.getVariable("customer.note", 0));`);
    expect(out).toEqual(['Prefers email|Prefers email|Postboks 1', 'Prefers phone|Postboks 1', 'Prefers phone']);
    expect(f!.crm.select('text', { where: [{ column: 'owner_id', op: '=', value: 9 }, { column: 'type', op: '=', value: 2 }] }).map((t) => t.text)).toEqual(['Prefers phone']);
  });

  it('Company ourContact (support) and ourSalesContact (sales) are separate', async () => {
    const out = await lines(`Company c; c.load(5);
c.setValue("ourContact", "2"); c.setValue("ourSalesContact", "1"); c.save();
Company r; r.load(5); printLine(r.getValue("ourContact") + " " + r.getValue("ourSalesContact") + " " + r.getValue("supportAssociateId"));`);
    expect(out).toEqual(['2 1 2']);
    const row = f!.crm.get('contact', 5);
    expect([row?.supportAssociateId, row?.associate_id].map(Number)).toEqual([2, 1]);
  });
});

describe('names given for ids', () => {
  it('Customer ourContact and priority, Company supportAssociateId take names', async () => {
    const out = await lines(`Customer c; c.load(10);
c.setValue("ourContact", "bob"); c.setValue("priority", "High"); c.save();
Customer r; r.load(10); printLine(r.getValue("ourContact") + " " + r.getValue("priority"));
r.setValue("our_contact", "CAROL"); r.setValue("priority_id", "2"); r.save(); c.load(10); printLine(c.getValue("ourContact") + " " + c.getValue("priority"));
Company co; co.load(2); co.setValue("supportAssociateId", "dave"); co.save();
Company k; k.load(2); printLine(k.getValue("supportAssociateId"));
try { c.setValue("ourContact", "nobody"); } catch { printLine(error); }
try { c.setValue("priority", "Urgent"); } catch { printLine(error); }`);
    // bob is associate 2, carol associate 3, dave associate 4; High is priority 3
    expect(out.slice(0, 3)).toEqual(['2 3', '3 2', '4']);
    expect(out[3]).toContain('there is no user "nobody"');
    expect(out[4]).toContain('there is no priority "Urgent"');
  });
});

describe('Company.toParser', () => {
  it('gives what getValue gives for note, domain, phone, fax, adr and ourContact', async () => {
    const fields = ['note', 'domain', 'phone', 'fax', 'adr', 'ourContact'];
    const out = await lines(`${PHONE(4, 1, '+47 55 55 55 55')}
Company c; c.load(4); c.setValue("note", "Key account"); c.setValue("ourContact", "bob"); c.save();
Parser p; c.toParser(p);
String[] f = String("${fields.join(',')}").split(",");
for (Integer i = 0; i < f.length(); i++) printLine(c.getValue(f[i]) + "|" + p.getVariable("company." + f[i], 0));`);
    for (const l of out) {
      const [a, b] = l.split('|');
      expect(b).toBe(a);
    }
    expect(out.map((l) => l.split('|')[0])).toEqual(['Key account', 'bluefjord.example', '+47 55 55 55 55', '', 'Fjordgata 7, 5003 Bergen', '2']);
  });
});

describe('Customer email changes wait for save()', () => {
  it('removeEmail and setValue("email") are written by save', async () => {
    const out = await lines(`Customer c; c.load(11);
c.removeEmail("KARI@polarsoft.example"); c.setValue("email", "kari.moe@polarsoft.example");
Customer r; r.load(11); printLine(c.getValue("email") + " | " + r.getValue("email"));
c.save(); r.load(11); printLine(r.getValue("email"));`);
    expect(out).toEqual(['kari.moe@polarsoft.example | kari@polarsoft.example', 'kari.moe@polarsoft.example']);
  });
});
