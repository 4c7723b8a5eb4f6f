// The CRMScript lexer: turns source text into tokens, encoded as a string with one character per
// token (its "code"; see the legend in crmscript.ohm) plus the source offsets of each token.

/** The tokens of a source: one code character per token and its source offsets. */
export interface Tokens {
  /** One code character per token. */
  codes: string;
  /** Source offset of each token's first character, and of the character after its end. */
  starts: number[];
  ends: number[];
}

export interface LexError {
  offset: number;
  message: string;
}

export const KEYWORDS = new Map<string, string>([
  ['if', 'I'], ['else', 'E'], ['for', 'F'], ['foreach', 'G'], ['in', 'N'], ['while', 'W'],
  ['break', 'B'], ['continue', 'C'], ['return', 'R'], ['try', 'T'], ['catch', 'K'],
  ['throw', 'X'], ['struct', 'S'], ['this', 'H'], ['true', 'Y'], ['false', 'Z'],
]);

const TWO_CHAR_OPS = new Map<string, string>([
  ['==', 'q'], ['!=', 'Q'], ['<=', 'l'], ['>=', 'g'], ['&&', '&'], ['||', '|'],
  ['++', 'p'], ['--', 'm'], ['+=', 'a'], ['-=', 'a'], ['*=', 'a'], ['/=', 'a'], ['%=', 'a'],
]);

const SINGLE_CHAR_TOKENS = new Set('(){}[];,.=+-*/%<>!');

const DIRECTIVES = new Map<string, string>([['#setlanguagelevel', 'L'], ['#include', 'U']]);

/**
 * The token code of a word: keywords are matched in any letter case (`If`, `STRUCT`), as
 * SuperOffice does; any other word is an identifier.
 */
export function wordCode(word: string): string {
  const code = KEYWORDS.get(word);
  if (code) return code;
  // the longest keyword has 8 letters; only words that could be one are lower-cased
  return word.length <= 8 && word.length >= 2 ? (KEYWORDS.get(word.toLowerCase()) ?? 'i') : 'i';
}
const EJS_MARKERS = ['%EJSCRIPT_START%', '%EJSCRIPT_END%'];

const IDENT_RE = /[\p{L}_][\p{L}\p{Nd}_]*/uy;
const NUMBER_RE = /(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const WORD_RE = /#?[\p{L}_][\p{L}\p{Nd}_]*/uy;

function isAsciiIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isAsciiIdentPart(c: number): boolean {
  return isAsciiIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const TEMPLATE_START = '%EJSCRIPT_START%';
const TEMPLATE_END = '%EJSCRIPT_END%';

/**
 * Where the template of a `%EJSCRIPT_START%` script begins (just after the marker), or -1 when
 * the source is plain CRMScript. Only whitespace may come before the marker.
 */
export function templateStart(source: string): number {
  const at = source.indexOf(TEMPLATE_START);
  return at >= 0 && source.slice(0, at).trim() === '' ? at + TEMPLATE_START.length : -1;
}

/**
 * Splits the source into tokens. Whitespace and comments are skipped. A template script (one
 * that starts with %EJSCRIPT_START%) is text with code in `<% … %>` blocks: each run of text
 * becomes one `P` token (a statement that prints it as written), and the markers are dropped.
 * In a plain script the markers are skipped. On an invalid character or an unterminated string
 * or comment, returns the tokens read so far together with the error.
 */
export function lex(source: string): { tokens: Tokens; error: LexError | null } {
  const n = source.length;
  let codes = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (code: string, start: number, end: number): void => {
    codes += code;
    starts.push(start);
    ends.push(end);
  };
  const fail = (offset: number, message: string) => ({ tokens: { codes, starts, ends }, error: { offset, message } });

  const template = templateStart(source);
  let i = template >= 0 ? template : 0;
  let inText = template >= 0;
  while (i < n) {
    if (inText) {
      // template text up to the next code block or end marker (which is dropped)
      const open = source.indexOf('<%', i);
      const stop = open === -1 ? n : open;
      const end = source.indexOf(TEMPLATE_END, i);
      if (end !== -1 && end < stop) {
        if (end > i) push('P', i, end);
        i = end + TEMPLATE_END.length;
        continue;
      }
      if (stop > i) push('P', i, stop);
      i = stop + 2;
      inText = false;
      continue;
    }
    const c = source.charCodeAt(i);
    if (c === 37 /* % */ && template >= 0 && source.charCodeAt(i + 1) === 62 /* > */) {
      i += 2;
      inText = true;
      continue;
    }
    if (c <= 32 || c === 0xa0 || c === 0xfeff) {
      i++;
    } else if (isAsciiIdentStart(c)) {
      let j = i + 1;
      while (j < n && isAsciiIdentPart(source.charCodeAt(j))) j++;
      if (j < n && source.charCodeAt(j) > 127) {
        IDENT_RE.lastIndex = i;
        IDENT_RE.exec(source);
        j = IDENT_RE.lastIndex;
      }
      push(wordCode(source.slice(i, j)), i, j);
      i = j;
    } else if (isDigit(c) || (c === 46 /* . */ && isDigit(source.charCodeAt(i + 1)))) {
      NUMBER_RE.lastIndex = i;
      const text = NUMBER_RE.exec(source)![0];
      const end = i + text.length;
      const after = source.charCodeAt(end);
      // a whole number with an L suffix (`5000000000L`) is a Long literal
      if ((after === 76 /* L */ || after === 108 /* l */) && !/[.eE]/.test(text) && !isAsciiIdentPart(source.charCodeAt(end + 1))) {
        push('d', i, end + 1);
        i = end + 1;
      } else {
        push(/[.eE]/.test(text) ? 'f' : 'n', i, end);
        i = end;
      }
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      let j = i + 1;
      while (j < n && source.charCodeAt(j) !== c) j += source.charCodeAt(j) === 92 /* \ */ ? 2 : 1;
      if (j >= n) return fail(i, `unterminated string: missing closing ${source[i]}`);
      push('s', i, j + 1);
      i = j + 1;
    } else if (c === 47 /* / */ && source.charCodeAt(i + 1) === 47) {
      const nl = source.indexOf('\n', i);
      i = nl === -1 ? n : nl + 1;
    } else if (c === 47 && source.charCodeAt(i + 1) === 42 /* * */) {
      const close = source.indexOf('*/', i + 2);
      if (close === -1) return fail(i, 'unterminated comment: missing "*/"');
      i = close + 2;
    } else if (c === 37 /* % */ && source.startsWith('%EJSCRIPT_', i)) {
      const marker = EJS_MARKERS.find((m) => source.startsWith(m, i));
      if (marker) {
        i += marker.length;
      } else {
        push('%', i, i + 1);
        i++;
      }
    } else if (c === 35 /* # */) {
      WORD_RE.lastIndex = i;
      const word = WORD_RE.exec(source)?.[0] ?? '#';
      const code = DIRECTIVES.get(word.toLowerCase());
      if (!code) return fail(i, `unknown directive "${word}" (expected #setLanguageLevel or #include)`);
      push(code, i, i + word.length);
      i += word.length;
    } else {
      const two = TWO_CHAR_OPS.get(source.slice(i, i + 2));
      if (two) {
        push(two, i, i + 2);
        i += 2;
      } else if (SINGLE_CHAR_TOKENS.has(source[i]!)) {
        push(source[i]!, i, i + 1);
        i++;
      } else if (c > 127) {
        IDENT_RE.lastIndex = i;
        if (!IDENT_RE.exec(source)) return fail(i, `unexpected character "${String.fromCodePoint(source.codePointAt(i)!)}"`);
        push(wordCode(source.slice(i, IDENT_RE.lastIndex)), i, IDENT_RE.lastIndex);
        i = IDENT_RE.lastIndex;
      } else {
        const hint = c === 38 ? ' (logical "and" is "&&")' : c === 124 ? ' (logical "or" is "||")' : '';
        return fail(i, `unexpected character "${source[i]}"${hint}`);
      }
    }
  }
  return { tokens: { codes, starts, ends }, error: null };
}
