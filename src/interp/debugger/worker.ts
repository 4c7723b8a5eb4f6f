// Worker-thread entry for debug runs: runs one hooked program with the debug agent attached.
// Messages to the controller (output, stops, replies, done) go out on parentPort in order;
// commands come in on a dedicated port that the agent reads synchronously while paused.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { instantiate, errorAt, type ExecResult } from '../execute.js';
import { setRunContext } from '../runtime/context.js';
import type { RunRequest } from '../isolation/isolate.js';
import { batchOutput, eventOutcome, finishRunCrm, prepareRun, requestRunContext } from '../isolation/worker-side.js';
import { createAgent, DebugStop } from './agent.js';
import type { DebugSource } from './evaluate.js';
import type { AgentMessage } from './protocol.js';

/** What the run needs besides the debug plumbing (as for a normal isolated run). */
export interface DebugRunRequest extends RunRequest {
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

const output = batchOutput((s) => post({ t: 'out', s }));

const agent = createAgent({
  compiled: req.compiled,
  port: data.port,
  post,
  flush: output.flush,
  ctl: new Int32Array(data.ctl),
  bp: new Uint8Array(data.bp),
  stopOnEntry: data.stopOnEntry,
  debugSource: data.debugSource,
});

let debugEnabled = req.debugKeys === undefined;
const ctx = requestRunContext(
  req,
  {
    out: output.write,
    log(s: string) {
      post({ t: 'log', s });
    },
  },
  {
    enableDebug: (key: string) => {
      if (req.debugKeys?.includes(key)) debugEnabled = true;
    },
    debugWait: (info: string) => {
      if (debugEnabled) agent.debugWait(info);
    },
  },
);

setRunContext(ctx);
await prepareRun(req);
post({ t: 'started', at: Date.now() });
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
const crmEnd = finishRunCrm(ctx, result, req.compiled.file);
result = crmEnd.result;
output.flush();
post({
  t: 'done',
  result,
  changes: crmEnd.changes,
  stopped,
  variables: Object.fromEntries(ctx.variables),
  outbox: ctx.outbox,
  event: eventOutcome(ctx.event),
});
data.port.close();
