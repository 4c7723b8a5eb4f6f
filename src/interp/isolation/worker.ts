// Worker-thread entry: runs one compiled program and reports output as it goes.
import { parentPort, workerData } from 'node:worker_threads';
import { execute } from '../execute.js';
import type { WorkerRequest, WorkerMessage } from './isolate.js';
import { batchOutput, eventOutcome, finishRunCrm, prepareRunCrm, requestRunContext } from './worker-side.js';

const req = workerData as WorkerRequest;
const port = parentPort!;
const output = batchOutput((s) => port.postMessage({ t: 'out', s } satisfies WorkerMessage), req.tail);
const ctx = requestRunContext(req, {
  out: output.write,
  log(s: string) {
    port.postMessage({ t: 'log', s } satisfies WorkerMessage);
  },
});
// a traced run records itself into the trace file as it goes (trace/execute.ts)
const traced = req.trace ? (await import('../trace/execute.js')).executeTraced(req.compiled, ctx, req.trace) : null;
await prepareRunCrm(req);
const ran = traced ?? execute(req.compiled, ctx);
const { result, changes } = finishRunCrm(ctx, ran, req.compiled.file);
output.flush();
port.postMessage({
  t: 'done',
  result,
  variables: Object.fromEntries(ctx.variables),
  event: eventOutcome(ctx.event),
  outbox: ctx.outbox,
  response: ctx.response,
  changes,
  ...(traced ? { trace: traced.trace } : {}),
} satisfies WorkerMessage);
