/**
 * The store: one JSON document (`<dataDir>/store.json`) shared by the TUI, the
 * daemon and the CLI, which may all run at the same time.
 *
 * - Every write is a read-modify-write under an inter-process lock
 *   (proper-lockfile: a lock directory `store.json.lock` beside the file, kept
 *   fresh while held and taken over when stale after a crash), re-reading the
 *   file first, validating the result against the schema, then writing it
 *   atomically (write-file-atomic: temp file + fsync + rename). So no update is
 *   lost and no reader ever sees a half-written file, even after kill -9.
 * - Readers get a cached snapshot that is re-read only when the file changed
 *   (inode, mtime and size from a cheap stat).
 * - lowdb's `Low` holds the document; the adapter below does the file part.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  statSync,
  unlinkSync,
  watch as fsWatch,
  type FSWatcher,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { Low, type Adapter } from 'lowdb';
// proper-lockfile and write-file-atomic are loaded on the first write, so read-only
// commands (e.g. `run` resolving includes) start faster.
import { STORE_FILE, LOCK_FILE, resolveDataDir } from './paths.js';
import { StoreError, describeFsError } from './errors.js';
import { STORE_VERSION, describeIssues, emptyStoreData, storeSchema, type StoreData } from './schema.js';
import { migrate } from './migrations.js';
import { seedDemo } from './seed.js';
import { errorMessage } from '../interp/util/error-message.js';

export interface OpenOptions {
  /** Seed a new store with the demo content (default true). */
  seed?: boolean;
  /** A lock not refreshed for this long is taken over (ms, default 10000, min 2000). */
  lockStaleMs?: number;
  /** How long to wait for the lock before giving up (ms, default 30000). */
  lockWaitMs?: number;
}

/** What identifies one version of the file on disk. */
interface Stamp {
  ino: number;
  mtimeMs: number;
  size: number;
}

function sameStamp(a: Stamp | null, b: Stamp | null): boolean {
  if (a === null || b === null) return a === b;
  return a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.size === b.size;
}

function statStamp(file: string): Stamp | null {
  try {
    const s = statSync(file);
    return { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return null;
  }
}

interface FileRead {
  data: StoreData;
  stamp: Stamp;
  migrated: boolean;
}

/**
 * Read, migrate and validate store.json. Returns null when the file does not
 * exist. The stamp is taken from the same open file descriptor as the content,
 * so a concurrent rename cannot pair old content with a new stamp.
 */
function readStoreFile(file: string): FileRead | null {
  let text: string;
  let stamp: Stamp;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StoreError('io', `Cannot read ${file}: ${describeFsError(e)}.`);
  }
  try {
    const s = fstatSync(fd);
    stamp = { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size };
    text = readFileSync(fd, 'utf8');
  } catch (e) {
    throw new StoreError('io', `Cannot read ${file}: ${describeFsError(e)}.`);
  } finally {
    closeSync(fd);
  }
  return { ...parseStoreText(text, file), stamp };
}

/** Parse, migrate and validate the text of a store file. */
export function parseStoreText(text: string, file: string): { data: StoreData; migrated: boolean } {
  if (text.trim() === '') {
    throw new StoreError('invalid-file', `${file} is empty; restore it from a backup or remove it to start a new store.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const why = errorMessage(e);
    throw new StoreError('invalid-file', `${file} is not valid JSON (${why}); fix it or remove it to start a new store.`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new StoreError('invalid-file', `${file} does not hold a crmscript-tui store (expected a JSON object).`);
  }
  const { doc, migrated } = migrate(raw as Record<string, unknown>, file);
  const parsed = storeSchema.safeParse(doc);
  if (!parsed.success) {
    throw new StoreError('invalid-file', `${file} is not a valid crmscript-tui store: ${describeIssues(parsed.error)}.`);
  }
  return { data: parsed.data, migrated };
}

export function serializeStore(data: StoreData): string {
  return JSON.stringify(data, null, 2) + '\n';
}

/** lowdb adapter: validated reads, atomic durable writes. Locking is done by Store. */
class StoreFileAdapter implements Adapter<StoreData> {
  lastStamp: Stamp | null = null;
  lastMigrated = false;

  constructor(
    readonly file: string,
    readonly dir: string,
  ) {}

  async read(): Promise<StoreData | null> {
    const r = readStoreFile(this.file);
    if (!r) {
      this.lastStamp = null;
      this.lastMigrated = false;
      return null;
    }
    this.lastStamp = r.stamp;
    this.lastMigrated = r.migrated;
    return r.data;
  }

  async write(data: StoreData): Promise<void> {
    try {
      const { default: writeFileAtomic } = await import('write-file-atomic');
      await writeFileAtomic(this.file, serializeStore(data), { encoding: 'utf8', mode: 0o600, fsync: true });
    } catch (e) {
      throw new StoreError('io', `Cannot write ${this.file}: ${describeFsError(e)}.`);
    }
    // Make the rename itself durable.
    try {
      const fd = openSync(this.dir, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Some file systems do not support fsync on a directory; the data is already safe from process crashes.
    }
    this.lastStamp = statStamp(this.file);
  }
}

/** In-process queue per data directory, so one process never competes with itself for the file lock. */
const queues = new Map<string, Promise<unknown>>();

function serialize<T>(key: string, job: () => Promise<T>): Promise<T> {
  const prev = queues.get(key) ?? Promise.resolve();
  const run = prev.then(job, job);
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

const TEMP_FILE = /^store\.json\.[0-9a-f]+$/;

export class Store {
  readonly dataDir: string;
  /** Absolute path of store.json. */
  readonly file: string;
  /** The last problem re-reading the file for read(); null when the last read worked. */
  lastReadError: StoreError | null = null;

  private readonly adapter: StoreFileAdapter;
  private readonly db: Low<StoreData>;
  private cache: StoreData;
  private cacheStamp: Stamp | null;
  private readonly staleMs: number;
  private readonly waitMs: number;
  private cleanedTemps = false;
  private readonly closers = new Set<() => void>();

  private constructor(dataDir: string, data: StoreData, stamp: Stamp | null, opts: OpenOptions) {
    this.dataDir = dataDir;
    this.file = join(dataDir, STORE_FILE);
    this.adapter = new StoreFileAdapter(this.file, dataDir);
    this.db = new Low<StoreData>(this.adapter, data);
    this.cache = data;
    this.cacheStamp = stamp;
    this.staleMs = Math.max(opts.lockStaleMs ?? 10_000, 2000);
    this.waitMs = opts.lockWaitMs ?? 30_000;
  }

  /**
   * Open (and on first use create) the store in `dataDir`. A new store is
   * seeded with the demo unless `seed: false`; an older format is migrated.
   * Throws a StoreError with a readable message when the file is invalid.
   */
  static async open(dataDir: string, opts: OpenOptions = {}): Promise<Store> {
    const dir = resolve(dataDir);
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw new StoreError('io', `Cannot create the data directory ${dir}: ${describeFsError(e)}.`);
    }
    try {
      if (!statSync(dir).isDirectory()) {
        throw new StoreError('io', `The data directory ${dir} is not a directory.`);
      }
    } catch (e) {
      if (e instanceof StoreError) throw e;
      throw new StoreError('io', `Cannot use the data directory ${dir}: ${describeFsError(e)}.`);
    }
    const file = join(dir, STORE_FILE);
    const existing = readStoreFile(file);
    if (existing && !existing.migrated) return new Store(dir, existing.data, existing.stamp, opts);

    // Create or migrate: both write, so both happen under the lock (another
    // process may be doing the same right now).
    const store = new Store(dir, existing?.data ?? emptyStoreData(), existing?.stamp ?? null, opts);
    await store.withLock(async (assertHeld) => {
      const now = readStoreFile(file);
      let data: StoreData;
      if (now && !now.migrated) {
        data = now.data; // someone else finished first
      } else {
        if (now) {
          data = now.data;
          // Keep the file as it was before the upgrade, in case the operator needs to go back.
          try {
            copyFileSync(file, `${file}.pre-v${STORE_VERSION}.bak`);
          } catch (e) {
            throw new StoreError('io', `Cannot back up ${file} before upgrading it: ${describeFsError(e)}.`);
          }
        } else {
          data = emptyStoreData();
          if (opts.seed ?? true) seedDemo(data);
          data = store.validateForWrite(data);
        }
        store.db.data = data;
        assertHeld();
        await store.db.write();
      }
      store.cache = data;
      store.cacheStamp = statStamp(file);
    });
    return store;
  }

  /**
   * The current document. Cached: the same object is returned until the file
   * changes on disk (then it is re-read). Treat it as read-only; change data
   * only through update(). If the file on disk became unreadable, the last good
   * snapshot is returned and `lastReadError` says why.
   */
  read(): StoreData {
    const stamp = statStamp(this.file);
    if (stamp === null || sameStamp(stamp, this.cacheStamp)) return this.cache;
    try {
      const r = readStoreFile(this.file);
      if (r) {
        this.cache = r.data;
        this.cacheStamp = r.stamp;
      }
      this.lastReadError = null;
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      this.lastReadError = e;
      this.cacheStamp = stamp; // do not retry the same broken file on every call
    }
    return this.cache;
  }

  /**
   * Read-modify-write under the inter-process lock: the file is re-read, `fn`
   * changes the document in place (and may return a value), the result is
   * validated and written atomically. If `fn` throws, nothing is written and
   * the error is passed on. `fn` must be synchronous.
   */
  update<T>(fn: (d: StoreData) => T): Promise<T> {
    return this.withLock(async (assertHeld) => {
      this.removeStaleTempFiles();
      await this.db.read();
      if (!this.adapter.lastStamp) this.db.data = emptyStoreData(); // the file was removed behind our back
      const result = fn(this.db.data);
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        throw new Error('Store.update() callbacks must be synchronous.');
      }
      const data = this.validateForWrite(this.db.data);
      this.db.data = data;
      assertHeld();
      await this.db.write();
      this.cache = data;
      this.cacheStamp = this.adapter.lastStamp;
      this.lastReadError = null;
      return result;
    });
  }

  /**
   * Call `cb` whenever store.json changes on disk (by any process, this one
   * included). Uses fs.watch on the data directory (debounced) and a slow poll
   * as a fallback. Returns a function that stops watching.
   */
  watch(cb: () => void, opts: { debounceMs?: number; pollMs?: number } = {}): () => void {
    const debounceMs = opts.debounceMs ?? 50;
    const pollMs = opts.pollMs ?? 2000;
    let last = statStamp(this.file);
    let timer: NodeJS.Timeout | null = null;
    let closed = false;
    const check = () => {
      if (closed) return;
      const now = statStamp(this.file);
      if (now === null || sameStamp(now, last)) return; // missing = mid-replace or removed; wait for the next event
      last = now;
      try {
        cb();
      } catch {
        // a failing listener must not stop the watching
      }
    };
    const schedule = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        check();
      }, debounceMs);
      timer.unref();
    };
    let watcher: FSWatcher | null = null;
    try {
      watcher = fsWatch(this.dataDir, { persistent: false }, (_event, name) => {
        if (!name || name.toString() === STORE_FILE) schedule();
      });
      watcher.on('error', () => {
        watcher?.close();
        watcher = null;
      });
    } catch {
      watcher = null; // the poll below still notices changes
    }
    const poll = setInterval(check, pollMs);
    poll.unref();
    const stop = () => {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      clearInterval(poll);
      watcher?.close();
      this.closers.delete(stop);
    };
    this.closers.add(stop);
    return stop;
  }

  /** Stop all watchers started by this Store. */
  close(): void {
    for (const stop of [...this.closers]) stop();
  }

  private validateForWrite(data: StoreData): StoreData {
    const parsed = storeSchema.safeParse(data);
    if (!parsed.success) {
      throw new StoreError('invalid', `The change was not saved because it would make the store invalid: ${describeIssues(parsed.error)}.`);
    }
    return parsed.data;
  }

  /** Run `job` while holding the in-process queue and the inter-process file lock. */
  private withLock<T>(job: (assertHeld: () => void) => Promise<T>): Promise<T> {
    return serialize(this.dataDir, async () => {
      let compromised: Error | null = null;
      let release: () => Promise<void>;
      try {
        const { default: lockfile } = await import('proper-lockfile');
        release = await lockfile.lock(this.dataDir, {
          lockfilePath: join(this.dataDir, LOCK_FILE),
          realpath: false,
          stale: this.staleMs,
          retries: {
            retries: Math.max(1, Math.ceil(this.waitMs / 40)),
            factor: 1.2,
            minTimeout: 5,
            maxTimeout: 50,
            randomize: true,
          },
          onCompromised: (err) => {
            compromised = err;
          },
        });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ELOCKED') {
          throw new StoreError(
            'lock',
            `The store in ${this.dataDir} stayed locked by another process for ${Math.round(this.waitMs / 1000)} s; try again, or remove ${join(this.dataDir, LOCK_FILE)} if no crmscript-tui process is running.`,
          );
        }
        throw new StoreError('lock', `Cannot lock the store in ${this.dataDir}: ${describeFsError(e)}.`);
      }
      const assertHeld = () => {
        if (compromised) {
          throw new StoreError('lock', `The lock on the store in ${this.dataDir} was lost (the process was too busy to keep it); the change was not saved, try again.`);
        }
      };
      try {
        return await job(assertHeld);
      } finally {
        await release().catch(() => undefined);
      }
    });
  }

  /** Temp files of writers killed mid-write. Only called under the lock, when no write can be in flight. */
  private removeStaleTempFiles(): void {
    if (this.cleanedTemps) return;
    this.cleanedTemps = true;
    try {
      for (const name of readdirSync(this.dataDir)) {
        if (TEMP_FILE.test(name)) {
          try {
            unlinkSync(join(this.dataDir, name));
          } catch {
            // not ours to worry about
          }
        }
      }
    } catch {
      // unreadable directory: the write below reports the real problem
    }
  }
}

/** True when `dataDir` already holds a store file. */
export function storeExists(dataDir: string): boolean {
  return existsSync(join(resolve(dataDir), STORE_FILE));
}

/** Open the store where the `--data-dir` flag (or the environment, or the default) says. */
export function openStoreAt(dataDirFlag?: string, opts?: OpenOptions): Promise<Store> {
  return Store.open(resolveDataDir(dataDirFlag), opts);
}
