// compareText takes a fast path for names of spaces, digits and ASCII letters; its order must be
// exactly the collator's (then code points), for every pair.
import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/store/repos.js';

const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
const reference = (a: string, b: string) => Math.sign(collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));

/** A deterministic pseudo-random generator (no flaky failures). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('compareText', () => {
  it('orders names of spaces, digits and letters exactly as the collator does', () => {
    const next = rng(16);
    const alphabet = ' 0123456789aAbBzZmMyYqQ';
    const name = () => Array.from({ length: 1 + Math.floor(next() * 6) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let i = 0; i < 20_000; i++) {
      const a = name();
      const b = next() < 0.2 ? a.toUpperCase() : name();
      expect([a, b, Math.sign(compareText(a, b))]).toEqual([a, b, reference(a, b)]);
    }
  });

  it('gives names with any other character to the collator', () => {
    const names = ['Script 9', 'Script 10', 'script 9', 'Scrïpt 9', 'Script-9', 'Script_9', 'Ä', 'a', 'B', 'ab', 'a b', '', ' ', 'Zz', 'Ω', 'aa', 'å'];
    for (const a of names) for (const b of names) expect([a, b, Math.sign(compareText(a, b))]).toEqual([a, b, reference(a, b)]);
    expect([...names].sort(compareText)).toEqual([...names].sort(reference));
  });
});
