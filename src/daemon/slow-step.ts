/**
 * A warning in the daemon's log while a step that should be short is not done: a run that has
 * not ended well after its time limit, the end of a run the store has not taken yet, a scheduler
 * pass that does not finish. The operator sees where the daemon waits (as systemd tells of a stop
 * job still running) instead of a log that just goes quiet.
 */
import type { Logger } from './log.js';

/** Warns `afterMs` after the call and then every `afterMs` until the returned function is called. */
export function warnWhileSlow(log: Logger, msg: string, fields: Record<string, unknown>, afterMs: number): () => void {
  const since = Date.now();
  const timer = setInterval(() => log.warn(msg, { ...fields, waitingSeconds: Math.round((Date.now() - since) / 1000) }), afterMs);
  timer.unref();
  return () => clearInterval(timer);
}
