/**
 * The daemon's event endpoint:
 *
 *   POST /api/events/:name     body {"inputs": {name: value}, "user": "..."} (both optional)
 *                              → the FireOutcome, as `crmscript-tui fire --json` prints it
 *
 * 404 for an event that is not in the catalog, 400 for a malformed body, 503 while the daemon
 * shuts down (the token check, 401, is the daemon's). The daemon registers it at start
 * (registerEventRoutes, called by startDaemon).
 */
import { z } from 'zod';
import { HttpError, type ApiContext, type Router, type RouteHandler } from './http.js';
import type { TargetRun } from '../run/target.js';
import { findEvent, suggestEvents, UnknownEventError } from '../triggers/catalog.js';
import { fireEvent } from '../run/fire.js';
import { admitHttpRun } from './admission.js';
import { errorMessage } from '../interp/util/error-message.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const bodySchema = z.object({
  inputs: z.record(z.string(), scalar).default({}),
  user: z.string().default(''),
});

const BODY_HELP = 'The body must be {"inputs": {"name": "value", ...}, "user": "name"}: input values are text, numbers or true/false, and both fields may be left out.';

export const fireEventRoute: RouteHandler = async (req, ctx: ApiContext) => {
  if (ctx.shuttingDown()) throw new HttpError(503, 'The daemon is shutting down and takes no new work.');
  const name = req.params.name ?? '';
  const event = findEvent(name);
  if (!event) throw new HttpError(404, new UnknownEventError(name, suggestEvents(name)).message);
  const parsed = bodySchema.safeParse(req.body);
  if (!parsed.success) throw new HttpError(400, BODY_HELP);

  // Tracked with the daemon's HTTP runs so a shutdown waits for the firing, then stops it.
  const runs = (ctx as { httpRuns?: Set<TargetRun> }).httpRuns;
  admitHttpRun(ctx);
  const ac = new AbortController();
  const started = performance.now();
  // the bindings' lastFiredAt/lastOutcome are written behind the answer, a burst in one store write
  const recordBehind = (problem: string): void => ctx.log.warn('cannot record a firing on its bindings', { event: event.name, reason: problem });
  const firing = fireEvent(ctx.store, event.name, parsed.data.inputs, { user: parsed.data.user, source: 'http', signal: ac.signal, recordBehind });
  const tracked: TargetRun = {
    result: firing.then(
      (o) => ({ ok: o.runs.every((r) => r.ok), output: '', error: null, durationMs: performance.now() - started }),
      (e: unknown) => ({ ok: false, output: '', error: errorMessage(e), durationMs: performance.now() - started }),
    ),
    stop: () => ac.abort(),
  };
  runs?.add(tracked);
  try {
    const outcome = await firing;
    ctx.log.info('event fired over http', {
      event: event.name,
      user: parsed.data.user,
      blocked: outcome.blocked,
      bindings: outcome.runs.length,
      failed: outcome.runs.filter((r) => !r.ok).length,
    });
    return { body: outcome };
  } finally {
    runs?.delete(tracked);
  }
};

export function registerEventRoutes(router: Router): void {
  router.add('POST', '/api/events/:name', fireEventRoute);
}
