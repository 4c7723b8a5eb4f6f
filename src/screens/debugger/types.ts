/**
 * What the Debugger screen needs of a debug session. The local DebugSession
 * (src/interp/debug/controller.ts) and the RemoteDebugSession of
 * src/debug-sessions/client.ts (a run paused in the daemon or another process) both
 * fit, so the screen drives either the same way.
 */
import type { DebugSession, PauseOrEnd } from '../../interp/debugger/controller.js';
import type { DebugSource } from '../../interp/debugger/evaluate.js';
import type { DebugOutcome, EvalResult, FrameVariables, StackFrame, StoppedEvent, TerminatedEvent, Variable } from '../../interp/debugger/protocol.js';

export type { DebugSource } from '../../interp/debugger/evaluate.js';
export type { DebugOutcome, EvalResult, FrameVariables, StackFrame, StoppedEvent, TerminatedEvent, Variable } from '../../interp/debugger/protocol.js';
export type { PauseOrEnd } from '../../interp/debugger/controller.js';

export type DebuggerEventName = 'stopped' | 'continued' | 'output' | 'terminated';

export interface DebuggerSession {
  /** The entry file, as frames name it (e.g. "store:hello"). */
  readonly file: string;
  readonly state: 'running' | 'paused' | 'terminated';
  readonly lastStop: StoppedEvent | null;
  readonly outcome: DebugOutcome | null;
  /** Output so far. */
  readonly output: string;
  /** The script's sources, when the session knows them (a remote session does). */
  readonly debugSource?: DebugSource;

  continue(): Promise<PauseOrEnd>;
  stepIn(): Promise<PauseOrEnd>;
  stepOver(): Promise<PauseOrEnd>;
  stepOut(): Promise<PauseOrEnd>;
  runTo(line: number, file?: string): Promise<PauseOrEnd>;
  runToEnd(): Promise<PauseOrEnd>;
  pause(): Promise<PauseOrEnd>;
  stop(): Promise<TerminatedEvent>;

  setBreakpoints(lines: number[], file?: string): Promise<number[]>;
  breakpoints(file?: string): number[];
  breakableLine(line: number, file?: string): number | null;
  breakableLines(file?: string): number[];

  getStack(): Promise<StackFrame[]>;
  getVariables(frame?: number): Promise<FrameVariables>;
  getChildren(ref: number): Promise<Variable[]>;
  evaluate(expression: string, frame?: number): Promise<EvalResult>;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: DebuggerEventName, listener: (...args: any[]) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  off(event: DebuggerEventName, listener: (...args: any[]) => void): unknown;
}

/** Where breakpoints are kept between runs (per script file name, e.g. "store:hello"). */
export interface BreakpointStore {
  /** The kept lines of a file, or null when the file is not one we keep breakpoints for. */
  load(file: string): number[] | null;
  save(file: string, lines: number[]): Promise<void>;
}

/** Compile-time check that the local session fits. */
export const localSessionFits = (s: DebugSession): DebuggerSession => s;
