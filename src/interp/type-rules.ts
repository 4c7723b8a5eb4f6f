// Static types in the checker are strings: 'Integer', 'String[]', 'Car', 'DateTime', '?'.
// '?' is the unknown type (after an error, or a catalog type we cannot read): it is compatible
// with everything so one mistake does not cascade into many messages.
import type { TypeRef } from '../grammar/ast.js';

export const UNKNOWN = '?';
export const PRIMITIVES = new Set(['Integer', 'Float', 'Bool', 'String', 'Byte', 'Void']);
/** Built-in value types held as immutable JS values; methods that change them are updaters. */
export const VALUE_CLASSES = new Set(['String', 'Integer', 'Float', 'Bool', 'Byte', 'Long', 'Date', 'DateTime', 'Time', 'TimeSpan']);

export function typeOf(ref: TypeRef): string {
  return ref.name + '[]'.repeat(ref.dims.length);
}
export function isArray(t: string): boolean {
  return t.endsWith('[]');
}
export function elemOf(t: string): string {
  return t.slice(0, -2);
}
export function baseOf(t: string): string {
  const i = t.indexOf('[');
  return i < 0 ? t : t.slice(0, i);
}
export function dimsOf(t: string): number {
  return (t.length - baseOf(t).length) / 2;
}
export function isNumeric(t: string): boolean {
  return t === 'Integer' || t === 'Float' || t === 'Byte' || t === 'Long';
}
export function isIntegral(t: string): boolean {
  return t === 'Integer' || t === 'Byte';
}

/**
 * How well a value of type `from` fits where `to` is expected: 0 exact, higher is a worse but
 * allowed conversion, -1 not allowed.
 */
/**
 * Classes the reference names twice: Company.getFormattedAddress() is declared NSLocalizedField[][]
 * while SuperOffice's LocalizedField example keeps it in a LocalizedField[][] (stdlib/crm/localized-field.ts).
 */
const SAME_CLASS: Record<string, string> = { LocalizedField: 'NSLocalizedField', NSLocalizedField: 'LocalizedField' };

function sameClass(from: string, to: string): boolean {
  const dims = /(\[\])*$/.exec(from)![0];
  return dims === /(\[\])*$/.exec(to)![0] && SAME_CLASS[from.slice(0, from.length - dims.length)] === to.slice(0, to.length - dims.length);
}

export function fit(from: string, to: string): number {
  if (from === to) return 0;
  if (from === UNKNOWN || to === UNKNOWN) return 1;
  if (to === 'Generic') return 3;
  if (from === 'Integer' && to === 'Float') return 1;
  if (from === 'Byte' && (to === 'Integer' || to === 'Float')) return 1;
  if (from === 'Integer' && to === 'Byte') return 2;
  // an Integer widens to a Long (runtime/long.ts: a Long may hold the Integer's number as it is)
  if ((from === 'Integer' || from === 'Byte') && to === 'Long') return 1;
  if (sameClass(from, to)) return 1;
  return -1;
}
