// FHBitSet: a 32-bit set of flags, as the flags columns of the CRM tables hold them (ejuser.flags,
// ticket_priority.flags, extra_fields.flags): set from an Integer or its text, read and change
// bit by bit, written back as an Integer or as a string of 0s and 1s, bit 0 first.
import type { NativeClass } from './registry.js';
import { CrmError } from '../runtime/values.js';
import { parseIntegerPrefix } from './numbers.js';

export class CrmBitSet {
  bits = 0;
}

function bitIndex(n: number, what: string): number {
  if (n < 0 || n > 31) throw new CrmError(`FHBitSet.${what}: bit ${n} is out of range (0-31)`);
  return n;
}

export const FHBitSetClass: NativeClass = {
  name: 'FHBitSet',
  defaultValue: () => new CrmBitSet(),
  ctors: { '()': () => new CrmBitSet() },
  methods: {
    'set(Integer)': (self: CrmBitSet, v: number) => void (self.bits = v | 0),
    // the text of a number, as a flags field reads ("1234"); text that is no number gives 0
    'set(String)': (self: CrmBitSet, rep: string) => void (self.bits = parseIntegerPrefix(String(rep))),
    // a bit past 31 is not in the set
    'getBitNo(Integer)': (self: CrmBitSet, n: number) => n >= 0 && n <= 31 && ((self.bits >>> n) & 1) === 1,
    'setBitNo(Integer,Bool)': (self: CrmBitSet, n: number, on: boolean) => {
      const m = 1 << bitIndex(n, 'setBitNo');
      self.bits = on ? self.bits | m : self.bits & ~m;
    },
    'toInteger()': (self: CrmBitSet) => self.bits | 0,
    'toLsbString()': (self: CrmBitSet) => {
      let s = '';
      for (let i = 0; i < 32; i++) s += (self.bits >>> i) & 1 ? '1' : '0';
      return s;
    },
  },
};
