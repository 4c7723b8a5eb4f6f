// A run's output is text, but printBinary (and Attachment.dump) write bytes that are no text.
// Bytes below 0x80 are the same in both; a byte from 0x80 up is kept in the output as a character
// of a private-use block, U+F780 to U+F7FF (0xF700 + the byte), which text from outside does not
// use, and which stays a valid character wherever output is kept (run history, JSON, PostgreSQL).
// Where output becomes bytes — the `run` command's stdout, a web endpoint's response body — those
// characters become their bytes again and the rest UTF-8.

const RAW = /[\uF780-\uF7FF]+/g;
const HAS_RAW = /[\uF780-\uF7FF]/;
const BASE = 0xf700;

/** Bytes as output characters. */
export function binaryChars(bytes: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] & 0xff;
    s += String.fromCharCode(b < 0x80 ? b : BASE + b);
  }
  return s;
}

/** Output text as the bytes to write: its bytes where printBinary wrote them, UTF-8 elsewhere. */
export function outputBytes(text: string): Buffer {
  if (!HAS_RAW.test(text)) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let at = 0;
  for (const m of text.matchAll(RAW)) {
    if (m.index > at) parts.push(Buffer.from(text.slice(at, m.index), 'utf8'));
    const raw = Buffer.alloc(m[0].length);
    for (let i = 0; i < m[0].length; i++) raw[i] = m[0].charCodeAt(i) - BASE;
    parts.push(raw);
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push(Buffer.from(text.slice(at), 'utf8'));
  return Buffer.concat(parts);
}
