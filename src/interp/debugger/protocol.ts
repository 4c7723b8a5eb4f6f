// The debug protocol: what a debug client asks of a session and what the session reports. Plain
// JSON-able data, so the same messages can later travel over a socket (attaching to a session
// hosted by the daemon) and be mapped onto the Debug Adapter Protocol.
//
// Two layers:
//   DebugRequest / DebugEvent   client <-> session (controller.ts implements the session side)
//   AgentCommand / AgentMessage controller <-> the agent inside the worker running the script
//
// Mapping onto the Debug Adapter Protocol: continue/next/stepIn/stepOut/pause/terminate are
// continue/stepOver/stepIn/stepOut/pause/stop; setBreakpoints answers the lines the breakpoints
// landed on; stackTrace is getStack (DAP frameId = StackFrame.index); scopes are the two lists
// of getVariables (Locals, Globals); variables(variablesReference) is getChildren(ref);
// evaluate(frameId) is evaluate; the stopped/continued/output/terminated events map one to one.
// Run to line and run to end have no DAP request of their own (a client-side convenience).
import type { ExecResult } from '../execute.js';
import type { EventOutcome } from '../isolation/event-outcome.js';
import type { OutgoingMail } from '../runtime/context.js';
import type { CrmChange } from '../runtime/crm-service.js';

/** Why a run paused. */
export type StopReason = 'entry' | 'breakpoint' | 'step' | 'pause' | 'runTo' | 'exception' | 'debugWait';

export interface SourceLocation {
  /** Script file name (the entry file or an included script). */
  file: string;
  line: number;
  col: number;
}

/** One frame of the call stack; index 0 is the innermost (where the run is paused). */
export interface StackFrame extends SourceLocation {
  index: number;
  /** Function name: 'fib', 'Point.move' (a struct method) or '(main)'. */
  name: string;
}

/**
 * A variable or a part of one (array element, Map entry, struct field). `ref` > 0 means it has
 * children, fetched with getChildren(ref); refs are valid until the run resumes.
 */
export interface Variable {
  name: string;
  /** CRMScript type: 'Integer', 'String[]', 'Point', 'Map', 'Generic (Integer)', ... */
  type: string;
  /** Display text: `42`, `"text"`, `[1, 2, 3]`, `Point {x: 1, y: 2}`, `Map (3)`. */
  value: string;
  ref: number;
  /** Number of children when `ref` > 0. */
  count?: number;
}

export interface FrameVariables {
  /** The frame's variables in scope at its current statement (for methods, `this` first). */
  locals: Variable[];
  /** Globals the frame's function can see; empty for the main body, whose variables are the globals. */
  globals: Variable[];
}

export type EvalResult = { ok: true; value: Variable } | { ok: false; error: string };

/** How the run ended. */
export interface DebugOutcome extends ExecResult {
  output: string;
  log: string;
  variables: Record<string, string>;
  event: EventOutcome;
  /** Why the run was ended from outside, if it was. */
  stopped?: 'timeout' | 'stopped' | 'memory';
  /** Mail the script sent (Email.send); the caller delivers it. */
  outbox?: OutgoingMail[];
  /** CRM rows the run changed. */
  changes?: CrmChange[];
}

// ------------------------------------------------------------------ client <-> session

export type DebugRequest =
  | { cmd: 'continue' }
  | { cmd: 'stepIn' }
  | { cmd: 'stepOver' }
  | { cmd: 'stepOut' }
  | { cmd: 'runTo'; line: number; file?: string }
  /** Run to the end ignoring breakpoints and exceptions (a pause request still pauses). */
  | { cmd: 'runToEnd' }
  /** Pause a running script at its next statement. */
  | { cmd: 'pause' }
  | { cmd: 'stop' }
  /** Replaces the breakpoints of one file (default: the entry file). Works while running too. */
  | { cmd: 'setBreakpoints'; lines: number[]; file?: string }
  | { cmd: 'getStack' }
  | { cmd: 'getVariables'; frame: number }
  | { cmd: 'getChildren'; ref: number }
  | { cmd: 'evaluate'; expression: string; frame: number };

export type StoppedEvent = {
  t: 'stopped';
  reason: StopReason;
  stack: StackFrame[];
  /** reason 'exception': the error message. */
  error?: string;
  /** reason 'debugWait': the text the script passed. */
  info?: string;
} & SourceLocation;

export interface TerminatedEvent {
  t: 'terminated';
  outcome: DebugOutcome;
}

export type DebugEvent =
  | StoppedEvent
  | TerminatedEvent
  | { t: 'continued' }
  | { t: 'output'; text: string }
  | { t: 'log'; text: string };

// ------------------------------------------------------------------ controller <-> agent

/** Commands the agent handles while paused (sent on its command port, read synchronously). */
export type AgentCommand =
  | { cmd: 'continue' }
  | { cmd: 'stepIn' }
  | { cmd: 'stepOver' }
  | { cmd: 'stepOut' }
  | { cmd: 'runTo'; stmts: number[] }
  | { cmd: 'runToEnd' }
  | { cmd: 'stop' }
  | { cmd: 'getStack' }
  | { cmd: 'getVariables'; frame: number }
  | { cmd: 'getChildren'; ref: number }
  | { cmd: 'evaluate'; expression: string; frame: number };

export type AgentRequest = AgentCommand & { seq: number };

export const RESUME_COMMANDS = new Set(['continue', 'stepIn', 'stepOver', 'stepOut', 'runTo', 'runToEnd']);

/** What the debug worker posts to the controller (on its parentPort, in order). */
export type AgentMessage =
  /** The script starts running now (`at`: Date.now() in the worker); the time limit counts from here. */
  | { t: 'started'; at: number }
  | { t: 'out'; s: string }
  | { t: 'log'; s: string }
  | ({ t: 'stopped'; reason: StopReason; stmt: number; stack: StackFrame[]; error?: string; info?: string } & SourceLocation)
  | { t: 'reply'; seq: number; ok: true; body: unknown }
  | { t: 'reply'; seq: number; ok: false; error: string }
  | { t: 'done'; result: ExecResult; variables: Record<string, string>; event: EventOutcome; stopped?: 'stopped'; outbox?: OutgoingMail[]; changes?: CrmChange[] };

// Shared memory between controller and agent (Int32Array over a SharedArrayBuffer).
/** Index of the flags word: FLAG_PAUSE / FLAG_STOP, set by the controller. */
export const CTL_FLAGS = 0;
/** Index of the command counter the agent waits on (Atomics.wait) while paused. */
export const CTL_SEQ = 1;
export const CTL_WORDS = 2;
export const FLAG_PAUSE = 1;
export const FLAG_STOP = 2;
// Breakpoints live in a Uint8Array over a second SharedArrayBuffer, one byte per statement id:
// the controller writes them at any time, the agent's statement hook reads them.
