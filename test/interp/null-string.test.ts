// The null String ("no value", datatypes/string-type.md "Empty vs. no value"): a String declared
// without a value, a JSON/XML path that leads nowhere, an unset variable and the end of a File
// are null; "" is not. Everything but isNull() treats null as empty.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../helpers.js';
import { requireBuiltCli, runBuiltCli } from '../common.js';

const lines = (src: string): string[] => {
  const r = runScript(src);
  expect(r.diagnostics).toEqual([]);
  expect(r.error).toBeNull();
  return r.output.trimEnd().split('\n');
};

describe('which values are null', () => {
  it('a declared String is null until assigned; "" is not', () => {
    expect(
      lines(`String s;
printLine(s.isNull().toString() + " " + s.isEmpty().toString());
s = "";
printLine(s.isNull().toString() + " " + s.isEmpty().toString());
s = "x";
printLine(s.isNull().toString() + " " + s.isEmpty().toString());`),
    ).toEqual(['true true', 'false true', 'false false']);
  });

  it('struct fields, array elements, pushBack() and a function that falls off its end give null', () => {
    expect(
      lines(`struct Rec { String name; String note = ""; };
Rec r;
String[2] fixed;
String[] grown; grown.pushBack();
String nothing() { if (false) return "x"; }
printLine(r.name.isNull().toString() + r.note.isNull().toString());
printLine(fixed[1].isNull().toString() + grown[0].isNull().toString() + nothing().isNull().toString());`),
    ).toEqual(['truefalse', 'truetruetrue']);
  });

  it('lookups that find nothing: JSON/XML paths and unset variables', () => {
    expect(
      lines(`XMLNode j = parseJSON("{\\"a\\": \\"\\", \\"b\\": {\\"c\\": \\"1\\"}}");
printLine(j.getValueFromPath("a").isNull().toString() + j.getValueFromPath("b.c").isNull().toString() + j.getValueFromPath("b.zz").isNull().toString());
XMLNode x = parseXML("<r><e/></r>");
printLine(x.getValueFromPath("e").isNull().toString() + x.getValueFromPath("f").isNull().toString());
printLine(getVariable("never-set").isNull().toString());
setVariable("blank", "");
printLine(getVariable("blank").isNull().toString());`),
    ).toEqual(['falsefalsetrue', 'falsetrue', 'true', 'false']);
  });

  it('a value copied or passed keeps its null; a computed one has a value', () => {
    expect(
      lines(`String n;
String copy = n;
Bool isNullArg(String v) { return v.isNull(); }
String joined = n + "";
String upper = n.toUpper();
printLine(copy.isNull().toString() + isNullArg(n).toString() + isNullArg("").toString());
printLine(joined.isNull().toString() + upper.isNull().toString());`),
    ).toEqual(['truetruefalse', 'falsefalse']);
  });
});

describe('null behaves as empty everywhere else', () => {
  it('concatenation, printing, length, comparison and conversion', () => {
    expect(
      lines(`String n;
String m;
String e = "";
print(n);
printLine("[" + n + "]" + n.getLength().toString());
printLine((n == "").toString() + (n != "").toString() + (n == e).toString() + (n == m).toString() + (n == "a").toString());
printLine(("" == n).toString() + (n < "a").toString() + (n.equals("")).toString() + n.compare("").toString());
printLine(n.toInteger().toString() + " " + n.toFloat().toString(2) + " " + n.toBool().toString());
n += "tail";
printLine(n + " " + n.isNull().toString());`),
    ).toEqual(['[]0', 'truefalsetruetruefalse', 'truetruetrue0', '0 0.00 false', 'tail false']);
  });

  it('as a key or argument of built-ins it is the empty string', () => {
    expect(
      lines(`String n;
Map m;
m.insert("", "by empty key");
printLine(m.get(n) + " " + m.exists(n).toString());
m.insert(n, "replaced");
printLine(m.size().toString() + " " + m.get(""));
setVariable("k", n);
printLine("[" + getVariable("k") + "]");
printLine(n.split(",").length().toString() + " " + "a,b".split(",").length().toString());
String[] parts = ("a" + n + ",b").split(",");
printLine(parts[0]);`),
    ).toEqual(['by empty key true', '1 replaced', '[]', '0 2', 'a']);
  });

  it('exitWithMessage of a null String prints nothing', () => {
    const r = runScript(`String n;\nprint("a");\nexitWithMessage(n);\nprint("never");`);
    expect(r.output).toBe('a');
  });
});

describe('through the CLI (a real worker)', () => {
  let dir: string;
  beforeAll(() => {
    requireBuiltCli();
    dir = mkdtempSync(join(tmpdir(), 'crms-null-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the reference example and reads a File to its end (readLine gives null there)', () => {
    writeFileSync(join(dir, 'data.txt'), 'one\n\nthree\n');
    writeFileSync(
      join(dir, 'null.crm'),
      `String s;
printLine(s.isNull().toString());
s = "";
printLine(s.isNull().toString());
printLine(s.isEmpty().toString());
File f;
f.open("data.txt", "r");
String line = f.readLine();
while (!line.isNull()) { printLine("<" + line + ">"); line = f.readLine(); }
f.close();`,
    );
    const r = runBuiltCli(['run', join(dir, 'null.crm'), '--allow-file', dir], { CRMSCRIPT_TUI_HOME: join(dir, 'home') });
    expect(r.err).toBe('');
    expect(r.out).toBe('true\nfalse\ntrue\n<one>\n<>\n<three>\n');
    expect(r.code).toBe(0);
  });
});
