import { describe, it, expect } from 'vitest';
import { diagnose } from '../helpers.js';

describe('checker', () => {
  it('reports a variable used before it is declared, with its position', () => {
    expect(diagnose('printLine(x.toString());\nInteger x = 1;')).toEqual([expect.stringMatching(/^1:11: 'x' is not declared/)]);
  });
  it('rejects mixing String and Integer with +, suggesting toString()', () => {
    const d = diagnose('Integer a = 1;\nString s = "x" + a;');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(/^2:\d+: cannot add String and Integer.*toString/);
  });
  it('rejects storing a String in an Integer', () => {
    expect(diagnose('Integer a = "x";')[0]).toMatch(/cannot assign String to 'a' of type Integer/);
  });
  it('lets an Integer flow into a Float but not back', () => {
    expect(diagnose('Float f = 3;')).toEqual([]);
    expect(diagnose('Integer i = 2.5;')[0]).toMatch(/cannot assign Float .*round/);
  });
  it('checks call arity and argument types of user functions', () => {
    const src = 'Integer sq(Integer n) { return n * n; }\n';
    expect(diagnose(src + 'sq();')[0]).toMatch(/^2:1: no function 'sq' takes \(\)/);
    expect(diagnose(src + 'sq("a");')[0]).toMatch(/no function 'sq' takes \(String\)/);
  });
  it('checks built-in method overloads from the catalog', () => {
    expect(diagnose('String s = "abc";\ns.subString(1);')[0]).toMatch(/no method String.subString takes \(Integer\).*Integer, Integer/);
    expect(diagnose('String s = "abc";\ns.noSuchThing();')[0]).toMatch(/String has no method 'noSuchThing'/);
    // a misspelt method: the closest ones
    expect(diagnose('String s = "abc";\nprintLine(s.toLowerCase());')[0]).toMatch(/String has no method 'toLowerCase' \(did you mean toLower\?\)/);
    // a misspelt variable or function (letter case, a swapped pair); names too far off, or
    // under three letters, get no guess
    expect(diagnose('Integer count = 1;\nprintLine(cuont.toString());')[0]).toMatch(/'cuont' is not declared \(did you mean count\?\)$/);
    expect(diagnose('Integer getFirst(Integer a) { return a; }\nprintLine(GetFirst(1).toString());')[0]).toMatch(/'GetFirst' is not a declared function \(did you mean getFirst\?\)$/);
    expect(diagnose('Integer x = 1;\nprintLine(y.toString());')[0]).toMatch(/'y' is not declared$/);
    expect(diagnose('printLine(frobnicateAll().toString());')[0]).toMatch(/'frobnicateAll' is not a declared function$/);
  });
  it('knows every catalog class, even ones the runtime does not implement', () => {
    expect(diagnose('Ticket t;\nString from = t.getMailFrom();')).toEqual([]);
  });
  it('rejects unknown types', () => {
    expect(diagnose('Foo f;')[0]).toMatch(/^1:1: unknown type 'Foo'/);
  });
  it('rejects a function used before its declaration', () => {
    expect(diagnose('later();\nVoid later() { }')[0]).toMatch(/used before it is declared/);
  });
  it('does not let a function see globals declared after it', () => {
    expect(diagnose('Void f() { printLine(g); }\nString g = "x";')[0]).toMatch(/'g' is not declared/);
  });
  it('checks return values against the declared type', () => {
    expect(diagnose('Void f() { return 1; }')[0]).toMatch(/returns Void and cannot return a value/);
    expect(diagnose('Integer f() { return "a"; }')[0]).toMatch(/cannot assign String to the return value/);
    expect(diagnose('Integer f() { return; }')[0]).toMatch(/must return a Integer/);
  });
  it('requires Bool conditions', () => {
    expect(diagnose('Integer i = 1;\nif (i) printLine("x");')[0]).toMatch(/^2:5: a condition must be Bool, not Integer/);
  });
  it('rejects break outside a loop', () => {
    expect(diagnose('break;')[0]).toMatch(/only allowed inside a loop/);
  });
  it('checks struct fields and methods', () => {
    const src = 'struct P { String name; Integer age() { return 1; } };\nP p;\n';
    expect(diagnose(src + 'p.nope = 1;')[0]).toMatch(/struct P has no field 'nope'/);
    expect(diagnose(src + 'p.fly();')[0]).toMatch(/struct P has no method 'fly'/);
    expect(diagnose(src + 'p.name = "x"; Integer a = p.age();')).toEqual([]);
  });
  it('rejects redeclaring a variable in the same scope but allows shadowing in a block', () => {
    expect(diagnose('Integer a;\nInteger a;')[0]).toMatch(/^2:\d+: 'a' is already declared/);
    expect(diagnose('Integer a;\n{ Integer a; }')).toEqual([]);
  });
  it('rejects assigning to something that is not a variable', () => {
    expect(diagnose('1 = 2;')[0]).toMatch(/only a variable, a field or an array element can be assigned to/);
  });
  it('checks array element types and array methods', () => {
    expect(diagnose('String[] a;\na.pushBack(1);')[0]).toMatch(/pushBack\(\) expects String here, not Integer/);
    expect(diagnose('String[] a;\na.sortIt();')[0]).toMatch(/arrays have no method 'sortIt'/);
    expect(diagnose('Integer i;\ni[0] = 1;')[0]).toMatch(/Integer is not an array/);
  });
  it('reports several problems at once, in source order', () => {
    const d = diagnose('Integer a = "x";\nString b = 1;\nundeclared();');
    expect(d.map((x) => x.split(':')[0])).toEqual(['1', '2', '3']);
  });
});
