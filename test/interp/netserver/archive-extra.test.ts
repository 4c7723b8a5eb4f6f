// NSArchiveAgent's list variants (string forms, headers, pages), what a provider offers and the
// chosen columns and entities kept as the user's preferences: CRMScript programs on a sandbox CRM
// with its demo data (SQLite in a temporary directory; every run rolls back).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import type { CrmService } from '../../../src/interp/runtime/crm-service.js';
import { agentClass } from '../../../src/interp/stdlib/netserver/agents/index.js';
import { sandboxCrm } from './sandbox-run.js';

const sandbox = sandboxCrm('crms-nsarchive-');

/** Runs a program (after `seed` prepared rows; `check` sees the database before the rollback). */
function run(source: string, seed?: (crm: CrmService) => void, check?: (crm: CrmService) => void): { out: string; error: string | null } {
  const r = sandbox(source, { seed, check });
  return { out: r.out, error: r.error };
}

// three companies whose names begin with "Zeta", the second in category 2
const ZETAS = (crm: CrmService): void => {
  for (const [name, category] of [['Zeta A', 1], ['Zeta B', 2], ['Zeta C', 1]] as const) crm.insert('contact', { name, category_idx: category, registered: '2024-06-01 10:00:00' });
};

const PRINT_ROWS = `
Void show(NSArchiveListItem[] rows) {
  String s;
  for (Integer i = 0; i < rows.length(); i++) s.append("[" + rows[i].GetColumnData().get("name") + "]");
  printLine(s);
}
NSArchiveAgent agent;
`;

describe('NSArchiveAgent list variants', () => {
  it('reads restrictions, sort order, columns and entities written as strings', () => {
    const r = run(
      `${PRINT_ROWS}
show(agent.GetArchiveListByColumns2("contact", "name, department", "name desc", "name begins 'Zeta' and category_idx = 1", "", 0, 10));
show(agent.GetArchiveListByColumns2("contact", "name", "name", "name begins 'Zeta' and category_idx in (1, 2) and name notBegins 'Zeta C'", "", 0, 10));
show(agent.GetArchiveListByColumnsWithContext2("contact", "name", "name", "name contains 'eta' and registered after '2024.5.31'", "", 0, 10, "ctx"));
NSArchiveListItem[] rows = agent.GetArchiveListByColumns2("contact", "name,department", "", "name = 'Zeta B'", "", 0, 10);
printLine(rows[0].GetColumnData().size().toString() + " " + rows[0].GetColumnData().exists("department").toString() + " " + rows[0].GetEntityName());
`,
      ZETAS,
    );
    expect(r.error).toBeNull();
    expect(r.out).toBe('[Zeta C][Zeta A]\n[Zeta A][Zeta B]\n[Zeta A][Zeta B][Zeta C]\n2 true contact\n');
  });

  it('pages: page 0 is the first, a negative page skips that many rows; the header counts every row when asked', () => {
    const r = run(
      `${PRINT_ROWS}
show(agent.GetArchiveListByColumns2("contact", "name", "name", "name begins 'Zeta'", "", 1, 2));
show(agent.GetArchiveListByColumns2("contact", "name", "name", "name begins 'Zeta'", "", -1, 10));
NSArchiveListResult res = agent.GetArchiveListByColumnsWithHeader2("contact", "name", "name", "name begins 'Zeta'", "", 0, 2, "rowcount=true");
show(res.GetRows());
printLine(res.GetRowCount().toString() + " " + agent.GetArchiveListByColumnsWithHeader2("contact", "name", "name", "name begins 'Zeta'", "", 0, 2, "").GetRowCount().toString());
String[] cols;
cols.pushBack("name");
NSArchiveOrderByInfo o;
o.SetName("name");
o.SetDirection(1);
NSArchiveOrderByInfo[] order;
order.pushBack(o);
NSArchiveRestrictionInfo ri;
ri.SetName("name");
ri.SetOperator("begins");
String[] v;
v.pushBack("Zeta");
ri.SetValues(v);
NSArchiveRestrictionInfo[] rs;
rs.pushBack(ri);
String[] entities;
res = agent.GetArchiveListByColumnsWithHeaderWithContext("contact", cols, order, rs, entities, 0, 10, "rowcount=true", "");
show(res.GetRows());
printLine(res.GetRowCount().toString() + " " + agent.CreateDefaultArchiveListResult().GetRows().length().toString());
show(agent.GetArchiveListByColumnsWithContext("contact", cols, order, rs, entities, 0, 1, ""));
`,
      ZETAS,
    );
    expect(r.error).toBeNull();
    expect(r.out).toBe('[Zeta C]\n[Zeta B][Zeta C]\n[Zeta A][Zeta B]\n3 0\n[Zeta C][Zeta B][Zeta A]\n3 0\n[Zeta C]\n');
  });

  it('says what it cannot read in a restriction string', () => {
    const r = run(`
NSArchiveAgent agent;
String[] tries;
tries.pushBack("name = 'a' or");
tries.pushBack("(name = 'a'");
tries.pushBack("name = 'a");
tries.pushBack("nosuch = 1");
tries.pushBack("name frobs 1");
tries.pushBack("name = 'a' name = 'b'");
for (Integer i = 0; i < tries.length(); i++) {
  try { agent.GetArchiveListByColumns2("contact", "name", "", tries[i], "", 0, 10); } catch { printLine(error.after(": ").before(" (")); }
}
try { agent.GetArchiveListByColumns2("contact", "name", "name sideways", "", "", 0, 10); } catch { printLine(error.before(" (")); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'expected a column name in the restriction\n' +
        "expected ')' in the restriction\n" +
        "the restriction has an unterminated string: 'a\n" +
        "contact has no column 'nosuch'\n" +
        "unknown restriction operator 'frobs'\n" +
        "expected 'and' or 'or' before 'name' in the restriction\n" +
        "NSArchiveAgent.GetArchiveListByColumns2: cannot read the sort order 'name sideways'\n",
    );
  });

  it('keeps the chosen columns and entities as the user\'s own preferences; GetArchiveList shows the chosen columns', () => {
    let me = -1;
    const r = run(
      `${PRINT_ROWS}
String[] none;
NSArchiveListItem[] rows = agent.GetArchiveList("mine", "contact", none, 0, 1);
printLine(rows[0].GetColumnData().exists("orgNr").toString() + " " + rows[0].GetColumnData().exists("name").toString());
String[] cols;
cols.pushBack("name");
cols.pushBack("department");
agent.SetChosenColumns("mine", "contact", cols);
NSArchiveOrderByInfo[] order;
NSArchiveRestrictionInfo[] rs;
rows = agent.GetArchiveList("mine", "contact", order, rs, none, 0, 1);
printLine(rows[0].GetColumnData().size().toString() + " " + rows[0].GetColumnData().exists("department").toString());
show(agent.GetArchiveList2("mine", "contact", "name desc", "name begins 'Zeta'", "", 0, 10));
String[] ents;
ents.pushBack("Document");
agent.SetChosenEntities("mine", "ContactActivity", ents);
NSArchiveConfiguration conf = agent.GetArchiveConfiguration("mine", "contact");
NSArchiveColumnInfo[] ci = conf.GetArchiveColumnInfo();
printLine(ci.length().toString() + " " + ci[0].GetName() + " " + ci[1].GetName() + " " + ci[1].GetRestrictionType());
NSSelectableMDOListItem[] ei = agent.GetArchiveConfiguration("mine", "ContactActivity").GetArchiveEntityInfo();
String s;
for (Integer i = 0; i < ei.length(); i++) s.append(ei[i].GetName() + "=" + ei[i].GetSelected().toString() + " ");
printLine(s);
NSArchiveConfiguration v2 = agent.GetArchiveConfigurationV2("mine", "contact", "ctx", "k");
printLine((v2.GetArchiveColumnInfo().length() > 10).toString() + " " + v2.GetOwnerKeys());
agent.SetChosenColumnsV2("mine", "contact", "ctx", "", cols);
printLine(agent.GetArchiveListWithContext("mine", "contact", none, 0, 1, "ctx")[0].GetColumnData().size().toString());
try { cols.pushBack("nosuch"); agent.SetChosenColumns("mine", "contact", cols); } catch { printLine(error.before(" (")); }
try { ents.pushBack("ticket"); agent.SetChosenEntities("mine", "ContactActivity", ents); } catch { printLine(error.before(" (")); }
`,
      (crm) => {
        ZETAS(crm);
        // another user's choice for the same archive is not this user's
        crm.insert('UserPreference', { deflevel: 5, maxlevel: 5, owner_id: 999, prefsection: 'archiveColumns', prefkey: 'mine|contact', prefvalue: 'orgnr' });
        me = crm.actor().associateId;
      },
      (crm) => {
        const rows = crm.select('UserPreference', { where: [{ column: 'owner_id', op: '=', value: me }], orderBy: [{ column: 'userpreference_id' }] });
        expect(rows.map((p) => [p.deflevel, p.prefsection, p.prefkey, p.prefvalue])).toEqual([
          [5, 'archiveColumns', 'mine|contact', 'name,department'],
          [5, 'archiveEntities', 'mine|ContactActivity', 'document'],
          [5, 'archiveColumns', 'mine|contact|ctx', 'name,department'],
        ]);
      },
    );
    expect(r.error).toBeNull();
    expect(me).toBeGreaterThan(0);
    expect(r.out).toBe(
      'true true\n' +
        '2 true\n' +
        '[Zeta C][Zeta B][Zeta A]\n' +
        '2 name department string\n' +
        'appointment=false document=true sale=false \n' +
        // nothing chosen with that context and owner keys: every column of the table
        'true k\n' +
        '2\n' +
        "NSArchiveAgent.SetChosenColumns: contact has no column 'nosuch'\n" +
        "NSArchiveAgent.SetChosenEntities: the archive provider 'ContactActivity' has no entity 'ticket'\n",
    );
  });
});

describe('NSArchiveAgent: what a provider offers', () => {
  it('lists a provider\'s columns with their restriction types, its entities, and the associates of groups', () => {
    const r = run(
      `
NSArchiveAgent agent;
NSArchiveColumnInfo[] cols = agent.GetAvailableColumns("Contact", "");
String s;
for (Integer i = 0; i < cols.length(); i++) {
  String n = cols[i].GetName();
  if (n == "name" || n == "registered" || n == "associate_id" || n == "xstop" || n == "text")
    s.append(n + ":" + cols[i].GetRestrictionType() + ":" + cols[i].GetCanOrderBy().toString() + " ");
}
printLine(s);
NSMDOListItem[] e = agent.GetAvailableEntities("ContactActivity", "");
printLine(e[0].GetName() + " " + e[1].GetName() + " " + e[2].GetName() + " " + agent.GetAvailableEntities("FindContact", "")[0].GetName());
Integer[] groups;
printLine(agent.GetGroupAssociateIds(groups).length().toString());
groups.pushBack(7);
Integer[] ids = agent.GetGroupAssociateIds(groups);
printLine(ids.length().toString() + " " + ids[0].toString() + " " + ids[1].toString());
groups.pushBack(8);
printLine(agent.GetGroupAssociateIds(groups).length().toString());
NSArchiveListItem[] rows = agent.GetArchiveListByColumns2("contact", "name", "", "name begins 'Zeta' and associate_id currentAssociate", "", 0, 10);
printLine(rows.length().toString() + " " + rows[0].GetColumnData().get("name"));
try { agent.GetAvailableColumns("nosuch", ""); } catch { printLine(error.before(" (")); }
`,
      (crm) => {
        ZETAS(crm);
        crm.insert('contact', { name: 'Zeta Mine', associate_id: crm.actor().associateId });
        crm.update('associate', 2, { group_idx: 7 });
        crm.update('associate', 4, { group_idx: 7 });
        crm.update('associate', 3, { group_idx: 8 });
      },
    );
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'name:string:true associate_id:associate:true xstop:bool:true registered:datetime:true text::false \n' +
        'appointment document sale contact\n' +
        '0\n' +
        '2 2 4\n' +
        '3\n' +
        '1 Zeta Mine\n' +
        "NSArchiveAgent.GetAvailableColumns: the sandbox has no archive provider 'nosuch'\n",
    );
  });
});

describe('the archive agent\'s method keys', () => {
  it('are all methods of the catalog (a typo would make a method unreachable)', () => {
    const catalog: unknown = JSON.parse(readFileSync(new URL('../../../src/interp/catalog.json', import.meta.url), 'utf8'));
    const classes = (catalog as { classes: Record<string, { members: [string, string, string, string[]][] }> }).classes;
    for (const name of ['NSArchiveAgent']) {
      const known = new Set(classes[name].members.filter((m) => m[0] === 'M').map((m) => `${m[1]}(${m[3].join(',')})`));
      const keys = Object.keys(agentClass(name, { name, methods: {} }, []).methods ?? {});
      expect(keys.filter((k) => !known.has(k))).toEqual([]);
      expect(keys.length).toBeGreaterThan(20);
    }
  });
});
