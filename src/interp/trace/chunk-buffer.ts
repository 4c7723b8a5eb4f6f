// The trace recorder's buffer: the columns of the chunk being recorded (format.ts), written out
// as one chunk when they are full, and the step limit that ends a recording while the run goes
// on. The statement hook appends to S directly; values and frames (values.ts, frames.ts) add
// events, argument values and compact locals through the methods here.
import type { DebugStmt } from '../compiler.js';
import { ByteStream } from './byte-stream.js';
import { encodeEntries, encodeInts, encodeLocals } from './encode.js';
import { E_LOCALS, TAG_UNDEF, type TraceChunk, type TraceCut } from './format.js';

export interface TraceSummary {
  steps: number;
  truncated: boolean;
  /** Where a truncated recording stopped: the first statement not recorded. */
  cutAt?: TraceCut;
}

export interface BufferOptions {
  /** Appends to the recording: a JSON line (ending in '\n') or a chunk's binary columns. */
  write(data: string | ArrayBufferView[]): void;
  /** Stop recording (the run goes on) after this many steps. Default 5,000,000. */
  maxSteps?: number;
  /** Steps per chunk. Default 65,536. */
  chunkSteps?: number;
  /**
   * Shared with the thread that may stop the run (isolate.ts): [0] set there when the run is to be
   * stopped, [1] set here while the thread blocks with everything saved (see `stopRequested`).
   */
  control?: Int32Array;
  /** A stop was asked for and everything recorded is written: the caller may end the thread. */
  onSaved?(summary: TraceSummary): void;
}

/** Steps between looks at `control` (and at the clock, for `SAVE_MS`). */
const CHECK_EVERY = 1024;
/** What was recorded is written at least this often (ms), so a thread ended from outside loses little. */
const SAVE_MS = 1000;

/** Entries the statement hook may add beyond `lim` (depth changes written as entries of their own). */
export const SLACK = 64;
/** Bytes of compact locals (L) or string characters after which a chunk is written early. */
const EARLY = 4_000_000;

export const grow32 = (a: Int32Array, size: number): Int32Array => {
  const b = new Int32Array(size);
  b.set(a.subarray(0, Math.min(a.length, size)));
  return b;
};
export const grow8 = (a: Uint8Array, size: number): Uint8Array => {
  const b = new Uint8Array(size);
  b.set(a.subarray(0, Math.min(a.length, size)));
  return b;
};
export const grow64 = (a: Float64Array, size: number): Float64Array => {
  const b = new Float64Array(size);
  b.set(a.subarray(0, Math.min(a.length, size)));
  return b;
};

/** The recording that ended last in this thread: its buffers serve the next one. */
let spare: ChunkBuffer | null = null;

export class ChunkBuffer {
  readonly write: (data: string | ArrayBufferView[]) => void;
  readonly maxSteps: number;
  readonly stepCap: number;
  readonly control: Int32Array | null;
  readonly onSaved: ((summary: TraceSummary) => void) | null;
  /** When the last chunk was written (performance.now()). */
  savedAt = performance.now();
  protected readonly stmtInfo: DebugStmt[];
  protected readonly file: string;

  // ---- S entries of the current chunk (format.ts: in memory)
  S: Int32Array;
  k = 0;
  /** Entries of this chunk that are no step. */
  pk = 0;
  /** Steps written in earlier chunks. */
  nBase = 0;
  /** The first statement not recorded, when the step limit cut the recording. */
  cutAt: TraceCut | undefined;
  /** Entries this chunk may take before room() must run (chunk full, step limit). */
  limit: number;
  /**
   * The statement hook takes its slow path once k reaches this: `limit`, or 0 while frames are
   * watched or a call began whose parameters enter did not all get (see frames.ts).
   */
  lim: number;
  /**
   * The depth change since the last entry, as the next entry's bits: functions that returned
   * (E_LEAVE_SHIFT), then a call that began (E_NEW_FRAME); and E_LOCALS once the step's hook
   * wrote compact locals.
   */
  pd = 0;
  off = false;
  truncated = false;
  finished = false;

  // ---- argument values of the current chunk: A, and those stored by tag and payload
  A: Int32Array;
  q = 0;
  /** q when the last call began: a call that runs no statement takes its arguments back. */
  qe = 0;
  xTag: Uint8Array;
  xNum: Float64Array;
  x = 0;
  /** Tagged argument values written in earlier chunks (their indices are global). */
  xBase = 0;

  /** Compact locals of the current chunk: header and value of each (written to L at flush). */
  LI: Int32Array;
  lk = 0;

  // ---- events of the current chunk
  ecap: number;
  eStep: Int32Array;
  eOp: Uint8Array;
  eA: Int32Array;
  eB: Int32Array;
  eTag: Uint8Array;
  eNum: Float64Array;
  m = 0;
  strs: string[] = [];
  strChars = 0;
  /** Strings written in earlier chunks (string indices are global). */
  strBase = 0;
  /** Short strings of this chunk, to write each once. */
  readonly interned = new Map<string, number>();
  metas: Record<string, { name: string; type: string }[]> | null = null;

  /** The S, A and L streams of the chunk being written (reused). */
  private readonly sOut: ByteStream;
  private readonly aOut: ByteStream;
  private readonly lOut: ByteStream;

  constructor(opts: BufferOptions, stmts: DebugStmt[], file: string) {
    this.write = opts.write;
    this.stmtInfo = stmts;
    this.file = file;
    this.maxSteps = opts.maxSteps ?? 5_000_000;
    this.stepCap = Math.max(1, opts.chunkSteps ?? 65536);
    // the buffers of the thread's last recording when they fit (a pooled worker records again)
    const b = spare !== null && spare.S.length === this.stepCap + SLACK ? spare : null;
    spare = null;
    this.S = b?.S ?? new Int32Array(this.stepCap + SLACK);
    this.A = b?.A ?? new Int32Array(this.stepCap);
    this.xTag = b?.xTag ?? new Uint8Array(1024);
    this.xNum = b?.xNum ?? new Float64Array(1024);
    this.LI = b?.LI ?? new Int32Array(2 * this.stepCap);
    this.ecap = b?.ecap ?? 4096;
    this.eStep = b?.eStep ?? new Int32Array(this.ecap);
    this.eOp = b?.eOp ?? new Uint8Array(this.ecap);
    this.eA = b?.eA ?? new Int32Array(this.ecap);
    this.eB = b?.eB ?? new Int32Array(this.ecap);
    this.eTag = b?.eTag ?? new Uint8Array(this.ecap);
    this.eNum = b?.eNum ?? new Float64Array(this.ecap);
    this.sOut = b?.sOut ?? new ByteStream(6 * (this.stepCap + SLACK));
    this.aOut = b?.aOut ?? new ByteStream(1 << 12);
    this.lOut = b?.lOut ?? new ByteStream(1 << 16);
    this.control = opts.control ?? null;
    this.onSaved = opts.onSaved ?? null;
    this.limit = this.lim = Math.min(this.stepCap, CHECK_EVERY, this.maxSteps);
  }

  /**
   * Steps written so far: the index of the step being recorded, which events carry (an event
   * during a statement's hook, before its entry is written, or during the statement before).
   */
  steps(): number {
    return this.nBase + this.k - this.pk;
  }

  /**
   * Where the compact locals not yet claimed by an entry start (traced mode records them as they
   * are assigned, before the next step's entry is written): from the last one marked first.
   */
  pendingLocals(): number {
    if ((this.pd & E_LOCALS) === 0 || this.lk === 0) return this.lk;
    let j = this.lk - 2;
    while (j > 0 && (this.LI[j] & 1) === 0) j -= 2;
    return j;
  }

  /** The compact locals pending for the next step, but those of the main body (see TraceRecorder.dropEvents). */
  dropOwnLocals(): void {
    const j = this.pendingLocals();
    let w = j;
    for (let i = j; i < this.lk; i += 2) {
      const h = this.LI[i];
      if ((h & 2) === 0) continue;
      this.LI[w] = w === j ? h | 1 : h & ~1;
      this.LI[w + 1] = this.LI[i + 1];
      w += 2;
    }
    this.lk = w;
    if (w === j) this.pd &= ~E_LOCALS;
  }

  flush(): void {
    const { k, m, q, x } = this;
    // compact locals pending for the next entry go with it into the next chunk
    const lk = this.pendingLocals();
    if (k === 0 && m === 0 && q === 0 && lk === 0 && !this.metas) return;
    const s = this.sOut;
    s.clear();
    s.reserve(6 * k);
    s.length = encodeEntries(this.S, k, s.bytes);
    const a = this.aOut;
    a.clear();
    a.reserve(5 * q);
    a.length = encodeInts(this.A, q, a.bytes);
    const L = this.lOut;
    L.clear();
    L.reserve(5 * lk);
    L.length = encodeLocals(this.LI, lk, L.bytes);
    const chunk: TraceChunk = { t: 'c', n: k - this.pk, m, strs: this.strs };
    if (this.pk) chunk.p = this.pk;
    if (q) chunk.q = q;
    if (x) chunk.x = x;
    chunk.sb = s.length;
    if (a.length) chunk.ab = a.length;
    if (lk) {
      chunk.lb = L.length;
      chunk.l = lk >> 1;
    }
    if (this.metas) chunk.metas = this.metas;
    this.write([
      Buffer.from(JSON.stringify(chunk) + '\n'),
      s.view(),
      a.view(),
      L.view(),
      this.eStep.subarray(0, m),
      this.eA.subarray(0, m),
      this.eB.subarray(0, m),
      this.eNum.subarray(0, m),
      this.xNum.subarray(0, x),
      this.eOp.subarray(0, m),
      this.eTag.subarray(0, m),
      this.xTag.subarray(0, x),
    ]);
    this.nBase += k - this.pk;
    this.k = 0;
    this.pk = 0;
    this.m = 0;
    this.q = 0;
    this.xBase += x;
    this.x = 0;
    this.LI.copyWithin(0, lk, this.lk);
    this.lk -= lk;
    this.strBase += this.strs.length;
    this.interned.clear();
    this.strs = [];
    this.strChars = 0;
    this.metas = null;
    this.savedAt = performance.now();
  }

  /** Writes the chunk when it is full, stops at the step limit; false when not recording. */
  room(id = -1): boolean {
    if (this.off) return false;
    if (this.control !== null && this.control[0] !== 0) {
      this.stopRequested();
      return false;
    }
    const n = this.steps();
    if (n >= this.maxSteps) {
      this.flush();
      this.off = true;
      this.truncated = true;
      const at = this.stmtInfo[id];
      this.cutAt = { step: n, file: at?.file ?? this.file, line: at?.line ?? 0, col: at?.col ?? 0 };
      this.limit = this.lim = -1;
      return false;
    }
    if (this.k >= this.stepCap || this.m >= 65536 || this.strChars > EARLY || this.lk > EARLY || this.q >= 1 << 20 || performance.now() - this.savedAt > SAVE_MS) this.flush();
    this.limit = Math.min(this.stepCap, this.k + CHECK_EVERY, this.k + (this.maxSteps - n));
    return true;
  }

  /** The run is being stopped: writes what is recorded, records nothing more, and says so. */
  stopRequested(): void {
    this.lk = this.pendingLocals();
    this.pd = 0;
    this.flush();
    this.off = true;
    this.limit = this.lim = -1;
    this.onSaved?.(this.summary());
  }

  /** The thread blocks (sleep, HTTP, runProgram): what is recorded is written first. */
  beforeBlocking(): void {
    if (!this.off) this.flush();
    if (this.control !== null) Atomics.store(this.control, 1, 1);
  }

  afterBlocking(): void {
    if (this.control === null) return;
    Atomics.store(this.control, 1, 0);
    if (this.control[0] !== 0 && !this.off) this.stopRequested();
  }

  summary(): TraceSummary {
    return { steps: this.nBase + this.k - this.pk, truncated: this.truncated, ...(this.cutAt ? { cutAt: this.cutAt } : {}) };
  }

  /** Makes the next statement write the chunk (the buffers are large). */
  flushSoon(): void {
    this.limit = this.lim = 0;
  }

  growEvents(): void {
    const c = (this.ecap *= 2);
    this.eStep = grow32(this.eStep, c);
    this.eA = grow32(this.eA, c);
    this.eB = grow32(this.eB, c);
    this.eOp = grow8(this.eOp, c);
    this.eTag = grow8(this.eTag, c);
    this.eNum = grow64(this.eNum, c);
    if (c > 65536) this.flushSoon();
  }

  /** Adds an event at the current step; its value (tag, payload) is the caller's to set. */
  ev(op: number, a: number, b: number): number {
    if (this.m === this.ecap) this.growEvents();
    const j = this.m++;
    this.eStep[j] = this.steps();
    this.eOp[j] = op;
    this.eA[j] = a;
    this.eB[j] = b;
    this.eTag[j] = TAG_UNDEF;
    this.eNum[j] = 0;
    return j;
  }

  /** The index of a string in the recording (short ones are written once per chunk). */
  str(s: string): number {
    if (s.length <= 32) {
      const i = this.interned.get(s);
      if (i !== undefined) return i;
      const j = this.strBase + this.strs.push(s) - 1;
      this.interned.set(s, j);
      return j;
    }
    this.strChars += s.length;
    if (this.strChars > EARLY) this.flushSoon();
    return this.strBase + this.strs.push(s) - 1;
  }

  /** Room for one more compact local. */
  growLocals(): void {
    this.LI = grow32(this.LI, this.LI.length * 2);
    if (this.lk > EARLY) this.flushSoon();
  }

  growArgs(): void {
    // after the recording stopped, arguments are not kept
    if (this.off) this.q = this.qe = 0;
    else this.A = grow32(this.A, this.A.length * 2);
  }

  /** Writes what is still buffered; nothing is recorded after this. */
  finish(): TraceSummary {
    // values assigned by the last statement belong to no step
    this.lk = this.pendingLocals();
    this.pd = 0;
    if (!this.finished && !this.off) this.flush();
    this.pd = 0;
    this.finished = true;
    this.off = true;
    if (this.LI.length <= 1 << 20 && this.A.length <= 1 << 20 && this.ecap <= 1 << 16 && this.xTag.length <= 1 << 16) spare = this;
    return this.summary();
  }
}
