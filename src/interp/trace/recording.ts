// A trace recording opened for reading: what ran and how it ended, the position and call depth
// at every step, the moves of the trace viewer (step back, next, out, out of scope) and the
// whole state at a step (call stack, variables, output), replayed by replay.ts.
import type { DebugStmt } from '../compiler.js';
import type { Variable } from '../debugger/protocol.js';
import type { Columns } from './decode.js';
import { nextGen, Replay } from './replay.js';
import { View, visible } from './view.js';
import { TraceFileError } from './file-error.js';
import { DEPTH_MASK, NEW_FRAME, OP_OUT, type TraceCut, type TraceEnd, type TraceHeader } from './format.js';

/** A source position. */
export interface TracePosition {
  file: string;
  line: number;
  col: number;
}

/** The unhandled exception (or error) that ended the run, and the step where it was raised. */
export interface TraceException extends TracePosition {
  message: string;
  /** null when the recording stopped (step limit) before the run raised it. */
  step: number | null;
}

/** One frame of the call stack at a step; the list is innermost first. */
export interface TraceStackFrame extends TracePosition {
  /** Function name: 'fib', 'Point.move' or '(main)'. */
  name: string;
  /** Call depth (1 = the main body). */
  depth: number;
  /** The step this frame is at (for outer frames: the statement making the call). */
  step: number;
}

/** Variables of one frame, as the debugger shows them (see debug/protocol.ts Variable). */
export interface TraceFrameVariables {
  name: string;
  depth: number;
  /** Variables in scope at the frame's statement (`this` first for methods). */
  locals: Variable[];
  /** Globals the frame's function can see; empty for the main body (its variables are the globals). */
  globals: Variable[];
}

/** Why a replay of a recording by inputs is said not to have made the same run (TraceEnd.diverged), as a clause. */
export const DIVERGED = "its outcome, output, calls and loop rounds, or use of the logged inputs differ from the recorded run's, as when another version of crmscript-tui replays it or the run's stack overflowed deeper than the replay's can go";

/** How a run ended from outside was ended, as a phrase: "The run was <phrase>" (TraceEnd.stoppedBy). */
export const STOPPED_BY = { stopped: 'stopped', timeout: 'stopped at its time limit', memory: 'stopped at its memory limit' } as const;

/** Everything the viewer shows at one step. */
export interface TraceStepView extends TracePosition {
  step: number;
  /** Statement id (index into TraceRecording.stmts). */
  stmt: number;
  depth: number;
  /** Innermost first. */
  stack: TraceStackFrame[];
  /** Same order as `stack`. */
  frames: TraceFrameVariables[];
  /** Output the run had written before this statement. */
  output: string;
  /** Set at the exception's step. */
  exception: TraceException | null;
  /** Children of a variable with `ref` > 0 (array elements, struct fields, Map entries). */
  children(ref: number): Variable[];
}

export class TraceRecording extends Replay {
  readonly header: TraceHeader;
  /** The end record; null when the run's process died before writing it. */
  readonly end: TraceEnd | null;
  readonly steps: number;
  /** Source text by file name. */
  readonly sources: Record<string, string>;
  /** The entry file (statements without a file name belong to it). */
  readonly file: string;
  readonly exception: TraceException | null;
  /** 'ok', 'failed', 'interrupted', or 'unknown' when the end record is missing. */
  readonly outcome: string;
  readonly durationMs: number;
  readonly truncated: boolean;
  /** Where a truncated recording stopped (null: not cut, or a recording that does not say). */
  readonly cutAt: TraceCut | null;
  /** The run was ended from outside and the recording holds its steps up to then (TraceEnd.stoppedBy; see STOPPED_BY). */
  readonly stoppedBy: 'stopped' | 'timeout' | 'memory' | null;
  /** All the output the recording holds. */
  readonly output: string;
  /** Made by replaying a recording by inputs (TraceEnd.replayed); `diverged`: the replay did not make the same run. */
  readonly replayed: boolean;
  readonly diverged: boolean;

  private readonly metas: Map<string, { name: string; type: string }[]>;
  private readonly outSteps: Int32Array;
  private readonly outEnds: Int32Array;

  constructor(header: TraceHeader, end: TraceEnd | null, cols: Columns) {
    super(cols, header.stmts, header.fns);
    this.header = header;
    this.sources = header.sources;
    this.file = header.file;
    this.end = end;
    this.steps = cols.steps;
    this.metas = cols.metas;
    // output: the events' texts joined, and where each ends
    const outs: number[] = [];
    for (let e = 0; e < this.M; e++) if (this.eOp[e] === OP_OUT) outs.push(e);
    this.outSteps = new Int32Array(outs.length);
    this.outEnds = new Int32Array(outs.length);
    let text = '';
    outs.forEach((e, i) => {
      text += this.strs[this.eNum[e]];
      this.outSteps[i] = this.eStep[e];
      this.outEnds[i] = text.length;
    });
    this.output = text;
    this.outcome = end?.outcome ?? 'unknown';
    this.durationMs = end?.durationMs ?? 0;
    this.truncated = end?.truncated ?? false;
    this.cutAt = end?.cutAt ?? null;
    this.stoppedBy = end?.stoppedBy ?? null;
    this.replayed = end?.replayed === true;
    this.diverged = end?.diverged === true;
    // the exception was raised by the last recorded statement (unless the recording stopped early)
    const x = end?.exception;
    const N = this.steps;
    this.exception = x ? { ...x, step: N > 0 && !this.truncated ? N - 1 : null } : null;
  }

  // ------------------------------------------------------------ positions

  /** Call depth at a step (1 = the main body). */
  depthAt(step: number): number {
    return this.D[this.clamp(step)] & DEPTH_MASK;
  }

  /** Statement id at a step. */
  stmtAt(step: number): number {
    return this.S[this.clamp(step)];
  }

  positionAt(step: number): TracePosition {
    const st = this.stmts[this.stmtAt(step)];
    return { file: st.file ?? this.file, line: st.line, col: st.col };
  }

  /** The output written before the statement at `step` ran. */
  outputAt(step: number): string {
    const n = upperBound(this.outSteps, step);
    return n === 0 ? '' : this.output.slice(0, this.outEnds[n - 1]);
  }

  clamp(step: number): number {
    if (this.steps === 0) throw new TraceFileError('The recording holds no steps.');
    return Math.max(0, Math.min(this.steps - 1, Math.trunc(step)));
  }

  // ------------------------------------------------------------ moves (each returns the step to go to;
  // the same step when there is nowhere to go)

  first(): number {
    return 0;
  }

  last(): number {
    return Math.max(0, this.steps - 1);
  }

  /** The exception's step, or null when the run did not end with one. */
  exceptionStep(): number | null {
    return this.exception?.step ?? null;
  }

  /** The step before, whatever its depth. */
  prev(step: number): number {
    return Math.max(0, this.clamp(step) - 1);
  }

  /** Step back: the previous step at the same depth or higher in the stack (depth ≤ current). */
  stepBack(step: number): number {
    const s = this.clamp(step);
    const d = this.depthAt(s);
    for (let j = s - 1; j >= 0; j--) if ((this.D[j] & DEPTH_MASK) <= d) return j;
    return s;
  }

  /** Step in: the next recorded step. */
  stepIn(step: number): number {
    return Math.min(this.last(), this.clamp(step) + 1);
  }

  /** Step next: the next step at the same depth or higher (calls made by this statement are skipped). */
  stepNext(step: number): number {
    const s = this.clamp(step);
    const d = this.depthAt(s);
    for (let j = s + 1; j < this.steps; j++) if ((this.D[j] & DEPTH_MASK) <= d) return j;
    return this.last();
  }

  /** Step out: the next step after the current function returned (lower depth). */
  stepOut(step: number): number {
    const s = this.clamp(step);
    const d = this.depthAt(s);
    for (let j = s + 1; j < this.steps; j++) if ((this.D[j] & DEPTH_MASK) < d) return j;
    return this.last();
  }

  /**
   * Step out of scope: leave the innermost block or loop the current statement is in, to the
   * next statement of the same call outside it (the loop's own line, run again for each
   * iteration, does not count as outside), or to the caller when the function returns first.
   * In a function's outermost block this is step out.
   */
  stepOutOfScope(step: number): number {
    const s = this.clamp(step);
    const d = this.depthAt(s);
    const st = this.stmts[this.S[s]];
    if (st.scope === 0) return this.stepOut(s);
    const fn = this.fns[st.fn];
    const block = st.scope;
    const inside = (scope: number): boolean => {
      for (let x = scope; x >= 0; x = fn.scopes[x]) if (x === block) return true;
      return false;
    };
    // the statement that led into the block (if/while/for/foreach/try line): the last one of this call outside it
    let opener: DebugStmt | null = null;
    for (let j = s; j >= 0; j--) {
      const dj = this.D[j] & DEPTH_MASK;
      if (dj < d) break;
      if (dj > d) continue;
      const sj = this.stmts[this.S[j]];
      if (j < s && !inside(sj.scope)) {
        opener = sj;
        break;
      }
      if (this.D[j] & NEW_FRAME) break;
    }
    const sameLine = (x: DebugStmt): boolean => opener !== null && x.line === opener.line && x.col === opener.col && x.file === opener.file;
    for (let j = s + 1; j < this.steps; j++) {
      const raw = this.D[j];
      const dj = raw & DEPTH_MASK;
      if (dj > d) continue;
      if (dj < d || raw & NEW_FRAME) return j;
      const sj = this.stmts[this.S[j]];
      if (!inside(sj.scope) && !sameLine(sj)) return j;
    }
    return this.last();
  }

  // ------------------------------------------------------------ state at a step

  at(step: number): TraceStepView {
    const target = this.clamp(step);
    const st = this.stateAt(target);
    // the view keeps its own copy of the heap map (objects are copy-on-write), so it stays valid
    const heap = new Map(st.heap);
    st.gen = nextGen();
    const stack: TraceStackFrame[] = [];
    const frames: TraceFrameVariables[] = [];
    const view = new View((name) => this.structFields(name), heap);
    const main = st.top > 0 ? st.stack[0] : null;
    for (let d = st.top; d >= 1; d--) {
      const f = st.stack[d - 1];
      const fn = this.fns[f.fn];
      const sid = this.S[f.step];
      const pos = this.stmts[sid];
      stack.push({ name: fn.name, depth: d, step: f.step, file: pos.file ?? this.file, line: pos.line, col: pos.col });
      const locals = [...visible(fn, this.stmts[sid]).values()].map((i) => view.describe(fn.locals[i].name, fn.locals[i].type, f.vals[i]));
      const globals: Variable[] = [];
      if (f.fn !== 0 && main) {
        this.fns[0].locals.forEach((l, i) => {
          if (l.global !== undefined && l.global < fn.order) globals.push(view.describe(l.name, l.type, main.vals[i]));
        });
      }
      frames.push({ name: fn.name, depth: d, locals, globals });
    }
    const pos = this.positionAt(target);
    return {
      step: target,
      stmt: this.S[target],
      depth: this.depthAt(target),
      ...pos,
      stack,
      frames,
      output: this.outputAt(target),
      exception: this.exception && this.exception.step === target ? this.exception : null,
      children: (ref) => view.children(ref),
    };
  }

  /** Struct field names and types, by struct name. */
  structFields(name: string): { name: string; type: string }[] {
    return this.metas.get(name) ?? [];
  }
}

function upperBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
