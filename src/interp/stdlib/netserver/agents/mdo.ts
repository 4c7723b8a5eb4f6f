// NSMDOAgent: SuperOffice's lists by name ("category", "business", "country", …) as list items,
// over the tables the sandbox has for them. Items come in rank order (then name), deleted ones
// left out unless asked for by id; a list of tickets' categories is a tree (GetList unless
// forceFlatList). A list the sandbox has no table for is an error that names the lists it has.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { didYouMean } from '../../../util/did-you-mean.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { associateName } from './people-views.js';
import type { Methods } from './define.js';

interface MdoList {
  table: string;
  /** The order of the items (columns). */
  order: string[];
  /** Whether a row is deleted (hidden from lists). */
  deleted?: string;
  tooltip?: string;
  /** The parent item's id, for lists that are trees. */
  parent?: string;
  fullName?: (r: CrmRow) => string;
  /** The rows a list's additional info (GetList's third argument: "Name=value&…") asks for. */
  restrict?: (info: Map<string, string>) => (r: CrmRow) => boolean;
  /** Items the list adds around its rows, or how it shows them (saleprobability). */
  dress?: (items: NSObject[], cls: string, name: string) => NSObject[];
}

const PLAIN = (table: string): MdoList => ({ table, order: ['rank', 'name'], deleted: 'deleted', tooltip: 'tooltip' });

/** A guide's suggestions, of one stage link when the additional info names it (SaleTypeStageLinkId=…, ProjectTypeStatusLinkId=…). */
const SUGGESTIONS = (table: string): MdoList => ({
  ...PLAIN(table),
  restrict: (info) => (r) =>
    ['saleTypeStageLinkId', 'projectTypeStatusLinkId'].every((c) => !info.has(c.toLowerCase()) || Number(col(r, c) ?? 0) === Number(info.get(c.toLowerCase()))),
});

/**
 * The sale dialog's stages, as SuperOffice's saleprobability list shows them: each stage with its
 * probability in its name and as extra info, between a "Lost" item (id -1, 0 %) and a "Sold"
 * item (id -2, 100 %).
 */
function saleProbability(list: NSObject[], cls: string, name: string): NSObject[] {
  const edge = (id: number, text: string, p: number): NSObject => {
    const o = new NSObject(cls);
    Object.assign(o.f, { Id: id, Name: text, FullName: text, ToolTip: '', Deleted: false, Rank: 0, Type: name.trim().toLowerCase(), ChildItems: [], ExtraInfo: String(p) });
    if (cls === 'NSSelectableMDOListItem') Object.assign(o.f, { Selected: false, Hidden: false });
    return o;
  };
  for (const o of list) {
    const p = Number(lookupProb(Number(o.f.Id)));
    o.f.Name = o.f.FullName = `${String(o.f.Name)} (${p}%)`;
    o.f.ExtraInfo = String(p);
  }
  return [edge(-1, 'Lost', 0), ...list, edge(-2, 'Sold', 100)];
}

function lookupProb(id: number): number {
  const r = db().get('Prob', id);
  return Number(r ? (col(r, 'probability') ?? 0) : 0);
}

const ASSOCIATES: MdoList = { ...PLAIN('associate'), fullName: (r) => associateName(col(r, 'associate_id')) };

const LISTS: Record<string, MdoList> = {
  associate: ASSOCIATES,
  // the users who can serve chat topics: in SuperOffice those with a chat licence, in the sandbox
  // (no licences) every associate that is a user
  chatuser: { ...ASSOCIATES, restrict: () => (r) => Number(col(r, 'ejuserId') ?? 0) > 0 },
  business: PLAIN('Business'),
  category: PLAIN('Category'),
  country: PLAIN('country'),
  currency: PLAIN('Currency'),
  ejcategory: { table: 'ej_category', order: ['fullname'], parent: 'parent_id', fullName: (r) => String(col(r, 'fullname') ?? '') },
  ticketstatus: { table: 'ticket_status', order: ['ts_rank', 'name'], deleted: 'deleted' },
  ticketpriority: { table: 'ticket_priority', order: ['sort_order', 'name'] },
  // SuperOffice's list tables (src/crm/demo-lists.ts has the demo's rows)
  comptr: PLAIN('Comptr'),
  consentpurpose: PLAIN('ConsentPurpose'),
  consentsource: PLAIN('ConsentSource'),
  credited: PLAIN('Credited'),
  doctmpl: PLAIN('DocTmpl'),
  legalbase: PLAIN('LegalBase'),
  perspos: PLAIN('PersPos'),
  pmembtype: PLAIN('PMembType'),
  priority: PLAIN('Priority'),
  prob: PLAIN('Prob'),
  productcategory: PLAIN('ProductCategory'),
  productfamily: PLAIN('ProductFamily'),
  producttype: PLAIN('ProductType'),
  saleprobability: { ...PLAIN('Prob'), dress: saleProbability },
  projstatus: PLAIN('ProjStatus'),
  projtype: PLAIN('ProjType'),
  reason: PLAIN('Reason'),
  reasonsold: PLAIN('ReasonSold'),
  reasonstalled: PLAIN('ReasonStalled'),
  saletype: PLAIN('SaleType'),
  searchcat: PLAIN('SearchCat'),
  source: PLAIN('Source'),
  stakeholderrole: PLAIN('StakeholderRole'),
  suggestedappointment: SUGGESTIONS('SuggestedAppointment'),
  suggesteddocument: SUGGESTIONS('SuggestedDocument'),
  task: PLAIN('Task'),
  usergroup: PLAIN('UserGroup'),
};

/** Other names of the lists (lower case): SuperOffice's list names beside the table names. */
const ALIASES: Record<string, string> = {
  competitor: 'comptr',
  documenttemplate: 'doctmpl',
  position: 'perspos',
  projectmembertype: 'pmembtype',
  probability: 'prob',
  projectstatus: 'projstatus',
  projecttype: 'projtype',
  searchcategory: 'searchcat',
};

const AGENT = 'NSMDOAgent';

function list(method: string, name: string): MdoList {
  const key = name.trim().toLowerCase();
  const l = LISTS[ALIASES[key] ?? key];
  if (!l || !db().table(l.table)) throw fail(`${AGENT}.${method}`, `the sandbox CRM has no list "${name}"${didYouMean(name, [...Object.keys(LISTS), ...Object.keys(ALIASES)])} (it has: ${Object.keys(LISTS).join(', ')})`);
  return l;
}

function item(cls: string, l: MdoList, r: CrmRow, name: string): NSObject {
  const o = new NSObject(cls);
  const pk = db().table(l.table)!.primaryKey;
  const text = String(col(r, 'name') ?? '');
  Object.assign(o.f, {
    Id: Number(col(r, pk) ?? 0),
    Name: text,
    FullName: l.fullName?.(r) || text,
    ToolTip: l.tooltip ? String(col(r, l.tooltip) ?? '') : '',
    Deleted: l.deleted ? Number(col(r, l.deleted) ?? 0) !== 0 : false,
    Rank: Number(col(r, 'rank') ?? 0),
    Type: name.trim().toLowerCase(),
    ChildItems: [],
  });
  if (cls === 'NSSelectableMDOListItem') Object.assign(o.f, { Selected: false, Hidden: false });
  return o;
}

/** Additional info "Name=value&Name=value" as lower-case names → values. */
function infoOf(additional: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of String(additional ?? '').split('&')) {
    const at = part.indexOf('=');
    if (at > 0) out.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  return out;
}

/**
 * The items of a list, deleted ones left out (unless the additional info says ShowDeleted=true);
 * a tree unless `flat`; `search`: names containing it.
 */
export function items(method: string, cls: string, name: string, flat: boolean, search = '', additional = ''): NSObject[] {
  const l = list(method, name);
  const info = infoOf(additional);
  const showDeleted = /^(true|1)$/i.test(info.get('showdeleted') ?? '');
  const keep = l.restrict?.(info) ?? (() => true);
  const rows = db()
    .select(l.table, { orderBy: l.order.map((column) => ({ column })) })
    .filter((r) => showDeleted || !l.deleted || !Number(col(r, l.deleted) ?? 0))
    .filter(keep);
  const wanted = search.trim().toLowerCase();
  const all = rows.filter((r) => !wanted || String(col(r, 'name') ?? '').toLowerCase().includes(wanted)).map((r) => ({ r, o: item(cls, l, r, name) }));
  if (l.dress) return l.dress(all.map((x) => x.o), cls, name);
  if (flat || wanted || !l.parent) return all.map((x) => x.o);
  const byId = new Map(all.map((x) => [Number(x.o.f.Id), x.o]));
  const top: NSObject[] = [];
  for (const { r, o } of all) {
    const parent = byId.get(Number(col(r, l.parent) ?? 0));
    if (parent) (parent.f.ChildItems as NSObject[]).push(o);
    else top.push(o);
  }
  return top;
}

const ITEM = 'NSMDOListItem';

/** The NSMDOListItems of a list the sandbox has (its items as GetList gives them). */
export function mdoItems(name: string, flat: boolean): NSObject[] {
  return items('GetList', ITEM, name, flat);
}
const SELECTABLE = 'NSSelectableMDOListItem';

export const mdoAgent: Methods = {
  'GetList(String,Bool,String,Bool)': (_a: unknown, name: string, flat: boolean, info: string) => items('GetList', ITEM, name, flat, '', info),
  'GetSimpleList(String)': (_a: unknown, name: string) => items('GetSimpleList', ITEM, name, true),
  'GetListWithRestriction(String,String,String)': (_a: unknown, name: string, info: string, search: string) => items('GetListWithRestriction', ITEM, name, true, search, info),
  'GetSelectableList(String,Bool,String,Bool)': (_a: unknown, name: string, flat: boolean, info: string) => items('GetSelectableList', SELECTABLE, name, flat, '', info),
  'GetSelectableSimpleList(String)': (_a: unknown, name: string) => items('GetSelectableSimpleList', SELECTABLE, name, true),
  'GetSelectableListWithRestriction(String,String,String)': (_a: unknown, name: string, info: string, search: string) => items('GetSelectableListWithRestriction', SELECTABLE, name, true, search, info),
  // one item by id, deleted or not; an id with no row gives an item whose id is 0
  'GetListItem(String,Integer)': (_a: unknown, name: string, id: number) => {
    const l = list('GetListItem', name);
    const r = id ? db().get(l.table, id) : null;
    return r ? item(ITEM, l, r, name) : item(ITEM, l, {}, name);
  },
  'GetListNames()': () => mdoListNames(),
};

/**
 * The table of a list the sandbox has, by one of its names, when its items are plain list rows
 * (name, rank, tooltip, deleted; no tree, restriction or dressing); '' for a list that is not
 * plain, null for a name that is no list the sandbox has.
 */
export function plainListTable(name: string): string | null {
  const key = name.trim().toLowerCase();
  const l = LISTS[ALIASES[key] ?? key];
  if (!l || !db().table(l.table)) return null;
  const plain = !l.restrict && !l.dress && !l.fullName && !l.parent && l.deleted === 'deleted' && l.tooltip === 'tooltip';
  return plain ? l.table : '';
}

/** The names of the lists the sandbox has (GetListNames). */
export const mdoListNames = (): string[] => Object.keys(LISTS).filter((n) => db().table(LISTS[n]!.table));
