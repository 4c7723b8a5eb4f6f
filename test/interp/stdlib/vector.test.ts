import { describe, it, expect } from 'vitest';
import { VectorClass, CrmVector } from '../../../src/interp/stdlib/vector.js';
import { CrmError, isNullInteger } from '../../../src/interp/runtime/values.js';

const V = VectorClass.methods!;
const nv = (): CrmVector => VectorClass.defaultValue!();

describe('Vector', () => {
  it('starts empty; pushBack, get, set, size', () => {
    const v = nv();
    expect(V['size()'](v)).toBe(0);
    V['pushBack(String)'](v, 'a');
    V['pushBack(String)'](v, 'b');
    expect(V['size()'](v)).toBe(2);
    expect(V['get(Integer)'](v, 1)).toBe('b');
    V['set(Integer,String)'](v, 0, 'z');
    expect(V['get(Integer)'](v, 0)).toBe('z');
    expect(VectorClass.ctors!['()']()).not.toBe(VectorClass.ctors!['()']());
  });

  it('out-of-bounds get/set/removeAt raise a CrmError', () => {
    const v = nv();
    V['pushBack(String)'](v, 'a');
    expect(() => V['get(Integer)'](v, 1)).toThrow(CrmError);
    expect(() => V['get(Integer)'](v, -1)).toThrow(/out of bounds/);
    expect(() => V['set(Integer,String)'](v, 5, 'x')).toThrow(CrmError);
    expect(() => V['removeAt(Integer)'](v, 1)).toThrow(CrmError);
  });

  it('Vector(Integer[]) and the array conversions', () => {
    const v = VectorClass.ctors!['(Integer[])']([3, -0, -7]);
    expect(V['toStringArray()'](v)).toEqual(['3', '0', '-7']);
    V['pushBack(String)'](v, 'x1');
    V['pushBack(String)'](v, ' 42 ');
    const ints: number[] = V['toIntegerArray()'](v);
    expect(ints.slice(0, 3)).toEqual([3, 0, -7]);
    expect(isNullInteger(ints[3])).toBe(true);
    expect(ints[4]).toBe(42);
    expect(isNullInteger(ints[0])).toBe(false);
    // toStringArray is a copy
    const arr = V['toStringArray()'](v);
    arr.push('more');
    expect(V['size()'](v)).toBe(5);
  });

  it('parseString replaces the contents; buildString joins', () => {
    const v = nv();
    V['pushBack(String)'](v, 'old');
    V['parseString(String,String)'](v, 'a;b;;c', ';');
    expect(V['toStringArray()'](v)).toEqual(['a', 'b', '', 'c']);
    expect(V['buildString(String)'](v, ', ')).toBe('a, b, , c');
    V['parseString(String,String)'](v, 'x--y', '--');
    expect(V['toStringArray()'](v)).toEqual(['x', 'y']);
    V['parseString(String,String)'](v, '', ',');
    expect(V['size()'](v)).toBe(0);
    V['parseString(String,String)'](v, 'whole', '');
    expect(V['toStringArray()'](v)).toEqual(['whole']);
  });

  it('removeAt shifts the rest down', () => {
    const v = VectorClass.ctors!['(Integer[])']([1, 2, 3]);
    V['removeAt(Integer)'](v, 1);
    expect(V['buildString(String)'](v, ',')).toBe('1,3');
  });
});
