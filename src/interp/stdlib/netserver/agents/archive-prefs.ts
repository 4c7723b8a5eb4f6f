// The archive settings each user keeps in SuperOffice's UserPreference table (level 5, the user's
// own): a section names the setting (archiveColumns, archiveEntities, ...), the key the archive
// ("guiName|providerName", with "|context|ownerKeys" when given), the value the names chosen,
// comma-separated.
import { db } from './db.js';
import { col, save } from './view.js';
import { make } from './define.js';
import { preferenceView } from './misc-views.js';

export interface ArchiveKey {
  gui: string;
  provider: string;
  context?: string;
  ownerKeys?: string;
}

export const keyOf = (k: ArchiveKey): string => [k.gui, k.provider, k.context ?? '', k.ownerKeys ?? ''].join('|').replace(/\|+$/, '');

/** The user's own preference row of a section and key, if any. */
export function preferenceRow(section: string, key: string): number {
  const r = db().select('UserPreference', {
    where: [
      { column: 'prefsection', op: '=', value: section },
      { column: 'prefkey', op: '=', value: key },
      { column: 'deflevel', op: '=', value: 5 },
      { column: 'owner_id', op: '=', value: db().actor().associateId },
    ],
    limit: 1,
  })[0];
  return r ? Number(col(r, 'userpreference_id') ?? 0) : 0;
}

/** Stores the user's own value of a section and key (replacing the one stored). */
export function storeText(where: string, section: string, key: string, value: string): void {
  const spec = make('NSPreferenceSpec', { Section: section, Key: key });
  const p = make('NSPreference', { UserPreferenceId: preferenceRow(section, key), Level: 5, TargetId: db().actor().associateId, RawValue: value, Specification: spec });
  save(preferenceView, p, where);
}

/** The user's own value of a section and key (null when none is stored). */
export function storedText(section: string, key: string): string | null {
  const id = preferenceRow(section, key);
  const row = id ? db().get('UserPreference', id) : null;
  return row ? String(col(row, 'prefvalue') ?? '') : null;
}

export function storeChoice(where: string, section: string, k: ArchiveKey, names: string[]): void {
  storeText(where, section, keyOf(k), names.join(','));
}

/** The names the user chose in a section for an archive ([] when none). */
export function choice(section: string, k: ArchiveKey): string[] {
  return String(storedText(section, keyOf(k)) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
