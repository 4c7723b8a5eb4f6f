// NSFindAgent's saved searches: restrictions and restriction groups saved under a storage type, an
// archive provider and a storage key (where they are kept: find-criteria.ts, criteria-store.ts),
// and the finds that run them. As SuperOffice documents, the methods that take a plain restriction
// array save one group and drop any others; a restriction string with 'or' saves a group for each
// alternative; the group methods keep them all (groups OR-ed, a group's restrictions AND-ed).
// Saving checks the restrictions against the provider's table first. A find shows the columns
// asked for, else the default columns, sorted as asked, else by the default order. Extra
// restrictions (FindWithExtraRestrictions) are not saved: in each saved group they take the place
// of the restrictions on the same columns, and alone they are the search when nothing is saved.
// Criteria with no active restriction find nothing. Saving a selection's criteria (a Find
// provider with a selection id for the key) stamps the selection as SetDynamicSelectionCriteria does.
import { NSObject } from '../object.js';
import { make, type Methods } from './define.js';
import { found } from './find-archive.js';
import { orderOf, restrictionsOf, type AnyOfRestrictions } from './archive-strings.js';
import { alternatives, asGroups, checkGroups, dropGroup, nextRank, putGroup, readGroups, searchGroups, setsOf, writeGroups } from './criteria-store.js';
import { criteriaChanged } from './selection-dynamic.js';
import { AGENT, criteriaInformation, defaultColumns, defaultOrder, storedAt, type Stored } from './find-criteria.js';

type S = string;
type N = number;
type A = unknown;

const at = (method: string): string => `${AGENT}.${method}`;
const objects = (list: unknown): NSObject[] => (Array.isArray(list) ? list : []).filter((x): x is NSObject => x instanceof NSObject);
const names = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : String(v ?? '').split(',')).map((s) => s.trim()).filter(Boolean);

/** A stored set was written: a selection's stamps its members' count and change. */
const written = (s: Stored): void => {
  if ('selection' in s.owner) criteriaChanged(s.owner.selection);
};

/** Replaces what is saved at a storage type, provider and key with these groups. */
function saveGroups(where: string, type: S, provider: S, key: S, groups: NSObject[]): Stored {
  const s = storedAt(where, type, provider, key);
  checkGroups(where, s.table, groups);
  writeGroups(s.owner, groups);
  written(s);
  return s;
}

const saveRestrictions = (method: string, type: S, provider: S, key: S, restrictions: A): void => {
  saveGroups(at(method), type, provider, key, asGroups(objects(restrictions)));
};

const saveString = (method: string, type: S, provider: S, key: S, restrictions: S): Stored => saveGroups(at(method), type, provider, key, asGroups(restrictionsOf(at(method), String(restrictions ?? ''))));

/** Saved sets with extra restrictions: each extra set in each saved set, in place of the saved restrictions on its columns. */
function withExtra(sets: NSObject[][], extra: NSObject[] | AnyOfRestrictions): NSObject[][] {
  const extras = Array.isArray(extra) ? [extra] : extra.anyOf;
  const column = (r: NSObject): string => String(r.f.Name ?? '').trim().toLowerCase();
  return (sets.length ? sets : [[]]).flatMap((base) =>
    extras.map((x) => {
      const replaced = new Set(x.map(column));
      return [...base.filter((r) => !replaced.has(column(r))), ...x];
    }),
  );
}

interface Run {
  columns?: string[];
  order?: unknown;
  extra?: NSObject[] | AnyOfRestrictions;
  pageSize: N;
  page: N;
}

/** Runs what is saved at a storage type, provider and key. */
function find(method: string, type: S, provider: S, key: S, run: Run): NSObject {
  const where = at(method);
  const s = storedAt(where, type, provider, key);
  let sets = setsOf(searchGroups(where, s.owner));
  if (run.extra) sets = withExtra(sets, run.extra);
  const columns = run.columns?.length ? run.columns : defaultColumns(s.table, sets.flat());
  const order = Array.isArray(run.order) && run.order.length ? run.order : defaultOrder(s.table, columns);
  return found(method, s.provider, alternatives(sets), columns, order, run.pageSize, run.page);
}

const group = (s: Stored, rank: N): NSObject =>
  readGroups(s.owner).find((g) => Number(g.f.Rank) === rank) ?? make('NSArchiveRestrictionGroup', { Name: '', Rank: 0, Description: '', Restrictions: [] });

export const findStored: Methods = {
  // the reference lists this overload without its restrictions: it saves none
  'SaveRestrictions(String,String,String)': (_a: A, type: S, provider: S, key: S) => saveRestrictions('SaveRestrictions', type, provider, key, []),
  'SaveRestrictions(String,String,String,NSArchiveRestrictionInfo[])': (_a: A, type: S, provider: S, key: S, r: A) => saveRestrictions('SaveRestrictions', type, provider, key, r),
  'SaveRestrictionsWithContext(String,String,String,NSArchiveRestrictionInfo[],String)': (_a: A, type: S, provider: S, key: S, r: A) => saveRestrictions('SaveRestrictionsWithContext', type, provider, key, r),
  'SaveRestrictions2(String,String,String,String)': (_a: A, type: S, provider: S, key: S, r: S) => {
    saveString('SaveRestrictions2', type, provider, key, r);
  },
  'SaveRestrictionsWithContext2(String,String,String,String,String)': (_a: A, type: S, provider: S, key: S, r: S) => {
    saveString('SaveRestrictionsWithContext2', type, provider, key, r);
  },
  'SaveRestrictionsAndGetCriteriaInformation(String,String,String,NSArchiveRestrictionInfo[],String[])': (_a: A, type: S, provider: S, key: S, r: A) => {
    const where = at('SaveRestrictionsAndGetCriteriaInformation');
    return criteriaInformation(where, saveGroups(where, type, provider, key, asGroups(objects(r))));
  },
  'SaveRestrictionsAndGetCriteriaInformation2(String,String,String,String,String)': (_a: A, type: S, provider: S, key: S, r: S) =>
    criteriaInformation(at('SaveRestrictionsAndGetCriteriaInformation2'), saveString('SaveRestrictionsAndGetCriteriaInformation2', type, provider, key, r)),
  'Find(String,String,String,Integer,Integer)': (_a: A, type: S, provider: S, key: S, pageSize: N, page: N) => find('Find', type, provider, key, { pageSize, page }),
  // the reference lists FindOrderBy without its sort order too: the default order
  'FindOrderBy(String,String,String,Integer,Integer)': (_a: A, type: S, provider: S, key: S, pageSize: N, page: N) => find('FindOrderBy', type, provider, key, { pageSize, page }),
  'FindOrderBy(String,String,String,Integer,Integer,NSArchiveOrderByInfo[])': (_a: A, type: S, provider: S, key: S, pageSize: N, page: N, order: A) =>
    find('FindOrderBy', type, provider, key, { order, pageSize, page }),
  'FindOrderBy2(String,String,String,Integer,Integer,String)': (_a: A, type: S, provider: S, key: S, pageSize: N, page: N, order: S) =>
    find('FindOrderBy2', type, provider, key, { order: orderOf(at('FindOrderBy2'), String(order ?? '')), pageSize, page }),
  // the reference's two overloads take the storage key and the columns in either order
  'FindWithColumns(String,String,String[],String,Integer,Integer)': (_a: A, type: S, provider: S, columns: A, key: S, pageSize: N, page: N) =>
    find('FindWithColumns', type, provider, key, { columns: names(columns), pageSize, page }),
  'FindWithColumns(String,String,String,String[],Integer,Integer,NSArchiveOrderByInfo[])': (_a: A, type: S, provider: S, key: S, columns: A, pageSize: N, page: N, order: A) =>
    find('FindWithColumns', type, provider, key, { columns: names(columns), order, pageSize, page }),
  'FindWithExtraRestrictions(String,String,String,NSArchiveRestrictionInfo[],NSArchiveOrderByInfo[],String[],Integer,Integer)': (
    _a: A,
    type: S,
    provider: S,
    key: S,
    extra: A,
    order: A,
    columns: A,
    pageSize: N,
    page: N,
  ) => find('FindWithExtraRestrictions', type, provider, key, { extra: objects(extra), order, columns: names(columns), pageSize, page }),
  'FindWithExtraRestrictions2(String,String,String,String,String,String,Integer,Integer)': (_a: A, type: S, provider: S, key: S, extra: S, order: S, columns: S, pageSize: N, page: N) => {
    const where = at('FindWithExtraRestrictions2');
    return find('FindWithExtraRestrictions2', type, provider, key, { extra: restrictionsOf(where, String(extra ?? '')), order: orderOf(where, String(order ?? '')), columns: names(columns), pageSize, page });
  },
  'GetRestrictionGroups(String,String,String,String)': (_a: A, type: S, provider: S, key: S) => readGroups(storedAt(at('GetRestrictionGroups'), type, provider, key).owner),
  'GetRestrictionGroup(String,String,String,Integer,String)': (_a: A, type: S, provider: S, key: S, rank: N) => group(storedAt(at('GetRestrictionGroup'), type, provider, key), rank),
  // a new group, ranked after the saved ones and named by its rank; SaveRestrictionGroup saves it
  'CreateRestrictionGroup(String,String,String,String)': (_a: A, type: S, provider: S, key: S) => {
    const rank = nextRank(storedAt(at('CreateRestrictionGroup'), type, provider, key).owner);
    return make('NSArchiveRestrictionGroup', { Name: String(rank), Rank: rank, Description: '', Restrictions: [] });
  },
  'SaveRestrictionGroup(String,String,String,NSArchiveRestrictionGroup,String)': (_a: A, type: S, provider: S, key: S, g: A) => {
    const where = at('SaveRestrictionGroup');
    const s = storedAt(where, type, provider, key);
    const groups = objects([g]);
    checkGroups(where, s.table, groups);
    for (const one of groups) putGroup(s.owner, one);
    written(s);
  },
  'SaveRestrictionGroups(String,String,String,NSArchiveRestrictionGroup[],String)': (_a: A, type: S, provider: S, key: S, groups: A) =>
    readGroups(saveGroups(at('SaveRestrictionGroups'), type, provider, key, objects(groups)).owner),
  // the other groups keep their ranks
  'DeleteRestrictionGroup(String,String,String,Integer,String)': (_a: A, type: S, provider: S, key: S, rank: N) => {
    const s = storedAt(at('DeleteRestrictionGroup'), type, provider, key);
    dropGroup(s.owner, rank);
    written(s);
  },
};
