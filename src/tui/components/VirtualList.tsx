/**
 * A list that renders only the rows on screen, so 10,000 items cost no more
 * than 20. Selection and scrolling are the owner's (see useListNav); the
 * viewport follows the selection like htop's: it scrolls only when the
 * selection would leave it.
 */
import React, { useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import { fit } from '../text.js';
import type { Binding } from '../keys.js';
import { FILTER_KEYS, NAV_KEYS } from '../keymap.js';

export interface RowState {
  selected: boolean;
  focused: boolean;
  /** Cells available for the row's content (after the selection marker). */
  width: number;
}

export interface VirtualListProps<T> {
  items: readonly T[];
  selected: number;
  height: number;
  width: number;
  focused?: boolean;
  /** One line of text for an item: plain string, or Text nodes of exactly `width` cells. */
  renderRow: (item: T, index: number, state: RowState) => React.ReactNode;
  /** Shown when there are no items. */
  empty?: string;
}

/** First visible index so that `selected` stays on screen, moving as little as possible. */
export function scrollTop(prevTop: number, selected: number, count: number, height: number): number {
  if (height <= 0 || count <= height) return 0;
  let top = Math.min(Math.max(prevTop, 0), count - height);
  if (selected < top) top = selected;
  else if (selected >= top + height) top = selected - height + 1;
  return Math.max(0, Math.min(top, count - height));
}

export function VirtualList<T>({ items, selected, height, width, focused = true, renderRow, empty }: VirtualListProps<T>): React.ReactElement {
  const t = useTheme();
  const topRef = useRef(0);
  const top = scrollTop(topRef.current, selected, items.length, height);
  topRef.current = top;
  if (items.length === 0) {
    return (
      <Box height={height} width={width} flexDirection="column">
        <Text {...t.muted} wrap="truncate">
          {empty ?? 'Nothing here.'}
        </Text>
      </Box>
    );
  }
  const rows: React.ReactNode[] = [];
  const end = Math.min(items.length, top + height);
  const inner = Math.max(width - 2, 1);
  for (let i = top; i < end; i++) {
    const isSel = i === selected;
    const content = renderRow(items[i]!, i, { selected: isSel, focused, width: inner });
    const marker = isSel ? (focused ? '›' : '·') : ' ';
    const style = isSel ? (focused ? t.selected : t.selectedBlurred) : {};
    rows.push(
      <Box key={i} height={1} width={width} overflow="hidden">
        <Text wrap="truncate" {...style}>
          {marker}
          {typeof content === 'string' ? fit(content, inner) : content}
          {' '}
        </Text>
      </Box>,
    );
  }
  return (
    <Box height={height} width={width} flexDirection="column" overflow="hidden">
      {rows}
    </Box>
  );
}

// ---------------------------------------------------------------- navigation

export interface ListNav {
  /** Key bindings moving the selection (for useKeys). */
  bindings: Binding[];
}

/**
 * Up/down/page/home/end bindings over a list of `count` rows showing
 * `page` at a time. `set` receives an updater so several keys in one burst
 * add up.
 */
export function listNavBindings(count: number, page: number, set: (f: (i: number) => number) => void, footer = false): Binding[] {
  const clamp = (i: number) => Math.max(0, Math.min(i, count - 1));
  const p = Math.max(page - 1, 1);
  return [
    { def: NAV_KEYS.up, run: () => set((i) => clamp(i - 1)), footer },
    { def: NAV_KEYS.down, run: () => set((i) => clamp(i + 1)), footer },
    { def: NAV_KEYS.pageUp, run: () => set((i) => clamp(i - p)), footer: false },
    { def: NAV_KEYS.pageDown, run: () => set((i) => clamp(i + p)), footer: false },
    { def: NAV_KEYS.top, run: () => set(() => 0), footer: false },
    { def: NAV_KEYS.bottom, run: () => set(() => clamp(count - 1)), footer: false },
  ];
}

export interface ListFilter {
  /** The filter in force; '' = none. */
  value: string;
  /** The filter is being typed (its Field has the focus). */
  typing: boolean;
  /** The filter line shows: it is being typed, or one is set. */
  shown: boolean;
  /** Starts typing the filter. */
  start(): void;
  /** Clears the filter and stops typing. */
  clear(): void;
  /** The Field's onChange. */
  set(value: string): void;
  /** The keys while typing: Enter keeps the filter, Esc clears it, ↑/↓ `move` in the filtered list. */
  typingKeys(move: (by: -1 | 1) => void): Binding[];
  /** Esc on the list while a filter is set: clears it. */
  clearKey(): Binding;
}

/**
 * Type-to-filter over a list (/ starts it): the filter text, typed in a Field, and the keys of
 * typing it. `changed` runs when the text changes (e.g. to select the first match).
 */
export function useListFilter(changed?: () => void): ListFilter {
  const [value, setValue] = useState('');
  const [typing, setTyping] = useState(false);
  const clear = (): void => {
    setValue('');
    setTyping(false);
  };
  return {
    value,
    typing,
    shown: typing || value !== '',
    start: () => setTyping(true),
    clear,
    set: (v) => {
      setValue(v);
      changed?.();
    },
    typingKeys: (move) => [
      { def: FILTER_KEYS.accept, run: () => setTyping(false) },
      { def: FILTER_KEYS.clear, run: clear },
      { def: FILTER_KEYS.up, run: () => move(-1) },
      { def: FILTER_KEYS.down, run: () => move(1) },
    ],
    clearKey: () => ({ def: NAV_KEYS.back, when: value !== '', run: clear, label: 'Clear filter', help: 'Clear the filter' }),
  };
}

/** Case-insensitive "contains" filter; an empty query keeps everything (same array). */
export function filterItems<T>(items: readonly T[], query: string, text: (item: T) => string): readonly T[] {
  const q = query.trim().toLowerCase();
  if (q === '') return items;
  const out: T[] = [];
  for (const it of items) if (text(it).toLowerCase().includes(q)) out.push(it);
  return out;
}
