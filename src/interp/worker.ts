// Worker-thread entry: runs one compiled program and reports output as it goes.
import { parentPort, workerData } from 'node:worker_threads';
import { execute } from './execute.js';
import { newRunContext, newEventState, type EventState } from './runtime/context.js';
import type { WorkerRequest, WorkerMessage } from './isolate.js';

const req = workerData as WorkerRequest;
const port = parentPort!;
let buf = '';
let last = Date.now();
const flush = (): void => {
  if (buf) port.postMessage({ t: 'out', s: buf } satisfies WorkerMessage);
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
const ctx = newRunContext({
  out(s: string) {
    buf += s;
    // batch output, but let a slow script's progress show within ~50 ms
    if (buf.length > 65536 || Date.now() - last > 50) flush();
  },
  log(s: string) {
    port.postMessage({ t: 'log', s } satisfies WorkerMessage);
  },
  variables: new Map(Object.entries(req.variables)),
  event: initialEvent(),
  features: req.features,
  source: req.source,
  user: req.user,
});
const result = execute(req.compiled, ctx);
flush();
const ev = ctx.event;
port.postMessage({
  t: 'done',
  result,
  variables: Object.fromEntries(ctx.variables),
  event: {
    outputs: Object.fromEntries(ev.outputs),
    state: Object.fromEntries(ev.state),
    message: ev.message,
    blockExecution: ev.blockExecution,
    navigateTo: ev.navigateTo,
  },
} satisfies WorkerMessage);
