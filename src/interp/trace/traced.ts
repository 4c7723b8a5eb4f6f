// The trace recorder's part for programs compiled in traced mode (see CompileMode): they keep no
// frame arrays and report every assignment (recorder.ts: TRACED_HOOKS), so the recorded values of
// a frame are its locals' values; a call's parameters are set as it begins.
import { E_LOCALS, E_NEW_FRAME } from './format.js';
import { small, TraceRecorder } from './frames.js';

export class TracedRecorder extends TraceRecorder {
  /** Traced mode: local `i` of frame `d` (a call of `fn`) was assigned `v`, not the value recorded last. */
  assigned(d: number, fn: number, i: number, v: unknown): void {
    if (this.off) {
      this.lk = 0;
      return;
    }
    if (typeof v !== 'number' || (v | 0) !== v || (v === 0 && 1 / v < 0)) {
      this.changed(d, fn, i, v);
      // an event of the frame's own: the next return looks whether it went with the frame
      if (d === this.depth) this.leaveLim = 0;
      return;
    }
    this.vals[d][i] = v;
    this.intLocal(d, i, v);
  }

  /**
   * Traced mode's kept(): a new call of a function with locals besides its `np` parameters, whose
   * recorded values enter set; the slots of the others may hold an earlier call's.
   */
  keptTraced(d: number, fn: number, np: number): void {
    const rec = this.vals[d];
    for (let i = np, nl = this.nLocals[fn]; i < nl; i++) rec[i] = undefined;
  }

  /** Traced mode: a call of `fn` with more arguments than enter takes (`this` and the parameters). */
  enterAll(fn: number, args: unknown[]): void {
    const d = this.depth + 1;
    if (d >= this.cap) this.growDepth();
    if ((this.pd & (E_NEW_FRAME | E_LOCALS)) !== 0) this.beforeCall();
    this.pd |= E_NEW_FRAME;
    this.depth = d;
    this.qe = this.q;
    const rec = this.vals[d];
    for (let i = 0; i < args.length; i++) {
      if (this.q === this.A.length) this.growArgs();
      const v = args[i];
      rec[i] = v;
      const x = small(v);
      this.A[this.q++] = x === 1 ? this.boxArg(d, fn, i, v) : x;
    }
    if (this.entry[fn] !== 0) this.keptTraced(d, fn, args.length);
  }
}
