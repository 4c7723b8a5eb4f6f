import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Expr, Program, Stmt } from '../../src/grammar/ast.js';
import { parse } from '../../src/grammar/parse.js';
import { bigScript } from './big-script.js';
import { sharedPath } from '../shared.js';

// ---------------------------------------------------------------- helpers

const SPAN_KEYS = new Set(['span', 'propertySpan', 'nameSpan', 'opSpan']);

/** Deep copy without span properties, to compare AST shapes. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!SPAN_KEYS.has(k)) out[k] = shape(v);
    return out;
  }
  return value;
}

function ok(source: string): Program {
  const result = parse(source);
  expect(result.diagnostics).toEqual([]);
  expect(result.program).not.toBeNull();
  return result.program!;
}

function stmts(source: string): Stmt[] {
  return ok(source).body as Stmt[];
}

/** The expression of a single expression statement `source;`. */
function expr(source: string): Expr {
  const [stmt] = stmts(`${source};`);
  if (stmt?.kind !== 'ExprStmt') throw new Error(`not an expression statement: ${source}`);
  return stmt.expr;
}

function fail(source: string): { line: number; col: number; message: string } {
  const result = parse(source);
  expect(result.program).toBeNull();
  expect(result.diagnostics).toHaveLength(1);
  const [d] = result.diagnostics;
  expect(d!.severity).toBe('error');
  return { line: d!.line, col: d!.col, message: d!.message };
}

const id = (name: string) => ({ kind: 'Identifier', name });
const int = (value: number) => ({ kind: 'Integer', value });
const str = (value: string) => ({ kind: 'String', value });
const bin = (op: string, left: unknown, right: unknown) => ({ kind: 'Binary', op, left, right });
const type = (name: string, dims: (number | null)[] = []) => ({ kind: 'TypeRef', name, dims });
const call = (callee: unknown, args: unknown[]) => ({ kind: 'Call', callee, args });
const member = (object: unknown, property: string) => ({ kind: 'Member', object, property });

// ---------------------------------------------------------------- program level

describe('program structure', () => {
  it('reads #setLanguageLevel and #include, with or without a semicolon', () => {
    const p = ok('#setLanguageLevel 3;\n#include "shared-helpers"\n#include \'other\';\nhello();');
    expect(p.languageLevel).toBe(3);
    expect(p.includes.map((i) => i.name)).toEqual(['shared-helpers', 'other']);
    expect(p.includes[0]!.span).toMatchObject({ line: 2, col: 1 });
    expect(p.body).toHaveLength(1);
  });

  it('has no language level when the directive is absent', () => {
    expect(ok('x();').languageLevel).toBeNull();
  });

  it('ignores comments, and %EJSCRIPT_START%/%EJSCRIPT_END% markers inside a plain script', () => {
    const p = ok('// line comment\nInteger a = 1; /* block\n comment */ a++;\n%EJSCRIPT_START%\n%EJSCRIPT_END%\n');
    expect(p.body.map((s) => s.kind)).toEqual(['VarDecl', 'ExprStmt']);
  });

  it('reads a script that starts with %EJSCRIPT_START% as a template: text prints, <% %> is code', () => {
    const p = ok('%EJSCRIPT_START%\n<p>\n<% // comment\nInteger a = 1; %>x<% a++; %>\n%EJSCRIPT_END%\n');
    expect(p.body.map((s) => s.kind)).toEqual(['ExprStmt', 'VarDecl', 'ExprStmt', 'ExprStmt', 'ExprStmt', 'ExprStmt']);
    const texts = p.body.flatMap((s) => (s.kind === 'ExprStmt' && s.expr.kind === 'Call' && s.expr.args[0]?.kind === 'String' ? [s.expr.args[0].value] : []));
    expect(texts).toEqual(['\n<p>\n', 'x', '\n', '\n']);
    expect(p.body[1]!.span).toMatchObject({ line: 4, col: 1 });
  });

  it('keeps comment-like text inside strings', () => {
    expect(shape(expr('s = "// not a comment /* nor this */ %EJSCRIPT_END%"'))).toEqual({
      kind: 'Assign',
      op: '=',
      target: id('s'),
      value: str('// not a comment /* nor this */ %EJSCRIPT_END%'),
    });
  });

  it('accepts an empty script', () => {
    const p = ok('');
    expect(p.body).toEqual([]);
    expect(p.span).toEqual({ line: 1, col: 1, endLine: 1, endCol: 1 });
  });

  it('accepts CRLF line endings, a byte-order mark and Unicode identifiers', () => {
    const p = ok('\ufeffString næringsNavn = "x";\r\nprintLine(næringsNavn);\r\n');
    expect(p.body).toHaveLength(2);
    expect(p.body[1]!.span).toMatchObject({ line: 2, col: 1 });
  });
});

// ---------------------------------------------------------------- literals

describe('literals', () => {
  it('parses integer and float literals', () => {
    expect(shape(expr('f(42, 007, 3.25, .5, 1e3, 2.5E-2)'))).toEqual(
      call(id('f'), [
        int(42),
        int(7),
        { kind: 'Float', value: 3.25 },
        { kind: 'Float', value: 0.5 },
        { kind: 'Float', value: 1000 },
        { kind: 'Float', value: 0.025 },
      ]),
    );
  });

  it('parses booleans and this', () => {
    expect(shape(expr('f(true, false, this)'))).toEqual(
      call(id('f'), [{ kind: 'Bool', value: true }, { kind: 'Bool', value: false }, { kind: 'This' }]),
    );
  });

  it('decodes escapes in double- and single-quoted strings', () => {
    const e = expr(String.raw`f("a\nb\tc\rd\"e\'f\\g\0h", 'it\'s "fine"', "\u00e6\u00F8", "keep\;\q")`);
    expect(shape(e)).toEqual(
      call(id('f'), [str('a\nb\tc\rd"e\'f\\g\0h'), str('it\'s "fine"'), str('æø'), str('keep;q')]),
    );
  });

  it('treats a malformed \\u escape as a plain "u"', () => {
    expect(shape(expr(String.raw`f("\u12")`))).toEqual(call(id('f'), [str('u12')]));
  });

  it('a dot after an integer is member access, not a fraction', () => {
    expect(shape(expr('3.toString()'))).toEqual(call(member(int(3), 'toString'), []));
  });
});

// ---------------------------------------------------------------- declarations

describe('variable declarations', () => {
  it('supports several declarators with optional initialisers', () => {
    const [d] = stmts('Integer a = 1, b, c = a + 2;');
    expect(shape(d)).toEqual({
      kind: 'VarDecl',
      type: type('Integer'),
      declarators: [
        { kind: 'Declarator', name: 'a', init: int(1) },
        { kind: 'Declarator', name: 'b', init: null },
        { kind: 'Declarator', name: 'c', init: bin('+', id('a'), int(2)) },
      ],
    });
  });

  it('records array dimensions: null for [] and the size for [n]', () => {
    const decls = stmts('String[] a; Integer[5] b; String[3][2] c; Float[][4] d;');
    expect(decls.map((d) => (d.kind === 'VarDecl' ? d.type.dims : null))).toEqual([[null], [5], [3, 2], [null, 4]]);
  });

  it('tells declarations from expression statements', () => {
    const kinds = stmts('Car c; a[0] = 1; x = 2; f(); Integer[3] x; String s; obj.m(); i++; Map m = Map("a=1");').map(
      (s) => s.kind,
    );
    expect(kinds).toEqual(['VarDecl', 'ExprStmt', 'ExprStmt', 'ExprStmt', 'VarDecl', 'VarDecl', 'ExprStmt', 'ExprStmt', 'VarDecl']);
  });

  it('gives declarations and declarators spans', () => {
    const [d] = stmts('  Integer total = 10;');
    expect(d!.span).toEqual({ line: 1, col: 3, endLine: 1, endCol: 22 });
    if (d!.kind !== 'VarDecl') throw new Error('expected VarDecl');
    expect(d.type.span).toEqual({ line: 1, col: 3, endLine: 1, endCol: 10 });
    expect(d.declarators[0]!.span).toEqual({ line: 1, col: 11, endLine: 1, endCol: 21 });
  });
});

describe('functions', () => {
  it('parses parameters, return types and bodies', () => {
    const [f] = ok('String[] pair(String a, Integer[] b) {\n  return a;\n}').body;
    expect(shape(f)).toEqual({
      kind: 'FunctionDecl',
      returnType: type('String', [null]),
      name: 'pair',
      params: [
        { kind: 'Param', type: type('String'), name: 'a' },
        { kind: 'Param', type: type('Integer', [null]), name: 'b' },
      ],
      body: { kind: 'Block', body: [{ kind: 'Return', value: id('a') }] },
    });
    expect(f!.kind === 'FunctionDecl' && f.nameSpan).toEqual({ line: 1, col: 10, endLine: 1, endCol: 14 });
    expect(f!.span).toEqual({ line: 1, col: 1, endLine: 3, endCol: 2 });
  });

  it('keeps overloads as separate declarations', () => {
    const body = ok('Void show(Integer i) { }\nVoid show(String s) { }\nVoid show() { }').body;
    expect(body.map((f) => (f.kind === 'FunctionDecl' ? `${f.name}/${f.params.length}` : f.kind))).toEqual([
      'show/1',
      'show/1',
      'show/0',
    ]);
  });
});

describe('structs', () => {
  const source = [
    'struct Box {',
    '  Integer width = 3;',
    '  String label;',
    '  Box label(String text) {',
    '    this.label = text;',
    '    return this;',
    '  }',
    '  Integer area() { return this.width * this.width; }',
    '};',
  ].join('\n');

  it('collects fields (with initialisers) and methods, even a method named like a field', () => {
    const [s] = ok(source).body;
    if (s!.kind !== 'StructDecl') throw new Error('expected StructDecl');
    expect(s.name).toBe('Box');
    expect(shape(s.fields)).toEqual([
      { kind: 'StructField', type: type('Integer'), name: 'width', init: int(3) },
      { kind: 'StructField', type: type('String'), name: 'label', init: null },
    ]);
    expect(s.methods.map((m) => m.name)).toEqual(['label', 'area']);
    expect(shape(s.methods[0]!.body.body[0])).toEqual({
      kind: 'ExprStmt',
      expr: { kind: 'Assign', op: '=', target: member({ kind: 'This' }, 'label'), value: id('text') },
    });
    expect(s.nameSpan).toEqual({ line: 1, col: 8, endLine: 1, endCol: 11 });
    expect(s.span).toEqual({ line: 1, col: 1, endLine: 9, endCol: 3 });
  });

  it('makes the trailing semicolon optional and splits multi-name fields', () => {
    const [s] = ok('struct P { Integer x, y; }\nP p;').body;
    expect(s!.kind === 'StructDecl' && s.fields.map((f) => f.name)).toEqual(['x', 'y']);
  });
});

// ---------------------------------------------------------------- statements

describe('statements', () => {
  it('parses if / else if / else with and without braces', () => {
    const [s] = stmts('if (a) x(); else if (b) { y(); } else z();');
    expect(shape(s)).toEqual({
      kind: 'If',
      test: id('a'),
      then: { kind: 'ExprStmt', expr: call(id('x'), []) },
      else: {
        kind: 'If',
        test: id('b'),
        then: { kind: 'Block', body: [{ kind: 'ExprStmt', expr: call(id('y'), []) }] },
        else: { kind: 'ExprStmt', expr: call(id('z'), []) },
      },
    });
  });

  it('binds a dangling else to the nearest if', () => {
    const [s] = stmts('if (a) if (b) x(); else y();');
    expect(s!.kind === 'If' && s.else).toBeNull();
    expect(s!.kind === 'If' && s.then.kind === 'If' && s.then.else?.kind).toBe('ExprStmt');
  });

  it('parses while, break and continue', () => {
    const [s] = stmts('while (i < 3) { if (i == 1) continue; break; }');
    expect(shape(s)).toEqual({
      kind: 'While',
      test: bin('<', id('i'), int(3)),
      body: {
        kind: 'Block',
        body: [
          { kind: 'If', test: bin('==', id('i'), int(1)), then: { kind: 'Continue' }, else: null },
          { kind: 'Break' },
        ],
      },
    });
  });

  it('parses for loops with a declaration, an expression or nothing in each part', () => {
    const [full, exprInit, empty] = stmts('for (Integer i = 0; i < n; i++) f(i);\nfor (i = 0; ; ) {}\nfor (;;) ;');
    expect(shape(full)).toEqual({
      kind: 'For',
      init: { kind: 'VarDecl', type: type('Integer'), declarators: [{ kind: 'Declarator', name: 'i', init: int(0) }] },
      test: bin('<', id('i'), id('n')),
      update: { kind: 'Update', op: '++', prefix: false, target: id('i') },
      body: { kind: 'ExprStmt', expr: call(id('f'), [id('i')]) },
    });
    expect(shape(exprInit)).toEqual({
      kind: 'For',
      init: { kind: 'Assign', op: '=', target: id('i'), value: int(0) },
      test: null,
      update: null,
      body: { kind: 'Block', body: [] },
    });
    expect(shape(empty)).toEqual({ kind: 'For', init: null, test: null, update: null, body: { kind: 'Empty' } });
  });

  it('parses foreach', () => {
    const [s] = stmts('foreach (String[] row in grid.rows()) print(row[0]);');
    expect(shape(s)).toEqual({
      kind: 'Foreach',
      varType: type('String', [null]),
      varName: 'row',
      iterable: call(member(id('grid'), 'rows'), []),
      body: { kind: 'ExprStmt', expr: call(id('print'), [{ kind: 'Index', object: id('row'), index: int(0) }]) },
    });
  });

  it('parses return with and without a value, throw, try/catch and empty statements', () => {
    const body = stmts('try { throw "bad" + x; } catch { return; }\n;\nreturn 1;');
    expect(shape(body)).toEqual([
      {
        kind: 'Try',
        body: { kind: 'Block', body: [{ kind: 'Throw', value: bin('+', str('bad'), id('x')) }] },
        handler: { kind: 'Block', body: [{ kind: 'Return', value: null }] },
      },
      { kind: 'Empty' },
      { kind: 'Return', value: int(1) },
    ]);
  });

  it('lets a keyword prefix start an identifier', () => {
    expect(stmts('format(x); iffy = 1; thisOne.x = 2; returned++; Integer inner;').map((s) => s.kind)).toEqual([
      'ExprStmt',
      'ExprStmt',
      'ExprStmt',
      'ExprStmt',
      'VarDecl',
    ]);
  });

  it('spans an if statement across lines', () => {
    const ifStmt = stmts('x();\nif (a)\n  y();\nelse {\n  z();\n}')[1]!;
    expect(ifStmt.span).toEqual({ line: 2, col: 1, endLine: 6, endCol: 2 });
  });
});

// ---------------------------------------------------------------- expressions

describe('expressions', () => {
  it('gives * / % precedence over + -, and + - over comparisons', () => {
    expect(shape(expr('1 + 2 * 3 < 10 % 4 - 1'))).toEqual(
      bin('<', bin('+', int(1), bin('*', int(2), int(3))), bin('-', bin('%', int(10), int(4)), int(1))),
    );
  });

  it('orders comparison, equality, && and ||', () => {
    expect(shape(expr('a < b == c && d || e != f && g >= h'))).toEqual(
      bin('||', bin('&&', bin('==', bin('<', id('a'), id('b')), id('c')), id('d')), bin('&&', bin('!=', id('e'), id('f')), bin('>=', id('g'), id('h')))),
    );
  });

  it('makes binary operators left-associative', () => {
    expect(shape(expr('10 - 4 - 3'))).toEqual(bin('-', bin('-', int(10), int(4)), int(3)));
    expect(shape(expr('100 / 10 / 5'))).toEqual(bin('/', bin('/', int(100), int(10)), int(5)));
  });

  it('makes assignment right-associative and lowest', () => {
    expect(shape(expr('a = b += c || d'))).toEqual({
      kind: 'Assign',
      op: '=',
      target: id('a'),
      value: { kind: 'Assign', op: '+=', target: id('b'), value: bin('||', id('c'), id('d')) },
    });
  });

  it('supports all compound assignment operators', () => {
    const ops = ['=', '+=', '-=', '*=', '/=', '%='];
    for (const op of ops) {
      expect(shape(expr(`x ${op} 2`))).toEqual({ kind: 'Assign', op, target: id('x'), value: int(2) });
    }
  });

  it('honours parentheses', () => {
    expect(shape(expr('(5 + 2) * 3'))).toEqual(bin('*', bin('+', int(5), int(2)), int(3)));
  });

  it('parses unary operators, tighter than binary ones', () => {
    expect(shape(expr('-a * !b + +c'))).toEqual(
      bin('+', bin('*', { kind: 'Unary', op: '-', operand: id('a') }, { kind: 'Unary', op: '!', operand: id('b') }), {
        kind: 'Unary',
        op: '+',
        operand: id('c'),
      }),
    );
    expect(shape(expr('- -a'))).toEqual({ kind: 'Unary', op: '-', operand: { kind: 'Unary', op: '-', operand: id('a') } });
  });

  it('parses prefix and postfix ++ and --', () => {
    expect(shape(expr('++i'))).toEqual({ kind: 'Update', op: '++', prefix: true, target: id('i') });
    expect(shape(expr('--a[0]'))).toEqual({
      kind: 'Update',
      op: '--',
      prefix: true,
      target: { kind: 'Index', object: id('a'), index: int(0) },
    });
    expect(shape(expr('o.count--'))).toEqual({ kind: 'Update', op: '--', prefix: false, target: member(id('o'), 'count') });
    // Postfix binds tighter than prefix minus.
    expect(shape(expr('-i++'))).toEqual({
      kind: 'Unary',
      op: '-',
      operand: { kind: 'Update', op: '++', prefix: false, target: id('i') },
    });
  });

  it('parses calls, constructor calls and method calls', () => {
    expect(shape(expr('f()'))).toEqual(call(id('f'), []));
    expect(shape(expr('Integer("42")'))).toEqual(call(id('Integer'), [str('42')]));
    expect(shape(expr('Map("a=1\\nb=2").get("b")'))).toEqual(
      call(member(call(id('Map'), [str('a=1\nb=2')]), 'get'), [str('b')]),
    );
    expect(shape(expr('obj.field.method(1, x + 1)'))).toEqual(
      call(member(member(id('obj'), 'field'), 'method'), [int(1), bin('+', id('x'), int(1))]),
    );
  });

  it('parses a method chain across lines', () => {
    const e = expr('car.brand("Tesla")\n   .model("S")');
    expect(shape(e)).toEqual(call(member(call(member(id('car'), 'brand'), [str('Tesla')]), 'model'), [str('S')]));
    if (e.kind !== 'Call' || e.callee.kind !== 'Member') throw new Error('expected a method call');
    expect(e.callee.propertySpan).toEqual({ line: 2, col: 5, endLine: 2, endCol: 10 });
    expect(e.span).toEqual({ line: 1, col: 1, endLine: 2, endCol: 15 });
  });

  it('parses indexing, including nested and on call results', () => {
    expect(shape(expr('grid[x][y + 1]'))).toEqual({
      kind: 'Index',
      object: { kind: 'Index', object: id('grid'), index: id('x') },
      index: bin('+', id('y'), int(1)),
    });
    expect(shape(expr('s.split(",")[0].toUpper()'))).toEqual(
      call(member({ kind: 'Index', object: call(member(id('s'), 'split'), [str(',')]), index: int(0) }, 'toUpper'), []),
    );
  });

  it('calls a method on a parenthesised expression or a literal', () => {
    expect(shape(expr('(7 / 2).toString()'))).toEqual(call(member(bin('/', int(7), int(2)), 'toString'), []));
    expect(shape(expr('"abc".getLength()'))).toEqual(call(member(str('abc'), 'getLength'), []));
  });

  it('spans binary expressions from the first to the last operand', () => {
    const e = expr('total =\n  a +\n  b.c');
    expect(e.span).toEqual({ line: 1, col: 1, endLine: 3, endCol: 6 });
    if (e.kind !== 'Assign') throw new Error('expected Assign');
    expect(e.value.span).toEqual({ line: 2, col: 3, endLine: 3, endCol: 6 });
    expect(e.value.kind === 'Binary' && e.value.right.kind === 'Member' && e.value.right.propertySpan).toEqual({
      line: 3,
      col: 5,
      endLine: 3,
      endCol: 6,
    });
  });
});

// ---------------------------------------------------------------- syntax errors

describe('syntax errors', () => {
  it('reports a missing ")" at the offending token', () => {
    expect(fail('Integer n = 4;\nwhile (n > 0 {\n  n--;\n}')).toEqual({ line: 2, col: 14, message: 'expected ")" or an operator' });
  });

  it('reports a missing ";" just after the previous token when the next one is on a later line', () => {
    expect(fail('Integer a = 1\n// note\nprintLine("x");')).toEqual({ line: 1, col: 14, message: 'expected ";" or an operator' });
  });

  it('reports a missing ";" at the next token on the same line', () => {
    expect(fail('x = 1 y = 2;')).toEqual({ line: 1, col: 7, message: 'expected ";" or an operator' });
  });

  it('names a missing expression', () => {
    expect(fail('x = ;')).toEqual({ line: 1, col: 5, message: 'expected an expression' });
    expect(fail('if (a) { } else')).toMatchObject({ line: 1, message: 'expected a statement' });
  });

  it('reports stray closing brackets and continuation keywords as unexpected', () => {
    expect(fail('f();\n}')).toEqual({ line: 2, col: 1, message: 'unexpected "}"' });
    expect(fail('if (a) else b();')).toEqual({ line: 1, col: 8, message: 'unexpected "else"' });
  });

  it('names the token a directive needs', () => {
    expect(fail('#setLanguageLevel "3";')).toEqual({ line: 1, col: 19, message: 'expected a number' });
  });

  it('reports a missing "}" at the end of the script', () => {
    expect(fail('Void f() {\n  g();\n')).toMatchObject({ line: 2, col: 7, message: expect.stringContaining('"}"') });
  });

  it('names an expected keyword', () => {
    expect(fail('try { } x();')).toMatchObject({ message: 'expected "catch"' });
    expect(fail('foreach (String s of list) {}')).toMatchObject({ col: 19, message: 'expected "in"' });
  });

  it('explains a reserved word used as a name', () => {
    expect(fail('Integer while = 3;')).toEqual({
      line: 1,
      col: 9,
      message: 'expected an identifier ("while" is a reserved word and cannot be used as a name)',
    });
  });

  it('explains a declaration written with constructor arguments (which starts a function)', () => {
    expect(fail('XMLNode root("request");')).toEqual({
      line: 1,
      col: 14,
      message: 'expected ")" or an identifier: "XMLNode root(" starts a function; a variable made with a value is written XMLNode root = XMLNode(…);',
    });
    // a function's parameter list that is wrong in another way keeps the plain message
    expect(fail('Integer f(Integer) { return 1; }').message).toBe('expected an identifier or "["');
  });

  it('names the "{" a script leaves open: where its "}" lines up with an outer block, else the innermost', () => {
    // the "}" at column 1 closes the for loop's block but lines up with the function's: the loop's was left open
    expect(fail('Void f(Integer a) {\n  for (Integer i = 0; i < a; i++) {\n    printLine(i.toString());\n\n}\nf(3);\n').message).toBe(
      'expected "}" or a statement (the "{" at 2:35 is not closed)',
    );
    expect(fail('if (true) {\n  printLine("a");\n').message).toBe('expected "}" or a statement (the "{" at 1:11 is not closed)');
    // a function starting inside a block
    expect(fail('Void f() {\n  if (true) {\n    printLine("a");\n  }\n\nVoid g() {\n  printLine("b");\n}\n').message).toBe(
      'expected ";" or an operator: a function cannot be declared inside a block, and the "{" at 1:10 is not closed',
    );
    // nothing open: the plain message
    expect(fail('Integer x = f(;\n').message).toBe('expected ")" or an expression');
  });

  it('reports unterminated strings and comments where they start', () => {
    expect(fail('x = 1;\nprintLine("abc);\nf();')).toEqual({ line: 2, col: 11, message: 'unterminated string: missing closing "' });
    expect(fail('x = 1;\n/* open\nf();')).toEqual({ line: 2, col: 1, message: 'unterminated comment: missing "*/"' });
  });

  it('prefers an earlier syntax error over a later lexical one', () => {
    expect(fail('f(;\nx = "open')).toMatchObject({ line: 1, col: 3 });
  });

  it('reports unknown characters and directives', () => {
    expect(fail('a = b & c;')).toEqual({ line: 1, col: 7, message: 'unexpected character "&" (logical "and" is "&&")' });
    expect(fail('x = 1;\n  @')).toEqual({ line: 2, col: 3, message: 'unexpected character "@"' });
    expect(fail('#define X 1')).toMatchObject({ line: 1, col: 1, message: expect.stringContaining('unknown directive "#define"') });
  });

  it('rejects calling something that is not a name', () => {
    expect(fail('x = "a"(1);')).toEqual({ line: 1, col: 8, message: 'only a function or type name can be called like this' });
  });

  it('keeps messages short', () => {
    for (const source of ['f(a b);', 'Integer x = 1 +;', 'a[1 = 2;', 'struct { }', 'Integer f(Integer a {}', '}']) {
      const { message } = fail(source);
      expect(message.length).toBeLessThan(80);
      expect(message).toMatch(/^(expected|unexpected)/);
    }
  });
});

// ---------------------------------------------------------------- conformance programs and speed

const conformanceDir = sharedPath('conformance/cases');

describe.skipIf(!conformanceDir)('conformance programs', () => {
  const files = conformanceDir ? readdirSync(conformanceDir).filter((f) => f.endsWith('.crm')) : [];

  it.each(files.filter((f) => !f.startsWith('031-')))('%s parses', (file) => {
    ok(readFileSync(path.join(conformanceDir!, file), 'utf8'));
  });

  it('031-error-syntax fails on line 2', () => {
    const { line } = fail(readFileSync(path.join(conformanceDir!, '031-error-syntax.crm'), 'utf8'));
    expect(line).toBe(2);
  });
});

describe('long scripts', () => {
  // Items that continue after a `;` or `}` (else, catch, a struct's `};`), repeated so that
  // every kind of item lands on the boundaries where a long script is matched piecewise.
  const items = [
    'if (a < 1) x(); else y();',
    'if (b) { x(); } else if (c) { y(); } else { z(); }',
    'try { f(1, 2); } catch { g(); }',
    'struct S { Integer n; Void m() { this.n++; } };',
    'Void h(Integer k) { while (k > 0) { k--; } }',
    'Integer q = 1 + 2 * 3;',
    'for (Integer i = 0; i < 9; i++) ;',
    'foreach (String w in list) print(w);',
    '{ inner(); }',
    ';',
  ];
  const parts = Array.from({ length: 300 }, (_, i) => items[i % items.length]! + (i % 7 === 0 ? '\n\n' : '\n'));

  it('builds the same AST as parsing each item on its own', () => {
    const whole = ok(parts.join('')).body;
    const separately = parts.flatMap((p) => ok(p).body);
    expect(whole).toHaveLength(300);
    expect(shape(whole)).toEqual(shape(separately));
  });

  it('keeps spans and error positions right far into the script', () => {
    const source = parts.join('');
    const lines = source.split('\n').length;
    const last = ok(source + 'lastCall(1);').body.at(-1)!;
    expect(last.span).toEqual({ line: lines, col: 1, endLine: lines, endCol: 13 });
    expect(fail(source + 'x = (1;')).toEqual({ line: lines, col: 7, message: 'expected ")" or an operator' });
    expect(ok(source + '#setLanguageLevel 2;').languageLevel).toBe(2);
  });
});

describe('large scripts', () => {
  // its time is a row of `npm run bench` (parse + check + compile, 5,000 lines); tests assert no wall time
  it('parses a 5,000-line script into its top-level declarations', () => {
    const source = bigScript(5000);
    expect(source.split('\n').length).toBeGreaterThanOrEqual(5000);
    const result = parse(source);
    expect(result.diagnostics).toEqual([]);
    expect(result.program?.body.length).toBeGreaterThan(400);
  });
});
