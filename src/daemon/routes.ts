/**
 * The daemon's own API routes: health, tasks, and running a stored script.
 *
 *   GET  /api/health                      who serves the store, what runs now
 *   GET  /api/tasks                       the task list (as `tasks list --json`)
 *   GET  /api/tasks/:name                 one task with its recent runs
 *   POST /api/tasks/:name/run             Start now (202; the run starts within seconds)
 *   POST /api/tasks/:name/stop            stop its current run (202; 409 when it is not running)
 *   POST /api/scripts/:includeId/run      run a script: body {variables?, inputs?, eventName?};
 *                                         a script with a Key needs ?key=<key> (403 otherwise)
 */
import { z } from 'zod';
import { findScriptByIncludeId, taskRunsFor } from '../store/repos.js';
import { StoreError } from '../store/errors.js';
import type { StoreData, Task } from '../store/schema.js';
import { HttpError, type ApiContext, type Router } from './http.js';
import type { Scheduler } from './scheduler.js';
import { runTarget, type TargetRun } from '../run/target.js';
import { requestStartNow, requestTaskStop, requireTask, runJson, taskRowJson, taskRows } from '../tasks/manage.js';
import { sameSecret } from '../store/token.js';
import { admitHttpRun } from './admission.js';

export interface DaemonContext extends ApiContext {
  scheduler: Scheduler;
  /** Extra facts for /api/health (pid, host, port, startedAt, ...). */
  health: () => Record<string, unknown>;
  /** Script runs started over HTTP, so a shutdown can stop them. */
  httpRuns: Set<TargetRun>;
}

function ctxOf(ctx: ApiContext): DaemonContext {
  return ctx as DaemonContext;
}

function findTaskOr404(d: StoreData, ref: string): Task {
  try {
    return requireTask(d, ref);
  } catch (e) {
    if (e instanceof StoreError) throw new HttpError(404, e.message);
    throw e;
  }
}

const stringMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({});
const runBodySchema = z.object({ variables: stringMap, inputs: stringMap, eventName: z.string().default('') });

export function registerCoreRoutes(router: Router): void {
  router.add('GET', '/api/health', (_req, ctx) => {
    const c = ctxOf(ctx);
    return { body: { ok: true, shuttingDown: c.shuttingDown(), ...c.health(), running: c.scheduler.running(), httpRuns: c.httpRuns.size } };
  });

  router.add('GET', '/api/tasks', (_req, ctx) => {
    const d = ctx.store.read();
    return { body: taskRows(d, new Date()).map(taskRowJson) };
  });

  router.add('GET', '/api/tasks/:name', (req, ctx) => {
    const d = ctx.store.read();
    const task = findTaskOr404(d, req.params.name!);
    const row = taskRows(d, new Date()).find((r) => r.task.id === task.id)!;
    return { body: { ...taskRowJson(row), runs: taskRunsFor(d, task.id).slice(0, 20).map(runJson) } };
  });

  router.add('POST', '/api/tasks/:name/run', async (req, ctx) => {
    if (ctx.shuttingDown()) throw new HttpError(503, 'The daemon is shutting down and takes no new work.');
    const task = findTaskOr404(ctx.store.read(), req.params.name!);
    try {
      await ctx.store.update((d) => requestStartNow(d, task.id));
    } catch (e) {
      if (e instanceof StoreError && e.code === 'not-found') throw new HttpError(404, e.message);
      throw e;
    }
    void ctxOf(ctx).scheduler.tick();
    return { status: 202, body: { ok: true, task: task.name, id: task.id, message: `The task "${task.name}" will start within a few seconds.` } };
  });

  router.add('POST', '/api/tasks/:name/stop', async (req, ctx) => {
    const task = findTaskOr404(ctx.store.read(), req.params.name!);
    const body = (req.body ?? {}) as { user?: unknown };
    const by = `${typeof body.user === 'string' && body.user.trim() ? body.user.trim() : 'api'} (http)`;
    let runId: string;
    try {
      runId = (await ctx.store.update((d) => requestTaskStop(d, task.id, by))).id;
    } catch (e) {
      if (e instanceof StoreError && e.code === 'conflict') throw new HttpError(409, e.message);
      throw e;
    }
    void ctxOf(ctx).scheduler.tick();
    return { status: 202, body: { ok: true, task: task.name, runId, message: `The run of "${task.name}" will stop within a few seconds.` } };
  });

  router.add('POST', '/api/scripts/:includeId/run', async (req, ctx) => {
    const c = ctxOf(ctx);
    if (ctx.shuttingDown()) throw new HttpError(503, 'The daemon is shutting down and takes no new work.');
    const d = ctx.store.read();
    const script = findScriptByIncludeId(d, req.params.includeId!);
    if (!script) throw new HttpError(404, `There is no script with the include name "${req.params.includeId}".`);
    if (script.key !== '') {
      const key = req.query.get('key');
      if (key === null || key === '') throw new HttpError(403, 'This script has a Key; give it as ?key=<key>.');
      if (!sameSecret(key, script.key)) throw new HttpError(403, 'The key is not valid for this script.');
    }
    const parsed = runBodySchema.safeParse(req.body);
    if (!parsed.success) {
      throw new HttpError(400, 'The body must be {"variables": {name: value}, "inputs": {name: value}} with text, number or true/false values.');
    }
    admitHttpRun(ctx);
    const run = runTarget(ctx.store, 'script', script.id, {
      source: 'http',
      user: '',
      variables: parsed.data.variables,
      inputs: parsed.data.inputs,
      eventName: parsed.data.eventName,
    });
    c.httpRuns.add(run);
    try {
      const r = await run.result;
      ctx.log.info('script run over http', { script: script.includeId, ok: r.ok, durationMs: Math.round(r.durationMs) });
      return { body: { ok: r.ok, output: r.output, error: r.error, durationMs: Math.round(r.durationMs), stopped: r.stopped ?? null, changes: r.changes ?? [] } };
    } finally {
      c.httpRuns.delete(run);
    }
  });
}
