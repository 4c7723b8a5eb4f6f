import { describe, expect, it } from 'vitest';
import { BoolClass, ByteClass, FloatClass, IntegerClass, formatFloat, parseFloatPrefix, parseIntegerPrefix } from '../../../src/interp/stdlib/numbers.js';
import { isNullInteger } from '../../../src/interp/runtime/values.js';

const I = IntegerClass.methods!;
const F = FloatClass.methods!;
const B = BoolClass.methods!;
const Y = ByteClass.methods!;

describe('Integer', () => {
  it('constructs from nothing, Integer and String', () => {
    expect(isNullInteger(IntegerClass.ctors!['()']())).toBe(true);
    expect(isNullInteger(IntegerClass.defaultValue!())).toBe(true);
    expect(IntegerClass.ctors!['(Integer)'](42)).toBe(42);
    expect(IntegerClass.ctors!['(String)']('1729')).toBe(1729);
    expect(IntegerClass.ctors!['(String)']('  -73abc')).toBe(-73);
    expect(IntegerClass.ctors!['(String)']('abc')).toBe(0);
  });
  it('parses prefixes and saturates out-of-range input', () => {
    expect(parseIntegerPrefix('12nok3')).toBe(12);
    expect(parseIntegerPrefix('+5')).toBe(5);
    expect(parseIntegerPrefix('99999999999')).toBe(2147483647);
    expect(parseIntegerPrefix('-99999999999')).toBe(-2147483648);
    expect(Object.is(parseIntegerPrefix('-0'), 0)).toBe(true);
  });
  it('parses short digit texts, longer ones and the rest alike', () => {
    const cases: [string, number][] = [
      ['', 0], ['7', 7], ['0009', 9], ['123456789', 123456789], ['1234567890', 1234567890],
      ['2147483647', 2147483647], ['2147483648', 2147483647], ['12 3', 12], ['1x', 1],
      [' 42', 42], ['x1', 0], ['-', 0], ['123456789012nok', 2147483647],
    ];
    for (const [text, value] of cases) expect([text, parseIntegerPrefix(text)]).toEqual([text, value]);
  });
  it('toString, toBool, abs', () => {
    expect(I['toString()'](-7)).toBe('-7');
    expect(I['toString()'](-0)).toBe('0');
    expect(I['toBool()'](0)).toBe(false);
    expect(I['toBool()'](3)).toBe(true);
    expect(I['abs()'](-7)).toBe(7);
    expect(I['abs()'](5)).toBe(5);
  });
  it('toHex converts the receiver, toHex(Integer) its argument', () => {
    expect(I['toHex()'](255)).toBe('ff');
    expect(I['toHex()'](10)).toBe('a');
    expect(I['toHex()'](-1)).toBe('ffffffff');
    expect(I['toHex(Integer)'](0, 4096)).toBe('1000');
  });
  it('isNull tells the null Integer from 0', () => {
    expect(I['isNull()'](-0)).toBe(true);
    expect(I['isNull()'](0)).toBe(false);
    expect(I['isNull()'](5)).toBe(false);
  });
});

describe('Float', () => {
  it('toString(decimals) formats like the conformance programs expect', () => {
    const pi = 3.14159;
    expect([0, 1, 2, 3, 4, 5].map((d) => F['toString(Integer)'](pi, d))).toEqual([
      '3', '3.1', '3.14', '3.142', '3.1416', '3.14159',
    ]);
    expect(F['toString(Integer)'](2.5, 2)).toBe('2.50');
    expect(F['toString(Integer)'](3.5, 1)).toBe('3.5');
    expect(F['toString(Integer)'](25, 2)).toBe('25.00');
    expect(F['toString(Integer)'](-0, 2)).toBe('0.00');
    expect(F['toString(Integer)'](-1.5, -3)).toBe('-2');
    expect(formatFloat(1e22, 1)).toBe('10000000000000000000000.0');
    expect(formatFloat(NaN, 2)).toBe('nan');
    expect(formatFloat(-Infinity, 2)).toBe('-inf');
  });
  it('abs, floor, round', () => {
    expect(F['toString(Integer)'](F['abs()'](-7.14), 2)).toBe('7.14');
    expect(F['floor()'](13.456)).toBe(13);
    expect(F['floor()'](-1.5)).toBe(-2);
    expect(F['round()'](13.79)).toBe(14);
    expect(F['round()'](13.5)).toBe(14);
    expect(F['round()'](13.49)).toBe(13);
    expect(F['round()'](-2.5)).toBe(-3);
    expect(F['round()'](1e12)).toBe(2147483647);
  });
  it('constructors', () => {
    expect(FloatClass.ctors!['(Integer)'](25)).toBe(25);
    expect(FloatClass.ctors!['(Float)'](2.71)).toBe(2.71);
    expect(FloatClass.ctors!['(String)']('1.618')).toBe(1.618);
    expect(FloatClass.ctors!['(String)']('150,3')).toBe(150.3);
    expect(FloatClass.ctors!['(String)']('x')).toBe(0);
    expect(parseFloatPrefix(' -2.5e2kg')).toBe(-250);
    expect(parseFloatPrefix('.5')).toBe(0.5);
  });
  it('isNull is true only for the unassigned Float', () => {
    expect(F['isNull()'](FloatClass.defaultValue!())).toBe(true);
    expect(F['isNull()'](FloatClass.ctors!['()']())).toBe(true);
    expect(F['isNull()'](0)).toBe(false);
    expect(F['isNull()'](1.5)).toBe(false);
  });
});

describe('Bool', () => {
  it('all members', () => {
    expect(BoolClass.ctors!['()']()).toBe(false);
    expect(BoolClass.ctors!['(Bool)'](true)).toBe(true);
    expect(B['toInteger()'](true)).toBe(1);
    expect(B['toInteger()'](false)).toBe(0);
    expect(B['toString()'](true)).toBe('true');
    expect(B['toString()'](false)).toBe('false');
  });
});

describe('Byte', () => {
  it('masks constructor values to 0..255', () => {
    expect(ByteClass.ctors!['()']()).toBe(0);
    expect(ByteClass.ctors!['(Integer)'](65)).toBe(65);
    expect(ByteClass.ctors!['(Integer)'](256 + 7)).toBe(7);
    expect(ByteClass.ctors!['(Integer)'](-1)).toBe(255);
  });
  it('toHex, toString, toInteger, toBool', () => {
    expect(Y['toHex()'](10)).toBe('a');
    expect(Y['toHex()'](255)).toBe('ff');
    expect(Y['toHex(Integer)'](10, 2)).toBe('0a');
    expect(Y['toHex(Integer)'](10, 4)).toBe('000a');
    expect(Y['toHex(Integer)'](171, 1)).toBe('ab');
    expect(Y['toString()'](200)).toBe('200');
    expect(Y['toInteger()'](200)).toBe(200);
    expect(Y['toBool()'](0)).toBe(false);
    expect(Y['toBool()'](1)).toBe(true);
  });
});
