/**
 * Admission of runs started over HTTP (script runs and event firings): at most the store's
 * `httpRunsMax` at once, so that a burst of requests cannot take the daemon's memory (every run
 * is a worker with its own heap). A request beyond that gets 503 with Retry-After; scheduled
 * tasks are not counted (the scheduler runs them on its own terms).
 */
import { HttpError, type ApiContext } from './http.js';
import type { TargetRun } from '../run/target.js';

/** Seconds a refused client is asked to wait. */
export const RETRY_AFTER_SECONDS = 2;

/** Throws 503 when the HTTP runs in progress are at the limit; call right before starting a run. */
export function admitHttpRun(ctx: ApiContext): void {
  const runs = (ctx as { httpRuns?: Set<TargetRun> }).httpRuns;
  if (!runs) return;
  const max = ctx.store.read().settings.httpRunsMax;
  if (runs.size >= max) {
    throw new HttpError(
      503,
      `The daemon is already running ${runs.size} script${runs.size === 1 ? '' : 's'} for HTTP requests, the most it runs at once (setting httpRunsMax); try again in a few seconds.`,
      { 'retry-after': String(RETRY_AFTER_SECONDS) },
    );
  }
}
