// Parses CRMScript source into the typed AST of ast.ts.
//
// Three steps: a hand-written lexer turns the source into tokens, encoded as a string with one
// character per token (see the legend in crmscript.ohm); the Ohm grammar matches that string;
// and an Ohm semantics builds the AST, mapping token positions back to source spans.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Ohm from 'ohm-js';
import type {
  AssignOp,
  BinaryOp,
  Block,
  Declarator,
  Diagnostic,
  Expr,
  FunctionDecl,
  IncludeDirective,
  MemberExpr,
  Param,
  Program,
  Span,
  Stmt,
  StructDecl,
  StructField,
  TopLevel,
  TypeRef,
  VarDecl,
} from './ast.js';

export interface ParseResult {
  program: Program | null;
  diagnostics: Diagnostic[];
}

// Ohm's single-file CommonJS build: its ES module entry is some 46 modules, which costs more
// than the rest of `run hello.crm`'s start-up put together.
const ohm = createRequire(import.meta.url)('ohm-js') as typeof Ohm;
type Node = Ohm.Node;

// ---------------------------------------------------------------- lexer

interface Tokens {
  /** One code character per token. */
  codes: string;
  /** Source offset of each token's first character, and of the character after its end. */
  starts: number[];
  ends: number[];
}

interface LexError {
  offset: number;
  message: string;
}

const KEYWORDS = new Map<string, string>([
  ['if', 'I'], ['else', 'E'], ['for', 'F'], ['foreach', 'G'], ['in', 'N'], ['while', 'W'],
  ['break', 'B'], ['continue', 'C'], ['return', 'R'], ['try', 'T'], ['catch', 'K'],
  ['throw', 'X'], ['struct', 'S'], ['this', 'H'], ['true', 'Y'], ['false', 'Z'],
]);

const TWO_CHAR_OPS = new Map<string, string>([
  ['==', 'q'], ['!=', 'Q'], ['<=', 'l'], ['>=', 'g'], ['&&', '&'], ['||', '|'],
  ['++', 'p'], ['--', 'm'], ['+=', 'a'], ['-=', 'a'], ['*=', 'a'], ['/=', 'a'], ['%=', 'a'],
]);

const SINGLE_CHAR_TOKENS = new Set('(){}[];,.=+-*/%<>!');

const DIRECTIVES = new Map<string, string>([['#setLanguageLevel', 'L'], ['#include', 'U']]);
const EJS_MARKERS = ['%EJSCRIPT_START%', '%EJSCRIPT_END%'];

const IDENT_RE = /[\p{L}_][\p{L}\p{Nd}_]*/uy;
const NUMBER_RE = /(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const WORD_RE = /#?[\p{L}_][\p{L}\p{Nd}_]*/uy;

function isAsciiIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isAsciiIdentPart(c: number): boolean {
  return isAsciiIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Splits the source into tokens. Whitespace, comments and %EJSCRIPT_START%/%EJSCRIPT_END%
 * markers are skipped. On an invalid character or an unterminated string or comment, returns
 * the tokens read so far together with the error.
 */
function lex(source: string): { tokens: Tokens; error: LexError | null } {
  const n = source.length;
  let codes = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (code: string, start: number, end: number): void => {
    codes += code;
    starts.push(start);
    ends.push(end);
  };
  const fail = (offset: number, message: string) => ({ tokens: { codes, starts, ends }, error: { offset, message } });

  let i = 0;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c <= 32 || c === 0xa0 || c === 0xfeff) {
      i++;
    } else if (isAsciiIdentStart(c)) {
      let j = i + 1;
      while (j < n && isAsciiIdentPart(source.charCodeAt(j))) j++;
      if (j < n && source.charCodeAt(j) > 127) {
        IDENT_RE.lastIndex = i;
        IDENT_RE.exec(source);
        j = IDENT_RE.lastIndex;
      }
      push(KEYWORDS.get(source.slice(i, j)) ?? 'i', i, j);
      i = j;
    } else if (isDigit(c) || (c === 46 /* . */ && isDigit(source.charCodeAt(i + 1)))) {
      NUMBER_RE.lastIndex = i;
      const text = NUMBER_RE.exec(source)![0];
      push(/[.eE]/.test(text) ? 'f' : 'n', i, i + text.length);
      i += text.length;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      let j = i + 1;
      while (j < n && source.charCodeAt(j) !== c) j += source.charCodeAt(j) === 92 /* \ */ ? 2 : 1;
      if (j >= n) return fail(i, `unterminated string: missing closing ${source[i]}`);
      push('s', i, j + 1);
      i = j + 1;
    } else if (c === 47 /* / */ && source.charCodeAt(i + 1) === 47) {
      const nl = source.indexOf('\n', i);
      i = nl === -1 ? n : nl + 1;
    } else if (c === 47 && source.charCodeAt(i + 1) === 42 /* * */) {
      const close = source.indexOf('*/', i + 2);
      if (close === -1) return fail(i, 'unterminated comment: missing "*/"');
      i = close + 2;
    } else if (c === 37 /* % */ && source.startsWith('%EJSCRIPT_', i)) {
      const marker = EJS_MARKERS.find((m) => source.startsWith(m, i));
      if (marker) {
        i += marker.length;
      } else {
        push('%', i, i + 1);
        i++;
      }
    } else if (c === 35 /* # */) {
      WORD_RE.lastIndex = i;
      const word = WORD_RE.exec(source)?.[0] ?? '#';
      const code = DIRECTIVES.get(word);
      if (!code) return fail(i, `unknown directive "${word}" (expected #setLanguageLevel or #include)`);
      push(code, i, i + word.length);
      i += word.length;
    } else {
      const two = TWO_CHAR_OPS.get(source.slice(i, i + 2));
      if (two) {
        push(two, i, i + 2);
        i += 2;
      } else if (SINGLE_CHAR_TOKENS.has(source[i]!)) {
        push(source[i]!, i, i + 1);
        i++;
      } else if (c > 127) {
        IDENT_RE.lastIndex = i;
        if (!IDENT_RE.exec(source)) return fail(i, `unexpected character "${String.fromCodePoint(source.codePointAt(i)!)}"`);
        push(KEYWORDS.get(source.slice(i, IDENT_RE.lastIndex)) ?? 'i', i, IDENT_RE.lastIndex);
        i = IDENT_RE.lastIndex;
      } else {
        const hint = c === 38 ? ' (logical "and" is "&&")' : c === 124 ? ' (logical "or" is "||")' : '';
        return fail(i, `unexpected character "${source[i]}"${hint}`);
      }
    }
  }
  return { tokens: { codes, starts, ends }, error: null };
}

// ---------------------------------------------------------------- positions

/** State of the parse in progress; parse() is synchronous, so one module-level slot suffices. */
let src = '';
let toks: Tokens = { codes: '', starts: [], ends: [] };
let lineStarts: number[] = [0];

function computeLineStarts(source: string): number[] {
  const starts = [0];
  let i = source.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = source.indexOf('\n', i + 1);
  }
  return starts;
}

/**
 * Index of the first token of the chunk being matched (see chunkBounds); Ohm node positions are
 * token indexes relative to it. Spans below take chunk-relative token indexes.
 */
let base = 0;

/** 1-based line and column of a source offset. */
function position(offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - lineStarts[lo]! + 1 };
}

function offsetSpan(start: number, end: number): Span {
  const s = position(start);
  const e = position(end);
  return { line: s.line, col: s.col, endLine: e.line, endCol: e.col };
}

/** Source span of the chunk-relative tokens [startTok, endTok). */
function tokenSpan(startTok: number, endTok: number): Span {
  const start = toks.starts[base + startTok] ?? src.length;
  return offsetSpan(start, endTok > startTok ? toks.ends[base + endTok - 1]! : start);
}

function spanOf(node: Node): Span {
  return tokenSpan(node.source.startIdx, node.source.endIdx);
}

/** Source text of the token a (single-token) node matched. */
function textOf(node: Node): string {
  const idx = base + node.source.startIdx;
  return src.slice(toks.starts[idx], toks.ends[idx]);
}

// ---------------------------------------------------------------- helpers

function ast<T>(node: Node): T {
  return node['ast']() as T;
}

/** The AST of an optional (`x?`) node, or null when absent. */
function opt<T>(iter: Node): T | null {
  const child = iter.children[0];
  return child ? ast<T>(child) : null;
}

function list<T>(listNode: Node): T[] {
  return listNode.asIteration().children.map((c) => ast<T>(c));
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };

/** Resolves backslash escapes; an unknown escape yields the escaped character itself. */
export function decodeString(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[++i]!;
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else {
      out += SIMPLE_ESCAPES[next] ?? next;
    }
  }
  return out;
}

/** Binding strength of infix operators. All are left-associative except assignment (0). */
const PRECEDENCE: Record<string, number> = {
  '=': 0, '+=': 0, '-=': 0, '*=': 0, '/=': 0, '%=': 0,
  '||': 1,
  '&&': 2,
  '==': 3, '!=': 3,
  '<': 4, '>': 4, '<=': 4, '>=': 4,
  '+': 5, '-': 5,
  '*': 6, '/': 6, '%': 6,
};

interface Placed {
  expr: Expr;
  startTok: number;
  endTok: number;
}

/** Builds the tree for a flat `operand (op operand)*` list by precedence climbing. */
function climb(first: Node, opsNode: Node, restNode: Node): Expr {
  const operands = [first, ...restNode.children];
  const ops = opsNode.children.map(textOf);
  let pos = 0;
  const parseFrom = (minPrec: number): Placed => {
    const node = operands[pos]!;
    let left: Placed = { expr: ast<Expr>(node), startTok: node.source.startIdx, endTok: node.source.endIdx };
    while (pos < ops.length && PRECEDENCE[ops[pos]!]! >= minPrec) {
      const op = ops[pos++]!;
      const prec = PRECEDENCE[op]!;
      // Assignment is right-associative: its right side may itself be an assignment.
      const right = parseFrom(prec === 0 ? 0 : prec + 1);
      const span = tokenSpan(left.startTok, right.endTok);
      const expr: Expr =
        prec === 0
          ? { kind: 'Assign', op: op as AssignOp, target: left.expr, value: right.expr, span }
          : { kind: 'Binary', op: op as BinaryOp, left: left.expr, right: right.expr, span };
      left = { expr, startTok: left.startTok, endTok: right.endTok };
    }
    return left;
  };
  return parseFrom(0).expr;
}

/** A problem found while building the AST of a source the grammar accepted. */
class AstError extends Error {
  constructor(
    readonly tokenIndex: number,
    message: string,
  ) {
    super(message);
  }
}

/** The AST of an operand's primary part: a single token, or a parenthesised expression. */
function primary(node: Node): Expr {
  if (!node.isTerminal()) return ast<Expr>(node);
  const span = spanOf(node);
  const text = textOf(node);
  switch (node.sourceString) {
    case 'i':
      return { kind: 'Identifier', name: text, span };
    case 'n':
      return { kind: 'Integer', value: parseInt(text, 10), span };
    case 'f':
      return { kind: 'Float', value: parseFloat(text), span };
    case 's':
      return { kind: 'String', value: decodeString(text.slice(1, -1)), span };
    case 'H':
      return { kind: 'This', span };
    default:
      return { kind: 'Bool', value: text === 'true', span };
  }
}

interface LanguageLevelMarker {
  kind: '#languageLevel';
  level: number;
}

type TopItem = TopLevel | IncludeDirective | LanguageLevelMarker;

// ---------------------------------------------------------------- semantics

const actions: Ohm.ActionDict<unknown> = {
  program(items): Program {
    let languageLevel: number | null = null;
    const includes: IncludeDirective[] = [];
    const body: TopLevel[] = [];
    for (const child of items.children) {
      const item = ast<TopItem>(child);
      if (item.kind === '#languageLevel') languageLevel = item.level;
      else if (item.kind === 'Include') includes.push(item);
      else body.push(item);
    }
    return { kind: 'Program', languageLevel, includes, body, span: offsetSpan(0, src.length) };
  },

  directive_languageLevel(_kw, level, _semi): LanguageLevelMarker {
    return { kind: '#languageLevel', level: parseInt(textOf(level), 10) };
  },

  directive_include(_kw, name, _semi): IncludeDirective {
    return { kind: 'Include', name: decodeString(textOf(name).slice(1, -1)), span: spanOf(this) };
  },

  structDecl(_kw, name, _open, members, _close, _semi): StructDecl {
    const fields: StructField[] = [];
    const methods: FunctionDecl[] = [];
    for (const m of members.children) {
      const member = ast<FunctionDecl | VarDecl>(m);
      if (member.kind === 'FunctionDecl') {
        methods.push(member);
        continue;
      }
      for (const d of member.declarators) {
        fields.push({
          kind: 'StructField',
          type: member.type,
          name: d.name,
          init: d.init,
          span: member.declarators.length === 1 ? member.span : d.span,
        });
      }
    }
    return { kind: 'StructDecl', name: textOf(name), fields, methods, span: spanOf(this), nameSpan: spanOf(name) };
  },

  functionDecl(type, name, _open, params, _close, body): FunctionDecl {
    return {
      kind: 'FunctionDecl',
      returnType: ast<TypeRef>(type),
      name: textOf(name),
      params: list<Param>(params),
      body: ast<Block>(body),
      span: spanOf(this),
      nameSpan: spanOf(name),
    };
  },

  param(type, name): Param {
    return { kind: 'Param', type: ast<TypeRef>(type), name: textOf(name), span: spanOf(this) };
  },

  type(name, _open, sizes, _close): TypeRef {
    return {
      kind: 'TypeRef',
      name: textOf(name),
      dims: sizes.children.map((size) => {
        const n = size.children[0];
        return n ? parseInt(textOf(n), 10) : null;
      }),
      span: spanOf(this),
    };
  },

  varDecl(decl, _semi): VarDecl {
    return { ...ast<VarDecl>(decl), span: spanOf(this) };
  },

  declaration(type, first, _commas, rest): VarDecl {
    return {
      kind: 'VarDecl',
      type: ast<TypeRef>(type),
      declarators: [first, ...rest.children].map((d) => ast<Declarator>(d)),
      span: spanOf(this),
    };
  },

  declarator(name, _eq, init): Declarator {
    return { kind: 'Declarator', name: textOf(name), init: opt<Expr>(init), span: spanOf(this) };
  },

  // ---- statements

  stmt(inner): Stmt {
    return inner.isTerminal() ? { kind: 'Empty', span: spanOf(this) } : ast<Stmt>(inner);
  },

  block(_open, stmts, _close): Block {
    return { kind: 'Block', body: stmts.children.map((s) => ast<Stmt>(s)), span: spanOf(this) };
  },

  keywordStmt_if(_if, _open, test, _close, then, _else, otherwise): Stmt {
    return { kind: 'If', test: ast<Expr>(test), then: ast<Stmt>(then), else: opt<Stmt>(otherwise), span: spanOf(this) };
  },

  keywordStmt_while(_while, _open, test, _close, body): Stmt {
    return { kind: 'While', test: ast<Expr>(test), body: ast<Stmt>(body), span: spanOf(this) };
  },

  keywordStmt_foreach(_foreach, _open, type, name, _in, iterable, _close, body): Stmt {
    return {
      kind: 'Foreach',
      varType: ast<TypeRef>(type),
      varName: textOf(name),
      iterable: ast<Expr>(iterable),
      body: ast<Stmt>(body),
      span: spanOf(this),
    };
  },

  keywordStmt_for(_for, _open, init, _s1, test, _s2, update, _close, body): Stmt {
    return {
      kind: 'For',
      init: opt<VarDecl | Expr>(init),
      test: opt<Expr>(test),
      update: opt<Expr>(update),
      body: ast<Stmt>(body),
      span: spanOf(this),
    };
  },

  keywordStmt_break(_kw, _semi): Stmt {
    return { kind: 'Break', span: spanOf(this) };
  },

  keywordStmt_continue(_kw, _semi): Stmt {
    return { kind: 'Continue', span: spanOf(this) };
  },

  keywordStmt_return(_kw, value, _semi): Stmt {
    return { kind: 'Return', value: opt<Expr>(value), span: spanOf(this) };
  },

  keywordStmt_try(_try, body, _catch, handler): Stmt {
    return { kind: 'Try', body: ast<Block>(body), handler: ast<Block>(handler), span: spanOf(this) };
  },

  keywordStmt_throw(_kw, value, _semi): Stmt {
    return { kind: 'Throw', value: ast<Expr>(value), span: spanOf(this) };
  },

  exprStmt(expr, _semi): Stmt {
    return { kind: 'ExprStmt', expr: ast<Expr>(expr), span: spanOf(this) };
  },

  // ---- expressions

  expr(first, ops, rest): Expr {
    return climb(first, ops, rest);
  },

  // Binding columns: prefix ops; the primary; call `(`, arguments, `)`; per suffix the opener
  // (`.` or `[`), the name or index, and the method arguments or `]`; the postfix op.
  operand(prefixes, prim, callOpen, callArgs, callClose, openers, middles, lasts, postfix): Expr {
    const start = this.source.startIdx + prefixes.children.length;
    let expr = primary(prim);
    const args = callArgs.children[0];
    if (args) {
      if (expr.kind !== 'Identifier') {
        throw new AstError(base + callOpen.source.startIdx, 'only a function or type name can be called like this');
      }
      expr = { kind: 'Call', callee: expr, args: list<Expr>(args), span: tokenSpan(start, callClose.source.endIdx) };
    }
    for (let i = 0; i < openers.children.length; i++) {
      const middle = middles.children[i]!;
      const last = lasts.children[i]!;
      if (openers.children[i]!.sourceString === '.') {
        const member: MemberExpr = {
          kind: 'Member',
          object: expr,
          property: textOf(middle),
          span: tokenSpan(start, middle.source.endIdx),
          propertySpan: spanOf(middle),
        };
        const methodArgs = last.children[0];
        expr = methodArgs
          ? { kind: 'Call', callee: member, args: ast<Expr[]>(methodArgs), span: tokenSpan(start, methodArgs.source.endIdx) }
          : member;
      } else {
        expr = { kind: 'Index', object: expr, index: ast<Expr>(middle), span: tokenSpan(start, last.source.endIdx) };
      }
    }
    const end = this.source.endIdx;
    const post = postfix.children[0];
    if (post) {
      expr = { kind: 'Update', op: textOf(post) as '++' | '--', prefix: false, target: expr, span: tokenSpan(start, end) };
    }
    // The prefix operator nearest the operand applies first.
    for (let i = prefixes.children.length - 1; i >= 0; i--) {
      const p = prefixes.children[i]!;
      const op = textOf(p);
      const span = tokenSpan(p.source.startIdx, end);
      expr =
        op === '++' || op === '--'
          ? { kind: 'Update', op, prefix: true, target: expr, span }
          : { kind: 'Unary', op: op as '-' | '!' | '+', operand: expr, span };
    }
    return expr;
  },

  parenExpr(_open, expr, _close): Expr {
    return ast<Expr>(expr);
  },

  arguments(_open, args, _close): Expr[] {
    return list<Expr>(args);
  },
};

// ---------------------------------------------------------------- grammar loading

let compiled: { grammar: Ohm.Grammar; semantics: Ohm.Semantics } | null = null;

function load(): { grammar: Ohm.Grammar; semantics: Ohm.Semantics } {
  if (!compiled) {
    // The build stores the compiled grammar as an Ohm recipe beside this module (loads in ~1 ms
    // instead of ~75 ms for compiling the .ohm text); from the sources, compile the text.
    const recipe = new URL('./crmscript.recipe.json', import.meta.url);
    const grammar = existsSync(recipe)
      ? // makeRecipe is part of Ohm's runtime API but missing from its type definitions
        (ohm as unknown as { makeRecipe(r: unknown): Ohm.Grammar }).makeRecipe(JSON.parse(readFileSync(recipe, 'utf8')))
      : ohm.grammar(readFileSync(new URL('./crmscript.ohm', import.meta.url), 'utf8'));
    const semantics = grammar.createSemantics().addOperation('ast', actions);
    compiled = { grammar, semantics };
  }
  return compiled;
}

// ---------------------------------------------------------------- syntax error messages

/** How each token code is named in messages. */
const CODE_NAMES: Record<string, string> = {
  i: 'an identifier', n: 'a number', f: 'a number', s: 'a string',
  q: '"=="', Q: '"!="', l: '"<="', g: '">="', '&': '"&&"', '|': '"||"', p: '"++"', m: '"--"', a: '"+="',
  I: '"if"', E: '"else"', F: '"for"', G: '"foreach"', N: '"in"', W: '"while"', B: '"break"',
  C: '"continue"', R: '"return"', T: '"try"', K: '"catch"', X: '"throw"', S: '"struct"',
  H: '"this"', Y: '"true"', Z: '"false"', L: '"#setLanguageLevel"', U: '"#include"',
};

function codeName(code: string): string {
  return CODE_NAMES[code] ?? `"${code}"`;
}

/** Infix operators: if one is expected, an expression could continue here. */
const INFIX_CODES = new Set('=a|&qQlg<>+-*/%');
/** Other tokens that continue an expression: postfix ++/--, member access, index, call. */
const SUFFIX_CODES = new Set('pm.[(');
/** Tokens that can start an expression. */
const EXPR_START_CODES = new Set('infsHYZ(-!+pm');
/** Tokens that can start a statement or top-level item but not an expression. */
const STMT_START_CODES = new Set('IWGFBCRTX{;SLU');
/** Punctuation a user most often forgets, most likely first. */
const CLOSERS = [';', ')', ']', '}', ','];
/** Keywords that can only follow another construct. */
const CONTINUATION_KEYWORDS = new Set(['else', 'catch', 'in']);

/** Builds a short message from the token codes Ohm would have accepted at token `failTok`. */
function expectedMessage(match: Ohm.MatchResult, failTok: number): string {
  type Failure = { getText(): string; getType(): string };
  const failures = (match as unknown as { getRightmostFailures(): Failure[] }).getRightmostFailures();
  const expected = new Set<string>();
  let endOfInput = false;
  for (const f of failures) {
    if (f.getType() === 'string') expected.add(f.getText());
    else if (f.getText() === 'end of input') endOfInput = true;
  }

  const found = failTok < toks.codes.length ? textOfToken(failTok) : '';
  // An expression could start here if literals would have been accepted; a statement too if
  // `if` would have been. Their many first tokens are then summarised as one item.
  const exprStart = expected.has('n') && expected.has('s');
  const stmtStart = exprStart && expected.has('I');
  const hasOperator = !exprStart && [...expected].some((c) => INFIX_CODES.has(c));

  // A stray `else` or closing bracket where something new should start.
  if (exprStart && CONTINUATION_KEYWORDS.has(found)) return `unexpected "${found}"`;
  if (stmtStart && (found === '}' || found === ')' || found === ']')) return `unexpected "${found}"`;
  // A reserved word where a name belongs: that is almost certainly the mistake.
  if (expected.has('i') && !exprStart && KEYWORDS.has(found)) {
    return `expected an identifier ("${found}" is a reserved word and cannot be used as a name)`;
  }

  let closers = CLOSERS.filter((c) => expected.has(c));
  // A forgotten `;` is far more likely than a missing `,` in a declarator list.
  if (closers.includes(';')) closers = closers.filter((c) => c !== ',');
  // Where a statement may start, `;` is just the empty statement.
  if (stmtStart) closers = closers.filter((c) => c !== ';');

  const items = closers.map(codeName);
  for (const code of expected) {
    if (CLOSERS.includes(code)) continue;
    if (hasOperator && (INFIX_CODES.has(code) || SUFFIX_CODES.has(code))) continue;
    if (exprStart && (EXPR_START_CODES.has(code) || SUFFIX_CODES.has(code))) continue;
    if (stmtStart && STMT_START_CODES.has(code)) continue;
    items.push(codeName(code));
  }
  if (stmtStart) items.push('a statement');
  else if (exprStart) items.push('an expression');

  const shown = items.slice(0, hasOperator ? 3 : 4);
  if (hasOperator) shown.push('an operator');
  if (shown.length === 0) return endOfInput ? 'expected the end of the script' : 'syntax error';
  return shown.length === 1
    ? `expected ${shown[0]}`
    : `expected ${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

function textOfToken(idx: number): string {
  return src.slice(toks.starts[idx], toks.ends[idx]);
}

/**
 * Source offset to report a syntax error at token `failTok`. At the end of the input, or when a
 * `;` is missing before a token on a later line, that is just after the previous token, where
 * the fix belongs; otherwise the start of the offending token.
 */
function errorOffset(failTok: number, message: string): number {
  const prevEnd = failTok > 0 ? toks.ends[failTok - 1]! : 0;
  if (failTok >= toks.codes.length) return prevEnd;
  const start = toks.starts[failTok]!;
  if (failTok > 0 && message.includes('";"') && src.slice(prevEnd, start).includes('\n')) return prevEnd;
  return start;
}

// ---------------------------------------------------------------- entry point

function diagnostic(offset: number, message: string): ParseResult {
  const { line, col } = position(offset);
  return { program: null, diagnostics: [{ line, col, message, severity: 'error' }] };
}

/** Roughly how many tokens to match at once; see chunkBounds. */
const CHUNK_TOKENS = 200;

/**
 * Cuts the token stream into runs of whole top-level items, each at least about CHUNK_TOKENS
 * long, to be matched separately. Ohm keeps a memo entry for every rule tried at every position
 * until a match ends; matching in chunks lets those tables be collected young, which roughly
 * halves the time of a large parse. A cut is made only after a `;` or `}` outside all brackets
 * that cannot be continued by what follows (`else`, `catch`, or the `;` ending a struct), so a
 * valid script matches exactly as a whole; unbalanced brackets just leave the rest in one chunk.
 */
function chunkBounds(codes: string): number[] {
  const bounds = [0];
  let depth = 0;
  for (let k = 0; k < codes.length; k++) {
    const c = codes[k];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (--depth < 0) break;
    }
    if (depth !== 0 || (c !== ';' && c !== '}')) continue;
    const next = codes[k + 1];
    if (next === undefined || next === 'E' || next === 'K' || (c === '}' && next === ';')) continue;
    if (k + 1 - bounds[bounds.length - 1]! >= CHUNK_TOKENS) bounds.push(k + 1);
  }
  if (bounds[bounds.length - 1] !== codes.length || codes.length === 0) bounds.push(codes.length);
  return bounds;
}

export function parse(source: string): ParseResult {
  const { grammar, semantics } = load();
  const { tokens, error } = lex(source);
  src = source;
  toks = tokens;
  lineStarts = computeLineStarts(source);
  try {
    const program: Program = {
      kind: 'Program',
      languageLevel: null,
      includes: [],
      body: [],
      span: offsetSpan(0, source.length),
    };
    const bounds = chunkBounds(tokens.codes);
    for (let c = 0; c + 1 < bounds.length; c++) {
      base = bounds[c]!;
      const match = grammar.match(tokens.codes.slice(base, bounds[c + 1]));
      if (match.failed()) {
        const failTok = base + match.getRightmostFailurePosition();
        // A lexical error stops the token stream early; report it unless the tokens before it
        // already contain a syntax error.
        if (error && failTok >= tokens.codes.length) return diagnostic(error.offset, error.message);
        const message = expectedMessage(match, failTok);
        return diagnostic(errorOffset(failTok, message), message);
      }
      const part = ast<Program>(semantics(match) as unknown as Node);
      program.languageLevel = part.languageLevel ?? program.languageLevel;
      program.includes.push(...part.includes);
      program.body.push(...part.body);
    }
    if (error) return diagnostic(error.offset, error.message);
    return { program, diagnostics: [] };
  } catch (e) {
    if (e instanceof AstError) return diagnostic(toks.starts[e.tokenIndex] ?? source.length, e.message);
    throw e;
  } finally {
    // Do not keep the last source alive.
    src = '';
    toks = { codes: '', starts: [], ends: [] };
    base = 0;
  }
}
