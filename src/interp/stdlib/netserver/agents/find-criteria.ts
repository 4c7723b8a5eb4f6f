// What NSFindAgent tells about searches, saved (criteria-store.ts) or given: where a storage type,
// provider and key keep their criteria, the criteria themselves filled in (GetCriteriaInformation,
// PopulateRestrictions: each restriction's column info, and its values as they read — a list
// item's or an associate's name for its id), the columns a find shows and its sort order when
// none are asked for, the columns a provider can be restricted by, and a period's dates
// (PopulateRestrictionValues).
//
// Where criteria are kept: the storage key of one of Find's dynamic selection providers
// ("SaleDynamicSelectionV2") that is a number is a selection's id, as in SuperOffice's Find: the
// criteria are that selection's and a find reads its table. Any other key keeps a find's own
// criteria under the storage type, the provider and the key. A context (the …WithContext and the
// group methods take one) does not choose another set: Find, which takes none, reads the same.
//
// The reference does not say how the default columns and order are chosen; the sandbox shows the
// table's name column (else its key) and then each column the restrictions name, and sorts by the
// first column shown. The criteria list of NSCriteriaInformation (CriteriaArchiveRows, an archive
// control's rows) has a row a restriction with the columns column, operator, values and isActive;
// the static columns a caller names are not documented either, and do not change it.
import { NSObject } from '../object.js';
import { CrmMap } from '../../map.js';
import { db, fail } from './db.js';
import { lookup } from './view.js';
import { make, type Methods } from './define.js';
import { columnOf } from './restrictions.js';
import { restrictionsOf } from './archive-strings.js';
import { hasColumn, isSelectionProvider, tableOf } from './find-archive.js';
import { availableColumns, infosOf } from './archive-config.js';
import { readGroups, type Owner } from './criteria-store.js';
import { selectionOf, targetOfRow } from './selection-dynamic.js';
import { PERIODS, periodRange } from './restriction-dates.js';

export const AGENT = 'NSFindAgent';

export interface Stored {
  owner: Owner;
  /** The provider a find of them reads (a selection's: its table). */
  provider: string;
  table: string;
}

/** Where a storage type, provider and key keep their criteria, and the table a find of them reads. */
export function storedAt(where: string, type: string, provider: string, key: string): Stored {
  const k = String(key ?? '').trim();
  if (isSelectionProvider(String(provider ?? '')) && /^\d+$/.test(k)) {
    const id = Number(k);
    const target = targetOfRow(where, id, selectionOf(where, id));
    return { owner: { selection: id }, provider: target.name, table: target.name };
  }
  return { owner: { type: String(type ?? ''), provider: String(provider ?? ''), key: k }, provider: String(provider ?? ''), table: tableOf(where, String(provider ?? '')) };
}

/** The columns a find of `table` shows when none are asked for: its name column (else its key), then each column the restrictions name, once. */
export function defaultColumns(table: string, restrictions: NSObject[]): string[] {
  const t = db().table(table)!;
  const first = t.columns.find((c) => c.name.toLowerCase() === 'name')?.name ?? t.primaryKey;
  const out = [first];
  const seen = new Set([first]);
  for (const r of restrictions) {
    const name = String(r.f.Name ?? '').trim();
    if (!name || name.toLowerCase() === 'text' || !hasColumn(table, name)) continue;
    const c = columnOf('', table, name);
    if (!seen.has(c)) out.push(name);
    seen.add(c);
  }
  return out;
}

/** The sort order of a find that shows these columns: by the first one the table can sort by, ascending. */
export function defaultOrder(table: string, columns: string[]): NSObject[] {
  const first = columns.find((c) => c.toLowerCase() !== 'text' && hasColumn(table, c));
  return first ? [make('NSArchiveOrderByInfo', { Name: first, Direction: 0 })] : [];
}

/** A value as it reads: for a column that links to a table with names (a list, an associate), the name of that row. */
function display(table: string, name: string, value: string): string {
  if (!/^\d+$/.test(value.trim()) || !hasColumn(table, name)) return value;
  const c = db().table(table)!.columns.find((x) => x.name === columnOf('', table, name));
  const ref = c?.references ? db().table(c.references) : null;
  return ref && ref.columns.some((x) => x.name === 'name') ? lookup(ref.name, Number(value), 'name') || value : value;
}

/** A copy of a restriction with its column info and display values filled in. */
function populated(where: string, table: string, r: NSObject): NSObject {
  const name = String(r.f.Name ?? '').trim();
  const values = (Array.isArray(r.f.Values) ? r.f.Values : []).map(String);
  const o = make('NSArchiveRestrictionInfo', { ...r.f, Values: values, DisplayValues: values.map((v) => display(table, name, v)) });
  if (name.toLowerCase() !== 'text' && hasColumn(table, name)) o.f.ColumnInfo = infosOf(where, table, [name])[0];
  return o;
}

const populate = (where: string, table: string, list: unknown): NSObject[] =>
  (Array.isArray(list) ? list : []).filter((r): r is NSObject => r instanceof NSObject).map((r) => populated(where, table, r));

/** The first operator of each restriction type, as the sandbox lists them: what a restriction nobody set starts with. */
const FIRST_OPERATOR: Record<string, string> = { bool: 'set', int: 'equals', decimal: 'equals', datetime: 'after', string: 'begins', associate: 'currentAssociate' };

/** A restriction on a column that has none: its first operator, no values, not active. */
function unset(where: string, table: string, name: string): NSObject {
  const info = infosOf(where, table, [name])[0];
  return make('NSArchiveRestrictionInfo', { Name: name, Operator: FIRST_OPERATOR[String(info.f.RestrictionType)] ?? 'equals', Values: [], DisplayValues: [], IsActive: false, ColumnInfo: info });
}

const LIST_COLUMNS = ['column', 'operator', 'values', 'isActive'];

function listRow(r: NSObject, i: number): NSObject {
  const data = new CrmMap();
  const cells = [String(r.f.Name ?? ''), String(r.f.Operator ?? ''), (Array.isArray(r.f.DisplayValues) ? r.f.DisplayValues : []).map(String).join(', '), r.f.IsActive === false ? '0' : '1'];
  LIST_COLUMNS.forEach((c, n) => data.insert(c, cells[n]));
  return make('NSArchiveListItem', { EntityName: 'restriction', PrimaryKey: i + 1, ColumnData: data, LinkHint: '' });
}

/**
 * What is saved at a storage type, provider and key: the first group's restrictions (with
 * `desired`, a restriction for each of those columns: the saved one, else an unset one) and every
 * group, filled in, and the restrictions as an archive list.
 */
export function criteriaInformation(where: string, s: Stored, desired?: string[]): NSObject {
  const groups = readGroups(s.owner).map((g) => make('NSArchiveRestrictionGroup', { ...g.f, Restrictions: populate(where, s.table, g.f.Restrictions) }));
  let restrictions = (groups[0]?.f.Restrictions as NSObject[] | undefined) ?? [];
  if (desired) {
    const key = (n: string): string => (hasColumn(s.table, n) ? columnOf('', s.table, n) : n.toLowerCase());
    restrictions = desired.map((n) => restrictions.find((r) => key(String(r.f.Name)) === key(n)) ?? unset(where, s.table, n));
  }
  return make('NSCriteriaInformation', {
    Restrictions: restrictions,
    RestrictionGroups: groups,
    CriteriaArchiveColumns: LIST_COLUMNS.map((c) => make('NSArchiveColumnInfo', { Name: c, DisplayName: c, DisplayType: 'string', RestrictionType: '', IsVisible: true, CanOrderBy: false, CanRestrictBy: false })),
    CriteriaArchiveRows: restrictions.map(listRow),
  });
}

const day = (stored: string): string => stored.slice(0, 10).replace(/-/g, '.');

/** A period operator's values: its first and last day (an open-ended period keeps its values). */
function periodValues(r: NSObject): NSObject {
  const op = String(r.f.Operator ?? '').toLowerCase();
  const o = make('NSArchiveRestrictionInfo', { ...r.f });
  if (!PERIODS.has(op)) return o;
  const range = periodRange(op, db().now());
  if (range.from === undefined || range.until === undefined) return o;
  const last = new Date(`${range.until.slice(0, 10)}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  o.f.Values = [day(range.from), day(last.toISOString())];
  o.f.DisplayValues = [...(o.f.Values as string[])];
  return o;
}

type S = string;
const at = (method: string): string => `${AGENT}.${method}`;
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String).filter(Boolean) : []);

/** Column infos of the default columns for restrictions given directly. */
function columnsFor(where: string, provider: S, restrictions: unknown): NSObject[] {
  const table = tableOf(where, provider);
  const sets = Array.isArray(restrictions) ? [restrictions] : (restrictions as { anyOf: NSObject[][] }).anyOf;
  return infosOf(where, table, defaultColumns(table, sets.flat().filter((r): r is NSObject => r instanceof NSObject)));
}

function savedColumns(where: string, type: S, provider: S, key: S): { table: string; columns: string[] } {
  const s = storedAt(where, type, provider, key);
  return { table: s.table, columns: defaultColumns(s.table, readGroups(s.owner).flatMap((g) => g.f.Restrictions as NSObject[])) };
}

export const findCriteria: Methods = {
  'GetCriteriaInformation(String,String,String,String[])': (_a: unknown, type: S, provider: S, key: S) =>
    criteriaInformation(at('GetCriteriaInformation'), storedAt(at('GetCriteriaInformation'), type, provider, key)),
  'GetCriteriaInformationWithContext(String,String,String,String[],String)': (_a: unknown, type: S, provider: S, key: S) =>
    criteriaInformation(at('GetCriteriaInformationWithContext'), storedAt(at('GetCriteriaInformationWithContext'), type, provider, key)),
  'GetSpecifiedCriteriaInformationWithDefaults(String,String,String,String[],String[])': (_a: unknown, type: S, provider: S, key: S, desired: unknown) => {
    const where = at('GetSpecifiedCriteriaInformationWithDefaults');
    return criteriaInformation(where, storedAt(where, type, provider, key), list(desired));
  },
  'GetSpecifiedCriteriaInformationWithDefaultsWithContext(String,String,String,String[],String[],String)': (_a: unknown, type: S, provider: S, key: S, desired: unknown) => {
    const where = at('GetSpecifiedCriteriaInformationWithDefaultsWithContext');
    return criteriaInformation(where, storedAt(where, type, provider, key), list(desired));
  },
  'GetDefaultDesiredColumns(String,String,String)': (_a: unknown, type: S, provider: S, key: S) => {
    const where = at('GetDefaultDesiredColumns');
    const { table, columns } = savedColumns(where, type, provider, key);
    return infosOf(where, table, columns);
  },
  'GetDefaultDesiredColumnsFromRestrictions(String,NSArchiveRestrictionInfo[])': (_a: unknown, provider: S, restrictions: unknown) =>
    columnsFor(at('GetDefaultDesiredColumnsFromRestrictions'), provider, restrictions ?? []),
  'GetDefaultDesiredColumnsFromRestrictions2(String,String)': (_a: unknown, provider: S, restrictions: S) => {
    const where = at('GetDefaultDesiredColumnsFromRestrictions2');
    return columnsFor(where, provider, restrictionsOf(where, String(restrictions ?? '')));
  },
  'GetDefaultOrderBy(String,String,String)': (_a: unknown, type: S, provider: S, key: S) => {
    const { table, columns } = savedColumns(at('GetDefaultOrderBy'), type, provider, key);
    return defaultOrder(table, columns);
  },
  'GetDefaultOrderByFromDesiredColumns(String,String[])': (_a: unknown, provider: S, columns: unknown) => {
    const where = at('GetDefaultOrderByFromDesiredColumns');
    const table = tableOf(where, provider);
    const names = list(columns);
    for (const n of names) if (n.toLowerCase() !== 'text' && !hasColumn(table, n)) throw fail(where, `${table} has no column '${n}'`);
    return defaultOrder(table, names);
  },
  'GetAvailableRestrictionColumns(String,String)': (_a: unknown, _type: S, provider: S) =>
    availableColumns(at('GetAvailableRestrictionColumns'), provider)
      .filter((c) => c.f.CanRestrictBy === true)
      .map((c) => String(c.f.Name)),
  'PopulateRestrictions(String,NSArchiveRestrictionInfo[])': (_a: unknown, provider: S, restrictions: unknown) => {
    const where = at('PopulateRestrictions');
    return populate(where, tableOf(where, provider), restrictions);
  },
  'PopulateRestrictionValues(NSArchiveRestrictionInfo[])': (_a: unknown, restrictions: unknown) =>
    (Array.isArray(restrictions) ? restrictions : []).filter((r): r is NSObject => r instanceof NSObject).map(periodValues),
};
