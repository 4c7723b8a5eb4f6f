// Scripts are checked and compiled against the shape of the natives the build wrote
// (src/interp/native-shape.ts), not the natives themselves: the shape must stand for them exactly.
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { parse } from '../../src/grammar/parse.js';
import { check } from '../../src/interp/checker.js';
import { compile } from '../../src/interp/compiler.js';
import { checkerNatives, shapeOf, tableOfShape } from '../../src/interp/native-shape.js';
import { natives } from '../../src/interp/stdlib/index.js';
import type { NativeTable } from '../../src/interp/stdlib/registry.js';

/** Touches natives of every kind: constructors, methods, updaters, takers, compare, default values, globals, lazy NetServer classes, an unimplemented member. */
const SCRIPT = `
String s = "a,b";
s.append("c");
String first = s.getLine();
Date d; Date e = getCurrentDate();
Bool later = d < e;
DateTime t = DateTime(2024, 1, 2, 3, 4, 5);
Map m; m.insert("k", s.toUpper());
XMLNode x = parseXML("<a/>");
NSContactAgent agent;
NSContactEntity c = agent.CreateDefaultContactEntity();
c.SetName("Acme");
Integer n = c.GetContactId();
TimeSpan ts; Integer sec = ts.getSec();
printLine(first + t.toString() + n.toString() + sec.toString() + later.toString() + x.getName());
`;

function compiled(table: NativeTable): { code: string; natives: string[] } {
  const program = parse(SCRIPT).program!;
  const checked = check(program, table);
  expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const out = compile(program, checked, 'shape.crm', 'fast');
  return { code: out.code, natives: out.natives };
}

describe('the natives shape', () => {
  it('stands for the natives: a table made from it has the same shape', () => {
    const shape = shapeOf(natives);
    expect(shapeOf(tableOfShape(shape))).toEqual(shape);
    expect(Object.keys(shape.lazy!.classes).length).toBeGreaterThan(100);
  });

  it('is what the build wrote (the table scripts are checked against)', () => {
    const built = JSON.parse(readFileSync(new URL('../../dist/src/interp/natives-shape.json', import.meta.url), 'utf8'));
    expect(built).toEqual(JSON.parse(JSON.stringify(shapeOf(natives))));
    expect(shapeOf(checkerNatives())).toEqual(built);
  });

  it('compiles a script to the same code as the natives themselves', () => {
    expect(compiled(checkerNatives())).toEqual(compiled(natives));
  });
});
