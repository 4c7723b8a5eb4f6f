/**
 * The store shared by the TUI, the daemon and the CLI (which may all run at
 * the same time, on one machine or, with PostgreSQL, on several). `Store` is
 * the one face the program uses; the backend behind it is chosen by one
 * setting: a `postgres://…` URL (`--store` or $CRMSCRIPT_TUI_STORE) selects
 * PostgreSQL (pg/), anything else the JSON files in the data directory (json/),
 * the embedded default.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { STORE_FILE, resolveDataDir } from './paths.js';
import type { StoreError } from './errors.js';
import type { CollectionName, Lease, StoreData } from './schema.js';
import { scriptRow, type LeaseJudge, type LeaseRequest, type Listing, type StoreBackend, type WatchOptions } from './backend.js';
import { JsonBackend, type JsonOpenOptions } from './json/backend.js';
import { quickListing } from './json/quick-listing.js';
import { isPostgresUrl, storeUrlFromEnv } from './url.js';

export interface OpenOptions extends JsonOpenOptions {
  /**
   * Where the store is: a `postgres://` (or `postgresql://`) URL selects PostgreSQL;
   * default $CRMSCRIPT_TUI_STORE; without either, the JSON files in the data directory.
   */
  url?: string;
  /** Who this process is to the others sharing a PostgreSQL store ("daemon <pid>@<host>"). */
  role?: string;
  /** PostgreSQL: load only these collections, for reading (see PgOpenOptions.only). */
  only?: readonly CollectionName[];
}

export { isPostgresUrl, storeUrlFromEnv };

export class Store {
  /** The local directory for files beside the store (blobs, trace recordings, keys, logs). */
  readonly dataDir: string;
  /** Where the data is, for messages: store.json's path, or the database URL without its password. */
  readonly file: string;

  /** withOneLook's nesting, and the document its reads share. */
  private looks = 0;
  private look: StoreData | null = null;

  private constructor(readonly backend: StoreBackend) {
    this.dataDir = backend.dataDir;
    this.file = backend.location;
  }

  /**
   * Open (and on first use create) the store. A new store is seeded with the
   * demo unless `seed: false`; an older format is upgraded. Throws a StoreError
   * with a readable message when the store cannot be used.
   */
  static async open(dataDir: string, opts: OpenOptions = {}): Promise<Store> {
    const url = opts.url !== undefined ? (isPostgresUrl(opts.url) ? opts.url : undefined) : storeUrlFromEnv();
    if (url) {
      const { PgBackend } = await import('./pg/backend.js');
      return new Store(await PgBackend.open(url, resolve(dataDir), opts));
    }
    return new Store(await JsonBackend.open(dataDir, opts));
  }

  /** The PostgreSQL connection string of a store in PostgreSQL (the sandbox CRM lives there too); null for the JSON store. */
  get databaseUrl(): string | null {
    return this.backend.url ?? null;
  }

  /** 'json' or 'postgres'. */
  get kind(): StoreBackend['kind'] {
    return this.backend.kind;
  }

  /** The last problem re-reading the store for read(); null when the last read worked. */
  get lastReadError(): StoreError | null {
    return this.backend.lastReadError;
  }

  /**
   * The current document. Cached: the same object is returned until something
   * changed. Treat it as read-only; change data only through update(). If the
   * store became unreadable, the last good snapshot is returned and
   * `lastReadError` says why.
   */
  read(): StoreData {
    if (this.looks > 0) return (this.look ??= this.backend.read());
    return this.backend.read();
  }

  /**
   * Runs `fn` (synchronous) with every read() in it answered by one look at the store: a scheduler
   * launching a thousand runs, each of which reads the store several times, looks at the files
   * once (a look costs several stat calls) and every run sees the same state.
   */
  withOneLook<T>(fn: () => T): T {
    this.looks++;
    try {
      return fn();
    } finally {
      if (--this.looks === 0) this.look = null;
    }
  }

  /**
   * The folders and the rows of the scripts (what a list shows), as read() has them (the same order,
   * the edits of other processes included): the JSON store reads the scripts of store.json without
   * decoding their sources. Same rules as read(). (A process that only lists: see listingAt.)
   */
  listing(): Listing {
    if (this.backend.listing) return this.backend.listing();
    const d = this.read();
    return { folders: d.folders, scripts: d.scripts.map(scriptRow) };
  }

  /**
   * Read-modify-write under the store's exclusive lock: the latest state is
   * loaded, `fn` changes the document in place (and may return a value), what
   * changed is validated and written atomically. If `fn` throws, nothing is
   * written and the error is passed on. `fn` must be synchronous.
   */
  update<T>(fn: (d: StoreData) => T): Promise<T> {
    return this.backend.update(fn);
  }

  /** Call `cb` whenever the store changes (by any process, this one included). Returns a function that stops watching. */
  watch(cb: () => void, opts: WatchOptions = {}): () => void {
    return this.backend.watch(cb, opts);
  }

  /** The daemons connected to a shared (PostgreSQL) store, on any machine; null for a JSON store. */
  connectedDaemons(): Promise<string[] | null> {
    return this.backend.connectedDaemons();
  }

  /** Replace the whole content with `data` (store copy). */
  /** Leases of due tasks for a daemon (see StoreBackend.takeLeases). */
  takeLeases(wanted: LeaseRequest[], owner: string, now: Date, free: LeaseJudge): Promise<Map<string, Lease | null>> {
    return wanted.length ? this.backend.takeLeases(wanted, owner, now, free) : Promise.resolve(new Map());
  }

  releaseLeases(taskIds: string[], owner: string): Promise<void> {
    return taskIds.length ? this.backend.releaseLeases(taskIds, owner) : Promise.resolve();
  }

  replaceAll(data: StoreData): Promise<void> {
    return this.backend.replaceAll(data);
  }

  /** Stop all watchers, wait for the updates in flight and close connections. */
  close(): Promise<void> {
    return this.backend.close();
  }
}

/** True when `dataDir` already holds a JSON store, or the store is in PostgreSQL. */
export function storeExists(dataDir: string): boolean {
  return storeUrlFromEnv() !== undefined || existsSync(join(resolve(dataDir), STORE_FILE));
}

/** Open the store where the `--data-dir` flag (or the environment, or the default) and $CRMSCRIPT_TUI_STORE say. */
export function openStoreAt(dataDirFlag?: string, opts?: OpenOptions): Promise<Store> {
  return Store.open(resolveDataDir(dataDirFlag), opts);
}

/**
 * The folders and the rows of the scripts of the store where the `--data-dir` flag (or the
 * environment, or the default) and $CRMSCRIPT_TUI_STORE say: what `scripts list` shows. A JSON
 * store whose listing.json is current is listed from it and the edits journal, without reading
 * store.json; otherwise the store is opened (created, upgraded) as by openStoreAt and listed, and a
 * missing or out-of-date listing.json is written again for the next list. The scripts come in no
 * particular order (listScripts sorts them, or says they are in order already: `ordered`).
 */
export async function listingAt(dataDirFlag?: string): Promise<Listing> {
  const dataDir = resolveDataDir(dataDirFlag);
  const url = storeUrlFromEnv();
  // a store in PostgreSQL: the database gives the rows (pg/listing.ts), else (a store to create or
  // upgrade) it is opened with the folders and scripts only, not the run history
  const pgList = url ? await (await import('./pg/listing.js')).pgListing(url) : null;
  if (pgList) return pgList;
  const quick = url ? null : quickListing(dataDir);
  if (quick && 'listing' in quick) return quick.listing;
  const store = await Store.open(dataDir, { only: ['folders', 'scripts'] });
  const listing = store.listing();
  if (quick?.missed === 'index' && store.backend instanceof JsonBackend) await store.backend.doc.writeListIndex();
  return listing;
}
