// The global functions of the catalog's Generic class: inspecting and converting Generic values
// and reaching variables and struct members by name.
import type { NativeGlobals, ScopeLookup } from './registry.js';
import { CrmError, GenericValue, isNullInteger, structMetaOf } from '../runtime/values.js';
import { rt } from '../runtime/context.js';
import { formatFloat, isNullFloat, parseFloatPrefix, parseIntegerPrefix } from './numbers.js';
import { DateClass, DateTimeClass, TimeClass } from './datetime.js';
import { big, wrapLongPrefix, type LongValue } from '../runtime/long.js';
import { withArticle } from '../util/plural.js';

/**
 * A Generic that reads and writes through to where the value lives (a struct field, an array
 * element, a variable), so setGenericFromString changes the original. The compiler can use this
 * for the boxes its `lookup` returns.
 */
export function refGeneric(type: string, get: () => unknown, set: (v: unknown) => void): GenericValue {
  const g = new GenericValue(type, undefined);
  Object.defineProperty(g, 'value', { get, set, enumerable: true, configurable: true });
  return g;
}

function arrayDimensions(type: string): number {
  return (type.match(/\[\]/g) ?? []).length;
}

function elementType(type: string): string {
  return type.endsWith('[]') ? type.slice(0, -2) : type;
}

function expectType(fn: string, g: GenericValue, type: string): unknown {
  if (!(g instanceof GenericValue)) throw new CrmError(`${fn}: the argument is not a Generic value.`);
  if (g.type !== type) {
    throw new CrmError(`${fn}: the Generic holds ${withArticle(g.type)}, not ${withArticle(type)}.`);
  }
  return g.value;
}

function structMember(fn: string, g: GenericValue, name: string): GenericValue {
  const obj = g.value;
  const meta = structMetaOf(obj);
  if (!meta) throw new CrmError(`${fn}: the value is ${withArticle(g.type)}, not a struct.`);
  const field = meta.fields.find((f) => f.name === name);
  if (!field) throw new CrmError(`${fn}: struct ${meta.name} has no member "${name}".`);
  const rec = obj as Record<string, unknown>;
  // The compiler keeps field `x` in property `f_x` (same rule as struct-json.ts); plain objects
  // (and a meta entry naming its property in `js`) are handled too.
  const js = (field as typeof field & { js?: string }).js;
  const key = js ?? ('f_' + name in rec ? 'f_' + name : name);
  return refGeneric(
    field.type,
    () => rec[key],
    (v) => {
      rec[key] = v;
    },
  );
}

/** String form of a value of a basic type; other types give "[complex]". */
export function genericToDisplayString(type: string, value: unknown): string {
  switch (type) {
    case 'String':
      return String(value ?? '');
    case 'Integer':
      return String((value as number) | 0);
    case 'Float':
      return formatFloat(value as number, 2);
    case 'Bool':
      return value ? 'true' : 'false';
    case 'Byte':
      return String((value as number) & 0xff);
    case 'Long':
      return big(value as LongValue).toString();
    case 'Date':
      return DateClass.methods!['toString()'](value);
    case 'DateTime':
      return DateTimeClass.methods!['toString()'](value);
    case 'Time':
      return TimeClass.methods!['toString()'](value);
    default:
      return '[complex]';
  }
}

function parseForType(type: string, s: string): unknown {
  switch (type) {
    case 'String':
      return s;
    case 'Integer':
      return parseIntegerPrefix(s);
    case 'Float':
      return parseFloatPrefix(s);
    case 'Bool': {
      const t = s.trim().toLowerCase();
      return t === '1' || t === 'true';
    }
    case 'Byte':
      return parseIntegerPrefix(s) & 0xff;
    case 'Long':
      return wrapLongPrefix(s);
    case 'Date':
      return DateClass.ctors!['(String)'](s);
    case 'DateTime':
      return DateTimeClass.ctors!['(String)'](s);
    case 'Time':
      return TimeClass.ctors!['(String)'](s);
    default:
      throw new CrmError(`setGenericFromString cannot set a value of type ${type}; only basic types are supported.`);
  }
}

function typeName(g: GenericValue): string {
  // A struct instance knows its own type even when boxed with a less precise static type.
  return structMetaOf(g.value)?.name ?? g.type;
}

export const genericFunctions: NativeGlobals = {
  'getTypeName(Generic)': (g: GenericValue) => typeName(g),

  'getGenericValue(String)': (name: string, lookup: ScopeLookup) => {
    // "a.b.c" walks into struct members.
    const [first, ...rest] = name.split('.');
    let g = lookup ? lookup(first) : null;
    if (!g) throw new CrmError(`getGenericValue: there is no variable named "${first}".`);
    for (const member of rest) g = structMember('getGenericValue', g, member);
    return g;
  },
  'getGenericValue(Generic,String)': (g: GenericValue, name: string) => structMember('getGenericValue', g, name),

  'GenericToBool(Generic)': (g: GenericValue) => expectType('GenericToBool', g, 'Bool'),
  'GenericToInteger(Generic)': (g: GenericValue) => expectType('GenericToInteger', g, 'Integer'),
  'GenericToFloat(Generic)': (g: GenericValue) => expectType('GenericToFloat', g, 'Float'),
  'GenericToString(Generic)': (g: GenericValue) => expectType('GenericToString', g, 'String'),
  'GenericToDate(Generic)': (g: GenericValue) => expectType('GenericToDate', g, 'Date'),
  'GenericToDateTime(Generic)': (g: GenericValue) => expectType('GenericToDateTime', g, 'DateTime'),
  'GenericToTime(Generic)': (g: GenericValue) => expectType('GenericToTime', g, 'Time'),
  'GenericToTimeSpan(Generic)': (g: GenericValue) => expectType('GenericToTimeSpan', g, 'TimeSpan'),
  'GenericToByte(Generic)': (g: GenericValue) => expectType('GenericToByte', g, 'Byte'),
  'GenericToArray(Generic)': (g: GenericValue) => {
    if (!(g instanceof GenericValue) || arrayDimensions(g.type) === 0 || !Array.isArray(g.value)) {
      throw new CrmError(`GenericToArray: the Generic holds ${withArticle(g?.type ?? 'value')}, not an array.`);
    }
    const arr = g.value as unknown[];
    const et = elementType(g.type);
    return arr.map((_, i) =>
      refGeneric(
        et,
        () => arr[i],
        (v) => {
          arr[i] = v;
        },
      ),
    );
  },

  'convertGenericToString(Generic)': (g: GenericValue) => {
    if (arrayDimensions(g.type) > 0) return '[complex]';
    if (g.type === 'Integer' && isNullInteger(g.value as number)) return '0';
    if (g.type === 'Float' && isNullFloat(g.value as number)) return formatFloat(0, 2);
    return genericToDisplayString(g.type, g.value);
  },

  'setGenericFromString(Generic,String)': (g: GenericValue, s: string) => {
    if (arrayDimensions(g.type) > 0) {
      throw new CrmError(`setGenericFromString cannot set an array (${g.type}).`);
    }
    g.value = parseForType(g.type, s);
  },

  'getTypeDimensions(Generic)': (g: GenericValue) => arrayDimensions(g.type),

  'typeIsStruct(Generic)': (g: GenericValue) =>
    arrayDimensions(g.type) === 0 && (structMetaOf(g.value) !== null || rt.structs.has(g.type)),

  'getStructMembers(String)': (name: string) => {
    const cls = rt.structs.get(name);
    if (!cls) throw new CrmError(`getStructMembers: there is no struct named "${name}".`);
    return cls.__crm.fields.map((f) => f.name);
  },
};
