// Which debug keys are enabled, and what happens to a session nobody attaches to.
//
// A script opts into remote debugging with `enableDebug("KEY")` and pauses with
// `debugWait("info")`. Both are ignored unless the operator has enabled KEY for the store
// (`crmscript-tui debug enable KEY [--minutes N]`). The list lives in `<data-dir>/debug.json`
// (mode 0600, beside daemon.token) rather than in store.json, so that enabling a key never
// competes with the store's lock and a run reads it with one small file read — and only when
// its source calls debugWait at all, so ordinary runs never touch it.
//
//   { "keys": [{ "key": "alice", "until": "2025-01-01T10:00:00.000Z" | null, "createdAt": "..." }],
//     "waitSeconds": 60, "onTimeout": "resume" }
//
// waitSeconds/onTimeout: a paused session that nobody is attached to for waitSeconds is resumed
// (run to its end, ignoring further debugWait calls) or stopped, so a forgotten session never
// blocks a schedule.
import { chmodSync, readFileSync, writeFileSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { errorMessage } from '../interp/util/error-message.js';

export const DEBUG_CONFIG_FILE = 'debug.json';
export const DEFAULT_WAIT_SECONDS = 60;

export type OnTimeout = 'resume' | 'stop';

export interface DebugKey {
  key: string;
  /** ISO time the key stops working; null = until disabled. */
  until: string | null;
  createdAt: string;
}

export interface DebugConfig {
  keys: DebugKey[];
  /** How long a paused session waits for someone to attach (seconds). */
  waitSeconds: number;
  onTimeout: OnTimeout;
}

export function debugConfigPath(dataDir: string): string {
  return join(dataDir, DEBUG_CONFIG_FILE);
}

function defaults(): DebugConfig {
  return { keys: [], waitSeconds: DEFAULT_WAIT_SECONDS, onTimeout: 'resume' };
}

/** The configuration; defaults when the file is missing or unreadable (a broken file enables nothing). */
export function readDebugConfig(dataDir: string): DebugConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(debugConfigPath(dataDir), 'utf8'));
  } catch {
    return defaults();
  }
  const c = defaults();
  if (!raw || typeof raw !== 'object') return c;
  const r = raw as Record<string, unknown>;
  if (Array.isArray(r.keys)) {
    for (const k of r.keys as unknown[]) {
      const e = k as Record<string, unknown>;
      if (!e || typeof e.key !== 'string' || e.key === '') continue;
      c.keys.push({ key: e.key, until: typeof e.until === 'string' ? e.until : null, createdAt: typeof e.createdAt === 'string' ? e.createdAt : '' });
    }
  }
  if (typeof r.waitSeconds === 'number' && Number.isFinite(r.waitSeconds) && r.waitSeconds >= 0) c.waitSeconds = r.waitSeconds;
  if (r.onTimeout === 'stop' || r.onTimeout === 'resume') c.onTimeout = r.onTimeout;
  return c;
}

/** Writes the file atomically (temp file + rename) with mode 0600. */
export function writeDebugConfig(dataDir: string, c: DebugConfig): void {
  const file = debugConfigPath(dataDir);
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(c, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, file);
    chmodSync(file, 0o600);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw new Error(`Cannot write ${file}: ${errorMessage(e)}`);
  }
}

export function isKeyActive(k: DebugKey, now: Date = new Date()): boolean {
  return k.until === null || Date.parse(k.until) > now.getTime();
}

/** Keys that work now. */
export function activeKeys(c: DebugConfig, now: Date = new Date()): string[] {
  return c.keys.filter((k) => isKeyActive(k, now)).map((k) => k.key);
}

/** Enables (or renews) a key; `minutes` limits how long it works. Expired keys are dropped. */
export function enableDebugKey(dataDir: string, key: string, minutes?: number, now: Date = new Date()): DebugKey {
  if (key.trim() === '') throw new Error('A debug key must not be empty.');
  if (minutes !== undefined && !(minutes > 0)) throw new Error(`--minutes must be a positive number, not '${minutes}'.`);
  const c = readDebugConfig(dataDir);
  const entry: DebugKey = { key, until: minutes !== undefined ? new Date(now.getTime() + minutes * 60_000).toISOString() : null, createdAt: now.toISOString() };
  c.keys = [...c.keys.filter((k) => k.key !== key && isKeyActive(k, now)), entry];
  writeDebugConfig(dataDir, c);
  return entry;
}

/** Disables a key; false when it was not enabled. */
export function disableDebugKey(dataDir: string, key: string): boolean {
  const c = readDebugConfig(dataDir);
  const before = c.keys.length;
  c.keys = c.keys.filter((k) => k.key !== key);
  if (c.keys.length === before) return false;
  writeDebugConfig(dataDir, c);
  return true;
}

export function setDebugTimeout(dataDir: string, patch: { waitSeconds?: number; onTimeout?: OnTimeout }): DebugConfig {
  const c = readDebugConfig(dataDir);
  if (patch.waitSeconds !== undefined) {
    if (!(patch.waitSeconds >= 0) || !Number.isFinite(patch.waitSeconds)) throw new Error(`The wait must be a number of seconds, not '${patch.waitSeconds}'.`);
    c.waitSeconds = patch.waitSeconds;
  }
  if (patch.onTimeout !== undefined) c.onTimeout = patch.onTimeout;
  writeDebugConfig(dataDir, c);
  return c;
}

// ------------------------------------------------------------------ the gate a run goes through

const CALLS_WAIT = /\bdebugWait\s*\(/;
const ENABLE_CALL = /\benableDebug\s*\(/g;
const ENABLE_LITERAL = /\benableDebug\s*\(\s*"((?:[^"\\\n]|\\.)*)"\s*\)/g;

export interface DebugGate {
  /** Keys enabled now (the worker's enableDebug(key) checks against them). */
  keys: string[];
  waitSeconds: number;
  onTimeout: OnTimeout;
}

/**
 * Whether a run of these sources (the script and its includes) must run under the debugger:
 * some source calls debugWait and enableDebug, and an enabled key can match. Reads debug.json
 * only when the sources call debugWait. When every enableDebug argument is a string literal,
 * a run whose literals match no enabled key stays on the fast path.
 */
export function debugGate(dataDir: string, sources: Iterable<string>): DebugGate | null {
  const texts = [...sources];
  if (!texts.some((s) => CALLS_WAIT.test(s))) return null;
  let calls = 0;
  const literals: string[] = [];
  for (const s of texts) {
    calls += (s.match(ENABLE_CALL) ?? []).length;
    for (const m of s.matchAll(ENABLE_LITERAL)) literals.push(unescape(m[1]!));
  }
  if (calls === 0) return null;
  const c = readDebugConfig(dataDir);
  const keys = activeKeys(c);
  if (keys.length === 0) return null;
  if (literals.length === calls && !literals.some((l) => keys.includes(l))) return null;
  return { keys, waitSeconds: c.waitSeconds, onTimeout: c.onTimeout };
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_, ch: string) => ({ n: '\n', t: '\t', r: '\r' })[ch] ?? ch);
}
