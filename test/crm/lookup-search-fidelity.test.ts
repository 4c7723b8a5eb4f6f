// Lookups by name match whole names (no LIKE wildcards); Attachment.saveBase64 returns the bytes
// written and remove() takes the content and the message links with it; ExtraFieldsInfo lists the
// fields relating to companies, customers and tickets; categories keep their full names right and
// refuse loops; countRows() counts the rows of the result set, as execute() gives them.
import { afterAll, describe, expect, it } from 'vitest';
import { crmFixture, describeBackends, runWithCrm } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

afterAll(cleanupTempDirs);

async function run(source: string): Promise<{ output: string; error: string | null; diagnostics: string[] }> {
  const f = await crmFixture({ rollback: true });
  try {
    return runWithCrm(f, source);
  } finally {
    f.driver.close();
  }
}

describe('lookups by name', () => {
  it('match the whole name, never a LIKE pattern', async () => {
    const r = await run(`printLine(getCategoryIdFromFullname("%").toString() + " " + getCategoryIdFromFullname("Support/Hard%").toString() + " " + getCategoryIdFromFullname("Support/Hardwar_").toString());
printLine(getCategoryIdFromFullname("Support/Hardware").toString() + " " + getCategoryIdFromFullname("support/hardware").toString());
printLine(getPriorityIdFromName("%").toString() + " " + getPriorityIdFromName("_ow").toString() + " " + getPriorityIdFromName("High").toString());
printLine(getStatusIdFromName("%").toString() + " " + getStatusIdFromName("Closed").toString());
ExtraTableInfo i;
try { i.load("%"); printLine("loaded " + i.getName()); } catch { printLine("no table"); }
try { i.load("y_equip%"); printLine("loaded " + i.getName()); } catch { printLine("no table"); }
i.load("y_equipment"); printLine(i.getName());
ExtraFieldsInfo e; e.getExtraFields("y_%"); printLine(e.eof().toString());`);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    expect(r.output.split('\n')).toEqual(['-1 -1 -1', '2 2', '-1 -1 3', '-1 2', 'no table', 'no table', 'Equipment', 'true', '']);
  });
});

describe('Attachment', () => {
  it('saveBase64 returns the number of bytes written; the id is the attachment\'s', async () => {
    const r = await run(`Attachment n; n.setValue("name", "hello.txt");
Integer bytes = n.saveBase64("SGVsbG8gc3dlZXAh");
Integer id = n.getValue("id").toInteger();
Attachment b; printLine(bytes.toString() + " " + b.load(id).toString() + " " + b.getRaw() + " " + b.getValue("size"));
printLine(n.saveBase64("").toString() + " " + n.getValue("id") + " " + (n.getValue("id").toInteger() == id).toString());`);
    expect(r.error).toBeNull();
    expect(r.output.split('\n')).toEqual(['12 true Hello sweep! 12', expect.stringMatching(/^0 \d+ true$/), '']);
  });

  it('remove() deletes the content and the links to messages too', async () => {
    const f = await crmFixture({ rollback: true });
    try {
      const before = runWithCrm(f, 'Message m; m.load(1); Integer[] a = m.getAttachments(); printLine(a.length().toString() + " " + a[0].toString());');
      expect(before.error).toBeNull();
      const [count, first] = before.output.trim().split(' ');
      expect(Number(count)).toBeGreaterThan(0);
      const r = runWithCrm(
        f,
        `Attachment a; a.load(${first}); a.remove();
Message m; m.load(1); printLine(m.getAttachments().length().toString());
Attachment n; n.setValue("name", "x.txt"); n.saveBase64("eHl6"); Integer id = n.getValue("id").toInteger(); n.remove();
Attachment c; printLine(c.load(${first}).toString() + " " + c.load(id).toString());`,
      );
      expect(r.error).toBeNull();
      expect(r.output.split('\n')).toEqual([String(Number(count) - 1), 'false false', '']);
      const left = (table: string): number => f.crm.count(table, [{ column: 'attachment_id', op: '=', value: Number(first) }]);
      expect(left('ticket_attachment')).toBe(0);
      expect(left('attachment_content')).toBe(0);
      expect(f.crm.count('attachment_content', [])).toBe(f.crm.count('attachment_content', [{ column: 'attachment_id', op: 'in', value: f.crm.select('attachment', { columns: ['id'] }).map((x) => Number(x.id)) }]));
    } finally {
      f.driver.close();
    }
  });
});

describe('ExtraFieldsInfo children fields', () => {
  // fields relating to other records, typed as the reference numbers them: 16 customer, 17 company,
  // 18 ticket, 20 extra table (with the extra table pointed to)
  const FIELDS = `Void field(String name, String type, String target) {
  SearchEngine f; f.addData("extra_fields.extra_table", "1"); f.addData("extra_fields.field_name", name); f.addData("extra_fields.name", name.subString(2, 10));
  f.addData("extra_fields.type", type); f.addData("extra_fields.target_extra_table", target); f.insert();
}
field("x_owner", "17", "0"); field("x_person", "16", "0"); field("x_ticket", "18", "0"); field("x_parent", "20", "1"); field("x_kind", "10", "0");
Void list(ExtraFieldsInfo e) { String s; for (; !e.eof(); e.next()) s += e.getTableName() + "." + e.getFieldName() + " "; printLine(s.stripLeadingAndTrailing(" ")); }
`;

  it('list the extra fields relating to companies, customers and tickets', async () => {
    const r = await run(`${FIELDS}
ExtraFieldsInfo c; c.getCompanyChildrenFields(); list(c);
ExtraFieldsInfo u; u.getCustomerChildrenFields(); list(u);
ExtraFieldsInfo t; t.getTicketChildrenFields(); list(t);
ExtraFieldsInfo e; e.getChildrenFields(20, 1); list(e);
ExtraFieldsInfo n; n.getChildrenFields(20, 2); list(n);
ExtraFieldsInfo k; k.getChildrenFields(10, 0); printLine(k.getName());`);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    // the demo's own x_contact (company relation) is listed after the new field (order_pos 0 first)
    expect(r.output.split('\n')).toEqual(['y_equipment.x_owner y_equipment.x_contact', 'y_equipment.x_person', 'y_equipment.x_ticket', 'y_equipment.x_parent', '', 'kind', '']);
  });
});

describe('Category', () => {
  it('renaming or moving a category renames its sub-categories', async () => {
    const r = await run(`Category n; n.setValue("parent", "2"); n.setValue("name", "Bikes"); Integer id = n.save();
Category g; g.setValue("parent", id.toString()); g.setValue("name", "Wheels"); Integer gid = g.save();
Category h; h.load(2); h.setValue("name", "HW"); h.save();
Category k; k.load(id); Category w; w.load(gid); printLine(k.getValue("fullname") + " " + w.getValue("fullname"));
printLine((getCategoryIdFromFullname("Support/HW/Bikes/Wheels") == gid).toString());
Category m; m.load(id); m.setValue("parent", "4"); m.save();
w.load(gid); printLine(w.getValue("fullname"));`);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    expect(r.output.split('\n')).toEqual(['Support/HW/Bikes Support/HW/Bikes/Wheels', 'true', 'Sales/Bikes/Wheels', '']);
  });

  it('cannot be its own parent, nor sit below one of its sub-categories', async () => {
    const r = await run(`Category c; c.load(2); c.setValue("parent", "2");
try { c.save(); printLine("saved"); } catch { printLine("refused"); }
Category n; n.setValue("parent", "2"); n.setValue("name", "Bikes"); Integer id = n.save();
Category s; s.load(1); s.setValue("parent", id.toString());
try { s.save(); printLine("saved"); } catch { printLine("refused"); }
Category k; k.load(2); printLine(k.getValue("parent") + " " + k.getValue("fullname"));
Category t; t.load(1); printLine(t.getValue("fullname"));`);
    expect(r.error).toBeNull();
    expect(r.output.split('\n')).toEqual(['refused', 'refused', '1 Support/Hardware', 'Support', '']);
    const e = await run('Category c; c.load(2); c.setValue("parent", "2"); c.save();');
    expect(e.error).toMatch(/Category\.save: .*category 2/);
  });
});

describe('countRows', () => {
  it('is the number of rows of the SearchEngine result set, its limit applied, before and after execute', async () => {
    const r = await run(`SearchEngine lim; lim.addField("ticket.id"); lim.setLimit(2);
Integer before = lim.countRows(); Integer got = lim.execute();
printLine(before.toString() + " " + got.toString() + " " + lim.countRows().toString());
SearchEngine all; all.addField("ticket.id"); Integer n = all.countRows(); printLine((n == all.execute()).toString() + " " + (n > 2).toString());`);
    expect(r.error).toBeNull();
    expect(r.output.split('\n')).toEqual(['2 2 2', 'true true', '']);
  });

  it('is the same for GenericSearch before and after execute', async () => {
    const r = await run(`GenericSearch g; g.addField("ticket.id"); g.addCriteria("ticket.status", "OperatorEquals", "1", "OperatorAnd", 0); g.setLimit(3);
Integer before = g.countRows(); g.execute(); Integer after = g.countRows();
Integer walked = 0; for (g.first(); !g.eof(); g.next()) walked++;
printLine(before.toString() + " " + after.toString() + " " + walked.toString());`);
    expect(r.error).toBeNull();
    expect(r.output.split('\n')).toEqual(['3 3 3', '']);
  });
});

// "virtual fields" (searchengine/using-the-searchengine-class-blog-post.md; Customer's
// direct/formattedNumber forms): computed from the e-mail and phone tables, as the CRM classes read them
describeBackends('SearchEngine virtual fields', (b) => {
  it('person.emailAddress, person.direct/mobile/phone/formattedNumber, contact.phone/fax/formattedNumber and contact.emailAddress', async () => {
    const f = await crmFixture({ rollback: true }, await b.fresh());
    try {
      const made = runWithCrm(f, `Company co; co.setValue("name", "Virtual Ltd"); co.setValue("phone", "+47 1"); co.setValue("fax", "+47 2");
Integer cid = co.save();
Customer p; p.setValue("firstname", "Vera"); p.setValue("lastname", "Tual"); p.setValue("company", cid.toString());
p.setValue("email", "vera@virtual.example"); p.setValue("phone", "+47 3"); p.setValue("cellphone", "+47 4");
Integer pid = p.save();
p.setValue("email", "second@virtual.example"); p.save();
printLine(cid.toString());`);
      expect(made.error).toBeNull();
      // the company's own address (no person), ranked after one written later with a better rank
      const contact = Number(made.output.trim());
      f.crm.insert('Email', { contact_id: contact, person_id: 0, email_address: 'later@virtual.example', protocol: 'SMTP', rank: 2 });
      f.crm.insert('Email', { contact_id: contact, person_id: 0, email_address: 'office@virtual.example', protocol: 'SMTP', rank: 1 });
      const r = runWithCrm(f, `SearchEngine se;
se.addField("person.fullName"); se.addField("person.emailAddress"); se.addField("person.direct/formattedNumber");
se.addField("person.phone/formattedNumber"); se.addField("person.mobile/formattedNumber");
se.addField("person.contact_id.phone/formattedNumber"); se.addField("person.contact_id.fax/formattedNumber"); se.addField("person.contact_id.emailAddress");
se.addCriteria("person.emailAddress", "Equals", "vera@virtual.example");
for (se.execute(); !se.eof(); se.next()) {
  String row;
  for (Integer i = 0; i < 8; i++) row += se.getField(i) + "|";
  printLine(row);
}`);
      expect(r.diagnostics).toEqual([]);
      expect(r.error).toBeNull();
      expect(r.output).toBe('Vera Tual|vera@virtual.example|+47 3|+47 3|+47 4|+47 1|+47 2|office@virtual.example|\n');
    } finally {
      f.driver.close();
    }
  });
});
