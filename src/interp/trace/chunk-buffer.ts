// The trace recorder's buffer: the columns of the chunk being recorded (format.ts), written out
// as they are in memory as one chunk when they are full, and the step limit that ends a
// recording while the run goes on. The hooks append tokens to T (and Integer values to V)
// directly; values and frames (values.ts, frames.ts) add events and argument values through the
// methods here.
import type { DebugStmt } from '../compiler.js';
import { TAG_UNDEF, type TokenBase, type TraceChunk, type TraceCut } from './format.js';

export interface TraceSummary {
  steps: number;
  truncated: boolean;
  /** Where a truncated recording stopped: the first statement not recorded. */
  cutAt?: TraceCut;
  /** The script called forceSaveTrace(true) (and not false after it): keep the recording even without an exception. */
  forced?: boolean;
  /** Recorded by its inputs (inputs.ts): `steps` are counted when the recording is first replayed. */
  byInputs?: boolean;
  /** A replay of a run recorded by its inputs: the ticks it counted and the answers it gave back (inputs.ts, ReplayFeed). */
  ticks?: number;
  answered?: number;
}

/** The steps a recording holds at most (BufferOptions.maxSteps' default). */
export const MAX_TRACE_STEPS = 5_000_000;

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
  /** The recording reached its step limit (a replay ends there: the rest would not be recorded). */
  onCut?(): void;
}

/** Steps between looks at `control` (and at the clock, for `SAVE_MS`). */
const CHECK_EVERY = 4096;
/** What was recorded is written at least this often (ms), so a thread ended from outside loses little. */
const SAVE_MS = 1000;

/** See ChunkBuffer.warm. */
const WARM = 2048;
/** Tokens between looks at room() while warm (see ChunkBuffer.warm). */
const WARM_EVERY = 5;
/** Tokens a chunk may hold per step it may hold (calls, returns, Integers assigned besides the steps). */
const TOKENS_PER_STEP = 4;
/** Room in T past that. */
export const SLACK = 64;
/** room()'s `id` from a hook that writes no step. */
export const NOT_A_STEP = -2;
/** String characters after which a chunk is written early. */
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

/** Fields that keep the value the constructor gave them: V8 may fold them into the code that reads them. */
export const FIXED = new Set(['write', 'maxSteps', 'stepCap', 'tokCap', 'control', 'onSaved', 'onCut', 'stmtInfo', 'file', 'T', 'V', 'w', 'tok', 'kEnter', 'kLeave', 'kLocal', 'argRoom', 'interned']);

/**
 * Stores into every field that changes after the constructor (counters, limits, the buffers that
 * grow), and back. V8 takes a field stored only once as a constant of the optimized code that reads
 * it; the first later store then throws that code away, or aborts the optimizing compile going on
 * at the time (a chunk's end, mid-run in a new worker). Called once the recorder is built (its
 * subclasses' fields too); the fields' kinds stay as they are (a number stays a number).
 */
export function unconst(b: object, fixed: ReadonlySet<string> = FIXED): void {
  const o = b as Record<string, unknown>;
  for (const f of Object.keys(o)) {
    if (fixed.has(f)) continue;
    const v = o[f];
    if (typeof v === 'function') continue;
    o[f] = typeof v === 'boolean' ? !v : typeof v === 'number' ? v + 1 : ArrayBuffer.isView(v) ? new (v.constructor as new (n: number) => unknown)(0) : Array.isArray(v) ? [] : {};
    o[f] = v;
  }
}

/** The recording that ended last in this thread: its buffers serve the next one. */
let spare: ChunkBuffer | null = null;

export class ChunkBuffer {
  readonly write: (data: string | ArrayBufferView[]) => void;
  readonly maxSteps: number;
  readonly stepCap: number;
  /** Tokens a chunk may hold: it is written when it holds stepCap steps or this many tokens. */
  readonly tokCap: number;
  readonly control: Int32Array | null;
  readonly onSaved: ((summary: TraceSummary) => void) | null;
  readonly onCut: (() => void) | null;
  /** When the last chunk was written (Date.now(): a cheap clock, read at every room(); performance.now() cost a new worker ≈ 1 µs a call). */
  savedAt = Date.now();
  protected readonly stmtInfo: DebugStmt[];
  protected readonly file: string;

  // ---- tokens of the current chunk (format.ts, version 4)
  /** Token column: Uint16Array when the script fits two-byte tokens (w = 2), else Int32Array. */
  T: Uint16Array | Int32Array;
  readonly w: number;
  readonly tok: TokenBase;
  /** Token bases, as fields for the hooks (see format.ts: TokenBase). */
  readonly kEnter: number;
  readonly kLeave: number;
  readonly kLocal: number;
  k = 0;
  /** Integer values assigned (V), one per local token. */
  V: Int32Array;
  v = 0;
  /** Call and return tokens in this chunk. */
  ne = 0;
  nl = 0;
  /** Call depth when the chunk began (the depth is d0 + ne - nl). */
  d0 = 0;
  /** Steps and tokens written in earlier chunks. */
  nBase = 0;
  tBase = 0;
  /** The first statement not recorded, when the step limit cut the recording. */
  cutAt: TraceCut | undefined;
  /** Tokens this chunk may take before room() must run (chunk full, step limit, a look at `control`). */
  limit: number;
  /**
   * The hooks take their slow path once k reaches this: `limit`, or 0 while frames are watched or
   * a call began whose parameters enter did not all get (see frames.ts).
   */
  lim: number;
  /**
   * Until the first chunk holds this many tokens, every hook takes its slow path (lim is 0), the
   * slow paths come to room() every few tokens, and the first chunk is written when it holds them:
   * each hook of the compiled code, and each path of the recorder's slow paths, has then run before
   * V8 optimizes the code, so the optimized code is not thrown away the first time a chunk fills
   * there (it would be, for want of type feedback).
   */
  warm = WARM;
  off = false;
  truncated = false;
  finished = false;

  // ---- argument values of the current chunk: A, and those stored by tag and payload
  /**
   * Arguments. The fast enter writes up to two per call token without looking, and the hooks come
   * back to room() at least every CHECK_EVERY tokens: room() and a slow path that writes one first
   * make sure that argRoom (two per token written before that) is left after it. A starts small and
   * grows: a new worker pays for every page it touches first (a copy of megabytes, mid-run, cost a
   * cold traced run 15 ms).
   */
  A: Int32Array;
  readonly argRoom: number;
  q = 0;
  xTag: Uint8Array;
  xNum: Float64Array;
  x = 0;
  /** Tagged argument values written in earlier chunks (their indices are global). */
  xBase = 0;

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

  constructor(opts: BufferOptions, stmts: DebugStmt[], file: string, tok: TokenBase, w: number) {
    this.write = opts.write;
    this.stmtInfo = stmts;
    this.file = file;
    this.maxSteps = opts.maxSteps ?? MAX_TRACE_STEPS;
    this.stepCap = Math.max(1, opts.chunkSteps ?? 65536);
    this.tok = tok;
    this.w = w;
    this.kEnter = tok.enter;
    this.kLeave = tok.leave;
    this.kLocal = tok.local;
    const size = (this.tokCap = TOKENS_PER_STEP * this.stepCap + SLACK);
    // the buffers of the thread's last recording when they fit (a pooled worker records again)
    const b = spare !== null && spare.T.length === size + 2 && spare.w === w ? spare : null;
    spare = null;
    // two tokens of room past `size`: the statement hook of hooked mode writes after the values its frame's look wrote
    this.T = b?.T ?? (w === 2 ? new Uint16Array(size + 2) : new Int32Array(size + 2));
    this.V = b?.V ?? new Int32Array(size + 2);
    this.argRoom = 2 * (CHECK_EVERY + SLACK) + 4;
    this.A = b?.A ?? new Int32Array(4 * this.argRoom);
    this.xTag = b?.xTag ?? new Uint8Array(1024);
    this.xNum = b?.xNum ?? new Float64Array(1024);
    this.ecap = b?.ecap ?? 4096;
    this.eStep = b?.eStep ?? new Int32Array(this.ecap);
    this.eOp = b?.eOp ?? new Uint8Array(this.ecap);
    this.eA = b?.eA ?? new Int32Array(this.ecap);
    this.eB = b?.eB ?? new Int32Array(this.ecap);
    this.eTag = b?.eTag ?? new Uint8Array(this.ecap);
    this.eNum = b?.eNum ?? new Float64Array(this.ecap);
    this.control = opts.control ?? null;
    this.onSaved = opts.onSaved ?? null;
    this.onCut = opts.onCut ?? null;
    this.limit = 0;
    this.lim = 0;
  }

  /** Steps written so far (every token that is no call, return or value is a step). */
  steps(): number {
    return this.nBase + this.k - this.v - this.ne - this.nl;
  }

  /** The call depth (1 = main body). */
  get depth(): number {
    return this.d0 + this.ne - this.nl;
  }

  /** Where the next token goes, counted from the first chunk's first token (events carry it). */
  pos(): number {
    return this.tBase + this.k;
  }

  flush(): void {
    const { k, m, q, x, v } = this;
    if (k === 0 && m === 0 && q === 0 && !this.metas) return;
    const chunk: TraceChunk = { t: 'c', n: k - v - this.ne - this.nl, k, w: this.w, m, strs: this.strs };
    if (v) chunk.v = v;
    if (q) chunk.q = q;
    if (x) chunk.x = x;
    if (this.metas) chunk.metas = this.metas;
    this.write([
      Buffer.from(JSON.stringify(chunk) + '\n'),
      this.T.subarray(0, k),
      this.V.subarray(0, v),
      this.A.subarray(0, q),
      this.eStep.subarray(0, m),
      this.eA.subarray(0, m),
      this.eB.subarray(0, m),
      this.eNum.subarray(0, m),
      this.xNum.subarray(0, x),
      this.eOp.subarray(0, m),
      this.eTag.subarray(0, m),
      this.xTag.subarray(0, x),
    ]);
    this.warm = 0;
    this.nBase += chunk.n;
    this.tBase += k;
    this.d0 += this.ne - this.nl;
    this.k = 0;
    this.v = 0;
    this.ne = 0;
    this.nl = 0;
    this.m = 0;
    this.q = 0;
    this.xBase += x;
    this.x = 0;
    this.strBase += this.strs.length;
    this.interned.clear();
    this.strs = [];
    this.strChars = 0;
    this.metas = null;
    this.savedAt = Date.now();
  }

  /**
   * Writes the chunk when it is full, stops at the step limit; false when not recording. `id`:
   * the statement about to be recorded, or NOT_A_STEP for a hook that writes no step (which
   * never reaches the limit: it adds no step).
   */
  room(id = -1): boolean {
    if (this.off) return false;
    if (this.control !== null && this.control[0] !== 0) {
      this.stopRequested();
      return false;
    }
    const n = this.steps();
    if (n >= this.maxSteps && id !== NOT_A_STEP) {
      this.flush();
      this.off = true;
      this.truncated = true;
      const at = this.stmtInfo[id];
      this.cutAt = { step: n, file: at?.file ?? this.file, line: at?.line ?? 0, col: at?.col ?? 0 };
      this.limit = this.lim = -1;
      this.onCut?.();
      return false;
    }
    if ((this.warm !== 0 && this.k >= this.warm) || n - this.nBase >= this.stepCap || this.k >= this.tokCap || this.m >= 65536 || this.strChars > EARLY || this.q >= 1 << 20 || Date.now() - this.savedAt > SAVE_MS) this.flush();
    // each token is at most one step: the hooks come here again before a limit is passed
    const held = this.k - this.v - this.ne - this.nl;
    this.limit = Math.min(this.tokCap, this.k + (this.stepCap - held), this.k + (this.warm !== 0 ? WARM_EVERY : CHECK_EVERY), this.k + Math.max(0, this.maxSteps - n));
    if (this.q + this.argRoom >= this.A.length) this.growArgs();
    return true;
  }

  /** The run is being stopped: writes what is recorded, records nothing more, and says so. */
  stopRequested(): void {
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
    // once recording is off, the hooks count calls and returns only for the depth
    return { steps: this.off ? this.nBase : this.steps(), truncated: this.truncated, ...(this.cutAt ? { cutAt: this.cutAt } : {}) };
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

  /** Adds an event before the next token; its value (tag, payload) is the caller's to set. */
  ev(op: number, a: number, b: number): number {
    if (this.m === this.ecap) this.growEvents();
    const j = this.m++;
    this.eStep[j] = this.pos();
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

  growArgs(): void {
    // after the recording stopped, arguments are not kept
    if (this.off) this.q = 0;
    else this.A = grow32(this.A, Math.max(this.A.length * 2, this.q + 2 * this.argRoom));
  }

  /** Writes what is still buffered; nothing is recorded after this. */
  finish(): TraceSummary {
    // (values assigned by the last statement belong to no step: the reader drops them)
    if (!this.finished && !this.off) this.flush();
    this.finished = true;
    this.off = true;
    if (this.A.length <= 1 << 21 && this.ecap <= 1 << 16 && this.xTag.length <= 1 << 16) spare = this;
    return this.summary();
  }
}
