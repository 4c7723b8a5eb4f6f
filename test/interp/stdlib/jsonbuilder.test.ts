import { describe, it, expect } from 'vitest';
import { JSONBuilderClass, CrmJSONBuilder, jsonQuote, formatFixed6 } from '../../../src/interp/stdlib/jsonbuilder.js';

const J = JSONBuilderClass.methods!;
const nb = (): CrmJSONBuilder => JSONBuilderClass.defaultValue!();

describe('JSONBuilder', () => {
  it('builds a nested document with "key": value members', () => {
    const jb = nb();
    J['pushObject(String)'](jb, '');
    J['pushArray(String)'](jb, 'persons');
    J['pushObject(String)'](jb, '');
    J['addString(String,String)'](jb, 'firstname', 'Ann');
    J['addInteger(String,Integer)'](jb, 'age', 41);
    J['popLevel()'](jb);
    J['pushObject(String)'](jb, '');
    J['addString(String,String)'](jb, 'firstname', 'Bo');
    J['addBoolean(String,Bool)'](jb, 'vip', false);
    J['popLevel()'](jb);
    J['popLevel()'](jb);
    J['addFloat(String,Float)'](jb, 'total', 2.5);
    J['popLevel()'](jb);
    const s = J['getString()'](jb);
    expect(s).toBe('{"persons": [{"firstname": "Ann","age": 41},{"firstname": "Bo","vip": false}],"total": 2.500000}');
    expect(JSON.parse(s)).toEqual({
      persons: [
        { firstname: 'Ann', age: 41 },
        { firstname: 'Bo', vip: false },
      ],
      total: 2.5,
    });
  });

  it('a single member matches the documented {"who": "World"} form', () => {
    const jb = nb();
    J['pushObject(String)'](jb, '');
    J['addString(String,String)'](jb, 'who', 'World');
    J['popLevel()'](jb);
    expect(J['getString()'](jb)).toBe('{"who": "World"}');
  });

  it('keys in arrays are ignored; empty containers', () => {
    const jb = nb();
    J['pushArray(String)'](jb, '');
    J['addString(String,String)'](jb, 'ignored', 'a');
    J['addInteger(String,Integer)'](jb, '', -0);
    J['pushObject(String)'](jb, '');
    J['popLevel()'](jb);
    J['pushArray(String)'](jb, '');
    J['popLevel()'](jb);
    J['popLevel()'](jb);
    expect(J['getString()'](jb)).toBe('["a",0,{},[]]');
  });

  it('escapes strings and keys', () => {
    const jb = nb();
    J['pushObject(String)'](jb, '');
    J['addString(String,String)'](jb, 'a"b', 'Quote " and \\ and \n\t\r\b\f and \u0001 and ünï/');
    J['popLevel()'](jb);
    const s = J['getString()'](jb);
    expect(s).toBe('{"a\\"b": "Quote \\" and \\\\ and \\n\\t\\r\\b\\f and \\u0001 and ünï/"}');
    expect(JSON.parse(s)).toEqual({ 'a"b': 'Quote " and \\ and \n\t\r\b\f and \u0001 and ünï/' });
  });

  it('finalize closes every open level; extra popLevel is harmless', () => {
    const jb = nb();
    J['pushObject(String)'](jb, '');
    J['pushObject(String)'](jb, 'a');
    J['pushArray(String)'](jb, 'b');
    J['addInteger(String,Integer)'](jb, '', 1);
    J['finalize()'](jb);
    expect(J['getString()'](jb)).toBe('{"a": {"b": [1]}}');
    J['popLevel()'](jb);
    expect(J['getString()'](jb)).toBe('{"a": {"b": [1]}}');
  });

  it('getString shows unfinished documents as they are', () => {
    const jb = nb();
    J['pushObject(String)'](jb, '');
    J['addBoolean(String,Bool)'](jb, 'x', true);
    expect(J['getString()'](jb)).toBe('{"x": true');
  });

  it('pretty prints with the given indent', () => {
    const jb = nb();
    J['setPrettyPrint(Integer)'](jb, 4);
    J['pushObject(String)'](jb, '');
    J['addString(String,String)'](jb, 'foo', 'bar');
    J['pushArray(String)'](jb, 'sales');
    J['pushObject(String)'](jb, '');
    J['addInteger(String,Integer)'](jb, 'id', 1);
    J['addFloat(String,Float)'](jb, 'amount', 500);
    J['popLevel()'](jb);
    J['popLevel()'](jb);
    J['pushObject(String)'](jb, 'empty');
    J['popLevel()'](jb);
    J['popLevel()'](jb);
    expect(J['getString()'](jb)).toBe(
      '{\n    "foo": "bar",\n    "sales": [\n        {\n            "id": 1,\n            "amount": 500.000000\n        }\n    ],\n    "empty": {}\n}',
    );
    const two = nb();
    J['SetPrettyPrint(Integer)'](two, 2);
    J['pushArray(String)'](two, '');
    J['addInteger(String,Integer)'](two, '', 1);
    J['addInteger(String,Integer)'](two, '', 2);
    J['finalize()'](two);
    expect(J['getString()'](two)).toBe('[\n  1,\n  2\n]');
    const off = nb();
    J['setPrettyPrint(Integer)'](off, 0);
    J['pushObject(String)'](off, '');
    J['addInteger(String,Integer)'](off, 'a', 1);
    J['finalize()'](off);
    expect(J['getString()'](off)).toBe('{"a": 1}');
  });

  it('Float formatting follows %f', () => {
    expect(formatFixed6(0)).toBe('0.000000');
    expect(formatFixed6(-1.25)).toBe('-1.250000');
    expect(formatFixed6(1 / 3)).toBe('0.333333');
    expect(formatFixed6(1e22)).toBe('10000000000000000000000.000000');
    expect(formatFixed6(NaN)).toBe('nan');
    expect(formatFixed6(-Infinity)).toBe('-inf');
  });

  it('jsonQuote leaves plain text alone', () => {
    expect(jsonQuote('plain')).toBe('"plain"');
    expect(jsonQuote('')).toBe('""');
  });

  it('the constructor and defaultValue give independent builders', () => {
    const a = JSONBuilderClass.ctors!['()']();
    const b = nb();
    J['pushArray(String)'](a, '');
    expect(J['getString()'](b)).toBe('');
    expect(J['getString()'](a)).toBe('[');
  });
});
