// The null Integer (declared, never assigned) is told apart from 0 only by isNull(); a program
// that never asks holds it as 0 (compile/emitter.ts nullIntegers). Both kinds of program must
// behave the same everywhere else, and a program that asks must still get true for every place
// an unset Integer lives: variables, struct fields, array elements, function results, and a
// Float converted from one.
import { describe, expect, it } from 'vitest';
import { runScript } from '../../helpers.js';

const BODY = `struct Item { Integer key; Float weight; Integer[] tags; };
Item it;
Integer[3] fixed;
Integer[] grown;
grown.pushBack(Integer());
Integer local;
Integer none() { Integer x; return x; }
Float asFloat = local;
JSONBuilder jb;
it.toJson(jb);
Generic g = it.key;
printLine(it.key.toString() + " " + (it.key + 1).toString() + " " + it.weight.toString(2) + " " + fixed[2].toString());
printLine(local.toString() + " " + none().toString() + " " + asFloat.toString(2) + " " + (asFloat * -1.0).toString(2));
printLine(jb.getString() + " " + convertGenericToString(g) + " " + grown[0].toString());
Map m;
m.insert(fixed[0].toString(), (local * 5).toString());
printLine(m.get("0") + " " + (it.key == 0).toString() + " " + (fixed[1] < 1).toString());
`;

describe('the null Integer', () => {
  it('behaves as 0 in the same way whether or not the program asks isNull()', () => {
    const plain = runScript(BODY);
    const asking = runScript(BODY + 'Integer probe;\nprint(probe.isNull().toString());');
    expect([plain.diagnostics, plain.error, asking.diagnostics, asking.error]).toEqual([[], null, [], null]);
    expect(asking.output).toBe(plain.output + 'true');
    expect(plain.output.split('\n')[0]).toBe('0 1 0.00 0');
  });

  it('is still null in fields, arrays, variables, results and Floats of a program that asks', () => {
    const r = runScript(`struct Item { Integer key; Integer set; };
Item it;
it.set = 0;
Integer[2] fixed;
Integer local;
Integer none() { Integer x; return x; }
Float f = local;
printLine(it.key.isNull().toString() + " " + it.set.isNull().toString() + " " + fixed[1].isNull().toString());
printLine(local.isNull().toString() + " " + none().isNull().toString() + " " + f.isNull().toString());
local = 0;
printLine(local.isNull().toString());`);
    expect(r.error).toBeNull();
    expect(r.output).toBe('true false true\ntrue true true\nfalse\n');
  });

  it('a struct field initializer may index with an expression, and a bad index names its position', () => {
    const r = runScript(`Integer[] a;
a.pushBack(5);
a.pushBack(7);
struct S { Integer k = a[0 + 1]; Integer n; };
S s;
printLine(s.k.toString() + " " + s.n.toString());
Integer i = 1;
printLine(a[i + 5].toString());`);
    expect(r.output).toBe('7 0\n');
    expect(r.error).toBe('index 6 is out of range (the array has 2 elements)');
    expect(r.at).toBe('8:13');
  });
});
