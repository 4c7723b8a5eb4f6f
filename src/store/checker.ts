/**
 * What the JSON store's read path asks of the schema, as an interface: the
 * implementation (validate.ts, zod) is loaded only when something has to be
 * checked — a change being written, or a file or journal line this program did
 * not write (store.json's checksum, a journal line's hash). A process that only
 * reads a store written by crmscript-tui, like `scripts list`, never loads it
 * (zod's modules and the schema's construction are a quarter of such a run).
 */
import type { ChangeSet } from './changes.js';
import type { CollectionName, Settings, StoreData } from './schema.js';

/** A checked value (defaults filled in), or readable problems (`scripts[3].name: must not be empty`). */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export interface Checker {
  /** One entity of a collection; problems are prefixed with `where` (e.g. `scripts[3]`). */
  entity(c: CollectionName, raw: unknown, where: string): Checked<{ id: string }>;
  settings(raw: unknown): Checked<Settings>;
  /** An older (or unversioned) whole document brought up to this format and checked; throws StoreError. */
  upgrade(raw: Record<string, unknown>, file: string): StoreData;
  /** A whole document (store copy); throws StoreError 'invalid'. */
  whole(data: StoreData): StoreData;
  /** Check what an update changed, in place (see validate.ts); throws StoreError 'invalid'. */
  changes(doc: StoreData, changes: ChangeSet): void;
  /** A valid, empty document. */
  empty(): StoreData;
}

/** Thrown by a synchronous read that met something to check before the checker was loaded (see JsonBackend). */
export class CheckerNeeded extends Error {
  constructor(what: string) {
    super(`${what} has to be checked`);
  }
}
