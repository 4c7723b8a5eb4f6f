// The demo data's preference descriptions (PrefDesc, with the choices of a list of values in
// PrefDescLine), time zone locations (TZLocation) and the database's base time zone
// (BaseTZLocation), which NSPreferenceAgent and NSTimeZoneAgent read. The users' tab orders
// (TabOrder) and temporary keys (TemporaryKey) start empty. A new sandbox gets them with the rest
// of the demo data; a sandbox made by an older build gets them when the tables are added
// (preference-migration.ts). The sections and keys are those of SuperOffice's documented
// preferences, except the default time zone's (Visual/DefaultTimeZone), whose name is the
// sandbox's own.
import { STAMP, type Row } from './demo-lists.js';

/** PrefDescValueType values (PrefDesc.valueType). */
export const PREF_VALUE = { number: 1, text: 2, bool: 3, listOfValues: 4, listTableRef: 5, timeZone: 12 } as const;

/** PreferenceLevel values: system-wide, a group's, a user's. */
const SYSTEM = 2;
const INDIVIDUAL = 5;

/** PrefDescAccessFlags bits: the admin and CRM user interfaces. */
const ADMIN_AND_CRM = 4 + 8;

/** The ProjType list table's number (its PrefDesc.maxValue as a list table reference). */
const PROJECT_TYPE_TABLE = 85;

/** A PrefDesc row. */
function desc(id: number, section: string, key: string, name: string, valueType: number, description: string, own: Row = {}): Row {
  return { id, prefsection: section, prefkey: key, name, valueType, maxLevel: INDIVIDUAL, sysMaxLevel: INDIVIDUAL, accessFlags: ADMIN_AND_CRM, maxValue: 0, minValue: 0, description, isBuiltin: 1, requiredLicense: '', rank: id, subGroup: '', minLevel: SYSTEM, ...own, ...STAMP };
}

/** A PrefDescLine row. */
function line(id: number, prefDescId: number, value: string, show: string, description: string): Row {
  return { id, PrefDesc_id: prefDescId, prefValue: value, prefShowValue: show, description, isBuiltin: 1, ...STAMP };
}

/** A TZLocation row (country ids of demo-holidays.ts). */
function zone(id: number, countryId: number, code: string, region: string, cities: string, shortName: string, active: boolean): Row {
  return { id, countryId, locationCode: code, groupName: '', regionName: region, cities, shortName, description: '', isBuiltIn: 1, isActive: active ? 1 : 0, isDeleted: 0, ...STAMP };
}

/** The tables with their demo rows (`id` stands for each table's primary key). */
export const DEMO_PREFERENCES: Record<string, Row[]> = {
  PrefDesc: [
    desc(1, 'Visual', 'SundayFirstDay', 'Sunday first day of week', PREF_VALUE.bool, 'Shows Sunday as the first day of the week in the calendar and diary'),
    desc(2, 'Visual', 'HistorySize', 'History size', PREF_VALUE.number, 'How many items a history list keeps', { minValue: 5, maxValue: 100 }),
    desc(3, 'Visual', 'CalendarPos', 'Calendar position', PREF_VALUE.listOfValues, 'Where the calendar is shown'),
    desc(4, 'Defaults', 'DefaultProjectType', 'Default project type', PREF_VALUE.listTableRef, 'The type a new project gets', { maxValue: PROJECT_TYPE_TABLE }),
    desc(5, 'Defaults', 'DefaultAppointmentAppointText', 'Default meeting text', PREF_VALUE.text, 'The text a new meeting gets'),
    desc(6, 'Visual', 'DefaultTimeZone', 'Default time zone', PREF_VALUE.timeZone, 'The time zone new follow-ups are entered in', { maxLevel: SYSTEM }),
  ],
  PrefDescLine: [line(1, 3, '0', 'At the top of the Navigator', 'The calendar sits above the Navigator buttons'), line(2, 3, '1', 'Top right-hand corner', 'The calendar sits in the top right-hand corner')],
  TabOrder: [],
  TemporaryKey: [],
  // Norway (1), Sweden (2) and the east and west of the United States (3); the west is not in the drop-down list
  TZLocation: [
    zone(1, 1, 'NO', 'Norway', 'Oslo, Bergen, Trondheim', 'CET', true),
    zone(2, 2, 'SE', 'Sweden', 'Stockholm, Gothenburg, Malmö', 'CET', true),
    zone(3, 3, 'US-NY', 'New York', 'New York, Boston, Washington', 'EST', true),
    zone(4, 3, 'US-CA', 'California', 'Los Angeles, San Francisco, San Diego', 'PST', false),
  ],
  // the demo's database keeps its times in Norway's time zone
  BaseTZLocation: [{ id: 1, TZLocation_id: 1, validFrom: '2025-01-06 00:00:00', databaseId: 0, description: 'The demo database', ...STAMP }],
};

/** The tables, in the order they are created and filled. */
export const PREFERENCE_TABLES = Object.keys(DEMO_PREFERENCES);
