/** Scripts: create, update, find by include name, path, name or id; list, search, staging, includes. */
import { StoreError } from '../errors.js';
import { nowIso } from '../ids.js';
import type {
  Folder,
  Script,
  StoreData,
} from '../schema.js';
import { assign, checkIncludeId, checkName, compareText, getById, nextUniqueId, removeById, requireById } from './common.js';
import { descendantFolderIds, findFolderByPath, folderPath, splitPath } from './folders.js';

export interface ScriptInput {
  name: string;
  folderId?: string | null;
  description?: string;
  includeId?: string;
  key?: string;
  showResultAsHtml?: boolean;
  source?: string;
  stagedSource?: string | null;
  /** Keep given timestamps (import); default now. */
  createdAt?: string;
  updatedAt?: string;
}

export type ScriptPatch = Partial<Omit<Script, 'id' | 'createdAt'>>;

/** "A/B/name" */
export function scriptPath(d: StoreData, s: Pick<Script, 'folderId' | 'name'>): string {
  const fp = folderPath(d, s.folderId);
  return fp === '' ? s.name : `${fp}/${s.name}`;
}

/** Throw a clear error when `includeId` is already used by a script other than `exceptScriptId`. */
export function assertIncludeIdAvailable(d: StoreData, includeId: string, exceptScriptId: string | null = null): void {
  if (includeId === '') return;
  const other = d.scripts.find((s) => s.includeId === includeId && s.id !== exceptScriptId);
  if (other) {
    throw new StoreError(
      'conflict',
      `The include name "${includeId}" is already used by the script "${scriptPath(d, other)}"; include names must be unique.`,
    );
  }
}

function assertScriptNameFree(d: StoreData, folderId: string | null, name: string, exceptId: string | null): void {
  if (d.scripts.some((s) => s.folderId === folderId && s.name === name && s.id !== exceptId)) {
    const where = folderId === null ? 'at the top level' : `in the folder "${folderPath(d, folderId)}"`;
    throw new StoreError('conflict', `A script named "${name}" already exists ${where}.`);
  }
}

export function createScript(d: StoreData, input: ScriptInput): Script {
  const name = checkName('script', input.name);
  const folderId = input.folderId ?? null;
  if (folderId !== null) requireById(d, 'folders', folderId);
  const includeId = checkIncludeId(input.includeId ?? '');
  assertScriptNameFree(d, folderId, name, null);
  assertIncludeIdAvailable(d, includeId);
  const now = nowIso();
  const script: Script = {
    id: nextUniqueId(d, 'scripts'),
    folderId,
    name,
    description: input.description ?? '',
    includeId,
    key: input.key ?? '',
    showResultAsHtml: input.showResultAsHtml ?? false,
    source: input.source ?? '',
    stagedSource: input.stagedSource ?? null,
    createdAt: input.createdAt ?? now,
    updatedAt: input.updatedAt ?? input.createdAt ?? now,
  };
  d.scripts.push(script);
  return script;
}

/** Change fields of a script; `updatedAt` is set to now unless the patch gives one. */
export function updateScript(d: StoreData, id: string, patch: ScriptPatch): Script {
  const script = requireById(d, 'scripts', id);
  const next: ScriptPatch = { ...patch };
  if (next.name !== undefined) next.name = checkName('script', next.name);
  if (next.includeId !== undefined) next.includeId = checkIncludeId(next.includeId);
  if (next.folderId !== undefined && next.folderId !== null) requireById(d, 'folders', next.folderId);
  const folderId = next.folderId !== undefined ? next.folderId : script.folderId;
  assertScriptNameFree(d, folderId, next.name ?? script.name, id);
  if (next.includeId !== undefined) assertIncludeIdAvailable(d, next.includeId, id);
  assign(script, next);
  if (patch.updatedAt === undefined) script.updatedAt = nowIso();
  return script;
}

export function deleteScript(d: StoreData, id: string): Script {
  const removed = removeById(d, 'scripts', id);
  if (!removed) throw new StoreError('not-found', `There is no script with id "${id}".`);
  return removed;
}

export function getScript(d: StoreData, id: string): Script | undefined {
  return getById(d, 'scripts', id);
}

export function findScriptByIncludeId(d: StoreData, includeId: string): Script | undefined {
  if (includeId === '') return undefined;
  return d.scripts.find((s) => s.includeId === includeId);
}

export function findScriptsByName(d: StoreData, name: string): Script[] {
  return d.scripts.filter((s) => s.name === name);
}

/**
 * Find a script from what a user typed: an include name, a folder path with
 * the name ("Examples/Hello world"), a name, or an id, in that order. Throws a
 * StoreError when a bare name matches several scripts; returns undefined when
 * nothing matches.
 */
export function findScript(d: StoreData, ref: string): Script | undefined {
  const r = ref.trim();
  if (r === '') return undefined;
  const byInclude = findScriptByIncludeId(d, r);
  if (byInclude) return byInclude;
  if (r.includes('/')) {
    const parts = splitPath(r);
    const name = parts.pop()!;
    const folder = parts.length === 0 ? null : findFolderByPath(d, parts.join('/'));
    if (folder !== undefined) {
      const hit = d.scripts.find((s) => s.folderId === (folder ? folder.id : null) && s.name === name);
      if (hit) return hit;
    }
  }
  const byName = findScriptsByName(d, r);
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) {
    const paths = byName.map((s) => `"${scriptPath(d, s)}"`).join(', ');
    throw new StoreError('conflict', `Several scripts are named "${r}" (${paths}); give the folder path or the include name.`);
  }
  return getById(d, 'scripts', r);
}

/** Like findScript, but throws a not-found StoreError. */
export function requireScript(d: StoreData, ref: string): Script {
  const s = findScript(d, ref);
  if (!s) throw new StoreError('not-found', `There is no script named "${ref.trim()}" (by include name, folder path, name or id).`);
  return s;
}

/**
 * All scripts (or their rows, see Store.listing), sorted by folder path then name (`ordered`: they
 * are in that order already, so no name is compared).
 */
export function listScripts<S extends Pick<Script, 'folderId' | 'name'>>(d: { folders: Folder[]; scripts: readonly S[]; ordered?: boolean }): Array<{ script: S; folder: string }> {
  if (d.ordered) {
    const paths = new Map<string | null, string>();
    return d.scripts.map((script) => {
      let folder = paths.get(script.folderId);
      if (folder === undefined) paths.set(script.folderId, (folder = folderPath(d, script.folderId)));
      return { script, folder };
    });
  }
  const order = folderOrder(d, d.scripts);
  return d.scripts
    .map((script) => ({ script, folder: order.get(script.folderId)!.path, rank: order.get(script.folderId)!.rank }))
    .sort((a, b) => a.rank - b.rank || compareText(a.script.name, b.script.name))
    .map(({ script, folder }) => ({ script, folder }));
}

/** The path of every folder the scripts are in, with its place in path order (computed once per folder, not per comparison). */
function folderOrder(d: Pick<StoreData, 'folders'>, scripts: ReadonlyArray<Pick<Script, 'folderId'>>): Map<string | null, { path: string; rank: number }> {
  const paths = new Map<string | null, string>();
  for (const s of scripts) if (!paths.has(s.folderId)) paths.set(s.folderId, folderPath(d, s.folderId));
  const sorted = [...paths].sort((a, b) => compareText(a[1], b[1]));
  const out = new Map<string | null, { path: string; rank: number }>();
  let rank = 0;
  sorted.forEach(([id, path], i) => {
    if (i > 0 && compareText(sorted[i - 1]![1], path) !== 0) rank++;
    out.set(id, { path, rank });
  });
  return out;
}

/**
 * Scripts in a folder and its sub-folders (null = everywhere) whose name,
 * include name or source contains `query` (case-insensitive). An empty query
 * lists every script in scope. Sorted like listScripts.
 */
export function searchScripts(d: StoreData, folderId: string | null, query: string): Script[] {
  const scope = folderId === null ? null : descendantFolderIds(d, folderId);
  const q = query.trim().toLowerCase();
  const hits = d.scripts.filter((s) => {
    if (scope && (s.folderId === null || !scope.has(s.folderId))) return false;
    if (q === '') return true;
    return s.name.toLowerCase().includes(q) || s.includeId.toLowerCase().includes(q) || s.source.toLowerCase().includes(q);
  });
  const order = folderOrder(d, hits);
  return hits.sort((a, b) => order.get(a.folderId)!.rank - order.get(b.folderId)!.rank || compareText(a.name, b.name));
}

/** Save a staged version (null discards it). */
export function stageScript(d: StoreData, id: string, source: string | null): Script {
  return updateScript(d, id, { stagedSource: source });
}

/** Make the staged version the published source. */
export function publishStaged(d: StoreData, id: string): Script {
  const s = requireById(d, 'scripts', id);
  if (s.stagedSource === null) {
    throw new StoreError('bad-input', `The script "${s.name}" has no staged version to publish.`);
  }
  return updateScript(d, id, { source: s.stagedSource, stagedSource: null });
}

/**
 * The source for `#include "includeId"`, for the engine. `staged: true` (a
 * test run) prefers the staged version when there is one. `file` is the name
 * to show in messages.
 */
export function resolveIncludeSource(
  d: StoreData,
  includeId: string,
  opts: { staged?: boolean } = {},
): { source: string; file: string } | null {
  const s = findScriptByIncludeId(d, includeId);
  if (!s) return null;
  const source = opts.staged && s.stagedSource !== null ? s.stagedSource : s.source;
  return { source, file: `store:${includeId}` };
}
