// The runtime value behind every NetServer entity, carrier and list item (NSContactEntity,
// NSPerson, NSSelectableMDOListItem, ...): the class name and its properties by name. A property
// is what a Get…/Set… pair of the API catalog reads and writes ("Name" for GetName/SetName).
// Values are held as the engine holds them elsewhere (see runtime/values.ts): numbers, strings,
// booleans, the immutable date/time objects, CrmMap, plain arrays, nested NSObjects.
import { CrmMap } from '../map.js';
import { CrmStream } from '../nsstream.js';
import { CrmDate, CrmDateTime, CrmTime, CrmTimeSpan, nullDateTime, NULL_DATE, NULL_TIME, ZERO_TIMESPAN } from '../time/values.js';

export class NSObject {
  /** Properties set so far; a property never set reads as its type's default. */
  readonly f: Record<string, unknown> = Object.create(null);
  constructor(readonly cls: string) {}
}

/** Builds an NSObject of `cls` with some properties set (used by the agents). */
export function nsObject(cls: string, props: Record<string, unknown> = {}): NSObject {
  const o = new NSObject(cls);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) o.f[k] = v;
  return o;
}

/** Whether a type's default is a mutable object that the getter must keep (so changes stick). */
function isMutable(type: string): boolean {
  return type.endsWith('[]') || type === 'Map' || type.startsWith('NS');
}

/**
 * The value of a property nobody set, by its declared CRMScript type: NetServer's empty values
 * (0, "", false, a null DateTime, an empty array or Map, an empty nested carrier). `known`
 * tells whether a type names a NetServer class the catalog has (a type the catalog lacks, such as
 * NSBinary, has no value).
 */
export function defaultOf(type: string, known: (cls: string) => boolean): unknown {
  if (type.endsWith('[]')) return [];
  switch (type) {
    case 'Integer':
    case 'Float':
    case 'Byte':
      return 0;
    case 'Bool':
      return false;
    case 'String':
      return '';
    case 'DateTime':
      return nullDateTime();
    case 'Date':
      return NULL_DATE;
    case 'Time':
      return NULL_TIME;
    case 'TimeSpan':
      return ZERO_TIMESPAN;
    case 'Map':
      return new CrmMap();
    case 'NSStream':
      // an empty byte stream (NSStream is a class of its own, not a carrier)
      return new CrmStream();
  }
  if (type.startsWith('NS') && known(type)) return new NSObject(type);
  return null;
}

/** Reads a property, creating (and keeping) its default when it was never set. */
export function getProp(o: NSObject, prop: string, type: string, known: (cls: string) => boolean): unknown {
  const v = o.f[prop];
  if (v !== undefined) return v;
  const d = defaultOf(type, known);
  if (isMutable(type)) o.f[prop] = d;
  return d;
}

/** The CRMScript type of a property value, for display (debugger, traces): the value knows it. */
export function typeOfValue(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return 'Bool';
  if (v instanceof NSObject) return v.cls;
  if (v instanceof CrmDateTime) return 'DateTime';
  if (v instanceof CrmDate) return 'Date';
  if (v instanceof CrmTime) return 'Time';
  if (v instanceof CrmTimeSpan) return 'TimeSpan';
  if (v instanceof CrmMap) return 'Map';
  if (Array.isArray(v)) return `${v.length ? typeOfValue(v[0]) : 'Generic'}[]`;
  return 'Generic';
}
