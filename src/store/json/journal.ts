/**
 * An append-only journal file beside store.json for records that change on
 * every run (run history, the recordings' index, the outbox, leases and other
 * per-run state). Each update appends one line, written with one write() and
 * fsync'ed: `{"u":N,"w":"rsd","ops":[...]}` — the update's number, the files it
 * wrote (r runs, o outbox, s state, d store.json, always in that order) and its
 * operations (`{"c":collection,"v":record}` puts a record, `{"c":collection,"d":id}`
 * removes one), ending with `"h"`, a hash of the rest of the line: a line that has it
 * was written (and its records validated) by crmscript-tui, so readers need not
 * check its records again; a line without it (older builds) or with a wrong one
 * (edited by hand) is checked. So a run never rewrites store.json; a crash leaves at most a
 * torn last line, which readers ignore and the next writer cuts off. A line
 * whose update also wrote files that come later in the order counts only once
 * those files have it (the `committed` check), so a reader never sees half of
 * an update that spans files, and the next writer removes such a line when its
 * writer died before finishing. Readers that already read the file read only
 * what was appended since. When most lines are superseded the journal is
 * rewritten compactly (temp file + rename).
 *
 * Writes happen only under the store's lock (see lock.ts).
 */
import { closeSync, fstatSync, fsync, ftruncateSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { basename } from 'node:path';
import { StoreError, describeFsError } from '../errors.js';
import { CheckerNeeded } from '../checker.js';
import { hashOk, hashedLine } from './lines.js';
import { extendIndex } from '../id-index.js';
import { errorMessage } from '../../interp/util/error-message.js';

export { edgeLinesHashed, hashedLine, hashOk, lastLine, lineHeader, truncateFile } from './lines.js';

export type JournalOp = { c: string; v: { id: string } } | { c: string; d: string };

/** The files of a JSON store in the order an update writes them (e: edits.jsonl, d: store.json). */
export type FileKey = 'r' | 'o' | 's' | 'e' | 'd';
export const WRITE_ORDER: readonly FileKey[] = ['r', 'o', 's', 'e', 'd'];

/** What a journal keeps for a removed record when it keeps tombstones (see JournalOptions). */
export interface Tombstone {
  id: string;
  removed: true;
}
const TOMBSTONES = new WeakSet<object>();

/** True for the record a tombstone journal keeps in place of a removed one. */
export function isTombstone(v: object): v is Tombstone {
  return TOMBSTONES.has(v);
}

export interface JournalOptions {
  /**
   * Keep a tombstone for a removed record instead of forgetting it (the edits
   * journal overlays store.json, whose entities a removal must hide).
   */
  tombstones?: boolean;
  /** Lines of updates up to this number are read past without applying them (already folded elsewhere). */
  ignoreThrough?: () => number;
}

/** Whether every file in `partners` has update `u` (as far as this reader has read them). */
export type CommitCheck = (u: number, partners: FileKey[]) => boolean;

/**
 * Checks (and normalises) one record as read from the file; throws with a reason. `trusted`: its
 * line carries the hash of a line crmscript-tui wrote.
 */
export type RecordCheck = (collection: string, record: unknown, trusted: boolean) => { id: string };

interface Stamp {
  ino: number;
  size: number;
}

export class Journal {
  /** Records per collection, in insertion order. */
  readonly records = new Map<string, Map<string, { id: string }>>();
  /** The last list made of each collection, and `removals` then (its id index carries over: see list). */
  private readonly listed = new Map<string, { list: Array<{ id: string }>; removals: number }>();
  /** Counts records removed and reloads (after either, positions may have moved). */
  private removals = 0;
  /** Incremented whenever `records` changes. */
  generation = 0;
  private stamp: Stamp | null = null;
  /** Bytes of the file read so far (always just after a newline). */
  private offset = 0;
  private opLines = 0;
  loaded = false;
  /** The newest update applied. */
  lastU = 0;
  /** False once a line without a valid hash was applied (its records were checked, see RecordCheck). */
  trustedAll = true;

  constructor(
    readonly file: string,
    readonly key: FileKey,
    readonly collections: readonly string[],
    /** Whether the later files of an update spanning several have it too. */
    private readonly committed: CommitCheck,
    private readonly check: RecordCheck = (_c, r) => r as { id: string },
    private readonly opts: JournalOptions = {},
  ) {
    for (const c of collections) this.records.set(c, new Map());
  }

  /** The records of one collection as an array (in insertion order). */
  list(collection: string): Array<{ id: string }> {
    const list = [...this.records.get(collection)!.values()];
    // records changed in place or added, none removed, since the last list: the same positions
    const last = this.listed.get(collection);
    if (last && last.removals === this.removals) extendIndex(last.list, list);
    this.listed.set(collection, { list, removals: this.removals });
    return list;
  }

  /**
   * True when the file changed since it was last read, or still ends in lines not read yet (an
   * update whose later files were not written when it was read, which may be complete by now).
   * Cheap: one stat.
   */
  changedOnDisk(): boolean {
    const now = statStamp(this.file);
    if (!this.loaded) return true;
    if (now === null || this.stamp === null) return now !== this.stamp;
    return now.ino !== this.stamp.ino || now.size !== this.stamp.size || this.offset < now.size;
  }

  /**
   * Bring `records` up to date with the file: only the appended part when the
   * file is the same one, everything when it was replaced. Returns whether
   * anything changed.
   */
  refresh(): boolean {
    if (this.loaded && !this.changedOnDisk()) return false;
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreError('io', `Cannot read ${this.file}: ${describeFsError(e)}.`);
      const had = this.loaded && this.stamp !== null;
      this.reset();
      this.loaded = true;
      this.stamp = null;
      if (had) this.generation++;
      return had;
    }
    try {
      const s = fstatSync(fd);
      const same = this.loaded && this.stamp !== null && this.stamp.ino === s.ino && s.size >= this.offset;
      if (!same) this.reset();
      const from = this.offset;
      const text = readRange(fd, from, s.size - from);
      const end = text.lastIndexOf('\n');
      const used = end >= 0 ? this.applyText(text.slice(0, end + 1)) : 0;
      this.offset = from + Buffer.byteLength(text.slice(0, used));
      this.stamp = { ino: s.ino, size: s.size };
      const wasLoaded = this.loaded;
      this.loaded = true;
      // Only the unread tail was looked at again, and it is still not complete: nothing changed.
      if (same && wasLoaded && used === 0) return false;
      this.generation++;
      return true;
    } catch (e) {
      if (e instanceof CheckerNeeded) {
        // read again from the start once the checker is there
        this.reset();
        this.loaded = false;
        this.generation++;
      }
      if (e instanceof StoreError || e instanceof CheckerNeeded) throw e;
      throw new StoreError('io', `Cannot read ${this.file}: ${describeFsError(e)}.`);
    } finally {
      closeSync(fd);
    }
  }

  /** Read the whole file again (after what it overlays changed). */
  reload(): void {
    this.loaded = false;
    this.refresh();
  }

  /** Bytes of the file as far as it was read or written. */
  get size(): number {
    return this.offset;
  }

  /**
   * Append one update's operations (under the store lock, after refresh()); `w` names every file
   * the update writes. Resolves once the line is durable; the fsync runs off the main thread, so a
   * daemon answering requests is not held up by the disk while it waits.
   */
  async append(ops: JournalOp[], u: number, w: string): Promise<void> {
    if (ops.length === 0) return;
    if (!this.loaded) this.refresh();
    const line = Buffer.from(hashedLine({ u, w, ops }) + '\n');
    let fd: number;
    try {
      fd = openSync(this.file, 'a+', 0o600);
    } catch (e) {
      throw new StoreError('io', `Cannot write ${this.file}: ${describeFsError(e)}.`);
    }
    try {
      // A writer killed mid-line left a torn last line: cut it off first.
      const size = fstatSync(fd).size;
      if (size > this.offset) ftruncateSync(fd, this.offset);
      writeSync(fd, line, 0, line.length, this.offset);
      const s = fstatSync(fd);
      // Known to this process at once (a read while the fsync runs must not take the line again).
      this.offset += line.length;
      this.stamp = { ino: s.ino, size: s.size };
      this.applyOps(ops);
      this.lastU = Math.max(this.lastU, u);
      this.opLines++;
      this.generation++;
      await fsyncAsync(fd);
    } catch (e) {
      throw new StoreError('io', `Cannot write ${this.file}: ${describeFsError(e)}.`);
    } finally {
      closeSync(fd);
    }
  }

  /** Whether rewriting the file would shrink it a lot. */
  wantsCompaction(): boolean {
    let live = 0;
    for (const m of this.records.values()) live += m.size;
    return this.opLines > 1000 && this.opLines > 2 * live;
  }

  /** Rewrite the file with only the live records (atomically). */
  async compact(): Promise<void> {
    const out: string[] = [];
    const u = this.lastU;
    for (const [c, m] of this.records) for (const v of m.values()) out.push(hashedLine({ u, w: this.key, ops: [{ c, v }] }));
    const text = out.length === 0 ? '' : out.join('\n') + '\n';
    try {
      const { default: writeFileAtomic } = await import('write-file-atomic');
      await writeFileAtomic(this.file, text, { encoding: 'utf8', mode: 0o600, fsync: true });
    } catch (e) {
      throw new StoreError('io', `Cannot write ${this.file}: ${describeFsError(e)}.`);
    }
    const s = statStamp(this.file);
    this.stamp = s;
    this.offset = Buffer.byteLength(text);
    this.opLines = out.length;
    this.trustedAll = true;
  }

  /** Replace every record in memory (the file is written by compact()). */
  replaceWith(ops: JournalOp[], u: number): void {
    this.reset();
    this.applyOps(ops);
    this.lastU = u;
    this.loaded = true;
    this.generation++;
  }

  private reset(): void {
    for (const m of this.records.values()) m.clear();
    this.removals++;
    this.lastU = 0;
    this.offset = 0;
    this.opLines = 0;
    this.stamp = null;
    this.trustedAll = true;
  }

  /** Apply complete lines; returns how many characters were used (it stops at an update not yet committed). */
  private applyText(text: string): number {
    let pos = 0;
    const mine = WRITE_ORDER.indexOf(this.key);
    while (pos < text.length) {
      const nl = text.indexOf('\n', pos);
      const line = text.slice(pos, nl);
      const next = nl + 1;
      if (line.trim() === '') {
        pos = next;
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (e) {
        const why = errorMessage(e);
        throw new StoreError(
          'invalid-file',
          `${this.file} has a line that is not valid JSON (${why}); restore ${basename(this.file)} from a backup, or remove it to drop what it holds.`,
        );
      }
      let ops: unknown = parsed;
      let u = 0;
      if (!Array.isArray(parsed)) {
        const p = parsed as { u?: unknown; w?: unknown; ops?: unknown } | null;
        if (!p || typeof p !== 'object' || !Array.isArray(p.ops) || typeof p.u !== 'number') throw this.bad('a line is not an update');
        u = p.u;
        ops = p.ops;
        const later = [...(typeof p.w === 'string' ? p.w : '')].filter((k) => WRITE_ORDER.indexOf(k as FileKey) > mine) as FileKey[];
        if (later.length > 0 && !this.committed(u, later)) return pos; // not complete yet (or its writer died): stop here
        if (this.opts.ignoreThrough && u <= this.opts.ignoreThrough()) {
          this.lastU = Math.max(this.lastU, u);
          pos = next;
          continue;
        }
      }
      if (!Array.isArray(ops)) throw this.bad('a line is not a list of operations');
      const trusted = hashOk(line);
      const checked: JournalOp[] = [];
      for (const op of ops as Array<Record<string, unknown>>) {
        const c = op?.c;
        if (typeof c !== 'string' || !this.records.has(c)) throw this.bad(`an operation names an unknown collection ${JSON.stringify(c)}`);
        if ('d' in op) {
          if (typeof op.d !== 'string') throw this.bad('a removal has no id');
          checked.push({ c, d: op.d });
        } else {
          let v: { id: string };
          try {
            v = this.check(c, op.v, trusted);
          } catch (e) {
            if (e instanceof CheckerNeeded) throw e;
            throw this.bad(`a ${c} record is invalid: ${errorMessage(e)}`);
          }
          checked.push({ c, v });
        }
      }
      this.applyOps(checked);
      if (!trusted) this.trustedAll = false;
      this.lastU = Math.max(this.lastU, u);
      this.opLines++;
      pos = next;
    }
    return pos;
  }

  private applyOps(ops: JournalOp[]): void {
    for (const op of ops) {
      const m = this.records.get(op.c)!;
      if ('d' in op) {
        if (this.opts.tombstones) {
          const t: Tombstone = { id: op.d, removed: true };
          TOMBSTONES.add(t);
          m.set(op.d, t);
        } else if (m.delete(op.d)) this.removals++;
      } else {
        // A changed record keeps its place (delete + set would move it to the end).
        m.set(op.v.id, op.v);
      }
    }
  }

  private bad(what: string): StoreError {
    return new StoreError(
      'invalid-file',
      `${this.file} is not a valid crmscript-tui journal (${what}); restore ${basename(this.file)} from a backup, or remove it to drop what it holds.`,
    );
  }
}

const fsyncAsync = promisify(fsync);

function statStamp(file: string): Stamp | null {
  try {
    const s = statSync(file);
    return { ino: s.ino, size: s.size };
  } catch {
    return null;
  }
}

function readRange(fd: number, from: number, length: number): string {
  if (length <= 0) return '';
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, from + got);
    if (n === 0) break;
    got += n;
  }
  return buf.toString('utf8', 0, got);
}
