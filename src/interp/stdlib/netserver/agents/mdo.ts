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
}

const PLAIN = (table: string): MdoList => ({ table, order: ['rank', 'name'], deleted: 'deleted', tooltip: 'tooltip' });

const LISTS: Record<string, MdoList> = {
  associate: { ...PLAIN('associate'), fullName: (r) => associateName(col(r, 'associate_id')) },
  business: PLAIN('Business'),
  category: PLAIN('Category'),
  country: PLAIN('country'),
  currency: PLAIN('Currency'),
  ejcategory: { table: 'ej_category', order: ['fullname'], parent: 'parent_id', fullName: (r) => String(col(r, 'fullname') ?? '') },
  ticketstatus: { table: 'ticket_status', order: ['ts_rank', 'name'], deleted: 'deleted' },
  ticketpriority: { table: 'ticket_priority', order: ['sort_order', 'name'] },
  // SuperOffice's list tables (src/crm/demo-lists.ts has the demo's rows)
  comptr: PLAIN('Comptr'),
  credited: PLAIN('Credited'),
  doctmpl: PLAIN('DocTmpl'),
  perspos: PLAIN('PersPos'),
  pmembtype: PLAIN('PMembType'),
  priority: PLAIN('Priority'),
  prob: PLAIN('Prob'),
  projstatus: PLAIN('ProjStatus'),
  projtype: PLAIN('ProjType'),
  reason: PLAIN('Reason'),
  reasonsold: PLAIN('ReasonSold'),
  reasonstalled: PLAIN('ReasonStalled'),
  saletype: PLAIN('SaleType'),
  searchcat: PLAIN('SearchCat'),
  source: PLAIN('Source'),
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

/** The items of a list, deleted ones left out; a tree unless `flat`; `search`: names containing it. */
function items(method: string, cls: string, name: string, flat: boolean, search = ''): NSObject[] {
  const l = list(method, name);
  const rows = db().select(l.table, { orderBy: l.order.map((column) => ({ column })) }).filter((r) => !l.deleted || !Number(col(r, l.deleted) ?? 0));
  const wanted = search.trim().toLowerCase();
  const all = rows.filter((r) => !wanted || String(col(r, 'name') ?? '').toLowerCase().includes(wanted)).map((r) => ({ r, o: item(cls, l, r, name) }));
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
const SELECTABLE = 'NSSelectableMDOListItem';

export const mdoAgent: Methods = {
  'GetList(String,Bool,String,Bool)': (_a: unknown, name: string, flat: boolean) => items('GetList', ITEM, name, flat),
  'GetSimpleList(String)': (_a: unknown, name: string) => items('GetSimpleList', ITEM, name, true),
  'GetListWithRestriction(String,String,String)': (_a: unknown, name: string, _info: string, search: string) => items('GetListWithRestriction', ITEM, name, true, search),
  'GetSelectableList(String,Bool,String,Bool)': (_a: unknown, name: string, flat: boolean) => items('GetSelectableList', SELECTABLE, name, flat),
  'GetSelectableSimpleList(String)': (_a: unknown, name: string) => items('GetSelectableSimpleList', SELECTABLE, name, true),
  'GetSelectableListWithRestriction(String,String,String)': (_a: unknown, name: string, _info: string, search: string) => items('GetSelectableListWithRestriction', SELECTABLE, name, true, search),
  // one item by id, deleted or not; an id with no row gives an item whose id is 0
  'GetListItem(String,Integer)': (_a: unknown, name: string, id: number) => {
    const l = list('GetListItem', name);
    const r = id ? db().get(l.table, id) : null;
    return r ? item(ITEM, l, r, name) : item(ITEM, l, {}, name);
  },
  'GetListNames()': () => Object.keys(LISTS).filter((n) => db().table(LISTS[n]!.table)),
};
