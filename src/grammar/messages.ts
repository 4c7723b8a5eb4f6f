// Syntax error messages: what was expected where the match failed, and where to report it.
import type * as ohm from 'ohm-js';
import { KEYWORDS } from './lexer.js';
import { cur, position, textOfToken } from './positions.js';

/** How each token code is named in messages. */
const CODE_NAMES: Record<string, string> = {
  i: 'an identifier', n: 'a number', d: 'a number', f: 'a number', s: 'a string',
  q: '"=="', Q: '"!="', l: '"<="', g: '">="', '&': '"&&"', '|': '"||"', p: '"++"', m: '"--"', a: '"+="',
  I: '"if"', E: '"else"', F: '"for"', G: '"foreach"', N: '"in"', W: '"while"', B: '"break"',
  C: '"continue"', R: '"return"', T: '"try"', K: '"catch"', X: '"throw"', S: '"struct"',
  H: '"this"', Y: '"true"', Z: '"false"', P: 'template text', L: '"#setLanguageLevel"', U: '"#include"',
};

function codeName(code: string): string {
  return CODE_NAMES[code] ?? `"${code}"`;
}

/** Infix operators: if one is expected, an expression could continue here. */
const INFIX_CODES = new Set('=a|&qQlg<>+-*/%');
/** Other tokens that continue an expression: postfix ++/--, member access, index, call. */
const SUFFIX_CODES = new Set('pm.[(');
/** Tokens that can start an expression. */
const EXPR_START_CODES = new Set('indfsHYZ(-!+pm');
/** Tokens that can start a statement or top-level item but not an expression. */
const STMT_START_CODES = new Set('IWGFBCRTX{;SLUP');
/** Punctuation a user most often forgets, most likely first. */
const CLOSERS = [';', ')', ']', '}', ','];
/** Keywords that can only follow another construct. */
const CONTINUATION_KEYWORDS = new Set(['else', 'catch', 'in']);

/** Builds a short message from the token codes Ohm would have accepted at token `failTok`. */
export function expectedMessage(match: ohm.MatchResult, failTok: number): string {
  type Failure = { getText(): string; getType(): string };
  const failures = (match as unknown as { getRightmostFailures(): Failure[] }).getRightmostFailures();
  const expected = new Set<string>();
  let endOfInput = false;
  for (const f of failures) {
    if (f.getType() === 'string') expected.add(f.getText());
    else if (f.getText() === 'end of input') endOfInput = true;
  }

  const found = failTok < cur.toks.codes.length ? textOfToken(failTok) : '';
  const foundWord = found.toLowerCase();
  // `XMLNode root("request");`: a declaration with a constructor's arguments, which CRMScript
  // reads as the start of a function (its parameters are "Type name")
  const codes = cur.toks.codes;
  if (failTok >= 3 && 'nsdf'.includes(codes[failTok] ?? '') && codes.slice(failTok - 3, failTok) === 'ii(') {
    const [type, name] = [textOfToken(failTok - 3), textOfToken(failTok - 2)];
    return `expected ")" or an identifier: "${type} ${name}(" starts a function; a variable made with a value is written ${type} ${name} = ${type}(…);`;
  }
  // `Void g() {` at the start of a line inside a block: a "}" above is missing
  if (codes[failTok] === '(' && failTok >= 2 && codes.slice(failTok - 2, failTok) === 'ii' && startsLine(failTok - 2)) {
    const open = unclosedBrace(failTok);
    if (open) return `expected ";" or an operator: a function cannot be declared inside a block, and the "{" at ${open} is not closed`;
  }
  // An expression could start here if literals would have been accepted; a statement too if
  // `if` would have been. Their many first tokens are then summarised as one item.
  const exprStart = expected.has('n') && expected.has('s');
  const stmtStart = exprStart && expected.has('I');
  const hasOperator = !exprStart && [...expected].some((c) => INFIX_CODES.has(c));

  // A stray `else` or closing bracket where something new should start.
  if (exprStart && CONTINUATION_KEYWORDS.has(foundWord)) return `unexpected "${found}"`;
  if (stmtStart && (found === '}' || found === ')' || found === ']')) return `unexpected "${found}"`;
  // A reserved word where a name belongs: that is almost certainly the mistake.
  if (expected.has('i') && !exprStart && KEYWORDS.has(foundWord)) {
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
  const message = shown.length === 1 ? `expected ${shown[0]}` : `expected ${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
  // the script ends inside a block: say which "{" is left open
  const open = failTok >= codes.length && expected.has('}') ? unclosedBrace(codes.length) : null;
  return open ? `${message} (the "{" at ${open} is not closed)` : message;
}

/** Whether token `i` is the first on its line. */
function startsLine(i: number): boolean {
  const start = cur.toks.starts[i]!;
  return i === 0 || cur.src.slice(cur.toks.ends[i - 1]!, start).includes('\n');
}

/** Leading blanks of the line holding `offset`. */
function indentAt(offset: number): number {
  const start = cur.src.lastIndexOf('\n', offset - 1) + 1;
  let i = start;
  while (cur.src[i] === ' ' || cur.src[i] === '\t') i++;
  return i - start;
}

/**
 * The line:col of the "{" that tokens before `upTo` most likely left open: the first one
 * whose "}" stands at another indentation than its line while an outer "{" has that indentation
 * (the "}" was meant for the outer block, as a compiler for C-like languages guesses); else the
 * innermost one still open.
 */
function unclosedBrace(upTo: number): string | null {
  const { codes, starts } = cur.toks;
  const stack: number[] = [];
  let suspect: number | null = null;
  for (let i = 0; i < upTo; i++) {
    if (codes[i] === '{') stack.push(i);
    else if (codes[i] === '}' && stack.length) {
      const opened = stack.pop()!;
      const at = indentAt(starts[i]!);
      if (suspect === null && at !== indentAt(starts[opened]!) && stack.some((o) => indentAt(starts[o]!) === at)) suspect = opened;
    }
  }
  if (!stack.length) return null;
  const p = position(starts[suspect ?? stack[stack.length - 1]!]!);
  return `${p.line}:${p.col}`;
}

/**
 * Source offset to report a syntax error at token `failTok`. At the end of the input, or when a
 * `;` is missing before a token on a later line, that is just after the previous token, where
 * the fix belongs; otherwise the start of the offending token.
 */
export function errorOffset(failTok: number, message: string): number {
  const prevEnd = failTok > 0 ? cur.toks.ends[failTok - 1]! : 0;
  if (failTok >= cur.toks.codes.length) return prevEnd;
  const start = cur.toks.starts[failTok]!;
  if (failTok > 0 && message.includes('";"') && cur.src.slice(prevEnd, start).includes('\n')) return prevEnd;
  return start;
}
