/**
 * The API token: a random secret in `<data-dir>/daemon.token` (mode 0600),
 * made on the daemon's first start and reused afterwards. Every HTTP request
 * must carry it as `Authorization: Bearer <token>`.
 */
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { describeFsError } from './errors.js';

export const TOKEN_FILE = 'daemon.token';

export function tokenPath(dataDir: string): string {
  return join(dataDir, TOKEN_FILE);
}

/** The token, or null when the daemon has never started on this store. */
export function readToken(dataDir: string): string | null {
  try {
    const t = readFileSync(tokenPath(dataDir), 'utf8').trim();
    return t === '' ? null : t;
  } catch {
    return null;
  }
}

/** Read the token, creating it when missing; tightens the file mode to 0600 if it was looser. */
export function ensureToken(dataDir: string): string {
  const file = tokenPath(dataDir);
  const existing = readToken(dataDir);
  if (existing) {
    try {
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    } catch {
      // reading worked; a chmod problem is not worth refusing to start over
    }
    return existing;
  }
  const token = randomBytes(32).toString('base64url');
  try {
    // 'wx': when two daemons start at once, one creates the file and the other reads it.
    writeFileSync(file, token + '\n', { mode: 0o600, flag: 'wx' });
    return token;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      const other = readToken(dataDir);
      if (other) return other;
    }
    throw new Error(`Cannot create the API token file ${file}: ${describeFsError(e)}.`);
  }
}

/** Constant-time comparison of two secrets. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(b, b); // spend comparable time either way
    return false;
  }
  return timingSafeEqual(a, b);
}
