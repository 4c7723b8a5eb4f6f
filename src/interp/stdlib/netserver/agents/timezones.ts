// NSTimeZoneAgent over the sandbox's time zone locations (TZLocation): the database's base time
// zone (BaseTZLocation: each row makes a location the base from its validFrom on, the latest
// that has begun counts), the system-wide default time zone (the system-wide value of the
// preference whose description has the TimeZone value type) and which locations the drop-down
// lists show (isActive). The sandbox's locations are its own rows: it has no connection to
// SuperOffice's time zone service to update them from.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { col, updateChanged } from './view.js';
import { lacking, type Methods } from './define.js';

const AGENT = 'NSTimeZoneAgent';

/** PrefDescValueType.TimeZone and PreferenceLevel.SystemWide. */
const TIME_ZONE_VALUE = 12;
const SYSTEM_WIDE = 2;

/** The TZLocation row `id` that is not deleted, or null. */
function location(id: number): CrmRow | null {
  const row = id && db().table('TZLocation') ? db().get('TZLocation', id) : null;
  return row && !Number(col(row, 'isDeleted') ?? 0) ? row : null;
}

/** The base time zone now: the location of the latest BaseTZLocation row whose validFrom has come, 0 for none. */
function baseTimeZone(): number {
  const rows = db().select('BaseTZLocation', {
    where: [{ column: 'validFrom', op: '<=', value: db().now() }],
    orderBy: [{ column: 'validFrom', descending: true }, { column: 'BaseTZLocation_id', descending: true }],
    limit: 1,
  });
  return rows[0] ? Number(col(rows[0], 'TZLocation_id') ?? 0) : 0;
}

function setActive(method: string, id: number, active: (was: boolean) => boolean): void {
  const row = location(id);
  if (!row) throw fail(`${AGENT}.${method}`, `there is no time zone location with id ${id}`);
  updateChanged('TZLocation', id, row, { isActive: active(Boolean(Number(col(row, 'isActive') ?? 0))) ? 1 : 0 });
}

export const timeZoneAgent: Methods = {
  'GetBaseTimeZoneId()': () => baseTimeZone(),
  'SetBaseTimeZoneId(Integer)': (_a: unknown, id: number) => {
    if (!location(id)) return false;
    if (baseTimeZone() !== id) {
      const crm = db();
      crm.insert('BaseTZLocation', { TZLocation_id: id, validFrom: crm.now(), databaseId: 0, description: '', registered: crm.now(), registered_associate_id: crm.actor().associateId, updatedCount: 0 });
    }
    return true;
  },
  'GetDefaultTimeZonePreference()': () => {
    const crm = db();
    for (const d of crm.select('PrefDesc', { where: [{ column: 'valueType', op: '=', value: TIME_ZONE_VALUE }], orderBy: [{ column: 'PrefDesc_id' }] })) {
      const pref = crm.select('UserPreference', {
        where: [
          { column: 'prefsection', op: '=', value: String(col(d, 'prefsection') ?? '') },
          { column: 'prefkey', op: '=', value: String(col(d, 'prefkey') ?? '') },
          { column: 'deflevel', op: '=', value: SYSTEM_WIDE },
        ],
        orderBy: [{ column: 'userpreference_id' }],
        limit: 1,
      })[0];
      if (pref) return Number(col(pref, 'prefvalue') ?? 0) | 0;
    }
    return 0;
  },
  'SetActiveTimeZoneRow(Integer,Bool)': (_a: unknown, id: number, active: boolean) => setActive('SetActiveTimeZoneRow', id, () => Boolean(active)),
  'ToggleActiveTimeZoneRow(Integer)': (_a: unknown, id: number) => setActive('ToggleActiveTimeZoneRow', id, (was) => !was),
  ...lacking(AGENT, "the sandbox CRM has no connection to SuperOffice's time zone service (its time zone locations are its own rows)", [
    'CheckNewTimeZoneDataAvailable()',
    'UpdateTimeZoneData()',
    'TimeOfLastTimeZoneUpdate()',
  ]),
};
