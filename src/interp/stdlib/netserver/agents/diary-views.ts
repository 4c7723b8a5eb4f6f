// NSConfigurationAgent's diary views (SuperOffice's DiaryView and DiaryViewRow tables): a named
// multi-user diary view of an associate, whose rows are the associates it shows, in rank order.
// NSDiaryViewEntity carries the rows as AssociateList (selectable list items of the associates);
// a save replaces the view's rows with the list's associates, a delete removes them with the view.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, lookup, register, type View } from './view.js';
import { entityCycle, make, saved, type Methods } from './define.js';

const AGENT = 'NSConfigurationAgent';
const ROWS = 'DiaryViewRow';

function rowsOf(viewId: number): CrmRow[] {
  return db().select(ROWS, { where: [{ column: 'diaryViewId', op: '=', value: viewId }], orderBy: [{ column: 'rank' }, { column: 'DiaryViewRow_id' }] });
}

/** An associate shown in a view, as the list item NetServer hands out. */
function associateItem(id: number, rank: number): NSObject {
  const name = lookup('associate', id, 'name');
  return make('NSSelectableMDOListItem', { Id: id, Name: name, FullName: name, ToolTip: lookup('associate', id, 'tooltip'), Deleted: false, Rank: rank, Type: 'associate', ChildItems: [], Selected: true, Hidden: false });
}

/** Writes the view's rows: the list's associates, ranked in the list's order (ids with no associate refused). */
function writeRows(o: NSObject, viewId: number): void {
  const list = Array.isArray(o.f.AssociateList) ? (o.f.AssociateList as unknown[]) : [];
  const ids = list.map((item) => (item instanceof NSObject ? Number(item.f.Id ?? 0) : 0)).filter((id) => id > 0);
  for (const id of ids) if (!db().get('associate', id)) throw fail(`${AGENT}.SaveDiaryViewEntity`, `the associate list names associate ${id}, which does not exist`);
  for (const r of rowsOf(viewId)) db().delete(ROWS, Number(col(r, 'DiaryViewRow_id')));
  const at = db().now();
  const who = db().actor().associateId;
  ids.forEach((id, i) => db().insert(ROWS, { diaryViewId: viewId, assoc_id: id, rank: i + 1, registered: at, registered_associate_id: who }));
}

export const diaryViewView: View = {
  cls: 'NSDiaryViewEntity',
  table: 'DiaryView',
  key: 'DiaryViewId',
  cols: 'AssocId=assoc_id:i Name=name:s Rank=rank:i Tooltip=tooltip:s VisibleColumns=visibleColumns:i TzLocationId=tzLocationId:i',
  required: [['Name', 'the view name (SetName)']],
  calc: (o: NSObject, row: CrmRow) => {
    o.f.AssociateList = rowsOf(Number(col(row, 'DiaryView_id'))).map((r) => associateItem(Number(col(r, 'assoc_id') ?? 0), Number(col(r, 'rank') ?? 0)));
  },
  afterSave: (o: NSObject, id: number) => writeRows(o, id),
  beforeDelete: (id: number) => {
    for (const r of rowsOf(id)) db().delete(ROWS, Number(col(r, 'DiaryViewRow_id')));
  },
};
register(diaryViewView);

export const diaryViews: Methods = {
  ...entityCycle(AGENT, 'DiaryView', diaryViewView, () => {
    // the current user's view, showing them (NetServer's defaults are not documented)
    const me = db().actor().associateId;
    return make('NSDiaryViewEntity', { DiaryViewId: 0, AssocId: me, Name: '', Rank: 0, Tooltip: '', VisibleColumns: 0, TzLocationId: 0, AssociateList: me ? [associateItem(me, 1)] : [] });
  }),
  'SaveDiaryViewEntity(NSDiaryViewEntity)': (_a: unknown, o: NSObject) => {
    if (o instanceof NSObject && !Number(o.f.AssocId ?? 0)) o.f.AssocId = db().actor().associateId;
    return saved(AGENT, 'SaveDiaryViewEntity', diaryViewView, o);
  },
};
