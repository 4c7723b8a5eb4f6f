/**
 * Keyboard dispatch. The shell owns the only Ink `useInput`; screens, dialogs
 * and forms register *layers* with `useKeys()`. A key goes to the layers from
 * the top down:
 *
 *   level 'overlay' (help, quit dialog) > 'modal' (forms, dialogs) > 'screen'
 *
 * and, within a level, the layer mounted last wins. In each layer, the first
 * binding whose key matches runs; otherwise the layer's `onText` (a focused
 * text field) may take the key; otherwise, if the layer `captures`, the key
 * stops there. A key no layer took goes to the shell's global keys.
 *
 * A layer inside a tab obeys that tab's `active` flag through KeyScope, so a
 * hidden tab never sees keys. The footer and the help overlay read the same
 * layers (see useKeyLayers), so they always show exactly what is handled.
 *
 * While a single-line `Field` (ink-text-input) has the focus, the shell's
 * reader is inactive (useInput's isActive): the field reads the typed text
 * itself and passes the other keys (Enter, Esc, Tab, ↑/↓, Ctrl+…) back to the
 * layers through `passKeys`. See components/Field.tsx.
 */
import React, { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useInput, useStdin } from 'ink';
import { NO_KEY, isSpecialKey, matches, type KeyDef, type KeyEvent } from './keymap.js';
import { CommitProbe, type CommitProbeHandle } from './commit-probe.js';

export type LayerLevel = 'screen' | 'modal' | 'overlay';

const LEVEL_RANK: Record<LayerLevel, number> = { screen: 1, modal: 2, overlay: 3 };

export interface Binding {
  def: KeyDef;
  /** Gets the key that matched (some definitions have several keys). */
  run: (input: string, key: KeyEvent) => void;
  /** false = not available now (neither handled nor shown). Default true. */
  when?: boolean;
  /** false = handled and listed in help, but left out of the footer. */
  footer?: boolean;
  /** Replaces the definition's label in the footer (e.g. "Enable" vs "Disable"). */
  label?: string;
  /** Replaces the definition's help text in the help overlay. */
  help?: string;
}

export interface LayerSpec {
  /** Section title in the help overlay. */
  title: string;
  level?: LayerLevel;
  bindings: Binding[];
  /** Text entry: gets keys no binding took; return true when it used the key. */
  onText?: (input: string, key: KeyEvent) => boolean;
  /** Stop keys at this layer even when nothing used them. Default: true for modal and overlay. */
  capture?: boolean;
  /** Default true. */
  active?: boolean;
}

interface LayerEntry {
  seq: number;
  spec: LayerSpec;
  scopeActive: boolean;
}

/** A focused single-line field (components/Field.tsx). */
export interface FocusedField {
  /** Text typed before the field had the focus but handled after it got it (a burst): goes at the end. */
  insert(text: string): void;
  /** A key that edits the field's text (Ctrl+U, Ctrl+W, End, ...) taken from the queue; true when it did. */
  edit(input: string, key: KeyEvent): boolean;
}

export class KeyRegistry {
  private layers = new Set<LayerEntry>();
  private fields: FocusedField[] = [];
  /** Set by the app's key reader (useKeyInput): queues key presses for it, in order. */
  passKeys: (presses: KeyPress[]) => void = () => undefined;
  /**
   * Whether the app's key reader still works through keys: one it handled has not reached the
   * screen yet, or more wait. A field then queues typed text behind them instead of taking it
   * (the text belongs to whatever field those keys focus).
   */
  keysPending: () => boolean = () => false;
  private handledWaiters: Array<() => void> = [];

  /** Resolves once the key reader has worked through every key it has read (now, if it has). */
  whenKeysHandled(): Promise<void> {
    if (!this.keysPending()) return Promise.resolve();
    return new Promise((resolve) => this.handledWaiters.push(resolve));
  }

  /** Said by the key reader when it has no key left to work through. */
  keysHandled(): void {
    for (const resolve of this.handledWaiters.splice(0)) resolve();
  }
  private seq = 0;
  private version = 0;
  private listeners = new Set<() => void>();

  add(entry: Omit<LayerEntry, 'seq'>): LayerEntry {
    const e = { ...entry, seq: ++this.seq };
    this.layers.add(e);
    this.changed();
    return e;
  }

  remove(e: LayerEntry): void {
    this.layers.delete(e);
    this.changed();
  }

  changed = (): void => {
    this.version++;
    for (const l of this.listeners) l();
  };

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getVersion = (): number => this.version;

  /** A field took the focus; the returned function gives it back. The newest focused field gets the text. */
  focusField(f: FocusedField): () => void {
    this.fields.push(f);
    this.changed();
    return () => {
      this.fields = this.fields.filter((x) => x !== f);
      this.changed();
    };
  }

  focusedField = (): FocusedField | null => this.fields[this.fields.length - 1] ?? null;

  hasFocusedField = (): boolean => this.fields.length > 0;

  /** Active layers from the top down, ending at (and including) the first that captures. */
  reachable(): LayerSpec[] {
    const active = [...this.layers]
      .filter((e) => e.scopeActive && e.spec.active !== false)
      .sort((a, b) => LEVEL_RANK[b.spec.level ?? 'screen'] - LEVEL_RANK[a.spec.level ?? 'screen'] || b.seq - a.seq);
    const out: LayerSpec[] = [];
    for (const e of active) {
      out.push(e.spec);
      if (captures(e.spec)) break;
    }
    return out;
  }

  /** True when a capturing layer keeps keys from the global bindings. */
  blocksGlobal(): boolean {
    const r = this.reachable();
    return r.length > 0 && captures(r[r.length - 1]!);
  }

  /**
   * Offer one key to the layers: 'handled' when a binding or a text field
   * used it, 'captured' when a capturing layer stopped it unused, else
   * 'unhandled' (the shell's global keys may take it).
   */
  dispatch(input: string, key: KeyEvent): 'handled' | 'captured' | 'unhandled' {
    for (const spec of this.reachable()) {
      for (const b of spec.bindings) {
        if (b.when === false) continue;
        if (matches(b.def, input, key)) {
          b.run(input, key);
          return 'handled';
        }
      }
      if (spec.onText && spec.onText(input, key)) return 'handled';
      if (captures(spec)) return 'captured';
    }
    return 'unhandled';
  }

  /** Whether the top reachable layer takes text (used to keep pasted text together). */
  topTakesText(): boolean {
    const top = this.reachable()[0];
    return !!top?.onText;
  }
}

function captures(spec: LayerSpec): boolean {
  return spec.capture ?? (spec.level === 'modal' || spec.level === 'overlay');
}

export const KeyRegistryContext = createContext<KeyRegistry | null>(null);

/** Provided by the shell around each tab: false while the tab is hidden. */
export const KeyScopeContext = createContext<boolean>(true);

export function KeyScope({ active, children }: { active: boolean; children: React.ReactNode }): React.ReactElement {
  const parent = useContext(KeyScopeContext);
  return <KeyScopeContext.Provider value={parent && active}>{children}</KeyScopeContext.Provider>;
}

/**
 * Register a key layer for as long as the component is mounted. The spec may
 * change on every render; the newest one is used.
 */
export function useKeys(spec: LayerSpec): void {
  const registry = useContext(KeyRegistryContext);
  const scopeActive = useContext(KeyScopeContext);
  const entryRef = useRef<LayerEntry | null>(null);
  if (entryRef.current) {
    entryRef.current.spec = spec;
    entryRef.current.scopeActive = scopeActive;
  }
  // Layout effects, so the footer changes in the same frame as the screen.
  useLayoutEffect(() => {
    if (!registry) return;
    const e = registry.add({ spec, scopeActive });
    entryRef.current = e;
    return () => {
      registry.remove(e);
      entryRef.current = null;
    };
    // Registered once per mount; later specs are written into the entry above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [registry]);
  // Tell the footer when what it shows may have changed.
  const signature = `${scopeActive}|${spec.active !== false}|${spec.level}|${spec.title}|${spec.bindings
    .filter((b) => b.when !== false)
    .map((b) => `${b.def.keys.join(',')}:${b.label ?? b.def.label}:${b.footer !== false}`)
    .join(';')}`;
  useLayoutEffect(() => {
    registry?.changed();
  }, [registry, signature]);
}

/** The reachable layers, re-read whenever a layer changes (for the footer and the help). */
export function useKeyLayers(): { layers: LayerSpec[]; blocksGlobal: boolean } {
  const registry = useContext(KeyRegistryContext);
  const version = useSyncExternalStore(registry?.subscribe ?? noopSubscribe, registry?.getVersion ?? zero);
  return useMemo(
    () => ({ layers: registry?.reachable() ?? [], blocksGlobal: registry?.blocksGlobal() ?? false }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [registry, version],
  );
}

const noopSubscribe = () => () => undefined;
const zero = () => 0;

// ---------------------------------------------------------------- reading keys

/**
 * The app's one reader of typed keys (the full TUI's shell, the standalone debugger): gives the
 * key presses to `handle` one at a time, and the next only after React has committed what the
 * previous one changed, so each key sees the screen (and the form values) the previous one
 * produced. Ink may deliver several keys in one go: fast typing, typing ahead over a slow link,
 * tmux send-keys, a paste.
 *
 * React renders the updates a key makes from a scheduled task, and under load that task can run
 * after a timer set at the same moment: "E2E" and Enter in one read then submitted the form
 * before it held "E2E"; a Tab and the text after it put the text in the field the Tab left. So
 * after each key the reader makes an update of its own in a small probe component (same priority
 * as the key's updates, so React renders them in the same pass) and takes the next key when the
 * probe's layout effect says that pass is committed; meanwhile a focused field queues what is
 * typed behind it (`keysPending`).
 * Render the returned element anywhere in the app.
 */
export function useKeyInput(registry: KeyRegistry, handle: (input: string, key: KeyEvent) => void): React.ReactElement {
  const handleRef = useRef(handle);
  handleRef.current = handle;
  const queue = useRef<KeyPress[]>([]);
  const draining = useRef(false);
  const probe = useRef<CommitProbeHandle>({ request: null });
  const drain = useCallback(() => {
    const idle = () => {
      draining.current = false;
      registry.keysHandled();
    };
    const next = queue.current.shift();
    if (!next) return idle();
    // Text of a burst that opened a field on the way (e.g. "/abc"), or typed behind keys still
    // being worked through: the field focused now takes it, and its editing keys.
    const field = registry.focusedField();
    if (field && isTextPress(next)) field.insert(next.input);
    else if (!field?.edit(next.input, next.key)) handleRef.current(next.input, next.key);
    // The next key after the commit; a timer also lets passive effects (ink-text-input's
    // subscription to keys) run first. Without a mounted probe: a timer only.
    const request = probe.current.request;
    if (!request) setTimeout(drain, 0);
    else request(() => (queue.current.length > 0 ? void setTimeout(drain, 0) : idle()));
  }, [registry]);
  const push = useCallback(
    (presses: KeyPress[]) => {
      queue.current.push(...presses);
      if (!draining.current) {
        draining.current = true;
        drain();
      }
    },
    [drain],
  );
  registry.passKeys = push;
  registry.keysPending = () => draining.current;
  // While a Field has the focus it reads the keys (and passes on what is not text).
  const fieldFocused = useSyncExternalStore(registry.subscribe, registry.hasFocusedField);
  useInput((input, key) => push(splitKeys(input, key, registry.topTakesText() || registry.hasFocusedField())), { isActive: !fieldFocused });
  // Raw mode for as long as the reader lives: Ink counts the readers that want it and drops to the
  // terminal's line mode when none does, which happened each time a field handed the keys back
  // (its reader gone, this one not yet back); a key typed then arrived cooked (Enter as a newline).
  const { setRawMode, isRawModeSupported } = useStdin();
  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isRawModeSupported, setRawMode]);
  // useInput (re)subscribes in a passive effect, which Ink's legacy-mode React runs some time
  // after the frame is drawn: a key sent on seeing the frame where a field closed (Enter right
  // after a dialog saved) reached no reader and was lost. A state change in a layout effect
  // makes React run the pending passive effects at once, before another key can be read.
  const [, flushEffects] = useState(0);
  const seenFocus = useRef(fieldFocused);
  useLayoutEffect(() => {
    if (seenFocus.current === fieldFocused) return;
    seenFocus.current = fieldFocused;
    flushEffects((n) => n + 1);
  }, [fieldFocused]);
  return <CommitProbe handle={probe.current} />;
}

/** Printable text (not a special key). */
export function isTextPress(p: KeyPress): boolean {
  return p.input !== '' && !isSpecialKey(p.key) && !p.key.meta;
}

// ---------------------------------------------------------------- splitting input

export interface KeyPress {
  input: string;
  key: KeyEvent;
}

/**
 * Ink delivers a burst of typed characters (fast typing, tmux send-keys, a
 * paste) as one event. Split it into key presses; printable runs stay together
 * when `keepText` so a paste goes into a text field in one piece.
 */
export function splitKeys(input: string, key: KeyEvent, keepText: boolean): KeyPress[] {
  // Esc and a letter in one read arrive as Alt+letter; no key here uses Alt, so it was Esc, then the letter.
  if (key.meta && !key.escape && !isSpecialKey(key) && [...input].length === 1) {
    return [{ input: '', key: { ...NO_KEY, escape: true, meta: true } }, { input, key: { ...key, meta: false } }];
  }
  if (input.length <= 1 || isSpecialKey(key) || input.startsWith('\u001b')) return [{ input, key }];
  const out: KeyPress[] = [];
  let run = '';
  const flush = () => {
    if (run === '') return;
    if (keepText) out.push({ input: run, key: NO_KEY });
    else for (const ch of run) out.push({ input: ch, key: { ...NO_KEY, shift: /[A-Z]/.test(ch) } });
    run = '';
  };
  for (const ch of input) {
    const c = ch.codePointAt(0)!;
    if (c >= 32 && c !== 127) {
      run += ch;
      continue;
    }
    flush();
    if (ch === '\r' || ch === '\n') out.push({ input: '', key: { ...NO_KEY, return: true } });
    else if (ch === '\t') out.push({ input: '', key: { ...NO_KEY, tab: true } });
    else if (c === 127) out.push({ input: '', key: { ...NO_KEY, delete: true } });
    else if (c === 8) out.push({ input: '', key: { ...NO_KEY, backspace: true } });
    else if (c >= 1 && c <= 26) out.push({ input: String.fromCharCode(c + 96), key: { ...NO_KEY, ctrl: true } });
  }
  flush();
  return out;
}
