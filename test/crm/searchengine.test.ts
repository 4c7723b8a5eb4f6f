// SearchEngine over the real sandbox database: dot-syntax joins, operator spellings, functions,
// group/having, distinct, order, limit, output formats, writes and their change records, errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmFixture, describeBackends, runWithCrm, type CrmFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';
import { compileScript } from '../../src/interp/compile-script.js';
import { execute } from '../../src/interp/execute.js';
import { newRunContext } from '../../src/interp/runtime/context.js';

let f: CrmFixture;
afterAll(cleanupTempDirs);

const run = (src: string) => {
  const r = runWithCrm(f, src);
  expect(r.diagnostics).toEqual([]);
  return r;
};
/** The ids a query over ticket returns with one criterion. */
const idsWhere = (field: string, op: string, value: string): string => {
  const r = run(`SearchEngine se; se.addField("ticket.id"); se.addCriteria("${field}", "${op}", "${value}"); for (se.execute(); !se.eof(); se.next()) print(se.getField(0) + " ");`);
  expect(r.error).toBeNull();
  return r.output.trim();
};

// every case runs on the embedded SQLite file and on PostgreSQL
describeBackends('SearchEngine', (b) => {
beforeAll(async () => {
  f = await crmFixture({ rollback: true }, await b.fresh());
});
afterAll(() => f.driver.close());

describe('SearchEngine queries', () => {
  it('accepts every spelling of the comparison operators, case-insensitively', () => {
    for (const op of ['OperatorEquals', 'Equals', 'equals', 'EQ', '=', '==']) expect(idsWhere('ticket.priority', op, '4')).toBe('3');
    for (const op of ['OperatorGt', 'gt', '>']) expect(idsWhere('ticket.id', op, '8')).toBe('9 10');
    for (const op of ['OperatorLte', 'lte', '<=']) expect(idsWhere('ticket.id', op, '2')).toBe('1 2');
    expect(idsWhere('ticket.id', 'OperatorNotEquals', '1').split(' ')).toHaveLength(9);
    expect(idsWhere('ticket.id', 'OperatorIn', '2, 4,6')).toBe('2 4 6');
    expect(idsWhere('ticket.id', 'notIn', '1,2,3,4,5,6,7,8')).toBe('9 10');
    expect(idsWhere('ticket.title', 'OperatorBeginsWith', 'wi-fi')).toBe('7');
    expect(idsWhere('ticket.title', 'endsWith', 'COLUMN')).toBe('9');
    expect(idsWhere('ticket.title', 'OperatorContains', 'charge')).toBe('8');
    expect(idsWhere('ticket.title', 'OperatorLike', '%ScAnNeR%')).toBe('6');
    expect(idsWhere('ticket.closed_at', 'OperatorIs', '')).toBe('1 2 3 4 6 7 9 10');
  });

  it('maps enum names to their values (status "postponed")', () => {
    expect(idsWhere('ticket.status', 'equals', 'postponed')).toBe('6');
    expect(idsWhere('ticket.status', 'equals', 'Closed')).toBe('5 8');
  });

  it('joins along foreign keys with dot (left) and colon (inner), once per path', () => {
    const r = run(`SearchEngine se;
      se.addFields("ticket", "id,cust_id.firstname,cust_id.contact_id.name");
      se.addCriteria("ticket.id", "in", "1,10");
      printLine(se.buildSql());
      for (se.execute(); !se.eof(); se.next()) printLine(se.getField(0) + "|" + se.getField("ticket.cust_id.firstname") + "|" + se.getField(2));
      SearchEngine inner; inner.addField("ticket.id"); inner.addField("ticket:cust_id.firstname"); inner.addCriteria("ticket.id", "in", "1,10");
      printLine(inner.executeJSON());`);
    expect(r.error).toBeNull();
    const [sql, ...rest] = r.output.trim().split('\n');
    expect(sql.match(/JOIN "person"/g)).toHaveLength(1);
    expect(sql).toContain('LEFT JOIN "contact"');
    expect(sql).not.toContain("'1,10'");
    expect(rest.slice(0, 2)).toEqual(['1|Nina|Nordic Bikes AS', '10||']);
    expect(JSON.parse(rest[2])).toEqual([{ 'ticket.id': '1', 'ticket:cust_id.firstname': 'Nina' }]);
  });

  it('follows reverse links (table->field) for many-to-many relations', () => {
    const r = run(`SearchEngine se; se.addField("ticket.id"); se.addField("ticket.(ticket_customers->ticket_id).customer_id.lastname");
      se.addCriteria("ticket.id", "equals", "5"); printLine(se.executeJSON());`);
    expect(r.error).toBeNull();
    expect(JSON.parse(r.output)).toEqual([{ 'ticket.id': '5', 'ticket.(ticket_customers->ticket_id).customer_id.lastname': 'Berg' }]);
  });

  it('groups with aggregate functions, filters groups with having, orders and limits', () => {
    const r = run(`SearchEngine se; se.addField("ticket.category.name"); se.addField("ticket.id", "FuncCount"); se.setGroup(true);
      se.addHaving("ticket.id", "count", "gte", "2", "OperatorAnd", 0); se.addOrder("ticket.category.name", true);
      printLine(se.executeJSON());
      SearchEngine lim; lim.addField("ticket.id"); lim.addOrder("ticket.created_at", false); lim.setLimit(3);
      printLine(lim.select().toString() + " of " + lim.countRows().toString());
      for (lim.first(); !lim.eof(); lim.next()) print(lim.getField(0) + " ");`);
    expect(r.error).toBeNull();
    const lines = r.output.trim().split('\n');
    expect(JSON.parse(lines[0])).toEqual([
      { 'ticket.category.name': 'Billing', 'ticket.id': '2' },
      { 'ticket.category.name': 'Hardware', 'ticket.id': '3' },
      { 'ticket.category.name': 'Software', 'ticket.id': '3' },
    ]);
    expect(lines[1]).toBe('3 of 3');
    expect(lines[2].trim()).toBe('10 9 8');
  });

  it('groups criteria by priority with row operators', () => {
    // (priority = 4 OR priority = 1) AND status = active
    const r = run(`SearchEngine se; se.addField("ticket.id");
      se.addCriteria("ticket.priority", "equals", "4", "OperatorOr", 0);
      se.addCriteria("ticket.priority", "equals", "1", "OperatorAnd", 0);
      se.addCriteria("ticket.status", "equals", "active", "OperatorAnd", 1);
      for (se.execute(); !se.eof(); se.next()) print(se.getField(0) + " ");`);
    expect(r.error).toBeNull();
    expect(r.output.trim()).toBe('3 7');
  });

  it('takes a row operator without a priority, as SuperOffice\'s query examples write it', () => {
    const four = run(`SearchEngine se; se.addField("ticket.id");
      se.addCriteria("ticket.priority", "equals", "4", "OperatorOr");
      se.addCriteria("ticket.priority", "equals", "1", "OperatorAnd");
      for (se.execute(); !se.eof(); se.next()) print(se.getField(0) + " ");`);
    const five = run(`SearchEngine se; se.addField("ticket.id");
      se.addCriteria("ticket.priority", "equals", "4", "OperatorOr", 0);
      se.addCriteria("ticket.priority", "equals", "1", "OperatorAnd", 0);
      for (se.execute(); !se.eof(); se.next()) print(se.getField(0) + " ");`);
    expect(four.error).toBeNull();
    expect(four.output.trim()).not.toBe('');
    expect(four.output).toBe(five.output);
  });

  it('compares two fields and applies functions', () => {
    const r = run(`SearchEngine se; se.addField("ticket.title", "upper"); se.addField("ticket.created_at", "hour");
      se.addComparison("ticket.priority", "OperatorGt", "ticket.orig_priority", "OperatorAnd", 0);
      se.addCriteria("ticket.id", "equals", "3");
      printLine(se.countRows().toString());
      SearchEngine fn; fn.addField("ticket.title", "upper"); fn.addField("ticket.created_at", "FuncHour"); fn.addCriteria("ticket.id", "equals", "3");
      fn.execute(); printLine(fn.getField(0) + "/" + fn.getField(1));`);
    expect(r.error).toBeNull();
    expect(r.output.trim().split('\n')).toEqual(['0', 'TRACKING PAGE SHOWS OLD SHIPMENTS/7']);
  });

  it('passes values as parameters, never as SQL text', () => {
    const r = run(`SearchEngine se; se.addField("ticket.id"); se.addCriteria("ticket.title", "equals", "x' OR '1'='1");
      printLine(se.countRows().toString()); printLine(se.buildSql());`);
    expect(r.error).toBeNull();
    const [count, sql] = r.output.trim().split('\n');
    expect(count).toBe('0');
    expect(sql).toContain('= ?');
    expect(sql).not.toContain("'1'='1");
  });

  it('writes text, HTML, JSONBuilder and StringMatrix output', () => {
    const r = run(`SearchEngine se; se.addFields("sale", "sale_id,heading,amount"); se.addCriteria("sale.sale_id", "lte", "2");
      printLine(se.executeTextTable()); printLine(se.executeHTMLTable());
      JSONBuilder jb; jb.pushObject(""); se.executeToJSONBuilder(jb, "id:Integer,heading:String,amount:Float", "sales"); jb.popLevel(); printLine(jb.getString());
      StringMatrix m; se.executeInto(m); printLine(m.getCell(1, 1));`);
    expect(r.error).toBeNull();
    expect(r.output).toContain(' sale.sale_id|sale.heading');
    expect(r.output).toMatch(/ 1 +40 guest-room tablets +52000/);
    expect(r.output).toContain('<tr><th>sale.sale_id</th><th>sale.heading</th><th>sale.amount</th></tr><tr><td>1</td>');
    const json = r.output.split('\n').find((l) => l.startsWith('{'))!;
    expect(JSON.parse(json)).toEqual({ sales: [ { id: 1, heading: '40 guest-room tablets', amount: 52000 }, { id: 2, heading: 'Workshop service contract', amount: 18000 } ] });
    expect(r.output.trim().split('\n').pop()).toBe('Workshop service contract');
  });

  it('names an unknown table or field and the closest real names', () => {
    const t = runWithCrm(f, 'SearchEngine se; se.addField("tikcet.title"); se.execute();');
    expect(t.error).toMatch(/unknown table "tikcet".*did you mean.*ticket/);
    const c = runWithCrm(f, 'SearchEngine se; se.addField("ticket.titel"); se.execute();');
    expect(c.error).toMatch(/unknown field "titel" in table ticket.*title/);
    const o = runWithCrm(f, 'SearchEngine se; se.addField("ticket.id"); se.addCriteria("ticket.id", "sortof", "1"); se.execute();');
    expect(o.error).toMatch(/unknown comparison operator "sortof"/);
  });

  it('places an error found when the search runs at the call that ran it, however deep the search raised it', () => {
    const at = (source: string) => {
      const r = execute(compileScript({ source, file: 'q.crm' }).compiled!, newRunContext({ crm: f.crm }));
      return `${r.error?.line}:${r.error?.col}: ${r.error?.message}`;
    };
    expect(at('SearchEngine se;\nse.addField("sale.sale_id");\nse.addCriteria("sale.nosuch", "OperatorEquals", "1");\nse.execute();')).toMatch(/^4:4: SearchEngine: unknown field "nosuch" in table sale/);
    expect(at('SearchEngine se;\nse.addField("ticket.id");\nse.addCriteria("ticket.(Nosuch->record_id).table_id", "OperatorEquals", "1");\nString s = se.executeTextTable();')).toMatch(/^4:15: SearchEngine: unknown table "Nosuch"/);
  });
});

describe('SearchEngine writes', () => {
  it('inserts, updates and deletes, and every write is in the run changes', () => {
    const r = run(`SearchEngine ins; ins.addData("registry.reg_id", "900"); ins.addData("registry.name", "test"); ins.addData("registry.value", "a");
      Integer id = ins.insert();
      SearchEngine up; up.addData("registry.value", "b"); up.addCriteria("registry.reg_id", "equals", "900"); up.update();
      SearchEngine dl; dl.addField("registry.id"); dl.addCriteria("registry.reg_id", "equals", "235"); dl.delete();
      SearchEngine df; df.addDataField("ticket.deadline", "ticket.created_at"); df.addCriteria("ticket.id", "equals", "1"); df.update();
      printLine(id.toString());`);
    expect(r.error).toBeNull();
    const id = Number(r.output.trim());
    const changes = f.crm.changes();
    expect(changes).toContainEqual({ table: 'registry', id, kind: 'insert', columns: expect.arrayContaining([{ name: 'value', old: null, new: 'b' }]) });
    expect(changes).toContainEqual(expect.objectContaining({ table: 'registry', id: 1, kind: 'delete' }));
    expect(changes).toContainEqual({ table: 'ticket', id: 1, kind: 'update', columns: [{ name: 'deadline', old: null, new: '2025-03-03 08:15:00' }] });
  });

  it('updates every row of the table its data names when no criteria are given, as the docs example does', () => {
    const r = run(`Integer count(SearchEngine se) { Integer n = 0; for (se.execute(); !se.eof(); se.next()) n++; return n; }
      SearchEngine up; up.addData("ticket.title", "All the same"); up.update();
      SearchEngine all; all.addField("ticket.id");
      SearchEngine same; same.addField("ticket.id"); same.addCriteria("ticket.title", "equals", "All the same");
      printLine(count(all).toString() + " " + count(same).toString());
      SearchEngine df; df.addDataField("ticket.deadline", "ticket.closed_at"); df.update();
      SearchEngine nothing; nothing.update();`);
    const [all, same] = r.output.trim().split(' ').map(Number);
    expect(all).toBeGreaterThan(5);
    expect(same).toBe(all);
    expect(r.error).toBe('SearchEngine: no fields or criteria were added (and no data: call addData first)');
  });

  it('reads a phone field with the /formattedNumber suffix as the number kept', () => {
    const r = run('SearchEngine se; se.addField("phone.phone"); se.addField("phone.phone/formattedNumber"); se.addCriteria("phone.phone", "contains", "9"); se.setLimit(1);\nfor (se.execute(); !se.eof(); se.next()) print(se.getField(0) + "|" + se.getField(1));');
    expect(r.error).toBeNull();
    const [plain, formatted] = r.output.split('|');
    expect(plain).toMatch(/\d/);
    expect(formatted).toBe(plain);
  });

  it('confines executeSQLQuery to the sandbox and records its writes', () => {
    const bad = runWithCrm(f, `executeSQLQuery("ATTACH DATABASE '/tmp/x.db' AS x");`);
    expect(bad.error).toMatch(/ATTACH .* not allowed/);
    const two = runWithCrm(f, `executeSQLQuery("update ticket set title = 'a'; drop table ticket");`);
    expect(two.error).toMatch(/one SQL statement at a time/);
    const ok = run(`executeSQLQuery("update ticket set title = 'Renamed' where id = 4");`);
    expect(ok.error).toBeNull();
    expect(f.crm.changes()).toContainEqual({ table: 'ticket', id: 4, kind: 'update', columns: [{ name: 'title', old: 'Request for a quote: 40 hotel tablets', new: 'Renamed' }] });
  });
});
});
