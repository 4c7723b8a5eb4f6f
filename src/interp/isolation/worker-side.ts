// The worker side of a run, shared by worker.ts (plain and traced runs) and debug-worker.ts
// (debug runs): the run context built from the request, output batched into messages, and the
// event data handed back when the run ends.
import { newEventState, newRunContext, type EventState, type RunContext } from '../runtime/context.js';
import type { RunRequest } from './isolate.js';
import type { CompiledProgram } from '../compiler.js';
import type { EventOutcome } from './event-outcome.js';
import { copyMenu } from '../runtime/main-menu.js';
import { TAIL_CHARS } from './output-tail.js';
import { CrmFatal } from '../runtime/values.js';
import { setMemoryLimit } from '../runtime/memory.js';
import { outputLimitChars, outputLimitMessage } from '../limits.js';
import { crmServiceFor, prepareCrm, type CrmChange } from '../runtime/crm-service.js';
import { programUsesCrm } from '../stdlib/crm-natives.js';
import { EXECUTE_SCRIPT_NATIVE } from '../stdlib/execute-script.js';
import { tableServes } from '../stdlib/table.js';
import { prepareExecuteScript } from './execute-script-compiler.js';
import type { ExecResult } from '../execute.js';
import { errorMessage } from '../util/error-message.js';

export interface BatchedOutput {
  /** Script output: posted in batches. */
  write(s: string): void;
  /** Posts what is batched (before the run reports a stop). */
  flush(): void;
  /** What is batched, no longer batched nor mirrored: the run's end carries it in its own message. */
  take(): string;
}

/**
 * Batches output into messages, but lets a slow script's progress show within ~50 ms. With a
 * tail buffer (WorkerRequest.tail), what is not yet posted is mirrored into shared memory so the
 * parent can still show it when it has to terminate the thread (time limit, stop).
 */
export function batchOutput(post: (s: string) => void, tailBuffer?: SharedArrayBuffer): BatchedOutput {
  const tail = tailBuffer ? new Uint16Array(tailBuffer) : null;
  const tailCap = tail ? tail.length - 2 : 0;
  let tailLen = 0;
  let buf = '';
  let last = Date.now();
  const take = (): string => {
    if (tail) {
      tailLen = 0;
      Atomics.store(tail, 0, 0);
      Atomics.store(tail, 1, 0);
    }
    const s = buf;
    buf = '';
    last = Date.now();
    return s;
  };
  const flush = (): void => {
    const s = take();
    if (s) post(s);
  };
  const mirror = (tail: Uint16Array, s: string): void => {
    const n = Math.min(s.length, tailCap - tailLen);
    for (let i = 0; i < n; i++) tail[2 + tailLen + i] = s.charCodeAt(i);
    tailLen += n;
    // length as two 16-bit halves, high half first so a reader never sees a torn larger value
    Atomics.store(tail, 0, tailLen >>> 16);
    Atomics.store(tail, 1, tailLen & 0xffff);
  };
  return {
    write(s) {
      buf += s;
      if (tail) mirror(tail, s);
      if (buf.length > TAIL_CHARS / 2 || Date.now() - last > 50) flush();
    },
    flush,
    take,
  };
}

/** The event data a run starts with: the trigger's inputs, and what earlier bindings of the event set. */
function initialEvent(req: RunRequest): EventState {
  const ev = newEventState(req.eventName, new Map(Object.entries(req.inputs)));
  const given = req.event;
  if (given) {
    ev.outputs = new Map(Object.entries(given.outputs));
    ev.state = new Map(Object.entries(given.state));
    ev.message = given.message;
    ev.blockExecution = given.blockExecution;
    ev.navigateTo = given.navigateTo;
    ev.dialog = given.dialog ?? null;
    ev.menu = given.menu ? copyMenu(given.menu) : null;
  }
  return ev;
}

/**
 * Passes text on until `limit` characters have gone through, then ends the run: a run that
 * prints (or logs) more than its limit stops with a clear error instead of flooding the host.
 */
export function limitedSink(sink: (s: string) => void, limit: number, message: string): (s: string) => void {
  let total = 0;
  return (s) => {
    total += s.length;
    if (total <= limit) return sink(s);
    const room = limit - (total - s.length);
    if (room > 0) sink(s.slice(0, room));
    total = limit + 1;
    throw new CrmFatal(message);
  };
}

/** The run context of a request; `more` adds hooks (the debugger's enableDebug/debugWait). */
export function requestRunContext(req: RunRequest, io: { out: (s: string) => void; log: (s: string) => void }, more: Partial<RunContext> = {}): RunContext {
  const { memoryMb, outputMb, mails } = req.limits;
  setMemoryLimit(memoryMb);
  const limit = outputLimitChars(outputMb);
  return newRunContext({
    out: limitedSink(io.out, limit, outputLimitMessage(outputMb)),
    log: limitedSink(io.log, limit, outputLimitMessage(outputMb, 'log')),
    mailLimit: mails,
    variables: new Map(Object.entries(req.variables)),
    event: initialEvent(req),
    features: req.features,
    source: req.source,
    user: req.user,
    scripts: new Map(Object.entries(req.scripts ?? {})),
    ...(req.web ? { web: req.web } : {}),
    crm: crmServiceFor(req.crm),
    crmReady: runUsesCrm(req),
    ...more,
  });
}

/** The event data as the run left it, for the 'done' message. */
export function eventOutcome(ev: EventState): EventOutcome {
  return {
    outputs: Object.fromEntries(ev.outputs),
    state: Object.fromEntries(ev.state),
    message: ev.message,
    blockExecution: ev.blockExecution,
    navigateTo: ev.navigateTo,
    ...(ev.dialog ? { dialog: ev.dialog } : {}),
    ...(ev.menu ? { menu: ev.menu } : {}),
  };
}

/**
 * Readies what the run needs before it starts: the CRM half of the natives when the program (or a
 * script it may call) names one, the CRM engine when it touches CRM data, the CRMScript compiler
 * when it names executeScript. A script that needs none of them pays for none.
 */
export async function prepareRun(req: RunRequest): Promise<void> {
  const programs = runPrograms(req);
  const executes = programs.some((p) => p.natives.includes(EXECUTE_SCRIPT_NATIVE));
  // the CRM-backed and NetServer natives (and any code executeScript may be given could name them)
  if (executes || programs.some((p) => !p.natives.every(tableServes))) await import('../stdlib/crm-table.js');
  if (executes) await prepareExecuteScript();
  if (runUsesCrm(req)) await prepareCrm();
}

/** The run's program and the stored scripts it may call. */
function runPrograms(req: RunRequest): CompiledProgram[] {
  return [req.compiled, ...Object.values(req.scripts ?? {})];
}

/** Whether the run has a CRM and its program (or a script it may call) touches CRM data. */
function runUsesCrm(req: RunRequest): boolean {
  return !!req.crm && programUsesCrm(runPrograms(req));
}

/** Ends the run's use of the CRM database (commit, or discard for a rollback run); a failure to keep the writes fails the run. */
export function finishRunCrm(ctx: RunContext, result: ExecResult, file: string): { result: ExecResult; changes: CrmChange[] } {
  if (!ctx.crm) return { result, changes: [] };
  try {
    return { result, changes: ctx.crm.finish() };
  } catch (e) {
    const message = `the run's CRM changes could not be saved: ${errorMessage(e)}`;
    return { result: { ...result, ok: false, error: result.error ?? { message, file, line: 0, col: 0 } }, changes: [] };
  }
}
