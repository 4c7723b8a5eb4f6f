// FHBitSet: the 32 flags of a CRM flags column, as SuperOffice's own lib-ticket script reads them; and
// encodeBase32, a global newer than the reference.
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
