/**
 * CRMScript source with line numbers and syntax highlighting. Scrolls both
 * ways; renders only the visible lines.
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import { highlightSource, type Token } from './highlight.js';
import { clampTop } from './TextView.js';
import { cellWidth, sliceCells } from '../text.js';
import { useTheme } from '../theme.js';

export interface SourceViewProps {
  source: string;
  top: number;
  height: number;
  width: number;
  left?: number;
  /** 1-based line to mark (e.g. an error). */
  markLine?: number;
  empty?: string;
}

/** Cut a line of tokens to cells [left, left + width). */
export function sliceTokens(tokens: readonly Token[], left: number, width: number): Token[] {
  const out: Token[] = [];
  let pos = 0;
  let used = 0;
  for (const tok of tokens) {
    const w = cellWidth(tok.text);
    const end = pos + w;
    if (end > left && used < width) {
      const from = Math.max(left - pos, 0);
      const piece = sliceCells(tok.text, from, width - used);
      if (piece !== '') {
        out.push({ text: piece, kind: tok.kind });
        used += cellWidth(piece);
      }
    }
    pos = end;
    if (used >= width) break;
  }
  return out;
}

export function SourceView({ source, top, height, width, left = 0, markLine, empty = '(empty source)' }: SourceViewProps): React.ReactElement {
  const t = useTheme();
  const lines = useMemo(() => highlightSource(source), [source]);
  const gutter = String(Math.max(lines.length, 1)).length;
  const codeWidth = Math.max(width - gutter - 3, 1);
  const start = clampTop(top, lines.length, height);
  const rows: React.ReactNode[] = [];
  for (let i = start; i < Math.min(lines.length, start + height); i++) {
    const marked = markLine === i + 1;
    const toks = sliceTokens(lines[i]!, left, codeWidth);
    rows.push(
      <Text key={i} wrap="truncate">
        <Text {...(marked ? t.error : t.muted)} inverse={marked}>
          {String(i + 1).padStart(gutter)}
        </Text>
        <Text {...t.muted}>{marked ? ' ▶ ' : ' │ '}</Text>
        {toks.map((tok, j) => (
          <Text key={j} {...t.syntax[tok.kind]}>
            {tok.text}
          </Text>
        ))}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {lines.length === 0 || (lines.length === 1 && lines[0]!.length === 0) ? (
        <Text {...t.muted}>{empty}</Text>
      ) : (
        rows
      )}
    </Box>
  );
}

/** Number of display lines of a source (for scrolling). */
export function sourceLineCount(source: string): number {
  if (source === '') return 0;
  const n = source.split('\n').length;
  return source.endsWith('\n') ? n - 1 : n;
}
