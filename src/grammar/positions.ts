// Where things are in the source while a parse is in progress: the source, its tokens, line
// starts, and the chunk being matched; turns token indexes and offsets into line:col spans.
import type * as ohm from 'ohm-js';
import type { Span } from './ast.js';
import type { Tokens } from './lexer.js';

type Node = ohm.Node;

/** State of the parse in progress; parse() is synchronous, so one module-level slot suffices. */
export const cur = {
  src: '',
  toks: { codes: '', starts: [], ends: [] } as Tokens,
  lineStarts: [0] as number[],
  /**
   * Index of the first token of the chunk being matched (see chunkBounds in parse.ts); Ohm node
   * positions are token indexes relative to it. Spans below take chunk-relative token indexes.
   */
  base: 0,
};

/** Makes `source` and its tokens the parse in progress. */
export function begin(source: string, tokens: Tokens): void {
  cur.src = source;
  cur.toks = tokens;
  cur.lineStarts = computeLineStarts(source);
  cur.base = 0;
}

/** Forgets the last source (do not keep it alive). */
export function end(): void {
  cur.src = '';
  cur.toks = { codes: '', starts: [], ends: [] };
  cur.base = 0;
}

function computeLineStarts(source: string): number[] {
  const starts = [0];
  let i = source.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = source.indexOf('\n', i + 1);
  }
  return starts;
}

/** 1-based line and column of a source offset. */
export function position(offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = cur.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cur.lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - cur.lineStarts[lo]! + 1 };
}

export function offsetSpan(start: number, end: number): Span {
  const s = position(start);
  const e = position(end);
  return { line: s.line, col: s.col, endLine: e.line, endCol: e.col };
}

/** Source span of the chunk-relative tokens [startTok, endTok). */
export function tokenSpan(startTok: number, endTok: number): Span {
  const start = cur.toks.starts[cur.base + startTok] ?? cur.src.length;
  return offsetSpan(start, endTok > startTok ? cur.toks.ends[cur.base + endTok - 1]! : start);
}

export function spanOf(node: Node): Span {
  return tokenSpan(node.source.startIdx, node.source.endIdx);
}

/** Source text of the token a (single-token) node matched. */
export function textOf(node: Node): string {
  const idx = cur.base + node.source.startIdx;
  return cur.src.slice(cur.toks.starts[idx], cur.toks.ends[idx]);
}

/** Source text of the token at absolute index `idx`. */
export function textOfToken(idx: number): string {
  return cur.src.slice(cur.toks.starts[idx], cur.toks.ends[idx]);
}
