// Find and archive restrictions as NetServer writes them in strings — "(name begins 'Zeta' or
// department = 'Sales') and category in (1, 2)", periods such as "registered thisYear", "xstop set" —
// and the NSFindAgent methods that take them (FindFromRestrictions2, …ColumnsOrderBy2), on every
// CRM backend; and the periods' ranges around a fixed day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmFixture, describeBackends, runWithCrm, type CrmFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';
import { periodRange } from '../../src/interp/stdlib/netserver/agents/restriction-dates.js';

afterAll(cleanupTempDirs);

const pad = (n: number): string => String(n).padStart(2, '0');
/** The CRM's now moved by `days`, as it stores DateTimes. */
function shifted(now: string, days: number): string {
  const d = new Date(`${now.replace(' ', 'T')}Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${now.slice(11)}`;
}

/** Prints the names a string find returns (the "Zeta" companies only), in its order. */
const names = (restriction: string, order = 'name'): string => `{
NSFindAgent agent;
NSFindResults res = agent.FindFromRestrictionsColumnsOrderBy2("name begins 'Zeta' and (${restriction.replace(/"/g, '\\"')})", "Contact", "name,department", "${order}", 0, 0);
String line = res.GetRowCount().toString() + ":";
foreach (NSArchiveListItem row in res.GetArchiveRows()) line += " " + row.GetColumnData().get("name").after("Zeta ");
printLine(line);
}`;

describeBackends('restriction strings', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
    const now = f.crm.now();
    const rows: [string, string, number, number, string][] = [
      ['Zeta A', 'Sales', 1, 0, now],
      ['Zeta B', '', 2, 1, shifted(now, -1)],
      ['Zeta C', 'Support', 1, 0, shifted(now, -400)],
      ['Zeta D', 'Sales', 3, 0, shifted(now, 400)],
    ];
    for (const [name, department, category, xstop, registered] of rows) f.crm.insert('contact', { name, department, category_idx: category, xstop, registered });
  });
  afterAll(() => f.driver.close());

  const run = (source: string): string => {
    const r = runWithCrm(f, source);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    return r.output;
  };

  it('joins terms with and / or (and binding tighter) and groups them in brackets', () => {
    expect(run(names("department = 'Sales' or category = 2"))).toBe('3: A B D\n');
    expect(run(names("department = 'Sales' and category = 1 or category = 2"))).toBe('2: A B\n');
    expect(run(names("department = 'Sales' and (category = 1 or category = 2)"))).toBe('1: A\n');
    expect(run(names("(department = 'Support' or department = 'Sales')"))).toBe('3: A C D\n');
    expect(run(names("category in (2, 3) or name contains 'C'", 'name desc'))).toBe('3: D C B\n');
  });

  it('reads set / notSet by the column: a number other than 0, a text other than empty', () => {
    expect(run(names('xstop set'))).toBe('1: B\n');
    expect(run(names('xstop notSet'))).toBe('3: A C D\n');
    expect(run(names('xstop set false'))).toBe('3: A C D\n');
    expect(run(names('department set'))).toBe('3: A C D\n');
    expect(run(names('department notSet'))).toBe('1: B\n');
  });

  it('takes a date without a time as its whole day, and periods without values', () => {
    const now = f.crm.now();
    const day = (days: number): string => shifted(now, days).slice(0, 10).replace(/-/g, '.');
    expect(run(names(`registered date '${day(0)}'`))).toBe('1: A\n');
    expect(run(names(`registered after '${day(-1)}'`))).toBe('2: A D\n');
    expect(run(names(`registered before '${day(0)}'`))).toBe('2: B C\n');
    expect(run(names(`registered dateBetween ('${day(-1)}', '${day(0)}')`))).toBe('2: A B\n');
    expect(run(names('registered today'))).toBe('1: A\n');
    expect(run(names('registered beforeToday'))).toBe('2: B C\n');
    expect(run(names('registered afterToday'))).toBe('1: D\n');
    // yesterday (B) is in this year and this week unless today is the first day of them
    expect(run(names('registered thisYear'))).toMatch(/^(1: A|2: A B)\n$/);
    expect(run(names('registered thisWeek'))).toMatch(/^(1: A|2: A B)\n$/);
  });

  it('NSFindAgent: the string forms, columns as a String or an array, and the order objects', () => {
    const out = run(`NSFindAgent agent;
NSFindResults res = agent.FindFromRestrictions2("name begins 'Zeta' and category = 1", "Contact", 10, 0);
printLine(res.GetRowCount().toString() + " " + res.GetArchiveRows().length().toString());
String[] cols;
cols.pushBack("contactId");
cols.pushBack("name");
res = agent.FindFromRestrictionsColumns2("name begins 'Zeta'", "Contact", cols, 2, 1);
printLine(res.GetRowCount().toString() + " " + res.GetArchiveRows()[0].GetColumnData().get("name") + " " + res.GetArchiveColumns().length().toString());
res = agent.FindFromRestrictionsColumns2("name begins 'Zeta' and updatedDate notSet", "Contact", "name", 0, 0);
printLine(res.GetRowCount().toString());
NSArchiveRestrictionInfo r;
r.SetName("name");
r.SetOperator("begins");
String[] v;
v.pushBack("Zeta");
r.SetValues(v);
r.SetIsActive(true);
NSArchiveRestrictionInfo[] rs;
rs.pushBack(r);
NSArchiveOrderByInfo o;
o.SetName("category");
o.SetDirection(1);
NSArchiveOrderByInfo[] os;
os.pushBack(o);
foreach (NSArchiveListItem row in agent.FindFromRestrictionsColumnsOrderBy(rs, "Contact", cols, os, 0, 0).GetArchiveRows()) print(row.GetColumnData().get("name") + ";");
printLine("");
try { agent.FindFromRestrictions2("(name = 'x'", "Contact", 0, 0); } catch { printLine(error); }
String deep;
for (Integer i = 0; i < 100000; i++) deep.append("(");
try { agent.FindFromRestrictions2(deep, "Contact", 0, 0); } catch { printLine(error); }
String tangled = "name = 'a'";
for (Integer i = 0; i < 20; i++) tangled.append(" and (name = 'a' or name = 'b')");
try { agent.FindFromRestrictions2(tangled, "Contact", 0, 0); } catch { printLine(error); }`);
    expect(out).toBe(
      '2 2\n4 Zeta C 2\n4\nZeta D;Zeta B;Zeta A;Zeta C;\n' + "NSFindAgent.FindFromRestrictions2: expected ')' in the restriction\n" +
        'NSFindAgent.FindFromRestrictions2: the restriction nests brackets more than 64 deep\n' +
        'NSFindAgent.FindFromRestrictions2: the restriction multiplies out to more than 256 alternatives\n',
    );
  });
});

describe('periods of date restrictions', () => {
  // 2026-12-04 is a Friday
  const now = '2026-12-04 10:30:00';
  const range = (op: string) => periodRange(op.toLowerCase(), now);

  it('days, weeks from Monday, months, quarters, halves and years', () => {
    expect(range('today')).toEqual({ from: '2026-12-04 00:00:00', until: '2026-12-05 00:00:00' });
    expect(range('beforeToday')).toEqual({ until: '2026-12-04 00:00:00' });
    expect(range('afterToday')).toEqual({ from: '2026-12-05 00:00:00' });
    expect(range('thisWeek')).toEqual({ from: '2026-11-30 00:00:00', until: '2026-12-07 00:00:00' });
    expect(range('nextWeek')).toEqual({ from: '2026-12-07 00:00:00', until: '2026-12-14 00:00:00' });
    expect(range('lastMonth')).toEqual({ from: '2026-11-01 00:00:00', until: '2026-12-01 00:00:00' });
    expect(range('nextMonth')).toEqual({ from: '2027-01-01 00:00:00', until: '2027-02-01 00:00:00' });
    expect(range('thisQuarter')).toEqual({ from: '2026-10-01 00:00:00', until: '2027-01-01 00:00:00' });
    expect(range('lastQuarter')).toEqual({ from: '2026-07-01 00:00:00', until: '2026-10-01 00:00:00' });
    expect(range('thisHalf')).toEqual({ from: '2026-07-01 00:00:00', until: '2027-01-01 00:00:00' });
    expect(range('nextHalf')).toEqual({ from: '2027-01-01 00:00:00', until: '2027-07-01 00:00:00' });
    expect(range('lastYear')).toEqual({ from: '2025-01-01 00:00:00', until: '2026-01-01 00:00:00' });
  });

  it('a Sunday belongs to the week that began on the Monday before; last week crosses the year', () => {
    expect(periodRange('thisweek', '2026-12-06 23:59:59')).toEqual({ from: '2026-11-30 00:00:00', until: '2026-12-07 00:00:00' });
    expect(periodRange('lastweek', '2027-01-02 08:00:00')).toEqual({ from: '2026-12-21 00:00:00', until: '2026-12-28 00:00:00' });
  });
});
