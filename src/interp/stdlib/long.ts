// Long: the 64-bit whole number of CRMScript 10.1 and later (runtime/long.ts holds its
// representation and arithmetic). Not in ../shared's API reference, so its members are declared
// here: the constructors from Long and Integer, toString, the two 32-bit halves and isNull.
import type { NativeClass } from './registry.js';
import { NULL_LONG, big, isNullLong, longHelpers, type LongValue } from '../runtime/long.js';

export const LongClass: NativeClass = {
  name: 'Long',
  defaultValue: () => NULL_LONG,
  ctors: {
    '()': () => NULL_LONG,
    '(Long)': (v: LongValue) => v,
    // the null Integer gives the null Long
    '(Integer)': (v: number) => (Object.is(v, -0) ? NULL_LONG : BigInt(v | 0)),
  },
  methods: {
    'toString()': (self: LongValue) => big(self).toString(),
    'getHighInteger()': (self: LongValue) => Number(BigInt.asIntN(32, big(self) >> 32n)),
    'getLowInteger()': (self: LongValue) => Number(BigInt.asIntN(32, big(self))),
    'isNull()': (self: LongValue) => isNullLong(self),
  },
  compare: longHelpers.lcmp,
  extraSignatures: ['String toString()', 'Integer getHighInteger()', 'Integer getLowInteger()', 'Bool isNull()'],
};
