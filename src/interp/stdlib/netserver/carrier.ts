// Derives the native implementation of a NetServer entity, carrier or list item from its catalog
// members: every `T GetX()` reads property X (its type's default until set), every `SetX(T)`
// writes it. Nothing here is written per class; the catalog is the only source.
import type { MemberSignature, NativeClass, NativeFn } from '../registry.js';
import { NSObject, getProp, nsObject } from './object.js';

/** The part of a catalog signature the generator reads. */
export type MemberSig = MemberSignature;

/** GetName → Name, SetName → Name; the catalog's garbled spellings (SSetCategory) included. */
export function propertyOf(method: string): { kind: 'get' | 'set'; prop: string } | null {
  const m = /^(Get|S?Set)([A-Z0-9_]\w*)$/.exec(method);
  if (!m) return null;
  return { kind: m[1] === 'Get' ? 'get' : 'set', prop: m[2] };
}

/**
 * Converts what a setter received into what the getter of the same property returns, where the
 * reference declares the two differently (NSContactEntity.SetAddress takes NSLocalizedField[][]
 * in the reference while real code passes the NSAddress that GetAddress returns: both work).
 */
export function coerce(value: unknown, getterType: string | undefined): unknown {
  if (getterType === undefined) return value;
  if (getterType === 'NSAddress' && Array.isArray(value)) return nsObject('NSAddress', { LocalizedAddress: value });
  if (getterType.endsWith('[]') && Array.isArray(value) && value.some(Array.isArray) && !getterType.endsWith('[][]'))
    return value.flat();
  switch (getterType) {
    case 'Bool':
      return typeof value === 'number' ? value !== 0 : value;
    case 'String':
      return typeof value === 'number' ? String(value) : value;
    case 'Integer':
      if (typeof value === 'string') {
        const n = parseInt(value, 10);
        return Number.isNaN(n) ? 0 : n | 0;
      }
      return typeof value === 'boolean' ? (value ? 1 : 0) : value;
  }
  return value;
}

/**
 * The native class of a NetServer value class. `known` tells which NS class names exist (a nested
 * property of such a type reads as an empty carrier of it).
 */
export function carrierClass(name: string, members: Iterable<MemberSig>, known: (cls: string) => boolean): NativeClass {
  const sigs = [...members];
  const getterType = new Map<string, string>();
  for (const s of sigs) {
    const p = propertyOf(s.name);
    if (p?.kind === 'get' && s.params.length === 0) getterType.set(p.prop, s.returns);
  }
  const methods: Record<string, NativeFn> = {};
  for (const s of sigs) {
    const p = propertyOf(s.name);
    if (!p) continue;
    const prop = p.prop;
    if (p.kind === 'get' && s.params.length === 0) {
      const type = s.returns;
      methods[s.key] = (self: NSObject) => getProp(self, prop, type, known);
    } else if (p.kind === 'set' && s.params.length === 1) {
      const type = getterType.get(prop);
      methods[s.key] = (self: NSObject, v: unknown) => {
        self.f[prop] = coerce(v, type);
      };
    }
  }
  const make = (): NSObject => new NSObject(name);
  return { name, ctors: { '()': make }, defaultValue: make, methods };
}
