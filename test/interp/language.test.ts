// CRMScript as SuperOffice's own library writes it (issue 14) and scripts that must not take the
// parser down (issue 13): keywords in any case, templates, Void returns, Integer limits, names
// outside ASCII, deep nesting, and run-time errors reported at the operator that failed. The
// user-visible parts go through the built CLI.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, outputOf, runScript } from '../helpers.js';
import { requireBuiltCli, runBuiltCli } from '../common.js';

let dir: string;
beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'crms-lang-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `source` to a file in the temp dir and runs the built CLI on it. */
function cli(args: string[], name: string, source: string): { out: string; err: string; code: number | null } {
  const file = join(dir, name);
  writeFileSync(file, source);
  return runBuiltCli([...args.map((a) => (a === 'FILE' ? file : a))], { CRMSCRIPT_TUI_HOME: join(dir, 'home') });
}

describe('keywords in any letter case', () => {
  it('accepts If, ELSE, Struct, While, Return, True as the keywords they are', () => {
    const r = runScript(`Struct Pair { Integer a; Integer b; };
Pair p; p.a = 2;
Integer n = 0;
WHILE (n < 3) n++;
If (p.a == 2 && TRUE) { printLine("if " + n.toString()); } Else { printLine("else"); }
Integer twice(Integer x) { RETURN x * 2; }
FOR (Integer i = 0; i < 1; i++) printLine(twice(21).toString());`);
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('if 3\n42\n');
  });

  it('a keyword in another case is still no name', () => {
    expect(diagnose('Integer If = 1;')[0]).toMatch(/^1:9: expected an identifier \("If" is a reserved word/);
  });
});

describe('functions and literals', () => {
  it('lets a Void function return the call of another Void function', () => {
    const r = runScript('Void set(String s) { printLine("set " + s); }\nVoid found() { return set("302"); }\nfound();');
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('set 302\n');
    expect(diagnose('Integer one() { return 1; }\nVoid f() { return one(); }')).toEqual(["2:19: function 'f' returns Void and cannot return a value"]);
  });

  it('holds the smallest Integer, and only as a negative literal', () => {
    const r = runScript('Integer m = -2147483648;\nInteger top = 2147483647;\ntop++;\nprintLine(m.toString() + " " + (m - 1).toString() + " " + top.toString() + " " + (-m).toString());');
    expect(r.output).toBe('-2147483648 2147483647 -2147483648 -2147483648\n');
    expect(diagnose('Integer m = 2147483648;')).toEqual(['1:13: the number 2147483648 does not fit in an Integer (write 2147483648L for a Long)']);
  });

  it('runs names the identifier rule accepts but JavaScript does not (U+2E2F)', () => {
    const r = runScript('Integer ⸯ = 1;\nInteger ⸯ2 = ⸯ + 1;\nstruct Ꙃ { Integer ⸯ; };\nꙂ k; k.ⸯ = ⸯ2;\nprintLine(k.ⸯ.toString());');
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('2\n');
  });

  it('reads a thrown String as GeneralException: <text>', () => {
    const r = runScript('try { throw "mine"; } catch { printLine(error); }\nthrow "uncaught";');
    expect(r.output).toBe('GeneralException: mine\n');
    expect(r.error).toBe('GeneralException: uncaught');
  });

  it('accepts both documented forms of NSContactEntity.SetAddress (NSAddress, as real code passes, and NSLocalizedField[][])', () => {
    const src = 'NSContactAgent agent;\nNSContactEntity c = agent.GetContactEntity(1);\nNSAddress a = c.GetAddress();\nc.SetAddress(a);\nc.SetAddress(a.GetLocalizedAddress());';
    expect(diagnose(src)).toEqual([]);
  });

  it('names a function that exists nowhere', () => {
    expect(diagnose('NSEntityElement[] phones;\nNSEntityElement e = GetFirstOf(phones);')).toEqual(["2:21: 'GetFirstOf' is not a declared function"]);
  });

  it('reports a mistaken sum once, not again where the sum goes', () => {
    expect(diagnose('Integer n = 1;\nn = n + "1";\nString s = "a" + n;')).toEqual(['2:5: cannot add Integer and String (convert with .toString() first)', '3:12: cannot add String and Integer (convert with .toString() first)']);
  });

  it('is case sensitive for built-in functions (fundamentals/syntax.md), and names the right spelling', () => {
    expect(diagnose('printline("x");\nPrintLine("y");\nprintLine("z");')).toEqual([
      "1:1: 'printline' is not a declared function (did you mean printLine, print?)",
      "2:1: 'PrintLine' is not a declared function (did you mean printLine, print?)",
    ]);
  });
});

describe('templates (%EJSCRIPT_START%)', () => {
  const template = `%EJSCRIPT_START%
<ul>
<% String[] names; names.pushBack("Ann"); names.pushBack("Bo");
for (Integer i = 0; i < names.length(); i++) { %>  <li><% print(names[i]); %></li>
<% } %></ul>
%EJSCRIPT_END%`;

  it('outputs the text outside <% %> as written, around what the code prints', () => {
    const r = cli(['run', 'FILE'], 'list.crm', template);
    expect(r.err).toBe('');
    expect(r.out).toBe('\n<ul>\n  <li>Ann</li>\n  <li>Bo</li>\n</ul>\n');
  });

  it('reports errors at the line of the file', () => {
    const src = '%EJSCRIPT_START%\n<p>text</p>\n<%\nInteger n = "no";\n%>\n%EJSCRIPT_END%';
    const r = cli(['check', 'FILE'], 'bad.crm', src);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.crm:4:13: error: cannot assign String to 'n' of type Integer/);
    const run = cli(['run', 'FILE'], 'boom.crm', '%EJSCRIPT_START%\nbefore\n<% Integer z = 0;\nInteger q = 7 / z; %>after\n');
    expect(run.out).toBe('\nbefore\n');
    expect(run.err).toMatch(/boom\.crm:4:15: error: division by zero/);
  });
});

describe('run-time errors point at the operator or call that failed', () => {
  it('division, index and a method call, through the CLI', () => {
    const src = 'Integer a = 4;\nInteger b = 0;\nString s = "abc";\nInteger[] arr;\nprintLine((a / 2).toString());\nInteger x = 1 + a / 2 + a / b;\n';
    expect(cli(['run', 'FILE'], 'div.crm', src).err).toMatch(/div\.crm:6:27: error: division by zero/);
    expect(cli(['run', 'FILE'], 'idx.crm', 'Integer[] arr;\nInteger i = 2;\nInteger y = 3 + arr[i];\n').err).toMatch(/idx\.crm:3:21: error: index 2 is out of range/);
    expect(cli(['run', 'FILE'], 'sub.crm', 'String s = "abc";\nString t = "x" + s.subString(10, 2);\n').err).toMatch(/sub\.crm:2:20: error: subString: position 10/);
  });
});

describe('string literals that JavaScript counts as line ends', () => {
  it('keep the positions of later errors right (U+2028, U+2029 in a literal)', () => {
    const r = runScript('String s = "a\u2028b\u2029c";\nprintLine(s.getLength().toString());\nInteger z = 0;\nInteger q = 1 / z;');
    expect(r.output).toBe('5\n');
    expect(r.at).toBe('4:15');
  });
});

describe('exitWithMessage', () => {
  it('prints its message once under run', () => {
    const r = cli(['run', 'FILE'], 'exit.crm', 'printLine("a");\nexitWithMessage("bye");\nprintLine("not reached");');
    expect(r.out).toBe('a\nbye\n');
    expect(r.code).toBe(0);
  });
});

describe('deep nesting and large sources', () => {
  const cases: [string, string, RegExp][] = [
    ['372 parentheses', 'Integer x = ' + '('.repeat(372) + '1' + ')'.repeat(372) + ';', /^1:213: nesting too deep/],
    ['641 braces', '{'.repeat(641) + '}'.repeat(641), /^1:201: nesting too deep/],
    ['2,000 nested ifs', 'if (true) '.repeat(2000) + 'printLine("x");', /nesting too deep/],
    ['3,000 -+ pairs', 'Integer x = ' + '-+'.repeat(3000) + '1;', /nesting too deep \(an expression/],
  ];
  for (const [what, src, message] of cases) {
    it(`reports ${what} as "nesting too deep" with a position, and check --json still prints JSON`, () => {
      const r = cli(['check', '--json', 'FILE'], 'deep.crm', src);
      expect(r.code).toBe(1);
      const json = JSON.parse(r.out) as { ok: boolean; diagnostics: { line: number; col: number; message: string }[] };
      expect(json.ok).toBe(false);
      const d = json.diagnostics[0]!;
      expect(`${d.line}:${d.col}: ${d.message}`).toMatch(message);
      expect(r.err).not.toMatch(/Maximum call stack/);
    });
  }

  it('runs what is long rather than deep: 418 else-ifs, 20,000 "+1" terms, 128,000 "!"', { timeout: 120_000 }, () => {
    let chain = 'Integer i = 417;\nif (i == 0) printLine("0");\n';
    for (let k = 1; k < 418; k++) chain += `else if (i == ${k}) printLine("${k}");\n`;
    expect(cli(['run', 'FILE'], 'elif.crm', chain + 'else printLine("none");').out).toBe('417\n');
    expect(cli(['run', 'FILE'], 'plus.crm', 'Integer x = 0' + ' + 1'.repeat(20000) + ';\nprintLine(x.toString());').out).toBe('20000\n');
    const bangs = cli(['run', 'FILE'], 'bang.crm', 'Bool b = ' + '!'.repeat(128000) + 'true;\nprintLine(b.toString());');
    expect(bangs.out).toBe('true\n');
    expect(bangs.err).toBe('');
  });

  it('refuses a source over the size limit with a clear error', () => {
    const r = cli(['check', 'FILE'], 'huge.crm', '// ' + 'x'.repeat(2 * 1024 * 1024 + 10));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/huge\.crm:1:1: error: the script is too large \(2\.0 MB; the limit is 2\.0 MB\)/);
  });
});

describe("programs built the way SuperOffice's script library builds them", () => {
  it('an ordered map struct with chained inserts, overloads by Integer and Float, and JSON', () => {
    const r = runScript(`#setLanguageLevel 3;
Struct Ordered {
  String[] ks; String[] vs; Integer at = 0;
  Integer find(String k) { for (Integer i = 0; i < this.ks.length(); i++) if (this.ks[i] == k) return i; return -1; }
  Ordered put(String k, String v) { Integer i = this.find(k); if (i >= 0) { this.vs[i] = v; } else { this.ks.pushBack(k); this.vs.pushBack(v); } return this; }
  Void bump(String k, Integer by) { Integer i = this.find(k); if (i > -1) { Integer n = this.vs[i].toInteger(); n += by; this.vs[i] = n.toString(); } }
  Void bump(String k, Float by) { Integer i = this.find(k); if (i > -1) { Float f = Float(this.vs[i]); f += by; this.vs[i] = f.toString(2); } }
  Bool start() { this.at = 0; return this.ks.length() > 0; }
  Bool done() { return this.at == this.ks.length(); }
  Bool step() { this.at++; return this.done(); }
  String key() { return this.ks[this.at]; }
  String val() { return this.vs[this.at]; }
};
Ordered o;
o.put("q", "Q").put("b", "1").put("q", "again");
o.put("n", "5"); o.bump("n", 3);
o.put("f", "0.5"); o.bump("f", 1.25);
for (o.start(); !o.done(); o.step()) printLine(o.key() + "=" + o.val());`);
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('q=again\nb=1\nn=8\nf=1.75\n');
  });

  it('set operations over Integer arrays through included functions', () => {
    const lib = `Bool has(Integer v, Integer[] xs) { for (Integer i = 0; i < xs.length(); i++) if (xs[i] == v) return true; return false; }
Integer[] minus(Integer[] a, Integer[] b) { Integer[] r; for (Integer i = 0; i < a.length(); i++) { If (!has(a[i], b)) r.pushBack(a[i]); } return r; }
Integer[] both(Integer[] a, Integer[] b) { Integer[] r; for (Integer i = 0; i < a.length(); i++) for (Integer j = 0; j < b.length(); j++) if (a[i] == b[j]) r.pushBack(a[i]); return r; }`;
    const r = runScript(`#include "sets";
Void show(Integer[] a) { String s; for (Integer i = 0; i < a.length(); i++) s += a[i].toString() + " "; printLine(s); }
Integer[] a; a.pushBack(5); a.pushBack(6); a.pushBack(7);
Integer[] b; b.pushBack(6); b.pushBack(8);
show(minus(a, b)); show(both(a, b)); printLine(has(8, a).toString());`, { includes: { sets: lib } });
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('5 7 \n6 \nfalse\n');
  });

  it('a function named like the struct it returns, fixed-size arrays and a quick sort in a struct', () => {
    const r = runScript(`struct Sorter {
  String[] items;
  Void swap(Integer i, Integer j) { String t = this.items[i]; this.items[i] = this.items[j]; this.items[j] = t; }
  Void sort(Integer lo, Integer hi) {
    Integer i = lo; Integer j = hi; String pivot = this.items[lo + (hi - lo) / 2];
    while (i <= j) { while (this.items[i] < pivot) i++; while (this.items[j] > pivot) j--; if (i <= j) { this.swap(i, j); i++; j--; } }
    if (lo < j) this.sort(lo, j);
    if (i < hi) this.sort(i, hi);
  }
};
Sorter Sorter() { Sorter s; return s; }
String[4] words; words[0] = "pear"; words[1] = "apple"; words[2] = "fig"; words[3] = "banana";
Sorter s = Sorter();
s.items = words; s.sort(0, words.length() - 1);
for (Integer i = 0; i < words.length(); i++) printLine(s.items[i]);`);
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('apple\nbanana\nfig\npear\n');
  });

  it('signs like a JWT library: an HMAC key made from bytes with String(Byte[]) is used as those bytes', () => {
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 200) % 256));
    const data = 'eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJtZSJ9';
    const r = runScript(`Byte[] key = decodeBase64("${key.toString('base64')}");
Byte[] sig = encodeHMACSHA256(String(key), "${data}");
printLine(encodeBase64(sig, false).substitute("+", "-").substitute("/", "_").substitute("=", ""));
TimeZone tz = getLocalTimeZone();
printLine((tz.getTimeZone() != "").toString());`);
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe(createHmac('sha256', key).update(data).digest('base64url') + '\ntrue\n');
  });

  it('HTTP helpers that build ej.headers from a Map made with chained inserts', () => {
    const r = runScript(`Map _h = Map()
  .insert("Content-Type", "application/json")
  .insert("X-One", "1");
Void status(String s) { _h.insert("Status", s); String h; for (_h.first(); !_h.eof(); _h.next()) h += _h.getKey() + ": " + _h.getVal() + "\\n"; setParserVariable("ej.headers", h); }
Void created(String where) { _h.insert("Location", where); return status("201 Created"); }
created("/x/1");
print(getParserVariable("ej.headers"));`);
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toBe('Content-Type: application/json\nLocation: /x/1\nStatus: 201 Created\nX-One: 1\n');
  });
});

describe('the global Parser', () => {
  it('is one object per run that getParser() and the parser globals share, with rows, in any letter case', () => {
    const script = `Parser p = getParser();
p.addVariable("tags", "a");
p.addVariable("Tags", "b,c");
getParser().addVariable("TAGS", "say \\"hi\\"");
setParserVariable("x", "1");
printLine(getParserVariableCount("tags").toString() + " " + getParserParameterCount("tags").toString() + " " + getParserParameter("tags", 1) + " " + getParserParameter("tags") + " " + getParserVariable("tags", 2));
printLine(getParserVariableAsCSV("tags", false));
printLine(getParserVariableAsCSV("tags", true));
printLine(p.getVariable("X", 0) + "[" + getParserVariable("nope") + "][" + getParserVariableAsCSV("nope", true) + "] " + getParserVariableCount("nope").toString());
Parser q; q.setVariable("x", "2"); p.toParser(q);
printLine(getParserVariable("x"));`;
    expect(outputOf(script)).toBe('3 3 b,c a say "hi"\na,"b,c","say ""hi"""\n"a","b,c","say ""hi"""\n1[][] 0\n2\n');
    // a new run starts with an empty one
    expect(outputOf('printLine(getParserVariableCount("tags").toString() + "[" + getParserVariable("x") + "]");')).toBe('0[]\n');
  });
});

describe('File behind --allow-file, confined to one directory', () => {
  it('reads and writes inside the directory, refuses paths and links leading out, and is off by default', () => {
    const box = join(dir, 'box');
    mkdirSync(box);
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    symlinkSync(join(dir, 'secret.txt'), join(box, 'link.txt'));
    const src = `File f;
if (f.open("notes.txt", "w")) { f.write("one\\ntwo\\n"); f.close(); }
File g; g.open("notes.txt", "r");
while (!g.eof()) printLine("> " + g.readLine());
g.close();
File h;
try { h.open("../secret.txt", "r"); } catch { printLine(error); }
try { h.open("link.txt", "r"); } catch { printLine(error); }`;
    const r = cli(['run', 'FILE', '--allow-file', box], 'files.crm', src);
    expect(r.err).toBe('');
    expect(r.out).toBe(`> one\n> two\nFile: "../secret.txt" is outside the directory scripts may use (${box})\nFile: "link.txt" is not a regular file\n`);
    expect(readFileSync(join(box, 'notes.txt'), 'utf8')).toBe('one\ntwo\n');
    expect(cli(['run', 'FILE'], 'files.crm', src).err).toMatch(/files\.crm:2:7: error: File is disabled/);
  });
});
