/**
 * A one-line text field. The field is controlled: its owner keeps a
 * TextState and feeds keys to applyTextKey() from its key layer's onText, so
 * the field never competes with other key handlers.
 */
import React from 'react';
import { Text } from 'ink';
import type { KeyEvent } from '../keymap.js';
import { useTheme } from '../theme.js';

export interface TextState {
  value: string;
  /** Cursor position, 0..value.length (in UTF-16 units, kept on code point boundaries). */
  cursor: number;
}

export function textState(value = ''): TextState {
  return { value, cursor: value.length };
}

/** The new state after a key, or null when the key is not a text-editing key. */
export function applyTextKey(s: TextState, input: string, key: KeyEvent): TextState | null {
  const { value, cursor } = s;
  if (key.leftArrow) return { value, cursor: prevBoundary(value, cursor) };
  if (key.rightArrow) return { value, cursor: nextBoundary(value, cursor) };
  if (key.home || (key.ctrl && input === 'a')) return { value, cursor: 0 };
  if (key.end || (key.ctrl && input === 'e')) return { value, cursor: value.length };
  if (key.backspace || key.delete) {
    if (cursor === 0) return s;
    const p = prevBoundary(value, cursor);
    return { value: value.slice(0, p) + value.slice(cursor), cursor: p };
  }
  if (key.ctrl && input === 'u') return { value: value.slice(cursor), cursor: 0 };
  if (key.ctrl && input === 'k') return { value: value.slice(0, cursor), cursor };
  if (key.ctrl && input === 'w') {
    let p = cursor;
    while (p > 0 && value[p - 1] === ' ') p--;
    while (p > 0 && value[p - 1] !== ' ') p--;
    return { value: value.slice(0, p) + value.slice(cursor), cursor: p };
  }
  if (key.ctrl || key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return null;
  // Printable text (one key or a paste); line breaks become spaces in a one-line field.
  const text = input.replace(/\r\n|[\r\n\t]/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
  if (text === '') return null;
  return { value: value.slice(0, cursor) + text + value.slice(cursor), cursor: cursor + text.length };
}

function prevBoundary(v: string, i: number): number {
  if (i <= 0) return 0;
  const c = v.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1;
}

function nextBoundary(v: string, i: number): number {
  if (i >= v.length) return v.length;
  const c = v.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 2 <= v.length ? i + 2 : i + 1;
}

export interface TextInputProps {
  state: TextState;
  focused: boolean;
  /** Cells available; longer values scroll to keep the cursor visible. */
  width: number;
  placeholder?: string;
  /** Show this character instead of each character of the value (secrets). */
  mask?: string;
}

export function TextInput({ state, focused, width, placeholder, mask }: TextInputProps): React.ReactElement {
  const t = useTheme();
  const shown = mask ? mask.repeat([...state.value].length) : state.value;
  const cursor = mask ? [...state.value.slice(0, state.cursor)].length : state.cursor;
  const w = Math.max(width, 4);
  if (shown === '' && !focused) return <Text {...t.muted}>{placeholder ?? ''}</Text>;
  if (!focused) return <Text wrap="truncate-end">{shown}</Text>;
  if (shown === '' && placeholder) {
    return (
      <Text>
        <Text inverse>{placeholder[0]}</Text>
        <Text {...t.muted}>{placeholder.slice(1, w)}</Text>
      </Text>
    );
  }
  // Window of `w - 1` cells (one is kept for the cursor at the end) around the cursor.
  const room = w - 1;
  let start = 0;
  if (cursor > room) start = cursor - room;
  const before = shown.slice(start, cursor);
  const at = shown[cursor] ?? ' ';
  const after = shown.slice(cursor + 1, start + room + 1);
  return (
    <Text>
      {start > 0 ? '…' + before.slice(1) : before}
      <Text inverse>{at}</Text>
      {after}
    </Text>
  );
}
