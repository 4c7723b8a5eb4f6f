// Vector: a growable list of Strings.
import type { NativeClass } from './registry.js';
import { CrmError, NULL_INTEGER } from '../runtime/values.js';
import { grown, reserve } from '../runtime/memory.js';

export class CrmVector {
  items: string[] = [];
}

function checkIndex(self: CrmVector, index: number, what: string): void {
  if (!(index >= 0 && index < self.items.length)) {
    throw new CrmError(`Vector.${what}: index ${index} is out of bounds (the vector has ${self.items.length} elements).`);
  }
}

export const VectorClass: NativeClass = {
  name: 'Vector',
  defaultValue: () => new CrmVector(),
  ctors: {
    '()': () => new CrmVector(),
    '(Integer[])': (values: number[]) => {
      const v = new CrmVector();
      v.items = (values ?? []).map((n) => String(n | 0));
      return v;
    },
  },
  methods: {
    // Replaces the contents with the fields of `text`. No escapes; an empty text gives no fields.
    'parseString(String,String)': (self: CrmVector, text: string, delimiter: string) => {
      if (text.length === 0) self.items = [];
      else if (delimiter.length === 0) self.items = [text];
      else {
        reserve(2 * text.length);
        self.items = text.split(delimiter);
      }
    },
    'removeAt(Integer)': (self: CrmVector, index: number) => {
      checkIndex(self, index, 'removeAt');
      self.items.splice(index, 1);
    },
    'get(Integer)': (self: CrmVector, index: number) => {
      checkIndex(self, index, 'get');
      return self.items[index];
    },
    'set(Integer,String)': (self: CrmVector, index: number, value: string) => {
      checkIndex(self, index, 'set');
      self.items[index] = value;
    },
    'size()': (self: CrmVector) => self.items.length,
    // Elements that are not whole numbers become null Integers.
    'toIntegerArray()': (self: CrmVector) =>
      self.items.map((s) => (/^\s*[+-]?\d+\s*$/.test(s) ? Number(s.trim()) | 0 : NULL_INTEGER)),
    'toStringArray()': (self: CrmVector) => self.items.slice(),
    'buildString(String)': (self: CrmVector, delimiter: string) => self.items.join(delimiter),
    'pushBack(String)': (self: CrmVector, element: string) => {
      grown(self.items.push(element), 8, 2 * element.length);
    },
  },
};

/** Builds a CRMScript Vector holding `items`. */
export function newVector(items: readonly string[]): unknown {
  const ctors = VectorClass.ctors ?? {};
  const v =
    VectorClass.defaultValue?.() ??
    (ctors['()'] ? ctors['()']() : ctors['(Integer[])'] ? ctors['(Integer[])']([]) : undefined);
  if (v === undefined) throw new CrmError('Vector cannot be created.');
  const push = VectorClass.methods?.['pushBack(String)'];
  if (!push) throw new CrmError('Vector.pushBack is not available.');
  for (const it of items) push(v, it);
  return v;
}
