// The debug controller (main thread): starts a hooked program in a worker with the debug agent
// and drives it. A DebugSession is what the TUI debugger, the CLI and the daemon's debug server
// talk to; `request()` takes the protocol's DebugRequest so that a socket can forward to it.
import { EventEmitter } from 'node:events';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { CompiledProgram, DebugStmt } from '../compiler.js';
import { compileScript, fileIncludeResolver, type CompileInput, type CompileOutput, type IncludeSource } from '../engine.js';
import { workerUrl, type EventOutcome, type RunOptions } from '../isolate.js';
import type { DebugRunRequest, DebugWorkerData } from '../debug-worker.js';
import type { DebugSource } from './evaluate.js';
import {
  CTL_FLAGS,
  CTL_SEQ,
  CTL_WORDS,
  FLAG_PAUSE,
  FLAG_STOP,
  type AgentCommand,
  type AgentMessage,
  type DebugEvent,
  type DebugOutcome,
  type DebugRequest,
  type EvalResult,
  type FrameVariables,
  type StackFrame,
  type StoppedEvent,
  type TerminatedEvent,
  type Variable,
} from './protocol.js';

export type { DebugSource } from './evaluate.js';

export interface DebugRunOptions extends Omit<RunOptions, 'onOutput' | 'onLog'> {
  /** Pause before the first statement (reason 'entry'). Default true. */
  stopOnEntry?: boolean;
  /** Initial breakpoints: lines of the entry file, or per file. */
  breakpoints?: number[] | { file?: string; lines: number[] }[];
  /** The script's sources; needed by evaluate (compileForDebug returns it). */
  debugSource?: DebugSource;
  /** Limit on running time in ms; time spent paused does not count. Default 60 s. */
  timeoutMs?: number;
  /**
   * Debug keys enabled for this run: debugWait pauses only after enableDebug(key) with one of
   * them. Absent = debugWait always pauses (a debugger is attached from the start).
   */
  debugKeys?: string[];
}

/** What a resume command leads to: the next stop, or the end of the run. */
export type PauseOrEnd = StoppedEvent | TerminatedEvent;

/** compileScript in hooked mode, remembering the sources so that evaluate can use them. */
export function compileForDebug(input: Omit<CompileInput, 'mode'>): CompileOutput & { debugSource: DebugSource } {
  const includes: Record<string, IncludeSource> = {};
  const resolve = input.resolveInclude ?? fileIncludeResolver;
  const out = compileScript({
    ...input,
    mode: 'hooked',
    resolveInclude: (name, from) => {
      const r = resolve(name, from);
      if (r) includes[name] = r;
      return r;
    },
  });
  return { ...out, debugSource: { source: input.source, file: input.file, includes } };
}

/** Starts a debug run of a program compiled with mode 'hooked'. */
export function startDebugRun(compiled: CompiledProgram, opts: DebugRunOptions = {}): DebugSession {
  if (!compiled.debug) throw new Error('the program was not compiled for debugging (compile it with mode "hooked")');
  return new DebugSession(compiled, opts);
}

interface LineIndex {
  /** Lines holding a statement, ascending. */
  lines: number[];
  /** Line → ids of the statements that begin it (the first column; a `for` has two). */
  ids: Map<number, number[]>;
  /** Every statement id of the file. */
  all: number[];
}

const STOP_GRACE_MS = 500;

/** Typed listeners for the session's events. */
export interface DebugSession {
  on(event: 'stopped', listener: (e: StoppedEvent) => void): this;
  on(event: 'terminated', listener: (e: TerminatedEvent) => void): this;
  on(event: 'continued', listener: (e: { t: 'continued' }) => void): this;
  on(event: 'output' | 'log', listener: (text: string) => void): this;
  on(event: 'event', listener: (e: DebugEvent) => void): this;
  once(event: 'stopped', listener: (e: StoppedEvent) => void): this;
  once(event: 'terminated', listener: (e: TerminatedEvent) => void): this;
  once(event: 'continued', listener: (e: { t: 'continued' }) => void): this;
  once(event: 'output' | 'log', listener: (text: string) => void): this;
  once(event: 'event', listener: (e: DebugEvent) => void): this;
}

/**
 * One debug run. Events: 'stopped' (StoppedEvent), 'continued', 'output' (text), 'log' (text),
 * 'terminated' (TerminatedEvent), and 'event' (every DebugEvent, for forwarding).
 */
export class DebugSession extends EventEmitter {
  state: 'running' | 'paused' | 'terminated' = 'running';
  /** The current stop while paused. */
  lastStop: StoppedEvent | null = null;
  /** Set once the run has ended. */
  outcome: DebugOutcome | null = null;
  /** Script output so far. */
  output = '';
  log = '';
  /** Resolves when the run ends. */
  readonly result: Promise<DebugOutcome>;
  readonly file: string;

  private worker: Worker;
  private port: MessagePort;
  private ctl: Int32Array;
  private bp: Uint8Array;
  private seq = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private waiters: ((e: PauseOrEnd) => void)[] = [];
  private settle!: (o: DebugOutcome) => void;
  private index = new Map<string, LineIndex>();
  private breakpointLines = new Map<string, number[]>();
  private remainingMs: number;
  private runStart = 0;
  private timer: NodeJS.Timeout | null = null;
  private killTimer: NodeJS.Timeout | null = null;
  private endedBy: DebugOutcome['stopped'];
  private started = performance.now();

  constructor(
    readonly compiled: CompiledProgram,
    private opts: DebugRunOptions,
  ) {
    super();
    this.file = compiled.file;
    this.result = new Promise((res) => (this.settle = res));
    this.buildIndex(compiled.debug!.stmts);
    const ctlBuf = new SharedArrayBuffer(CTL_WORDS * 4);
    const bpBuf = new SharedArrayBuffer(Math.max(1, compiled.debug!.stmts.length));
    this.ctl = new Int32Array(ctlBuf);
    this.bp = new Uint8Array(bpBuf);
    const bps = opts.breakpoints ?? [];
    if (bps.length && typeof bps[0] === 'number') this.applyBreakpoints(bps as number[], this.file);
    else for (const b of bps as { file?: string; lines: number[] }[]) this.applyBreakpoints(b.lines, b.file ?? this.file);

    const req: DebugRunRequest = {
      compiled,
      variables: opts.variables ?? {},
      inputs: opts.inputs ?? {},
      eventName: opts.eventName ?? '',
      features: { runProgram: false, file: false, http: false, ...opts.features },
      source: opts.source ?? 'tui',
      user: opts.user ?? '',
      event: opts.event,
      scripts: opts.scripts,
      debugKeys: opts.debugKeys,
    };
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: DebugWorkerData = { req, port: port2, ctl: ctlBuf, bp: bpBuf, stopOnEntry: opts.stopOnEntry ?? true, debugSource: opts.debugSource };
    this.worker = new Worker(workerUrl('debug-worker'), {
      workerData: data,
      transferList: [port2],
      resourceLimits: { maxOldGenerationSizeMb: opts.memoryMb ?? 512, stackSizeMb: 8 },
      stdout: false,
      stderr: false,
    });
    this.remainingMs = opts.timeoutMs ?? 60_000;
    this.startClock();
    this.worker.on('message', (m: AgentMessage) => this.onMessage(m));
    this.worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        this.endedBy = 'memory';
        this.fail(`the script used more than the memory limit (${opts.memoryMb ?? 512} MB) and was stopped`);
      } else this.fail(`the run failed: ${e.message}`);
    });
    this.worker.on('exit', () => {
      if (this.endedBy === 'timeout') this.fail(`the script ran longer than the time limit (${Math.round((opts.timeoutMs ?? 60_000) / 100) / 10} s) and was stopped`);
      else if (this.endedBy === 'stopped') this.fail('the run was stopped');
      else this.fail('the run ended unexpectedly');
    });
  }

  // ------------------------------------------------------------ run control

  /** The current stop if paused, else the next stop or the end of the run. */
  waitForStop(): Promise<PauseOrEnd> {
    if (this.state === 'paused') return Promise.resolve(this.lastStop!);
    if (this.state === 'terminated') return Promise.resolve({ t: 'terminated', outcome: this.outcome! });
    return new Promise((res) => this.waiters.push(res));
  }

  continue(): Promise<PauseOrEnd> {
    return this.resume({ cmd: 'continue' });
  }
  stepIn(): Promise<PauseOrEnd> {
    return this.resume({ cmd: 'stepIn' });
  }
  stepOver(): Promise<PauseOrEnd> {
    return this.resume({ cmd: 'stepOver' });
  }
  stepOut(): Promise<PauseOrEnd> {
    return this.resume({ cmd: 'stepOut' });
  }
  /** Runs until a statement on `line` (or the next line that has one), a breakpoint, or the end. */
  runTo(line: number, file: string = this.file): Promise<PauseOrEnd> {
    const found = this.resolveLine(file, line);
    if (!found) return Promise.reject(new Error(`there is no statement at or after line ${line} of ${file}`));
    return this.resume({ cmd: 'runTo', stmts: found.ids });
  }
  /** Runs to the end, ignoring breakpoints and exceptions (pause() still pauses). */
  runToEnd(): Promise<PauseOrEnd> {
    return this.resume({ cmd: 'runToEnd' });
  }

  /** Pauses a running script at its next statement. */
  pause(): Promise<PauseOrEnd> {
    if (this.state !== 'running') return this.waitForStop();
    const next = this.waitForStop();
    Atomics.or(this.ctl, CTL_FLAGS, FLAG_PAUSE);
    return next;
  }

  /** Ends the run (paused or running); a script that does not yield is terminated. */
  stop(): Promise<TerminatedEvent> {
    if (this.state === 'terminated') return Promise.resolve({ t: 'terminated', outcome: this.outcome! });
    const ended = new Promise<TerminatedEvent>((res) => {
      const on = (e: TerminatedEvent): void => res(e);
      this.once('terminated', on);
    });
    this.endedBy = 'stopped';
    Atomics.or(this.ctl, CTL_FLAGS, FLAG_STOP);
    this.wake();
    this.killTimer ??= setTimeout(() => void this.worker.terminate(), STOP_GRACE_MS);
    return ended;
  }

  // ------------------------------------------------------------ breakpoints

  /**
   * Replaces the breakpoints of `file` (default: the entry file). A line without a statement
   * moves to the next line that has one. Returns the lines the breakpoints are on. Works while
   * the script runs.
   */
  async setBreakpoints(lines: number[], file: string = this.file): Promise<number[]> {
    return this.applyBreakpoints(lines, file);
  }

  /** The breakpoint lines of a file. */
  breakpoints(file: string = this.file): number[] {
    return this.breakpointLines.get(file) ?? [];
  }

  /** The line a breakpoint requested on `line` lands on (the next line with a statement), or null. */
  breakableLine(line: number, file: string = this.file): number | null {
    return this.resolveLine(file, line)?.line ?? null;
  }

  /** Lines of `file` where the run can pause (hold a statement). */
  breakableLines(file: string = this.file): number[] {
    return this.index.get(file)?.lines ?? [];
  }

  // ------------------------------------------------------------ inspection (while paused)

  getStack(): Promise<StackFrame[]> {
    return this.query({ cmd: 'getStack' });
  }
  /** Variables of a frame (0 = innermost, as in getStack()). */
  getVariables(frame = 0): Promise<FrameVariables> {
    return this.query({ cmd: 'getVariables', frame });
  }
  /** Children of an expandable variable (array elements, Map entries, struct fields). */
  getChildren(ref: number): Promise<Variable[]> {
    return this.query({ cmd: 'getChildren', ref });
  }
  /** Evaluates a CRMScript expression in a frame. */
  evaluate(expression: string, frame = 0): Promise<EvalResult> {
    return this.query({ cmd: 'evaluate', expression, frame });
  }

  /** The protocol entry point (for a socket or a DAP adapter). */
  request(r: DebugRequest): Promise<unknown> {
    switch (r.cmd) {
      case 'continue':
        return this.continue();
      case 'stepIn':
        return this.stepIn();
      case 'stepOver':
        return this.stepOver();
      case 'stepOut':
        return this.stepOut();
      case 'runTo':
        return this.runTo(r.line, r.file);
      case 'runToEnd':
        return this.runToEnd();
      case 'pause':
        return this.pause();
      case 'stop':
        return this.stop();
      case 'setBreakpoints':
        return this.setBreakpoints(r.lines, r.file);
      case 'getStack':
        return this.getStack();
      case 'getVariables':
        return this.getVariables(r.frame);
      case 'getChildren':
        return this.getChildren(r.ref);
      case 'evaluate':
        return this.evaluate(r.expression, r.frame);
      default:
        return Promise.reject(new Error(`unknown debug command '${(r as { cmd: string }).cmd}'`));
    }
  }

  // ------------------------------------------------------------ internals

  private notRunning(): Error | null {
    if (this.state === 'terminated') return new Error('the run has ended');
    if (this.state === 'running') return new Error('the script is running; pause it first');
    return null;
  }

  private resume(cmd: AgentCommand): Promise<PauseOrEnd> {
    const err = this.notRunning();
    if (err) return Promise.reject(err);
    this.state = 'running';
    this.lastStop = null;
    const next = this.waitForStop();
    this.emitEvent({ t: 'continued' });
    this.startClock();
    this.send(cmd).catch(() => {});
    return next;
  }

  private query<T>(cmd: AgentCommand): Promise<T> {
    const err = this.notRunning();
    if (err) return Promise.reject(err);
    return this.send(cmd) as Promise<T>;
  }

  private send(cmd: AgentCommand): Promise<unknown> {
    const seq = ++this.seq;
    const p = new Promise<unknown>((resolve, reject) => this.pending.set(seq, { resolve, reject }));
    this.port.postMessage({ ...cmd, seq });
    this.wake();
    return p;
  }

  private wake(): void {
    Atomics.add(this.ctl, CTL_SEQ, 1);
    Atomics.notify(this.ctl, CTL_SEQ);
  }

  private emitEvent(e: DebugEvent): void {
    this.emit(e.t, e.t === 'output' || e.t === 'log' ? e.text : e);
    this.emit('event', e);
  }

  private onMessage(m: AgentMessage): void {
    switch (m.t) {
      case 'out':
        this.output += m.s;
        this.emitEvent({ t: 'output', text: m.s });
        return;
      case 'log':
        this.log += m.s + '\n';
        this.emitEvent({ t: 'log', text: m.s });
        return;
      case 'stopped': {
        if (this.state === 'terminated') return;
        this.stopClock();
        const { stmt: _stmt, ...rest } = m;
        void _stmt;
        const ev: StoppedEvent = rest;
        this.state = 'paused';
        this.lastStop = ev;
        this.emitEvent(ev);
        this.flushWaiters(ev);
        return;
      }
      case 'reply': {
        const p = this.pending.get(m.seq);
        if (!p) return;
        this.pending.delete(m.seq);
        if (m.ok) p.resolve(m.body);
        else p.reject(new Error(m.error));
        return;
      }
      case 'done':
        this.finish({ ...m.result, output: this.output, log: this.log, variables: m.variables, event: m.event, stopped: m.stopped ?? this.endedBy, outbox: m.outbox ?? [] });
        return;
    }
  }

  private flushWaiters(e: PauseOrEnd): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w(e);
  }

  private fail(message: string): void {
    const event: EventOutcome = this.opts.event ? { ...this.opts.event } : { outputs: {}, state: {}, message: '', blockExecution: false, navigateTo: '' };
    this.finish({
      ok: false,
      error: { message, file: this.file, line: 0, col: 0 },
      durationMs: performance.now() - this.started,
      output: this.output,
      log: this.log,
      variables: this.opts.variables ?? {},
      event,
      stopped: this.endedBy,
    });
  }

  private finish(outcome: DebugOutcome): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.lastStop = null;
    this.outcome = outcome;
    this.stopClock();
    if (this.killTimer) clearTimeout(this.killTimer);
    for (const p of this.pending.values()) p.reject(new Error('the run has ended'));
    this.pending.clear();
    this.port.close();
    const ev: TerminatedEvent = { t: 'terminated', outcome };
    this.flushWaiters(ev);
    this.emitEvent(ev);
    this.settle(outcome);
    void this.worker.terminate();
  }

  private startClock(): void {
    this.runStart = performance.now();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.endedBy = 'timeout';
      void this.worker.terminate();
    }, Math.max(0, this.remainingMs));
  }

  private stopClock(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.remainingMs -= performance.now() - this.runStart;
  }

  private buildIndex(stmts: DebugStmt[]): void {
    stmts.forEach((s, id) => {
      const f = s.file ?? this.file;
      let ix = this.index.get(f);
      if (!ix) this.index.set(f, (ix = { lines: [], ids: new Map(), all: [] }));
      ix.all.push(id);
      const at = ix.ids.get(s.line);
      if (!at) ix.ids.set(s.line, [id]);
      else {
        const col = stmts[at[0]].col;
        if (s.col < col) ix.ids.set(s.line, [id]);
        else if (s.col === col) at.push(id);
      }
    });
    for (const ix of this.index.values()) ix.lines = [...ix.ids.keys()].sort((a, b) => a - b);
  }

  private resolveLine(file: string, line: number): { line: number; ids: number[] } | null {
    const ix = this.index.get(file);
    if (!ix) return null;
    const at = ix.lines.find((l) => l >= line);
    return at === undefined ? null : { line: at, ids: ix.ids.get(at)! };
  }

  private applyBreakpoints(lines: number[], file: string): number[] {
    const ix = this.index.get(file);
    if (ix) for (const id of ix.all) this.bp[id] = 0;
    const set = new Set<number>();
    for (const l of lines) {
      const found = this.resolveLine(file, l);
      if (!found) continue;
      set.add(found.line);
      for (const id of found.ids) this.bp[id] = 1;
    }
    const actual = [...set].sort((a, b) => a - b);
    this.breakpointLines.set(file, actual);
    return actual;
  }
}
