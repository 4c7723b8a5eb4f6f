// More of what a user keeps of the archives (archive-prefs.ts): the column widths of a GUI name
// (SetColumnWidths) or of a GUI name, provider, context and owner keys (SetColumnWidthsV2), and
// the activity filter (which associates' and groups' activities, between which dates). A width is
// a number of characters ("10c") or a percentage ("10%"); they apply in order to the columns
// GetArchiveConfiguration gives (the widths of the full key, else those of the GUI name), the
// percentages scaled so that they add up to exactly 100. The activity filter is stored as JSON;
// GetActivityFilter lists every associate and user group, the chosen ones selected (none chosen:
// the run's user).
import { NSObject } from '../object.js';
import { db, dateFromDb, dateToDb, fail } from './db.js';
import { col } from './view.js';
import { make, type Methods } from './define.js';
import { associateName } from './people-views.js';
import { keyOf, storeText, storedText, type ArchiveKey } from './archive-prefs.js';

const AGENT = 'NSArchiveAgent';
const WIDTHS = 'archiveColumnWidths';
const FILTER = { section: 'archiveActivityFilter', key: 'filter' };

const at = (method: string): string => `${AGENT}.${method}`;

function setWidths(where: string, key: string, widths: unknown): void {
  const list = (Array.isArray(widths) ? widths : []).map((w) => String(w ?? '').trim().toLowerCase());
  for (const w of list) if (!/^\d+[c%]$/.test(w)) throw fail(where, `the column width '${w}' is neither a number of characters (like 10c) nor a percentage (like 10%)`);
  storeText(where, WIDTHS, key, list.join(','));
}

/** Percentages scaled to add up to 100 (the rounding's remainder on the last); character widths as they are. */
function scaled(widths: string[]): string[] {
  const percent = widths.map((w) => (w.endsWith('%') ? Number(w.slice(0, -1)) : -1));
  const total = percent.filter((p) => p >= 0).reduce((a, b) => a + b, 0);
  if (!total) return widths;
  const last = percent.map((p) => p >= 0).lastIndexOf(true);
  let given = 0;
  return widths.map((w, i) => {
    if (percent[i] < 0) return w;
    const p = i === last ? 100 - given : Math.round((percent[i] * 100) / total);
    given += p;
    return `${p}%`;
  });
}

/** The column infos with the widths the user set for the archive, in order. */
export function withWidths(k: ArchiveKey, infos: NSObject[]): NSObject[] {
  const stored = storedText(WIDTHS, keyOf(k)) ?? storedText(WIDTHS, k.gui);
  if (!stored) return infos;
  const widths = scaled(stored.split(',').filter(Boolean).slice(0, infos.length));
  widths.forEach((w, i) => (infos[i].f.Width = w));
  return infos;
}

interface Filter {
  associates: number[];
  groups: number[];
  from: string | null;
  to: string | null;
  future: { id: number; name: string }[];
}

function storedFilter(): Filter {
  const text = storedText(FILTER.section, FILTER.key);
  const none: Filter = { associates: [db().actor().associateId], groups: [], from: null, to: null, future: [] };
  if (!text) return none;
  try {
    return { ...none, ...(JSON.parse(text) as Partial<Filter>) };
  } catch {
    return none;
  }
}

const selectedIds = (list: unknown): number[] =>
  (Array.isArray(list) ? list : []).filter((o): o is NSObject => o instanceof NSObject && !!o.f.Selected).map((o) => Number(o.f.Id ?? 0));

function setFilter(filter: NSObject): void {
  const where = at('SetActivityFilter');
  if (!(filter instanceof NSObject)) throw fail(where, 'there is no activity filter to set');
  const associates = selectedIds(filter.f.AssociateList);
  for (const id of associates) if (!db().get('associate', id)) throw fail(where, `there is no associate with id ${id}`);
  const groups = selectedIds(filter.f.GroupList);
  for (const id of groups) if (!db().get('UserGroup', id)) throw fail(where, `there is no user group with id ${id}`);
  const date = (v: unknown): string | null => (v && typeof v === 'object' && 'isNull' in v ? dateToDb(v as Parameters<typeof dateToDb>[0]) : null);
  const future = (Array.isArray(filter.f.FutureDateList) ? filter.f.FutureDateList : [])
    .filter((o): o is NSObject => o instanceof NSObject)
    .map((o) => ({ id: Number(o.f.Id ?? 0), name: String(o.f.Name ?? '') }));
  const value: Filter = { associates, groups, from: date(filter.f.FromDate), to: date(filter.f.ToDate), future };
  const text = JSON.stringify(value);
  if (text.length > 2046) throw fail(where, `the filter takes ${text.length} characters stored; a preference holds at most 2046`);
  storeText(where, FILTER.section, FILTER.key, text);
}

function getFilter(): NSObject {
  const f = storedFilter();
  const item = (id: number, name: string, selected: boolean, deleted: boolean): NSObject =>
    make('NSSelectableMDOListItem', { Id: id, Name: name, FullName: name, ToolTip: '', Selected: selected, Deleted: deleted, Rank: 0, Type: '', ChildItems: [] });
  const associates = db()
    .select('associate', { orderBy: [{ column: 'associate_id' }] })
    .map((r) => {
      const id = Number(col(r, 'associate_id'));
      return item(id, associateName(id), f.associates.includes(id), !!Number(col(r, 'deleted') ?? 0));
    });
  const groups = db()
    .select('UserGroup', { orderBy: [{ column: 'rank' }, { column: 'UserGroup_id' }] })
    .map((r) => {
      const id = Number(col(r, 'UserGroup_id'));
      return item(id, String(col(r, 'name') ?? ''), f.groups.includes(id), !!Number(col(r, 'deleted') ?? 0));
    });
  return make('NSActivityFilter', {
    AssociateList: associates,
    GroupList: groups,
    FromDate: dateFromDb(f.from),
    ToDate: dateFromDb(f.to),
    FutureDateList: f.future.map((x) => make('NSMDOListItem', { Id: x.id, Name: x.name, FullName: x.name, Deleted: false })),
  });
}

export const archiveSettings: Methods = {
  'SetColumnWidths(String,String[])': (_a: unknown, gui: string, widths: unknown) => setWidths(at('SetColumnWidths'), String(gui ?? ''), widths),
  'SetColumnWidthsV2(String,String,String,String,String[])': (_a: unknown, gui: string, provider: string, context: string, ownerKeys: string, widths: unknown) =>
    setWidths(at('SetColumnWidthsV2'), keyOf({ gui, provider, context, ownerKeys }), widths),
  'GetActivityFilter()': () => getFilter(),
  'SetActivityFilter(NSActivityFilter)': (_a: unknown, filter: NSObject) => setFilter(filter),
};
