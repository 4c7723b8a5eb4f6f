// The spellings of SearchEngine's comparison operators, row operators and functions that real
// scripts use: 'OperatorEquals', 'Equals', 'equals', '=', 'eq', 'gt', 'OperatorBeginsWith',
// 'FuncCount', 'count', ... Case does not matter.
import { CrmDatabaseError } from '../errors.js';

export type CompOp = '=' | '<>' | '<' | '<=' | '>' | '>=' | 'is' | 'isnot' | 'like' | 'notlike' | 'contains' | 'notcontains' | 'begins' | 'notbegins' | 'ends' | 'notends' | 'in' | 'notin';

const COMP: Record<string, CompOp> = {
  equals: '=', equal: '=', eq: '=', '=': '=', '==': '=',
  notequals: '<>', notequal: '<>', ne: '<>', neq: '<>', '!=': '<>', '<>': '<>',
  lt: '<', lessthan: '<', less: '<', '<': '<',
  lte: '<=', le: '<=', lessthanorequals: '<=', lessorequal: '<=', '<=': '<=',
  gt: '>', greaterthan: '>', greater: '>', '>': '>',
  gte: '>=', ge: '>=', greaterthanorequals: '>=', greaterorequal: '>=', '>=': '>=',
  is: 'is', isnot: 'isnot',
  like: 'like', notlike: 'notlike',
  contains: 'contains', notcontains: 'notcontains',
  beginswith: 'begins', begins: 'begins', startswith: 'begins', notbeginswith: 'notbegins',
  endswith: 'ends', ends: 'ends', notendswith: 'notends',
  in: 'in', notin: 'notin',
};

export function compOp(op: string): CompOp {
  const k = op.trim().toLowerCase().replace(/^operator/, '').replace(/[\s_]/g, '');
  const r = COMP[k];
  if (!r) throw new CrmDatabaseError(`SearchEngine: unknown comparison operator "${op}" (use e.g. OperatorEquals, OperatorNotEquals, OperatorLt, OperatorGte, OperatorLike, OperatorContains, OperatorBeginsWith, OperatorIn)`);
  return r;
}

export type RowOp = 'and' | 'or' | 'nand' | 'nor';

export function rowOp(op: string | undefined): RowOp {
  const k = (op ?? '').trim().toLowerCase().replace(/^operator/, '').replace(/[\s_]/g, '');
  if (k === '' || k === 'and' || k === '&&') return 'and';
  if (k === 'or' || k === '||') return 'or';
  if (k === 'notand' || k === 'nand') return 'nand';
  if (k === 'notor' || k === 'nor') return 'nor';
  throw new CrmDatabaseError(`SearchEngine: unknown row operator "${op}" (use OperatorAnd, OperatorOr, OperatorNotAnd or OperatorNotOr)`);
}

export const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max']);

/** 'FuncCount' → 'count'; '' → ''. */
export function funcName(f: string | undefined): string {
  return (f ?? '').trim().toLowerCase().replace(/^func/, '');
}
