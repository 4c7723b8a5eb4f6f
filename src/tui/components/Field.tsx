/**
 * A single-line text field: `ink-text-input`, wrapped for the shell.
 *
 *   <Field value={query} onChange={setQuery} focused={typing} width={30} placeholder="filter" />
 *
 * While focused (and in an active tab) the field has the keyboard: the shell's own reader is
 * inactive (useInput's isActive, see keys.tsx), ink-text-input reads the typed text, and the keys
 * that are not text (Enter, Esc, Tab, ↑/↓, PgUp/PgDn, Ctrl+…) go on to the screen's key layers,
 * so a letter typed in a field never fires a shortcut and Ctrl+S still saves. The wrapper also:
 * - keeps the end of a long value in view (the field has a fixed width; the package wraps);
 * - applies keys that arrive faster than the screen redraws to the newest value (the package
 *   derives each change from the value of its last render, which would drop them);
 * - moves the cursor to the end on `End`/`Ctrl+E` and after text it took from a burst;
 * - `Ctrl+U` clears the field, `Ctrl+W` erases its last word (the cursor goes to the end).
 * What it cannot do (the package keeps its cursor to itself): Home/Ctrl+A, erasing before the
 * cursor, and inserting at the cursor from outside; fields that need those use TextInput.tsx.
 */
import React, { useCallback, useContext, useLayoutEffect, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import InkTextInput from 'ink-text-input';
import { KeyRegistryContext, KeyScopeContext, splitKeys } from '../keys.js';
import type { KeyEvent } from '../keymap.js';
import { useTheme } from '../theme.js';
import { cellWidth, truncate } from '../text.js';

export interface FieldProps {
  value: string;
  onChange: (value: string) => void;
  focused: boolean;
  /** Cells the field takes. */
  width: number;
  placeholder?: string;
  /** Show this character instead of each character of the value (secrets). */
  mask?: string;
}

/** Control characters never go into a one-line field (line breaks and tabs become spaces). */
function clean(s: string): string {
  return s.replace(/\r\n|[\r\n\t]/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
}

/**
 * `next` is `base` with one edit; the same edit applied to `current` (what the value became
 * through keys the package had not seen yet). Edits are at or near the end while typing fast.
 */
export function rebaseEdit(base: string, next: string, current: string): string {
  let p = 0;
  while (p < base.length && p < next.length && base[p] === next[p]) p++;
  let s = 0;
  while (s < base.length - p && s < next.length - p && base[base.length - 1 - s] === next[next.length - 1 - s]) s++;
  const removed = base.length - p - s;
  const inserted = next.slice(p, next.length - s);
  const at = Math.max(current.length - s - removed, 0);
  return current.slice(0, at) + inserted + current.slice(current.length - s);
}

/** Keys the field hands on to the screen instead of editing with them. */
function passesOn(key: KeyEvent): boolean {
  return key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown || key.ctrl || key.meta;
}

export function Field({ value, onChange, focused, width, placeholder, mask }: FieldProps): React.ReactElement {
  const t = useTheme();
  const registry = useContext(KeyRegistryContext);
  const scopeActive = useContext(KeyScopeContext);
  const active = focused && scopeActive;
  // The newest value, ahead of the props while keys come faster than renders.
  const latest = useRef(value);
  const rendered = useRef(value);
  // A value set from outside (not typed here, e.g. history): the cursor goes to its end.
  const outside = useRef(0);
  if (rendered.current !== value) {
    if (value !== latest.current) outside.current++;
    rendered.current = value;
    latest.current = value;
  }
  // A new key remounts the package's input, which puts its cursor at the end.
  const [cursorGen, setCursorGen] = useState(0);
  const swallow = useRef(false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const set = useCallback((v: string) => {
    latest.current = v;
    onChangeRef.current(v);
  }, []);

  /** Ctrl+E/End (cursor to the end), Ctrl+U (clear), Ctrl+W (erase the last word); false for other keys. */
  const edit = useCallback(
    (input: string, key: KeyEvent): boolean => {
      const ctrl = key.ctrl && (input === 'e' || input === 'u' || input === 'w');
      if (!ctrl && !(key.end && input === '')) return false;
      if (key.ctrl && input === 'u') set('');
      else if (key.ctrl && input === 'w') set(latest.current.replace(/\S*\s*$/, ''));
      setCursorGen((g) => g + 1);
      return true;
    },
    [set],
  );

  // Registered before the package's own reader (an earlier sibling, a handler that never
  // changes), so it sees each key first and decides whether the package's change counts.
  const guard = useCallback(
    (input: string, key: KeyEvent) => {
      const presses = splitKeys(input, key, true);
      // Keys before this one still being worked through (a Tab that moves the focus, say): it
      // queues behind them and goes to the field focused then, see useKeyInput.
      const pending = registry?.keysPending() ?? false;
      if (!pending && presses.length === 1 && !passesOn(key)) {
        swallow.current = false;
        if (key.end) setCursorGen((g) => g + 1);
        return;
      }
      // Not text (or a burst of several keys, or keys behind pending ones): the package must not
      // insert it; the shell's queue takes the keys one by one (text and editing keys come back
      // through insert() and edit()). The package moves its cursor even when its change is
      // refused: a remount puts it back at the end.
      swallow.current = true;
      setCursorGen((g) => g + 1);
      if (!pending && presses.length === 1 && edit(input, key)) return;
      registry?.passKeys(presses);
    },
    [registry, edit],
  );

  useLayoutEffect(() => {
    if (!active || !registry) return;
    return registry.focusField({
      insert: (text) => {
        set(latest.current + clean(text));
        setCursorGen((g) => g + 1);
      },
      edit,
    });
  }, [active, registry, set, edit]);

  // The package (re)subscribes to keys in a passive effect after each render; see EffectFlush.
  const flushPending = useRef(false);
  flushPending.current = true;

  const w = Math.max(width, 4);
  const shown = mask ? mask.repeat([...value].length) : value;
  if (!active) {
    if (shown === '') return <Text {...t.muted}>{truncate(placeholder ?? '', w)}</Text>;
    return <Text>{truncate(shown, w)}</Text>;
  }
  const textW = (shown === '' ? cellWidth(placeholder ?? '') : cellWidth(shown)) + 1;
  const handleChange = (next: string) => {
    if (swallow.current) return;
    // `value` is what the package saw; `latest` may be further on.
    const base = value;
    const out = clean(latest.current === base ? next : rebaseEdit(base, next, latest.current));
    if (latest.current !== base || out !== next) setCursorGen((g) => g + 1);
    set(out);
  };
  return (
    <Box width={w} overflow="hidden" justifyContent={textW > w ? 'flex-end' : 'flex-start'}>
      <Box width={textW} flexShrink={0}>
        <KeyGuard onKey={guard} />
        <EffectFlush pending={flushPending} />
        <InkTextInput key={`${cursorGen}:${outside.current}`} value={value} onChange={handleChange} focus placeholder={placeholder} mask={mask} />
      </Box>
    </Box>
  );
}

/**
 * Ink renders in React's legacy mode, where passive effects (useInput's subscription to keys)
 * run some time after a render. A key arriving before that would reach the package's previous
 * handler, with its previous value and cursor (keys typed fast, or just after the field opened,
 * landed out of order). A state change of this small component in a layout effect makes React
 * run the pending passive effects at once, before any other key is read; it re-renders only
 * itself, so it does this once per render of the field.
 */
function EffectFlush({ pending }: { pending: React.MutableRefObject<boolean> }): null {
  const [, setN] = useState(0);
  // Runs after every commit of this component; the ref stops the chain after one extra render.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    if (!pending.current) return;
    pending.current = false;
    setN((n) => n + 1);
  });
  return null;
}

function KeyGuard({ onKey }: { onKey: (input: string, key: KeyEvent) => void }): null {
  useInput(onKey);
  return null;
}
