// getFunctionList(): the CRMScript functions the system defines, one row each: class, return type,
// name, parameter list, author. In this product these are the built-in classes' methods and the
// global functions (class Void and Generic) of the reference catalog it checks scripts against
// (catalog.json), in its order; the parameter list is the parameter types ("String, Integer": the
// catalog keeps no parameter names), and the author is empty (the catalog names none). A member
// the catalog has that this product does not implement is listed too: calling it fails with
// "… is not available in crmscript-tui".
import { readFileSync } from 'node:fs';
import type { NativeGlobals } from './registry.js';
import { charge } from '../runtime/memory.js';

type RawMember = ['F', string, number] | ['C' | 'M', string, string, string[]];

let rows: string[][] | null = null;

function functionRows(): string[][] {
  if (rows) return rows;
  const text = readFileSync(new URL('../catalog.json', import.meta.url), 'utf8');
  const classes = (JSON.parse(text) as { classes: Record<string, { kind: string; members: RawMember[] }> }).classes;
  const out: string[][] = [];
  for (const [name, c] of Object.entries(classes)) {
    if (c.kind !== 'Class') continue;
    for (const m of c.members) if (m[0] === 'M') out.push([name, m[2], m[1], m[3].join(', '), '']);
  }
  return (rows = out);
}

export const functionListGlobals: NativeGlobals = {
  'getFunctionList()': () => {
    const list = functionRows();
    charge(list.length * 160);
    return list.map((r) => [...r]);
  },
};
