// NSFindAgent.FindFromRestrictionsColumnsOrderBy as the reference also lists it: restrictions as a
// string, the columns, page size and page — with no archive provider to search and no sort order.
// It fails saying so and naming the calls that carry them (find-archive.ts).
import { fail } from './db.js';
import type { Methods } from './define.js';

export const findOverloads: Methods = {
  'FindFromRestrictionsColumnsOrderBy(String,String[],Integer,Integer)': () => {
    throw fail(
      'NSFindAgent.FindFromRestrictionsColumnsOrderBy',
      'this overload names no archive provider to search (nor a sort order): call FindFromRestrictionsColumnsOrderBy(restrictions, providerName, desiredColumns, orderBy, pageSize, pageNumber) or FindFromRestrictionsColumnsOrderBy2(restrictions, providerName, desiredColumns, orderBy, pageSize, pageNumber)',
    );
  },
};
