/** Hooks shared by the shell and the screens. */
import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useStdout } from 'ink';
import type { Store } from '../store/store.js';
import type { StoreData } from '../store/schema.js';
import type { FlashKind, Size } from './services.js';

export type { Size } from './services.js';

/** The terminal size, updated on resize. `override` wins (tests). */
export function useTerminalSize(override?: Size): Size {
  const { stdout } = useStdout();
  const read = (): Size => ({ width: stdout.columns || 80, height: stdout.rows || 24 });
  const [size, setSize] = useState<Size>(read);
  useEffect(() => {
    if (override) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stdout, override]);
  return override ?? size;
}

// ---------------------------------------------------------------- the store

/**
 * Connects React to the store: subscribers hear about changes made by this
 * process (after update()) and by other processes (store.watch).
 */
export class StoreBridge {
  private listeners = new Set<() => void>();
  private stopWatch: (() => void) | null = null;

  constructor(readonly store: Store) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.stopWatch) this.stopWatch = this.store.watch(this.notify);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.stopWatch) {
        this.stopWatch();
        this.stopWatch = null;
      }
    };
  };

  getSnapshot = (): StoreData => this.store.read();

  notify = (): void => {
    for (const l of [...this.listeners]) l();
  };

  /** store.update(), then re-render at once (the file watch would take a moment). */
  async update<T>(fn: (d: StoreData) => T): Promise<T> {
    try {
      return await this.store.update(fn);
    } finally {
      this.notify();
    }
  }

  close(): void {
    this.stopWatch?.();
    this.stopWatch = null;
  }
}

export const StoreContext = createContext<StoreBridge | null>(null);

export function useStoreBridge(): StoreBridge {
  const b = useContext(StoreContext);
  if (!b) throw new Error('useStoreBridge() is used outside the TUI shell.');
  return b;
}

/** The current store document; re-renders when it changes (in this or another process). */
export function useStoreData(): StoreData {
  const b = useStoreBridge();
  return useSyncExternalStore(b.subscribe, b.getSnapshot);
}

// ---------------------------------------------------------------- time

/** Re-render every `ms` while `enabled`; returns the current time. */
export function useNow(ms: number, enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms, enabled]);
  return now;
}

/**
 * The status line's message: flash() shows one for 5 s (an error for 12 s) in place of the one
 * before; null when there is none.
 */
export function useFlash(): [{ text: string; kind: FlashKind } | null, (text: string, kind?: FlashKind) => void] {
  const [message, setMessage] = useState<{ text: string; kind: FlashKind } | null>(null);
  const timer = useRef<NodeJS.Timeout | null>(null);
  const flash = useCallback((text: string, kind: FlashKind = 'info') => {
    setMessage({ text, kind });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(null), kind === 'error' ? 12_000 : 5000);
    timer.current.unref?.();
  }, []);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return [message, flash];
}

/** The latest value in a ref (for callbacks that outlive a render). */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
