/**
 * What the shell offers every screen: the tab props contract, messages in the
 * status line, the external editor, and "something is unsaved" tracking for
 * the quit question.
 */
import { createContext, useContext, useEffect, useId, type ComponentType } from 'react';
import type { Store } from '../store/store.js';

export type FlashKind = 'info' | 'success' | 'error';

/** A terminal size in cells. */
export interface Size {
  width: number;
  height: number;
}

export type EditOutcome =
  | { kind: 'changed'; text: string }
  | { kind: 'unchanged' }
  | { kind: 'failed'; message: string };

export interface TuiServices {
  /** Show a one-line message in the status line (errors stay longer). */
  flash(text: string, kind?: FlashKind): void;
  /**
   * Open `text` in $VISUAL/$EDITOR (fallback vi) with the TUI suspended; the
   * file gets `fileName` as its name so editors pick a mode from the suffix.
   */
  editText(text: string, fileName: string): Promise<EditOutcome>;
  /** Who runs things from this TUI (recorded with runs and traces). */
  user: string;
  /** The data directory shown in the header. */
  dataDir: string;
}

/**
 * The contract of a tab: one component that receives these props.
 * - `store`: the open store. Read with useStoreData() (re-renders on changes,
 *   including other processes'), write with useStoreBridge().update(fn).
 * - `active`: the tab is shown. Hidden tabs stay mounted (they keep their
 *   state) but get no keys; stop timers you do not need while hidden.
 * - `size`: the cells between the header and the status line. Draw exactly
 *   within it (height rows, width columns).
 * - `tui`: shell services.
 * Keys: call useKeys({ title, bindings }) with definitions from keymap.ts; the
 * footer and the help overlay pick them up. Mark unsaved work with
 * useUnsaved() so "q" asks before quitting.
 */
export interface TabProps {
  store: Store;
  active: boolean;
  size: Size;
  tui: TuiServices;
}

export interface TabDefinition {
  id: string;
  /** Full title ("Macros and scripts") and a short one for narrow terminals ("Scripts"). */
  title: string;
  short: string;
  Component: ComponentType<TabProps>;
}

// ---------------------------------------------------------------- contexts

export const ServicesContext = createContext<TuiServices | null>(null);

export function useTui(): TuiServices {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useTui() is used outside the TUI shell.');
  return s;
}

export class UnsavedRegistry {
  private items = new Map<string, string>();
  private listeners = new Set<() => void>();

  set(id: string, what: string | null): void {
    if (what === null) this.items.delete(id);
    else this.items.set(id, what);
    for (const l of this.listeners) l();
  }

  /** Descriptions of the unsaved things, e.g. ["the new script form"]. */
  list(): string[] {
    return [...this.items.values()];
  }

  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

export const UnsavedContext = createContext<UnsavedRegistry | null>(null);

/** While `what` is not null, quitting with "q" asks first and names `what`. */
export function useUnsaved(what: string | null): void {
  const reg = useContext(UnsavedContext);
  const id = useId();
  useEffect(() => {
    reg?.set(id, what);
  }, [reg, id, what]);
  useEffect(() => () => reg?.set(id, null), [reg, id]);
}
