// Byte, code page, URL and UTF-8 conversions of Strings (used by String and the global functions).
import { CrmError } from '../runtime/values.js';
import { dict } from '../runtime/dict.js';

// ---- bytes and code pages ----

/** String to ISO-8859-1 bytes; characters outside Latin-1 become '?'. */
export function stringToLatin1Bytes(s: string): number[] {
  const out = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i] = c < 256 ? c : 0x3f;
  }
  return out;
}

/** ISO-8859-1 bytes to a String. */
export function latin1BytesToString(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    out += String.fromCharCode(...bytes.slice(i, i + 4096).map((b) => b & 0xff));
  }
  return out;
}

/** Windows code page numbers a script may pass, mapped to WHATWG encoding labels. */
const CODE_PAGES: Record<string, string> = dict({
  '65001': 'utf-8',
  '28591': 'iso-8859-1',
  '1252': 'windows-1252',
  '1250': 'windows-1250',
  '1251': 'windows-1251',
  '1200': 'utf-16le',
  '1201': 'utf-16be',
  '28605': 'iso-8859-15',
  '20127': 'us-ascii',
});

// Windows-1252 differs from Latin-1 in 0x80..0x9F (Node's TextDecoder treats it as Latin-1).
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/** Decode bytes with a code page given by name ("utf-8", "ISO-8859-1") or number ("65001"). */
export function decodeBytes(bytes: readonly number[], codePage: string): string {
  const key = codePage.trim().toLowerCase();
  if (key === '' || key === 'latin1' || key === 'iso-8859-1' || key === '28591') {
    return latin1BytesToString(bytes);
  }
  const label = CODE_PAGES[key] ?? key;
  if (label === 'windows-1252' || label === 'cp1252') {
    return latin1BytesToString(bytes).replace(/[\x80-\x9f]/g, (c) =>
      String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]),
    );
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    throw new CrmError(`Unknown code page "${codePage}".`);
  }
  return decoder.decode(Uint8Array.from(bytes, (b) => b & 0xff));
}

// ---- URL / UTF-8 ----

/** Percent-encodes everything except A-Z a-z 0-9 - _ . ~ (UTF-8 bytes, upper-case hex). */
export function urlEncode(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Decodes %XX escapes and '+' (as a space). Bytes that are not valid UTF-8 are taken as Latin-1. */
export function urlDecode(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '+') bytes.push(32);
    else if (c === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      for (const b of Buffer.from(String.fromCodePoint(cp), 'utf8')) bytes.push(b);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return latin1BytesToString(bytes);
  }
}

/** Each UTF-8 byte of the string as one Latin-1 character. */
export function utf8Encode(s: string): string {
  return latin1BytesToString(Array.from(Buffer.from(s, 'utf8')));
}

/** Reads the characters as UTF-8 bytes; input that is not valid UTF-8 is returned unchanged. */
export function utf8Decode(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) return s;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(stringToLatin1Bytes(s)));
  } catch {
    return s;
  }
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Bytes as base32 (RFC 4648: A-Z and 2-7, padded with = to a multiple of 8 characters). */
export function encodeBase32(bytes: readonly number[]): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = ((value << 8) | (b & 0xff)) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out + '='.repeat((8 - (out.length % 8)) % 8);
}
