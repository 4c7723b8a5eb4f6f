// The debug agent: runs inside the worker that executes a hooked program. The compiled code
// calls its hooks ($h.stmt, $h.enter, $h.leave, $h.thrown, $h.ti, $h.to, $h.fnTable). While the
// run goes on, the statement hook costs a store and one test; when the run must pause, the agent
// posts a 'stopped' message and blocks the thread (Atomics.wait) serving the controller's
// commands, which it reads synchronously from its own port, until one resumes or stops the run.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { CompiledProgram, DebugFn, DebugInfo } from '../compiler.js';
import type { Helpers } from '../runtime/helpers.js';
import { toCrmError, isStackOverflow } from '../runtime/helpers.js';
import { CrmFatal, GenericValue } from '../runtime/values.js';
import { resolveNative } from '../execute.js';
import { prepareEval, type DebugSource, type EvalVar } from './evaluate.js';
import { globalsSeenBy, visibleLocals } from './scopes.js';
import { ValueRefs } from './values.js';
import { enterFrame, fnAt, leaveFrame, newCallStack, stmtAt, type CallStack } from './call-stack.js';
import {
  CTL_FLAGS,
  CTL_SEQ,
  FLAG_PAUSE,
  FLAG_STOP,
  type AgentMessage,
  type AgentRequest,
  type EvalResult,
  type FrameVariables,
  type SourceLocation,
  type StackFrame,
  type StopReason,
} from './protocol.js';
import { errorMessage } from '../util/error-message.js';
import { plural } from '../util/plural.js';

/** Thrown through the script to end a run the controller stopped; script try/catch cannot catch it. */
export class DebugStop extends CrmFatal {
  constructor() {
    super('the run was stopped');
  }
}

export interface AgentOptions {
  compiled: CompiledProgram;
  /** Commands from the controller. */
  port: MessagePort;
  /** To the controller (the worker's parentPort). */
  post(m: AgentMessage): void;
  /** Sends buffered script output before a stop is reported. */
  flush(): void;
  ctl: Int32Array;
  bp: Uint8Array;
  stopOnEntry: boolean;
  debugSource?: DebugSource;
}

/** The hooks the hooked code calls through `$h`. */
export interface DebugHooks {
  stmt(id: number): void;
  /**
   * A call of function `fn` begins (`enter1`, `enter2`: with its first one or two of `this` and
   * the parameters, ENTER_ARGS); returns the array in which it keeps its variables' values (see
   * compile/instrument.ts hookedBody). A hook per count: `arguments` costs until V8 optimizes.
   */
  enter(fn: number): unknown[];
  enter1(fn: number, a: unknown): unknown[];
  enter2(fn: number, a: unknown, b: unknown): unknown[];
  leave(): void;
  thrown(e: unknown): void;
  ti(): void;
  to(): void;
  fnTable(fns: Record<string, unknown>): void;
}

export interface Agent {
  hooks: DebugHooks;
  /** Gives the agent the program's helpers and struct classes (for evaluate). */
  attach(h: Helpers, structs: Map<string, unknown>): void;
  /** `debugWait(info)` in a script: pause here. */
  debugWait(info: string): void;
}

const RUN = 0;
const STEP_IN = 1;
const STEP_OVER = 2;
const STEP_OUT = 3;
const RUN_TO = 4;
const TO_END = 5;

/** The agent's state and its answers; the hooks and the Agent face below are thin over it. */
class DebugAgent {
  private readonly stmts: DebugInfo['stmts'];
  private readonly fns: DebugInfo['fns'];
  private readonly file: string;

  /** The call stack (frames 1..depth, 1 = the main body), kept by the hooks. */
  readonly cs: CallStack;
  /** The function of each statement. */
  private readonly stmtFn: Int32Array;
  handlers = 0;
  fnTable: Record<string, unknown> = {};

  // ---- run mode
  mode: number;
  private stepDepth = 0;
  private targets = new Set<number>();
  private entry: boolean;
  evaluating = false;
  private reported: unknown = null;

  private h: Helpers | null = null;
  private structs = new Map<string, unknown>();
  private readonly shown = new ValueRefs();

  constructor(private readonly opts: AgentOptions) {
    const info: DebugInfo = opts.compiled.debug!;
    this.stmts = info.stmts;
    this.fns = info.fns;
    this.file = opts.compiled.file;
    this.mode = opts.stopOnEntry ? STEP_IN : RUN;
    this.cs = newCallStack(Math.max(1, ...this.fns.map((f) => f.locals.length)), this.mode === RUN ? 0 : 1);
    this.stmtFn = Int32Array.from(this.stmts, (st) => st.fn);
    this.entry = opts.stopOnEntry;
  }

  thrown(e: unknown): void {
    if (this.evaluating || this.handlers > 0 || this.mode === TO_END || e === this.reported) return;
    if (e instanceof CrmFatal || isStackOverflow(e) || (e instanceof Error && e.name === 'ExitRequest')) return;
    this.reported = e;
    const err = toCrmError(e, this.opts.compiled.lineMap, this.file);
    this.pause('exception', stmtAt(this.cs, this.cs.depth), { error: err.message });
  }

  attach(h: Helpers, structs: Map<string, unknown>): void {
    this.h = h;
    this.structs = structs;
  }

  debugWait(text: string): void {
    if (this.evaluating || this.mode === TO_END) return;
    this.pause('debugWait', stmtAt(this.cs, this.cs.depth), { info: text });
  }

  /** A statement with a breakpoint, while stepping, or with a pause or stop asked for. */
  slow(id: number): void {
    const flags = Atomics.load(this.opts.ctl, CTL_FLAGS);
    if (flags & FLAG_STOP) throw new DebugStop();
    if (this.evaluating) return;
    const { mode } = this;
    const depth = this.cs.depth;
    let reason: StopReason | null = null;
    if (flags & FLAG_PAUSE) reason = 'pause';
    else if (this.opts.bp[id] && mode !== TO_END) reason = 'breakpoint';
    else if (mode === STEP_IN) reason = this.entry ? 'entry' : 'step';
    else if (mode === STEP_OVER) reason = depth <= this.stepDepth ? 'step' : null;
    else if (mode === STEP_OUT) reason = depth < this.stepDepth ? 'step' : null;
    else if (mode === RUN_TO) reason = this.targets.has(id) ? 'runTo' : null;
    if (reason) this.pause(reason, id);
  }

  private setMode(m: number): void {
    this.mode = m;
    this.cs.trap = m === RUN || m === TO_END ? 0 : 1;
  }

  // ------------------------------------------------------------ pausing

  private pause(reason: StopReason, id: number, extra: { error?: string; info?: string } = {}): void {
    this.entry = false;
    Atomics.and(this.opts.ctl, CTL_FLAGS, ~FLAG_PAUSE);
    this.opts.flush();
    this.shown.reset();
    this.opts.post({ t: 'stopped', reason, stmt: id, ...this.location(id, this.cs.depth), stack: this.stack(), ...extra });
    this.serve();
  }

  private next(): AgentRequest {
    const { ctl, port } = this.opts;
    for (;;) {
      if (Atomics.load(ctl, CTL_FLAGS) & FLAG_STOP) throw new DebugStop();
      const seen = Atomics.load(ctl, CTL_SEQ);
      const m = receiveMessageOnPort(port);
      if (m) return m.message as AgentRequest;
      Atomics.wait(ctl, CTL_SEQ, seen, 1000);
    }
  }

  /** Answers commands until one resumes the run (returns) or stops it (throws DebugStop). */
  private serve(): void {
    const post = this.opts.post;
    for (;;) {
      const req = this.next();
      try {
        const body = this.answer(req);
        if (body === RESUMED) return post({ t: 'reply', seq: req.seq, ok: true, body: null });
        post({ t: 'reply', seq: req.seq, ok: true, body });
      } catch (e) {
        if (e instanceof DebugStop) throw e;
        post({ t: 'reply', seq: req.seq, ok: false, error: errorMessage(e) });
      }
    }
  }

  /** The reply to one command, or RESUMED when it lets the run go on. */
  private answer(req: AgentRequest): unknown {
    switch (req.cmd) {
      case 'continue':
        this.setMode(RUN);
        return RESUMED;
      case 'stepIn':
        this.setMode(STEP_IN);
        return RESUMED;
      case 'stepOver':
        this.stepDepth = this.cs.depth;
        this.setMode(STEP_OVER);
        return RESUMED;
      case 'stepOut':
        this.stepDepth = this.cs.depth;
        this.setMode(STEP_OUT);
        return RESUMED;
      case 'runTo':
        this.targets = new Set(req.stmts);
        this.setMode(RUN_TO);
        return RESUMED;
      case 'runToEnd':
        this.setMode(TO_END);
        return RESUMED;
      case 'stop':
        this.opts.post({ t: 'reply', seq: req.seq, ok: true, body: null });
        throw new DebugStop();
      case 'getStack':
        return this.stack();
      case 'getVariables':
        return this.frameVariables(req.frame);
      case 'getChildren':
        return this.shown.children(req.ref);
      case 'evaluate':
        return this.evaluate(req.expression, req.frame);
      default:
        throw new Error(`unknown command '${(req as { cmd: string }).cmd}'`);
    }
  }

  // ------------------------------------------------------------ stack

  private frameStmt(d: number): number {
    return stmtAt(this.cs, d);
  }

  private location(id: number, d: number): SourceLocation {
    if (id >= 0) {
      const s = this.stmts[id];
      return { file: s.file ?? this.file, line: s.line, col: s.col };
    }
    const fn = this.fns[fnAt(this.cs, d, this.stmtFn)];
    return { file: fn.file ?? this.file, line: fn.line, col: 1 };
  }

  private stack(): StackFrame[] {
    const out: StackFrame[] = [];
    for (let d = this.cs.depth; d >= 1; d--) out.push({ index: this.cs.depth - d, name: this.fns[fnAt(this.cs, d, this.stmtFn)].name, ...this.location(this.frameStmt(d), d) });
    return out;
  }

  /** Internal frame number (1 = main) of a client frame index (0 = innermost). */
  private frameAt(index: number): number {
    const d = this.cs.depth - index;
    if (!Number.isInteger(index) || index < 0 || d < 1) throw new Error(`there is no frame ${index} (the stack has ${plural(this.cs.depth, 'frame')})`);
    return d;
  }

  /** The globals a function sees: the main body's top-level variables declared before it. */
  private globalsOf(fn: DebugFn): { name: string; type: string; value: unknown }[] {
    return this.cs.depth < 1 ? [] : globalsSeenBy(fn, this.fns[0], this.cs.frames[1]);
  }

  private frameVariables(index: number): FrameVariables {
    const d = this.frameAt(index);
    const fn = this.fns[fnAt(this.cs, d, this.stmtFn)];
    const values = this.cs.frames[d];
    const locals = [...visibleLocals(fn, this.stmts, this.frameStmt(d)).values()].map((i) => this.shown.describe(fn.locals[i].name, fn.locals[i].type, values[i]));
    const globals = fnAt(this.cs, d, this.stmtFn) === 0 ? [] : this.globalsOf(fn).map((g) => this.shown.describe(g.name, g.type, g.value));
    return { locals, globals };
  }

  // ------------------------------------------------------------ evaluate

  /** The variables an expression evaluated in frame `d` sees: its locals in scope, then the globals they do not hide. */
  private evalVars(d: number, fn: DebugFn): (EvalVar & { value: unknown })[] {
    const values = this.cs.frames[d];
    const vars: (EvalVar & { value: unknown })[] = [];
    const seen = new Set<string>();
    for (const i of visibleLocals(fn, this.stmts, this.frameStmt(d)).values()) {
      const l = fn.locals[i];
      if (l.name === 'this') continue;
      vars.push({ name: l.name, type: l.type, value: values[i] });
      seen.add(l.name);
    }
    if (fnAt(this.cs, d, this.stmtFn) !== 0) for (const g of this.globalsOf(fn)) if (!seen.has(g.name)) vars.push(g);
    return vars;
  }

  private evaluate(expression: string, index: number): EvalResult {
    const d = this.frameAt(index);
    if (!this.opts.debugSource || !this.h) return { ok: false, error: "evaluate is not available: the session was started without the script's source" };
    const fn = this.fns[fnAt(this.cs, d, this.stmtFn)];
    const vars = this.evalVars(d, fn);
    const prepared = prepareEval(this.opts.debugSource, expression, vars, fn.struct ?? null);
    if ('error' in prepared) return { ok: false, error: prepared.error };
    this.evaluating = true;
    // calls the expression makes go deeper than the innermost frame: only the depth is to restore
    const depth = this.cs.depth;
    const handlers = this.handlers;
    try {
      const factory = new Function('$h', '$n', '$S', '$F', prepared.code) as (...a: unknown[]) => (...args: unknown[]) => unknown;
      const f = factory(this.h, prepared.natives.map(resolveNative), this.structs, this.fnTable);
      const r = f.apply(fn.struct ? this.cs.frames[d][0] : undefined, vars.map((v) => v.value));
      const value = prepared.type === 'Generic' || !(r instanceof GenericValue) ? r : r.value;
      if (prepared.type === 'Void') return { ok: true, value: { name: expression, type: 'Void', value: '(no value)', ref: 0 } };
      return { ok: true, value: this.shown.describe(expression, prepared.type, value) };
    } catch (e) {
      if (e instanceof DebugStop) throw e;
      const err = toCrmError(e, [], this.file);
      return { ok: false, error: err.message };
    } finally {
      this.evaluating = false;
      this.cs.depth = depth;
      this.handlers = handlers;
    }
  }
}

/** What answer() returns for a command that lets the run go on. */
const RESUMED = Symbol('resumed');

export function createAgent(opts: AgentOptions): Agent {
  const a = new DebugAgent(opts);
  const { ctl, bp } = opts;
  const cs = a.cs;
  const FLAGS = CTL_FLAGS; // a local: an imported binding is read (and checked) at every use
  // the hooks the hooked code calls on every statement and call: kept small
  const hooks: DebugHooks = {
    stmt(id: number): void {
      cs.stmt[cs.depth] = id;
      if ((bp[id] | cs.trap | ctl[FLAGS]) !== 0) a.slow(id);
    },
    enter(fn: number): unknown[] {
      return enterFrame(cs, fn);
    },
    enter1(fn: number, x: unknown): unknown[] {
      const f = enterFrame(cs, fn);
      f[0] = x;
      return f;
    },
    enter2(fn: number, x: unknown, y: unknown): unknown[] {
      const f = enterFrame(cs, fn);
      f[0] = x;
      f[1] = y;
      return f;
    },
    leave(): void {
      leaveFrame(cs);
    },
    thrown(e: unknown): void {
      a.thrown(e);
    },
    ti(): void {
      a.handlers++;
    },
    to(): void {
      a.handlers--;
    },
    fnTable(t: Record<string, unknown>): void {
      a.fnTable = t;
    },
  };
  return {
    hooks,
    attach: (helpers, structs) => a.attach(helpers, structs),
    debugWait: (text) => a.debugWait(text),
  };
}
