import { describe, it, expect } from 'vitest';
import { diagnose, runScript } from '../../helpers.js';
import { MapClass, CrmMap } from '../../../src/interp/stdlib/map.js';
import { CrmError } from '../../../src/interp/runtime/values.js';

const M = MapClass.methods!;
const newMap = (): CrmMap => MapClass.ctors!['()']();
const fromText = (t: string): CrmMap => MapClass.ctors!['(String)'](t);

function walk(m: CrmMap): string[] {
  const out: string[] = [];
  M['first()'](m);
  while (!M['eof()'](m)) {
    out.push(`${M['getKey()'](m)}=${M['getVal()'](m)}`);
    M['next()'](m);
  }
  return out;
}

describe('Map', () => {
  it('a declared Map is a fresh empty map at eof', () => {
    const a = MapClass.defaultValue!();
    const b = MapClass.defaultValue!();
    expect(a).not.toBe(b);
    expect(M['size()'](a)).toBe(0);
    expect(M['eof()'](a)).toBe(true);
    expect(M['first()'](a)).toBe(false);
    expect(M['getKey()'](a)).toBe('');
    expect(M['getVal()'](a)).toBe('');
  });

  it('insert/get/exists/size, overwrite, insert returns the map', () => {
    const m = newMap();
    expect(M['insert(String,String)'](m, 'zebra', 'stripes')).toBe(m);
    M['insert(String,String)'](m, 'apple', 'red');
    M['insert(String,String)'](m, 'mango', 'yellow');
    expect(M['size()'](m)).toBe(3);
    expect(M['get(String)'](m, 'apple')).toBe('red');
    expect(M['exists(String)'](m, 'mango')).toBe(true);
    expect(M['exists(String)'](m, 'kiwi')).toBe(false);
    M['insert(String,String)'](m, 'apple', 'green');
    expect(M['get(String)'](m, 'apple')).toBe('green');
    expect(M['size()'](m)).toBe(3);
  });

  it('get of a missing key is the empty string and does not add it', () => {
    const m = newMap();
    expect(M['get(String)'](m, 'nope')).toBe('');
    expect(M['size()'](m)).toBe(0);
  });

  it('iterates in byte-wise sorted key order', () => {
    const m = newMap();
    for (const k of ['b', 'a', 'B', 'aa', '10', '9', '']) M['insert(String,String)'](m, k, k.toUpperCase());
    expect(walk(m)).toEqual(['=', '10=10', '9=9', 'B=B', 'a=A', 'aa=AA', 'b=B']);
  });

  it('insert rewinds the cursor to the first element', () => {
    const m = newMap();
    M['insert(String,String)'](m, 'b', '2');
    M['insert(String,String)'](m, 'c', '3');
    M['next()'](m);
    expect(M['getKey()'](m)).toBe('c');
    M['insert(String,String)'](m, 'a', '1');
    expect(M['getKey()'](m)).toBe('a');
    M['next()'](m);
    M['next()'](m);
    M['insert(String,String)'](m, 'b', 'two');
    expect(M['getKey()'](m)).toBe('a');
  });

  it('next returns false at the end and stays at eof', () => {
    const m = fromText('a=1\nb=2');
    expect(M['first()'](m)).toBe(true);
    expect(M['next()'](m)).toBe(true);
    expect(M['getKey()'](m)).toBe('b');
    expect(M['next()'](m)).toBe(false);
    expect(M['eof()'](m)).toBe(true);
    expect(M['next()'](m)).toBe(false);
    expect(M['getVal()'](m)).toBe('');
  });

  it('Map(String) parses lines, trims around "=" and starts at the first element', () => {
    const m = fromText('roses = red\nviolets = blue\r\n\nheight=25');
    expect(M['size()'](m)).toBe(3);
    expect(M['get(String)'](m, 'roses')).toBe('red');
    expect(M['get(String)'](m, 'violets')).toBe('blue');
    expect(M['getKey()'](m)).toBe('height');
    expect(M['getVal()'](m)).toBe('25');
    // a blank after the line break stays in the key (the docs warn about it)
    const n = fromText('a=1\n b=2');
    expect(M['exists(String)'](n, ' b')).toBe(true);
    expect(M['exists(String)'](n, 'b')).toBe(false);
    // a value may contain "="
    expect(M['get(String)'](fromText('q=x=y'), 'q')).toBe('x=y');
  });

  it('remove and clear', () => {
    const m = fromText('a=1\nb=2\nc=3');
    M['remove(String)'](m, 'b');
    M['remove(String)'](m, 'zzz');
    expect(M['size()'](m)).toBe(2);
    expect(walk(m)).toEqual(['a=1', 'c=3']);
    M['clear()'](m);
    expect(M['size()'](m)).toBe(0);
    expect(M['eof()'](m)).toBe(true);
  });

  it('remove during iteration keeps the cursor on the same element', () => {
    const m = fromText('a=1\nb=2\nc=3\nd=4');
    walk(m);
    M['first()'](m);
    M['next()'](m);
    M['next()'](m); // at c
    M['remove(String)'](m, 'a');
    expect(M['getKey()'](m)).toBe('c');
    M['remove(String)'](m, 'c'); // current removed: the cursor moves on to d
    expect(M['getKey()'](m)).toBe('d');
  });

  it('increaseValueForKey with Integer and Float', () => {
    const m = fromText('height=25\nwidth=10');
    M['increaseValueForKey(String,Integer)'](m, 'height', -5);
    expect(M['get(String)'](m, 'height')).toBe('20');
    M['increaseValueForKey(String,Float)'](m, 'width', 2.5);
    expect(M['get(String)'](m, 'width')).toBe('12.500000');
    M['increaseValueForKey(String,Integer)'](m, 'width', 1);
    expect(M['get(String)'](m, 'width')).toBe('13');
    M['increaseValueForKey(String,Integer)'](m, 'depth', 7);
    expect(M['get(String)'](m, 'depth')).toBe('7');
    M['increaseValueForKey(String,Float)'](m, 'x', 0.25);
    expect(M['get(String)'](m, 'x')).toBe('0.250000');
    M['insert(String,String)'](m, 'big', '2147483647');
    M['increaseValueForKey(String,Integer)'](m, 'big', 1);
    expect(M['get(String)'](m, 'big')).toBe('-2147483648');
  });

  it('toJson writes a compact object in key order, escaped', () => {
    expect(M['toJson()'](fromText('width=10\nheight=25'))).toBe('{"height":"25","width":"10"}');
    expect(M['toJson()'](newMap())).toBe('{}');
    const m = newMap();
    M['insert(String,String)'](m, 'q"k', 'line\nbreak\\');
    expect(M['toJson()'](m)).toBe('{"q\\"k":"line\\nbreak\\\\"}');
    expect(JSON.parse(M['toJson()'](m))).toEqual({ 'q"k': 'line\nbreak\\' });
  });

  it('fromJson adds members; non-strings become their text', () => {
    const m = fromText('keep=1\ndepth=0');
    M['fromJson(String)'](m, '{"depth":"7","height":20, "ok": true, "n": null, "w": 12.5, "o": {"a": [1, 2]}}');
    expect(M['get(String)'](m, 'keep')).toBe('1');
    expect(M['get(String)'](m, 'depth')).toBe('7');
    expect(M['get(String)'](m, 'height')).toBe('20');
    expect(M['get(String)'](m, 'ok')).toBe('true');
    expect(M['get(String)'](m, 'n')).toBe('');
    expect(M['get(String)'](m, 'w')).toBe('12.5');
    expect(M['get(String)'](m, 'o')).toBe('{"a": [1, 2]}');
    expect(walk(m)[0]).toBe('depth=7');
  });

  it('fromJson round-trips toJson', () => {
    const a = fromText('x=1\ny=two words\nz="quoted"');
    const b = newMap();
    M['fromJson(String)'](b, M['toJson()'](a));
    expect(walk(b)).toEqual(walk(a));
  });

  it('fromJson rejects malformed JSON and non-objects with a CrmError', () => {
    const m = newMap();
    expect(() => M['fromJson(String)'](m, '{"a": ')).toThrow(CrmError);
    expect(() => M['fromJson(String)'](m, '[1,2]')).toThrow(/expects a JSON object/);
    expect(() => M['fromJson(String)'](m, '')).toThrow(CrmError);
  });

  it('keeps the order right when inserts and reads interleave', () => {
    const m = newMap();
    const keys: string[] = [];
    let seed = 7;
    for (let i = 0; i < 300; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const k = 'k' + (seed % 1000);
      keys.push(k);
      M['insert(String,String)'](m, k, String(i));
      // read every few inserts, and sometimes not for a long stretch
      if (i % 3 === 0 && (i < 100 || i > 200)) expect(M['getKey()'](m)).toBe([...new Set(keys)].sort()[0]);
    }
    const expected = [...new Set(keys)].sort();
    expect(walk(m).map((e) => e.split('=')[0])).toEqual(expected);
    M['remove(String)'](m, expected[1]);
    M['insert(String,String)'](m, 'a', '');
    expect(walk(m).map((e) => e.split('=')[0])).toEqual(['a', expected[0], ...expected.slice(2)]);
  });

  // its speed is measured by `npm run bench` (the loop/string/Map row and bench/budgets.tsx); tests assert no wall time
  it('holds 100,000 entries and finds each', () => {
    const m = newMap();
    for (let i = 0; i < 100000; i++) M['insert(String,String)'](m, 'k' + i, String(i));
    let found = 0;
    for (let i = 0; i < 100000; i++) if (M['get(String)'](m, 'k' + i) === String(i)) found++;
    expect(found).toBe(100000);
    expect(M['size()'](m)).toBe(100000);
    expect(M['getKey()'](m)).toBe('k0');
  });
});

describe('Map.getWithFallback (newer than the reference)', () => {
  it('gives the value of a key the map has, else the fallback', () => {
    const r = runScript('Map m;\nm.insert("a", "1").insert("empty", "");\nprintLine(m.getWithFallback("a", "x") + "|" + m.getWithFallback("empty", "x") + "|" + m.getWithFallback("b", "x"));');
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('1||x\n');
  });
});

describe('Map subscripts (m["key"], as SuperOffice\'s NetServer examples use them)', () => {
  it('reads and writes values under keys, with compound assignment and String methods', () => {
    const r = runScript(`Map m;
m["a"] = "1";
m["b"] = "two";
m["a"] += "x";
m["b"].append("!");
String k = "c";
m[k + "d"] = m["a"] + m["b"];
printLine(m["a"] + "|" + m["b"] + "|" + m["cd"] + "|" + m["missing"] + "|" + m.size().toString() + "|" + m.exists("missing").toString());
Map[] ms;
ms.pushBack(m);
ms[0]["e"] = "5";
printLine(ms[0]["e"] + "|" + m.get("e"));`);
    expect(r.diagnostics).toEqual([]);
    // reading a key the map lacks gives "" and adds nothing; an element of a Map array is the same Map
    expect(r.output).toBe('1x|two!|1xtwo!||3|false\n5|5\n');
  });

  it('a write does not move the cursor of a loop over the map', () => {
    const r = runScript(`Map m = Map("a=1\\nb=2\\nc=3");
for (m.first(); !m.eof(); m.next()) m[m.getKey()] = m.getVal() + "0";
printLine(m.toJson());`);
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('{"a":"10","b":"20","c":"30"}\n');
  });

  it('a key must be a String; other types still cannot be indexed', () => {
    expect(diagnose('Map m;\nInteger i = 1;\nm[i] = "x";\nString s = "abc";\nprintLine(s[0]);')).toEqual([
      '3:3: a Map key must be a String, not Integer',
      '5:11: String is not an array and cannot be indexed',
    ]);
  });
});
