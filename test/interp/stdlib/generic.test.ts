import { beforeEach, describe, expect, it } from 'vitest';
import { genericFunctions as G, refGeneric } from '../../../src/interp/stdlib/generic.js';
import { CrmError, GenericValue, type StructClass } from '../../../src/interp/runtime/values.js';
import { newRunContext, setRunContext } from '../../../src/interp/runtime/context.js';
import { DateTimeClass } from '../../../src/interp/stdlib/datetime.js';

// Like the compiler's struct classes: field `x` is stored in property `f_x`.
function makeStruct(name: string, fields: Array<[string, string]>): StructClass {
  const cls = class {
    static __crm = { name, fields: fields.map(([n, t]) => ({ name: n, type: t })) };
    [k: string]: unknown;
    constructor() {
      for (const [n, t] of fields) this['f_' + n] = t === 'Integer' ? -0 : t === 'String' ? '' : null;
    }
  };
  return cls as unknown as StructClass;
}

const Person = makeStruct('Person', [
  ['name', 'String'],
  ['age', 'Integer'],
  ['tags', 'String[]'],
]);

beforeEach(() => {
  setRunContext(newRunContext({ structs: new Map([['Person', Person]]) }));
});

describe('type inspection (conformance 022)', () => {
  it('typeIsStruct', () => {
    expect(G['typeIsStruct(Generic)'](new GenericValue('Person', new Person()))).toBe(true);
    expect(G['typeIsStruct(Generic)'](new GenericValue('Integer', 4))).toBe(false);
    expect(G['typeIsStruct(Generic)'](new GenericValue('Person[]', []))).toBe(false);
  });
  it('getStructMembers lists field names in order', () => {
    expect(G['getStructMembers(String)']('Person')).toEqual(['name', 'age', 'tags']);
    expect(() => G['getStructMembers(String)']('Nope')).toThrow(/no struct named "Nope"/);
  });
  it('getTypeName and getTypeDimensions', () => {
    const now = DateTimeClass.ctors!['()']();
    expect(G['getTypeName(Generic)'](new GenericValue('DateTime', now))).toBe('DateTime');
    expect(G['getTypeName(Generic)'](new GenericValue('Person', new Person()))).toBe('Person');
    expect(G['getTypeDimensions(Generic)'](new GenericValue('Integer[][]', []))).toBe(2);
    expect(G['getTypeDimensions(Generic)'](new GenericValue('Integer', 1))).toBe(0);
  });
});

describe('getGenericValue', () => {
  it('by variable name through the scope lookup', () => {
    const lookup = (n: string) => (n === 'age' ? new GenericValue('Integer', 42) : null);
    const g = G['getGenericValue(String)']('age', lookup) as GenericValue;
    expect(G['GenericToInteger(Generic)'](g)).toBe(42);
    expect(() => G['getGenericValue(String)']('missing', lookup)).toThrow(/no variable named "missing"/);
  });
  it('walks dotted names into structs', () => {
    const p = new Person();
    p.f_age = 7;
    const lookup = (n: string) => (n === 'p' ? new GenericValue('Person', p) : null);
    expect((G['getGenericValue(String)']('p.age', lookup) as GenericValue).value).toBe(7);
  });
  it('struct members read and write through to the struct', () => {
    const p = new Person();
    p.f_age = 42;
    const g = G['getGenericValue(Generic,String)'](new GenericValue('Person', p), 'age') as GenericValue;
    expect(g.type).toBe('Integer');
    expect(g.value).toBe(42);
    G['setGenericFromString(Generic,String)'](g, '43');
    expect(p.f_age).toBe(43);
    expect(() => G['getGenericValue(Generic,String)'](new GenericValue('Person', p), 'x')).toThrow(/no member "x"/);
    expect(() => G['getGenericValue(Generic,String)'](new GenericValue('Integer', 1), 'x')).toThrow(/not a struct/);
  });
});

describe('down-casting', () => {
  it('returns the value when the type matches and throws otherwise', () => {
    expect(G['GenericToBool(Generic)'](new GenericValue('Bool', true))).toBe(true);
    expect(G['GenericToFloat(Generic)'](new GenericValue('Float', 1.5))).toBe(1.5);
    expect(G['GenericToString(Generic)'](new GenericValue('String', 'x'))).toBe('x');
    expect(G['GenericToByte(Generic)'](new GenericValue('Byte', 7))).toBe(7);
    const dt = DateTimeClass.ctors!['()']();
    expect(G['GenericToDateTime(Generic)'](new GenericValue('DateTime', dt))).toBe(dt);
    expect(() => G['GenericToInteger(Generic)'](new GenericValue('String', '1'))).toThrow(CrmError);
    expect(() => G['GenericToDate(Generic)'](new GenericValue('DateTime', dt))).toThrow(/holds a DateTime, not a Date/);
    expect(() => G['GenericToTime(Generic)'](new GenericValue('Integer', 1))).toThrow(CrmError);
    expect(() => G['GenericToTimeSpan(Generic)'](new GenericValue('Integer', 1))).toThrow(CrmError);
  });
  it('GenericToArray boxes the elements, writing through to the array', () => {
    const arr = [[1, 2], [3]];
    const items = G['GenericToArray(Generic)'](new GenericValue('Integer[][]', arr)) as GenericValue[];
    expect(items.map((g) => g.type)).toEqual(['Integer[]', 'Integer[]']);
    const inner = G['GenericToArray(Generic)'](items[1]) as GenericValue[];
    expect(inner[0].value).toBe(3);
    G['setGenericFromString(Generic,String)'](inner[0], '9');
    expect(arr[1][0]).toBe(9);
    expect(() => G['GenericToArray(Generic)'](new GenericValue('Integer', 1))).toThrow(/not an array/);
  });
});

describe('string conversion', () => {
  it('convertGenericToString for basic and complex types', () => {
    expect(G['convertGenericToString(Generic)'](new GenericValue('Integer', 42))).toBe('42');
    expect(G['convertGenericToString(Generic)'](new GenericValue('Integer', -0))).toBe('0');
    expect(G['convertGenericToString(Generic)'](new GenericValue('Float', 3.14159))).toBe('3.14');
    expect(G['convertGenericToString(Generic)'](new GenericValue('Bool', false))).toBe('false');
    expect(G['convertGenericToString(Generic)'](new GenericValue('String', 'hi'))).toBe('hi');
    expect(G['convertGenericToString(Generic)'](new GenericValue('Byte', 255))).toBe('255');
    const dt = DateTimeClass.ctors!['(String)']('2024-01-02 03:04:05');
    expect(G['convertGenericToString(Generic)'](new GenericValue('DateTime', dt))).toBe(
      DateTimeClass.methods!['toString()'](dt),
    );
    expect(G['convertGenericToString(Generic)'](new GenericValue('Person', new Person()))).toBe('[complex]');
    expect(G['convertGenericToString(Generic)'](new GenericValue('Integer[]', [1]))).toBe('[complex]');
  });
  it('setGenericFromString parses by type and rejects arrays and complex types', () => {
    let stored: unknown = null;
    const box = (t: string) => refGeneric(t, () => stored, (v) => (stored = v));
    G['setGenericFromString(Generic,String)'](box('Float'), '2.5');
    expect(stored).toBe(2.5);
    G['setGenericFromString(Generic,String)'](box('Bool'), 'true');
    expect(stored).toBe(true);
    G['setGenericFromString(Generic,String)'](box('Byte'), '300');
    expect(stored).toBe(44);
    G['setGenericFromString(Generic,String)'](box('String'), 'abc');
    expect(stored).toBe('abc');
    G['setGenericFromString(Generic,String)'](box('DateTime'), '2024-01-02 03:04:05');
    expect(DateTimeClass.methods!['getYear()'](stored)).toBe(2024);
    expect(() => G['setGenericFromString(Generic,String)'](box('String[]'), 'x')).toThrow(/array/);
    expect(() => G['setGenericFromString(Generic,String)'](box('Person'), 'x')).toThrow(/only basic types/);
  });
});
