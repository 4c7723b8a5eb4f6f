// The string forms the "2" methods of NSArchiveAgent take instead of arrays: a restriction such
// as "(name begins 'Super' or name contains 'Office') and category in (2, 3)" (terms joined by AND
// and OR, brackets grouping; a term is a column, an operator and its values, none for operators
// such as set or currentAssociate), a sort order
// such as "name desc, registered" and comma-separated column and entity lists. They become the
// NSArchiveRestrictionInfo and NSArchiveOrderByInfo objects the array forms take.
import type { NSObject } from '../object.js';
import { fail } from './db.js';
import { make } from './define.js';

interface Token {
  kind: 'word' | 'string' | 'symbol' | 'open' | 'close' | 'comma';
  text: string;
}

const SYMBOLS = ['<>', '!=', '<=', '>=', '=', '<', '>'];

function tokens(where: string, source: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) i++;
    else if (ch === '(' || ch === ')' || ch === ',') {
      out.push({ kind: ch === '(' ? 'open' : ch === ')' ? 'close' : 'comma', text: ch });
      i++;
    } else if (ch === "'" || ch === '"') {
      // a quoted value; a backslash takes the next character as it is (\' is a quote)
      let text = '';
      let j = i + 1;
      while (j < source.length && source[j] !== ch) {
        if (source[j] === '\\' && j + 1 < source.length) j++;
        text += source[j++];
      }
      if (j >= source.length) throw fail(where, `the restriction has an unterminated string: ${source.slice(i)}`);
      out.push({ kind: 'string', text });
      i = j + 1;
    } else {
      const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
      if (symbol) {
        out.push({ kind: 'symbol', text: symbol });
        i += symbol.length;
        continue;
      }
      const m = /^[^\s(),'"=<>!]+/.exec(source.slice(i));
      if (!m) throw fail(where, `the restriction has an unexpected '${ch}' at position ${i + 1}`);
      out.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

const keyword = (t: Token | undefined, word: string): boolean => t?.kind === 'word' && t.text.toLowerCase() === word;

/** Restrictions of which any set holds (each set AND-ed): what a string with 'or' reads as. */
export interface AnyOfRestrictions {
  anyOf: NSObject[][];
}

/** More sets than this after multiplying out the brackets is an error (the string is too tangled). */
const MAX_SETS = 256;
/** Brackets nested deeper than this are an error (a restriction a person writes nests a few). */
const MAX_DEPTH = 64;

/**
 * A restriction string as restriction objects: the terms AND-ed (empty for an empty string), or,
 * when it has 'or', the sets of terms of which any must hold. AND binds tighter than OR; brackets
 * group; a term is a column, an operator and its values (none for set, today, currentAssociate…).
 */
export function restrictionsOf(where: string, source: string): NSObject[] | AnyOfRestrictions {
  const t = tokens(where, source ?? '');
  if (!t.length) return [];
  let i = 0;
  const value = (): string => {
    const v = t[i];
    if (!v || (v.kind !== 'word' && v.kind !== 'string')) throw fail(where, `the restriction lacks a value after '${t[i - 1]?.text ?? ''}'`);
    i++;
    return v.text;
  };
  const term = (): NSObject[][] => {
    const name = t[i];
    if (name?.kind !== 'word') throw fail(where, `expected a column name in the restriction${name ? `, not '${name.text}'` : ''}`);
    const op = t[i + 1];
    if (!op || (op.kind !== 'word' && op.kind !== 'symbol')) throw fail(where, `the restriction on '${name.text}' lacks an operator`);
    i += 2;
    const values: string[] = [];
    if (t[i]?.kind === 'open') {
      i++;
      while (t[i]?.kind !== 'close') {
        if (values.length) {
          if (t[i]?.kind !== 'comma') throw fail(where, `expected ',' or ')' in the values of '${name.text}'`);
          i++;
        }
        values.push(value());
      }
      i++;
    } else if (i < t.length && t[i].kind !== 'close' && !keyword(t[i], 'and') && !keyword(t[i], 'or')) {
      values.push(value());
      while (t[i]?.kind === 'comma') {
        i++;
        values.push(value());
      }
    }
    return [[make('NSArchiveRestrictionInfo', { Name: name.text, Operator: op.text, Values: values, IsActive: true })]];
  };
  let depth = 0;
  const primary = (): NSObject[][] => {
    if (t[i]?.kind !== 'open') return term();
    if (++depth > MAX_DEPTH) throw fail(where, `the restriction nests brackets more than ${MAX_DEPTH} deep`);
    i++;
    const inner = either();
    depth--;
    if (t[i]?.kind !== 'close') throw fail(where, `expected ')' in the restriction${t[i] ? ` before '${t[i].text}'` : ''}`);
    i++;
    return inner;
  };
  const both = (): NSObject[][] => {
    let sets = primary();
    while (keyword(t[i], 'and')) {
      i++;
      const right = primary();
      sets = sets.flatMap((a) => right.map((b) => [...a, ...b]));
      if (sets.length > MAX_SETS) throw fail(where, `the restriction multiplies out to more than ${MAX_SETS} alternatives`);
    }
    return sets;
  };
  const either = (): NSObject[][] => {
    const sets = both();
    while (keyword(t[i], 'or')) {
      i++;
      sets.push(...both());
      if (sets.length > MAX_SETS) throw fail(where, `the restriction multiplies out to more than ${MAX_SETS} alternatives`);
    }
    return sets;
  };
  const sets = either();
  if (i < t.length) throw fail(where, `expected 'and' or 'or' before '${t[i].text}' in the restriction`);
  return sets.length === 1 ? sets[0] : { anyOf: sets };
}

/** A sort order string ("name desc, registered") as order objects. */
export function orderOf(where: string, source: string): NSObject[] {
  return listOf(source).map((part) => {
    const m = /^(\S+)(?:\s+(asc|ascending|desc|descending))?$/i.exec(part);
    if (!m) throw fail(where, `cannot read the sort order '${part}' (write a column name, optionally followed by asc or desc)`);
    return make('NSArchiveOrderByInfo', { Name: m[1], Direction: m[2]?.toLowerCase().startsWith('desc') ? 1 : 0 });
  });
}

/** A comma-separated list of names. */
export function listOf(source: string): string[] {
  return (source ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
