// Builds the typed AST of ast.ts from an Ohm match of the token string: the semantic actions,
// precedence climbing for infix operators (string literals are decoded by string-literal.ts).
import type * as ohm from 'ohm-js';
import type {
  AssignOp,
  BinaryOp,
  Block,
  Declarator,
  Expr,
  FunctionDecl,
  IncludeDirective,
  MemberExpr,
  Param,
  Program,
  Stmt,
  StructDecl,
  StructField,
  TopLevel,
  TypeRef,
  VarDecl,
} from './ast.js';
import { cur, offsetSpan, spanOf, textOf, tokenSpan } from './positions.js';
import { decodeString } from './string-literal.js';

type Node = ohm.Node;

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
  const opNodes = opsNode.children;
  const ops = opNodes.map(textOf);
  let pos = 0;
  const parseFrom = (minPrec: number): Placed => {
    const node = operands[pos]!;
    let left: Placed = { expr: ast<Expr>(node), startTok: node.source.startIdx, endTok: node.source.endIdx };
    while (pos < ops.length && PRECEDENCE[ops[pos]!]! >= minPrec) {
      const opSpan = spanOf(opNodes[pos]!);
      const op = ops[pos++]!;
      const prec = PRECEDENCE[op]!;
      // Assignment is right-associative: its right side may itself be an assignment.
      const right = parseFrom(prec === 0 ? 0 : prec + 1);
      const span = tokenSpan(left.startTok, right.endTok);
      const expr: Expr =
        prec === 0
          ? { kind: 'Assign', op: op as AssignOp, target: left.expr, value: right.expr, span, opSpan }
          : { kind: 'Binary', op: op as BinaryOp, left: left.expr, right: right.expr, span, opSpan };
      left = { expr, startTok: left.startTok, endTok: right.endTok };
    }
    return left;
  };
  return parseFrom(0).expr;
}

/**
 * Indexes of the prefix operators that change the value: `!!!!x` is `!!x`, `- - -x` is `-x`,
 * `+ +x` is `+x`. Long runs of one operator are cut so the tree (and everything that walks it)
 * stays shallow however many a script writes; at least one (two for an even run) stays, so the
 * type errors are the same.
 */
function keptPrefixes(ops: string[]): number[] {
  const kept: number[] = [];
  for (let i = 0; i < ops.length; ) {
    let j = i;
    while (j < ops.length && ops[j] === ops[i]) j++;
    const run = j - i;
    const keep = ops[i] === '++' || ops[i] === '--' ? run : ops[i] === '+' ? 1 : run % 2 === 1 ? 1 : 2;
    for (let k = 0; k < keep; k++) kept.push(i + k);
    i = j;
  }
  return kept;
}

/** A problem found while building the AST of a source the grammar accepted. */
export class AstError extends Error {
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
    case 'd':
      return { kind: 'Long', value: BigInt(text.slice(0, -1)), span };
    case 'f':
      return { kind: 'Float', value: parseFloat(text), span };
    case 's':
      return { kind: 'String', value: decodeString(text.slice(1, -1)), span };
    case 'H':
      return { kind: 'This', span };
    default:
      return { kind: 'Bool', value: node.sourceString === 'Y', span };
  }
}

interface LanguageLevelMarker {
  kind: '#languageLevel';
  level: number;
}

type TopItem = TopLevel | IncludeDirective | LanguageLevelMarker;

// ---------------------------------------------------------------- semantics

export const actions: ohm.ActionDict<unknown> = {
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
    return { kind: 'Program', languageLevel, includes, body, span: offsetSpan(0, cur.src.length) };
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
    if (!inner.isTerminal()) return ast<Stmt>(inner);
    const span = spanOf(this);
    if (inner.sourceString !== 'P') return { kind: 'Empty', span };
    // template text: printed as written
    const text = cur.src.slice(cur.toks.starts[cur.base + this.source.startIdx], cur.toks.ends[cur.base + this.source.startIdx]);
    const callee: Expr = { kind: 'Identifier', name: 'print', span };
    return { kind: 'ExprStmt', expr: { kind: 'Call', callee, args: [{ kind: 'String', value: text, span }], span }, span };
  },

  block(_open, stmts, _close): Block {
    return { kind: 'Block', body: stmts.children.map((s) => ast<Stmt>(s)), span: spanOf(this) };
  },

  keywordStmt_if(_if, _open, test, _close, then, _elses, ifs, _opens, tests, _closes, thens, _else, otherwise): Stmt {
    // Built from the last `else if` back to the first, without recursion.
    const ifList = ifs.children;
    const testList = tests.children;
    const thenList = thens.children;
    const end = this.source.endIdx;
    let tail = opt<Stmt>(otherwise);
    for (let i = ifList.length - 1; i >= 0; i--) {
      const span = tokenSpan(ifList[i]!.source.startIdx, end);
      tail = { kind: 'If', test: ast<Expr>(testList[i]!), then: ast<Stmt>(thenList[i]!), else: tail, span };
    }
    return { kind: 'If', test: ast<Expr>(test), then: ast<Stmt>(then), else: tail, span: spanOf(this) };
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
    // Ohm builds an iteration node's children anew on every `.children` access: read each list once.
    const prefixList = prefixes.children;
    const openerList = openers.children;
    const middleList = middles.children;
    const lastList = lasts.children;
    const start = this.source.startIdx + prefixList.length;
    let expr = primary(prim);
    const args = callArgs.children[0];
    if (args) {
      if (expr.kind !== 'Identifier') {
        throw new AstError(cur.base + callOpen.source.startIdx, 'only a function or type name can be called like this');
      }
      expr = { kind: 'Call', callee: expr, args: list<Expr>(args), span: tokenSpan(start, callClose.source.endIdx) };
    }
    for (let i = 0; i < openerList.length; i++) {
      const middle = middleList[i]!;
      const last = lastList[i]!;
      if (openerList[i]!.sourceString === '.') {
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
    for (const i of keptPrefixes(prefixList.map(textOf)).reverse()) {
      const p = prefixList[i]!;
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
