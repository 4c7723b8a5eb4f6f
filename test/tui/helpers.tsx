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
import { Footer } from '../../src/tui/components/Footer.js';
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

/**
 * Lets the app settle without waiting for the clock: a few turns of the event loop, in which React
 * runs its effects (key layers register there) and promises already resolved go on.
 */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}

/** What ink-testing-library gives of the frames it was written. */
interface FrameSource {
  frames: string[];
  lastFrame(): string | undefined;
  stdout: { write(frame: string): void };
}

export type FrameTest = string | RegExp | ((frame: string) => boolean);

function frameTest(t: FrameTest): (frame: string) => boolean {
  if (typeof t === 'string') return (f) => f.includes(t);
  if (t instanceof RegExp) return (f) => new RegExp(t.source, t.flags.replace('g', '')).test(f);
  return t;
}

/**
 * Waits on the frames the app writes, not on the clock: `waitFor(test)` checks the frame on the
 * screen and every frame written since the previous check, again on each new frame, and resolves
 * with the first that passes (so a line shown only briefly is not missed); it fails after `ms`
 * with the screen as it is then. `waitForNo` waits until a frame no longer passes.
 */
export function frameWaiter(r: FrameSource) {
  const listeners = new Set<() => void>();
  const write = r.stdout.write;
  r.stdout.write = (f: string) => {
    write(f);
    for (const l of [...listeners]) l();
  };
  const frame = () => r.lastFrame() ?? '';
  let checked = r.frames.length;
  const waitFor = (t: FrameTest, ms = 20_000): Promise<string> => {
    const test = frameTest(t);
    return new Promise<string>((resolve, reject) => {
      const check = (): boolean => {
        const frames = r.frames;
        let hit: string | null = test(frame()) ? frame() : null;
        for (; checked < frames.length; checked++) if (hit === null && test(frames[checked])) hit = frames[checked];
        checked = frames.length;
        if (hit === null) return false;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(hit);
        return true;
      };
      const timer = setTimeout(() => {
        if (check()) return;
        listeners.delete(check);
        reject(new Error(`Timed out waiting for ${String(t)}; the screen is:\n${frame()}`));
      }, ms);
      if (!check()) listeners.add(check);
    });
  };
  const waitForNo = (t: FrameTest, ms = 20_000): Promise<string> => {
    const test = frameTest(t);
    return waitFor((f) => !test(f), ms);
  };
  return { frame, waitFor, waitForNo };
}

export interface TempStore {
  store: Store;
  dir: string;
  /** Closes the store (waiting for its writes in flight) and removes its directory. */
  cleanup(): Promise<void>;
}

export async function tempStore(seed = true): Promise<TempStore> {
  const root = mkdtempSync(join(tmpdir(), 'crms-tui-'));
  const dir = join(root, 'data');
  const store = await Store.open(dir, { seed });
  return {
    store,
    dir,
    async cleanup() {
      await store.close();
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
  const keyRegistry = props.keyRegistry ?? new KeyRegistry();
  const r = render(<App size={{ width: 100, height: 30 }} noColor services={{ user: 'tester', ...props.services }} {...props} keyRegistry={keyRegistry} onExit={onExit} />);
  const { frame, waitFor, waitForNo } = frameWaiter(r);
  /** Type keys one at a time, each handled (and on the screen) before the next, as a person does. */
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await settle();
      await keyRegistry.whenKeysHandled();
    }
  };
  /** Type text (each character is a key). */
  const type = async (text: string) => {
    for (const ch of text) {
      r.stdin.write(ch);
      await settle(1);
    }
    await keyRegistry.whenKeysHandled();
    await settle();
  };
  return { ...r, frame, press, type, waitFor, waitForNo };
}

/** The app's key reader (as the shell has it), without the shell's global keys. */
function Keys({ registry }: { registry: KeyRegistry }): React.ReactElement {
  return useKeyInput(registry, (input, key) => void registry.dispatch(input, key));
}

function TabHarness({ store, tab, onFlash, footerWidth, registry }: { store: Store; tab: (tui: TuiServices) => React.ReactElement; onFlash: (text: string) => void; footerWidth?: number; registry: KeyRegistry }): React.ReactElement {
  const bridge = useMemo(() => new StoreBridge(store), [store]);
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
            {footerWidth ? <Footer width={footerWidth} message={null} tone="info" /> : null}
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
export async function renderTab(store: Store, tab: (tui: TuiServices) => React.ReactElement, onFlash: (text: string) => void, opts: { footerWidth?: number } = {}) {
  const registry = new KeyRegistry();
  const app = render(<TabHarness store={store} tab={tab} onFlash={onFlash} footerWidth={opts.footerWidth} registry={registry} />);
  const { frame, waitFor } = frameWaiter(app);
  await settle();
  /** Type keys one at a time, letting the tab settle after each. */
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      app.stdin.write(k);
      await settle();
      await registry.whenKeysHandled();
    }
  };
  /** Wait until the frame shows `text` (or fail after `ms`). */
  const until = async (text: FrameTest, ms = 10_000) => {
    await waitFor(text, ms);
    await settle(); // key layers register in an effect just after the frame is drawn
    return frame();
  };
  return { app, press, frame, until };
}
