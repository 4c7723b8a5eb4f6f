// The String value type. Strings are immutable JS strings; `append` is an updater.
import type { NativeClass } from './registry.js';
import { CrmStream } from './nsstream.js';
import { CrmError, NULL_STRING } from '../runtime/values.js';
import { parseFloatPrefix, parseIntegerPrefix, startsWithInteger } from './numbers.js';
import { DateClass, DateTimeClass, TimeClass } from './datetime.js';
import { VectorClass } from './vector.js';
import { dict } from '../runtime/dict.js';
import { errorMessage } from '../util/error-message.js';

// ---- byte / code page helpers (also used by the global functions) ----

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

// ---- HTML / XML entities ----

// HTML 4 names for the Latin-1 range 160..255, in code point order.
const LATIN1_ENTITY_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
  'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
  'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
  'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute ' +
  'icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml'
).split(' ');

const NAMED_ENTITIES: Record<string, number> = dict({
  amp: 38,
  lt: 60,
  gt: 62,
  quot: 34,
  apos: 39,
  euro: 0x20ac,
  ndash: 0x2013,
  mdash: 0x2014,
  lsquo: 0x2018,
  rsquo: 0x2019,
  sbquo: 0x201a,
  ldquo: 0x201c,
  rdquo: 0x201d,
  bdquo: 0x201e,
  hellip: 0x2026,
  bull: 0x2022,
  trade: 0x2122,
  dagger: 0x2020,
  permil: 0x2030,
  OElig: 0x152,
  oelig: 0x153,
  Scaron: 0x160,
  scaron: 0x161,
});
LATIN1_ENTITY_NAMES.forEach((n, i) => {
  NAMED_ENTITIES[n] = 160 + i;
});

function decodeEntities(s: string, named: (name: string) => number | undefined): string {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);/g, (whole, body: string) => {
    let cp: number | undefined;
    if (body[0] === '#') {
      cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!(cp >= 0 && cp <= 0x10ffff)) return whole;
    } else {
      cp = named(body);
      if (cp === undefined) return whole;
    }
    return String.fromCodePoint(cp);
  });
}

export function htmlEncode(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

export function htmlDecode(s: string): string {
  return decodeEntities(s, (n) => NAMED_ENTITIES[n]);
}

const XML_ENTITIES: Record<string, number> = dict({ amp: 38, lt: 60, gt: 62, quot: 34, apos: 39 });

export function xmlEncode(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

export function xmlDecode(s: string): string {
  return decodeEntities(s, (n) => XML_ENTITIES[n]);
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

// ---- HTML documents ----

export function extractHtmlBody(s: string, convertBodyToDiv: boolean): string {
  const open = /<body\b([^>]*)>/i.exec(s);
  if (!open) return s;
  const start = open.index + open[0].length;
  const closeRe = /<\/body\s*>/gi;
  closeRe.lastIndex = start;
  const close = closeRe.exec(s);
  const inner = s.slice(start, close ? close.index : s.length);
  return convertBodyToDiv ? `<div${open[1]}>${inner}</div>` : inner;
}

export function extractHtmlHead(s: string, stripTitle: boolean): string {
  const open = /<head\b[^>]*>/i.exec(s);
  if (!open) return '';
  const start = open.index + open[0].length;
  const closeRe = /<\/head\s*>/gi;
  closeRe.lastIndex = start;
  const close = closeRe.exec(s);
  const inner = s.slice(start, close ? close.index : s.length);
  return stripTitle ? inner.replace(/<title\b[^>]*>[\s\S]*?<\/title\s*>/gi, '') : inner;
}

export function isHtmlDocument(s: string): boolean {
  const t = s.replace(/^[\uFEFF\s]+/, '').toLowerCase();
  return t.startsWith('<!doctype html') || t.startsWith('<html');
}

// ---- text helpers ----

function stripSet(s: string, chars: string, leading: boolean, trailing: boolean): string {
  let a = 0;
  let b = s.length;
  if (leading) while (a < b && chars.includes(s[a])) a++;
  if (trailing) while (b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** Splits off the first line. The line keeps its newline; without one, the whole string is the line. */
export function stringGetLine(s: string): { line: string; rest: string } {
  const i = s.indexOf('\n');
  if (i < 0) return { line: s, rest: '' };
  return { line: s.slice(0, i + 1), rest: s.slice(i + 1) };
}

/** Parses one delimited line; fields may be wrapped in double quotes, with "" for a quote inside. */
export function parseCsvLine(s: string, delimiter: string): string[] {
  if (delimiter.length !== 1) {
    throw new CrmError(`parseCSV needs a delimiter of exactly one character, got "${delimiter}".`);
  }
  let line = s;
  if (line.endsWith('\r\n')) line = line.slice(0, -2);
  else if (line.endsWith('\n')) line = line.slice(0, -1);
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQuotes) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += c;
    } else if (c === '"' && field.trim() === '') {
      field = '';
      inQuotes = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

function wrapText(s: string, length: number, ignoreQuote: boolean): string {
  if (length <= 0) return s;
  return s
    .split('\n')
    .map((line) => {
      if (line.length <= length || (ignoreQuote && line.startsWith('>'))) return line;
      const words = line.split(/ +/).filter((w) => w !== '');
      const out: string[] = [];
      let cur = '';
      for (const w of words) {
        if (cur === '') cur = w;
        else if (cur.length + 1 + w.length <= length) cur += ' ' + w;
        else {
          out.push(cur);
          cur = w;
        }
      }
      out.push(cur);
      return out.join('\n');
    })
    .join('\n');
}

function quoteText(s: string, q: string): string {
  const lines = s.split('\n');
  const last = lines.length - 1;
  return lines.map((l, i) => (i === last && l === '' && last > 0 ? l : q + l)).join('\n');
}

const EMAIL_RE =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

export function isValidEmail(s: string): boolean {
  return EMAIL_RE.test(s.trim());
}

/**
 * Parses `"Name" <addr>, Other <addr2>, addr3` into [name, address] pairs.
 * Returns null when any address is malformed.
 */
export function parseEmailList(s: string): Array<[string, string]> | null {
  const parts: string[] = [];
  let cur = '';
  let inQuotes = false;
  let inAngle = false;
  for (const c of s) {
    if (c === '"' && !inAngle) inQuotes = !inQuotes;
    else if (c === '<' && !inQuotes) inAngle = true;
    else if (c === '>' && !inQuotes) inAngle = false;
    if ((c === ',' || c === ';') && !inQuotes && !inAngle) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  const out: Array<[string, string]> = [];
  for (const raw of parts) {
    const p = raw.trim();
    if (p === '') continue;
    let name = '';
    let addr = p;
    const m = /^(.*)<([^<>]*)>\s*$/.exec(p);
    if (m) {
      name = m[1].trim();
      if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1);
      addr = m[2].trim();
    }
    if (!isValidEmail(addr)) return null;
    out.push([name, addr]);
  }
  return out;
}

/** Builds a CRMScript Vector holding `items`. */
export function newVector(items: readonly string[]): unknown {
  const ctors = VectorClass.ctors ?? {};
  const v =
    VectorClass.defaultValue?.() ??
    (ctors['()'] ? ctors['()']() : ctors['(Integer[])'] ? ctors['(Integer[])']([]) : undefined);
  if (v === undefined) throw new CrmError('Vector cannot be created.');
  const push = VectorClass.methods?.['pushBack(String)'];
  if (!push) throw new CrmError('Vector.pushBack is not available.');
  for (const it of items) push(v, it);
  return v;
}

// POSIX bracket classes that scripts may use in regexp(); JS has no [:name:] syntax.
const POSIX_CLASSES: Record<string, string> = dict({
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
});

function compileRegexp(pattern: string): RegExp {
  const src = pattern.replace(/\[:([a-z]+):\]/g, (whole, n: string) => POSIX_CLASSES[n] ?? whole);
  try {
    return new RegExp(src, 'i');
  } catch (e) {
    throw new CrmError(`Invalid regular expression "${pattern}": ${errorMessage(e)}`);
  }
}

// SuperOffice language prefixes in multi-language strings, by language id.
const SO_LANGUAGE_PREFIXES: string[][] = [
  ['NO', 'NB'],
  ['US', 'EN', 'GB', 'UK'],
  ['GE', 'DE'],
  ['SW', 'SE', 'SV'],
  ['DA', 'DK'],
  ['DU', 'NL'],
  ['FR'],
  ['SP', 'ES'],
  ['IT'],
  ['CZ', 'CS'],
  ['FI'],
  ['PL'],
];

function parseMultiLanguage(s: string, language: number): string {
  const entries = new Map<string, string>();
  const re = /([A-Za-z]{2,3})\s*:\s*"((?:[^"]|"")*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) entries.set(m[1].toUpperCase(), m[2].replace(/""/g, '"'));
  // A plain (single-language) string is returned as it is.
  if (entries.size === 0) return s;
  for (const p of SO_LANGUAGE_PREFIXES[language] ?? []) {
    const v = entries.get(p);
    if (v !== undefined) return v;
  }
  return '';
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkSubString(s: string, pos: number, len: number): string {
  // The docs: "the position must be less than getLength()" (at or past the end is an error), a
  // length running past the end is clamped. Position 0 of an empty (or null) String gives "".
  if (pos < 0 || (pos >= s.length && pos !== 0)) {
    throw new CrmError(`subString: position ${pos} is outside the string (length ${s.length}).`);
  }
  return s.substr(pos, Math.max(0, len));
}

// ---- the class ----

export const StringClass: NativeClass = {
  name: 'String',
  takers: {
    // returns the first line and removes it (and its line break) from the variable
    'getLine()': (self: string) => {
      const r = stringGetLine(self);
      return [r.rest, r.line];
    },
  },
  defaultValue: () => NULL_STRING,
  ctors: {
    '()': () => '',
    '(String)': (s: string) => s,
    '(Byte[])': (b: number[]) => latin1BytesToString(b),
    '(Byte[],String)': (b: number[], codePage: string) => decodeBytes(b, codePage),
    '(NSStream)': (s: CrmStream) => latin1BytesToString(s.bytes),
    '(NSStream,String)': (s: CrmStream, codePage: string) => decodeBytes(s.bytes, codePage),
  },
  updaters: {
    'append(String)': (self: string, v: string) => self + v,
    'append(Byte)': (self: string, b: number) => self + String.fromCharCode(b & 0xff),
  },
  methods: {
    'getLength()': (self: string) => self.length,
    'toLower()': (self: string) => self.toLowerCase(),
    'toUpper()': (self: string) => self.toUpperCase(),
    'isLower()': (self: string) => /^\p{Ll}+$/u.test(self),
    'isUpper()': (self: string) => /^\p{Lu}+$/u.test(self),
    'equals(String)': (self: string, v: string) => self.valueOf() === v.valueOf(),
    'equalsIgnoreCase(String)': (self: string, v: string) => self.toLowerCase() === v.toLowerCase(),
    'beginsWith(String)': (self: string, v: string) => self.startsWith(v),
    'caseBeginsWith(String)': (self: string, v: string) => self.toLowerCase().startsWith(v.toLowerCase()),
    'endsWith(String)': (self: string, v: string) => self.endsWith(v),
    'caseEndsWith(String)': (self: string, v: string) => self.toLowerCase().endsWith(v.toLowerCase()),
    'compare(String)': (self: string, v: string) => compareStrings(self, v),
    'caseCompare(String)': (self: string, v: string) => compareStrings(self.toLowerCase(), v.toLowerCase()),
    'substitute(String,String)': (self: string, src: string, dest: string) =>
      src.length === 0 ? self : self.split(src).join(dest),
    'find(String)': (self: string, v: string) => self.indexOf(v),
    'findCase(String)': (self: string, v: string) => self.toLowerCase().indexOf(v.toLowerCase()),
    'findLast(String)': (self: string, v: string) => self.lastIndexOf(v),
    'subString(Integer,Integer)': (self: string, pos: number, len: number) => checkSubString(self, pos, len),
    'until(String)': (self: string, p: string) => {
      const i = self.indexOf(p);
      return i < 0 ? self : self.slice(0, i);
    },
    'before(String)': (self: string, p: string) => {
      const i = self.indexOf(p);
      return i < 0 ? self : self.slice(0, i);
    },
    'beforeLast(String)': (self: string, p: string) => {
      const i = self.lastIndexOf(p);
      return i < 0 ? self : self.slice(0, i);
    },
    'after(String)': (self: string, p: string) => {
      const i = self.indexOf(p);
      return i < 0 ? '' : self.slice(i + p.length);
    },
    'afterLast(String)': (self: string, p: string) => {
      const i = self.lastIndexOf(p);
      return i < 0 ? '' : self.slice(i + p.length);
    },
    'split(String)': (self: string, d: string) => {
      // An empty string has no parts; an empty delimiter cannot split (the docs rule it out).
      if (self.length === 0) return [];
      if (d.length === 0) return [self];
      return self.split(d);
    },
    'isAlpha()': (self: string) => /^\p{L}+$/u.test(self),
    'isDigit()': (self: string) => /^[0-9]+$/.test(self),
    'isAlphanumeric()': (self: string) => /^[\p{L}0-9]+$/u.test(self),
    // "no value" (runtime/values.ts NULL_STRING) is not '': isNull() is true only for the former
    'isNull()': (self: string) => self === NULL_STRING,
    'isEmpty()': (self: string) => self.length === 0,
    // The API text has the outcome inverted by mistake; "1" and "true" give true.
    'toBool()': (self: string) => {
      const t = self.trim().toLowerCase();
      return t === '1' || t === 'true';
    },
    'toInteger()': (self: string) => parseIntegerPrefix(self),
    'toFloat()': (self: string) => parseFloatPrefix(self),
    'toDate()': (self: string) => DateClass.ctors!['(String)'](self),
    'toDateTime()': (self: string) => DateTimeClass.ctors!['(String)'](self),
    'toTime()': (self: string) => TimeClass.ctors!['(String)'](self),
    'toByteArray()': (self: string) => stringToLatin1Bytes(self),
    'escape(String)': (self: string, chars: string) => {
      let out = '';
      for (const c of self) out += chars.includes(c) ? '\\' + c : c;
      return out;
    },
    'extractHtmlBody(Bool)': (self: string, toDiv: boolean) => extractHtmlBody(self, toDiv),
    'extractHtmlHead(Bool)': (self: string, stripTitle: boolean) => extractHtmlHead(self, stripTitle),
    'isHtmlDocument()': (self: string) => isHtmlDocument(self),
    'htmlDecode()': (self: string) => htmlDecode(self),
    'htmlEncode()': (self: string) => htmlEncode(self),
    // The Vector holds name and address for each address in turn: [name1, addr1, name2, addr2, ...].
    'getEmails()': (self: string) => {
      const list = parseEmailList(self);
      return newVector(list ? list.flat() : []);
    },
    'isValidEmail()': (self: string) => isValidEmail(self),
    'getWord(Integer)': (self: string, pos: number) => {
      const words = self.split(/\s+/).filter((w) => w !== '');
      return pos >= 0 && pos < words.length ? words[pos] : '';
    },
    'isNumber()': (self: string) => startsWithInteger(self),
    'urlDecode()': (self: string) => urlDecode(self),
    'urlEncode()': (self: string) => urlEncode(self),
    'utf8Decode()': (self: string) => utf8Decode(self),
    'utf8Encode()': (self: string) => utf8Encode(self),
    'xmlDecode()': (self: string) => xmlDecode(self),
    'xmlEncode()': (self: string) => xmlEncode(self),
    'keepChars(String)': (self: string, keep: string) => {
      let out = '';
      for (const c of self) if (keep.includes(c)) out += c;
      return out;
    },
    'parseCSV(String)': (self: string, d: string) => parseCsvLine(self, d),
    'parseSOMultiLanguageString(Integer)': (self: string, lang: number) => parseMultiLanguage(self, lang),
    'prettyChop(Integer)': (self: string, len: number) => {
      const n = Math.max(0, len);
      return self.length <= n ? self : self.slice(0, n) + '...';
    },
    'quote(String)': (self: string, q: string) => quoteText(self, q),
    'regexp(String)': (self: string, pattern: string) => {
      const m = compileRegexp(pattern).exec(self);
      return m ? Array.from(m, (g) => g ?? '') : [];
    },
    'stripLeading(String)': (self: string, chars: string) => stripSet(self, chars, true, false),
    'stripLeadingAndTrailing(String)': (self: string, chars: string) => stripSet(self, chars, true, true),
    'stripTrailing(String)': (self: string, chars: string) => stripSet(self, chars, false, true),
    'wrap(Integer,Bool)': (self: string, len: number, ignoreQuote: boolean) => wrapText(self, len, ignoreQuote),
  },
};
