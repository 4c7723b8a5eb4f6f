// NSConfigurationAgent's window and dialog positions (the WindowPosSize table): where a window of a
// client (OwnerWindow, with ExtraId and ExtraInfo telling which) sits and how big it is, for an
// associate or a person. A setting saved with neither gets the current user's associate.
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { register, remove, type View } from './view.js';
import { byId, byIds, saved, where, type Methods } from './define.js';

const AGENT = 'NSConfigurationAgent';

export const windowPosSizeView: View = {
  cls: 'NSWindowPosSize',
  table: 'WindowPosSize',
  key: 'WindowPosSizeId',
  cols: 'AssociateId=associate_id:i PersonId=person_id:i OwnerWindow=ownerWindow:s ExtraId=extraId:i ExtraInfo=extraInfo:s LeftX=leftX:i UpperY=upperY:i Width=width:i Height=height:i State=state:i',
  required: [['OwnerWindow', 'the owner window (SetOwnerWindow)']],
};
register(windowPosSizeView);

function saveOne(method: string, o: unknown): NSObject {
  if (!(o instanceof NSObject)) throw fail(`${AGENT}.${method}`, 'nothing to save');
  if (!Number(o.f.AssociateId ?? 0) && !Number(o.f.PersonId ?? 0)) o.f.AssociateId = db().actor().associateId;
  for (const [prop, table] of [['AssociateId', 'associate'], ['PersonId', 'person']] as const) {
    const id = Number(o.f[prop] ?? 0);
    if (id && !db().get(table, id)) throw fail(`${AGENT}.${method}`, `${prop} ${id} does not exist (there is no ${table} row with that id)`);
  }
  return saved(AGENT, method, windowPosSizeView, o);
}

export const windowPositions: Methods = {
  'GetWindowPosSize(Integer)': (_a: unknown, id: number) => byId(windowPosSizeView, id),
  'GetWindowPosSizeList(Integer[])': (_a: unknown, ids: unknown) => byIds(windowPosSizeView, ids),
  'GetMyWindowPosSizes()': () => where(windowPosSizeView, 'associate_id', db().actor().associateId),
  'GetWindowPosSizesOnAssociateId(Integer)': (_a: unknown, id: number) => (id ? where(windowPosSizeView, 'associate_id', id) : []),
  'GetWindowPosSizesOnPersonId(Integer)': (_a: unknown, id: number) => (id ? where(windowPosSizeView, 'person_id', id) : []),
  'SaveWindowPosSize(NSWindowPosSize)': (_a: unknown, o: unknown) => saveOne('SaveWindowPosSize', o),
  'SaveWindowPosSizes(NSWindowPosSize[])': (_a: unknown, list: unknown) => (Array.isArray(list) ? list.map((o) => saveOne('SaveWindowPosSizes', o)) : []),
  'DeleteWindowPosSize(Integer)': (_a: unknown, id: number) => {
    remove(windowPosSizeView, id);
  },
};
