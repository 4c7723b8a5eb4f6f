/**
 * The order of names: case- and accent-insensitive, by the default locale's collator (ICU), ties
 * broken by code points so the order is total.
 *
 * A call into ICU per comparison is most of the cost of sorting ten thousand names, and most names
 * are made of spaces, ASCII digits and letters only. Where the locale is English (the root
 * collation, which has no contractions among those characters), two such names compare by one
 * weight per character: the collator's own order of those 37 classes (a letter's two cases are one
 * class), checked against the collator when this module loads, so the result is the collator's.
 * Any other name, or another locale, or a collator that orders them differently: ICU.
 */

/** One collator for every name comparison (creating one per comparison was the slow part of sorting). */
const collator = new Intl.Collator(undefined, { sensitivity: 'base' });

const CLASSES = ' 0123456789abcdefghijklmnopqrstuvwxyz';

/** Weight by char code (< 128) of the characters of the fast path, 0 for the others; null when there is none. */
const weights = simpleWeights();

function simpleWeights(): Uint8Array | null {
  if (!/^en(-|$)/.test(collator.resolvedOptions().locale)) return null;
  const w = new Uint8Array(128);
  for (let i = 0; i < CLASSES.length; i++) {
    const c = CLASSES[i]!;
    if (i > 0 && collator.compare(CLASSES[i - 1]!, c) >= 0) return null;
    if (c.toUpperCase() !== c && collator.compare(c, c.toUpperCase()) !== 0) return null;
    w[c.charCodeAt(0)] = i + 1;
    w[c.toUpperCase().charCodeAt(0)] = i + 1;
  }
  // a space weighs (it is not ignored), and a name before its own continuation
  if (!(collator.compare('a b', 'ab') < 0 && collator.compare('ab', 'a') > 0 && collator.compare('A1', 'a1') === 0)) return null;
  return w;
}

/** The sign of the collator's comparison of two names of the fast path's characters; NaN when either has another one. */
function fastCompare(w: Uint8Array, a: string, b: string): number {
  let result = 0;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = i < a.length ? a.charCodeAt(i) : -1;
    const cb = i < b.length ? b.charCodeAt(i) : -1;
    const wa = ca < 0 ? 0 : ca < 128 ? w[ca]! : 0;
    const wb = cb < 0 ? 0 : cb < 128 ? w[cb]! : 0;
    if ((ca >= 0 && wa === 0) || (cb >= 0 && wb === 0)) return NaN; // every character must be one of them
    if (result === 0 && wa !== wb) result = wa < wb ? -1 : 1; // a name that ended (0) comes first
  }
  return result;
}

/** Case- and accent-insensitive order, ties broken by code points so the order is total. */
export function compareText(a: string, b: string): number {
  const fast = weights ? fastCompare(weights, a, b) : NaN;
  return (Number.isNaN(fast) ? collator.compare(a, b) : fast) || (a < b ? -1 : a > b ? 1 : 0);
}
