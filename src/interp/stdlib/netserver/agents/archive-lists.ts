// The GetArchiveList* family of NSArchiveAgent: one query (find-archive.ts's items) reached by
// many signatures. "ByColumns" names the columns, plain GetArchiveList reads the columns the user
// chose with SetChosenColumns (archive-config.ts; every column when none); "WithHeader" returns
// an NSArchiveListResult whose RowCount counts every matching row when the options ask for it
// ("rowcount=true"); "2" takes columns, sort order, restrictions and entities as strings
// (archive-strings.ts). A context selects the chosen columns stored with it; the sandbox's
// providers are plain tables, so it does not otherwise change the query. The overloads without
// sort order and restrictions are the reference's shortened signatures: no order, no restriction.
import type { NSObject } from '../object.js';
import { make, type Methods } from './define.js';
import { items } from './find-archive.js';
import { chosenColumns } from './archive-config.js';
import { listOf, orderOf, restrictionsOf } from './archive-strings.js';

const AGENT = 'NSArchiveAgent';

interface Query {
  provider: string;
  columns: unknown;
  order: unknown;
  restrictions: unknown;
  entities: unknown;
  page: number;
  size: number;
}

const rows = (method: string, q: Query): NSObject[] => items(`${AGENT}.${method}`, q.provider, q.columns, q.order, q.restrictions, q.entities, q.page, q.size).rows;

/** Whether "name=value&…" options ask for the row count. */
const wantsCount = (options: string): boolean =>
  String(options ?? '')
    .split('&')
    .some((o) => /^\s*rowcount\s*=\s*(true|1|yes)\s*$/i.test(o));

function result(method: string, q: Query, options: string): NSObject {
  const r = items(`${AGENT}.${method}`, q.provider, q.columns, q.order, q.restrictions, q.entities, q.page, q.size);
  return make('NSArchiveListResult', { Rows: r.rows, RowCount: wantsCount(options) ? r.count : 0 });
}

/** A query from the string forms of columns, sort order, restrictions and entities. */
function fromStrings(method: string, provider: string, columns: string, order: string, restrictions: string, entities: string, page: number, size: number): Query {
  const where = `${AGENT}.${method}`;
  return { provider, columns: listOf(columns), order: orderOf(where, order), restrictions: restrictionsOf(where, restrictions), entities: listOf(entities), page, size };
}

type S = string;
type A = unknown;
type N = number;

export const archiveLists: Methods = {
  'CreateDefaultArchiveListResult()': () => make('NSArchiveListResult', { Rows: [], RowCount: 0 }),

  'GetArchiveListByColumns(String,String[],String[],Integer,Integer)': (_a: A, provider: S, columns: A, entities: A, page: N, size: N) =>
    rows('GetArchiveListByColumns', { provider, columns, order: [], restrictions: [], entities, page, size }),
  'GetArchiveListByColumns2(String,String,String,String,String,Integer,Integer)': (_a: A, provider: S, columns: S, order: S, restr: S, entities: S, page: N, size: N) =>
    rows('GetArchiveListByColumns2', fromStrings('GetArchiveListByColumns2', provider, columns, order, restr, entities, page, size)),
  'GetArchiveListByColumnsWithContext(String,String[],String[],Integer,Integer,String)': (_a: A, provider: S, columns: A, entities: A, page: N, size: N) =>
    rows('GetArchiveListByColumnsWithContext', { provider, columns, order: [], restrictions: [], entities, page, size }),
  'GetArchiveListByColumnsWithContext(String,String[],NSArchiveOrderByInfo[],NSArchiveRestrictionInfo[],String[],Integer,Integer,String)': (
    _a: A, provider: S, columns: A, order: A, restrictions: A, entities: A, page: N, size: N,
  ) => rows('GetArchiveListByColumnsWithContext', { provider, columns, order, restrictions, entities, page, size }),
  'GetArchiveListByColumnsWithContext2(String,String,String,String,String,Integer,Integer,String)': (_a: A, provider: S, columns: S, order: S, restr: S, entities: S, page: N, size: N) =>
    rows('GetArchiveListByColumnsWithContext2', fromStrings('GetArchiveListByColumnsWithContext2', provider, columns, order, restr, entities, page, size)),

  'GetArchiveListByColumnsWithHeader(String,String[],String[],Integer,Integer,String)': (_a: A, provider: S, columns: A, entities: A, page: N, size: N, options: S) =>
    result('GetArchiveListByColumnsWithHeader', { provider, columns, order: [], restrictions: [], entities, page, size }, options),
  'GetArchiveListByColumnsWithHeader(String,String[],NSArchiveOrderByInfo[],NSArchiveRestrictionInfo[],String[],Integer,Integer,String)': (
    _a: A, provider: S, columns: A, order: A, restrictions: A, entities: A, page: N, size: N, options: S,
  ) => result('GetArchiveListByColumnsWithHeader', { provider, columns, order, restrictions, entities, page, size }, options),
  'GetArchiveListByColumnsWithHeader2(String,String,String,String,String,Integer,Integer,String)': (
    _a: A, provider: S, columns: S, order: S, restr: S, entities: S, page: N, size: N, options: S,
  ) => result('GetArchiveListByColumnsWithHeader2', fromStrings('GetArchiveListByColumnsWithHeader2', provider, columns, order, restr, entities, page, size), options),
  'GetArchiveListByColumnsWithHeaderWithContext(String,String[],String[],Integer,Integer,String,String)': (_a: A, provider: S, columns: A, entities: A, page: N, size: N, options: S) =>
    result('GetArchiveListByColumnsWithHeaderWithContext', { provider, columns, order: [], restrictions: [], entities, page, size }, options),
  'GetArchiveListByColumnsWithHeaderWithContext(String,String[],NSArchiveOrderByInfo[],NSArchiveRestrictionInfo[],String[],Integer,Integer,String,String)': (
    _a: A, provider: S, columns: A, order: A, restrictions: A, entities: A, page: N, size: N, options: S,
  ) => result('GetArchiveListByColumnsWithHeaderWithContext', { provider, columns, order, restrictions, entities, page, size }, options),
  'GetArchiveListByColumnsWithHeaderWithContext2(String,String,String,String,String,Integer,Integer,String,String)': (
    _a: A, provider: S, columns: S, order: S, restr: S, entities: S, page: N, size: N, options: S,
  ) => result('GetArchiveListByColumnsWithHeaderWithContext2', fromStrings('GetArchiveListByColumnsWithHeaderWithContext2', provider, columns, order, restr, entities, page, size), options),

  'GetArchiveList(String,String,String[],Integer,Integer)': (_a: A, gui: S, provider: S, entities: A, page: N, size: N) =>
    rows('GetArchiveList', { provider, columns: chosenColumns({ gui, provider }), order: [], restrictions: [], entities, page, size }),
  'GetArchiveList(String,String,NSArchiveOrderByInfo[],NSArchiveRestrictionInfo[],String[],Integer,Integer)': (_a: A, gui: S, provider: S, order: A, restrictions: A, entities: A, page: N, size: N) =>
    rows('GetArchiveList', { provider, columns: chosenColumns({ gui, provider }), order, restrictions, entities, page, size }),
  'GetArchiveList2(String,String,String,String,String,Integer,Integer)': (_a: A, gui: S, provider: S, order: S, restr: S, entities: S, page: N, size: N) =>
    rows('GetArchiveList2', { ...fromStrings('GetArchiveList2', provider, '', order, restr, entities, page, size), columns: chosenColumns({ gui, provider }) }),
  'GetArchiveListWithContext(String,String,String[],Integer,Integer,String)': (_a: A, gui: S, provider: S, entities: A, page: N, size: N, context: S) =>
    rows('GetArchiveListWithContext', { provider, columns: chosenColumns({ gui, provider, context }), order: [], restrictions: [], entities, page, size }),
  'GetArchiveListWithContext(String,String,NSArchiveOrderByInfo[],NSArchiveRestrictionInfo[],String[],Integer,Integer,String)': (
    _a: A, gui: S, provider: S, order: A, restrictions: A, entities: A, page: N, size: N, context: S,
  ) => rows('GetArchiveListWithContext', { provider, columns: chosenColumns({ gui, provider, context }), order, restrictions, entities, page, size }),
  'GetArchiveListWithContext2(String,String,String,String,String,Integer,Integer,String)': (_a: A, gui: S, provider: S, order: S, restr: S, entities: S, page: N, size: N, context: S) =>
    rows('GetArchiveListWithContext2', { ...fromStrings('GetArchiveListWithContext2', provider, '', order, restr, entities, page, size), columns: chosenColumns({ gui, provider, context }) }),
};
