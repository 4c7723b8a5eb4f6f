// Inputs for the fuzz test: random programs from a small CRMScript grammar, token soup,
// mutations of valid programs, and deep nesting. Everything comes from a seeded generator, so a
// failure is reproduced by its seed and index.

/** A small, fast, seeded PRNG (mulberry32). */
export class Rng {
  constructor(private s: number) {}
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ------------------------------------------------------------------ random programs

const TYPES = ['Integer', 'String', 'Bool', 'Float', 'Map', 'Vector', 'Date', 'DateTime', 'XMLNode', 'Integer[]', 'String[]', 'Generic', 'Byte'] as const;
const STRINGS = ['""', '"abc"', '"a\\nb"', "'x'", '"&amp;&constructor;"', '"__proto__"', '"12"', '"1.5"', '"<a>t</a>"', '"ÆØÅ😀"', '"%s"', '"\\\\"'];
const METHODS: Record<string, string[]> = {
  String: ['toUpper()', 'toLower()', 'getLength()', 'subString(0, 2)', 'find("a")', 'toInteger()', 'toFloat()', 'htmlDecode()', 'xmlDecode()', 'isEmpty()', 'trim()', 'split(",")', 'replace("a", "b")', 'escapeHtml()', 'regexp("[[:digit:]]")'],
  Integer: ['toString()', 'toFloat()', 'isNull()', 'abs()', 'toHex(4)'],
  Map: ['size()', 'exists("a")', 'get("constructor")', 'first()', 'next()', 'eof()', 'getKey()', 'toJson()'],
  Vector: ['size()', 'buildString(",")', 'toStringArray()'],
  Float: ['toString()', 'toInteger()', 'isNull()'],
};

class ProgramGen {
  private vars: Array<{ name: string; type: string }> = [];
  private n = 0;
  private depth = 0;
  constructor(private r: Rng) {}

  program(): string {
    const lines: string[] = [];
    if (this.r.chance(0.2)) lines.push('#setLanguageLevel 3;');
    if (this.r.chance(0.1)) lines.push('struct S { Integer a; String b = "x"; Integer twice() { return this.a * 2; } };');
    if (this.r.chance(0.3)) lines.push('Integer f(Integer x) { if (x <= 0) { return 0; } return x + f(x - 1); }');
    if (this.r.chance(0.2)) lines.push('String g(String s, Integer n) { String t = ""; for (Integer i = 0; i < n; i++) { t += s; } return t; }');
    const count = 1 + this.r.int(6);
    for (let i = 0; i < count; i++) lines.push(this.statement());
    return lines.join('\n');
  }

  private fresh(): string {
    return `v${this.n++}`;
  }

  private varOf(type: string): string | null {
    const c = this.vars.filter((v) => v.type === type);
    return c.length ? this.r.pick(c).name : null;
  }

  expr(type: string, d = 0): string {
    const r = this.r;
    const leaf = d > 3 || r.chance(0.4);
    const v = this.varOf(type);
    if (v && r.chance(0.4)) return v;
    switch (type) {
      case 'Integer':
        if (leaf) return r.pick(['0', '1', '-1', '42', '2147483647', '-2147483648', String(r.int(1000))]);
        return r.pick([
          () => `${this.expr('Integer', d + 1)} ${r.pick(['+', '-', '*', '/', '%'])} ${this.expr('Integer', d + 1)}`,
          () => `(${this.expr('Integer', d + 1)})`,
          () => `${this.expr('String', d + 1)}.getLength()`,
          () => `${this.expr('String', d + 1)}.toInteger()`,
          () => `f(${this.expr('Integer', d + 1)} % 20)`,
        ])();
      case 'String':
        if (leaf) return r.pick(STRINGS);
        return r.pick([
          () => `${this.expr('String', d + 1)} + ${this.expr('String', d + 1)}`,
          () => `${this.expr('Integer', d + 1)}.toString()`,
          () => `${this.expr('String', d + 1)}.${r.pick(METHODS.String!.filter((m) => !/^(getLength|find|toInteger|toFloat|isEmpty|split|regexp)/.test(m)))}`,
          () => `getVariable(${r.pick(STRINGS)})`,
        ])();
      case 'Bool':
        if (leaf) return r.pick(['true', 'false']);
        return r.pick([
          () => `${this.expr('Integer', d + 1)} ${r.pick(['<', '>', '<=', '>=', '==', '!='])} ${this.expr('Integer', d + 1)}`,
          () => `!${this.expr('Bool', d + 1)}`,
          () => `${this.expr('Bool', d + 1)} ${r.pick(['&&', '||'])} ${this.expr('Bool', d + 1)}`,
          () => `${this.expr('String', d + 1)}.isEmpty()`,
        ])();
      case 'Float':
        return leaf ? r.pick(['0.0', '1.5', '-2.25', '1e3']) : `${this.expr('Float', d + 1)} ${r.pick(['+', '-', '*', '/'])} ${this.expr('Float', d + 1)}`;
      default:
        // occasionally the wrong type on purpose: the checker must say so cleanly
        return r.chance(0.1) ? this.expr(r.pick(['Integer', 'String', 'Bool']), d + 1) : r.pick(STRINGS);
    }
  }

  statement(): string {
    const r = this.r;
    this.depth++;
    try {
      const deep = this.depth > 3;
      const kind = r.int(deep ? 4 : 10);
      switch (kind) {
        case 0:
        case 1: {
          const type = r.pick(TYPES);
          const name = this.fresh();
          const init = ['Integer', 'String', 'Bool', 'Float'].includes(type) && r.chance(0.7) ? ` = ${this.expr(type)}` : '';
          this.vars.push({ name, type });
          return `${type} ${name}${init};`;
        }
        case 2:
          return `printLine(${this.expr('String')});`;
        case 3: {
          const t = r.pick(Object.keys(METHODS));
          const v = this.varOf(t);
          return v ? `${v}.${r.pick(METHODS[t]!)};` : `print(${this.expr('Integer')}.toString());`;
        }
        case 4:
          return `if (${this.expr('Bool')}) { ${this.statement()} } else { ${this.statement()} }`;
        case 5: {
          const i = this.fresh();
          return `for (Integer ${i} = 0; ${i} < ${r.int(50)}; ${i}++) { ${this.statement()} }`;
        }
        case 6:
          return `try { ${this.statement()} ${r.chance(0.5) ? `throw ${this.expr('String')};` : ''} } catch { printLine(error); }`;
        case 7: {
          const m = this.varOf('Map');
          return m ? `${m}.insert(${this.expr('String')}, ${this.expr('String')});` : `Map ${this.fresh()};`;
        }
        case 8: {
          const a = this.varOf('Integer[]');
          return a ? `${a}.pushBack(${this.expr('Integer')}); foreach (Integer x${this.n++} in ${a}) { print("."); }` : 'Integer[] ia; ia.pushBack(1);';
        }
        default:
          return `while (${this.expr('Bool')} && false) { ${this.statement()} }`;
      }
    } finally {
      this.depth--;
    }
  }
}

export function randomProgram(r: Rng): string {
  return new ProgramGen(r).program();
}

// ------------------------------------------------------------------ token soup

const TOKENS = [
  'Integer', 'String', 'Bool', 'Float', 'Map', 'struct', 'if', 'else', 'while', 'for', 'foreach', 'in', 'return', 'break', 'continue',
  'try', 'catch', 'throw', 'true', 'false', '#include', '#setLanguageLevel', '%EJSCRIPT_START%', '%EJSCRIPT_END%',
  '(', ')', '{', '}', '[', ']', ';', ',', '.', '=', '+=', '-=', '++', '--', '+', '-', '*', '/', '%', '!', '&&', '||', '<', '>', '<=', '>=', '==', '!=', '?', ':',
  'x', 'y', 'a1', '_', 'printLine', 'print', 'getVariable', 'toString', 'constructor', '__proto__', 'prototype', 'this', 'error',
  '0', '1', '-1', '99999999999999999999', '1.5e300', '0x10', '"str"', "'c'", '"unterminated', '"\\u0000"', '/*', '*/', '//', '\n', ' ', '\t',
  'ⸯ', '😀', '\u0000', '\u202e', 'Æ', '\\',
];

export function tokenSoup(r: Rng): string {
  const n = 1 + r.int(40);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.pick(TOKENS));
  return out.join(r.chance(0.5) ? ' ' : '');
}

// ------------------------------------------------------------------ mutations of valid programs

export const SEED_PROGRAMS = [
  'Integer total = 0;\nfor (Integer i = 1; i <= 10; i++) { total += i; }\nprintLine("sum=" + total.toString());',
  'String s = "Hello, world";\nprintLine(s.toUpper() + " " + s.getLength().toString());\nString[] parts = s.split(",");\nforeach (String p in parts) { printLine(p.stripLeadingAndTrailing(" ")); }',
  'Map m;\nm.insert("b", "2");\nm.insert("a", "1");\nfor (m.first(); !m.eof(); m.next()) { printLine(m.getKey() + "=" + m.getVal()); }',
  'struct Point { Integer x; Integer y; Integer len2() { return this.x * this.x + this.y * this.y; } };\nPoint p;\np.x = 3;\np.y = 4;\nprintLine(p.len2().toString());',
  'Integer fib(Integer n) { if (n < 2) { return n; } return fib(n - 1) + fib(n - 2); }\nprintLine(fib(15).toString());',
  'try {\n  Integer z = 0;\n  Integer q = 10 / z;\n} catch {\n  printLine("caught: " + error);\n}',
  'XMLNode x = parseXML("<r><a k=\\"v\\">t</a></r>");\nprintLine(x.getNodeFromPath("a").getText());\nJSONBuilder jb;\njb.pushObject("");\njb.addString("k", "v");\njb.popLevel();\nprintLine(jb.getString());',
  'Date d = Date("2020-06-22");\nDateTime t = getCurrentDateTime();\nprintLine(d.toString());\nVector v;\nv.pushBack("a");\nprintLine(v.buildString(";"));',
  'Bool b = true && !false || 1 < 2;\nif (b) { printLine("yes"); } else if (!b) { printLine("no"); } else { printLine("?"); }\nwhile (false) { break; }',
  'Email e;\ne.setValue("to", "a@example.com");\ne.setValue("subject", "hi");\ne.send();\nprintLine("sent");',
];

export function mutate(r: Rng, src: string): string {
  let s = src;
  const rounds = 1 + r.int(4);
  for (let k = 0; k < rounds; k++) {
    const i = r.int(s.length + 1);
    const j = Math.min(s.length, i + r.int(12));
    switch (r.int(7)) {
      case 0:
        s = s.slice(0, i) + s.slice(j); // delete
        break;
      case 1:
        s = s.slice(0, i) + r.pick(TOKENS) + s.slice(i); // insert a token
        break;
      case 2:
        s = s.slice(0, i) + s.slice(i, j) + s.slice(i); // duplicate
        break;
      case 3:
        s = s.slice(0, i); // truncate
        break;
      case 4:
        s = s.slice(0, i) + String.fromCharCode(r.int(0x3000)) + s.slice(j); // replace by a random character
        break;
      case 5: {
        const a = s.slice(i, j);
        s = s.slice(0, i) + s.slice(j, j + a.length) + a + s.slice(j + a.length); // swap
        break;
      }
      default:
        s = s.replace(/[;{}()]/, (c) => r.pick([';', '{', '}', '(', ')', '', c + c])); // break the structure
    }
  }
  return s;
}

// ------------------------------------------------------------------ deep nesting

/** Programs nested `n` levels deep, in the shapes the issue names (and a few more). */
export function deepNesting(n: number): Array<{ name: string; source: string }> {
  const rep = (s: string, k = n) => s.repeat(k);
  return [
    { name: `${n} parentheses`, source: `Integer x = ${rep('(')}1${rep(')')};\nprintLine(x.toString());` },
    { name: `${n} braces`, source: `${rep('{ ')}printLine("deep");${rep(' }')}` },
    { name: `${n} else-if`, source: `Integer v = 3;\nif (v == 0) { printLine("0"); }${Array.from({ length: n }, (_, i) => ` else if (v == ${i + 1}) { printLine("${i + 1}"); }`).join('')}` },
    { name: `${n} + terms`, source: `Integer x = 0${rep(' + 1')};\nprintLine(x.toString());` },
    { name: `${n} negations`, source: `Bool b = ${rep('!')}true;\nprintLine(b.toString());` },
    { name: `${n} nested ifs`, source: `${rep('if (true) { ')}printLine("in");${rep(' }')}` },
    { name: `${n} nested calls`, source: `Integer id(Integer x) { return x; }\nInteger y = ${rep('id(')}1${rep(')')};` },
    { name: `${n} unary minus`, source: `Integer x = ${rep('- ')}1;` },
    { name: `${n} unclosed parentheses`, source: `Integer x = ${rep('(')}1;` },
  ];
}
