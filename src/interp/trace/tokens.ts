// Traced mode's hot path (compile mode 'traced'): the compiled code and the hooks it inlines do
// not update the recorder's state (call depth, pending depth change, argument and locals
// columns) as they go; they append tokens to a small Int32Array, `T`, which stays in the CPU's
// cache: a statement id, a call began (with its arguments when they are small integers), a call
// returned, an Integer assigned to a local. When `T` is full, and before anything else the
// recorder does (an event, output, a blocking wait, the end), `drain` replays the tokens through
// the same state machine the hooked mode's hooks run one at a time (frames.ts), with that state in
// registers: the recording is the same, byte for byte. Whatever is not a token (another value
// assigned, a call with other arguments) drains first and then takes the recorder's usual path.
//
// Tokens: id ≥ 0 a step (statement id); T_LEAVE a call returned; -2 - 2i local i of the running
// frame was assigned the Integer (not -0) in the next token; -3 - 2(fn × 4 + n) a call of fn began
// with n (≤ ENTER_ARGS) arguments, whose A values (small(), never 1) are the next n tokens.
import { E_LEAVE_SHIFT, E_LOCALS, E_NEW_FRAME, LEAVE_MAX } from './format.js';
import { BIG, small, TraceRecorder, type RecorderOptions } from './frames.js';

export const T_LEAVE = -1;
/** Tokens `T` holds before it is drained (the hooks may write up to T_SLACK more). */
export const T_CAP = 4096;
const T_SLACK = 8;
const LEAVE_UNIT = 1 << E_LEAVE_SHIFT;
const LEAVE_FULL = LEAVE_MAX << E_LEAVE_SHIFT;

/** The token of a call of `fn` with `n` arguments. */
export const enterToken = (fn: number, n: number): number => -3 - 2 * (fn * 4 + n);

export class TokenRecorder extends TraceRecorder {
  /** Tokens not yet replayed, and how many. */
  readonly T = new Int32Array(T_CAP + T_SLACK);
  t = 0;
  /** The hooks write tokens while t < tl. */
  readonly tl = T_CAP;

  constructor(opts: RecorderOptions) {
    super(opts);
  }

  /** `T` is full: replays it, then records step `id`. */
  tstep(id: number): void {
    this.drain();
    this.T[this.t++] = id;
  }

  /**
   * Replays the tokens in `T` (see the top of this file): what the hooked mode's hooks do, with the
   * recorder's state in locals, written back around each call of the recorder's methods.
   */
  drain(): void {
    const n = this.t;
    if (n === 0) return;
    // first: a drain from within (an event the replay records) has nothing left to do
    this.t = 0;
    const T = this.T;
    let k = this.k;
    let pd = this.pd;
    let lk = this.lk;
    let q = this.q;
    let depth = this.depth;
    let lim = this.lim;
    let S = this.S;
    let LI = this.LI;
    let A = this.A;
    let rec = this.vals[depth];
    for (let i = 0; i < n; ) {
      const tok = T[i++];
      if (tok >= 0) {
        // a step (traced mode: no statement needs a look at its frame)
        if (k < lim) {
          S[k++] = tok | pd;
          pd = 0;
          continue;
        }
        this.k = k;
        this.pd = pd;
        this.lk = lk;
        this.q = q;
        this.depth = depth;
        this.slow(tok);
      } else if ((tok & 1) === 0) {
        // an Integer local
        const slot = (-2 - tok) >> 1;
        const v = T[i++];
        const o = rec[slot];
        // (a number compare: === on any value is a call)
        if (typeof o === 'number' && o === v && (v !== 0 || 1 / o > 0)) continue;
        if (lk + 2 <= LI.length) {
          rec[slot] = v;
          LI[lk++] = (pd & E_LOCALS) === 0 ? slot * 4 + 1 : slot * 4;
          LI[lk++] = v;
          pd |= E_LOCALS;
          continue;
        }
        this.k = k;
        this.pd = pd;
        this.lk = lk;
        this.q = q;
        this.depth = depth;
        this.assigned(depth, 0, slot, v);
      } else if (tok === T_LEAVE) {
        depth--;
        rec = this.vals[depth];
        if ((pd & E_NEW_FRAME) !== 0) {
          // a call that ran no statement leaves no trace, and takes its arguments back
          pd ^= E_NEW_FRAME;
          q = this.qe;
          this.fresh = 0;
          continue;
        }
        if (pd + LEAVE_UNIT < this.leaveLim) {
          pd += LEAVE_UNIT;
          continue;
        }
        this.k = k;
        this.pd = pd;
        this.lk = lk;
        this.q = q;
        this.depth = depth;
        this.leaveSlow();
      } else {
        const x = (-3 - tok) >> 1;
        const fn = x >> 2;
        const na = x & 3;
        const d = depth + 1;
        if (d < this.cap && (pd & (E_NEW_FRAME | E_LOCALS)) === 0 && q + na <= A.length) {
          pd |= E_NEW_FRAME;
          depth = d;
          this.qe = q;
          rec = this.vals[d];
          for (let j = 0; j < na; j++) {
            const a = T[i++];
            A[q++] = a;
            rec[j] = a >> 1;
          }
          if (this.entry[fn] !== 0) this.keptTraced(d, fn, na);
          continue;
        }
        this.k = k;
        this.pd = pd;
        this.lk = lk;
        this.q = q;
        this.depth = depth;
        const dd = this.begun(fn);
        if (this.q + na > this.A.length) this.growArgs();
        const r = this.vals[dd];
        for (let j = 0; j < na; j++) {
          const a = T[i++];
          this.A[this.q++] = a;
          r[j] = a >> 1;
        }
        if (this.entry[fn] !== 0) this.keptTraced(dd, fn, na);
      }
      // after a method of the recorder: its state again
      k = this.k;
      pd = this.pd;
      lk = this.lk;
      q = this.q;
      depth = this.depth;
      lim = this.lim;
      S = this.S;
      LI = this.LI;
      A = this.A;
      rec = this.vals[depth];
    }
    this.k = k;
    this.pd = pd;
    this.lk = lk;
    this.q = q;
    this.depth = depth;
  }

  /** A call of `fn` began (after the tokens before it): the new depth; its arguments go to A next. */
  private begun(fn: number): number {
    const d = this.depth + 1;
    if (d >= this.cap) this.growDepth();
    if ((this.pd & (E_NEW_FRAME | E_LOCALS)) !== 0) this.beforeCall();
    this.pd |= E_NEW_FRAME;
    this.depth = d;
    this.qe = this.q;
    return d;
  }

  /**
   * Traced mode's kept(): a new call of a function that assigns locals. Its parameters' recorded
   * values were set from its arguments; the slots of its other locals may hold an earlier call's.
   */
  private keptTraced(d: number, fn: number, np: number): void {
    this.mark[d] = -1;
    this.prev[d] = -1;
    this.ostamp[d] = this.opq;
    const rec = this.vals[d];
    for (let i = np, nl = this.nLocals[fn]; i < nl; i++) rec[i] = undefined;
  }

  /** Traced mode: a call of `fn` whose arguments are not all small integers (or `T` is full). */
  enterSlow(fn: number, args: ArrayLike<unknown>, from: number): void {
    this.drain();
    const d = this.begun(fn);
    const rec = this.vals[d];
    for (let j = 0; j + from < args.length; j++) {
      if (this.q === this.A.length) this.growArgs();
      const v = args[j + from];
      rec[j] = v;
      const x = small(v);
      this.A[this.q++] = x === 1 ? this.boxArg(d, fn, j, v) : x;
    }
    if (this.entry[fn] !== 0) this.keptTraced(d, fn, args.length - from);
  }

  /** Traced mode: local `i` of the running frame (a call of `fn`) was assigned `v`, which is no token. */
  lvSync(v: unknown, i: number, fn: number): void {
    this.drain();
    if (v === this.vals[this.depth][i]) return;
    this.assigned(this.depth, fn, i, v);
  }

  /** Traced mode: a function assigned global `i` (local i of the main body). */
  lgSync(v: unknown, i: number): void {
    this.drain();
    if (v !== this.vals[1][i]) this.assigned(1, 0, i, v);
  }

  // ---- everything else the running program makes the recorder do replays the tokens first

  override idOf(o: object): number | undefined {
    this.drain();
    return super.idOf(o);
  }

  override ev(op: number, a: number, b: number): number {
    this.drain();
    return super.ev(op, a, b);
  }

  override out(s: string): void {
    this.drain();
    super.out(s);
  }

  override opaque(): void {
    this.drain();
    super.opaque();
  }

  /** The program caught an exception: in hooked mode its frame compares its locals at its next statement. */
  caughtHere(): void {
    this.drain();
    if (this.depth > 0 && !this.traced) {
      this.mark[this.depth] = BIG;
      this.prev[this.depth] = -1;
    }
  }

  override beforeBlocking(): void {
    this.drain();
    super.beforeBlocking();
  }

  override afterBlocking(): void {
    this.drain();
    super.afterBlocking();
  }

  override finish(): ReturnType<TraceRecorder['finish']> {
    this.drain();
    return super.finish();
  }
}
