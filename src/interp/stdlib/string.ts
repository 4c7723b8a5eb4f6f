// The String value type. Strings are immutable JS strings; `append` is an updater.
import type { NativeClass } from './registry.js';
import { CrmStream } from './nsstream.js';
import { NULL_STRING } from '../runtime/values.js';
import { parseLongPrefix } from '../runtime/long.js';
import { parseFloatPrefix, parseIntegerPrefix, startsWithInteger } from './numbers.js';
import { DateClass, DateTimeClass, TimeClass } from './datetime.js';
import { newVector } from './vector.js';
import {
  decodeBytes,
  latin1BytesToString,
  stringToLatin1Bytes,
  urlDecode,
  urlEncode,
  utf8Decode,
  utf8Encode,
} from './string-encoding.js';
import {
  extractHtmlBody,
  extractHtmlHead,
  htmlDecode,
  htmlEncode,
  isHtmlDocument,
  xmlDecode,
  xmlEncode,
} from './string-markup.js';
import { isValidEmail, parseEmailList } from './string-email.js';
import {
  changeCase,
  checkSubString,
  compareStrings,
  compileRegexp,
  parseCsvLine,
  parseMultiLanguage,
  quoteText,
  stringGetLine,
  stripSet,
  wrapText,
} from './string-ops.js';

const lower = (s: string): string => changeCase(s, false);

export const StringClass: NativeClass = {
  name: 'String',
  // toString(): SuperOffice's own examples call it on a String (the reference's String has none)
  extraSignatures: ['Long toLong()', 'String toString()'],
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
    'toLower()': (self: string) => lower(self),
    'toUpper()': (self: string) => changeCase(self, true),
    'isLower()': (self: string) => /^\p{Ll}+$/u.test(self),
    'isUpper()': (self: string) => /^\p{Lu}+$/u.test(self),
    'equals(String)': (self: string, v: string) => self.valueOf() === v.valueOf(),
    'equalsIgnoreCase(String)': (self: string, v: string) => lower(self) === lower(v),
    'beginsWith(String)': (self: string, v: string) => self.startsWith(v),
    'caseBeginsWith(String)': (self: string, v: string) => lower(self).startsWith(lower(v)),
    'endsWith(String)': (self: string, v: string) => self.endsWith(v),
    'caseEndsWith(String)': (self: string, v: string) => lower(self).endsWith(lower(v)),
    'compare(String)': (self: string, v: string) => compareStrings(self, v),
    'caseCompare(String)': (self: string, v: string) => compareStrings(lower(self), lower(v)),
    'substitute(String,String)': (self: string, src: string, dest: string) =>
      src.length === 0 ? self : self.split(src).join(dest),
    'find(String)': (self: string, v: string) => self.indexOf(v),
    'findCase(String)': (self: string, v: string) => lower(self).indexOf(lower(v)),
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
    // CRMScript 10.1 (newer than the reference)
    'toLong()': (self: string) => parseLongPrefix(String(self)),
    'toString()': (self: string) => self,
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
