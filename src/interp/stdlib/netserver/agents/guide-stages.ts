// The stages a sale type has and the statuses a project type has (GetStages of NSSaleTypeEntity
// and NSProjectTypeEntity): the Prob / ProjStatus rows linked to the type in SaleTypeStageLink /
// ProjectTypeStatusLink, in the links' rank order.
import type { CrmRow } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { db } from './db.js';
import { col, loadWhere } from './view.js';
import { make } from './define.js';
import { lookup } from './people-views.js';
import { projectTypeStatusLinkView, saleTypeStageLinkView } from './guide-views.js';

const num = (row: CrmRow | null, column: string): number => Number(row ? (col(row, column) ?? 0) : 0);

/** The stages (Prob) of a sale type or statuses (ProjStatus) of a project type, in the links' rank order, as selectable items. */
export function typeStages(kind: 'sale' | 'project', typeId: number): NSObject[] {
  if (!typeId) return [];
  const [view, typeColumn, stageProp, table] =
    kind === 'sale' ? [saleTypeStageLinkView, 'saleType_id', 'ProbId', 'Prob'] : [projectTypeStatusLinkView, 'projType_id', 'ProjStatusId', 'ProjStatus'];
  return loadWhere(view, { [typeColumn]: typeId })
    .map((link) => ({ link, row: db().get(view.table, Number(link.f[view.key]))! }))
    .filter(({ row }) => !num(row, 'deleted'))
    .sort((a, b) => num(a.row, 'rank') - num(b.row, 'rank') || Number(a.link.f[view.key]) - Number(b.link.f[view.key]))
    .map(({ link, row }) => {
      const id = Number(link.f[stageProp]);
      return make('NSSelectableMDOListItem', {
        Id: id,
        Name: lookup(table, id, 'name'),
        ToolTip: lookup(table, id, 'tooltip'),
        Deleted: false,
        Rank: num(row, 'rank'),
        Type: table.toLowerCase(),
        ChildItems: [],
        Selected: true,
        Hidden: false,
      });
    });
}
