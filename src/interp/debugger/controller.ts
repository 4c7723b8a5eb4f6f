// The debug controller (main thread): starts a hooked program in a worker with the debug agent
// and drives it. A DebugSession is what the TUI debugger, the CLI and the daemon's debug server
// talk to; `request()` takes the protocol's DebugRequest so that a socket can forward to it.
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import type { CompiledProgram, DebugStmt } from '../compiler.js';
import { compileScript, fileIncludeResolver, type CompileInput, type CompileOutput, type IncludeSource } from '../compile-script.js';
import { WORKER_START_GRACE_MS, runRequest, startRunWorker, timeLeftSince, type RunOptions } from '../isolation/isolate.js';
import { givenEvent } from '../isolation/event-outcome.js';
import type { DebugRunRequest, DebugWorkerData } from './worker.js';
import type { DebugSource } from './evaluate.js';
import { CTL_FLAGS, CTL_SEQ, CTL_WORDS, FLAG_PAUSE, FLAG_STOP, type AgentCommand, type AgentMessage, type DebugOutcome, type StoppedEvent } from './protocol.js';
import { DebugSessionBase, type PauseOrEnd } from './session.js';

export type { DebugSource } from './evaluate.js';
export type { PauseOrEnd } from './session.js';

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

/** One debug run in a worker of this process (events and state: DebugSessionBase). */
export class DebugSession extends DebugSessionBase {
  private worker: Worker;
  private port: MessagePort;
  private ctl: Int32Array;
  private bp: Uint8Array;
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
    super(compiled.file);
    this.buildIndex(compiled.debug!.stmts);
    const ctlBuf = new SharedArrayBuffer(CTL_WORDS * 4);
    const bpBuf = new SharedArrayBuffer(Math.max(1, compiled.debug!.stmts.length));
    this.ctl = new Int32Array(ctlBuf);
    this.bp = new Uint8Array(bpBuf);
    const bps = opts.breakpoints ?? [];
    if (bps.length && typeof bps[0] === 'number') this.applyBreakpoints(bps as number[], this.file);
    else for (const b of bps as { file?: string; lines: number[] }[]) this.applyBreakpoints(b.lines, b.file ?? this.file);

    const req: DebugRunRequest = { ...runRequest(compiled, opts, 'tui'), debugKeys: opts.debugKeys };
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: DebugWorkerData = { req, port: port2, ctl: ctlBuf, bp: bpBuf, stopOnEntry: opts.stopOnEntry ?? true, debugSource: opts.debugSource };
    this.worker = startRunWorker(
      new URL('./worker.js', import.meta.url),
      data,
      { ...opts, transferList: [port2] },
      () => this.endedBy,
      (message, memory) => {
        if (memory) this.endedBy = 'memory';
        this.fail(message);
      },
    );
    this.remainingMs = opts.timeoutMs ?? 60_000;
    // the time limit counts from the script's start ('started'); until then the worker boots
    this.startClock(this.remainingMs + WORKER_START_GRACE_MS);
    this.worker.on('message', (m: AgentMessage) => this.onMessage(m));
  }

  // ------------------------------------------------------------ run control

  runTo(line: number, file: string = this.file): Promise<PauseOrEnd> {
    const found = this.resolveLine(file, line);
    if (!found) return Promise.reject(new Error(`there is no statement at or after line ${line} of ${file}`));
    return this.resume({ cmd: 'runTo', stmts: found.ids });
  }
  protected requestPause(): void {
    Atomics.or(this.ctl, CTL_FLAGS, FLAG_PAUSE);
  }

  /** A script that does not yield is terminated after a grace period. */
  protected requestStop(): void {
    this.endedBy = 'stopped';
    Atomics.or(this.ctl, CTL_FLAGS, FLAG_STOP);
    this.wake();
    this.killTimer ??= setTimeout(() => void this.worker.terminate(), STOP_GRACE_MS);
  }

  // ------------------------------------------------------------ breakpoints (see DebugSessionBase)

  async setBreakpoints(lines: number[], file: string = this.file): Promise<number[]> {
    return this.applyBreakpoints(lines, file);
  }

  breakpoints(file: string = this.file): number[] {
    return this.breakpointLines.get(file) ?? [];
  }

  breakableLine(line: number, file: string = this.file): number | null {
    return this.resolveLine(file, line)?.line ?? null;
  }

  breakableLines(file: string = this.file): number[] {
    return this.index.get(file)?.lines ?? [];
  }

  // ------------------------------------------------------------ internals

  protected resume(cmd: AgentCommand): Promise<PauseOrEnd> {
    const err = this.notRunning();
    if (err) return Promise.reject(err);
    this.applyEvent({ t: 'continued' });
    const next = this.waitForStop();
    this.startClock();
    this.send(cmd).catch(() => {});
    return next;
  }

  protected send(cmd: AgentCommand): Promise<unknown> {
    const p = this.trackRequest((seq) => this.port.postMessage({ ...cmd, seq }));
    this.wake();
    return p;
  }

  private wake(): void {
    Atomics.add(this.ctl, CTL_SEQ, 1);
    Atomics.notify(this.ctl, CTL_SEQ);
  }

  private onMessage(m: AgentMessage): void {
    switch (m.t) {
      case 'started':
        if (this.state === 'terminated') return;
        this.startClock(timeLeftSince(m.at, this.remainingMs));
        this.runStart -= Math.max(0, Date.now() - m.at); // it has been running since then
        return;
      case 'out':
        this.applyEvent({ t: 'output', text: m.s });
        return;
      case 'log':
        this.applyEvent({ t: 'log', text: m.s });
        return;
      case 'stopped': {
        if (this.state === 'terminated') return;
        this.stopClock();
        const { stmt: _stmt, ...rest } = m;
        void _stmt;
        const ev: StoppedEvent = rest;
        this.applyEvent(ev);
        return;
      }
      case 'reply':
        this.answerRequest(m);
        return;
      case 'done':
        this.finish({ ...m.result, output: this.output, log: this.log, variables: m.variables, event: m.event, stopped: m.stopped ?? this.endedBy, outbox: m.outbox ?? [], changes: m.changes ?? [] });
        return;
    }
  }

  private fail(message: string): void {
    this.finish({
      ok: false,
      error: { message, file: this.file, line: 0, col: 0 },
      durationMs: performance.now() - this.started,
      output: this.output,
      log: this.log,
      variables: this.opts.variables ?? {},
      event: givenEvent(this.opts.event),
      stopped: this.endedBy,
    });
  }

  private finish(outcome: DebugOutcome): void {
    if (this.state === 'terminated') return;
    this.stopClock();
    if (this.killTimer) clearTimeout(this.killTimer);
    this.failRequests('the run has ended');
    this.port.close();
    this.applyEvent({ t: 'terminated', outcome });
    void this.worker.terminate();
  }

  private startClock(ms = this.remainingMs): void {
    this.runStart = performance.now();
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.endedBy = 'timeout';
      void this.worker.terminate();
    }, Math.max(0, ms));
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
