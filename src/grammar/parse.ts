// Parses CRMScript source into the typed AST of ast.ts.
//
// Three steps: a hand-written lexer (lexer.ts) turns the source into tokens, encoded as a string
// with one character per token (see the legend in crmscript.ohm); the Ohm grammar matches that
// string; and an Ohm semantics (build-ast.ts) builds the AST, mapping token positions back to
// source spans (positions.ts). messages.ts words syntax errors.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Ohm from 'ohm-js';
import type { Diagnostic, Program } from './ast.js';
import { actions, AstError } from './build-ast.js';
import { loadCommonJs } from './code-cache.js';
import { lex, type Tokens } from './lexer.js';
import { errorOffset, expectedMessage } from './messages.js';
import { begin, cur, end, offsetSpan, position } from './positions.js';

// Ohm's single-file CommonJS build: its ES module entry is some 46 modules, which costs more
// than the rest of `run hello.crm`'s start-up put together. It is compiled with the build's code
// cache when there is one (code-cache.ts).
const ohm = loadCommonJs(createRequire(import.meta.url).resolve('ohm-js'), 'ohm') as typeof Ohm;

export { decodeString } from './string-literal.js';

export interface ParseResult {
  program: Program | null;
  diagnostics: Diagnostic[];
}

type Node = Ohm.Node;

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

/** The largest script parse() accepts, in characters (about 60,000 lines of typical code). */
export const MAX_SOURCE_CHARS = 2 * 1024 * 1024;

/**
 * How deeply brackets (`(`, `[`, `{`) may nest. The grammar matches them by recursion; the limit
 * keeps that well inside the stack of any thread the parser runs on (workers included), so a
 * deeper script gets "nesting too deep" instead of a crash. Real scripts stay far below it.
 */
export const MAX_NESTING = 200;

/** The offset of the first bracket nested deeper than MAX_NESTING, or -1. */
function tooDeep(tokens: Tokens): number {
  let depth = 0;
  const codes = tokens.codes;
  for (let k = 0; k < codes.length; k++) {
    const c = codes.charCodeAt(k);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > MAX_NESTING) return tokens.starts[k]!;
    } else if (c === 41 || c === 93 || c === 125) depth--;
  }
  return -1;
}

/** The offset of the most deeply nested bracket: where to point when the parse ran out of stack. */
function deepest(tokens: Tokens): number {
  let depth = 0;
  let best = 0;
  let at = 0;
  const codes = tokens.codes;
  for (let k = 0; k < codes.length; k++) {
    const c = codes.charCodeAt(k);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > best) [best, at] = [depth, tokens.starts[k]!];
    } else if (c === 41 || c === 93 || c === 125) depth--;
  }
  return at;
}

export function parse(source: string): ParseResult {
  if (source.length > MAX_SOURCE_CHARS) {
    const size = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return { program: null, diagnostics: [{ line: 1, col: 1, severity: 'error', message: `the script is too large (${size(source.length)}; the limit is ${size(MAX_SOURCE_CHARS)})` }] };
  }
  const { grammar, semantics } = load();
  const { tokens, error } = lex(source);
  begin(source, tokens);
  try {
    const deep = tooDeep(tokens);
    if (deep >= 0) return diagnostic(deep, `nesting too deep (more than ${MAX_NESTING} levels of brackets)`);
    const program: Program = {
      kind: 'Program',
      languageLevel: null,
      includes: [],
      body: [],
      span: offsetSpan(0, source.length),
    };
    const bounds = chunkBounds(tokens.codes);
    for (let c = 0; c + 1 < bounds.length; c++) {
      const base = bounds[c]!;
      cur.base = base;
      const match = grammar.match(tokens.codes.slice(base, bounds[c + 1]));
      if (match.failed()) {
        const failTok = base + match.getRightmostFailurePosition();
        // A lexical error stops the token stream early; report it unless the tokens before it
        // already contain a syntax error.
        if (error && failTok >= tokens.codes.length) return diagnostic(error.offset, error.message);
        const message = expectedMessage(match, failTok);
        return diagnostic(errorOffset(failTok, message), message);
      }
      const part = (semantics(match) as unknown as Node)['ast']() as Program;
      program.languageLevel = part.languageLevel ?? program.languageLevel;
      program.includes.push(...part.includes);
      program.body.push(...part.body);
    }
    if (error) return diagnostic(error.offset, error.message);
    return { program, diagnostics: [] };
  } catch (e) {
    if (e instanceof AstError) return diagnostic(tokens.starts[e.tokenIndex] ?? source.length, e.message);
    // Statements nested without brackets (`if (a) if (b) …`) recurse too: past what the stack
    // holds, report it like any other script error.
    if (e instanceof RangeError && /call stack/i.test(e.message)) return diagnostic(deepest(tokens), 'nesting too deep');
    throw e;
  } finally {
    // Do not keep the last source alive.
    end();
  }
}
