/** Folders: the tree, paths like "A/B", create, rename, move, delete with content. */
import { StoreError } from '../errors.js';
import type {
  Folder,
  Macro,
  Script,
  StoreData,
} from '../schema.js';
import { checkName, nextUniqueId, requireById, sortByName } from './common.js';


export function childFolders(d: StoreData, parentId: string | null): Folder[] {
  return sortByName(d.folders.filter((f) => f.parentId === parentId));
}

/** "A/B" for a folder, '' for the top level (null). */
export function folderPath(d: Pick<StoreData, 'folders'>, folderId: string | null): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  let id = folderId;
  while (id !== null) {
    if (seen.has(id)) break; // defensive: a cycle would otherwise loop forever
    seen.add(id);
    const f = d.folders.find((e) => e.id === id);
    if (!f) break;
    parts.unshift(f.name);
    id = f.parentId;
  }
  return parts.join('/');
}

export function splitPath(path: string): string[] {
  return path
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The folder at "A/B" (exact names), or undefined. '' is the top level and gives undefined. */
export function findFolderByPath(d: Pick<StoreData, 'folders'>, path: string): Folder | undefined {
  let parentId: string | null = null;
  let found: Folder | undefined;
  for (const part of splitPath(path)) {
    found = d.folders.find((f) => f.parentId === parentId && f.name === part);
    if (!found) return undefined;
    parentId = found.id;
  }
  return found;
}

/** The folder id for "A/B"; null for '' (the top level). Throws when it does not exist. */
export function folderIdForPath(d: Pick<StoreData, 'folders'>, path: string): string | null {
  if (splitPath(path).length === 0) return null;
  const f = findFolderByPath(d, path);
  if (!f) throw new StoreError('not-found', `There is no folder "${splitPath(path).join('/')}".`);
  return f.id;
}

/** The folder id for "A/B", creating the missing folders on the way; null for ''. */
export function ensureFolderPath(d: StoreData, path: string): string | null {
  let parentId: string | null = null;
  for (const part of splitPath(path)) {
    const existing: Folder | undefined = d.folders.find((f) => f.parentId === parentId && f.name === part);
    parentId = existing ? existing.id : createFolder(d, { parentId, name: part }).id;
  }
  return parentId;
}

export function createFolder(d: StoreData, input: { parentId: string | null; name: string }): Folder {
  const name = checkName('folder', input.name);
  if (input.parentId !== null) requireById(d, 'folders', input.parentId);
  assertFolderNameFree(d, input.parentId, name, null);
  const folder: Folder = { id: nextUniqueId(d, 'folders'), parentId: input.parentId, name };
  d.folders.push(folder);
  return folder;
}

function assertFolderNameFree(d: StoreData, parentId: string | null, name: string, exceptId: string | null): void {
  if (d.folders.some((f) => f.parentId === parentId && f.name === name && f.id !== exceptId)) {
    const where = parentId === null ? 'at the top level' : `in "${folderPath(d, parentId)}"`;
    throw new StoreError('conflict', `A folder named "${name}" already exists ${where}.`);
  }
}

export function renameFolder(d: StoreData, id: string, name: string): Folder {
  const folder = requireById(d, 'folders', id);
  const n = checkName('folder', name);
  assertFolderNameFree(d, folder.parentId, n, id);
  folder.name = n;
  return folder;
}

/** Move a folder under another parent (null = top level). */
export function moveFolder(d: StoreData, id: string, parentId: string | null): Folder {
  const folder = requireById(d, 'folders', id);
  if (parentId !== null) {
    requireById(d, 'folders', parentId);
    if (descendantFolderIds(d, id).has(parentId)) {
      throw new StoreError('bad-input', `The folder "${folder.name}" cannot be moved into itself or one of its sub-folders.`);
    }
  }
  assertFolderNameFree(d, parentId, folder.name, id);
  folder.parentId = parentId;
  return folder;
}

/** The folder and all folders below it. */
export function descendantFolderIds(d: Pick<StoreData, 'folders'>, id: string): Set<string> {
  const out = new Set<string>([id]);
  const byParent = new Map<string, Folder[]>();
  for (const f of d.folders) {
    if (f.parentId === null) continue;
    const list = byParent.get(f.parentId);
    if (list) list.push(f);
    else byParent.set(f.parentId, [f]);
  }
  const stack = [id];
  while (stack.length > 0) {
    for (const child of byParent.get(stack.pop()!) ?? []) {
      if (!out.has(child.id)) {
        out.add(child.id);
        stack.push(child.id);
      }
    }
  }
  return out;
}

export interface ContentCount {
  folders: number;
  scripts: number;
  macros: number;
}

/** What is inside a folder, sub-folders included (the folder itself not counted). */
export function folderContentCount(d: StoreData, id: string): ContentCount {
  const ids = descendantFolderIds(d, id);
  return {
    folders: ids.size - 1,
    scripts: d.scripts.filter((s) => s.folderId !== null && ids.has(s.folderId)).length,
    macros: d.macros.filter((m) => m.folderId !== null && ids.has(m.folderId)).length,
  };
}

/** Delete a folder with everything in it. Returns what was deleted (sub-folders, scripts, macros). */
export function deleteFolder(d: StoreData, id: string): ContentCount {
  requireById(d, 'folders', id);
  const ids = descendantFolderIds(d, id);
  const count = folderContentCount(d, id);
  d.folders = d.folders.filter((f) => !ids.has(f.id));
  d.scripts = d.scripts.filter((s) => s.folderId === null || !ids.has(s.folderId));
  d.macros = d.macros.filter((m) => m.folderId === null || !ids.has(m.folderId));
  return count;
}

export interface FolderNode {
  folder: Folder;
  path: string;
  children: FolderNode[];
  scripts: Script[];
  macros: Macro[];
}

export interface FolderTree {
  /** Top-level folders. */
  folders: FolderNode[];
  /** Scripts and macros outside any folder. */
  scripts: Script[];
  macros: Macro[];
}

/** The whole tree, each level sorted by name. */
export function folderTree(d: StoreData): FolderTree {
  const scriptsBy = groupBy(d.scripts, (s) => s.folderId);
  const macrosBy = groupBy(d.macros, (m) => m.folderId);
  const foldersBy = groupBy(d.folders, (f) => f.parentId);
  const build = (parentId: string | null, parentPath: string, seen: Set<string>): FolderNode[] =>
    sortByName([...(foldersBy.get(parentId) ?? [])])
      .filter((f) => !seen.has(f.id))
      .map((folder) => {
        const path = parentPath === '' ? folder.name : `${parentPath}/${folder.name}`;
        const inner = new Set(seen).add(folder.id);
        return {
          folder,
          path,
          children: build(folder.id, path, inner),
          scripts: sortByName([...(scriptsBy.get(folder.id) ?? [])]),
          macros: sortByName([...(macrosBy.get(folder.id) ?? [])]),
        };
      });
  return {
    folders: build(null, '', new Set()),
    scripts: sortByName([...(scriptsBy.get(null) ?? [])]),
    macros: sortByName([...(macrosBy.get(null) ?? [])]),
  };
}

function groupBy<T>(list: T[], key: (t: T) => string | null): Map<string | null, T[]> {
  const m = new Map<string | null, T[]>();
  for (const item of list) {
    const k = key(item);
    const arr = m.get(k);
    if (arr) arr.push(item);
    else m.set(k, [item]);
  }
  return m;
}
