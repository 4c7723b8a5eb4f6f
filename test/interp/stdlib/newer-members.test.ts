// Built-ins newer than ../shared's reference or missing from it, declared from SuperOffice's own code and
// language-service definitions: FHBitSet (as SuperOffice's lib-ticket script reads flags columns with
// it), encodeBase32, encodeHMACSHA1 on bytes, StringObjectDictionary and Float(Long).
import { describe, expect, it } from 'vitest';
import { runScript } from '../../helpers.js';

describe('FHBitSet', () => {
  it('is set from an Integer or its text and read bit by bit', () => {
    const r = runScript(`FHBitSet f;
f.set("10");
printLine(f.getBitNo(0).toString() + f.getBitNo(1).toString() + f.getBitNo(3).toString() + f.getBitNo(40).toString());
f.setBitNo(0, true); f.setBitNo(3, false); f.setBitNo(31, true);
printLine(f.toInteger().toString());
printLine(f.toLsbString());
FHBitSet g; g.set(-1);
printLine(g.getBitNo(31).toString() + " " + g.toInteger().toString());`);
    expect(r.error).toBeNull();
    expect(r.output).toBe('falsetruetruefalse\n-2147483645\n11000000000000000000000000000001\ntrue -1\n');
  });

  it('says which bit cannot be set', () => {
    const r = runScript('FHBitSet f;\nf.setBitNo(32, true);');
    expect(r.error).toBe('FHBitSet.setBitNo: bit 32 is out of range (0-31)');
    expect(r.at).toBe('2:3');
  });
});

describe('encodeBase32', () => {
  it('writes RFC 4648 base32, padded to whole blocks', () => {
    const r = runScript('String[] words; words.pushBack(""); words.pushBack("f"); words.pushBack("fo"); words.pushBack("foo"); words.pushBack("foob"); words.pushBack("fooba"); words.pushBack("foobar");\nforeach (String w in words) printLine("[" + encodeBase32(w.toByteArray()) + "]");');
    expect(r.error).toBeNull();
    expect(r.output).toBe('[]\n[MY======]\n[MZXQ====]\n[MZXW6===]\n[MZXW6YQ=]\n[MZXW6YTB]\n[MZXW6YTBOI======]\n');
  });
});

describe('encodeHMACSHA1 on bytes', () => {
  it('gives the 20 bytes of the HMAC', () => {
    const r = runScript('Byte[] mac = encodeHMACSHA1("key".toByteArray(), "The quick brown fox jumps over the lazy dog".toByteArray());\nprintLine(mac.length().toString() + " " + encodeBase64(mac));');
    expect(r.error).toBeNull();
    expect(r.output).toBe('20 3nybhbi3iqa8ino29wqQcBydtNk=\n');
  });
});

describe('StringObjectDictionary', () => {
  it('keeps each value with its type; a key inserted again is replaced; a missing key reads empty', () => {
    const r = runScript(`StringObjectDictionary d;
d.insertInteger("n", 5); d.insertString("s", "hi"); d.insertFloat("f", 1.5); d.insertBool("b", true);
d.insertDateTime("t", DateTime("2025-01-02 03:04:05"));
printLine(d.getInteger("n").toString() + " " + d.getString("s") + " " + d.getFloat("f").toString(1) + " " + d.getBool("b").toString() + " " + d.getDateTime("t").toString());
d.insertInteger("n", 7);
printLine(d.getInteger("n").toString() + " " + d.getInteger("none").toString() + " [" + d.getString("none") + "] " + d.getString("none").isNull().toString() + " " + d.getDateTime("none").isNull().toString());
printLine(d.getString("n"));`);
    expect(r.output).toBe('5 hi 1.5 true 2025-01-02 03:04:05\n7 0 [] true true\n');
    expect(r.error).toBe('StringObjectDictionary.getString: "n" holds an Integer');
    expect(r.at).toBe('7:13');
  });
});

describe('Float(Long)', () => {
  it('is the nearest Float; the null Long gives the null Float', () => {
    const r = runScript('Long big = 9007199254740993L;\nprintLine(Float(big).toString(0) + " " + Float(5L).toString(1));\nLong none;\nprintLine(Float(none).isNull().toString());');
    expect(r.error).toBeNull();
    expect(r.output).toBe('9007199254740992 5.0\ntrue\n');
  });
});

describe('String.toString', () => {
  it('gives the text itself, as SuperOffice\'s examples call it on Strings (a getter\'s result, a message header)', () => {
    const r = runScript('String s = "abc";\nString n;\nprintLine(s.toString() + "|" + n.toString() + "|" + s.toString().toUpper());');
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('abc||ABC\n');
  });
});
