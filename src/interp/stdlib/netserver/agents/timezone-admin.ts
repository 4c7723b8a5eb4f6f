// NSTimeZoneAgent's administration of the time zone locations (TZLocation; timezones.ts has the
// rest): DeleteTimeZones removes every location (the sandbox keeps no time zone rules, the other
// half of SuperOffice's time zone data; the database's base time zone history, BaseTZLocation,
// stays), SetActiveTimeZonesByFilter shows or hides in the drop-down lists (isActive) every
// location whose code, region, group, cities, short name or description contain the filter text
// (any letter case; an empty filter: all of them). InitializeTimeZoneData hands out each
// location's standard and daylight saving rules, which the sandbox does not have: it fails.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db } from './db.js';
import { col, updateChanged } from './view.js';
import { lacking, type Methods } from './define.js';

const AGENT = 'NSTimeZoneAgent';
const TABLE = 'TZLocation';
const TEXTS = ['locationCode', 'regionName', 'groupName', 'cities', 'shortName', 'description'];

function locations(): CrmRow[] {
  if (!db().table(TABLE)) return [];
  return db().select(TABLE, { orderBy: [{ column: 'TZLocation_id' }] }).filter((r) => !Number(col(r, 'isDeleted') ?? 0));
}

function setActiveByFilter(filter: string, active: boolean): void {
  const wanted = filter.trim().toLowerCase();
  for (const r of locations()) {
    if (wanted && !TEXTS.some((c) => String(col(r, c) ?? '').toLowerCase().includes(wanted))) continue;
    updateChanged(TABLE, Number(col(r, 'TZLocation_id')), r, { isActive: active ? 1 : 0 });
  }
}

export const timeZoneAdmin: Methods = {
  'DeleteTimeZones()': () => {
    if (!db().table(TABLE)) return;
    for (const r of db().select(TABLE, { columns: ['TZLocation_id'] })) db().delete(TABLE, Number(col(r, 'TZLocation_id')));
  },
  'SetActiveTimeZonesByFilter(String,Bool)': (_a: unknown, filter: string, active: boolean) => setActiveByFilter(String(filter ?? ''), !!active),
  ...lacking(AGENT, "the sandbox CRM keeps no time zone rules (SuperOffice's TZStdRule and TZDstRule tables), only the locations (TZLocation)", ['InitializeTimeZoneData()']),
};
