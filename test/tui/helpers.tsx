// Helpers for TUI component tests: a real store in a temp dir, the real shell (or one tab in the
// parts of the shell it needs), typed keys.
import React, { useMemo } from 'react';
import { render } from 'ink-testing-library';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import { App, type AppProps } from '../../src/screens/shell.js';
import { StoreBridge, StoreContext } from '../../src/tui/hooks.js';
import { KeyRegistry, KeyRegistryContext, useKeyInput } from '../../src/tui/keys.js';
import { ThemeContext, makeTheme } from '../../src/tui/theme.js';
import { UnsavedContext, UnsavedRegistry, type EditOutcome, type TuiServices } from '../../src/tui/services.js';

export const KEY = {
  enter: '\r',
  esc: '\u001b',
  tab: '\t',
  shiftTab: '\u001b[Z',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  backspace: '\u007f',
  ctrlC: '\u0003',
  ctrlS: '\u0013',
  ctrlU: '\u0015',
  space: ' ',
  pageDown: '\u001b[6~',
  pageUp: '\u001b[5~',
} as const;

export const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

export interface TempStore {
  store: Store;
  dir: string;
  cleanup(): void;
}

export async function tempStore(seed = true): Promise<TempStore> {
  const root = mkdtempSync(join(tmpdir(), 'crms-tui-'));
  const dir = join(root, 'data');
  const store = await Store.open(dir, { seed });
  return {
    store,
    dir,
    cleanup() {
      store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A fake $EDITOR: each call returns the next outcome (and records the text it was given). */
export function fakeEditor(outcomes: Array<EditOutcome | ((text: string) => EditOutcome)>) {
  const seen: string[] = [];
  const editText = async (text: string): Promise<EditOutcome> => {
    seen.push(text);
    const next = outcomes.shift();
    if (!next) return { kind: 'unchanged' };
    return typeof next === 'function' ? next(text) : next;
  };
  return { editText, seen };
}

export function renderApp(props: Partial<AppProps> & { store: Store }) {
  const onExit = props.onExit ?? (() => undefined);
  const r = render(<App size={{ width: 100, height: 30 }} noColor services={{ user: 'tester', ...props.services }} {...props} onExit={onExit} />);
  const frame = () => r.lastFrame() ?? '';
  /** Type keys one at a time, letting the app settle after each. */
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await tick();
    }
  };
  /** Type text (each character is a key). */
  const type = async (text: string) => {
    for (const ch of text) {
      r.stdin.write(ch);
      await tick(5);
    }
    await tick();
  };
  /** Wait until the frame contains `text` (or fail after `ms`). */
  const waitFor = async (text: string | RegExp, ms = 5000) => {
    const until = Date.now() + ms;
    for (;;) {
      const f = frame();
      if (typeof text === 'string' ? f.includes(text) : text.test(f)) return f;
      if (Date.now() > until) throw new Error(`Timed out waiting for ${String(text)}; the screen is:\n${f}`);
      await tick(20);
    }
  };
  return { ...r, frame, press, type, waitFor };
}

/** The app's key reader (as the shell has it), without the shell's global keys. */
function Keys({ registry }: { registry: KeyRegistry }): null {
  useKeyInput(registry, (input, key) => void registry.dispatch(input, key));
  return null;
}

function TabHarness({ store, tab, onFlash }: { store: Store; tab: (tui: TuiServices) => React.ReactElement; onFlash: (text: string) => void }): React.ReactElement {
  const bridge = useMemo(() => new StoreBridge(store), [store]);
  const registry = useMemo(() => new KeyRegistry(), []);
  const unsaved = useMemo(() => new UnsavedRegistry(), []);
  const tui: TuiServices = useMemo(
    () => ({ flash: (text) => onFlash(text), editText: async () => ({ kind: 'unchanged' }), user: 'tester', dataDir: store.dataDir }),
    [store, onFlash],
  );
  return (
    <ThemeContext.Provider value={makeTheme(true)}>
      <StoreContext.Provider value={bridge}>
        <KeyRegistryContext.Provider value={registry}>
          <UnsavedContext.Provider value={unsaved}>
            <Keys registry={registry} />
            {tab(tui)}
          </UnsavedContext.Provider>
        </KeyRegistryContext.Provider>
      </StoreContext.Provider>
    </ThemeContext.Provider>
  );
}

/**
 * Renders one tab without the shell, in what the shell would give it (store bridge, key registry,
 * theme without colour, unsaved-work registry); keys typed go through the registry, flashes to
 * `onFlash`.
 */
export async function renderTab(store: Store, tab: (tui: TuiServices) => React.ReactElement, onFlash: (text: string) => void) {
  const app = render(<TabHarness store={store} tab={tab} onFlash={onFlash} />);
  await tick(30);
  /** Type keys one at a time, letting the tab settle after each. */
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      app.stdin.write(k);
      await tick(30);
    }
  };
  const frame = () => app.lastFrame() ?? '';
  /** Wait until the frame shows `text` (or fail after `ms`). */
  const until = async (text: string | RegExp, ms = 10_000) => {
    const end = Date.now() + ms;
    for (;;) {
      const f = frame();
      if (typeof text === 'string' ? f.includes(text) : text.test(f)) {
        await tick(60); // key layers register in an effect just after the frame is drawn
        return frame();
      }
      if (Date.now() > end) throw new Error(`"${String(text)}" did not appear; the screen is:\n${f}`);
      await tick(50);
    }
  };
  return { app, press, frame, until };
}
