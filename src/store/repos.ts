/**
 * Repository functions over the store document. They are pure functions over
 * a StoreData (reads) or mutate the StoreData they are given (writes), so they
 * work both on a `store.read()` snapshot and inside `store.update(d => ...)`.
 * Do not call the mutating ones on a read() snapshot.
 *
 * Problems a user can cause (duplicate names, unknown references) throw a
 * StoreError whose message is a sentence.
 */
import { StoreError } from './errors.js';
import { newId, nowIso } from './ids.js';
import type {
  CollectionName,
  DebugSession,
  EntityOf,
  Folder,
  Frequency,
  Macro,
  MacroAction,
  Notification,
  Script,
  Settings,
  StoreData,
  TargetKind,
  Task,
  TaskRun,
  TaskRunOutcome,
  TraceConfig,
  TraceRun,
  Trigger,
} from './schema.js';

// ---------------------------------------------------------------- generic

export function getById<K extends CollectionName>(d: StoreData, coll: K, id: string): EntityOf<K> | undefined {
  return (d[coll] as Array<EntityOf<K>>).find((e) => e.id === id);
}

const NOUN: Record<CollectionName, string> = {
  folders: 'folder',
  scripts: 'script',
  macros: 'macro',
  triggers: 'trigger',
  tasks: 'scheduled task',
  taskRuns: 'task run',
  traceConfigs: 'trace',
  traceRuns: 'trace recording',
  debugSessions: 'debug session',
  outbox: 'notification',
};

export function requireById<K extends CollectionName>(d: StoreData, coll: K, id: string): EntityOf<K> {
  const e = getById(d, coll, id);
  if (!e) throw new StoreError('not-found', `There is no ${NOUN[coll]} with id "${id}".`);
  return e;
}

/** Remove by id; returns the removed entity, or undefined when there was none. */
export function removeById<K extends CollectionName>(d: StoreData, coll: K, id: string): EntityOf<K> | undefined {
  const list = d[coll] as Array<EntityOf<K>>;
  const i = list.findIndex((e) => e.id === id);
  if (i < 0) return undefined;
  return list.splice(i, 1)[0];
}

function nextUniqueId(d: StoreData, coll: CollectionName): string {
  for (;;) {
    const id = newId();
    if (!getById(d, coll, id)) return id;
  }
}

function assign<T extends object>(target: T, patch: Partial<T>): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  }
}

// ---------------------------------------------------------------- names

const BAD_NAME_CHARS = /[/\\\u0000-\u001f\u007f]/;

/**
 * Check a folder, script or macro name and return it trimmed. Names become
 * directory and file names in `scripts export`, hence the restrictions.
 */
export function checkName(kind: string, name: string): string {
  const n = name.trim();
  if (n === '') throw new StoreError('bad-input', `A ${kind} name must not be empty.`);
  if (BAD_NAME_CHARS.test(n)) {
    throw new StoreError('bad-input', `The ${kind} name "${n}" must not contain "/", "\\" or control characters.`);
  }
  if (n === '.' || n === '..') throw new StoreError('bad-input', `"${n}" cannot be used as a ${kind} name.`);
  if (n.length > 200) throw new StoreError('bad-input', `A ${kind} name must be at most 200 characters long.`);
  return n;
}

/** Include names appear as `#include "name";`, so no quotes, backslashes or whitespace. */
export function checkIncludeId(includeId: string): string {
  const v = includeId.trim();
  if (v === '') return '';
  if (/[\s"\\]/.test(v)) {
    throw new StoreError('bad-input', `The include name "${v}" must not contain spaces, quotes or backslashes.`);
  }
  if (v.length > 200) throw new StoreError('bad-input', 'An include name must be at most 200 characters long.');
  return v;
}

// ---------------------------------------------------------------- folders

function sortByName<T extends { name: string }>(list: T[]): T[] {
  return list.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function childFolders(d: StoreData, parentId: string | null): Folder[] {
  return sortByName(d.folders.filter((f) => f.parentId === parentId));
}

/** "A/B" for a folder, '' for the top level (null). */
export function folderPath(d: StoreData, folderId: string | null): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  let id = folderId;
  while (id !== null) {
    if (seen.has(id)) break; // defensive: a cycle would otherwise loop forever
    seen.add(id);
    const f = getById(d, 'folders', id);
    if (!f) break;
    parts.unshift(f.name);
    id = f.parentId;
  }
  return parts.join('/');
}

function splitPath(path: string): string[] {
  return path
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The folder at "A/B" (exact names), or undefined. '' is the top level and gives undefined. */
export function findFolderByPath(d: StoreData, path: string): Folder | undefined {
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
export function folderIdForPath(d: StoreData, path: string): string | null {
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
export function descendantFolderIds(d: StoreData, id: string): Set<string> {
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

// ---------------------------------------------------------------- scripts

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

/** All scripts, sorted by folder path then name. */
export function listScripts(d: StoreData): Array<{ script: Script; folder: string }> {
  return d.scripts
    .map((script) => ({ script, folder: folderPath(d, script.folderId) }))
    .sort((a, b) => compareText(a.folder, b.folder) || compareText(a.script.name, b.script.name));
}

function compareText(a: string, b: string): number {
  return a.localeCompare(b, undefined, { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);
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
  const paths = new Map(hits.map((s) => [s.id, folderPath(d, s.folderId)]));
  return hits.sort((a, b) => compareText(paths.get(a.id)!, paths.get(b.id)!) || compareText(a.name, b.name));
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

// ---------------------------------------------------------------- macros

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

// ---------------------------------------------------------------- targets (script or macro)

export function targetExists(d: StoreData, kind: TargetKind, id: string): boolean {
  return kind === 'script' ? !!getById(d, 'scripts', id) : !!getById(d, 'macros', id);
}

/** A display name for a trigger's or task's target, e.g. "Examples/Hello world" or "(missing script)". */
export function targetLabel(d: StoreData, kind: TargetKind, id: string): string {
  if (kind === 'script') {
    const s = getById(d, 'scripts', id);
    return s ? scriptPath(d, s) : '(missing script)';
  }
  const m = getById(d, 'macros', id);
  return m ? (m.folderId === null ? m.name : `${folderPath(d, m.folderId)}/${m.name}`) : '(missing macro)';
}

function requireTarget(d: StoreData, kind: TargetKind, id: string): void {
  if (!targetExists(d, kind, id)) throw new StoreError('not-found', `There is no ${kind} with id "${id}".`);
}

/** Triggers, tasks and traces that point at a script or macro (e.g. to warn before deleting it). */
export function referencesTo(
  d: StoreData,
  kind: TargetKind,
  id: string,
): { triggers: Trigger[]; tasks: Task[]; traceConfigs: TraceConfig[] } {
  const hit = (e: { targetKind: TargetKind; targetId: string }) => e.targetKind === kind && e.targetId === id;
  return { triggers: d.triggers.filter(hit), tasks: d.tasks.filter(hit), traceConfigs: d.traceConfigs.filter(hit) };
}

// ---------------------------------------------------------------- triggers

export interface TriggerInput {
  event: string;
  targetKind: TargetKind;
  targetId: string;
  description?: string;
  enabled?: boolean;
  /** Default: after the existing bindings of the event. */
  order?: number;
}

export function createTrigger(d: StoreData, input: TriggerInput): Trigger {
  const event = input.event.trim();
  if (event === '') throw new StoreError('bad-input', 'A trigger needs an event.');
  requireTarget(d, input.targetKind, input.targetId);
  const sameEvent = d.triggers.filter((t) => t.event === event);
  const trigger: Trigger = {
    id: nextUniqueId(d, 'triggers'),
    event,
    targetKind: input.targetKind,
    targetId: input.targetId,
    description: input.description ?? '',
    enabled: input.enabled ?? true,
    order: input.order ?? (sameEvent.length === 0 ? 1 : Math.max(...sameEvent.map((t) => t.order)) + 1),
    lastFiredAt: null,
    lastOutcome: null,
  };
  d.triggers.push(trigger);
  return trigger;
}

export function updateTrigger(d: StoreData, id: string, patch: Partial<Omit<Trigger, 'id'>>): Trigger {
  const trigger = requireById(d, 'triggers', id);
  const kind = patch.targetKind ?? trigger.targetKind;
  const target = patch.targetId ?? trigger.targetId;
  if (patch.targetKind !== undefined || patch.targetId !== undefined) requireTarget(d, kind, target);
  assign(trigger, patch);
  return trigger;
}

export function deleteTrigger(d: StoreData, id: string): Trigger {
  const removed = removeById(d, 'triggers', id);
  if (!removed) throw new StoreError('not-found', `There is no trigger with id "${id}".`);
  return removed;
}

/** The bindings of an event in the order they run (enabled or not; callers filter). */
export function triggersForEvent(d: StoreData, event: string): Trigger[] {
  return d.triggers.filter((t) => t.event === event).sort((a, b) => a.order - b.order || compareText(a.id, b.id));
}

export function recordTriggerFired(d: StoreData, id: string, outcome: string, at: string = nowIso()): Trigger {
  return updateTrigger(d, id, { lastFiredAt: at, lastOutcome: outcome });
}

// ---------------------------------------------------------------- scheduled tasks

export interface TaskInput {
  name: string;
  targetKind: TargetKind;
  targetId: string;
  frequency?: Frequency;
  enabled?: boolean;
  startNow?: boolean;
  lockMinutes?: number;
  restartAfterMinutes?: number;
  nextRun?: string | null;
}

function assertTaskNameFree(d: StoreData, name: string, exceptId: string | null): void {
  if (d.tasks.some((t) => t.name === name && t.id !== exceptId)) {
    throw new StoreError('conflict', `A scheduled task named "${name}" already exists.`);
  }
}

export function createTask(d: StoreData, input: TaskInput): Task {
  const name = input.name.trim();
  if (name === '') throw new StoreError('bad-input', 'A scheduled task name must not be empty.');
  assertTaskNameFree(d, name, null);
  requireTarget(d, input.targetKind, input.targetId);
  const task: Task = {
    id: nextUniqueId(d, 'tasks'),
    name,
    targetKind: input.targetKind,
    targetId: input.targetId,
    frequency: input.frequency ?? { kind: 'never' },
    enabled: input.enabled ?? true,
    startNow: input.startNow ?? false,
    lockMinutes: input.lockMinutes ?? 10,
    restartAfterMinutes: input.restartAfterMinutes ?? 0,
    lease: null,
    lastRun: null,
    nextRun: input.nextRun ?? null,
  };
  d.tasks.push(task);
  return task;
}

export function updateTask(d: StoreData, id: string, patch: Partial<Omit<Task, 'id'>>): Task {
  const task = requireById(d, 'tasks', id);
  const next = { ...patch };
  if (next.name !== undefined) {
    next.name = next.name.trim();
    if (next.name === '') throw new StoreError('bad-input', 'A scheduled task name must not be empty.');
    assertTaskNameFree(d, next.name, id);
  }
  if (patch.targetKind !== undefined || patch.targetId !== undefined) {
    requireTarget(d, patch.targetKind ?? task.targetKind, patch.targetId ?? task.targetId);
  }
  if (next.frequency?.kind === 'after' && next.frequency.taskId === id) {
    throw new StoreError('bad-input', `The task "${task.name}" cannot run after itself.`);
  }
  assign(task, next);
  return task;
}

/** Delete a task and its run history. Returns the task and the removed runs (their blobs are the caller's to delete). */
export function deleteTask(d: StoreData, id: string): { task: Task; runs: TaskRun[] } {
  const task = removeById(d, 'tasks', id);
  if (!task) throw new StoreError('not-found', `There is no scheduled task with id "${id}".`);
  const runs = d.taskRuns.filter((r) => r.taskId === id);
  d.taskRuns = d.taskRuns.filter((r) => r.taskId !== id);
  return { task, runs };
}

/** By id or by name. */
export function findTask(d: StoreData, ref: string): Task | undefined {
  const r = ref.trim();
  return getById(d, 'tasks', r) ?? d.tasks.find((t) => t.name === r);
}

/**
 * Take the task's lease for `owner` until now + lockMinutes (at least one
 * minute) unless someone else holds a lease that has not expired. Returns
 * whether the lease is now held by `owner`.
 */
export function tryAcquireLease(d: StoreData, taskId: string, owner: string, now: Date = new Date()): boolean {
  const task = requireById(d, 'tasks', taskId);
  if (task.lease && task.lease.owner !== owner && Date.parse(task.lease.until) > now.getTime()) return false;
  const minutes = Math.max(task.lockMinutes, 1);
  task.lease = { owner, until: new Date(now.getTime() + minutes * 60_000).toISOString() };
  return true;
}

/** Drop the lease if `owner` holds it. */
export function releaseLease(d: StoreData, taskId: string, owner: string): void {
  const task = getById(d, 'tasks', taskId);
  if (task?.lease?.owner === owner) task.lease = null;
}

export function startTaskRun(d: StoreData, taskId: string, startedAt: string = nowIso()): TaskRun {
  const task = requireById(d, 'tasks', taskId);
  const run: TaskRun = {
    id: nextUniqueId(d, 'taskRuns'),
    taskId,
    startedAt,
    endedAt: null,
    outcome: 'running',
    output: '',
    outputBlob: null,
    error: null,
    changes: [],
  };
  d.taskRuns.push(run);
  task.lastRun = startedAt;
  return run;
}

export function finishTaskRun(
  d: StoreData,
  runId: string,
  result: { outcome: Exclude<TaskRunOutcome, 'running'>; output?: string; outputBlob?: string | null; error?: string | null; endedAt?: string; changes?: TaskRun['changes'] },
): TaskRun {
  const run = requireById(d, 'taskRuns', runId);
  run.outcome = result.outcome;
  run.endedAt = result.endedAt ?? nowIso();
  if (result.output !== undefined) run.output = result.output;
  if (result.outputBlob !== undefined) run.outputBlob = result.outputBlob;
  if (result.error !== undefined) run.error = result.error;
  if (result.changes !== undefined) run.changes = result.changes;
  return run;
}

/** A task's runs, newest first. */
export function taskRunsFor(d: StoreData, taskId: string): TaskRun[] {
  return d.taskRuns.filter((r) => r.taskId === taskId).sort((a, b) => compareText(b.startedAt, a.startedAt));
}

export function lastTaskRun(d: StoreData, taskId: string): TaskRun | undefined {
  return taskRunsFor(d, taskId)[0];
}

/** Keep the newest `keep` runs of a task; returns the removed ones (their blobs are the caller's to delete). */
export function pruneTaskRuns(d: StoreData, taskId: string, keep: number): TaskRun[] {
  const old = taskRunsFor(d, taskId).slice(Math.max(keep, 0));
  const drop = new Set(old.map((r) => r.id));
  d.taskRuns = d.taskRuns.filter((r) => !drop.has(r.id));
  return old;
}

// ---------------------------------------------------------------- tracing

export type TraceConfigInput = Pick<TraceConfig, 'targetKind' | 'targetId'> & Partial<Omit<TraceConfig, 'id'>>;

export function createTraceConfig(d: StoreData, input: TraceConfigInput): TraceConfig {
  requireTarget(d, input.targetKind, input.targetId);
  const config: TraceConfig = {
    id: nextUniqueId(d, 'traceConfigs'),
    targetKind: input.targetKind,
    targetId: input.targetId,
    description: input.description ?? '',
    userFilter: input.userFilter ?? '',
    resolution: input.resolution ?? 1,
    keepDays: input.keepDays ?? 7,
    enabled: input.enabled ?? true,
    notify: input.notify ?? false,
    maxNotifications: input.maxNotifications ?? 10,
    notificationEmail: input.notificationEmail ?? '',
    onlyOnException: input.onlyOnException ?? false,
  };
  d.traceConfigs.push(config);
  return config;
}

export function updateTraceConfig(d: StoreData, id: string, patch: Partial<Omit<TraceConfig, 'id'>>): TraceConfig {
  const config = requireById(d, 'traceConfigs', id);
  if (patch.targetKind !== undefined || patch.targetId !== undefined) {
    requireTarget(d, patch.targetKind ?? config.targetKind, patch.targetId ?? config.targetId);
  }
  assign(config, patch);
  return config;
}

/** Delete a trace configuration and the index of its recordings; returns the runs (their files are the caller's to delete). */
export function deleteTraceConfig(d: StoreData, id: string): { config: TraceConfig; runs: TraceRun[] } {
  const config = removeById(d, 'traceConfigs', id);
  if (!config) throw new StoreError('not-found', `There is no trace with id "${id}".`);
  const runs = d.traceRuns.filter((r) => r.configId === id);
  d.traceRuns = d.traceRuns.filter((r) => r.configId !== id);
  return { config, runs };
}

export function traceConfigsFor(d: StoreData, kind: TargetKind, targetId: string): TraceConfig[] {
  return d.traceConfigs.filter((c) => c.targetKind === kind && c.targetId === targetId);
}

export function addTraceRun(d: StoreData, run: Omit<TraceRun, 'id'> & { id?: string }): TraceRun {
  requireById(d, 'traceConfigs', run.configId);
  const rec: TraceRun = { ...run, id: run.id ?? nextUniqueId(d, 'traceRuns') };
  if (getById(d, 'traceRuns', rec.id) && run.id !== undefined) {
    throw new StoreError('conflict', `A trace recording with id "${rec.id}" already exists.`);
  }
  d.traceRuns.push(rec);
  return rec;
}

/** A configuration's recordings, newest first. */
export function traceRunsFor(d: StoreData, configId: string): TraceRun[] {
  return d.traceRuns.filter((r) => r.configId === configId).sort((a, b) => compareText(b.startedAt, a.startedAt));
}

export function deleteTraceRun(d: StoreData, id: string): TraceRun {
  const removed = removeById(d, 'traceRuns', id);
  if (!removed) throw new StoreError('not-found', `There is no trace recording with id "${id}".`);
  return removed;
}

/** Remove recordings older than their configuration's keepDays; returns them (their files are the caller's to delete). */
export function expireTraceRuns(d: StoreData, now: Date = new Date()): TraceRun[] {
  const keep = new Map(d.traceConfigs.map((c) => [c.id, c.keepDays]));
  const expired = d.traceRuns.filter((r) => {
    const days = keep.get(r.configId);
    if (days === undefined) return true; // orphaned
    return Date.parse(r.startedAt) < now.getTime() - days * 86_400_000;
  });
  const drop = new Set(expired.map((r) => r.id));
  d.traceRuns = d.traceRuns.filter((r) => !drop.has(r.id));
  return expired;
}

// ---------------------------------------------------------------- debug sessions

export function addDebugSession(d: StoreData, input: Omit<DebugSession, 'id' | 'createdAt'> & { id?: string; createdAt?: string }): DebugSession {
  const session: DebugSession = { ...input, id: input.id ?? nextUniqueId(d, 'debugSessions'), createdAt: input.createdAt ?? nowIso() };
  d.debugSessions.push(session);
  return session;
}

export function updateDebugSession(d: StoreData, id: string, patch: Partial<Omit<DebugSession, 'id'>>): DebugSession {
  const session = requireById(d, 'debugSessions', id);
  assign(session, patch);
  return session;
}

export function removeDebugSession(d: StoreData, id: string): DebugSession | undefined {
  return removeById(d, 'debugSessions', id);
}

/** Drop sessions whose process is gone (`isAlive(pid)` false); returns them. */
export function removeDeadDebugSessions(d: StoreData, isAlive: (pid: number) => boolean): DebugSession[] {
  const dead = d.debugSessions.filter((s) => !isAlive(s.pid));
  d.debugSessions = d.debugSessions.filter((s) => isAlive(s.pid));
  return dead;
}

// ---------------------------------------------------------------- notifications (outbox)

export function enqueueNotification(d: StoreData, input: { to: string; subject: string; body: string }): Notification {
  const n: Notification = { id: nextUniqueId(d, 'outbox'), ...input, createdAt: nowIso(), sentAt: null };
  d.outbox.push(n);
  return n;
}

export function pendingNotifications(d: StoreData): Notification[] {
  return d.outbox.filter((n) => n.sentAt === null);
}

export function markNotificationSent(d: StoreData, id: string, at: string = nowIso()): Notification {
  const n = requireById(d, 'outbox', id);
  n.sentAt = at;
  return n;
}

// ---------------------------------------------------------------- settings

export function updateSettings(
  d: StoreData,
  patch: Partial<Omit<Settings, 'features'>> & { features?: Partial<Settings['features']> },
): Settings {
  const { features, ...rest } = patch;
  assign(d.settings, rest);
  if (features) assign(d.settings.features, features);
  return d.settings;
}
