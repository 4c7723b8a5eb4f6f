import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A short random id: 10 characters of [0-9a-z] (about 51 bits). */
export function newId(length = 10): string {
  const bytes = randomBytes(length);
  let out = '';
  // 252 = 7 * 36: bytes >= 252 would bias the result; the rare rejects are redrawn.
  for (let i = 0; out.length < length; i++) {
    if (i >= bytes.length) return out + newId(length - out.length);
    const b = bytes[i]!;
    if (b < 252) out += ALPHABET[b % 36];
  }
  return out;
}

export function nowIso(): string {
  return new Date().toISOString();
}
