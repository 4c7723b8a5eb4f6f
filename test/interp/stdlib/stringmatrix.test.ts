import { describe, it, expect } from 'vitest';
import { StringMatrixClass, CrmStringMatrix } from '../../../src/interp/stdlib/stringmatrix.js';
import { CrmError } from '../../../src/interp/runtime/values.js';

const S = StringMatrixClass.methods!;
const nm = (): CrmStringMatrix => StringMatrixClass.defaultValue!();

describe('StringMatrix', () => {
  it('rows of cells', () => {
    const m = nm();
    expect(S['getNumRows()'](m)).toBe(0);
    S['addRow()'](m);
    S['addCell(String)'](m, 'a');
    S['addCell(String)'](m, 'b');
    S['addRow()'](m);
    S['addCell(String)'](m, 'c');
    expect(S['getNumRows()'](m)).toBe(2);
    expect(S['getNumColumns(Integer)'](m, 0)).toBe(2);
    expect(S['getNumColumns(Integer)'](m, 1)).toBe(1);
    expect(S['getCell(Integer,Integer)'](m, 0, 1)).toBe('b');
    expect(S['getCell(Integer,Integer)'](m, 1, 0)).toBe('c');
  });

  it('addCell without a row starts one', () => {
    const m = StringMatrixClass.ctors!['()']();
    S['addCell(String)'](m, 'x');
    expect(S['getNumRows()'](m)).toBe(1);
    expect(S['getCell(Integer,Integer)'](m, 0, 0)).toBe('x');
  });

  it('setCell overwrites and pads; deleteRow; clear', () => {
    const m = nm();
    S['addRow()'](m);
    S['addCell(String)'](m, 'a');
    S['setCell(Integer,Integer,String)'](m, 0, 0, 'A');
    S['setCell(Integer,Integer,String)'](m, 0, 3, 'D');
    expect(S['getNumColumns(Integer)'](m, 0)).toBe(4);
    expect([0, 1, 2, 3].map((c) => S['getCell(Integer,Integer)'](m, 0, c))).toEqual(['A', '', '', 'D']);
    S['addRow()'](m);
    S['addCell(String)'](m, 'second');
    S['deleteRow(Integer)'](m, 0);
    expect(S['getNumRows()'](m)).toBe(1);
    expect(S['getCell(Integer,Integer)'](m, 0, 0)).toBe('second');
    S['clear()'](m);
    expect(S['getNumRows()'](m)).toBe(0);
  });

  it('bad positions raise a CrmError', () => {
    const m = nm();
    S['addRow()'](m);
    expect(() => S['getCell(Integer,Integer)'](m, 0, 0)).toThrow(/column 0 does not exist/);
    expect(() => S['getCell(Integer,Integer)'](m, 1, 0)).toThrow(/row 1 does not exist/);
    expect(() => S['deleteRow(Integer)'](m, 3)).toThrow(CrmError);
    expect(() => S['getNumColumns(Integer)'](m, -1)).toThrow(CrmError);
    expect(() => S['setCell(Integer,Integer,String)'](m, 0, -1, 'x')).toThrow(CrmError);
    expect(() => S['setCell(Integer,Integer,String)'](m, 2, 0, 'x')).toThrow(CrmError);
  });
});
