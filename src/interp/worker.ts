// Worker-thread entry: runs one compiled program and reports output as it goes.
import { parentPort, workerData } from 'node:worker_threads';
import { execute } from './execute.js';
import { newRunContext, newEventState, type EventState } from './runtime/context.js';
import { TAIL_CHARS, type WorkerRequest, type WorkerMessage } from './isolate.js';

const req = workerData as WorkerRequest;
const port = parentPort!;
// Output is batched into messages; what is not yet posted is mirrored into shared memory so the
// parent can still show it when it has to terminate this thread (time limit, stop).
const tail = new Uint16Array(req.tail);
const tailCap = tail.length - 2;
let tailLen = 0;
let buf = '';
let last = Date.now();
const flush = (): void => {
  tailLen = 0;
  Atomics.store(tail, 0, 0);
  Atomics.store(tail, 1, 0);
  if (buf) port.postMessage({ t: 'out', s: buf } satisfies WorkerMessage);
  buf = '';
  last = Date.now();
};
const mirror = (s: string): void => {
  const n = Math.min(s.length, tailCap - tailLen);
  for (let i = 0; i < n; i++) tail[2 + tailLen + i] = s.charCodeAt(i);
  tailLen += n;
  // length as two 16-bit halves, high half first so a reader never sees a torn larger value
  Atomics.store(tail, 0, tailLen >>> 16);
  Atomics.store(tail, 1, tailLen & 0xffff);
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
    mirror(s);
    // batch output, but let a slow script's progress show within ~50 ms
    if (buf.length > TAIL_CHARS / 2 || Date.now() - last > 50) flush();
  },
  log(s: string) {
    port.postMessage({ t: 'log', s } satisfies WorkerMessage);
  },
  variables: new Map(Object.entries(req.variables)),
  event: initialEvent(),
  features: req.features,
  source: req.source,
  user: req.user,
  scripts: new Map(Object.entries(req.scripts ?? {})),
});
// a traced run records itself into the trace file as it goes (trace/execute.ts)
const traced = req.trace ? (await import('./trace/execute.js')).executeTraced(req.compiled, ctx, req.trace) : null;
const result = traced ?? execute(req.compiled, ctx);
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
  outbox: ctx.outbox,
  ...(traced ? { trace: traced.trace } : {}),
} satisfies WorkerMessage);
