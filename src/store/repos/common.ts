/** Shared helpers of the repository functions: lookups by id, unique ids, name checks, ordering. */
import { StoreError } from '../errors.js';
import { newId } from '../ids.js';
import { INDEX_OF_ID, indexOfId } from '../id-index.js';
import type {
  CollectionName,
  EntityOf,
  StoreData,
} from '../schema.js';

/** Where the entity with this id is in `list` (a plain array or a store view), -1 if nowhere; see store/id-index.ts. */
function positionOf(list: ReadonlyArray<{ id: string }>, id: string): number {
  const viewed = (list as unknown as { [INDEX_OF_ID]?: (id: string) => number })[INDEX_OF_ID];
  return viewed ? viewed(id) : indexOfId(list, id);
}

export function getById<K extends CollectionName>(d: StoreData, coll: K, id: string): EntityOf<K> | undefined {
  const list = d[coll] as Array<EntityOf<K>>;
  const i = positionOf(list, id);
  return i < 0 ? undefined : list[i];
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
  const i = positionOf(list, id);
  if (i < 0) return undefined;
  return list.splice(i, 1)[0];
}

export function nextUniqueId(d: StoreData, coll: CollectionName): string {
  for (;;) {
    const id = newId();
    if (!getById(d, coll, id)) return id;
  }
}

export function assign<T extends object>(target: T, patch: Partial<T>): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  }
}

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

// ---------------------------------------------------------------- ordering

/**
 * One collator for every name comparison (creating one per comparison was the slow part of
 * sorting), made on the first comparison: creating it loads ICU's collation data (≈ 14 ms in a
 * fresh process), which commands that compare no names (`scripts add`, `run`) do without.
 */
let collator: Intl.Collator | undefined;

/** Case- and accent-insensitive order, ties broken by code points so the order is total. */
export function compareText(a: string, b: string): number {
  return (collator ??= new Intl.Collator(undefined, { sensitivity: 'base' })).compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Sort in place by name (see compareText) and return the list. */
export function sortByName<T extends { name: string }>(list: T[]): T[] {
  return list.sort((a, b) => compareText(a.name, b.name));
}

