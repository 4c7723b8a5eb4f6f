import { describe, it, expect } from 'vitest';
import { runScript } from '../helpers.js';

const out = (src: string, opts?: Parameters<typeof runScript>[1]): string => {
  const r = runScript(src, opts);
  if (r.diagnostics.length) throw new Error(r.diagnostics.join('\n'));
  if (r.error) throw new Error(`runtime error at ${r.at}: ${r.error}`);
  return r.output;
};

describe('runtime semantics', () => {
  it('wraps Integer arithmetic to 32 bits', () => {
    expect(out('Integer a = 2147483647;\na++;\nprintLine(a.toString());')).toBe('-2147483648\n');
    expect(out('Integer a = 65536;\nprintLine((a * a).toString());')).toBe('0\n');
  });
  it('truncates Integer division toward zero and keeps C remainder signs', () => {
    expect(out('printLine((-7 / 2).toString() + " " + (-7 % 3).toString());')).toBe('-3 -1\n');
  });
  it('mixes Integer and Float into Float', () => {
    expect(out('Float f = 1 + 0.5;\nprintLine(f.toString(1));')).toBe('1.5\n');
  });
  it('makes runtime faults catchable and reports where they happened', () => {
    const src = 'try {\n  Integer z = 0;\n  Integer k = 1 / z;\n} catch {\n  printLine(error);\n  printLine(errorLocation);\n}';
    const r = out(src);
    expect(r).toMatch(/division by zero/i);
    // at the operator that failed
    expect(r).toMatch(/test\.crm:3:17/);
  });
  it('reports an uncaught throw with the line of the throw', () => {
    const r = runScript('printLine("a");\nVoid f() {\n  throw "bad thing";\n}\nf();');
    expect(r.output).toBe('a\n');
    expect(r.error).toBe('GeneralException: bad thing');
    expect(r.at).toBe('3:3');
  });
  it('turns runaway recursion into a clear, uncatchable error', () => {
    const r = runScript('Integer f(Integer n) { return f(n + 1); }\ntry { f(0); } catch { printLine("caught"); }');
    expect(r.output).toBe('');
    expect(r.error).toMatch(/recursion too deep/);
  });
  it('raises out-of-range array access as an exception', () => {
    const r = runScript('Integer[] a;\na.pushBack(1);\nprintLine(a[5].toString());');
    expect(r.error).toMatch(/index 5 is out of range \(the array has 1 element\)/);
    expect(r.at).toMatch(/^3:/); // the column is checked through the real worker in test/commands (run-time error positions)
  });
  it('passes arrays and structs by reference', () => {
    const src = `struct Box { Integer n; };
Void bump(Box b) { b.n = b.n + 1; }
Void add(Integer[] xs) { xs.pushBack(7); }
Box b; bump(b); bump(b);
Integer[] xs; add(xs);
printLine(b.n.toString() + " " + xs.length().toString());`;
    expect(out(src)).toBe('2 1\n');
  });
  it('stores the new value of a value-type method back into the variable, field or element', () => {
    const src = `struct S { Date d; };
S s; s.d = Date("2020-01-31");
s.d.addDay(1);
Date[] ds; ds.pushBack(Date("2020-03-01"));
ds[0].addMonth(1);
String t = "ab"; t.append("cd");
printLine(s.d.getMonth().toString() + " " + ds[0].getMonth().toString() + " " + t);`;
    expect(out(src)).toBe('2 4 abcd\n');
  });
  it('runs struct methods with this and bare field names, and chains them', () => {
    const src = `struct C {
  Integer n = 5;
  C add(Integer k) { n += k; return this; }
  Integer get() { return this.n; }
};
C c;
printLine(c.add(1).add(2).get().toString());`;
    expect(out(src)).toBe('8\n');
  });
  it('resolves overloads by argument type', () => {
    const src = 'String f(Integer i) { return "I"; }\nString f(Float x) { return "F"; }\nString f(String s) { return "S"; }\nprintLine(f(1) + f(1.5) + f("a"));';
    expect(out(src)).toBe('IFS\n');
  });
  it('includes library scripts once, with their globals', () => {
    const lib = 'Integer twice(Integer n) { return n * 2; }\nString NAME = "lib";';
    expect(out('#include "lib";\n#include "lib";\nprintLine(NAME + twice(21).toString());', { includes: { lib } })).toBe('lib42\n');
  });
  it('reports an error in an included script with the included file name', () => {
    const r = runScript('#include "lib";\nboom();', { includes: { lib: 'Void boom() {\n  throw "x";\n}' } });
    expect(r.error).toBe('GeneralException: x');
  });
  it('fails clearly at run time for a known built-in that is not implemented', () => {
    const r = runScript('printLine("before");\nNSLicenseAgent a;\nNSExtendedLicenseInfo i = a.GetLicenseFromDB("x");');
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('before\n');
    expect(r.error).toBe('NSLicenseAgent.GetLicenseFromDB is not available in crmscript-tui');
    expect(r.at).toMatch(/^3:/); // the column is checked through the real worker in test/commands (run-time error positions)
  });
  it('gives declared-but-unassigned variables their defaults', () => {
    expect(out('Integer i; Float f; Bool b; String s;\nprintLine(i.toString() + f.toString(1) + b.toString() + "[" + s + "]");')).toBe('00.0false[]\n');
  });
  it('supports for loops with every part optional, break and continue', () => {
    expect(out('Integer n = 0;\nfor (;;) { n++; if (n < 3) continue; break; }\nprintLine(n.toString());')).toBe('3\n');
  });
  it('has getVariable/setVariable', () => {
    expect(out('printLine(getVariable("a"));\nsetVariable("a", "2");\nprintLine(getVariable("a"));', { variables: { a: '1' } })).toBe('1\n2\n');
  });
  it('evaluates && and || lazily', () => {
    expect(out('Integer[] e;\nif (e.length() > 0 && e[0] == 1) printLine("x"); else printLine("safe");')).toBe('safe\n');
  });
  it('supports fixed-size multi-dimensional arrays', () => {
    expect(out('Integer[2][3] g;\ng[1][2] = 5;\nprintLine(g.length().toString() + g[1].length().toString() + g[1][2].toString());')).toBe('235\n');
  });
  it('reads enum constants from the catalog', () => {
    expect(out('printLine(ActivityStatus.Completed.toString());')).toBe('3\n');
  });
});

describe('receiver-changing methods with a result', () => {
  it('String.getLine returns the first line (with its newline) and removes it from the variable', () => {
    const src = 'String s = "a\\nb\\nc";\nwhile (!s.isEmpty()) print("[" + s.getLine() + "]");\nprintLine("rest=" + s);';
    expect(out(src)).toBe('[a\n][b\n][c]rest=\n');
  });
});
