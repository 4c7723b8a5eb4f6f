// StatLib and StatResult over the sandbox's requests (a SearchEngine, a GenericSearch, SQL text) and
// over a StringMatrix: nested groups sorted as text or numbers, or in the query's order with
// dropOrder; Count, Sum, Avg, Min and Max per group or over all rows, rounded, counting only unique
// values of a column when asked; callbacks; the Parser variables (execute(Parser), dumpParser);
// the clear failures. Cache: a table's rows as JSON, walked, filtered and sorted.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crmFixture, describeBackends, runOk, runWithCrm, type CrmFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

afterAll(cleanupTempDirs);

const MATRIX = `StringMatrix m;
m.addRow(); m.addCell("b"); m.addCell("10"); m.addCell("x");
m.addRow(); m.addCell("a"); m.addCell("2"); m.addCell("y");
m.addRow(); m.addCell("b"); m.addCell("9"); m.addCell("x");
m.addRow(); m.addCell("a"); m.addCell("4"); m.addCell("z");
StatLib s;
s.setStringMatrix(m);
`;

const WALK = `StatResult r;
s.execute(r);
for (r.rewind(); !r.eof(); r.next()) {
  String line = r.getField(0) + " " + r.getField(1);
  if (r.atGroupBegin(0)) line = "[" + line;
  if (r.atGroupEnd(0)) line = line + "]";
  printLine(line);
}`;

describeBackends('StatLib, StatResult and Cache', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());

  const run = (src: string): string => runOk(f, src);
  const fails = (src: string): string => {
    const r = runWithCrm(f, src);
    expect(r.diagnostics).toEqual([]);
    return r.error ?? '';
  };

  /** The demo's requests per category name: [name, ids in id order]. */
  const perCategory = (): [string, number[]][] => {
    const names = new Map(f.crm.select('ej_category').map((c) => [Number(c.id), String(c.name)]));
    const out = new Map<string, number[]>();
    for (const t of f.crm.select('ticket', { orderBy: [{ column: 'id' }] })) {
      const name = names.get(Number(t.category)) ?? '';
      out.set(name, [...(out.get(name) ?? []), Number(t.id)]);
    }
    return [...out].sort((x, y) => (x[0] < y[0] ? -1 : 1));
  };

  it('groups the rows of a SearchEngine and gives each group its aggregates', () => {
    const out = run(`SearchEngine se;
se.addField("ticket.category.name");
se.addField("ticket.id");
se.addOrder("ticket.id", true);
StatLib s;
s.setSearchEngine(se);
s.addGroup(0, false);
s.addAggregate(0, 1, "n", "Count", 0);
s.addAggregate(0, 1, "avg", "avg", 2);
s.addAggregate(0, 1, "low", "Min", 0);
s.addAggregate(-1, 1, "all", "Sum", 0);
StatResult r;
s.execute(r);
for (r.rewind(); !r.eof(); r.next())
  if (r.atGroupEnd(0)) printLine(r.getField("ticket.category.name") + " " + r.getField("n") + " " + r.getField("avg") + " " + r.getField("low") + " " + r.getField("all"));`);
    const groups = perCategory();
    const total = groups.flatMap(([, ids]) => ids).reduce((a, c) => a + c, 0);
    expect(out).toBe(groups.map(([name, ids]) => `${name} ${ids.length} ${(ids.reduce((a, c) => a + c, 0) / ids.length).toFixed(2)} ${Math.min(...ids)} ${total}\n`).join(''));
  });

  it('nests groups, sorts them as text or numbers, and dropOrder keeps the query order', () => {
    expect(run(`${MATRIX}s.addGroup(0, false);\ns.addGroup(1, false, true);\n${WALK}`)).toBe('[a 2\na 4]\n[b 9\nb 10]\n');
    // as text, "10" comes before "9"; descending puts b first
    expect(run(`${MATRIX}s.addGroup(0, true);\ns.addGroup(1, false);\n${WALK}`)).toBe('[b 10\nb 9]\n[a 2\na 4]\n');
    expect(run(`${MATRIX}s.addGroup(0, false);\ns.dropOrder();\n${WALK}`)).toBe('[b 10]\n[a 2]\n[b 9]\n[a 4]\n');
    // atGroupBegin of the inner group: a new outer value starts it too
    expect(run(`${MATRIX}s.addGroup(0, false);\ns.addGroup(2, false);\nStatResult r;\ns.execute(r);\nfor (r.rewind(); !r.eof(); r.next()) printLine(r.getField(2) + r.atGroupBegin(2).toString() + r.atGroupEnd(2).toString());`)).toBe(
      'ytruetrue\nztruetrue\nxtruefalse\nxfalsetrue\n',
    );
  });

  it('counts unique values, rounds, runs callbacks, and fills a Parser', () => {
    const out = run(`${MATRIX}s.setName("st");
s.addGroup(0, false);
s.addAggregate(0, 1, "sum", "Sum", 1);
s.addAggregate(0, 2, "kinds", "Count", 0, 2);
s.addAggregate(7, 1, "top", "MAX", 0);
s.addCallback(2, "<[[value]]:[[col1]]>");
Parser p;
s.execute(p);
printLine(p.parseString("[[st.rows]] [[st.group0]] [[st.sum]] [[st.kinds]] [[st.top]] [[st.col2]]"));
printLine(p.getVariable("st.sum", 1) + " " + p.getVariable("st.kinds", 1) + " " + p.getVariableCount("st.col0").toString());
StatResult r;
s.execute(r);
printLine(r.getField(2) + " " + r.getField("sum"));
printLine(r.dumpParser());`);
    expect(out.split('\n').slice(0, 3)).toEqual(['4 a 6.0 2 10 <y:2>', '19.0 1 4', '<y:2> 6.0']);
    expect(out).toContain('st.group0[1] = b\n');
    expect(out).toContain('st.top = 10\n');
    expect(out).toContain('st.col2[2] = <x:10>');
  });

  it('runs SQL text and a GenericSearch', () => {
    const byStatus = new Map<number, number>();
    for (const t of f.crm.select('ticket')) byStatus.set(Number(t.status), (byStatus.get(Number(t.status)) ?? 0) + 1);
    const expected = [...byStatus].sort((x, y) => x[0] - y[0]).map(([s, n]) => `${s}:${n}\n`).join('');
    const body = `s.addGroup(0, false, true);
s.addAggregate(0, 1, "n", "count", 0);
StatResult r;
s.execute(r);
for (r.rewind(); !r.eof(); r.next()) if (r.atGroupBegin(0)) printLine(r.getField(0) + ":" + r.getField("n"));`;
    expect(run(`StatLib s;\ns.setSql("SELECT status, id FROM ticket");\n${body}`)).toBe(expected);
    expect(run(`GenericSearch g;\ng.addField("ticket.status", 2);\ng.addField("ticket.id", 2);\nStatLib s;\ns.setGenericSearch(g);\n${body}`)).toBe(expected);
  });

  it('says what is wrong, and what the sandbox lacks', () => {
    expect(fails('StatLib s; StatResult r; s.execute(r);')).toMatch(/StatLib\.execute: no query yet/);
    expect(fails(`${MATRIX}s.addGroup(5, false); StatResult r; s.execute(r);`)).toMatch(/grouping column 5 is not a column of the query \(it has 3: 0 to 2\)/);
    expect(fails(`${MATRIX}s.addAggregate(0, 2, "x", "Sum", 0); StatResult r; s.execute(r);`)).toMatch(/aggregate "x" \(sum\) needs numbers, and its column holds "x"/);
    expect(fails(`${MATRIX}s.addAggregate(0, 1, "x", "Median", 0);`)).toMatch(/"Median" is not an aggregate function/);
    expect(fails(`${MATRIX}StatResult r; s.execute(r); r.atGroupBegin(0);`)).toMatch(/column 0 is not a grouping column/);
    expect(fails(`${MATRIX}StatResult r; s.execute(r); r.getField("nope");`)).toMatch(/"nope" is neither an aggregate/);
    expect(fails('StatResult r; r.getField(0);')).toMatch(/pass the StatResult to StatLib\.execute first/);
    expect(fails(`${MATRIX}StatResult r; s.execute(r); r.saveAsResult(0, 1, 10);`)).toMatch(/StatResult\.saveAsResult is not available: the sandbox CRM keeps no saved result sets/);
    // next() gives eof() after the move, as the reference says
    expect(run(`${MATRIX}StatResult r; s.execute(r); printLine(r.next().toString() + r.next().toString() + r.next().toString() + r.next().toString());`)).toBe('falsefalsefalsetrue\n');
  });

  it("Cache holds a table's rows: JSON, a subset, walked with getRow, sorted", () => {
    const statuses = f.crm.select('ticket_status', { orderBy: [{ column: 'id' }] });
    const json = JSON.parse(run('Cache c; printLine(c.getData("ticket_status"));')) as Record<string, string>[];
    expect(json.map((r) => [r.id, r.name])).toEqual(statuses.map((s) => [String(s.id), String(s.name)]));
    const active = statuses.filter((s) => Number(s.status) === 1);
    expect(run('Cache c; c.getDataSubset("ticket_status", "STATUS", "1"); for (c.first(); !c.eof(); c.next()) { Map m = c.getRow(); printLine(m.get("name")); }')).toBe(active.map((s) => `${s.name}\n`).join(''));
    const byName = [...statuses].sort((x, y) => String(y.name).localeCompare(String(x.name)));
    expect(run('Cache c; c.getData("ticket_status"); c.sort("name", true); while (!c.eof()) { printLine(c.getRow().get("id")); c.next(); }')).toBe(byName.map((s) => `${s.id}\n`).join(''));
    // numbers sort as numbers
    expect(run('Cache c; c.getData("ticket_status"); c.sort("id", true); printLine(c.getRow().get("id"));')).toBe(`${statuses.length}\n`);
    expect(run('Cache c; printLine(c.first().toString() + c.eof().toString());')).toBe('falsetrue\n');
    expect(fails('Cache c; c.getData("no_such_table");')).toMatch(/Cache\.getData: the sandbox CRM has no table "no_such_table"/);
    expect(fails('Cache c; c.getDataSubset("ticket_status", "colour", "1");')).toMatch(/table ticket_status has no field "colour"/);
    expect(fails('Cache c; c.sort("name", false);')).toMatch(/nothing is cached yet/);
    expect(fails('Cache c; c.getData("ticket_status"); while (!c.eof()) c.next(); c.getRow();')).toMatch(/Cache\.getRow: there is no current row/);
  });
});
