// The Long type: a 64-bit signed whole number (CRMScript 10.1 and later). A Long is held as a
// BigInt, or as a JS number where an Integer was stored into it (an Integer widens to a Long
// without a conversion at each assignment, argument or array store): every Long operation takes
// either. The null Long is -0, as the null Integer is: it counts as 0, and isNull() tells it apart.
import { CrmError } from './values.js';

export type LongValue = bigint | number;

/** The null Long (a declared Long without a value). */
export const NULL_LONG = -0;

/** The value of a Long as a BigInt (the null Long counts as 0). */
export function big(v: LongValue): bigint {
  return typeof v === 'bigint' ? v : BigInt(v | 0);
}

export function isNullLong(v: LongValue): boolean {
  return Object.is(v, -0);
}

const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

/** Long arithmetic and comparison for the compiled code ($h): results wrap around at 64 bits. */
export const longHelpers = {
  ladd: (a: LongValue, b: LongValue): bigint => wrap(big(a) + big(b)),
  lsub: (a: LongValue, b: LongValue): bigint => wrap(big(a) - big(b)),
  lmul: (a: LongValue, b: LongValue): bigint => wrap(big(a) * big(b)),
  ldiv(a: LongValue, b: LongValue): bigint {
    const d = big(b);
    if (d === 0n) throw new CrmError('division by zero');
    // BigInt division truncates toward zero, as Integer division does
    return wrap(big(a) / d);
  },
  lmod(a: LongValue, b: LongValue): bigint {
    const d = big(b);
    if (d === 0n) throw new CrmError('division by zero (modulo)');
    return big(a) % d;
  },
  lneg: (a: LongValue): bigint => wrap(-big(a)),
  /** -1, 0 or 1 as a is less than, equal to or greater than b. */
  lcmp(a: LongValue, b: LongValue): number {
    const x = big(a);
    const y = big(b);
    return x < y ? -1 : x > y ? 1 : 0;
  },
};

const MAX_LONG = 9223372036854775807n;
const MIN_LONG = -9223372036854775808n;

/** The whole number a text starts with (blanks, a sign, digits), as strtoll reads it: out of range saturates; no number gives 0. */
export function parseLongPrefix(s: string): bigint {
  const m = /^\s*([+-]?\d+)/.exec(s);
  if (!m) return 0n;
  const v = BigInt(m[1]);
  return v > MAX_LONG ? MAX_LONG : v < MIN_LONG ? MIN_LONG : v;
}

/** The whole number a text starts with (blanks, a sign, digits), wrapped to 64 bits; no number gives 0. */
export function wrapLongPrefix(s: string): bigint {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? BigInt.asIntN(64, BigInt(m[1])) : 0n;
}
