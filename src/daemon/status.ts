/**
 * `<data-dir>/daemon.json`: which daemon serves the store and where its API
 * listens. The daemon rewrites it (atomically) with a fresh heartbeat every
 * few seconds and removes it on a clean exit; `daemonStatus()` is what the
 * TUI header and the CLI use to tell whether a daemon is running.
 */
import { readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { pidAlive } from '../store/lease.js';

export const STATUS_FILE = 'daemon.json';
export const HEARTBEAT_MS = 5000;
/** A heartbeat older than this means the daemon is gone (killed, hung or the machine slept). */
export const STALE_AFTER_MS = 20_000;

export interface DaemonInfo {
  pid: number;
  host: string;
  port: number;
  startedAt: string;
  heartbeat: string;
  /** The machine the daemon runs on. */
  hostname?: string;
  /** Set while the daemon cannot keep up with its scheduled runs, e.g. "falling behind: 40 runs waiting for a worker (oldest 3.1 s, 8 busy)". */
  behind?: string;
}

export interface DaemonStatus {
  running: boolean;
  info: DaemonInfo | null;
  /** One line for a header, e.g. "daemon running on 127.0.0.1:8642 (pid 123)". */
  text: string;
}

export function statusPath(dataDir: string): string {
  return join(dataDir, STATUS_FILE);
}

export function readDaemonInfo(dataDir: string): DaemonInfo | null {
  try {
    const raw = JSON.parse(readFileSync(statusPath(dataDir), 'utf8')) as Partial<DaemonInfo>;
    if (typeof raw.pid !== 'number' || typeof raw.port !== 'number' || typeof raw.heartbeat !== 'string') return null;
    return {
      pid: raw.pid,
      host: String(raw.host ?? ''),
      port: raw.port,
      startedAt: String(raw.startedAt ?? ''),
      heartbeat: raw.heartbeat,
      hostname: raw.hostname,
      ...(typeof raw.behind === 'string' ? { behind: raw.behind } : {}),
    };
  } catch {
    return null;
  }
}

/** Whether a daemon is serving the store in `dataDir` now. */
export function daemonStatus(dataDir: string, now: Date = new Date(), isAlive: (pid: number) => boolean = pidAlive): DaemonStatus {
  const info = readDaemonInfo(dataDir);
  if (!info) return { running: false, info: null, text: 'no daemon' };
  const age = now.getTime() - Date.parse(info.heartbeat);
  const sameMachine = info.hostname === undefined || info.hostname === hostname();
  const alive = age <= STALE_AFTER_MS && (!sameMachine || isAlive(info.pid));
  if (!alive) return { running: false, info, text: 'no daemon (the last one stopped without cleaning up)' };
  return { running: true, info, text: `daemon running on ${info.host}:${info.port} (pid ${info.pid})${info.behind ? `, ${info.behind}` : ''}` };
}

export function writeDaemonInfo(dataDir: string, info: DaemonInfo): void {
  writeFileAtomic.sync(statusPath(dataDir), JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
}

/**
 * Write our heartbeat unless another live daemon owns the file (two daemons
 * on one store: the first keeps it). Returns whether we wrote.
 */
export function heartbeat(dataDir: string, info: DaemonInfo, now: Date = new Date()): boolean {
  const current = daemonStatus(dataDir, now);
  if (current.running && current.info && current.info.pid !== info.pid) return false;
  writeDaemonInfo(dataDir, { ...info, heartbeat: now.toISOString() });
  return true;
}

/** Remove daemon.json if it is ours. */
export function clearDaemonInfo(dataDir: string, pid: number = process.pid): void {
  const info = readDaemonInfo(dataDir);
  if (info && info.pid === pid) rmSync(statusPath(dataDir), { force: true });
}
