// The definitions of user-defined fields as the sandbox keeps them: UDefField rows, one per field
// and layout generation (version). Two versions count per owner type, kept as SuperOffice keeps
// them, in preferences of section 'System': CurrentUdefVersion<owner> (the published layout, what
// entities carry) and AdminUdefVersion<owner> (the layout being edited). While no one has edited
// a layout the two are the same; a sandbox without the preferences (the demo's, an older one)
// takes the newest version of the owner's fields for both.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { UDEF_OWNERS, udefOwner, type UdefOwner } from '../udef-layout.js';

export const UDEF_TABLE = 'UDefField';

/** A column of a row whatever its case (the view helpers' col, without importing them). */
export function field(row: CrmRow, name: string): CrmRow[string] | undefined {
  if (name in row) return row[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(row)) if (k.toLowerCase() === lower) return row[k];
  return undefined;
}

export const num = (row: CrmRow, name: string): number => Number(field(row, name) ?? 0) || 0;

/** The owner of a UDefType number, or a CRMScript error naming the numbers there are. */
export function ownerOf(where: string, type: number): UdefOwner {
  const o = udefOwner(Number(type));
  if (!o) throw fail(where, `${type} is not an owner type of user-defined fields (${UDEF_OWNERS.map((x) => `${x.type} ${x.name}`).join(', ')})`);
  return o;
}

export function hasUdefs(): boolean {
  return db().table(UDEF_TABLE) !== null;
}

function prefRow(key: string): CrmRow | null {
  if (!db().table('UserPreference')) return null;
  return db().select('UserPreference', { where: [{ column: 'prefsection', op: '=', value: 'System' }, { column: 'prefkey', op: '=', value: key }], limit: 1 })[0] ?? null;
}

export function pref(key: string): string | null {
  const r = prefRow(key);
  return r ? String(field(r, 'prefvalue') ?? '') : null;
}

export function setPref(key: string, value: string): void {
  const r = prefRow(key);
  const crm = db();
  if (r) crm.update('UserPreference', num(r, 'userpreference_id'), { prefvalue: value, updated: crm.now(), updated_associate_id: crm.actor().associateId });
  else crm.insert('UserPreference', { deflevel: 0, maxlevel: 0, owner_id: 0, prefsection: 'System', prefkey: key, prefvalue: value, registered: crm.now(), registered_associate_id: crm.actor().associateId });
}

function newestVersion(owner: UdefOwner): number {
  if (!hasUdefs()) return 0;
  const rows = db().select(UDEF_TABLE, { columns: ['version'], where: [{ column: 'ownerTable_id', op: '=', value: owner.type }], orderBy: [{ column: 'version', descending: true }], limit: 1 });
  return rows[0] ? num(rows[0], 'version') : 0;
}

export function publishedVersion(owner: UdefOwner): number {
  const v = pref(`CurrentUdefVersion${owner.name}`);
  return v === null ? newestVersion(owner) : Number(v) || 0;
}

export function adminVersion(owner: UdefOwner): number {
  const v = pref(`AdminUdefVersion${owner.name}`);
  return v === null ? publishedVersion(owner) : Number(v) || 0;
}

/** The fields of one layout version of an owner, in tab order. */
export function fieldsOfVersion(owner: UdefOwner, version: number): CrmRow[] {
  if (!hasUdefs()) return [];
  return db().select(UDEF_TABLE, {
    where: [
      { column: 'ownerTable_id', op: '=', value: owner.type },
      { column: 'version', op: '=', value: version },
    ],
    orderBy: [{ column: 'tabOrder' }, { column: 'UDefField_Id' }],
  });
}

export const publishedFields = (owner: UdefOwner): CrmRow[] => fieldsOfVersion(owner, publishedVersion(owner));
export const adminFields = (owner: UdefOwner): CrmRow[] => fieldsOfVersion(owner, adminVersion(owner));

/**
 * The version edits go to: when the layout being edited is the published one, a new generation
 * is started first, a copy of every published field (lastVersionId naming the field it copies).
 */
export function editableVersion(owner: UdefOwner): number {
  const current = publishedVersion(owner);
  const admin = adminVersion(owner);
  if (admin !== current) return admin;
  const next = newestVersion(owner) + 1;
  const crm = db();
  for (const r of fieldsOfVersion(owner, current)) {
    const copy: CrmRow = { ...r, version: next, lastVersionId: num(r, 'UDefField_Id'), registered: crm.now(), registered_associate_id: crm.actor().associateId, updatedCount: 0 };
    for (const k of Object.keys(copy)) if (k.toLowerCase() === 'udeffield_id') delete copy[k];
    crm.insert(UDEF_TABLE, copy);
  }
  setPref(`CurrentUdefVersion${owner.name}`, String(current));
  setPref(`AdminUdefVersion${owner.name}`, String(next));
  return next;
}
