/**
 * A scrollable view of lines (output, descriptions, help). Only the visible
 * lines are rendered; long lines are cut (scroll sideways with `left`).
 */
import React from 'react';
import { Box, Text } from 'ink';
import { fit, sliceCells } from '../text.js';
import { useTheme } from '../theme.js';
import type { Binding } from '../keys.js';
import { NAV_KEYS } from '../keymap.js';
import { plural } from '../../interp/util/plural.js';

export interface TextViewProps {
  lines: readonly string[];
  /** Index of the first visible line (clamped). */
  top: number;
  height: number;
  width: number;
  /** Cells scrolled to the right. */
  left?: number;
  empty?: string;
}

export function clampTop(top: number, count: number, height: number): number {
  return Math.max(0, Math.min(top, Math.max(count - height, 0)));
}

export function TextView({ lines, top, height, width, left = 0, empty }: TextViewProps): React.ReactElement {
  const t = useTheme();
  const start = clampTop(top, lines.length, height);
  const visible = lines.slice(start, start + height);
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {lines.length === 0 && empty ? (
        <Text {...t.muted} wrap="truncate">
          {empty}
        </Text>
      ) : (
        visible.map((l, i) => (
          <Text key={start + i} wrap="truncate">
            {fit(left > 0 ? sliceCells(l, left, width) : l, width)}
          </Text>
        ))
      )}
    </Box>
  );
}

/** "lines 10–30 of 120" for a panel note. */
export function positionNote(top: number, height: number, count: number): string {
  if (count <= height) return count === 0 ? '' : `${plural(count, 'line')}`;
  const s = clampTop(top, count, height);
  return `${s + 1}–${Math.min(s + height, count)} of ${count}`;
}

/**
 * Keys that scroll a TextView: a line or a page up and down, the top, the bottom, and 8 cells
 * sideways. `scroll` gets the change of the first visible line (the caller clamps it).
 */
export function textNavBindings(
  scroll: (f: (top: number) => number) => void,
  page: number,
  maxTop: number,
  setLeft: (f: (left: number) => number) => void,
): Binding[] {
  return [
    { def: NAV_KEYS.up, run: () => scroll((i) => i - 1), footer: false },
    { def: NAV_KEYS.down, run: () => scroll((i) => i + 1), footer: false },
    { def: NAV_KEYS.pageUp, run: () => scroll((i) => i - page), footer: false },
    { def: NAV_KEYS.pageDown, run: () => scroll((i) => i + page), footer: false },
    { def: NAV_KEYS.top, run: () => scroll(() => 0), footer: false },
    { def: NAV_KEYS.bottom, run: () => scroll(() => maxTop), footer: false },
    { def: NAV_KEYS.left, run: () => setLeft((x) => Math.max(x - 8, 0)), footer: false },
    { def: NAV_KEYS.right, run: () => setLeft((x) => x + 8), footer: false },
  ];
}
