// NSListAgent's resources and amount classes. A resource (a meeting room, a projector) is an
// associate of the resource type (associate.type 1, AssociateType.Resource) with no person; a
// location keeps its address. An amount class (AmountClass) is a band of sale amounts in a
// currency, which SuperOffice's sales intelligence groups sales by.
import type { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, LIST_TABLE_COLS, register, remove, type View } from './view.js';
import { byId, make, saved, type Methods } from './define.js';

const AGENT = 'NSListAgent';

/** AssociateType.Resource. */
const RESOURCE = 1;

export const resourceView: View = {
  cls: 'NSResourceEntity',
  table: 'associate',
  key: 'ResourceId',
  cols: `${LIST_TABLE_COLS} IsLocation=isLocation:b LocationAddress=locationAddress:s`,
  required: [['Name', 'the resource name (SetName)']],
  extra: () => ({ type: RESOURCE, person_id: 0 }),
};

export const amountClassView: View = {
  cls: 'NSAmountClassEntity',
  table: 'AmountClass',
  key: 'AmountClassId',
  cols: `${LIST_TABLE_COLS} AmountFrom=amountFrom:f AmountTo=amountTo:f CurrencyId=currencyId:i`,
  required: [['Name', 'the amount class name (SetName)']],
};

register(resourceView, amountClassView);

/** What the associate `id` is: 'none', 'resource' or 'other' (a user, an external person, ...). */
function kindOf(id: number): 'none' | 'resource' | 'other' {
  const row = id ? db().get('associate', id) : null;
  if (!row) return 'none';
  return Number(col(row, 'type') ?? 0) === RESOURCE ? 'resource' : 'other';
}

const notResource = (method: string, id: number): Error => fail(`${AGENT}.${method}`, `associate ${id} is not a resource (a user or another kind of associate)`);

function saveResource(o: NSObject): NSObject {
  const id = Number(o?.f?.ResourceId ?? 0) | 0;
  if (kindOf(id) === 'other') throw notResource('SaveResourceEntity', id);
  return saved(AGENT, 'SaveResourceEntity', resourceView, o);
}

function saveAmountClass(o: NSObject): NSObject {
  const where = `${AGENT}.SaveAmountClassEntity`;
  const currency = Number(o?.f?.CurrencyId ?? 0) | 0;
  if (currency && !db().get('Currency', currency)) throw fail(where, `there is no currency with id ${currency}`);
  if (o && Number(o.f.AmountTo ?? 0) < Number(o.f.AmountFrom ?? 0)) throw fail(where, `the amount class ends (${Number(o.f.AmountTo)}) below where it starts (${Number(o.f.AmountFrom)})`);
  return saved(AGENT, 'SaveAmountClassEntity', amountClassView, o);
}

export const resourceLists: Methods = {
  'CreateDefaultResourceEntity()': () => make('NSResourceEntity', { ResourceId: 0, Rank: 0, Deleted: false, IsLocation: false }),
  // an associate that is not a resource gives an empty entity, as an id with no row does
  'GetResourceEntity(Integer)': (_a: unknown, id: number) => byId(resourceView, kindOf(id) === 'resource' ? id : 0),
  'SaveResourceEntity(NSResourceEntity)': (_a: unknown, o: NSObject) => saveResource(o),
  'DeleteResourceEntity(Integer)': (_a: unknown, id: number) => {
    const kind = kindOf(id);
    if (kind === 'other') throw notResource('DeleteResourceEntity', id);
    if (kind === 'resource') remove(resourceView, id);
  },
  // the reference has no delete for amount classes
  'CreateDefaultAmountClassEntity()': () => make('NSAmountClassEntity', { AmountClassId: 0, Rank: 0, Deleted: false }),
  'GetAmountClassEntity(Integer)': (_a: unknown, id: number) => byId(amountClassView, id),
  'SaveAmountClassEntity(NSAmountClassEntity)': (_a: unknown, o: NSObject) => saveAmountClass(o),
};
