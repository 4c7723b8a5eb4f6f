// The typed AST produced by parse.ts. Every node carries the source span it came from
// (1-based line and column of its first character, and of the character after its end).

export interface Span {
  /** Set on nodes that came from an `#include`d script: the file name to report. */
  file?: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/** A type as written in source: `Integer`, `String[]`, `Integer[5]`, `String[3][2]`, `Car`. */
export interface TypeRef {
  kind: 'TypeRef';
  name: string;
  /** One entry per `[]` pair, outermost first; null for a dynamic dimension, a number for a fixed size. */
  dims: (number | null)[];
  span: Span;
}

// ---------------------------------------------------------------- program

export interface Program {
  kind: 'Program';
  /** `#setLanguageLevel N;` if present. */
  languageLevel: number | null;
  /** `#include "name";` directives in source order. */
  includes: IncludeDirective[];
  /** Top-level items in source order: statements, function and struct declarations. */
  body: TopLevel[];
  span: Span;
}

export interface IncludeDirective {
  kind: 'Include';
  name: string;
  span: Span;
}

export type TopLevel = FunctionDecl | StructDecl | Stmt;

export interface Param {
  kind: 'Param';
  type: TypeRef;
  name: string;
  span: Span;
}

export interface FunctionDecl {
  kind: 'FunctionDecl';
  returnType: TypeRef;
  name: string;
  params: Param[];
  body: Block;
  span: Span;
  /** Span of the name, for error messages. */
  nameSpan: Span;
}

export interface StructField {
  kind: 'StructField';
  type: TypeRef;
  name: string;
  init: Expr | null;
  span: Span;
}

export interface StructDecl {
  kind: 'StructDecl';
  name: string;
  fields: StructField[];
  methods: FunctionDecl[];
  span: Span;
  nameSpan: Span;
}

// ---------------------------------------------------------------- statements

export type Stmt =
  | VarDecl
  | Block
  | IfStmt
  | WhileStmt
  | ForStmt
  | ForeachStmt
  | BreakStmt
  | ContinueStmt
  | ReturnStmt
  | TryStmt
  | ThrowStmt
  | ExprStmt
  | EmptyStmt;

/** `Integer a = 1, b;` is one VarDecl with two declarators. */
export interface VarDecl {
  kind: 'VarDecl';
  type: TypeRef;
  declarators: Declarator[];
  span: Span;
}

export interface Declarator {
  kind: 'Declarator';
  name: string;
  init: Expr | null;
  span: Span;
}

export interface Block {
  kind: 'Block';
  body: Stmt[];
  span: Span;
}

export interface IfStmt {
  kind: 'If';
  test: Expr;
  then: Stmt;
  else: Stmt | null;
  span: Span;
}

export interface WhileStmt {
  kind: 'While';
  test: Expr;
  body: Stmt;
  span: Span;
}

export interface ForStmt {
  kind: 'For';
  init: VarDecl | Expr | null;
  test: Expr | null;
  update: Expr | null;
  body: Stmt;
  span: Span;
}

export interface ForeachStmt {
  kind: 'Foreach';
  varType: TypeRef;
  varName: string;
  iterable: Expr;
  body: Stmt;
  span: Span;
}

export interface BreakStmt { kind: 'Break'; span: Span }
export interface ContinueStmt { kind: 'Continue'; span: Span }

export interface ReturnStmt {
  kind: 'Return';
  value: Expr | null;
  span: Span;
}

/** `try { } catch { }` — the catch block sees the implicit `error` and `errorLocation` Strings. */
export interface TryStmt {
  kind: 'Try';
  body: Block;
  handler: Block;
  span: Span;
}

export interface ThrowStmt {
  kind: 'Throw';
  value: Expr;
  span: Span;
}

export interface ExprStmt {
  kind: 'ExprStmt';
  expr: Expr;
  span: Span;
}

/** A lone `;`. */
export interface EmptyStmt { kind: 'Empty'; span: Span }

// ---------------------------------------------------------------- expressions

export type Expr =
  | AssignExpr
  | BinaryExpr
  | UnaryExpr
  | UpdateExpr
  | CallExpr
  | MemberExpr
  | IndexExpr
  | Identifier
  | ThisExpr
  | IntegerLiteral
  | LongLiteral
  | FloatLiteral
  | StringLiteral
  | BoolLiteral;

export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '%=';
export type BinaryOp =
  | '||' | '&&'
  | '==' | '!=' | '<' | '>' | '<=' | '>='
  | '+' | '-' | '*' | '/' | '%';

export interface AssignExpr {
  kind: 'Assign';
  op: AssignOp;
  target: Expr; // Identifier | MemberExpr | IndexExpr (the checker rejects anything else)
  value: Expr;
  span: Span;
  /** Span of the operator token (where a failing `/=` is reported). */
  opSpan?: Span;
}

export interface BinaryExpr {
  kind: 'Binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
  span: Span;
  /** Span of the operator token (where a failing `/` or `%` is reported). */
  opSpan?: Span;
}

export interface UnaryExpr {
  kind: 'Unary';
  op: '-' | '!' | '+';
  operand: Expr;
  span: Span;
}

/** `x++`, `x--` (postfix) and `++x`, `--x` (prefix). */
export interface UpdateExpr {
  kind: 'Update';
  op: '++' | '--';
  prefix: boolean;
  target: Expr;
  span: Span;
}

/**
 * A call. `callee` is an Identifier for a global/user function or a constructor call such as
 * `Integer("42")` / `Car()`; a MemberExpr for a method call `obj.method(args)`.
 */
export interface CallExpr {
  kind: 'Call';
  callee: Identifier | MemberExpr;
  args: Expr[];
  span: Span;
}

export interface MemberExpr {
  kind: 'Member';
  object: Expr;
  property: string;
  span: Span;
  propertySpan: Span;
}

export interface IndexExpr {
  kind: 'Index';
  object: Expr;
  index: Expr;
  span: Span;
}

export interface Identifier {
  kind: 'Identifier';
  name: string;
  span: Span;
}

export interface ThisExpr { kind: 'This'; span: Span }

export interface IntegerLiteral { kind: 'Integer'; value: number; span: Span }
/** A whole number with an L suffix; `value` may exceed the 64-bit range (the checker says so). */
export interface LongLiteral { kind: 'Long'; value: bigint; span: Span }
export interface FloatLiteral { kind: 'Float'; value: number; span: Span }
/** `value` is the decoded string (escapes resolved). */
export interface StringLiteral { kind: 'String'; value: string; span: Span }
export interface BoolLiteral { kind: 'Bool'; value: boolean; span: Span }

// ---------------------------------------------------------------- errors

/** A problem found in a script, reported as `file:line:col: error: message`. */
export interface Diagnostic {
  line: number;
  col: number;
  message: string;
  severity: 'error' | 'warning';
}
