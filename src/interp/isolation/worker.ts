// Worker-thread entry: a pooled run worker (see pool.ts). It carries out one run at a time, as
// the parent sends them, and reports output as it goes. Nothing of a run outlives it: every run
// gets a fresh run context (variables, event data, structs, outbox) and the program's globals
// live inside its own instantiation. A traced run hooks the Map's mutating methods for the
// recorder, which does nothing between recordings (trace/recorder.ts), so the worker stays reusable.
import { parentPort, workerData } from 'node:worker_threads';
import { execute } from '../execute.js';
import type { WorkerData, WorkerRequest, WorkerMessage } from './isolate.js';
import { batchOutput, eventOutcome, finishRunCrm, prepareRun, requestRunContext } from './worker-side.js';
import { newRunContext, setRunContext } from '../runtime/context.js';
import type { CompiledProgram } from '../compiler.js';
import type { TraceSummary } from '../trace/chunk-buffer.js';

const { tail } = workerData as WorkerData;
const port = parentPort!;
const post = (s: string): void => port.postMessage({ t: 'out', s } satisfies WorkerMessage);

/** The programs the parent sent, by number (it tells which to drop: isolate.ts workerRequest). */
const programs = new Map<number, CompiledProgram>();

async function runOne(req: WorkerRequest): Promise<void> {
  for (const id of req.forget ?? []) programs.delete(id);
  if (req.compiled) programs.set(req.programId, req.compiled);
  const compiled = programs.get(req.programId)!;
  const output = batchOutput(post, tail);
  output.flush();
  const run = { ...req, compiled };
  const ctx = requestRunContext(run, {
    out: output.write,
    log(s: string) {
      port.postMessage({ t: 'log', s } satisfies WorkerMessage);
    },
  });
  // what the script printed reaches the parent before the thread blocks (sleep, HTTP, runProgram)
  ctx.blockingWait = { before: output.flush, after() {} };
  // a traced run records itself into the trace file as it goes (trace/execute.ts)
  await prepareRun(run);
  const trace = req.trace ? await import('../trace/execute.js') : null;
  port.postMessage({ t: 'started', at: Date.now() } satisfies WorkerMessage);
  const saved = (summary: TraceSummary): void => port.postMessage({ t: 'trace-saved', trace: summary } satisfies WorkerMessage);
  const byInputs = req.trace?.inputs ? await import('../trace/inputs-run.js') : null;
  const traced = byInputs && req.trace?.inputs ? byInputs.recordByInputs(compiled, ctx, req.trace.inputs) : trace && req.trace ? trace.executeTraced(compiled, ctx, req.trace, saved) : null;
  const ran = traced ?? execute(compiled, ctx);
  const { result, changes } = finishRunCrm(ctx, ran, compiled.file);
  const out = output.take(); // the last of the output rides with the end (one message less per run)
  setRunContext(newRunContext());
  port.postMessage({
    t: 'done',
    ...(out ? { out } : {}),
    result,
    variables: Object.fromEntries(ctx.variables),
    event: eventOutcome(ctx.event),
    outbox: ctx.outbox,
    response: ctx.response,
    changes,
    ...(traced ? { trace: traced.trace } : {}),
  } satisfies WorkerMessage);
}

port.on('message', (req: WorkerRequest) => void runOne(req));
