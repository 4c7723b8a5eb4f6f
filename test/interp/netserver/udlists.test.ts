// NSListAgent's user-defined lists on every CRM backend (SQLite, PostgreSQL when a test server is
// set): list definitions (UDListDefinition) beside the built-in lists, list items by list name or
// definition id (UDList, and the rows of a built-in list's table), headings (Heading,
// UDListHeadingLink) and which user groups see an item (UDListGroupLink); the errors for lists
// and items the sandbox does not have; and a sandbox made by an older build gaining the tables
// with the demo's lists. The demo: list 1 "Customer tier" (Gold, Silver, Bronze, deleted
// Platinum), list 2 "Hardware model" (Tablet 10", Tablet 12", Bike computer, Wall mount) with
// headings 1 Devices (items 5-7) and 2 Accessories (item 8); user groups 1 Sales, 2 Support,
// 3 Management.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmFixture, describeBackends, olderPgSandbox, olderSqliteSandbox, runFileOn, runWithCrm, type CrmFixture } from '../../crm/helpers.js';
import { cleanupTempDirs, requireBuiltCli } from '../../common.js';
import { pgOnlyDescribe } from '../../store/backends.js';
import { openDriver, serviceOver } from '../../../src/crm/open.js';
import { loadSqlite } from '../../../src/crm/sqlite/engine.js';
import { UDLIST_TABLES } from '../../../src/crm/demo-udlists.js';
import { PG_CRM_VERSION } from '../../../src/crm/pg/ddl.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

/**
 * Helpers every script has: one line per item, heading or selectable item. Ids the run assigns
 * (above the demo's: PostgreSQL does not take back the ids of a rolled-back run) read "new".
 */
const PRELUDE = `
NSListAgent la;
String id(Integer id, Integer demo) { if (id > demo) return "new"; return id.toString(); }
String items(NSListItemEntity[] l) {
  String s;
  foreach (NSListItemEntity i in l) {
    s += id(i.GetId(), 8) + ":" + i.GetName();
    if (i.GetDeleted()) s += "(x)";
    s += " ";
  }
  return s;
}
String marks(NSSelectableMDOListItem[] l) {
  String s;
  foreach (NSSelectableMDOListItem i in l) {
    if (i.GetSelected()) s += "+"; else s += "-";
    s += i.GetName() + " ";
  }
  return s;
}
String heads(NSHeadingEntity[] l) {
  String s;
  foreach (NSHeadingEntity h in l) s += id(h.GetHeadingId(), 2) + ":" + h.GetName() + "/" + h.GetRank().toString() + " ";
  return s;
}
Integer[] ids(String s) { Integer[] l; foreach (String x in s.split(",")) l.pushBack(x.toInteger()); return l; }
NSListItemEntity item(String name) { NSListItemEntity i = la.CreateDefaultListItemEntity(); i.SetName(name); return i; }
`;

describeBackends('user-defined lists', (b) => {
  let f: CrmFixture;
  beforeAll(async () => {
    f = await crmFixture({ rollback: true }, await b.fresh());
  });
  afterAll(() => f.driver.close());
  // each script in a run of its own, rolled back after it: every test starts from the demo data
  const exec = (src: string): { out: string; error: string | null } => {
    const crm = serviceOver(f.driver, { rollback: true });
    const r = runWithCrm({ ...f, crm }, PRELUDE + src);
    crm.finish();
    expect(r.diagnostics).toEqual([]);
    return { out: r.output, error: r.error };
  };
  const run = (src: string): string => {
    const r = exec(src);
    expect(r.error).toBeNull();
    return r.out;
  };
  const error = (src: string): string => exec(src).error ?? '';

  it('lists the definitions: the built-in lists by name, the user-defined ones with their ids', () => {
    expect(
      run(`String own; Bool source = false;
foreach (NSListEntity e in la.GetListDefinitions(false)) {
  if (e.GetIsCustomList()) own += e.GetId().toString() + ":" + e.GetName() + ":" + e.GetListType() + " ";
  else if (e.GetName() == "source") source = e.GetId() == 0 && e.GetIsMDOList() && !e.GetUseGroupsAndHeadings();
}
printLine(own + source.toString());
NSListEntity e = la.GetListEntityByName("HARDWARE model");
printLine(e.GetId().toString() + " " + e.GetName() + " " + e.GetTooltip() + " " + e.GetUseGroupsAndHeadings().toString() + " " + e.GetInUseByUserDefinedFields().toString());
NSListEntity s = la.GetListEntityByName("Source");
printLine(s.GetId().toString() + " " + s.GetName() + " " + s.GetListType() + " " + s.GetIsCustomList().toString() + " " + s.GetInUseByUserDefinedFields().toString());
printLine(la.GetListEntity(1).GetName() + "|" + la.GetListEntity(99).GetId().toString() + "|" + la.GetListEntity(99).GetName());`),
    ).toBe('1:Customer tier:udlist 2:Hardware model:udlist true\n2 Hardware model The devices we sell and service true true\n0 source source false true\nCustomer tier|0|\n');
  });

  it('creates, renames and deletes a list with its items and headings', () => {
    const r = exec(`NSListEntity e = la.CreateDefaultListEntity();
e.SetName("Delivery method");
e.SetTooltip("How we ship");
e = la.SaveListEntity(e);
Integer listId = e.GetId();
printLine((listId > 2).toString() + " " + e.GetIsCustomList().toString() + " " + la.GetListEntityByName("delivery method").GetTooltip());
la.AddFromListDefinition(listId, item("Courier"));
la.AddFromListName("Delivery method", item("Post"));
NSHeadingEntity h = la.CreateDefaultHeadingFromListDefinition(listId);
h.SetName("Fast");
la.SaveHeadingFromListDefinition(listId, h);
NSListEntity r = la.GetListEntity(listId);
r.SetName("Shipping");
la.SaveListEntityByName("Delivery method", r);
printLine(items(la.GetAllFromListName("shipping", true)) + "| " + heads(la.GetHeadingsFromName("Shipping")));
la.DeleteListEntityByName("Shipping");
printLine(la.GetListEntity(listId).GetId().toString());
SearchEngine se; se.addField("UDList.UDList_id"); se.addCriteria("UDList.UDListDefinition_id", "OperatorEquals", listId.toString(), "OperatorAnd", 0);
printLine(se.countRows().toString());
la.GetAllFromListName("Shipping", true);`);
    expect(r.out).toBe('true true How we ship\nnew:Courier new:Post | new:Fast/1 \n0\n0\n');
    expect(r.error).toMatch(/^NSListAgent\.GetAllFromListName: the sandbox CRM has no list "Shipping" \(its lists: "Customer tier", "Hardware model", associate, /);
  });

  it('refuses a list without a name, a second list of the same name and changing or deleting a built-in list', () => {
    expect(error('la.SaveListEntity(la.CreateDefaultListEntity());')).toBe('NSListAgent.SaveListEntity: the list name (SetName) is required');
    expect(error('NSListEntity e = la.CreateDefaultListEntity(); e.SetName("customer TIER"); la.SaveListEntity(e);')).toBe(
      'NSListAgent.SaveListEntity: there is already a user-defined list named "Customer tier" (id 1)',
    );
    expect(error('NSListEntity e = la.CreateDefaultListEntity(); e.SetName("Source"); la.SaveListEntity(e);')).toBe('NSListAgent.SaveListEntity: "Source" names a built-in list');
    expect(error('la.SaveListEntityByName("source", la.CreateDefaultListEntity());')).toBe('NSListAgent.SaveListEntityByName: "source" is a built-in list; its definition cannot be changed');
    expect(error('la.DeleteListEntityByName("Task");')).toBe('NSListAgent.DeleteListEntityByName: "task" is a built-in list; only user-defined lists can be deleted');
    expect(error('la.DeleteListEntity(42);')).toBe('');
    expect(error('la.DeleteListEntity(2);')).toBe('NSListAgent.DeleteListEntity: the list "Hardware model" is used by the user-defined field "Hardware model"; the sandbox keeps it');
    expect(error('la.GetAllFromListDefinition(42, true);')).toBe('NSListAgent.GetAllFromListDefinition: there is no user-defined list with id 42 (UDListDefinition)');
  });

  it('reads, adds, saves and deletes the items of a user-defined list by name or definition id', () => {
    expect(
      run(`printLine(items(la.GetAllFromListName("Customer tier", false)) + "| " + items(la.GetAllFromListDefinition(1, true)));
NSListItemEntity g = la.GetFromListName(2, "customer tier");
printLine(g.GetName() + " " + g.GetTooltip() + " " + g.GetRank().toString() + " " + g.GetUdListDefinitionId().toString() + " | " + la.GetFromListDefinition(5, 1).GetId().toString());
NSListItemEntity d = la.AddFromListName("Customer tier", item("Diamond"));
printLine(id(d.GetId(), 8) + " " + d.GetUdListDefinitionId().toString());
g.SetName("Silver+");
la.SaveFromListDefinition(2, 1, g);
NSListItemEntity n = item("Copper"); n.SetUdListDefinitionId(1); n.SetRank(9);
n = la.SaveListItemEntity(n);
NSListItemEntity[] two; two.pushBack(item("Iron")); two.pushBack(la.GetFromListDefinition(3, 1));
two[1].SetTooltip("Small customers");
printLine(items(la.SaveAllFromListDefinition(1, two)) + la.GetFromListName(3, "Customer tier").GetTooltip());
la.DeleteFromListName(d.GetId(), "Customer tier");
printLine(items(la.GetAllFromListDefinition(1, false)));
la.DeleteAllFromListDefinition(1);
printLine(items(la.GetAllFromListName("Customer tier", true)) + "| " + la.GetAllFromListName("Customer tier", false).length().toString());`),
    ).toBe(
      '1:Gold 2:Silver 3:Bronze | 1:Gold 2:Silver 3:Bronze 4:Platinum(x) \n' +
        'Silver Regular customers 2 1 | 0\n' +
        'new 1\n' +
        'new:Iron 3:Bronze Small customers\n' +
        '1:Gold 2:Silver+ 3:Bronze new:Copper new:Iron \n' +
        '1:Gold(x) 2:Silver+(x) 3:Bronze(x) 4:Platinum(x) new:Copper(x) new:Iron(x) | 0\n',
    );
  });

  it('reads and writes the items of a built-in list by its name', () => {
    expect(
      run(`printLine(items(la.GetAllFromListName("source", false)) + "| " + la.GetFromListName(2, "Source").GetName());
NSListItemEntity n = la.AddFromListName("source", item("Newsletter"));
printLine(id(n.GetId(), 4) + " " + n.GetUdListDefinitionId().toString());
NSMDOAgent mdo; String s;
foreach (NSMDOListItem i in mdo.GetSimpleList("source")) s += i.GetName() + " ";
printLine(s);
la.DeleteFromListName(n.GetId(), "source");
printLine(items(la.GetAllFromListName("Source", true)));`),
    ).toBe('1:Website 2:Referral 3:Trade fair 4:Phone inquiry | Referral\nnew 0\nWebsite Referral Trade fair Phone inquiry Newsletter \n1:Website 2:Referral 3:Trade fair 4:Phone inquiry \n');
  });

  it('says which item, list or name is missing', () => {
    expect(error('la.DeleteFromListDefinition(5, 1);')).toBe('NSListAgent.DeleteFromListDefinition: the list "Customer tier" has no item with id 5');
    expect(error('la.SaveFromListName(5, "Customer tier", item("x"));')).toBe('NSListAgent.SaveFromListName: the list item 5 is not in the list "Customer tier"');
    expect(error('la.AddFromListDefinition(2, item(""));')).toBe('NSListAgent.AddFromListDefinition: the list item name (SetName) is required');
    expect(error('la.SaveListItemEntity(item("x"));')).toBe('NSListAgent.SaveListItemEntity: the list item names no list (SetUdListDefinitionId); SaveFromListName saves into a built-in list');
    expect(error('la.GetFromListName(1, "ejcategory");')).toBe('NSListAgent.GetFromListName: the list "ejcategory" has no plain list items (name, rank, tooltip, deleted) to read or write here; NSMDOAgent.GetList reads it');
    expect(error('la.GetListEntityByName("Colours");')).toMatch(/^NSListAgent\.GetListEntityByName: the sandbox CRM has no list "Colours" \(its lists: "Customer tier", "Hardware model", associate, .*, usergroup\)$/);
  });

  it("keeps a list's headings and which items they group", () => {
    expect(
      run(`printLine(heads(la.GetHeadingsFromListDefinition(2)) + "| " + heads(la.GetHeadingsFromName("Customer tier")));
printLine(marks(la.GetHeadings(2, 8, false)) + "| " + marks(la.GetListItemsForHeading(2, 1)));
NSHeadingEntity h = la.CreateDefaultHeadingEntity();
h.SetName("Spare parts"); h.SetUdListDefinitionId(2); h.SetRank(3);
h = la.SaveHeadingEntity(h);
printLine(id(h.GetHeadingId(), 2) + " " + la.GetHeadingEntity(h.GetHeadingId()).GetUdListDefinitionId().toString());
NSSelectableMDOListItem[] hs = la.GetHeadingsForListItemFromListName("Hardware model", 8, false);
hs[1].SetSelected(false); hs[2].SetSelected(true);
printLine(marks(la.SaveHeadingsForListItemFromListName("Hardware model", 8, hs)));
la.SetListItemsForHeadingFromListName("hardware model", h.GetHeadingId(), ids("7,8"), true);
la.SetHeadingsForListItem(2, 5, ids("1"), false);
printLine(marks(la.GetListItemsForHeadingFromListName("Hardware model", h.GetHeadingId())) + "| " + marks(la.GetHeadings(2, 5, true)));
Integer[] order; order.pushBack(h.GetHeadingId()); order.pushBack(2); order.pushBack(1);
la.SetRankOnHeadings(2, order);
printLine(heads(la.GetHeadingsFromListDefinition(2)));
la.DeleteAllHeadingsFromName("Hardware model");
printLine(la.GetHeadingsFromListDefinition(2).length().toString() + " " + la.GetHeadings(2, 8, true).length().toString());
SearchEngine se; se.addField("UDListHeadingLink.udlistheadinglink_id");
printLine(se.countRows().toString());`),
    ).toBe(
      '1:Devices/1 2:Accessories/2 | \n' +
        '-Devices +Accessories | +Tablet 10" +Tablet 12" +Bike computer -Wall mount \n' +
        'new 2\n' +
        '-Devices -Accessories +Spare parts \n' +
        '-Tablet 10" -Tablet 12" +Bike computer +Wall mount | -Devices -Accessories -Spare parts \n' +
        'new:Spare parts/1 2:Accessories/2 1:Devices/3 \n' +
        '0 0\n' +
        '0\n',
    );
  });

  it('keeps headings of a built-in list, not which items they group', () => {
    expect(
      run(`NSHeadingEntity h = la.CreateDefaultHeadingEntity(); h.SetName("Online");
h = la.SaveHeadingFromName("source", h);
NSHeadingEntity[] more; NSHeadingEntity o = la.CreateDefaultHeadingEntity(); o.SetName("Offline"); more.pushBack(o);
la.SaveHeadingsFromName("Source", more);
printLine(heads(la.GetHeadingsFromName("source")) + "| " + h.GetUdListDefinitionId().toString() + " " + heads(la.GetHeadingsFromListDefinition(2)));`),
    ).toBe('new:Online/1 new:Offline/2 | 0 1:Devices/1 2:Accessories/2 \n');
    expect(error('la.GetHeadingsForListItemFromListName("source", 1, false);')).toBe(
      'NSListAgent.GetHeadingsForListItemFromListName: the sandbox CRM keeps the headings of list items of user-defined lists and document templates only (UDListHeadingLink, DocTmplHeadingLink); it has no link table for the built-in list "source"',
    );
    expect(error('la.GetListItemsForHeading(2, 99);')).toBe('NSListAgent.GetListItemsForHeading: the list "Hardware model" has no heading with id 99');
    expect(error('NSHeadingEntity h = la.CreateDefaultHeadingEntity(); h.SetName("x"); la.SaveHeadingEntity(h);')).toBe(
      'NSListAgent.SaveHeadingEntity: the heading names no list (SetUdListDefinitionId); SaveHeadingFromName saves a heading of a built-in list',
    );
  });

  it("a user-defined field on a user-defined list reads its item's name", () => {
    expect(
      run(`NSSaleAgent sa; NSSaleEntity s = sa.GetSaleEntity(1);
Map m = s.GetUserDefinedFields();
printLine(m.get("SuperOffice:3") + " " + m.get("SuperOffice:3:DisplayText"));
m.insert("SuperOffice:3", "[I:7]"); s.SetUserDefinedFields(m); sa.SaveSaleEntity(s);
NSListItemEntity i = la.GetFromListName(7, "Hardware model"); i.SetName("Bike computer II"); la.SaveFromListName(7, "Hardware model", i);
printLine(sa.GetSaleEntity(1).GetUserDefinedFields().get("SuperOffice:3:DisplayText"));
NSUserDefinedFieldInfoAgent u; NSUserDefinedFieldInfo f = u.GetUserDefinedFieldFromProgId("SuperOffice:3", 10);
printLine(f.GetListTableId().toString() + " " + f.GetUDListDefinitionId().toString() + " " + la.GetListEntity(f.GetUDListDefinitionId()).GetName());`),
    ).toBe('[I:5] Tablet 10"\nBike computer II\n136 2 Hardware model\n');
  });

  it('keeps which user groups see an item', () => {
    expect(
      run(`printLine(marks(la.GetVisibleForUserGroups(1, 1)) + "| " + marks(la.GetListItemsForUserGroup(2, 2)));
NSSelectableMDOListItem[] gs = la.GetVisibleForUserGroupsFromListName("Customer tier", 1);
gs[1].SetSelected(true); gs[2].SetSelected(false);
printLine(marks(la.SetVisibleForUserGroupsFromListName("Customer tier", 1, gs)));
la.SetVisibleForUserGroup(1, 2, ids("2"), true);
la.SetListItemsForUserGroupFromListName("Customer tier", 1, ids("1,2,3"), false);
printLine(marks(la.GetListItemsForUserGroupFromListName("customer tier", 2)) + "| " + marks(la.GetListItemsForUserGroup(1, 1)));
NSListItemEntity n = la.AddFromListDefinition(2, item("Charger"));
printLine(marks(la.GetVisibleForUserGroups(2, n.GetId())));
la.DeleteFromListDefinition(n.GetId(), 2);
SearchEngine se; se.addField("UDListGroupLink.udlistgrouplink_id"); se.addCriteria("UDListGroupLink.udlist_id", "OperatorEquals", n.GetId().toString(), "OperatorAnd", 0);
printLine(se.countRows().toString());`),
    ).toBe(
      '+Sales -Support +Management | +Tablet 10" +Tablet 12" +Bike computer +Wall mount \n' +
        '+Sales +Support -Management \n' +
        '+Gold +Silver -Bronze | -Gold -Silver -Bronze \n' +
        '+Sales +Support +Management \n' +
        '0\n',
    );
    expect(error('la.GetVisibleForUserGroupsFromListName("task", 1);')).toBe(
      'NSListAgent.GetVisibleForUserGroupsFromListName: the sandbox CRM keeps the user groups of list items of user-defined lists only (UDList); it has no link tables for the built-in list "task"',
    );
    expect(error('la.GetListItemsForUserGroup(1, 7);')).toBe('NSListAgent.GetListItemsForUserGroup: there is no user group with id 7');
    expect(error('la.GetVisibleForUserGroups(2, 1);')).toBe('NSListAgent.GetVisibleForUserGroups: the list "Hardware model" has no item with id 1');
  });
});

/** What shows a sandbox has the demo's user-defined lists, and the sale field on one. */
const SMOKE = `${PRELUDE}
printLine(items(la.GetAllFromListName("Hardware model", true)) + "| " + heads(la.GetHeadingsFromListDefinition(2)) + "| " + marks(la.GetVisibleForUserGroups(1, 4)));
NSSaleAgent sa; printLine(sa.GetSaleEntity(1).GetUserDefinedFields().get("SuperOffice:3:DisplayText"));`;
const SMOKE_OUT = '5:Tablet 10" 6:Tablet 12" 7:Bike computer 8:Wall mount | 1:Devices/1 2:Accessories/2 | -Sales -Support +Management \nTablet 10"\n';
/** An older build's sandbox: no user-defined list tables, nor the sale field on one. */
const OLDER = [...UDLIST_TABLES.map((t) => `DROP TABLE "${t}"`), 'DELETE FROM "UDefField" WHERE "UDefField_Id" = 19', 'UPDATE udsalesmall SET long03 = 0'];

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  it("gains the user-defined list tables with the demo's lists when opened", async () => {
    const file = await olderSqliteSandbox('crm-udlists-old-', [...OLDER, 'PRAGMA user_version = 13'].join('; '));
    const driver = await openDriver(file);
    try {
      const r = runWithCrm({ dir: '', driver, crm: serviceOver(driver, { rollback: true }) }, SMOKE);
      expect(r.diagnostics).toEqual([]);
      expect(r.error).toBeNull();
      expect(r.output).toBe(SMOKE_OUT);
    } finally {
      driver.close();
    }
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it("gains the user-defined list tables with the demo's lists when a process of this build opens it", async () => {
    const { url, admin } = await olderPgSandbox([`DROP TABLE ${UDLIST_TABLES.map((t) => `crm."${t.toLowerCase()}"`).join(', ')}`, 'DELETE FROM crm.udeffield WHERE udeffield_id = 19', 'UPDATE crm.udsalesmall SET long03 = 0'], 12);
    try {
      expect(await runFileOn(url, 'crm-udlists-pg-', SMOKE, ['--rollback'])).toBe(SMOKE_OUT);
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
    } finally {
      await admin.end();
    }
  });
});
