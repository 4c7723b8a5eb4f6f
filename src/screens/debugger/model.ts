/**
 * The Debugger's model of one session: what the screen shows of the run (phase, stop, output,
 * stack, variables, watches, breakpoints) and the actions it takes on it. Kept up to date by
 * useDebugModel.
 */
import type { DebugOutcome, EvalResult, FrameVariables, StackFrame, StoppedEvent, Variable } from './types.js';
import { errorMessage } from '../../interp/util/error-message.js';

export type Phase = 'running' | 'paused' | 'terminated';

export interface Watch {
  id: number;
  expr: string;
  /** null while (re)evaluating or before the first stop. */
  result: EvalResult | null;
  /** The result belongs to an earlier stop (the run went on since). */
  stale: boolean;
}

/** What a restart carries over. */
export interface KeptView {
  watches: string[];
  expanded: string[];
}

export interface DebugModel {
  phase: Phase;
  stop: StoppedEvent | null;
  outcome: DebugOutcome | null;
  output: string;
  /** When the current running stretch began (ms), for the elapsed time. */
  runningSince: number;
  frames: StackFrame[];
  frame: number;
  vars: FrameVariables | null;
  varsError: string | null;
  /** The variables are from an earlier stop. */
  varsStale: boolean;
  /** Children of expanded variables, by path ('L/car', 'L/car/engine'). */
  children: ReadonlyMap<string, Variable[] | { error: string }>;
  expanded: ReadonlySet<string>;
  watches: Watch[];
  /** Breakpoint lines by file. */
  breakpoints: ReadonlyMap<string, number[]>;
  /** A command was sent and its stop has not come yet (keys wait). */
  busy: boolean;
}

export interface DebugActions {
  command(cmd: 'stepIn' | 'stepOver' | 'stepOut' | 'continue' | 'runToEnd'): void;
  runTo(line: number, file: string): void;
  pause(): void;
  stop(): Promise<void>;
  selectFrame(i: number): void;
  toggleExpand(path: string, v: Variable): void;
  setExpanded(path: string, v: Variable, open: boolean): void;
  toggleBreakpoint(file: string, line: number): void;
  addWatch(expr: string): void;
  removeWatch(id: number): void;
}

/** A variable's place in the tree: 'L/car/engine' (L = locals, G = globals), stable from stop to stop. */
export function varPath(parent: string, name: string): string {
  return `${parent}/${name.replace(/\//g, '\u2215')}`;
}

/** An error as the status line says it: its message, starting with a capital letter. */
export function errorText(e: unknown): string {
  const m = errorMessage(e);
  return m.charAt(0).toUpperCase() + m.slice(1);
}
