// Finding a macro by what a user types: its id, "Folder/Sub/Name", or a name only one macro has.
import type { Macro, StoreData } from '../store/schema.js';
import { StoreError } from '../store/errors.js';
import { findFolderByPath, folderPath, getById } from '../store/repos.js';

export function macroPath(d: StoreData, m: Pick<Macro, 'folderId' | 'name'>): string {
  const fp = folderPath(d, m.folderId);
  return fp === '' ? m.name : `${fp}/${m.name}`;
}

/** A macro by id, "Folder/Sub/Name", or a name that only one macro has. */
export function findMacroRef(d: StoreData, ref: string): Macro | undefined {
  const r = ref.trim();
  if (r === '') return undefined;
  const byId = getById(d, 'macros', r);
  if (byId) return byId;
  if (r.includes('/')) {
    const parts = r.split('/').map((p) => p.trim()).filter((p) => p !== '');
    const name = parts.pop() ?? '';
    const folder = parts.length === 0 ? null : findFolderByPath(d, parts.join('/'));
    if (folder !== undefined) {
      const hit = d.macros.find((m) => m.folderId === (folder ? folder.id : null) && m.name === name);
      if (hit) return hit;
    }
  }
  const byName = d.macros.filter((m) => m.name === r);
  if (byName.length > 1) {
    throw new StoreError('conflict', `Several macros are named "${r}" (${byName.map((m) => `"${macroPath(d, m)}"`).join(', ')}); give the folder path or the id.`);
  }
  return byName[0];
}

export function requireMacroRef(d: StoreData, ref: string): Macro {
  const m = findMacroRef(d, ref);
  if (!m) throw new StoreError('not-found', `There is no macro named "${ref.trim()}" (by folder path, name or id).`);
  return m;
}
