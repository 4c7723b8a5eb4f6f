// What an archive offers and what the user chose from it: a provider's columns (its table's
// columns, and 'text' where rows have a text) and entities, the chosen columns and entities of a
// GUI name and provider, kept per user in the UserPreference table (level 5, the user's own;
// section archiveColumns or archiveEntities, key "guiName|providerName" with "|context|ownerKeys"
// when given, the names comma-separated), and the configuration GetArchiveConfiguration reads.
import type { CrmColumn } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { make, type Methods } from './define.js';
import { choice, storeChoice, type ArchiveKey } from './archive-prefs.js';
import { withWidths } from './archive-settings.js';
import { CONTACT_PERSON_PROVIDER, isActivityProvider, tableOf } from './find-archive.js';
import { columnOf } from './restrictions.js';

const AGENT = 'NSArchiveAgent';

/** The entities an activity provider lists (one of them names the table read). */
const ACTIVITY_ENTITIES = ['appointment', 'document', 'sale'];

function restrictionType(c: CrmColumn): string {
  if (c.type === 'Bool') return 'bool';
  if (c.type === 'Double' || c.type === 'Decimal') return 'decimal';
  if (c.type === 'DateTime' || c.type === 'UtcDateTime') return 'datetime';
  if (c.type === 'String' || c.type === 'Clob') return 'string';
  if (c.references === 'associate') return 'associate';
  return 'int';
}

function columnInfo(c: CrmColumn): NSObject {
  const type = restrictionType(c);
  return make('NSArchiveColumnInfo', { Name: c.name, DisplayName: c.name, DisplayTooltip: '', DisplayType: type, RestrictionType: type, CanOrderBy: true, CanRestrictBy: true, IsVisible: true, Width: '' });
}

/** 'text': the text of rows that have one (text_id), shown but neither sorted nor restricted by. */
const textInfo = (): NSObject =>
  make('NSArchiveColumnInfo', { Name: 'text', DisplayName: 'text', DisplayTooltip: '', DisplayType: 'string', RestrictionType: '', CanOrderBy: false, CanRestrictBy: false, IsVisible: true, Width: '' });

const hasText = (table: string): boolean => db().table(table)!.columns.some((c) => c.name.toLowerCase() === 'text_id');

/** The columns of a provider, as column infos. */
export function availableColumns(where: string, provider: string): NSObject[] {
  const table = tableOf(where, provider);
  const infos = db().table(table)!.columns.map(columnInfo);
  return hasText(table) ? [...infos, textInfo()] : infos;
}

/** Column infos of the named columns of a provider's table ('text' too), named as asked. */
export function infosOf(where: string, table: string, names: string[]): NSObject[] {
  const t = db().table(table)!;
  return names.map((n) => {
    if (n.toLowerCase() === 'text' && hasText(table)) return textInfo();
    const info = columnInfo(t.columns.find((c) => c.name === columnOf(where, table, n))!);
    Object.assign(info.f, { Name: n, DisplayName: n });
    return info;
  });
}

export function availableEntities(where: string, provider: string): string[] {
  if (provider.trim().toLowerCase() === CONTACT_PERSON_PROVIDER.toLowerCase()) return ['contact', 'person'];
  return isActivityProvider(provider) ? ACTIVITY_ENTITIES : [tableOf(where, provider).toLowerCase()];
}

/** The columns chosen for an archive; [] (every column) when the user chose none. */
export function chosenColumns(k: ArchiveKey): string[] {
  return choice('archiveColumns', k);
}

function setColumns(where: string, k: ArchiveKey, names: unknown): void {
  const list = (Array.isArray(names) ? names : []).map(String).filter(Boolean);
  const table = tableOf(where, k.provider);
  for (const n of list) if (!(n.toLowerCase() === 'text' && hasText(table))) columnOf(where, table, n);
  storeChoice(where, 'archiveColumns', k, list);
}

function setEntities(where: string, k: ArchiveKey, names: unknown): void {
  const list = (Array.isArray(names) ? names : []).map(String).filter(Boolean);
  const offered = availableEntities(where, k.provider);
  for (const n of list) if (!offered.includes(n.toLowerCase())) throw fail(where, `the archive provider '${k.provider}' has no entity '${n}' (it has: ${offered.join(', ')})`);
  storeChoice(where, 'archiveEntities', k, list.map((n) => n.toLowerCase()));
}

/** The chosen columns (else all), the entities with the chosen ones selected (all when none chosen); no stored sort order. */
function configuration(where: string, k: ArchiveKey): NSObject {
  const table = tableOf(where, k.provider);
  const chosen = chosenColumns(k);
  const entities = availableEntities(where, k.provider);
  const picked = choice('archiveEntities', k);
  return make('NSArchiveConfiguration', {
    ArchiveColumnInfo: withWidths(k, chosen.length ? infosOf(where, table, chosen) : availableColumns(where, k.provider)),
    ArchiveEntityInfo: entities.map((e, i) => make('NSSelectableMDOListItem', { Id: i + 1, Name: e, FullName: e, Selected: !picked.length || picked.includes(e), Deleted: false })),
    ArchiveOrderByInfo: [],
    OwnerKeys: k.ownerKeys ?? '',
  });
}

const at = (method: string): string => `${AGENT}.${method}`;

export const archiveConfig: Methods = {
  'GetAvailableColumns(String,String)': (_a: unknown, provider: string) => availableColumns(at('GetAvailableColumns'), provider),
  'GetAvailableEntities(String,String)': (_a: unknown, provider: string) =>
    availableEntities(at('GetAvailableEntities'), provider).map((e, i) => make('NSMDOListItem', { Id: i + 1, Name: e, FullName: e, Deleted: false })),
  'SetChosenColumns(String,String,String[])': (_a: unknown, gui: string, provider: string, names: string[]) => setColumns(at('SetChosenColumns'), { gui, provider }, names),
  'SetChosenColumnsV2(String,String,String,String,String[])': (_a: unknown, gui: string, provider: string, context: string, ownerKeys: string, names: string[]) =>
    setColumns(at('SetChosenColumnsV2'), { gui, provider, context, ownerKeys }, names),
  'SetChosenEntities(String,String,String[])': (_a: unknown, gui: string, provider: string, names: string[]) => setEntities(at('SetChosenEntities'), { gui, provider }, names),
  'SetChosenEntitiesV2(String,String,String,String,String[])': (_a: unknown, gui: string, provider: string, context: string, ownerKeys: string, names: string[]) =>
    setEntities(at('SetChosenEntitiesV2'), { gui, provider, context, ownerKeys }, names),
  'GetArchiveConfiguration(String,String)': (_a: unknown, gui: string, provider: string) => configuration(at('GetArchiveConfiguration'), { gui, provider }),
  'GetArchiveConfigurationWithContext(String,String,String)': (_a: unknown, gui: string, provider: string, context: string) =>
    configuration(at('GetArchiveConfigurationWithContext'), { gui, provider, context }),
  'GetArchiveConfigurationV2(String,String,String,String)': (_a: unknown, gui: string, provider: string, context: string, ownerKeys: string) =>
    configuration(at('GetArchiveConfigurationV2'), { gui, provider, context, ownerKeys }),
  // primary groups (associate.group_idx); the sandbox has no secondary group memberships
  'GetGroupAssociateIds(Integer[])': (_a: unknown, groupIds: number[]) => {
    const ids = (Array.isArray(groupIds) ? groupIds : []).map(Number);
    if (!ids.length) return [];
    return db()
      .select('associate', { where: [{ column: 'group_idx', op: 'in', value: ids }], orderBy: [{ column: 'associate_id' }] })
      .map((r) => Number(col(r, 'associate_id') ?? 0));
  },
};
