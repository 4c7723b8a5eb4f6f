// NSConfigurationAgent's system events (SuperOffice's SystemEvent table): a key with a message and
// an estimated end, valid for a scope (SystemEventScope: 1 system-wide, 2 this database, 3 a user
// group, 4 a user) and its owner (0, 0, the group's id, the associate's id). The key, scope and
// owner are unique together, as the table's index says. ExistsSystemEvent tells whether an event
// with the key applies to the current user: system-wide, the database's, their group's or their own.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail, fromDb } from './db.js';
import { col, loadRef, register, type View } from './view.js';
import { entityCycle, make, saved, type Methods } from './define.js';

const AGENT = 'NSConfigurationAgent';
const TABLE = 'SystemEvent';

export const systemEventView: View = {
  cls: 'NSSystemEventEntity',
  table: TABLE,
  key: 'SystemEventId',
  cols: 'Scope=scope:i Owner=owner:i Eventkey=eventkey:s Eventmess=eventmess:s ExtraInfo=extraInfo:i Eta=eta:d',
  required: [['Eventkey', 'the event key (SetEventkey)']],
  // who registered the event, when, and how often it changed: the table's own stamps
  calc: (o: NSObject, row: CrmRow) => {
    o.f.ActivatedBy = loadRef('NSAssociate', Number(col(row, 'registered_associate_id') ?? 0));
    o.f.Registered = fromDb(col(row, 'registered'), 'd');
    o.f.UpdatedCount = fromDb(col(row, 'updatedCount'), 'i');
  },
};
register(systemEventView);

/** The user group of the current user's associate (0 when none). */
function actorGroup(): number {
  const a = db().actor().associateId;
  const row = a ? db().get('associate', a) : null;
  return Number(row ? (col(row, 'group_idx') ?? 0) : 0);
}

/** Refuses a scope outside SystemEventScope and a key, scope and owner another event has. */
function checked(method: string, o: NSObject): NSObject {
  const scope = Number(o.f.Scope ?? 0);
  if (!(scope >= 1 && scope <= 4)) throw fail(`${AGENT}.${method}`, `the scope ${scope} is no SystemEventScope (1 system-wide, 2 database, 3 group, 4 user)`);
  const owner = scope <= 2 ? 0 : Number(o.f.Owner ?? 0);
  o.f.Owner = owner;
  const same = db().select(TABLE, {
    where: [
      { column: 'eventkey', op: '=', value: String(o.f.Eventkey ?? '') },
      { column: 'scope', op: '=', value: scope },
      { column: 'owner', op: '=', value: owner },
    ],
  });
  const id = Number(o.f.SystemEventId ?? 0);
  if (same.some((r) => Number(col(r, 'SystemEvent_id')) !== id)) throw fail(`${AGENT}.${method}`, `there is already a system event "${String(o.f.Eventkey)}" with scope ${scope} and owner ${owner}`);
  return o;
}

export const systemEvents: Methods = {
  ...entityCycle(AGENT, 'SystemEvent', systemEventView, () =>
    // NetServer's defaults are not documented: an event of this database, until now
    make('NSSystemEventEntity', { SystemEventId: 0, Scope: 2, Owner: 0, Eventkey: '', Eventmess: '', ExtraInfo: 0 }),
  ),
  'SaveSystemEventEntity(NSSystemEventEntity)': (_a: unknown, o: NSObject) => {
    // a missing key is refused by the save itself (required), before the scope is looked at
    if (o instanceof NSObject && String(o.f.Eventkey ?? '')) checked('SaveSystemEventEntity', o);
    return saved(AGENT, 'SaveSystemEventEntity', systemEventView, o);
  },
  'ExistsSystemEvent(String)': (_a: unknown, key: string) => {
    const me = db().actor().associateId;
    const group = actorGroup();
    return db()
      .select(TABLE, { where: [{ column: 'eventkey', op: '=', value: key }] })
      .some((r) => {
        const scope = Number(col(r, 'scope') ?? 0);
        const owner = Number(col(r, 'owner') ?? 0);
        return scope === 1 || scope === 2 || (scope === 3 && owner === group) || (scope === 4 && owner === me);
      });
  },
};
