// What every debug session keeps on the debugger's side, whether it drives a worker in this
// process (DebugSession, controller.ts) or mirrors a session hosted elsewhere over a socket
// (RemoteDebugSession, src/debug-sessions/client.ts): the run state and its last stop, the output and log
// so far, the requests awaiting an answer, the callers waiting for the next stop, and the
// run-control and inspection calls that only differ in how a command travels.
import { EventEmitter } from 'node:events';
import type {
  DebugEvent,
  DebugOutcome,
  DebugRequest,
  EvalResult,
  FrameVariables,
  StackFrame,
  StoppedEvent,
  TerminatedEvent,
  Variable,
} from './protocol.js';

/** What a resume command leads to: the next stop, or the end of the run. */
export type PauseOrEnd = StoppedEvent | TerminatedEvent;

/** Commands that resume a paused run the same way on every kind of session. */
export type StepCommand = { cmd: 'continue' } | { cmd: 'stepIn' } | { cmd: 'stepOver' } | { cmd: 'stepOut' } | { cmd: 'runToEnd' };

/** Commands that inspect a paused run. */
export type InspectCommand = { cmd: 'getStack' } | { cmd: 'getVariables'; frame: number } | { cmd: 'getChildren'; ref: number } | { cmd: 'evaluate'; expression: string; frame: number };

/** An answer to a tracked request (the agent's 'reply' and the socket's 'res' have this shape). */
export type RequestAnswer = { seq: number; ok: true; body: unknown } | { seq: number; ok: false; error: string };

/** The listener of each event a session emits ('event' hears every DebugEvent, for forwarding). */
export interface DebugSessionListeners {
  stopped: (e: StoppedEvent) => void;
  terminated: (e: TerminatedEvent) => void;
  continued: (e: { t: 'continued' }) => void;
  output: (text: string) => void;
  log: (text: string) => void;
  event: (e: DebugEvent) => void;
}

/** Typed on/once (merged into the class below). */
export interface DebugSessionBase {
  on<K extends keyof DebugSessionListeners>(event: K, listener: DebugSessionListeners[K]): this;
  once<K extends keyof DebugSessionListeners>(event: K, listener: DebugSessionListeners[K]): this;
}

/**
 * The session state both kinds of session keep. Events: 'stopped' (StoppedEvent), 'continued',
 * 'output' (text), 'log' (text), 'terminated' (TerminatedEvent), and 'event' (every DebugEvent,
 * for forwarding).
 */
export abstract class DebugSessionBase extends EventEmitter {
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
  /** Callers of waitForStop(), answered at the next stop or the end. */
  protected waiters: ((e: PauseOrEnd) => void)[] = [];
  protected settle!: (o: DebugOutcome) => void;
  private seq = 0;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(readonly file: string) {
    super();
    this.result = new Promise((res) => (this.settle = res));
  }

  /** Sends a command and resolves with its answer (see trackRequest). */
  protected abstract send(cmd: StepCommand | InspectCommand): Promise<unknown>;
  /** Resumes a paused run; settles at the next stop or the end. */
  protected abstract resume(cmd: StepCommand): Promise<PauseOrEnd>;
  /** Asks the running script to pause at its next statement. */
  protected abstract requestPause(): void;
  /** Asks the run to end. */
  protected abstract requestStop(): void;

  /** Runs until a statement on `line` (or the next line that has one), a breakpoint, or the end. */
  abstract runTo(line: number, file?: string): Promise<PauseOrEnd>;
  /**
   * Replaces the breakpoints of `file` (default: the entry file). A line without a statement
   * moves to the next line that has one. Returns the lines the breakpoints are on. Works while
   * the script runs.
   */
  abstract setBreakpoints(lines: number[], file?: string): Promise<number[]>;
  /** The breakpoint lines of a file. */
  abstract breakpoints(file?: string): number[];
  /** The line a breakpoint requested on `line` lands on (the next line with a statement), or null. */
  abstract breakableLine(line: number, file?: string): number | null;
  /** Lines of `file` where the run can pause (hold a statement). */
  abstract breakableLines(file?: string): number[];

  // ------------------------------------------------------------ run control

  /** The current stop if paused, else the next stop or the end of the run. */
  waitForStop(): Promise<PauseOrEnd> {
    if (this.state === 'paused' && this.lastStop) return Promise.resolve(this.lastStop);
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
  /** Runs to the end, ignoring breakpoints and exceptions (pause() still pauses). */
  runToEnd(): Promise<PauseOrEnd> {
    return this.resume({ cmd: 'runToEnd' });
  }

  /** Pauses a running script at its next statement. */
  pause(): Promise<PauseOrEnd> {
    if (this.state !== 'running') return this.waitForStop();
    const next = this.waitForStop();
    this.requestPause();
    return next;
  }

  /** Ends the run (paused or running). */
  stop(): Promise<TerminatedEvent> {
    if (this.state === 'terminated') return Promise.resolve({ t: 'terminated', outcome: this.outcome! });
    const ended = new Promise<TerminatedEvent>((res) => this.once('terminated', res));
    this.requestStop();
    return ended;
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

  // ------------------------------------------------------------ for the subclasses

  /** Why a command that needs a paused run cannot be sent now, or null. */
  protected notRunning(): Error | null {
    if (this.state === 'terminated') return new Error('the run has ended');
    if (this.state === 'running') return new Error('the script is running; pause it first');
    return null;
  }

  protected query<T>(cmd: InspectCommand): Promise<T> {
    const err = this.notRunning();
    if (err) return Promise.reject(err);
    return this.send(cmd) as Promise<T>;
  }

  /** Numbers a request, hands it to `post` and resolves with its answer (see answerRequest). */
  protected trackRequest(post: (seq: number) => void): Promise<unknown> {
    const seq = ++this.seq;
    const p = new Promise<unknown>((resolve, reject) => this.pending.set(seq, { resolve, reject }));
    post(seq);
    return p;
  }

  protected answerRequest(m: RequestAnswer): void {
    const p = this.pending.get(m.seq);
    if (!p) return;
    this.pending.delete(m.seq);
    if (m.ok) p.resolve(m.body);
    else p.reject(new Error(m.error));
  }

  /** Fails every request still awaiting an answer. */
  protected failRequests(message: string): void {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  /** Applies an event to the state, tells the listeners, and answers the waiters at a stop or the end. */
  protected applyEvent(e: DebugEvent): void {
    switch (e.t) {
      case 'output':
        this.output += e.text;
        break;
      case 'log':
        this.log += e.text + '\n';
        break;
      case 'continued':
        this.state = 'running';
        this.lastStop = null;
        break;
      case 'stopped':
        this.state = 'paused';
        this.lastStop = e;
        break;
      case 'terminated':
        this.state = 'terminated';
        this.lastStop = null;
        this.outcome = e.outcome;
        break;
    }
    this.emit(e.t, e.t === 'output' || e.t === 'log' ? e.text : e);
    this.emit('event', e);
    if (e.t === 'stopped' || e.t === 'terminated') this.flushWaiters(e);
    if (e.t === 'terminated') this.settle(e.outcome);
  }

  protected flushWaiters(e: PauseOrEnd): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w(e);
  }
}
