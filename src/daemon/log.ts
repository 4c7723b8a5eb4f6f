/**
 * Structured log lines of the daemon: one JSON object per line,
 * {"time","level","msg",...fields}, appended to `<data-dir>/daemon.log` and
 * written to stdout — there as readable text lines instead ("12:04:05 INFO
 * task started  task=Nightly") when `format` is 'text' (a terminal). A log file over 10 MB is
 * moved to daemon.log.1 (replacing the previous one) at start and whenever it grows past that
 * while running. The file stays open; the daemon's logger writes the lines of one stretch of work
 * together (`batch`), so a busy daemon pays one write per stretch, not per line.
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
  /** What `write` gets: JSON lines (default) or readable text lines. The file always gets JSON. */
  format?: LogFormat;
  /** Size at which daemon.log is moved to daemon.log.1 (default 10 MB). */
  rotateBytes?: number;
  /**
   * Write the lines of one stretch of work together, once it yields (a wave of a thousand runs
   * logs two thousand lines): one write to stdout and one to the file instead of one per line.
   * What is pending is written when the process exits. Default: each line at once.
   */
  batch?: boolean;
}

export type LogFormat = 'json' | 'text';

/** "12:04:05 WARN  task finished  task=Nightly outcome=failed error="x.crm:3:1: boom"" */
export function textLogLine(time: Date, level: LogLevel, msg: string, fields: Record<string, unknown>): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const clock = `${p(time.getHours())}:${p(time.getMinutes())}:${p(time.getSeconds())}`;
  const kv = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const s = typeof v === 'string' ? v : JSON.stringify(v);
      return `${k}=${/[\s"=]/.test(s) || s === '' ? JSON.stringify(s) : s}`;
    })
    .join(' ');
  return `${clock} ${level.toUpperCase().padEnd(5)} ${msg}${kv ? `  ${kv}` : ''}\n`;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function createLogger(opts: LoggerOptions = {}): Logger {
  const file = opts.dataDir ? join(opts.dataDir, LOG_FILE) : null;
  const write = opts.write ?? ((line: string) => void process.stdout.write(line));
  const now = opts.now ?? (() => new Date());
  const min = RANK[opts.level ?? 'info'];
  const rotateBytes = opts.rotateBytes ?? ROTATE_BYTES;
  /** Bytes in daemon.log as far as this process knows (it rotates when that passes the limit). */
  let size = 0;
  const rotate = (): void => {
    if (!file) return;
    try {
      size = statSync(file).size;
      if (size > rotateBytes) {
        renameSync(file, `${file}.1`);
        size = 0;
      }
    } catch {
      size = 0; // no log yet
    }
  };
  rotate();
  let fd: number | null = null;
  /** Appends a line to daemon.log, opening it on first use and rotating it when it passes the limit. */
  const append = (line: string): void => {
    if (fd === null) {
      fd = openSync(file!, 'a', 0o600);
      size = fstatSync(fd).size;
    }
    size += writeSync(fd, line);
    if (size > rotateBytes) {
      closeSync(fd);
      fd = null;
      rotate();
    }
  };
  let fileBroken = false;
  const out = (shown: string, line: string): void => {
    write(shown);
    if (file && !fileBroken) {
      try {
        append(line);
      } catch (e) {
        fileBroken = true; // say it once, keep logging to stdout
        write(JSON.stringify({ time: now().toISOString(), level: 'error', msg: 'cannot write the log file', file, reason: errorMessage(e) }) + '\n');
      }
    }
  };
  const pending = opts.batch ? new PendingLines(out) : null;
  const log = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void => {
    if (RANK[level] < min) return;
    const time = now();
    const line = JSON.stringify({ time: time.toISOString(), level, msg, ...fields }) + '\n';
    const shown = opts.format === 'text' ? textLogLine(time, level, msg, fields) : line;
    if (pending) pending.add(shown, line);
    else out(shown, line);
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}

/** Lines waiting to be written together: at the next turn of the event loop, or when the process exits. */
class PendingLines {
  private shown = '';
  private lines = '';
  private scheduled = false;
  private readonly flush = (): void => {
    this.scheduled = false;
    const shown = this.shown;
    const lines = this.lines;
    this.shown = this.lines = '';
    if (lines) this.out(shown, lines);
  };

  constructor(private readonly out: (shown: string, lines: string) => void) {
    process.on('exit', this.flush);
  }

  add(shown: string, line: string): void {
    this.shown += shown;
    this.lines += line;
    if (this.lines.length > 1 << 16) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
