/** Macros: create, update, find, search. */
import { StoreError } from '../errors.js';
import { nowIso } from '../ids.js';
import type {
  Macro,
  MacroAction,
  StoreData,
} from '../schema.js';
import { assign, checkName, getById, nextUniqueId, removeById, requireById, sortByName } from './common.js';
import { descendantFolderIds } from './folders.js';

export interface MacroInput {
  name: string;
  folderId?: string | null;
  description?: string;
  actions?: MacroAction[];
}

export function createMacro(d: StoreData, input: MacroInput): Macro {
  const name = checkName('macro', input.name);
  const folderId = input.folderId ?? null;
  if (folderId !== null) requireById(d, 'folders', folderId);
  const now = nowIso();
  const macro: Macro = {
    id: nextUniqueId(d, 'macros'),
    folderId,
    name,
    description: input.description ?? '',
    actions: input.actions ?? [],
    createdAt: now,
    updatedAt: now,
  };
  d.macros.push(macro);
  return macro;
}

export function updateMacro(d: StoreData, id: string, patch: Partial<Omit<Macro, 'id' | 'createdAt'>>): Macro {
  const macro = requireById(d, 'macros', id);
  const next = { ...patch };
  if (next.name !== undefined) next.name = checkName('macro', next.name);
  if (next.folderId !== undefined && next.folderId !== null) requireById(d, 'folders', next.folderId);
  assign(macro, next);
  if (patch.updatedAt === undefined) macro.updatedAt = nowIso();
  return macro;
}

export function deleteMacro(d: StoreData, id: string): Macro {
  const removed = removeById(d, 'macros', id);
  if (!removed) throw new StoreError('not-found', `There is no macro with id "${id}".`);
  return removed;
}

/** By id, else by a unique name. */
export function findMacro(d: StoreData, ref: string): Macro | undefined {
  const byId = getById(d, 'macros', ref);
  if (byId) return byId;
  const byName = d.macros.filter((m) => m.name === ref);
  if (byName.length > 1) throw new StoreError('conflict', `Several macros are named "${ref}"; use the macro's id.`);
  return byName[0];
}

/** Macros in a folder and its sub-folders (null = everywhere) whose name or description contains `query`. */
export function searchMacros(d: StoreData, folderId: string | null, query: string): Macro[] {
  const scope = folderId === null ? null : descendantFolderIds(d, folderId);
  const q = query.trim().toLowerCase();
  return sortByName(
    d.macros.filter((m) => {
      if (scope && (m.folderId === null || !scope.has(m.folderId))) return false;
      return q === '' || m.name.toLowerCase().includes(q) || m.description.toLowerCase().includes(q);
    }),
  );
}
