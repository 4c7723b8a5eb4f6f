// StringMatrix: rows of String cells; rows may have different lengths.
import type { NativeClass } from './registry.js';
import { CrmError } from '../runtime/values.js';
import { charge, grown, reserve } from '../runtime/memory.js';

export class CrmStringMatrix {
  rows: string[][] = [];
}

function row(self: CrmStringMatrix, r: number, what: string): string[] {
  if (!(r >= 0 && r < self.rows.length)) {
    throw new CrmError(`StringMatrix.${what}: row ${r} does not exist (the matrix has ${self.rows.length} rows).`);
  }
  return self.rows[r];
}

export const StringMatrixClass: NativeClass = {
  name: 'StringMatrix',
  defaultValue: () => new CrmStringMatrix(),
  ctors: {
    '()': () => new CrmStringMatrix(),
  },
  methods: {
    // Adds to the last row; a matrix without rows gets its first row.
    'addCell(String)': (self: CrmStringMatrix, value: string) => {
      if (self.rows.length === 0) self.rows.push([]);
      grown(self.rows[self.rows.length - 1].push(value), 8, 2 * value.length);
    },
    'addRow()': (self: CrmStringMatrix) => {
      grown(self.rows.push([]), 8, 64);
    },
    'clear()': (self: CrmStringMatrix) => {
      self.rows = [];
    },
    'deleteRow(Integer)': (self: CrmStringMatrix, r: number) => {
      row(self, r, 'deleteRow');
      self.rows.splice(r, 1);
    },
    'getCell(Integer,Integer)': (self: CrmStringMatrix, r: number, c: number) => {
      const cells = row(self, r, 'getCell');
      if (!(c >= 0 && c < cells.length)) {
        throw new CrmError(`StringMatrix.getCell: column ${c} does not exist in row ${r} (it has ${cells.length} cells).`);
      }
      return cells[c];
    },
    'getNumColumns(Integer)': (self: CrmStringMatrix, r: number) => row(self, r, 'getNumColumns').length,
    'getNumRows()': (self: CrmStringMatrix) => self.rows.length,
    // Setting a cell past the end of its row pads the row with empty cells.
    'setCell(Integer,Integer,String)': (self: CrmStringMatrix, r: number, c: number, value: string) => {
      const cells = row(self, r, 'setCell');
      if (!(c >= 0)) throw new CrmError(`StringMatrix.setCell: column ${c} is not a valid column.`);
      if (c > cells.length) reserve(8 * (c - cells.length));
      while (cells.length < c) cells.push('');
      cells[c] = value;
      charge(2 * value.length);
    },
  },
};
