import { describe, expect, it } from 'vitest';
import { StringClass } from '../../../src/interp/stdlib/string.js';
import { parseEmailList } from '../../../src/interp/stdlib/string-email.js';
import { stringGetLine } from '../../../src/interp/stdlib/string-ops.js';
import { VectorClass } from '../../../src/interp/stdlib/vector.js';
import { DateClass, DateTimeClass, TimeClass } from '../../../src/interp/stdlib/datetime.js';
import { CrmError, NULL_STRING } from '../../../src/interp/runtime/values.js';

const S = StringClass.methods!;
const U = StringClass.updaters!;
const C = StringClass.ctors!;
const vec = (v: unknown) => VectorClass.methods!['toStringArray()'](v) as string[];

describe('String constructors', () => {
  it('build from nothing, a String and bytes', () => {
    expect(C['()']()).toBe('');
    expect(C['(String)']('butternut')).toBe('butternut');
    expect(C['(Byte[])']([72, 105, 0xe6])).toBe('Hi\u00e6');
    expect(C['(Byte[],String)']([0xc3, 0xa6, 0x21], 'UTF-8')).toBe('\u00e6!');
    expect(C['(Byte[],String)']([0xc3, 0xa6], '65001')).toBe('\u00e6');
    expect(C['(Byte[],String)']([0xe6], 'ISO-8859-1')).toBe('\u00e6');
    expect(C['(Byte[],String)']([0x80], '1252')).toBe('\u20ac');
    expect(() => C['(Byte[],String)']([65], 'no-such-codepage')).toThrow(CrmError);
  });
  it('round-trips through toByteArray (Latin-1)', () => {
    expect(S['toByteArray()']('A\u00f8')).toEqual([65, 0xf8]);
    expect(S['toByteArray()']('\u20ac')).toEqual([63]);
    expect(C['(Byte[])'](S['toByteArray()']('Roasted seeds'))).toBe('Roasted seeds');
  });
});

describe('String basics (conformance 005)', () => {
  const s = 'SuperOffice AS';
  it('length, case, subString, find, begins/ends', () => {
    expect(S['getLength()'](s)).toBe(14);
    expect(S['toUpper()'](s)).toBe('SUPEROFFICE AS');
    expect(S['toLower()'](s)).toBe('superoffice as');
    expect(S['subString(Integer,Integer)'](s, 0, 5)).toBe('Super');
    expect(S['subString(Integer,Integer)'](s, 5, 6)).toBe('Office');
    expect(S['find(String)'](s, 'Office')).toBe(5);
    expect(S['find(String)'](s, 'Nothing')).toBe(-1);
    expect(S['beginsWith(String)'](s, 'Super')).toBe(true);
    expect(S['endsWith(String)'](s, 'AS')).toBe(true);
    expect(S['endsWith(String)'](s, 'as')).toBe(false);
    expect(S['caseEndsWith(String)'](s, 'as')).toBe(true);
    expect(S['caseBeginsWith(String)'](s, 'sUPER')).toBe(true);
    expect(S['beginsWith(String)'](s, 'super')).toBe(false);
  });
  it('subString clamps the length but rejects a start at or past the end', () => {
    expect(S['subString(Integer,Integer)']('abc', 1, 100)).toBe('bc');
    expect(S['subString(Integer,Integer)']('abc', 2, 2)).toBe('c');
    expect(() => S['subString(Integer,Integer)']('abc', 3, 2)).toThrow(/position 3 is outside the string/);
    expect(S['subString(Integer,Integer)']('', 0, 2)).toBe('');
    expect(() => S['subString(Integer,Integer)']('', 1, 2)).toThrow(/outside the string/);
    expect(S['subString(Integer,Integer)']('abc', 1, -4)).toBe('');
    expect(() => S['subString(Integer,Integer)']('abc', 4, 1)).toThrow(/outside the string/);
    expect(() => S['subString(Integer,Integer)']('abc', -1, 1)).toThrow(CrmError);
  });
  it('isEmpty / isNull', () => {
    expect(S['isEmpty()']('')).toBe(true);
    expect(S['isEmpty()']('x')).toBe(false);
    expect(S['isEmpty()'](NULL_STRING)).toBe(true);
    expect(S['isNull()']('')).toBe(false);
    expect(S['isNull()'](' ')).toBe(false);
    expect(S['isNull()'](NULL_STRING)).toBe(true);
    expect(StringClass.defaultValue!()).toBe(NULL_STRING);
  });
  it('find variants', () => {
    expect(S['findCase(String)']('SuperOffice', 'office')).toBe(5);
    expect(S['find(String)']('SuperOffice', 'office')).toBe(-1);
    expect(S['findLast(String)']('SuperOffice', 'e')).toBe(10);
    expect(S['findLast(String)']('SuperOffice', 'z')).toBe(-1);
  });
});

describe('comparing', () => {
  it('equals, equalsIgnoreCase, compare, caseCompare', () => {
    expect(S['equals(String)']('apple', 'Apple')).toBe(false);
    expect(S['equals(String)']('apple', 'apple')).toBe(true);
    expect(S['equalsIgnoreCase(String)']('apple', 'Apple')).toBe(true);
    expect(S['compare(String)']('a', 'B')).toBeGreaterThan(0); // upper case sorts first
    expect(S['compare(String)']('B', 'a')).toBeLessThan(0);
    expect(S['compare(String)']('ship', 'shipping')).toBeLessThan(0);
    expect(S['compare(String)']('abc', 'abc')).toBe(0);
    expect(S['caseCompare(String)']('a', 'B')).toBeLessThan(0);
    expect(S['caseCompare(String)']('ABC', 'abc')).toBe(0);
  });
});

describe('append (updater) and substitute', () => {
  it('append returns the new receiver', () => {
    expect(U['append(String)']('Super', 'Office')).toBe('SuperOffice');
    expect(U['append(Byte)']('A', 66)).toBe('AB');
    expect(U['append(Byte)']('A', 0xe5)).toBe('A\u00e5');
  });
  it('substitute replaces every occurrence', () => {
    expect(S['substitute(String,String)']('Superoffice', 'o', 'O')).toBe('SuperOffice');
    expect(S['substitute(String,String)']('a.b.c', '.', '::')).toBe('a::b::c');
    expect(S['substitute(String,String)']('abc', '', 'x')).toBe('abc');
  });
});

describe('extracting (conformance 006)', () => {
  const path = 'a/b/c.txt';
  it('before/after and their Last variants', () => {
    expect(S['before(String)'](path, '/')).toBe('a');
    expect(S['after(String)'](path, '/')).toBe('b/c.txt');
    expect(S['beforeLast(String)'](path, '/')).toBe('a/b');
    expect(S['afterLast(String)'](path, '/')).toBe('c.txt');
    expect(S['until(String)']('name := test', ':=')).toBe('name ');
    expect(S['after(String)']('name := value', ':=')).toBe(' value');
  });
  it('missing patterns: before/until give the whole string, after gives empty', () => {
    expect(S['until(String)']('abc', 'x')).toBe('abc');
    expect(S['before(String)']('abc', 'x')).toBe('abc');
    expect(S['beforeLast(String)']('abc', 'x')).toBe('abc');
    expect(S['after(String)']('abc', 'x')).toBe('');
    expect(S['afterLast(String)']('abc', 'x')).toBe('');
  });
  it('split', () => {
    expect(S['split(String)']('red,green,blue', ',')).toEqual(['red', 'green', 'blue']);
    expect(S['split(String)']('Change is the essence', ' is ')).toEqual(['Change', 'the essence']);
    expect(S['split(String)']('a,,b,', ',')).toEqual(['a', '', 'b', '']);
    expect(S['split(String)']('', ',')).toEqual([]);
    expect(S['split(String)']('abc', '')).toEqual(['abc']);
  });
  it('strip functions', () => {
    expect(S['stripLeadingAndTrailing(String)']('  trim me  ', ' ')).toBe('trim me');
    expect(S['stripLeading(String)']('xxyabcx', 'xy')).toBe('abcx');
    expect(S['stripTrailing(String)']('abc.,.', ',.')).toBe('abc');
    expect(S['stripLeadingAndTrailing(String)']('....', '.')).toBe('');
  });
  it('getWord and getLine', () => {
    expect(S['getWord(Integer)']('  this is a test', 1)).toBe('is');
    expect(S['getWord(Integer)']('  this is a test', 0)).toBe('this');
    expect(S['getWord(Integer)']('one two', 5)).toBe('');
    const take = StringClass.takers!['getLine()'];
    expect(take('first\nsecond')).toEqual(['second', 'first\n']);
    expect(take('only')).toEqual(['', 'only']);
    expect(stringGetLine('first\nsecond\n')).toEqual({ line: 'first\n', rest: 'second\n' });
    expect(stringGetLine('only')).toEqual({ line: 'only', rest: '' });
  });
  it('keepChars, escape, prettyChop, quote', () => {
    expect(S['keepChars(String)']('+47 (22) 11-22', '0123456789')).toBe('47221122');
    expect(S['escape(String)']('a;b"c', ';"')).toBe('a\\;b\\"c');
    expect(S['prettyChop(Integer)']('SuperOffice', 5)).toBe('Super...');
    expect(S['prettyChop(Integer)']('Super', 5)).toBe('Super');
    expect(S['quote(String)']('line one\nline two', '> ')).toBe('> line one\n> line two');
    expect(S['quote(String)']('x\n', '>')).toBe('>x\n');
  });
  it('wrap', () => {
    expect(S['wrap(Integer,Bool)']('the quick brown fox jumps', 10, false)).toBe('the quick\nbrown fox\njumps');
    expect(S['wrap(Integer,Bool)']('> quoted text that is long\nplain text that is long', 10, true)).toBe(
      '> quoted text that is long\nplain text\nthat is\nlong',
    );
    expect(S['wrap(Integer,Bool)']('short', 10, false)).toBe('short');
    expect(S['wrap(Integer,Bool)']('averyveryverylongword x', 5, false)).toBe('averyveryverylongword\nx');
  });
});

describe('character classes', () => {
  it('isAlpha, isDigit, isAlphanumeric, isLower, isUpper, isNumber', () => {
    expect(S['isAlpha()']('SuperOffice')).toBe(true);
    expect(S['isAlpha()']('SuperOffice AS')).toBe(false);
    expect(S['isAlpha()']('Bl\u00e5b\u00e6r')).toBe(true);
    expect(S['isAlpha()']('')).toBe(false);
    expect(S['isDigit()']('0123')).toBe(true);
    expect(S['isDigit()']('12a')).toBe(false);
    expect(S['isAlphanumeric()']('abc123')).toBe(true);
    expect(S['isAlphanumeric()']('abc 123')).toBe(false);
    expect(S['isLower()']('abc')).toBe(true);
    expect(S['isLower()']('abc def')).toBe(false);
    expect(S['isLower()']('aBc')).toBe(false);
    expect(S['isUpper()']('ABC')).toBe(true);
    expect(S['isUpper()']('ABc')).toBe(false);
    expect(S['isNumber()']('123')).toBe(true);
    expect(S['isNumber()']('123nok')).toBe(true);
    expect(S['isNumber()']('nok123')).toBe(false);
    expect(S['isNumber()']('-4')).toBe(true);
    expect(S['isNumber()']('')).toBe(false);
  });
});

describe('conversions', () => {
  it('toInteger and toFloat read the leading number', () => {
    expect(S['toInteger()']('42')).toBe(42);
    expect(S['toInteger()']('12nok3')).toBe(12);
    expect(S['toInteger()']('nok')).toBe(0);
    expect(S['toInteger()'](' -8 ')).toBe(-8);
    expect(S['toFloat()']('150,3')).toBe(150.3);
    expect(S['toFloat()']('2.5x')).toBe(2.5);
    expect(S['toFloat()']('x')).toBe(0);
  });
  it('toBool is true for "1" and "true"', () => {
    expect(S['toBool()']('1')).toBe(true);
    expect(S['toBool()']('True')).toBe(true);
    expect(S['toBool()']('0')).toBe(false);
    expect(S['toBool()']('yes')).toBe(false);
    expect(S['toBool()']('')).toBe(false);
  });
  it('toDate, toDateTime, toTime use the date/time constructors', () => {
    expect(DateClass.methods!['toString()'](S['toDate()']('2024-02-29'))).toBe(
      DateClass.methods!['toString()'](DateClass.ctors!['(String)']('2024-02-29')),
    );
    expect(DateClass.methods!['getMonth()'](S['toDate()']('2024-02-29'))).toBe(2);
    expect(DateTimeClass.methods!['getYear()'](S['toDateTime()']('2023-05-06 07:08:09'))).toBe(2023);
    expect(TimeClass.methods!['getMin()'](S['toTime()']('10:45:00'))).toBe(45);
  });
});

describe('encodings', () => {
  it('html', () => {
    expect(S['htmlEncode()']('<a href="x">Tom & Jerry\'s</a>')).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
    expect(S['htmlDecode()']('&lt;b&gt; &amp;amp; &quot;&aring;&#229;&#xE5;&nbsp;&euro;&bogus;')).toBe(
      '<b> &amp; "\u00e5\u00e5\u00e5\u00a0\u20ac&bogus;',
    );
  });
  it('xml', () => {
    expect(S['xmlEncode()']('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(S['xmlDecode()']('&lt;&gt;&amp;&quot;&apos;&#65;&nbsp;')).toBe('<>&"\'A&nbsp;');
  });
  it('url', () => {
    expect(S['urlEncode()']('a b&c=d/\u00e6')).toBe('a%20b%26c%3Dd%2F%C3%A6');
    expect(S['urlEncode()']('safe-_.~')).toBe('safe-_.~');
    expect(S['urlDecode()']('a+b%20c%26%C3%A6')).toBe('a b c&\u00e6');
    expect(S['urlDecode()']('%E6')).toBe('\u00e6'); // not UTF-8: read as Latin-1
    expect(S['urlDecode()']('100%')).toBe('100%');
  });
  it('utf8', () => {
    expect(S['utf8Encode()']('\u00f8')).toBe('\u00c3\u00b8');
    expect(S['utf8Encode()']('abc')).toBe('abc');
    expect(S['utf8Decode()']('\u00c3\u00b8')).toBe('\u00f8');
    expect(S['utf8Decode()'](S['utf8Encode()']('\u20ac \u{1f600}'))).toBe('\u20ac \u{1f600}');
    expect(S['utf8Decode()']('\u00f8')).toBe('\u00f8'); // invalid UTF-8 stays as it is
  });
});

describe('html documents', () => {
  const doc = '<!DOCTYPE html><html><head><title>T</title><style>b{}</style></head><body class="x"><p>Hi</p></body></html>';
  it('extract body and head, detect documents', () => {
    expect(S['extractHtmlBody(Bool)'](doc, false)).toBe('<p>Hi</p>');
    expect(S['extractHtmlBody(Bool)'](doc, true)).toBe('<div class="x"><p>Hi</p></div>');
    expect(S['extractHtmlBody(Bool)']('plain', false)).toBe('plain');
    expect(S['extractHtmlHead(Bool)'](doc, false)).toBe('<title>T</title><style>b{}</style>');
    expect(S['extractHtmlHead(Bool)'](doc, true)).toBe('<style>b{}</style>');
    expect(S['extractHtmlHead(Bool)']('<p>x</p>', true)).toBe('');
    expect(S['isHtmlDocument()'](doc)).toBe(true);
    expect(S['isHtmlDocument()']('  <HTML><body></body></HTML>')).toBe(true);
    expect(S['isHtmlDocument()']('<p>fragment</p>')).toBe(false);
  });
});

describe('emails', () => {
  it('isValidEmail', () => {
    expect(S['isValidEmail()']('john.doe@example.com')).toBe(true);
    expect(S['isValidEmail()']('a+b@sub.example.co.uk')).toBe(true);
    expect(S['isValidEmail()']('no-at-sign.com')).toBe(false);
    expect(S['isValidEmail()']('a@b')).toBe(false);
    expect(S['isValidEmail()']('a b@c.com')).toBe(false);
    expect(S['isValidEmail()']('.a@c.com')).toBe(false);
  });
  it('getEmails returns names and addresses in turn', () => {
    const v = S['getEmails()']('"Doe, John" <john@example.com>, Jane <jane@example.org>; bob@example.net');
    expect(vec(v)).toEqual(['Doe, John', 'john@example.com', 'Jane', 'jane@example.org', '', 'bob@example.net']);
    expect(vec(S['getEmails()']('good@example.com, broken@'))).toEqual([]);
    expect(parseEmailList('')).toEqual([]);
  });
});

describe('parsing', () => {
  it('parseCSV handles quotes and rejects multi-character delimiters', () => {
    expect(S['parseCSV(String)']('a,"b,c","say ""hi""",,d\n', ',')).toEqual(['a', 'b,c', 'say "hi"', '', 'd']);
    expect(S['parseCSV(String)']('x;y', ';')).toEqual(['x', 'y']);
    expect(() => S['parseCSV(String)']('x', ',,')).toThrow(CrmError);
  });
  it('regexp returns the match and its groups, case-insensitively', () => {
    const s = 'blabla 1234-4567-7890-1111 tail';
    expect(S['regexp(String)'](s, '(\\d{4})-(\\d{4})-(\\d{4})-(\\d{4})')).toEqual([
      '1234-4567-7890-1111', '1234', '4567', '7890', '1111',
    ]);
    expect(S['regexp(String)']('Hello', '^hello$')).toEqual(['Hello']);
    expect(S['regexp(String)']('abc', '[[:digit:]]+')).toEqual([]);
    expect(S['regexp(String)']('ab12', '[[:digit:]]+')).toEqual(['12']);
    expect(S['regexp(String)']('ab', '(x)?ab')).toEqual(['ab', '']);
    expect(() => S['regexp(String)']('ab', '(')).toThrow(/Invalid regular expression/);
  });
  it('parseSOMultiLanguageString picks the language', () => {
    const ml = 'US:"Location and size";GE:"Position und Gr\u00f6\u00dfe";NO:"Posisjon og st\u00f8rrelse"';
    expect(S['parseSOMultiLanguageString(Integer)'](ml, 1)).toBe('Location and size');
    expect(S['parseSOMultiLanguageString(Integer)'](ml, 2)).toBe('Position und Gr\u00f6\u00dfe');
    expect(S['parseSOMultiLanguageString(Integer)'](ml, 0)).toBe('Posisjon og st\u00f8rrelse');
    expect(S['parseSOMultiLanguageString(Integer)'](ml, 3)).toBe('');
    expect(S['parseSOMultiLanguageString(Integer)']('plain text', 1)).toBe('plain text');
  });
});
