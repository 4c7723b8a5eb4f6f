// Array sort() and buildString(separator), and the struct methods toJsonString() and
// fromJsonString(json) (CRMScript 10.1.4): what a script sees, the checker's errors for arrays whose
// elements cannot be compared or written, and a sort seen by the tracer.
import { afterAll, describe, expect, it } from 'vitest';
import { diagnose, runScript } from '../../helpers.js';
import { cleanupTempDirs, locals, record, stepsAtLine } from '../../tracing/helpers.js';

afterAll(cleanupTempDirs);

const PERSON = `struct Person {
  String first;
  String last;
  String toString() { return this.first + " " + this.last; }
  Bool compare(Person p) { return this.last < p.last; }
};
Person person(String f, String l) { Person p; p.first = f; p.last = l; return p; }
`;

describe('array sort() and buildString()', () => {
  it('sorts Integers, Floats, Strings and Bools by value, and Dates by their compare', () => {
    const r = runScript(`Integer[] xs; xs.pushBack(3); xs.pushBack(-1); xs.pushBack(2); xs.sort();
String[] ss; ss.pushBack("pear"); ss.pushBack("Apple"); ss.pushBack("apple"); ss.sort();
Float[] fs; fs.pushBack(2.5); fs.pushBack(-0.5); fs.sort();
Bool[] bs; bs.pushBack(true); bs.pushBack(false); bs.sort();
Date[] ds; ds.pushBack(Date("2021-01-02")); ds.pushBack(Date("2020-05-06")); ds.sort();
printLine(xs.buildString(","));
printLine(ss.buildString("|"));
printLine(fs[0].toString(1) + " " + fs[1].toString(1));
printLine(bs.buildString(" "));
printLine(ds.buildString(";"));`);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    expect(r.output).toBe('-1,2,3\nApple|apple|pear\n-0.5 2.5\nfalse true\n2020-05-06;2021-01-02\n');
  });

  it("sorts structs by their Bool compare(S) (true: this one comes first) and writes them with their String toString()", () => {
    const r = runScript(`${PERSON}Person[] ps;
ps.pushBack(person("Mark", "Wahlberg")); ps.pushBack(person("John", "Doe")); ps.pushBack(person("Anthony", "Hopkins"));
printLine(ps.buildString("|"));
ps.sort();
printLine(ps.buildString("|"));
Person[] none;
none.sort();
printLine("[" + none.buildString(",") + "]");`);
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('Mark Wahlberg|John Doe|Anthony Hopkins\nJohn Doe|Anthony Hopkins|Mark Wahlberg\n[]\n');
  });

  it('says at check time what an array needs to be sorted or written', () => {
    expect(diagnose('struct S { Integer a; };\nS[] xs;\nxs.sort();\nprintLine(xs.buildString(","));')).toEqual([
      '3:4: sort() on an array of S: the struct needs a method Bool compare(S)',
      '4:14: buildString() on an array of S: the struct needs a method String toString()',
    ]);
    expect(diagnose('Float[] fs;\nprintLine(fs.buildString(","));')).toEqual(['2:14: buildString() on an array of Float: Float has no toString()']);
    expect(diagnose('Map[] ms;\nms.sort();')).toEqual(['2:4: sort() on an array of Map: Map values cannot be compared']);
    expect(diagnose('Integer[] xs;\nxs.sort(1);\nprintLine(xs.buildString());')).toEqual([
      '2:1: sort() on an array takes 0 arguments',
      '3:11: buildString() on an array takes 1 argument',
    ]);
  });

  it('stops a script whose compare fails, at the statement that failed', () => {
    const r = runScript(`struct N { Integer v; Bool compare(N o) { return this.v / o.v > 0; } };
N[] ns; N a; N b; ns.pushBack(a); ns.pushBack(b);
ns.sort();`);
    expect(r.error).toMatch(/division by zero/i);
  });

  it('is recorded by the tracer as the array in its new order', () => {
    const { rec } = record(`Integer[] xs;
xs.pushBack(3); xs.pushBack(1); xs.pushBack(2);
xs.sort();
printLine(xs.buildString(","));`);
    expect(locals(rec.at(stepsAtLine(rec, 4)[0]!))).toEqual({ xs: '[1, 2, 3]' });
  });
});

describe('struct toJsonString() and fromJsonString()', () => {
  it('writes the struct as toJson does, and sets its members from JSON text', () => {
    const r = runScript(`struct Inner { Integer n; };
struct Outer { String name; Bool on; Inner inner; Integer[] list; };
Outer o; o.name = "a \\"quoted\\" name"; o.on = true; o.inner.n = 7; o.list.pushBack(1); o.list.pushBack(2);
String text = o.toJsonString();
JSONBuilder jb; o.toJson(jb);
printLine((text == jb.getString()).toString());
Outer copy;
copy.fromJsonString(text);
printLine(copy.name + " " + copy.on.toString() + " " + copy.inner.n.toString() + " " + copy.list.buildString("+"));`);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    expect(r.output).toBe('true\na "quoted" name true 7 1+2\n');
  });

  it('leaves a struct’s own method of the same name in charge', () => {
    const r = runScript('struct S { Integer a; String toJsonString() { return "mine"; } };\nS s;\nprintLine(s.toJsonString());\ns.fromJsonString("{\\"a\\": 5}");\nprintLine(s.a.toString());');
    expect(r.output).toBe('mine\n5\n');
  });

  it('fails clearly on text that is not JSON', () => {
    const r = runScript('struct S { Integer a; };\nS s;\ns.fromJsonString("not json");');
    expect(r.error).toMatch(/^fromJsonString: invalid JSON at line 1, column 1/);
    expect(r.at).toBe('3:1');
  });

  it('checks what they take', () => {
    expect(diagnose('struct S { Integer a; };\nS s;\ns.fromJsonString(1);\nInteger n = s.toJsonString();')).toHaveLength(2);
  });
});
