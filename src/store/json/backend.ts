/**
 * The JSON store, the embedded default (format 2):
 *
 * - `store.json`: what people edit (settings, folders, scripts, macros, and the
 *   definitions of triggers, tasks and trace configurations), one entity per
 *   line (document.ts), rewritten atomically (temp file + fsync + rename) only
 *   when one of those changes.
 * - `state.jsonl`: leases, last/next runs, last firings, trace counters and the
 *   debug-session registry; `runs.jsonl`: task run history and the index of
 *   trace recordings; `outbox.jsonl`: mails waiting to be sent. Append-only
 *   journals (journal.ts), so a run appends a line and never rewrites scripts.
 *
 * Every update is a read-modify-write under the inter-process lock (lock.ts):
 * what changed on disk is re-read first, only the changed entities are
 * validated (changes.ts, validate.ts), journals are appended before store.json
 * is replaced. Readers re-read only the files whose stamp changed, only the
 * appended part of a journal, and only the lines of store.json that changed.
 */
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StoreError, describeFsError } from '../errors.js';
import { STORE_FILE } from '../paths.js';
import { emptyStoreData, type CollectionName, type Lease, type StoreData } from '../schema.js';
import { isEmptyChange, trackedUpdate, type ChangeSet } from '../changes.js';
import { entitySchema, validateChanges } from '../validate.js';
import type { LeaseRequest, StoreBackend, WatchOptions } from '../backend.js';
import { withStoreLock } from './lock.js';
import { Journal, WRITE_ORDER, lastLine, lineHeader, truncateFile, type FileKey, type JournalOp } from './journal.js';
import { definitionOf, sameJson, stateOf } from './document.js';
import { DocFile, JOURNAL_FILES } from './docfile.js';
import { watchFiles } from './watch.js';

export interface JsonOpenOptions {
  /** Seed a new store with the demo content (default true). */
  seed?: boolean;
  /** A lock not refreshed for this long is taken over (ms, default 10000, min 2000). */
  lockStaleMs?: number;
  /** How long to wait for the lock before giving up (ms, default 30000). */
  lockWaitMs?: number;
}

const SPLIT = ['triggers', 'tasks', 'traceConfigs'] as const;
const TEMP_FILE = /^(store\.json|state\.jsonl|runs\.jsonl|outbox\.jsonl)\.[0-9a-f]+$/;

export class JsonBackend implements StoreBackend {
  readonly kind = 'json' as const;
  readonly dataDir: string;
  /** Recordings and long outputs are files in the data directory itself. */
  readonly sharedFiles = null;
  readonly location: string;
  lastReadError: StoreError | null = null;

  readonly doc: DocFile;
  readonly state: Journal;
  readonly runs: Journal;
  readonly outbox: Journal;
  private readonly lockOpts: { staleMs: number; waitMs: number };
  private cleanedTemps = false;
  /** The update number of store.json as this reader sees it (the content being applied). */
  private docU = 0;
  private snap: { key: string; data: StoreData } | null = null;
  private readonly closers = new Set<() => void>();

  constructor(dataDir: string, opts: JsonOpenOptions = {}) {
    this.dataDir = resolve(dataDir);
    this.location = join(this.dataDir, STORE_FILE);
    const check = (c: string, r: unknown) => parseEntity(c as CollectionName, r);
    const committed = (u: number, partners: FileKey[]) => partners.every((p) => this.updateOf(p) >= u);
    this.doc = new DocFile(this.location);
    // Volatile fields are checked with their entity when merged, debug sessions on their own.
    this.state = new Journal(join(this.dataDir, JOURNAL_FILES.state), 's', ['tasks', 'triggers', 'traceConfigs', 'debugSessions'], committed, (c, r) =>
      c === 'debugSessions' ? check(c, r) : requireId(r),
    );
    this.runs = new Journal(join(this.dataDir, JOURNAL_FILES.runs), 'r', ['taskRuns', 'traceRuns'], committed, check);
    this.outbox = new Journal(join(this.dataDir, JOURNAL_FILES.outbox), 'o', ['outbox'], committed, check);
    this.lockOpts = { staleMs: Math.max(opts.lockStaleMs ?? 10_000, 2000), waitMs: opts.lockWaitMs ?? 30_000 };
  }

  /** Open (and on first use create, or upgrade) the store in the directory. */
  static async open(dataDir: string, opts: JsonOpenOptions = {}): Promise<JsonBackend> {
    const b = new JsonBackend(dataDir, opts);
    ensureDir(b.dataDir);
    if (b.refresh(false) !== 'missing-or-older') return b;
    await withStoreLock(b.dataDir, b.lockOpts, async (assertHeld) => {
      if (b.refresh(false) !== 'missing-or-older') return; // another process created or upgraded it meanwhile
      let data: StoreData;
      if (b.doc.upgradedData) {
        data = b.doc.upgradedData!;
        b.doc.backupBeforeUpgrade();
      } else {
        data = emptyStoreData();
        if (opts.seed ?? true) {
          const { seedDemo } = await import('../seed.js');
          seedDemo(data);
        }
      }
      assertHeld();
      await b.writeEverything(data);
    });
    return b;
  }

  read(): StoreData {
    try {
      this.refresh(false);
      this.lastReadError = null;
    } catch (e) {
      if (!(e instanceof StoreError)) throw e;
      this.lastReadError = e;
    }
    return this.snapshot();
  }

  update<T>(fn: (d: StoreData) => T): Promise<T> {
    return withStoreLock(this.dataDir, this.lockOpts, async (assertHeld) => {
      this.removeStaleTempFiles();
      this.refresh(true);
      this.removeUnfinishedUpdate();
      const base = this.snapshot();
      const { result, doc, changes } = trackedUpdate(base, fn);
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        throw new Error('Store.update() callbacks must be synchronous.');
      }
      if (isEmptyChange(changes)) return result;
      validateChanges(doc, changes);
      const plan = this.plan(base, doc, changes);
      assertHeld();
      // In a fixed order, store.json last; readers take the update only once its last file has it.
      const u = this.newestUpdate() + 1;
      const w = `${plan.runs.length ? 'r' : ''}${plan.outbox.length ? 'o' : ''}${plan.state.length ? 's' : ''}${plan.docDirty ? 'd' : ''}`;
      this.runs.append(plan.runs, u, w);
      this.outbox.append(plan.outbox, u, w);
      this.state.append(plan.state, u, w);
      if (plan.docDirty) {
        await this.doc.write(doc, u);
        this.docU = u;
      }
      for (const j of [this.state, this.runs, this.outbox]) if (j.wantsCompaction()) await j.compact();
      this.lastReadError = null;
      return result;
    });
  }

  watch(cb: () => void, opts: WatchOptions = {}): () => void {
    const files = [this.location, this.state.file, this.runs.file, this.outbox.file];
    let last = this.changeKey();
    const stop = watchFiles(this.dataDir, files, opts, () => {
      this.read();
      const now = this.changeKey();
      if (now === last) return false;
      last = now;
      return true;
    }, cb);
    const close = () => {
      stop();
      this.closers.delete(close);
    };
    this.closers.add(close);
    return close;
  }

  /** The claim's update takes the lease in the task, under the file lock (see StoreBackend). */
  async takeLeases(wanted: LeaseRequest[]): Promise<Map<string, Lease | null>> {
    return new Map(wanted.map((w) => [w.taskId, null]));
  }

  async releaseLeases(): Promise<void> {}

  async connectedDaemons(): Promise<null> {
    return null; // one machine: daemon.json says it
  }

  async replaceAll(data: StoreData): Promise<void> {
    await withStoreLock(this.dataDir, this.lockOpts, async (assertHeld) => {
      const { storeSchema, describeIssues } = await import('../schema.js');
      const parsed = storeSchema.safeParse(data);
      if (!parsed.success) throw new StoreError('invalid', `The data is not a valid crmscript-tui store: ${describeIssues(parsed.error)}.`);
      assertHeld();
      await this.writeEverything(parsed.data);
    });
  }

  async close(): Promise<void> {
    for (const stop of [...this.closers]) stop();
  }

  /**
   * Re-read what changed on disk: store.json first (the last file an update
   * writes), then the journals, whose lines count only when the later files of
   * their update are there too. Throws when store.json disappeared or is broken.
   */
  private refresh(strict: boolean): 'ok' | 'missing-or-older' {
    void strict;
    const peek = this.doc.peek();
    if (peek.kind === 'missing' || peek.kind === 'older') return 'missing-or-older';
    this.docU = peek.kind === 'new' ? peek.parsed.u : this.doc.u;
    this.state.refresh();
    if (peek.kind === 'new') this.doc.apply(peek.parsed, peek.stamp, this.state);
    if (this.outbox.loaded) this.outbox.refresh();
    if (this.runs.loaded) this.runs.refresh();
    return 'ok';
  }

  /** The newest update `file` holds as far as this reader is concerned. */
  private updateOf(file: FileKey): number {
    if (file === 'd') return this.docU;
    const j = file === 's' ? this.state : file === 'o' ? this.outbox : this.runs;
    return j.loaded ? j.lastU : tailUpdate(j.file);
  }

  /** The newest update number in any file (under the lock). */
  private newestUpdate(): number {
    return Math.max(this.doc.u, ...[this.state, this.outbox, this.runs].map((j) => Math.max(j.lastU, tailUpdate(j.file))));
  }

  /**
   * A writer killed in the middle of an update leaves its lines in the files it
   * reached and not in the later ones: remove them (under the lock) so the
   * update is as if it never happened. Only the last update can be unfinished.
   */
  private removeUnfinishedUpdate(): void {
    for (const j of [this.state, this.outbox, this.runs]) {
      const last = lastLine(j.file);
      if (!last) continue;
      const { u, w } = lineHeader(last.line);
      const mine = WRITE_ORDER.indexOf(j.key);
      const later = [...w].filter((k) => WRITE_ORDER.indexOf(k as FileKey) > mine) as FileKey[];
      const done = later.every((k) => (k === 'd' ? this.doc.u : tailUpdate(this.journal(k).file)) >= u);
      if (!done) truncateFile(j.file, last.start);
    }
  }

  private journal(k: FileKey): Journal {
    return k === 's' ? this.state : k === 'o' ? this.outbox : this.runs;
  }

  private changeKey(): string {
    return `${this.doc.generation}/${this.state.generation}/${this.runs.generation}/${this.outbox.generation}/${this.lastReadError?.message ?? ''}`;
  }

  /** The snapshot for the current generation of every part. */
  private snapshot(): StoreData {
    const key = `${this.doc.generation}/${this.state.generation}/${this.runs.generation}/${this.outbox.generation}`;
    if (this.snap && this.snap.key === key) return this.snap.data;
    let merged;
    try {
      merged = this.doc.merged(this.state);
    } catch (e) {
      if (!(e instanceof StoreError) || !this.snap) throw e;
      this.lastReadError = e; // a broken state record: keep the last good snapshot
      return this.snap.data;
    }
    const load = (j: Journal, c: string) => {
      if (!j.loaded) j.refresh();
      return j.list(c);
    };
    const data = {
      version: 2,
      settings: this.doc.settings,
      folders: this.doc.folders,
      scripts: this.doc.scripts,
      macros: this.doc.macros,
      triggers: merged.triggers,
      tasks: merged.tasks,
      traceConfigs: merged.traceConfigs,
      debugSessions: this.state.list('debugSessions'),
    } as unknown as StoreData;
    // Run history, recordings and the outbox are read on first use (a `scripts list` never reads
    // them), then built once per generation and shared.
    const cache = new Map<string, unknown>();
    for (const [name, j] of [['taskRuns', this.runs], ['traceRuns', this.runs], ['outbox', this.outbox]] as const) {
      Object.defineProperty(data, name, {
        enumerable: true,
        configurable: true,
        get: () => {
          if (!cache.has(name)) cache.set(name, load(j, name));
          return cache.get(name);
        },
      });
    }
    this.snap = { key, data };
    return data;
  }

  /** Which files an update has to touch. */
  private plan(base: StoreData, doc: StoreData, changes: ChangeSet) {
    const out = { docDirty: changes.settings, state: [] as JournalOp[], runs: [] as JournalOp[], outbox: [] as JournalOp[] };
    for (const [name, ch] of changes.collections) {
      if (name === 'folders' || name === 'scripts' || name === 'macros') {
        out.docDirty = true;
      } else if ((SPLIT as readonly string[]).includes(name)) {
        const old = new Map((base[name] as Array<{ id: string }>).map((e) => [e.id, e]));
        for (const u of ch.upserts) {
          const o = old.get(u.entity.id);
          if (!o || !sameJson(definitionOf(name, o), definitionOf(name, u.entity))) out.docDirty = true;
          const st = stateOf(name, u.entity);
          if (!o || !sameJson(stateOf(name, o), st)) out.state.push({ c: name, v: st as { id: string } });
        }
        for (const id of ch.deletes) out.state.push({ c: name, d: id });
        if (ch.deletes.length > 0) out.docDirty = true;
      } else {
        const target = name === 'debugSessions' ? out.state : name === 'outbox' ? out.outbox : out.runs;
        for (const u of ch.upserts) target.push({ c: name, v: u.entity });
        for (const id of ch.deletes) target.push({ c: name, d: id });
      }
    }
    void doc;
    return out;
  }

  /** Write a whole document in the current layout (new store, upgrade, store copy). */
  private async writeEverything(data: StoreData): Promise<void> {
    const u = this.newestUpdate() + 1;
    const ops = (names: string[]): JournalOp[] =>
      names.flatMap((c) => (data[c as CollectionName] as Array<{ id: string }>).map((v) => ({ c, v })));
    const stateOps: JournalOp[] = [
      ...SPLIT.flatMap((c) => (data[c] as Array<{ id: string }>).map((e) => ({ c, v: stateOf(c, e) as { id: string } }))),
      ...ops(['debugSessions']),
    ];
    for (const [j, list] of [
      [this.runs, ops(['taskRuns', 'traceRuns'])],
      [this.outbox, ops(['outbox'])],
      [this.state, stateOps],
    ] as const) {
      j.replaceWith(list, u);
      await j.compact();
    }
    await this.doc.write(data, u);
    this.docU = u;
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
      // unreadable directory: the write reports the real problem
    }
  }
}

function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new StoreError('io', `Cannot create the data directory ${dir}: ${describeFsError(e)}.`);
  }
  try {
    if (!statSync(dir).isDirectory()) throw new StoreError('io', `The data directory ${dir} is not a directory.`);
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw new StoreError('io', `Cannot use the data directory ${dir}: ${describeFsError(e)}.`);
  }
}

function parseEntity(c: CollectionName, r: unknown): { id: string } {
  const p = entitySchema(c).safeParse(r);
  if (!p.success) throw new Error(p.error.issues[0]?.message ?? 'invalid');
  return p.data as { id: string };
}

/** The update number of a journal's last complete line (0 for none). */
function tailUpdate(file: string): number {
  const last = lastLine(file);
  return last ? lineHeader(last.line).u : 0;
}

function requireId(r: unknown): { id: string } {
  if (typeof r !== 'object' || r === null || typeof (r as { id?: unknown }).id !== 'string') throw new Error('it has no id');
  return r as { id: string };
}
