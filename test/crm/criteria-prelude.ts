// The CRMScript helpers of the dynamic selection and saved find tests (selection-criteria*.test.ts),
// and their sandbox: one a backend, with the demo data, for the tests of a suite.
import { afterAll, beforeAll, expect } from 'vitest';
import { crmFixture, runOk, runWithCrm, type CrmFixture } from './helpers.js';
import type { BackendCase } from '../store/backends.js';

/** Helpers every script has: restrictions, groups, a new dynamic selection, a selection's ids, a find's rows. */
export const PRELUDE = `
NSSelectionAgent sa;
NSArchiveRestrictionInfo restriction(String name, String op, String value) {
  NSArchiveRestrictionInfo r;
  r.SetName(name);
  r.SetOperator(op);
  String[] v;
  if (value != "") v = value.split(",");
  r.SetValues(v);
  r.SetIsActive(true);
  return r;
}
NSArchiveRestrictionInfo[] one(NSArchiveRestrictionInfo a) { NSArchiveRestrictionInfo[] l; l.pushBack(a); return l; }
NSArchiveRestrictionInfo[] two(NSArchiveRestrictionInfo a, NSArchiveRestrictionInfo b) { NSArchiveRestrictionInfo[] l; l.pushBack(a); l.pushBack(b); return l; }
NSArchiveRestrictionGroup group(String name, NSArchiveRestrictionInfo[] rs) { NSArchiveRestrictionGroup g; g.SetName(name); g.SetRestrictions(rs); return g; }
Integer selection(String name, String table, Integer type) {
  NSSelectionEntity e = sa.CreateSelectionEntity(table);
  e.SetName(name);
  e.SetSelectionType(type);
  return sa.SaveSelectionEntity(e).GetSelectionId();
}
String ids(Integer s) { return getSelectionIds(s).buildString(","); }
NSFindAgent fa;
String rows(NSFindResults r, String column) {
  String line = r.GetRowCount().toString() + ":";
  foreach (NSArchiveListItem row in r.GetArchiveRows()) line += " " + row.GetColumnData().get(column);
  return line;
}
String shown(NSArchiveRestrictionInfo[] rs) {
  String line;
  foreach (NSArchiveRestrictionInfo r in rs) {
    line += "[" + r.GetName() + " " + r.GetOperator() + " " + r.GetValues().buildString("|");
    if (!r.GetIsActive()) line += " off";
    line += "]";
  }
  return line;
}
String groups(NSArchiveRestrictionGroup[] gs) {
  String line;
  foreach (NSArchiveRestrictionGroup g in gs) line += g.GetRank().toString() + "/" + g.GetName() + shown(g.GetRestrictions()) + " ";
  return line.stripTrailing(" ");
}
`;

/** Opens a suite's sandbox before its tests (closes it after); runs scripts with the helpers on it. */
export function criteriaSandbox(b: BackendCase): { fixture: () => CrmFixture; run: (src: string) => string; error: (src: string) => string | null } {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());
  return {
    fixture: () => f,
    run: (src) => runOk(f, PRELUDE + src),
    error: (src) => {
      const r = runWithCrm(f, PRELUDE + src);
      expect(r.diagnostics).toEqual([]);
      return r.error;
    },
  };
}
