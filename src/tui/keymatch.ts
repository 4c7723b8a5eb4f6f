/**
 * Matching key presses against the key map's notations (see keymap.ts), and showing them:
 * `matches(def, input, key)`, `displayKeys(def)`, function keys read from the raw sequence.
 */
import type { Key } from 'ink';
export interface KeyDef {
  /** Key notations, the first one is the main key. */
  keys: readonly string[];
  /** Short label for the footer. */
  label: string;
  /** Longer description for the help overlay (defaults to the label). */
  help?: string;
}

/**
 * Ink's useInput reports function keys without saying which one; screens that use them read the
 * raw key sequence (useStdin's input events) and map it here to a notation, or null.
 */
export function functionKeyNotation(raw: string): string | null {
  // xterm/tmux: CSI 15~ (F5), 17~ (F6), 20~ (F9), 21~ (F10), 23~ (F11); ";2" = with Shift. Linux console: CSI [E = F5.
  const m = /^\u001b\[(\d+)(?:;(\d+))?~$/.exec(raw);
  const names: Record<string, string> = { '15': 'f5', '17': 'f6', '20': 'f9', '21': 'f10', '23': 'f11' };
  if (m) {
    const name = names[m[1]!];
    if (!name) return null;
    const mod = m[2] ? Number(m[2]) - 1 : 0;
    if (mod === 0) return name;
    if (mod === 1) return `shift+${name}`;
    return null;
  }
  if (raw === '\u001b[[E') return 'f5';
  return null;
}

/** The parts of an Ink key event we look at. */
export type KeyEvent = Pick<Key, 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'ctrl' | 'shift' | 'tab' | 'backspace' | 'delete' | 'meta'>;

export const NO_KEY: KeyEvent = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageUp: false,
  pageDown: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
};

/** True when the key event is a special (non-printing) key. */
export function isSpecialKey(key: KeyEvent): boolean {
  return (
    key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end ||
    key.return || key.escape || key.tab || key.backspace || key.delete || key.ctrl
  );
}

/** Does one key notation match the event? */
export function matchKey(notation: string, input: string, key: KeyEvent): boolean {
  switch (notation) {
    case 'enter':
      return key.return;
    case 'esc':
      return key.escape;
    case 'tab':
      return key.tab && !key.shift;
    case 'shift+tab':
      return key.tab && key.shift;
    case 'up':
      return key.upArrow && !key.ctrl;
    case 'down':
      return key.downArrow && !key.ctrl;
    case 'left':
      return key.leftArrow && !key.ctrl;
    case 'right':
      return key.rightArrow && !key.ctrl;
    case 'pgup':
      return key.pageUp;
    case 'pgdn':
      return key.pageDown;
    case 'home':
      return key.home;
    case 'end':
      return key.end;
    case 'space':
      return input === ' ' && !key.ctrl;
    case 'backspace':
      // Ink reports the usual Backspace byte (0x7f) as "delete".
      return key.backspace || key.delete;
  }
  if (notation.startsWith('ctrl+')) return key.ctrl && input === notation.slice(5);
  if (notation.length === 1) return input === notation && !key.ctrl && !isSpecialKey(key);
  return false;
}

export function matches(d: KeyDef, input: string, key: KeyEvent): boolean {
  return d.keys.some((k) => matchKey(k, input, key));
}

const DISPLAY: Record<string, string> = {
  enter: 'Enter',
  esc: 'Esc',
  tab: 'Tab',
  'shift+tab': 'S-Tab',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pgup: 'PgUp',
  pgdn: 'PgDn',
  home: 'Home',
  end: 'End',
  space: 'Space',
  backspace: 'Bksp',
  f5: 'F5',
  f6: 'F6',
  f9: 'F9',
  f10: 'F10',
  f11: 'F11',
  'shift+f11': 'S-F11',
};

export function displayKey(notation: string): string {
  if (DISPLAY[notation]) return DISPLAY[notation];
  if (notation.startsWith('ctrl+')) return `^${notation.slice(5).toUpperCase()}`;
  return notation;
}

/** "↑/k" — every key of a definition. */
export function displayKeys(d: KeyDef): string {
  return d.keys.map(displayKey).join('/');
}

/** The main key only, for the footer. */
export function displayMainKey(d: KeyDef): string {
  return displayKey(d.keys[0]!);
}
