/**
 * The JSON store, the embedded default (format 2):
 *
 * - `store.json`: what people edit (settings, folders, scripts, macros, and the
 *   definitions of triggers, tasks and trace configurations), one entity per
 *   line (document.ts), rewritten atomically (temp file + fsync + rename) when
 *   the settings change or when the edits journal has grown (a fold).
 * - `edits.jsonl`: the folders, scripts, macros and definitions added, changed
 *   or removed since store.json was last written, laid over it by readers, so
 *   one edit appends one line instead of rewriting ten thousand scripts. Lines
 *   of updates that store.json already holds (its `u`) are skipped.
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
 *
 * This file coordinates the parts: store.json is docfile.ts, the journals' files and checks
 * journals.ts, which files an update touches update-plan.ts, what a killed writer left behind
 * recovery.ts, and the document readers get snapshot.ts.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StoreError, describeFsError } from '../errors.js';
import { STORE_FILE } from '../paths.js';
import type { CollectionName, Lease, StoreData } from '../schema.js';
import { isEmptyChange, trackedUpdate } from '../changes.js';
import { CheckerNeeded } from '../checker.js';
import { CheckerSlot } from './checks.js';
import { scriptRow, type LeaseRequest, type Listing, type StoreBackend, type WatchOptions } from '../backend.js';
import { withStoreLock } from './lock.js';
import { edgeLinesHashed, type FileKey, type Journal, type JournalOp } from './journal.js';
import { stateOf } from './document.js';
import { DocFile } from './docfile.js';
import { openJournals, tailUpdate } from './journals.js';
import { planUpdate } from './update-plan.js';
import { removeStaleTempFiles, removeUnfinishedUpdate } from './recovery.js';
import { assembleSnapshot } from './snapshot.js';
import { watchFiles } from './watch.js';

export interface JsonOpenOptions {
  /** Seed a new store with the demo content (default true). */
  seed?: boolean;
  /** A lock not refreshed for this long is taken over (ms, default 10000, min 2000). */
  lockStaleMs?: number;
  /** How long to wait for the lock before giving up (ms, default 30000). */
  lockWaitMs?: number;
  /** Check every line now, those crmscript-tui wrote too, and hash again lines changed by hand that pass (`store migrate`). */
  checkAll?: boolean;
}

const SPLIT = ['triggers', 'tasks', 'traceConfigs'] as const;
/** The edits journal is folded into store.json when it is this big, or a quarter of store.json if that is more. */
const FOLD_BYTES = 256 * 1024;

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
  readonly edits: Journal;
  private readonly lockOpts: { staleMs: number; waitMs: number };
  private cleanedTemps = false;
  /** The update number of store.json as this reader sees it (the content being applied). */
  private baseU = 0;
  private snap: { key: string; data: StoreData } | null = null;
  private readonly closers = new Set<() => void>();
  /** Updates in flight; close() waits for them. */
  private readonly writing = new Set<Promise<unknown>>();
  /** The schema's checks, loaded when something has to be checked (see checker.ts). */
  private readonly checks = new CheckerSlot();

  constructor(dataDir: string, opts: JsonOpenOptions = {}) {
    this.dataDir = resolve(dataDir);
    this.location = join(this.dataDir, STORE_FILE);
    const committed = (u: number, partners: FileKey[]) => partners.every((p) => this.updateOf(p) >= u);
    this.doc = new DocFile(this.location);
    ({ edits: this.edits, state: this.state, runs: this.runs, outbox: this.outbox } = openJournals(this.dataDir, committed, () => this.baseU, this.checks));
    this.lockOpts = { staleMs: Math.max(opts.lockStaleMs ?? 10_000, 2000), waitMs: opts.lockWaitMs ?? 30_000 };
  }

  /** Open (and on first use create, or upgrade) the store in the directory. */
  static async open(dataDir: string, opts: JsonOpenOptions = {}): Promise<JsonBackend> {
    const b = new JsonBackend(dataDir, opts);
    ensureDir(b.dataDir);
    if (opts.checkAll) await b.checks.load();
    if ((await b.firstRefresh()) !== 'missing-or-older') {
      if (opts.checkAll) await b.checkEverything();
      return b;
    }
    const checker = await b.checks.load();
    await withStoreLock(b.dataDir, b.lockOpts, async (assertHeld) => {
      if (b.refresh(false) !== 'missing-or-older') return; // another process created or upgraded it meanwhile
      let data: StoreData;
      if (b.doc.upgradedData) {
        data = b.doc.upgradedData!;
        b.doc.backupBeforeUpgrade();
      } else {
        data = checker.empty();
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

  /**
   * The first read, without the checker when everything is as crmscript-tui wrote it; else with it.
   * The journals read on first use (runs, outbox) get it too unless their first and last lines carry
   * a hash (a line changed by hand between them is reported when read, see snapshot.ts).
   */
  private async firstRefresh(): Promise<'ok' | 'missing-or-older'> {
    try {
      const r = this.refresh(false);
      if (r === 'ok') this.doc.merged(this.state, this.edits, this.checks.checker); // not the scripts: parsed on first use
      if (!edgeLinesHashed(this.runs.file) || !edgeLinesHashed(this.outbox.file)) await this.checks.load();
      return r;
    } catch (e) {
      if (!(e instanceof CheckerNeeded)) throw e;
    }
    await this.checks.load();
    return this.refresh(false);
  }

  /** store migrate: read every journal with the checker and give lines changed by hand their hash again. */
  private async checkEverything(): Promise<void> {
    await withStoreLock(this.dataDir, this.lockOpts, async (assertHeld) => {
      this.refresh(true);
      for (const j of [this.state, this.runs, this.outbox]) j.refresh();
      assertHeld();
      await this.rehash();
    });
  }

  /** Journals holding lines without a valid hash (checked when read) are rewritten with hashes. */
  private async rehash(): Promise<void> {
    for (const j of [this.state, this.runs, this.outbox]) if (j.loaded && !j.trustedAll) await j.compact();
  }

  read(): StoreData {
    try {
      this.refresh(false);
      this.lastReadError = null;
    } catch (e) {
      // changed outside crmscript-tui: the last snapshot until the checker is loaded (watchers look again)
      if (e instanceof CheckerNeeded) void this.checks.load();
      else if (!(e instanceof StoreError)) throw e;
      else this.lastReadError = e;
    }
    return this.snapshot();
  }

  listing(): Listing {
    try {
      this.refresh(false);
    } catch {
      const d = this.read(); // says what is wrong in lastReadError, as any read does
      return { folders: d.folders, scripts: d.scripts.map(scriptRow) };
    }
    this.lastReadError = null;
    return this.doc.listing(this.edits);
  }

  update<T>(fn: (d: StoreData) => T): Promise<T> {
    return this.inFlight(this.write(fn));
  }

  /** Keeps `p` among the writes close() waits for until it settles. */
  private inFlight<T>(p: Promise<T>): Promise<T> {
    this.writing.add(p);
    const done = () => void this.writing.delete(p);
    p.then(done, done);
    return p;
  }

  private async write<T>(fn: (d: StoreData) => T): Promise<T> {
    const checker = await this.checks.load();
    return withStoreLock(this.dataDir, this.lockOpts, async (assertHeld) => {
      if (!this.cleanedTemps) removeStaleTempFiles(this.dataDir);
      this.cleanedTemps = true;
      this.refresh(true);
      removeUnfinishedUpdate(this, this.doc.u);
      const base = this.snapshot();
      const { result, doc, changes } = trackedUpdate(base, fn);
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        throw new Error('Store.update() callbacks must be synchronous.');
      }
      if (isEmptyChange(changes)) return result;
      checker.changes(doc, changes);
      const plan = planUpdate(base, changes, this.doc.lineLayout);
      assertHeld();
      // In a fixed order, store.json last; readers take the update only once its last file has it.
      const u = this.newestUpdate() + 1;
      const edits = plan.docDirty ? [] : plan.edits; // a rewrite of store.json holds the edits itself
      const w = `${plan.runs.length ? 'r' : ''}${plan.outbox.length ? 'o' : ''}${plan.state.length ? 's' : ''}${edits.length ? 'e' : ''}${plan.docDirty ? 'd' : ''}`;
      // each file durable before the next is written (see journal.ts: later files commit the update)
      await this.runs.append(plan.runs, u, w);
      await this.outbox.append(plan.outbox, u, w);
      await this.state.append(plan.state, u, w);
      await this.edits.append(edits, u, w);
      if (plan.docDirty || this.edits.size > Math.max(FOLD_BYTES, this.doc.bytes / 4)) await this.fold(doc, u);
      for (const j of [this.state, this.runs, this.outbox]) if (j.wantsCompaction()) await j.compact();
      await this.rehash();
      this.lastReadError = null;
      return result;
    });
  }

  watch(cb: () => void, opts: WatchOptions = {}): () => void {
    void this.checks.load(); // a process that keeps watching will meet changes to check
    const files = [this.location, this.edits.file, this.state.file, this.runs.file, this.outbox.file];
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

  replaceAll(data: StoreData): Promise<void> {
    return this.inFlight(this.writeAll(data));
  }

  private async writeAll(data: StoreData): Promise<void> {
    const checker = await this.checks.load();
    await withStoreLock(this.dataDir, this.lockOpts, async (assertHeld) => {
      const parsed = checker.whole(data);
      assertHeld();
      await this.writeEverything(parsed);
    });
  }

  /** Stops the watchers and waits for the updates in flight (each one is written whole or not at all). */
  async close(): Promise<void> {
    for (const stop of [...this.closers]) stop();
    await Promise.allSettled([...this.writing]);
  }

  /**
   * Re-read what changed on disk: store.json first (the last file an update
   * writes), then the journals, whose lines count only when the later files of
   * their update are there too. Throws when store.json disappeared or is broken.
   */
  private refresh(strict: boolean): 'ok' | 'missing-or-older' {
    void strict;
    for (let attempt = 0; ; attempt++) {
      const peek = this.doc.peek(this.checks.checker);
      if (peek.kind === 'missing' || peek.kind === 'older') return 'missing-or-older';
      const u = peek.kind === 'new' ? peek.parsed.u : this.doc.u;
      const rebased = u !== this.baseU;
      this.baseU = u;
      // The edits journal belongs to this store.json: read again from the start when store.json was folded.
      if (rebased && this.edits.loaded) this.edits.reload();
      else this.edits.refresh();
      // store.json replaced (folded) while the edits were read: start again, so both belong together.
      if (attempt < 5 && !this.doc.stillAt(peek.kind === 'new' ? peek.stamp : undefined)) continue;
      this.state.refresh();
      if (peek.kind === 'new') {
        try {
          this.doc.apply(peek.parsed, peek.stamp, this.state, this.edits, this.checks.checker);
        } catch (e) {
          this.baseU = this.doc.u; // keep the edits of the last good store.json
          this.edits.reload();
          throw e;
        }
      }
      if (this.outbox.loaded) this.outbox.refresh();
      if (this.runs.loaded) this.runs.refresh();
      return 'ok';
    }
  }

  /** The newest update `file` holds as far as this reader is concerned. */
  private updateOf(file: FileKey): number {
    if (file === 'd') return this.baseU;
    const j = this.journal(file);
    const last = j.loaded ? j.lastU : tailUpdate(j.file);
    return file === 'e' ? Math.max(last, this.baseU) : last; // a fold put the edits into store.json
  }

  /** The newest update number in any file (under the lock). */
  private newestUpdate(): number {
    return Math.max(this.doc.u, ...[this.state, this.outbox, this.runs, this.edits].map((j) => Math.max(j.lastU, tailUpdate(j.file))));
  }

  /**
   * Rewrite store.json with the whole editable part at update `u`, then start
   * an empty edits journal. A crash between the two leaves edit lines that
   * store.json already holds; readers skip them by their update number.
   */
  private async fold(doc: StoreData, u: number): Promise<void> {
    await this.doc.write(doc, u);
    this.baseU = u;
    this.edits.replaceWith([], u);
    await this.edits.compact();
  }

  private journal(k: Exclude<FileKey, 'd'>): Journal {
    return k === 's' ? this.state : k === 'o' ? this.outbox : k === 'e' ? this.edits : this.runs;
  }

  private changeKey(): string {
    return `${this.doc.generation}/${this.edits.generation}/${this.state.generation}/${this.runs.generation}/${this.outbox.generation}/${this.lastReadError?.message ?? ''}`;
  }

  /** The snapshot for the current generation of every part. */
  private snapshot(): StoreData {
    const key = `${this.doc.generation}/${this.edits.generation}/${this.state.generation}/${this.runs.generation}/${this.outbox.generation}`;
    if (this.snap && this.snap.key === key) return this.snap.data;
    let merged;
    try {
      merged = this.doc.merged(this.state, this.edits, this.checks.checker);
    } catch (e) {
      if (!(e instanceof StoreError || e instanceof CheckerNeeded) || !this.snap) throw e;
      if (e instanceof StoreError) this.lastReadError = e; // a broken state record: keep the last good snapshot
      else void this.checks.load();
      return this.snap.data;
    }
    // Run history, recordings and the outbox are read on first use, then built once per generation.
    const data = assembleSnapshot(this.doc, merged, this);
    this.snap = { key, data };
    return data;
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
    await this.fold(data, u);
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
