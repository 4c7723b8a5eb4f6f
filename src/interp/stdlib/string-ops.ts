// The String methods' text operations that are more than one line: lines, CSV fields, stripping,
// wrapping and quoting, regular expressions, multi-language strings and bounded substrings.
import { CrmError } from '../runtime/values.js';
import { dict } from '../runtime/dict.js';
import { errorMessage } from '../util/error-message.js';

/**
 * Each character in upper or lower case on its own, as C's towupper/towlower: one whose case form
 * is longer (ß, whose upper case is SS) stays as it is, so lengths and positions do not change.
 */
export function changeCase(s: string, upper: boolean): string {
  const whole = upper ? s.toUpperCase() : s.toLowerCase();
  if (whole.length === s.length) return whole;
  let out = '';
  for (const ch of s) {
    const c = upper ? ch.toUpperCase() : ch.toLowerCase();
    out += c.length === ch.length ? c : ch;
  }
  return out;
}

export function stripSet(s: string, chars: string, leading: boolean, trailing: boolean): string {
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

export function wrapText(s: string, length: number, ignoreQuote: boolean): string {
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

export function quoteText(s: string, q: string): string {
  const lines = s.split('\n');
  const last = lines.length - 1;
  return lines.map((l, i) => (i === last && l === '' && last > 0 ? l : q + l)).join('\n');
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

export function compileRegexp(pattern: string): RegExp {
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

export function parseMultiLanguage(s: string, language: number): string {
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

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function checkSubString(s: string, pos: number, len: number): string {
  // The docs: "the position must be less than getLength()" (at or past the end is an error), a
  // length running past the end is clamped. Position 0 of an empty (or null) String gives "".
  if (pos < 0 || (pos >= s.length && pos !== 0)) {
    throw new CrmError(`subString: position ${pos} is outside the string (length ${s.length}).`);
  }
  return s.substr(pos, Math.max(0, len));
}
