// The trace recorder's part for programs compiled in traced mode (see CompileMode): they keep no
// frame arrays and report every assignment (recorder.ts: TRACED_HOOKS). The hooks' fast paths
// only append tokens; the recorded values of a frame (vals) are kept from the first built-in
// object shown by its text on (WATCH_OBJECTS, when every hook takes the slow path here), for the
// calls that may change such an object (frames.ts: objects).
import { small, TraceRecorder, WATCH_OBJECTS } from './frames.js';

export class TracedRecorder extends TraceRecorder {
  /** `assigned` in the running frame: a call of its own, so that the hook that calls it stays small enough to be inlined everywhere. */
  assignedHere(fn: number, i: number, v: unknown): void {
    this.assigned(this.depth, fn, i, v);
  }

  /** Traced mode: local `i` of frame `d` (a call of `fn`; 1: the main body's) was assigned `v`. */
  assigned(d: number, fn: number, i: number, v: unknown): void {
    if (this.off) return;
    if (d >= this.cap) this.growDepth();
    if (typeof v !== 'number' || (v | 0) !== v || (v === 0 && 1 / v < 0)) {
      this.changed(d, fn, i, v);
      return;
    }
    this.vals[d][i] = v;
    this.intLocal(d, i, v);
  }

  /** Traced mode's enter on its slow path: room, the depth's tables, and the frame's values (WATCH_OBJECTS). */
  enterSlow(fn: number, args: ArrayLike<unknown>, from: number): void {
    const d = this.depth + 1;
    if (d >= this.cap) this.growDepth();
    if (this.fresh !== 0) this.noStatement();
    const rec = (this.watch & WATCH_OBJECTS) !== 0 ? this.vals[d] : null;
    if (rec !== null) for (let i = 0, nl = this.nLocals[fn]; i < nl; i++) rec[i] = undefined;
    if (this.more()) {
      this.T[this.k++] = this.kEnter + fn;
      this.ne++;
      this.lastFn = fn;
      for (let i = 0; i < args.length - from; i++) {
        if (this.q + this.argRoom >= this.A.length) this.growArgs();
        const v = args[i + from];
        if (rec !== null) rec[i] = v;
        const x = small(v);
        this.A[this.q++] = x === 1 ? this.boxArg(d, fn, i, v) : x;
      }
    } else this.ne++;
  }
}
