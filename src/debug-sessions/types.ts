// What every debugger front end (the TUI Debugger screen, the line-mode REPL, the DAP adapter)
// talks to: the local DebugSession of src/interp/debug and the RemoteDebugSession of client.ts
// both satisfy DebugSessionApi, so a front end works the same on a run it started itself and on
// a run paused in another process.
import type { DebugSession } from '../interp/debugger/controller.js';
import type { DebugSource } from '../interp/debugger/evaluate.js';
import type { DebugOutcome, StoppedEvent } from '../interp/debugger/protocol.js';
import type { DebugSessionBase } from '../interp/debugger/session.js';
import type { OnTimeout } from './access-keys.js';

export interface DebugSessionApi
  extends Pick<
    DebugSessionBase,
    | 'file'
    | 'state'
    | 'lastStop'
    | 'outcome'
    | 'output'
    | 'log'
    | 'result'
    | 'waitForStop'
    | 'continue'
    | 'stepIn'
    | 'stepOver'
    | 'stepOut'
    | 'runTo'
    | 'runToEnd'
    | 'pause'
    | 'stop'
    | 'setBreakpoints'
    | 'breakpoints'
    | 'breakableLine'
    | 'breakableLines'
    | 'getStack'
    | 'getVariables'
    | 'getChildren'
    | 'evaluate'
    | 'request'
    | 'on'
    | 'once'
  > {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  off(event: string, listener: (...args: any[]) => void): this;
}

/** What the session server tells a client when it attaches (and what `debug sessions` can show). */
export interface HostedSessionInfo {
  id: string;
  /** Script name (stored script) or file name. */
  scriptName: string;
  /** Where the run came from: 'daemon', 'cli', 'http', 'trigger', 'tui'. */
  source: string;
  /** 'task:Nightly', 'trigger:BeforeSaveTicket', or the user. */
  startedBy: string;
  pid: number;
  createdAt: string;
  /** The entry file name as the session reports it (e.g. "store:Nightly"). */
  file: string;
  state: DebugSession['state'];
  lastStop: StoppedEvent | null;
  outcome: DebugOutcome | null;
  output: string;
  log: string;
  /** Breakpoint lines by file. */
  breakpoints: Record<string, number[]>;
  /** Lines holding a statement, by file (entry file and includes). */
  breakable: Record<string, number[]>;
  /** The script's sources (entry and includes), for showing the code and for evaluate. */
  debugSource: DebugSource;
  /** Seconds an unattended pause waits, and what happens then. */
  waitSeconds: number;
  onTimeout: OnTimeout;
  /** When an unattended pause times out (ISO), or null when someone is attached or it runs. */
  timesOutAt: string | null;
  /** The text of the debugWait that paused the run first. */
  info: string;
}

/** Compile-time proof that the local session satisfies the API. */
export const localAsDebugSessionApi = (s: DebugSession): DebugSessionApi => s;
