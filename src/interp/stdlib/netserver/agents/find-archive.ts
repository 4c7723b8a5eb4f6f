// NSFindAgent and NSArchiveAgent as queries over one table: an archive provider names a table
// (contact, person, sale, appointment, ...; "FindContact", the activity providers and the dynamic
// selection providers of Find, "ContactPersonDynamicSelectionV2" and the like, too),
// NSArchiveRestrictionInfo values become conditions (values always as parameters), the columns
// asked for come back in each NSArchiveListItem's column Map.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { CrmMap } from '../../map.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, textOf } from './view.js';
import { make, type Methods } from './define.js';
import { columnOf, conditions } from './restrictions.js';
import { listOf, orderOf as orderFromString, restrictionsOf } from './archive-strings.js';

const PROVIDERS: Record<string, string> = {
  contact: 'contact',
  person: 'person',
  sale: 'sale',
  appointment: 'appointment',
  diary: 'appointment',
  project: 'project',
  projectmember: 'projectmember',
  document: 'document',
  ticket: 'ticket',
  request: 'ticket',
  associate: 'associate',
  user: 'associate',
  quote: 'Quote',
  selection: 'selection',
  contactactivity: 'appointment',
  personactivity: 'appointment',
  projectactivity: 'appointment',
  saleactivity: 'appointment',
  // the providers of SuperOffice's Find (a dynamic selection of each table); companies and persons share one
  contactpersondynamicselectionv2: 'contact',
  appointmentdynamicselectionv2: 'appointment',
  documentdynamicselectionv2: 'document',
  projectdynamicselectionv2: 'project',
  saledynamicselectionv2: 'sale',
  ticketdynamicselectionv2: 'ticket',
  selectiondynamicselectionv2: 'selection',
};

/** The Find provider of companies and persons: its entities (contact, person) name the table it reads. */
export const CONTACT_PERSON_PROVIDER = 'ContactPersonDynamicSelectionV2';

/** Whether a provider is one of Find's dynamic selection providers ("SaleDynamicSelectionV2"). */
export function isSelectionProvider(provider: string): boolean {
  return /DynamicSelectionV2$/i.test(provider.trim());
}

/** Whether a provider lists activities (follow-ups, documents, sales), its entity naming the table. */
export function isActivityProvider(provider: string): boolean {
  return provider.toLowerCase().replace(/^find/, '').endsWith('activity');
}

export function tableOf(where: string, provider: string, entities: string[] = []): string {
  let p = provider.toLowerCase().replace(/^find/, '');
  if ((isActivityProvider(provider) || p === CONTACT_PERSON_PROVIDER.toLowerCase()) && entities.length) p = entities[0].toLowerCase();
  const t = Object.hasOwn(PROVIDERS, p) ? PROVIDERS[p] : undefined;
  if (!t) throw fail(where, `the sandbox has no archive provider '${provider}' (it has: ${Object.keys(PROVIDERS).join(', ')})`);
  return t;
}

function orderOf(where: string, table: string, orderBy: unknown): { column: string; descending?: boolean }[] {
  const list = (Array.isArray(orderBy) ? orderBy : []).filter((o): o is NSObject => o instanceof NSObject && !!o.f.Name);
  const out: { column: string; descending?: boolean }[] = list.map((o) => ({ column: columnOf(where, table, String(o.f.Name)), descending: Number(o.f.Direction ?? 0) === 1 }));
  out.push({ column: db().table(table)!.primaryKey });
  return out;
}

/** Whether a table has a column by a restriction's or select's name of it. */
export function hasColumn(table: string, name: string): boolean {
  try {
    return name.toLowerCase() === 'text' || !!columnOf('', table, name);
  } catch {
    return false;
  }
}

/** The display text of a column ('text' reads the row's text); '' for a column the table lacks when `lenient`. */
function display(where: string, row: CrmRow, table: string, name: string, lenient: boolean): string {
  if (name.toLowerCase() === 'text') return textOf(col(row, 'text_id'));
  if (lenient && !hasColumn(table, name)) return '';
  const v = col(row, columnOf(where, table, name));
  return v === null || v === undefined ? '' : String(v);
}

/**
/**
 * A row of `table` as an archive row with the columns asked for (all of the table's when none):
 * its ColumnData maps each column to its display text. With `lenient`, a column the table lacks
 * reads as '' (rows of several tables in one list), else it is an error naming `where`.
 */
export function archiveItem(where: string, table: string, row: CrmRow, columns: string[], lenient = false): NSObject {
  const pk = db().table(table)!.primaryKey;
  const id = Number(col(row, pk) ?? 0);
  const data = new CrmMap();
  for (const c of columns.length ? columns : db().table(table)!.columns.map((x) => x.name)) data.insert(c, display(where, row, table, c, lenient));
  return make('NSArchiveListItem', { EntityName: table.toLowerCase(), PrimaryKey: id, ColumnData: data, LinkHint: `${table.toLowerCase()}_id=${id}` });
}

/**
 * A page of a provider's rows as NSArchiveListItems, and how many rows match in all. Page 0 is the
 * first; a negative page skips that many rows; pageSize 0 gives every row.
 */
export function items(where: string, provider: string, columns: unknown, orderBy: unknown, restrictions: unknown, entities: unknown, page: number, pageSize: number): { rows: NSObject[]; count: number } {
  const table = tableOf(where, provider, Array.isArray(entities) ? entities.map(String) : []);
  const conds = conditions(where, table, restrictions);
  const size = pageSize > 0 ? pageSize : undefined;
  const rows = db().select(table, { where: conds, orderBy: orderOf(where, table, orderBy), limit: size, offset: page < 0 ? -page : size ? page * size : undefined });
  const cols = (Array.isArray(columns) ? columns.map(String) : []).filter(Boolean);
  const out = rows.map((r) => archiveItem(where, table, r, cols));
  return { rows: out, count: db().count(table, conds) };
}

function results(rows: NSObject[], count: number, columns: string[]): NSObject {
  return make('NSFindResults', { ArchiveRows: rows, RowCount: count, ArchiveColumns: columns.map((c) => make('NSArchiveColumnInfo', { Name: c, DisplayName: c, IsVisible: true, CanOrderBy: true, CanRestrictBy: true })) });
}

export const archiveAgent: Methods = {
  'GetArchiveListByColumns(String,String[],NSArchiveOrderByInfo[],NSArchiveRestrictionInfo[],String[],Integer,Integer)': (
    _a: unknown,
    provider: string,
    columns: string[],
    orderBy: NSObject[],
    restrictions: NSObject[],
    entities: string[],
    page: number,
    pageSize: number,
  ) => items('NSArchiveAgent.GetArchiveListByColumns', provider, columns, orderBy, restrictions, entities, page, pageSize).rows,
  'GetProviderNames()': () => Object.keys(PROVIDERS),
};

type S = string;
type N = number;
type A = unknown;

/** A find's results: the page of rows, with the column list asked for. */
export function found(method: string, provider: S, restrictions: A, columns: string[], order: A, pageSize: N, page: N): NSObject {
  const r = items(`NSFindAgent.${method}`, provider, columns, order, restrictions, [], page, pageSize);
  return results(r.rows, r.count, columns);
}

/** The "2" methods' string forms (archive-strings.ts): restrictions, a column list (a String or a String[]) and a sort order. */
function foundFromStrings(method: S, restrictions: S, provider: S, columns: A, order: S, pageSize: N, page: N): NSObject {
  const where = `NSFindAgent.${method}`;
  const cols = Array.isArray(columns) ? columns.map(String).filter(Boolean) : listOf(String(columns ?? ''));
  return found(method, provider, restrictionsOf(where, restrictions), cols, orderFromString(where, order), pageSize, page);
}

export const findAgent: Methods = {
  'FindFromRestrictions(NSArchiveRestrictionInfo[],String,Integer,Integer)': (_a: A, restrictions: A, provider: S, pageSize: N, page: N) =>
    found('FindFromRestrictions', provider, restrictions, [], [], pageSize, page),
  'FindFromRestrictionsColumns(NSArchiveRestrictionInfo[],String,String[],Integer,Integer)': (_a: A, restrictions: A, provider: S, columns: S[], pageSize: N, page: N) =>
    found('FindFromRestrictionsColumns', provider, restrictions, (columns ?? []).map(String), [], pageSize, page),
  'FindFromRestrictionsColumnsOrderBy(NSArchiveRestrictionInfo[],String,String[],NSArchiveOrderByInfo[],Integer,Integer)': (
    _a: A,
    restrictions: A,
    provider: S,
    columns: S[],
    order: A,
    pageSize: N,
    page: N,
  ) => found('FindFromRestrictionsColumnsOrderBy', provider, restrictions, (columns ?? []).map(String), order, pageSize, page),
  'FindFromRestrictions2(String,String,Integer,Integer)': (_a: A, restrictions: S, provider: S, pageSize: N, page: N) =>
    foundFromStrings('FindFromRestrictions2', restrictions, provider, [], '', pageSize, page),
  'FindFromRestrictionsColumns2(String,String,String[],Integer,Integer)': (_a: A, restrictions: S, provider: S, columns: A, pageSize: N, page: N) =>
    foundFromStrings('FindFromRestrictionsColumns2', restrictions, provider, columns, '', pageSize, page),
  'FindFromRestrictionsColumns2(String,String,String,Integer,Integer)': (_a: A, restrictions: S, provider: S, columns: A, pageSize: N, page: N) =>
    foundFromStrings('FindFromRestrictionsColumns2', restrictions, provider, columns, '', pageSize, page),
  'FindFromRestrictionsColumnsOrderBy2(String,String,String[],String,Integer,Integer)': (_a: A, restrictions: S, provider: S, columns: A, order: S, pageSize: N, page: N) =>
    foundFromStrings('FindFromRestrictionsColumnsOrderBy2', restrictions, provider, columns, order, pageSize, page),
  'FindFromRestrictionsColumnsOrderBy2(String,String,String,String,Integer,Integer)': (_a: A, restrictions: S, provider: S, columns: A, order: S, pageSize: N, page: N) =>
    foundFromStrings('FindFromRestrictionsColumnsOrderBy2', restrictions, provider, columns, order, pageSize, page),
};
