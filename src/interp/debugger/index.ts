// The step debugger's public API: start and drive debug runs (controller) and the protocol types.
export { compileForDebug, startDebugRun, DebugSession, type DebugRunOptions, type PauseOrEnd, type DebugSource } from './controller.js';
export type {
  DebugEvent,
  DebugOutcome,
  DebugRequest,
  EvalResult,
  FrameVariables,
  SourceLocation,
  StackFrame,
  StopReason,
  StoppedEvent,
  TerminatedEvent,
  Variable,
} from './protocol.js';
