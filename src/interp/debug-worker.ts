// Worker-thread entry for debug runs: runs one hooked program with the debug agent attached.
// Messages to the controller (output, stops, replies, done) go out on parentPort in order;
// commands come in on a dedicated port that the agent reads synchronously while paused.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { instantiate, errorAt, type ExecResult } from './execute.js';
import { newRunContext, newEventState, setRunContext, type EventState } from './runtime/context.js';
import type { CompiledProgram } from './compiler.js';
import type { EventOutcome } from './isolate.js';
import type { RunFeatures } from './runtime/context.js';
import { createAgent, DebugStop } from './debug/agent.js';
import type { DebugSource } from './debug/evaluate.js';
import type { AgentMessage } from './debug/protocol.js';

/** What the run needs besides the debug plumbing (as for a normal isolated run). */
export interface DebugRunRequest {
  compiled: CompiledProgram;
  variables: Record<string, string>;
  inputs: Record<string, string>;
  eventName: string;
  features: RunFeatures;
  source: string;
  user: string;
  event?: EventOutcome;
  /** Stored scripts the program may run with ScriptCall, by include name. */
  scripts?: Record<string, CompiledProgram>;
  /** Keys enableDebug(key) must match before debugWait pauses; absent = debugWait always pauses. */
  debugKeys?: string[];
}

export interface DebugWorkerData {
  req: DebugRunRequest;
  /** Commands from the controller. */
  port: MessagePort;
  /** CTL_* words (Int32Array). */
  ctl: SharedArrayBuffer;
  /** One breakpoint byte per statement id. */
  bp: SharedArrayBuffer;
  stopOnEntry: boolean;
  debugSource?: DebugSource;
}

const data = workerData as DebugWorkerData;
const req = data.req;
const out = parentPort!;
const post = (m: AgentMessage): void => out.postMessage(m);

let buf = '';
let last = Date.now();
const flush = (): void => {
  if (buf) post({ t: 'out', s: buf });
  buf = '';
  last = Date.now();
};

function initialEvent(): EventState {
  const ev = newEventState(req.eventName, new Map(Object.entries(req.inputs)));
  const given = req.event;
  if (given) {
    ev.outputs = new Map(Object.entries(given.outputs));
    ev.state = new Map(Object.entries(given.state));
    ev.message = given.message;
    ev.blockExecution = given.blockExecution;
    ev.navigateTo = given.navigateTo;
  }
  return ev;
}

const agent = createAgent({
  compiled: req.compiled,
  port: data.port,
  post,
  flush,
  ctl: new Int32Array(data.ctl),
  bp: new Uint8Array(data.bp),
  stopOnEntry: data.stopOnEntry,
  debugSource: data.debugSource,
});

let debugEnabled = req.debugKeys === undefined;
const ctx = newRunContext({
  out(s: string) {
    buf += s;
    if (buf.length > 65536 || Date.now() - last > 50) flush();
  },
  log(s: string) {
    post({ t: 'log', s });
  },
  variables: new Map(Object.entries(req.variables)),
  event: initialEvent(),
  features: req.features,
  source: req.source,
  user: req.user,
  ...(req.scripts ? { scripts: new Map(Object.entries(req.scripts)) } : {}),
  enableDebug: (key: string) => {
    if (req.debugKeys?.includes(key)) debugEnabled = true;
  },
  debugWait: (info: string) => {
    if (debugEnabled) agent.debugWait(info);
  },
});

setRunContext(ctx);
const start = performance.now();
let result: ExecResult;
let stopped: 'stopped' | undefined;
try {
  const { fn, h } = instantiate(req.compiled, ctx.structs as Map<string, unknown>, agent.hooks as never);
  agent.attach(h, ctx.structs as Map<string, unknown>);
  fn();
  result = { ok: true, error: null, durationMs: performance.now() - start };
} catch (e) {
  if (e instanceof DebugStop) stopped = 'stopped';
  const r = errorAt(e, req.compiled);
  result = { ok: !r.error, ...r, durationMs: performance.now() - start };
}
flush();
const ev = ctx.event;
post({
  t: 'done',
  result,
  stopped,
  variables: Object.fromEntries(ctx.variables),
  outbox: ctx.outbox,
  event: {
    outputs: Object.fromEntries(ev.outputs),
    state: Object.fromEntries(ev.state),
    message: ev.message,
    blockExecution: ev.blockExecution,
    navigateTo: ev.navigateTo,
  },
});
data.port.close();
