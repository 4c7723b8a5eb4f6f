// NSPreferenceAgent.SavePreferenceEntities, and SavePreferenceEntity's removeLowerLevels: saving a
// preference with removeLowerLevels deletes the preferences of the same section and key at the
// more specific levels it covers (PreferenceLevel: 2 system-wide, 3 database, 4 group, 5 the
// user's own, 6 the user's PC): below a system or database level every more specific one, below a
// group's those of the group's users (associate.group_idx), below a user's own that user's PC level.
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, remove } from './view.js';
import type { Methods } from './define.js';
import { preferenceView } from './misc-views.js';
import { savePreference } from './ticket-user-pref.js';

const AGENT = 'NSPreferenceAgent';
const LEVEL = { group: 4, individual: 5 };

/** Deletes the more specific preferences the saved one covers. */
function removeLower(saved: NSObject): void {
  const spec = saved.f.Specification instanceof NSObject ? saved.f.Specification : null;
  const level = Number(saved.f.Level ?? 0);
  const target = Number(saved.f.TargetId ?? 0);
  const groupOf = (associateId: number): number => Number(col(db().get('associate', associateId) ?? {}, 'group_idx') ?? 0);
  const covered = (rowLevel: number, owner: number): boolean => {
    if (rowLevel <= level) return false;
    if (level === LEVEL.group) return groupOf(owner) === target;
    if (level >= LEVEL.individual) return owner === target;
    return true;
  };
  const rows = db().select('UserPreference', {
    where: [
      { column: 'prefsection', op: '=', value: String(spec?.f.Section ?? '') },
      { column: 'prefkey', op: '=', value: String(spec?.f.Key ?? '') },
    ],
  });
  for (const r of rows) if (covered(Number(col(r, 'deflevel') ?? 0), Number(col(r, 'owner_id') ?? 0))) remove(preferenceView, Number(col(r, 'userpreference_id')));
}

function saveOne(method: string, p: unknown, removeLowerLevels: boolean): NSObject {
  if (!(p instanceof NSObject)) throw fail(`${AGENT}.${method}`, 'there is no preference to save');
  const saved = savePreference(`${AGENT}.${method}`, p);
  if (removeLowerLevels) removeLower(saved);
  return saved;
}

export const preferenceEntities: Methods = {
  'SavePreferenceEntity(NSPreference,Bool)': (_a: unknown, p: unknown, removeLowerLevels: boolean) => saveOne('SavePreferenceEntity', p, removeLowerLevels),
  'SavePreferenceEntities(NSPreference[],Bool)': (_a: unknown, list: unknown, removeLowerLevels: boolean) => {
    for (const p of Array.isArray(list) ? list : []) saveOne('SavePreferenceEntities', p, removeLowerLevels);
  },
};
