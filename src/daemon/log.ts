/**
 * Structured log lines of the daemon: one JSON object per line,
 * {"time","level","msg",...fields}, written to stdout and appended to
 * `<data-dir>/daemon.log`. A log file over 10 MB is moved to daemon.log.1
 * (when the daemon starts, and as soon as it grows past that while it runs).
 * The file stays open, so a busy daemon pays one write per line.
 */
import { closeSync, fstatSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../interp/util/error-message.js';

export const LOG_FILE = 'daemon.log';
const ROTATE_BYTES = 10 * 1024 * 1024;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  /** Where daemon.log goes; none = stdout only. */
  dataDir?: string;
  /** Default: process.stdout. */
  write?: (line: string) => void;
  now?: () => Date;
  /** Lines below this level are dropped (default info). */
  level?: LogLevel;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createLogger(opts: LoggerOptions = {}): Logger {
  const file = opts.dataDir ? join(opts.dataDir, LOG_FILE) : null;
  const write = opts.write ?? ((line: string) => void process.stdout.write(line));
  const now = opts.now ?? (() => new Date());
  const min = RANK[opts.level ?? 'info'];
  const rotate = (): void => {
    try {
      if (file && statSync(file).size > ROTATE_BYTES) renameSync(file, `${file}.1`);
    } catch {
      // no log yet
    }
  };
  rotate();
  let fd: number | null = null;
  let size = 0;
  let fileBroken = false;
  const append = (line: string): void => {
    if (fd === null) {
      fd = openSync(file!, 'a', 0o600);
      size = fstatSync(fd).size;
    }
    size += writeSync(fd, line);
    if (size > ROTATE_BYTES) {
      closeSync(fd);
      fd = null;
      rotate();
    }
  };
  const log = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void => {
    if (RANK[level] < min) return;
    const line = JSON.stringify({ time: now().toISOString(), level, msg, ...fields }) + '\n';
    write(line);
    if (file && !fileBroken) {
      try {
        append(line);
      } catch (e) {
        fileBroken = true; // say it once, keep logging to stdout
        write(JSON.stringify({ time: now().toISOString(), level: 'error', msg: 'cannot write the log file', file, reason: errorMessage(e) }) + '\n');
      }
    }
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
