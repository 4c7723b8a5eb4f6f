// The trace recorder's call stack: which function runs at each depth, its parameters as a call
// begins, and its locals compared with the values recorded last (recording those that changed)
// only when something may have changed them: a previous statement of the frame that assigns a
// local (see writes.ts), a loop going round again, a caught exception, a call that may change a
// built-in object. The compiled code keeps each frame's variables in an array `enter` hands out
// (one per call depth, reused), so reading them allocates nothing. A local that changed to an
// Integer is a token and a value (T and V in the file); other values are events.
import { ENTER_ARGS, type CompiledProgram } from '../compiler.js';
import { GenericValue } from '../runtime/values.js';
import { FIXED, grow32, grow64, grow8, NOT_A_STEP, unconst, type BufferOptions, type TraceSummary } from './chunk-buffer.js';
import { nativeClasses } from '../stdlib/table.js';
import { baseOf } from '../type-rules.js';
import { isHeap, text, ValueEncoder } from './values.js';
import { analyzeWrites } from './writes.js';
import { E_NO_STMT, OP_LOCAL, TAG_JSON, TOKENS_2, TOKENS_4 } from './format.js';

/** The recorder's fields that keep the constructor's value (see unconst). */
const FIXED_HERE = new Set([...FIXED, 'nParams', 'nLocals', 'types', 'stmtFn', 'width', 'needs', 'after', 'slots', 'keeps', 'entry', 'traced', 'elemType', 'live', 'vals', 'txt']);

export interface RecorderOptions extends BufferOptions {
  compiled: CompiledProgram;
  /** Four-byte tokens whatever the script's size (tests). */
  wideTokens?: boolean;
}

/** Watch bit: a frame held a built-in object shown by its text; every hook keeps the frames' values from then on. */
export const WATCH_OBJECTS = 4;

/** A built-in object of this type is shown by a text its methods may change (it has toString(), and no updaters). */
function textMayChange(type: string): boolean {
  const cls = nativeClasses.get(baseOf(type));
  return cls?.methods?.['toString()'] !== undefined && !cls.updaters;
}

/** A frame mark that makes its next statement compare the locals (see TraceRecorder.mark). */
export const BIG = 0x3fffffff;

/** An argument's A value when it is a small integer (not -0, the null Integer), else 1. */
export function small(v: unknown): number {
  return typeof v === 'number' && (v << 1) >> 1 === v && (v !== 0 || 1 / v > 0) ? v << 1 : 1;
}

/**
 * The recorder's state and its work. One class (rather than closures per recording) so that the
 * calls the hooks make reach the same functions in every recording of a process, and stay
 * monomorphic; the hooks themselves (recorder.ts) are small, for the compiled code to inline them.
 */
export class TraceRecorder extends ValueEncoder {
  /** A call began of a function with more parameters than enter takes: its first statement records the rest. */
  fresh = 0;
  /** The function of the call that began last (see noStatement). */
  lastFn = 0;

  // ---- functions and statements, as flat tables
  readonly nParams: Int32Array;
  readonly nLocals: Int32Array;
  readonly types: string[][];
  readonly stmtFn: Int32Array;
  readonly width: number;
  /** Per statement: 1 when the hook must look at its frame (its function assigns locals, or it assigns a global). */
  readonly needs: Uint8Array;
  /**
   * Per statement: what its frame's mark becomes after it (BIG when it may assign a local of its
   * frame, else its id: a next statement with a lower or equal id means a loop went round),
   * stored as -3 - mark when it assigns a global from a function.
   */
  readonly after: Int32Array;
  /** Per statement: the locals of its frame it may assign (null: not known, compare all). */
  readonly slots: (Int32Array | null)[];
  /** Per function: it assigns locals after entry (its frames need the recorded values). */
  readonly keeps: Uint8Array;
  /**
   * Per function, what enter does besides: 0 nothing, 1 kept(), 2 leave the rest to its first
   * statement. Traced mode: 1 when it has locals besides its parameters (traced.ts: keptTraced).
   */
  readonly entry: Uint8Array;
  /** Compiled in traced mode: assignments are reported, there are no frame arrays (see CompileMode). */
  readonly traced: boolean;

  // ---- call stack, by depth (1 = main body)
  cap = 0;
  /** The arrays the compiled code keeps its variables in (handed out by enter). */
  live: unknown[][] = [];
  /** The values recorded last, by local index. */
  vals: unknown[][] = [];
  /** Text recorded last for locals holding built-in objects shown by their text. */
  txt: (string | undefined)[][] = [];
  /** The frame's locals are compared at its next statement if that statement's id is ≤ this. */
  mark: Int32Array = new Int32Array(0);
  /** The frame's statement looked at last (-1: none since the call began or an exception was caught). */
  prev: Int32Array = new Int32Array(0);
  /** `opq` when the frame's built-in objects were last looked at. */
  ostamp: Int32Array = new Int32Array(0);
  /** Bumped by calls that may change a built-in object shown by its text (XMLNode, ...). */
  opq = 0;
  /** Depth of a statement in a function that assigns globals, until it is over (0 = none). */
  globalDepth = 0;
  /**
   * Bit 1: globalDepth is set; bit 2: opq changed and frames on the stack have not all looked;
   * WATCH_OBJECTS. While set, every hook takes its slow path (lim is 0).
   */
  watch = 0;

  constructor(opts: RecorderOptions) {
    const { stmts, fns } = opts.compiled.debug!;
    if (stmts.length >= E_NO_STMT) throw new Error(`This script has too many statements (${stmts.length}) to be recorded.`);
    // two-byte tokens: statement ids below TOKENS_2.enter, functions and one function's locals up to TOKENS_2.max
    const narrow = !opts.wideTokens && stmts.length <= TOKENS_2.enter && fns.length <= TOKENS_2.max && fns.every((f) => f.locals.length <= TOKENS_2.max);
    super(opts, stmts, opts.compiled.file, narrow ? TOKENS_2 : TOKENS_4, narrow ? 2 : 4);
    this.nParams = Int32Array.from(fns, (f) => f.params ?? 0);
    this.nLocals = Int32Array.from(fns, (f) => f.locals.length);
    this.types = fns.map((f) => f.locals.map((l) => l.type));
    this.stmtFn = Int32Array.from(stmts, (st) => st.fn);
    this.width = Math.max(1, ...this.nLocals);
    // compiled in traced mode, the code reports assignments itself (lv, lg): no statement compares
    const traced = (this.traced = opts.compiled.debug!.traced === true);
    const { local, global, slots } = analyzeWrites(opts.compiled.code, stmts.length);
    this.slots = slots;
    this.keeps = new Uint8Array(fns.length);
    this.keeps[0] = 1; // the main body: its variables are the globals functions may assign
    for (let i = 0; i < stmts.length; i++) if (local[i]) this.keeps[stmts[i].fn] = 1;
    this.entry = Uint8Array.from(fns, (_, fn) => (traced ? +(this.nLocals[fn] > this.nParams[fn]) : this.nParams[fn] > ENTER_ARGS ? 2 : this.keeps[fn]));
    this.needs = new Uint8Array(stmts.length);
    this.after = new Int32Array(stmts.length);
    for (let i = 0; i < stmts.length && !traced; i++) {
      const mk = local[i] ? BIG : i;
      this.after[i] = global[i] ? -3 - mk : mk;
      this.needs[i] = this.keeps[stmts[i].fn] | global[i];
    }
    if (traced) this.after.fill(-1);
    this.growDepth();
    unconst(this, FIXED_HERE);
  }

  growDepth(): void {
    const size = this.cap ? this.cap * 2 : 256;
    for (let d = this.cap; d < size; d++) {
      this.live.push(new Array<unknown>(this.width).fill(undefined));
      this.vals.push(new Array<unknown>(this.width).fill(undefined));
      this.txt.push([]);
    }
    this.mark = grow32(this.mark, size);
    this.prev = grow32(this.prev, size);
    this.ostamp = grow32(this.ostamp, size);
    this.cap = size;
  }

  /** The statement hook's slow path (see `lim`). */
  slow(id: number): void {
    if (this.k >= this.limit && !this.room(id)) return;
    const d = this.depth;
    if (d >= this.cap) this.growDepth();
    if (this.fresh !== 0) {
      this.fresh = 0;
      const fn = this.stmtFn[id];
      const np = this.nParams[fn];
      this.moreArgs(d, fn, np);
      if (this.keeps[fn] !== 0) this.kept(d, fn, np);
    }
    if ((this.needs[id] | this.watch) !== 0) this.look(id, d);
    this.T[this.k++] = id;
    this.lim = this.watch !== 0 || this.k < this.warm ? 0 : this.limit;
  }

  /** A hook that writes no step found k at `lim`: true when it may write its token (recording goes on). */
  more(): boolean {
    if (this.k >= this.limit && !this.room(NOT_A_STEP)) return false;
    if (this.fresh === 0) this.lim = this.watch !== 0 || this.k < this.warm ? 0 : this.limit;
    return !this.off;
  }

  /** What enter does for a call of `fn` besides recording its first arguments (see `entry`). */
  begin(d: number, fn: number, kind: number): void {
    if (kind === 1) this.kept(d, fn, this.nParams[fn]);
    else {
      this.fresh = 1;
      this.lim = 0;
    }
  }

  /**
   * A call whose parameters enter did not all get ends before its first statement recorded the
   * rest: placeholders keep A's count (the reader skips the arguments of a call that ran no statement).
   */
  noStatement(): void {
    this.fresh = 0;
    if (this.off) return;
    const np = this.nParams[this.lastFn];
    for (let i = ENTER_ARGS; i < np; i++) {
      if (this.q + this.argRoom >= this.A.length) this.growArgs();
      this.A[this.q++] = 0;
    }
  }

  /** `leave`'s slow path: room for its token, or the call ran no statement (see noStatement). */
  leaveSlow(): void {
    if (this.fresh !== 0) this.noStatement();
    if (this.more()) this.T[this.k++] = this.kLeave;
    this.nl++;
  }

  /** Writes Integer `v` of local `i` of frame `d` (the running one's, or the main body's). */
  intLocal(d: number, i: number, v: number): void {
    if (this.k >= this.lim && !this.more()) return;
    this.T[this.k++] = this.kLocal + 2 * i + (d !== this.depth ? 1 : 0);
    this.V[this.v++] = v;
  }

  /** Records a new call's parameters beyond those passed to enter, from its frame. */
  moreArgs(d: number, fn: number, np: number): void {
    const cur = this.live[d];
    for (let i = ENTER_ARGS; i < np; i++) {
      if (this.q + this.argRoom >= this.A.length) this.growArgs();
      const v = cur[i];
      const x = small(v);
      this.A[this.q++] = x === 1 ? this.boxArg(d, fn, i, v) : x;
    }
  }

  /** A new call of a function that assigns locals: its frame's values start from the parameters. */
  kept(d: number, fn: number, np: number): void {
    this.mark[d] = -1;
    this.prev[d] = -1;
    this.ostamp[d] = this.opq;
    const cur = this.live[d];
    const rec = this.vals[d];
    for (let i = 0; i < np; i++) rec[i] = cur[i];
    // slots of locals not declared yet may hold an earlier call's values
    for (let i = np, nl = this.nLocals[fn]; i < nl; i++) {
      cur[i] = undefined;
      rec[i] = undefined;
    }
  }

  /** Stores an argument value by tag and payload; returns its A value. */
  boxArg(d: number, fn: number, i: number, v: unknown): number {
    if (this.off) return 1;
    if (d >= this.cap) this.growDepth();
    const type = this.types[fn][i];
    const tag = this.encode(v, type);
    if (this.encText !== undefined) this.shownByText(d, i, v, type);
    if (this.x === this.xTag.length) {
      this.xTag = grow8(this.xTag, this.x * 2);
      this.xNum = grow64(this.xNum, this.x * 2);
    }
    const j = this.x++;
    this.xTag[j] = tag;
    this.xNum[j] = this.encNum;
    return ((this.xBase + j) << 1) | 1;
  }

  /** The statement hook's part for statements whose frame may have changed (see `needs`). */
  look(id: number, d: number): void {
    if (this.watch !== 0) this.watched(id, d);
    else if (id <= this.mark[d]) {
      // after a statement of this frame that assigns locals, going forward: only those it assigns
      const p = this.prev[d];
      this.diff(d, this.stmtFn[id], p >= 0 && p < id ? this.slots[p] : null);
    }
    this.prev[d] = id;
    const a = this.after[id];
    if (a >= -1) this.mark[d] = a;
    else {
      this.mark[d] = -3 - a;
      // a statement of a function assigned globals: look at them at every step until it is over
      if (this.globalDepth === 0 || d < this.globalDepth) {
        this.globalDepth = d;
        this.watch |= 1;
        this.lim = 0;
      }
    }
  }

  /** `look` while globals or built-in objects may have changed. */
  watched(id: number, d: number): void {
    const globals = this.globalDepth > 0;
    if (globals && d <= this.globalDepth) {
      this.globalDepth = 0;
      this.watch &= ~1;
    }
    if (id <= this.mark[d] || this.ostamp[d] !== this.opq || (globals && d === 1)) this.diff(d, this.stmtFn[id], null);
    if (globals && d > 1) this.diff(1, 0, null);
    // every frame that was on the stack when a built-in object changed has looked once main has
    if (d === 1) this.watch &= ~2;
  }

  /**
   * Records the locals of frame `d` (a call of `fn`) that changed since they were last recorded.
   * A function that assigns no local keeps its parameters: only the built-in objects they hold
   * may have changed. `only`: the locals to compare (null: all). The loop is small, for V8 to
   * optimize it early in a run.
   */
  diff(d: number, fn: number, only: Int32Array | null): void {
    // traced mode: the recorded values are the locals' (every assignment reported)
    if (this.keeps[fn] !== 0 && !this.traced) {
      const cur = this.live[d];
      const rec = this.vals[d];
      const nl = this.nLocals[fn];
      for (let k = 0, n = only === null ? nl : only.length; k < n; k++) {
        const i = only === null ? k : only[k];
        if (i >= nl) continue;
        const v = cur[i];
        if (v === rec[i]) continue;
        // the common case inline: a local changed to an Integer (not -0), written to L
        if (typeof v !== 'number' || (v | 0) !== v || (v === 0 && 1 / v < 0)) {
          this.changed(d, fn, i, v);
          continue;
        }
        rec[i] = v;
        this.intLocal(d, i, v);
      }
    }
    if (this.ostamp[d] !== this.opq) this.objects(d, fn);
  }

  /** Local `i` of frame `d` is not the value recorded last, nor an Integer (see diff). */
  changed(d: number, fn: number, i: number, v: unknown): void {
    const rec = this.vals[d];
    if (typeof v === 'number' && !this.traced) {
      const o = rec[i];
      if (v !== v && o !== o) return; // NaN stays NaN
    }
    rec[i] = v;
    const type = this.types[fn][i];
    this.setVal(this.ev(OP_LOCAL, d, i), v, type);
    if (this.encText !== undefined) this.shownByText(d, i, v, type);
  }

  /**
   * Local `i` of frame `d` was recorded as `encText`. Traced mode: when it is a built-in object
   * whose text a method may change (one without updaters, see recorder.ts: natives), the frames'
   * values are kept from now on (WATCH_OBJECTS), so that such a call records its new text (see objects).
   */
  shownByText(d: number, i: number, v: unknown, type: string): void {
    this.txt[d][i] = this.encText;
    if (this.traced && (this.watch & WATCH_OBJECTS) === 0 && typeof v === 'object' && v !== null && !(v instanceof GenericValue) && !isHeap(v) && textMayChange(type)) {
      this.watch |= WATCH_OBJECTS;
      this.lim = 0;
    }
  }

  /** A method call may have changed a built-in object frame `d` holds: records its new text. */
  objects(d: number, fn: number): void {
    this.ostamp[d] = this.opq;
    // traced mode keeps the frames' values only from the first such object on (WATCH_OBJECTS)
    if (this.traced && (this.watch & WATCH_OBJECTS) === 0) return;
    const cur = this.traced ? this.vals[d] : this.live[d];
    for (let i = 0, nl = this.nLocals[fn]; i < nl; i++) {
      const v = cur[i];
      if (typeof v !== 'object' || v === null || v instanceof GenericValue || isHeap(v)) continue;
      // shown by its text
      const t = JSON.stringify({ t: text(this.types[fn][i], v) });
      if (t !== this.txt[d][i]) {
        this.txt[d][i] = t;
        const j = this.ev(OP_LOCAL, d, i);
        this.eTag[j] = TAG_JSON;
        this.eNum[j] = this.str(t);
      }
    }
  }

  /** Writes what is still buffered and lets go of the run's values (the worker runs on). */
  override finish(): TraceSummary {
    const summary = super.finish();
    this.live = [];
    this.vals = [];
    this.txt = [];
    this.cap = 0;
    return summary;
  }

  /** A call that may have changed a built-in object shown by its text. */
  opaque(): void {
    this.opq = (this.opq + 1) | 0;
    this.watch |= 2;
    this.lim = 0;
  }
}
