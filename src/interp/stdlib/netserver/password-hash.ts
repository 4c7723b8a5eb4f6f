// How the sandbox keeps a user's password: never the password itself, only a salted scrypt hash
// (node:crypto) in the Credentials row's secret, as 'scrypt$N$r$p$salt$hash' (salt and hash in
// base64). Shared by the demo data (src/crm/demo-roles.ts) and NSUserAgent's password methods.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters and the lengths of the salt and the derived key. */
const COST = 16384;
const BLOCK = 8;
const PARALLEL = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** A new salted hash of a password (a fresh random salt each time). */
export function hashPassword(password: string): string {
  const salt = randomBytes(SALT_BYTES);
  const key = scryptSync(password, salt, KEY_BYTES, { N: COST, r: BLOCK, p: PARALLEL });
  return ['scrypt', COST, BLOCK, PARALLEL, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether a password is the one a stored hash was made from (false for anything that is not such a hash). */
export function passwordMatches(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0)) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const want = Buffer.from(parts[5], 'base64');
  if (!want.length) return false;
  const got = scryptSync(password, salt, want.length, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
  return timingSafeEqual(got, want);
}
