/**
 * Rate limits for log lines that a client can cause at will (refused requests: 401, 404, 413,
 * ...). Per key, at most `max` lines per window are written; the rest are counted and one line
 * says how many were left out when the window ends. A flood of bad requests costs the log a few
 * lines per window instead of one line per request.
 */
import type { Logger, LogLevel } from './log.js';

export interface LogLimitOptions {
  /** Lines per key and window (default 20). */
  max?: number;
  /** Window length in ms (default 10 s). */
  windowMs?: number;
  now?: () => number;
}

interface Window {
  start: number;
  written: number;
  dropped: number;
  msg: string;
  level: LogLevel;
  fields: Record<string, unknown>;
}

export interface LogLimiter {
  /** Logs the line unless its key already used up the window. */
  log(key: string, level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
  /** Writes the summaries of finished windows (called by a timer, and on close). */
  flush(force?: boolean): void;
  close(): void;
}

export function createLogLimiter(logger: Logger, opts: LogLimitOptions = {}): LogLimiter {
  const max = opts.max ?? 20;
  const windowMs = opts.windowMs ?? 10_000;
  const now = opts.now ?? Date.now;
  const windows = new Map<string, Window>();
  const summarize = (key: string, w: Window): void => {
    if (w.dropped > 0) logger[w.level](`${w.msg}: ${w.dropped} more like this were not logged`, { ...w.fields, key, suppressed: w.dropped, windowSeconds: windowMs / 1000 });
  };
  const flush = (force = false): void => {
    const t = now();
    for (const [key, w] of windows) {
      if (force || t - w.start >= windowMs) {
        summarize(key, w);
        windows.delete(key);
      }
    }
  };
  const timer = setInterval(() => flush(), windowMs);
  timer.unref();
  return {
    log(key, level, msg, fields = {}) {
      const t = now();
      let w = windows.get(key);
      if (w && t - w.start >= windowMs) {
        summarize(key, w);
        w = undefined;
      }
      if (!w) {
        w = { start: t, written: 0, dropped: 0, msg, level, fields };
        windows.set(key, w);
      }
      if (w.written < max) {
        w.written++;
        logger[level](msg, fields);
      } else {
        w.dropped++;
        w.fields = fields;
      }
    },
    flush,
    close() {
      clearInterval(timer);
      flush(true);
    },
  };
}
