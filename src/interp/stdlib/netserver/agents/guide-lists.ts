// NSListAgent on the sale and project guides: the order of a stage's suggested follow-ups and
// documents (SetRankOn...), and the guides whose suggested documents use a document template
// (GetDocumentTemplateUsedIn...Stage); the stages themselves (Prob rows as NSSaleStageEntity: by
// id, all of them through the list getters, saved).
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { col, register, updateChanged, type View } from './view.js';
import { byId, make, saved, type Methods } from './define.js';
import type { NSObject } from '../object.js';

const AGENT = 'NSListAgent';
const num = (row: CrmRow | null | undefined, column: string): number => Number(row ? (col(row, column) ?? 0) : 0);

type Table = 'SuggestedAppointment' | 'SuggestedDocument';
type Anchor = 'saleTypeStageLinkId' | 'projectTypeStatusLinkId';

/**
 * Ranks 1, 2, … for the suggestions `ids` of stage link `link`, in the order given (the others of
 * the link keep theirs). Every id must name a suggestion of that link; nothing is written otherwise.
 */
function setRanks(method: string, table: Table, anchor: Anchor, link: number, ids: unknown): void {
  const rows = (Array.isArray(ids) ? ids.map(Number) : []).map((id) => {
    const row = db().get(table, id);
    if (!row || num(row, anchor) !== link) throw fail(`${AGENT}.${method}`, `there is no ${table} with id ${id} on ${anchor === 'saleTypeStageLinkId' ? 'SaleTypeStageLink' : 'ProjectTypeStatusLink'} ${link}`);
    return { id, row };
  });
  rows.forEach(({ id, row }, i) => updateChanged(table, id, row, { rank: i + 1 }));
}

/**
 * The names of the sale types (project types) whose guide has a suggested document (not deleted)
 * of the template, in the types' rank order. A guide is the type's: its name is the type's name
 * (whether or not the type has its guide switched on, hasGuide, the guide's items are there).
 */
function guidesUsing(templateId: number, kind: 'sale' | 'project'): string[] {
  const [anchor, link, linkType, typeTable] =
    kind === 'sale' ? (['saleTypeStageLinkId', 'SaleTypeStageLink', 'saleType_id', 'SaleType'] as const) : (['projectTypeStatusLinkId', 'ProjectTypeStatusLink', 'projType_id', 'ProjType'] as const);
  const types = new Set<number>();
  for (const s of db().select('SuggestedDocument', { where: [{ column: 'doctmpl_id', op: '=', value: templateId }] })) {
    if (num(s, 'deleted') || !num(s, anchor)) continue;
    const typeId = num(db().get(link, num(s, anchor)), linkType);
    if (typeId) types.add(typeId);
  }
  return [...types]
    .map((id) => db().get(typeTable, id))
    .filter((r): r is CrmRow => !!r)
    .sort((a, b) => num(a, 'rank') - num(b, 'rank') || num(a, `${typeTable}_id`) - num(b, `${typeTable}_id`))
    .map((r) => String(col(r, 'name') ?? ''));
}

/** A stage (Prob row): its name is the Value, its probability in percent. */
export const saleStageEntityView: View = {
  cls: 'NSSaleStageEntity',
  table: 'Prob',
  key: 'SaleStageId',
  cols: 'Value=name:s Tooltip=tooltip:s Rank=rank:i Deleted=deleted:b Probability=probability:i',
  required: [['Value', 'the stage name (SetValue)']],
};

register(saleStageEntityView);

export const guideLists: Methods = {
  'CreateDefaultSaleStageEntity()': () => make('NSSaleStageEntity', { SaleStageId: 0, Rank: 0, Deleted: false, Probability: 0 }),
  'GetSaleStageEntity(Integer)': (_a: unknown, id: number) => byId(saleStageEntityView, id),
  'SaveSaleStageEntity(NSSaleStageEntity)': (_a: unknown, o: NSObject) => saved(AGENT, 'SaveSaleStageEntity', saleStageEntityView, o),
  'SetRankOnSaleActivity(Integer,Integer[])': (_a: unknown, link: number, ids: unknown) => setRanks('SetRankOnSaleActivity', 'SuggestedAppointment', 'saleTypeStageLinkId', link, ids),
  'SetRankOnSaleDocument(Integer,Integer[])': (_a: unknown, link: number, ids: unknown) => setRanks('SetRankOnSaleDocument', 'SuggestedDocument', 'saleTypeStageLinkId', link, ids),
  'SetRankOnProjectActivity(Integer,Integer[])': (_a: unknown, link: number, ids: unknown) => setRanks('SetRankOnProjectActivity', 'SuggestedAppointment', 'projectTypeStatusLinkId', link, ids),
  'SetRankOnProjectDocument(Integer,Integer[])': (_a: unknown, link: number, ids: unknown) => setRanks('SetRankOnProjectDocument', 'SuggestedDocument', 'projectTypeStatusLinkId', link, ids),
  'GetDocumentTemplateUsedInSalesStage(Integer)': (_a: unknown, id: number) => guidesUsing(id, 'sale'),
  'GetDocumentTemplateUsedInProjectStage(Integer)': (_a: unknown, id: number) => guidesUsing(id, 'project'),
};
