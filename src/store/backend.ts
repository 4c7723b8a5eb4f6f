/**
 * What every store backend provides (the JSON files of json/, the PostgreSQL
 * tables of pg/). The Store class (store.ts) is a thin face over one of them;
 * the rest of the program only sees StoreData snapshots and update callbacks,
 * so no code path works on one backend only.
 */
import type { StoreError } from './errors.js';
import type { Folder, Lease, Script, ScriptInfo, ScriptRow, StoreData } from './schema.js';

/** The folders and what a list shows of each script (its row). */
export interface Listing {
  folders: Folder[];
  scripts: ScriptRow[];
  /** True when the scripts are in list order already (listScripts need not sort them). */
  ordered?: boolean;
}

/** The row of a script in a list. */
export function scriptRow(s: Script | ScriptInfo): ScriptRow {
  return { id: s.id, folderId: s.folderId, name: s.name, includeId: s.includeId, description: s.description, staged: s.stagedSource !== null, createdAt: s.createdAt, updatedAt: s.updatedAt };
}

/** A task lease wanted by a daemon: the task, and how long to hold it. */
export interface LeaseRequest {
  taskId: string;
  minutes: number;
}

/** Whether a lease someone holds may be taken over (it expired, or its holder is known to be gone). */
export type LeaseJudge = (lease: Lease) => boolean;

export interface WatchOptions {
  /** Wait this long after a change before calling back (ms). */
  debounceMs?: number;
  /** Fallback poll interval (ms). */
  pollMs?: number;
}

/**
 * Where a backend keeps the contents that live beside its records (trace
 * recordings, long run outputs), by their path relative to the data directory
 * (`traces/<id>.trace`, `blobs/<id>`). The JSON store has none: its data
 * directory is where they are. See files.ts for how they are used.
 */
export interface SharedFiles {
  /** The contents, or null when there is no such file. */
  read(rel: string): Promise<Buffer | null>;
  write(rel: string, data: Buffer): Promise<void>;
  delete(rels: string[]): Promise<void>;
  /** Remove files under `prefix` written before `olderThan` that are not in `keep`; returns how many. */
  prune(prefix: string, keep: Set<string>, olderThan: Date): Promise<number>;
}

export interface StoreBackend {
  readonly kind: 'json' | 'postgres';
  /** Where the store is, for messages: store.json's path, or the database URL without its password. */
  readonly location: string;
  /** The local directory for what lives beside the store (blobs, trace recordings, logs). */
  readonly dataDir: string;
  /** PostgreSQL: the connection string (with its password; never shown). */
  readonly url?: string;
  /** The shared home of recordings and long outputs; null when the data directory is it (JSON). */
  readonly sharedFiles: SharedFiles | null;
  /** The last problem met while refreshing for read(); null when the last refresh worked. */
  readonly lastReadError: StoreError | null;
  /**
   * The current document, cached: the same object until something changed.
   * Treat it as read-only. On a problem the last good snapshot is returned and
   * lastReadError says why.
   */
  read(): StoreData;
  /**
   * Folders and the rows of the scripts as read() would give them, read without the scripts' sources
   * where the backend can: what a list shows. Backends without it give read()'s (see Store.listing).
   */
  listing?(): Listing;
  /**
   * Read-modify-write under the backend's exclusive lock: the latest state is
   * loaded, `fn` changes it in place (synchronously), only what changed is
   * validated and written, atomically. If `fn` throws nothing is written.
   */
  update<T>(fn: (d: StoreData) => T): Promise<T>;
  /** Call `cb` after changes by any process; returns a function that stops. */
  watch(cb: () => void, opts?: WatchOptions): () => void;
  /**
   * Takes the leases of due tasks for `owner` before the scheduler claims their runs; returns
   * those it holds now (with their end). The JSON store returns every task asked for: its claim
   * runs under the file lock, where the lease in the task decides. PostgreSQL takes rows of
   * task_leases with FOR UPDATE SKIP LOCKED, so daemons never wait on each other and a task is
   * leased by one of them at a time.
   */
  takeLeases(wanted: LeaseRequest[], owner: string, now: Date, free: LeaseJudge): Promise<Map<string, Lease | null>>;
  /** Gives up leases `owner` holds (after the run was recorded). */
  releaseLeases(taskIds: string[], owner: string): Promise<void>;
  /**
   * The daemons serving this store from other machines too ("daemon 1234@host"), where the
   * backend can tell (PostgreSQL: from their connections); null when it cannot (JSON: see
   * daemon.json in the data directory).
   */
  connectedDaemons(): Promise<string[] | null>;
  /** Replace the whole content (store copy); validates everything. */
  replaceAll(data: StoreData): Promise<void>;
  /** Stop watchers, wait for the updates in flight, close connections. */
  close(): Promise<void>;
}

/** A copy of a snapshot with every lazily loaded collection loaded: the whole store as one plain document. */
export function materialize(d: StoreData): StoreData {
  return {
    version: d.version,
    settings: d.settings,
    folders: d.folders,
    scripts: d.scripts,
    macros: d.macros,
    triggers: d.triggers,
    tasks: d.tasks,
    taskRuns: d.taskRuns,
    traceConfigs: d.traceConfigs,
    traceRuns: d.traceRuns,
    debugSessions: d.debugSessions,
    outbox: d.outbox,
  };
}
