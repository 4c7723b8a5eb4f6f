import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import React, { useState } from 'react';
import { Text } from 'ink';
import { KEY, renderApp, settle, tempStore, type TempStore } from '../tui/helpers.js';
import { useKeys } from '../../src/tui/keys.js';
import type { TabDefinition, TabProps } from '../../src/tui/services.js';

/** Tabs that count their own key presses, to see which tab gets keys and that state survives switching. */
function testTabs(n: number): TabDefinition[] {
  return Array.from({ length: n }, (_, i) => {
    const name = `T${i + 1}`;
    function CountingTab({ active }: TabProps) {
      const [count, setCount] = useState(0);
      useKeys({ title: name, bindings: [{ def: { keys: ['+'], label: `Count ${name}` }, run: () => setCount((c) => c + 1) }] });
      return <Text>{active ? `tab ${name} count ${count}` : ''}</Text>;
    }
    return { id: name, title: `Tab ${name}`, short: name, Component: CountingTab };
  });
}

let ts: TempStore;
afterEach(async () => {
  cleanup();
  await ts?.cleanup();
});

describe('the shell', () => {
  it('shows the five tabs and the demo scripts on first start', async () => {
    ts = await tempStore();
    const app = renderApp({ store: ts.store });
    const f = await app.waitFor('Hello world');
    for (const title of ['1 Macros and scripts', '2 Triggers', '3 Scheduled tasks', '4 Debug sessions', '5 Tracing']) expect(f).toContain(title);
    expect(f).toContain('Failing script');
  });

  it('switches tabs with 1–5, Tab and Shift+Tab, and keeps each tab as it was', async () => {
    ts = await tempStore();
    const app = renderApp({ store: ts.store, tabs: testTabs(5) });
    await app.waitFor('tab T1 count 0');
    await app.press('+', '+'); // tab 1 counts to 2
    await app.press('3');
    await app.waitFor('tab T3 count 0');
    expect(app.frame()).not.toContain('tab T1');
    await app.press(KEY.tab);
    await app.waitFor('tab T4');
    await app.press(KEY.shiftTab, KEY.shiftTab);
    await app.waitFor('tab T2');
    await app.press(KEY.shiftTab, KEY.shiftTab);
    await app.waitFor('tab T5'); // wraps around
    await app.press('1');
    await app.waitFor('tab T1 count 2');
    // The footer shows the keys of the tab on screen.
    expect(app.frame().split('\n').at(-1)).toContain('+ Count T1');
  });

  it('opens every real tab without a failure', async () => {
    ts = await tempStore();
    const app = renderApp({ store: ts.store });
    await app.waitFor('Hello world');
    for (const k of ['2', '3', '4', '5', '1']) {
      await app.press(k);
      await settle();
      expect(app.frame()).not.toContain('stopped working');
    }
  });

  it('shows every key of the current screen in the help overlay, and closes it', async () => {
    ts = await tempStore();
    const app = renderApp({ store: ts.store });
    await app.waitFor('Hello world');
    await app.press('?');
    const f = app.frame();
    expect(f).toContain('Folders');
    expect(f).toContain('Rename the selected folder');
    expect(f).toContain('New script in the selected folder');
    expect(f).toContain('Everywhere');
    expect(f).toContain('Switch tab');
    // Keys do not reach the screen while the help is open.
    await app.press('n');
    expect(app.frame()).not.toContain('Include name');
    await app.press(KEY.esc);
    await app.waitForNo('Everywhere');
    // On the list the help lists the list's keys instead.
    await app.press(KEY.enter, '?');
    await app.waitFor('Run the selected script');
  });

  it('scrolls the help a page at a time, and offers scrolling only when the keys do not fit', async () => {
    ts = await tempStore();
    const small = renderApp({ store: ts.store, size: { width: 80, height: 24 } });
    await small.waitFor('Hello world');
    await small.press('?');
    const first = small.frame().match(/Keys — 1–(\d+) of (\d+)/);
    expect(first).not.toBeNull();
    const [shown, total] = [Number(first![1]), Number(first![2])];
    expect(small.frame()).toMatch(/↓ Scroll\s+PgDn Page down/);
    await small.press(KEY.pageDown);
    await small.waitFor(new RegExp(`Keys — \\d+–${total} of ${total}`));
    // At the bottom only the way back up is offered.
    expect(small.frame()).toMatch(/↑ Scroll\s+PgUp Page up/);
    expect(small.frame()).not.toContain('↓ Scroll');
    await small.press(KEY.pageUp, KEY.pageUp, KEY.pageUp, KEY.pageUp, KEY.pageUp, KEY.pageUp);
    await small.waitFor(`Keys — 1–${shown} of ${total}`);
    small.unmount();

    const tall = renderApp({ store: ts.store, size: { width: 120, height: 80 } });
    await tall.waitFor('Hello world');
    await tall.press('?');
    await tall.waitFor(/Keys — \d+ lines/);
    expect(tall.frame()).not.toContain('Scroll');
  });

  it('lists the keys of the focused pane in the footer', async () => {
    ts = await tempStore();
    const app = renderApp({ store: ts.store });
    await app.waitFor('Hello world');
    const footer = () => app.frame().split('\n').at(-1)!;
    expect(footer()).toContain('n New script');
    expect(footer()).toContain('r Rename');
    expect(footer()).toContain('? Help');
    await app.press(KEY.enter);
    await app.waitFor('Enter Open');
    expect(footer()).toContain('r Run');
  });

  it('quits with q when nothing is unsaved', async () => {
    ts = await tempStore();
    const onExit = vi.fn();
    const app = renderApp({ store: ts.store, onExit });
    await app.waitFor('Hello world');
    await app.press('q');
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('asks before quitting when a form has edits, and Ctrl+C always quits', async () => {
    ts = await tempStore();
    const onExit = vi.fn();
    const app = renderApp({ store: ts.store, onExit });
    await app.waitFor('Hello world');
    await app.press('n');
    await app.waitFor('New script in Examples');
    await app.type('Draft q'); // q is typed into the name field, not taken as quit
    expect(app.frame()).toContain('Draft q');
    expect(onExit).not.toHaveBeenCalled();
    await app.press(KEY.shiftTab); // to the "Show result as HTML" check box: no text field has the keys
    await app.press('q');
    expect(app.frame()).toContain('Quit crmscript-tui?');
    expect(app.frame()).toContain('the new script form');
    await app.press('n');
    expect(app.frame()).not.toContain('Quit crmscript-tui?');
    expect(app.frame()).toContain('Draft q');
    await app.press('q', 'y');
    expect(onExit).toHaveBeenCalledTimes(1);

    const onExit2 = vi.fn();
    const app2 = renderApp({ store: ts.store, onExit: onExit2 });
    await app2.waitFor('Hello world');
    await app2.press('n');
    await app2.type('Draft');
    await app2.press(KEY.ctrlC);
    expect(onExit2).toHaveBeenCalledTimes(1);
  });

  it('re-lays out for a different terminal size', async () => {
    ts = await tempStore();
    const app = renderApp({ store: ts.store, size: { width: 80, height: 24 } });
    await app.waitFor('Hello world');
    const lines = app.frame().split('\n');
    expect(lines).toHaveLength(24);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(lines[0]).toContain('1 Scripts'); // short tab titles at 80 columns
    app.rerender(
      // A bigger terminal: full titles.
      (await import('react')).createElement((await import('../../src/screens/shell.js')).App, {
        store: ts.store,
        size: { width: 140, height: 40 },
        noColor: true,
        services: { user: 'tester' },
      }),
    );
    const big = (await app.waitFor((f) => f.split('\n').length === 40)).split('\n');
    expect(big).toHaveLength(40);
    expect(big[0]).toContain('1 Macros and scripts');
    expect(big[0]).toContain(ts.dir); // the data directory, on the right when there is room
  });

  it('reflects changes another process makes to the store', async () => {
    ts = await tempStore();
    const app = renderApp({ store: ts.store });
    await app.waitFor('Hello world');
    const { Store } = await import('../../src/store/store.js');
    const { createScript, findFolderByPath } = await import('../../src/store/repos.js');
    const other = await Store.open(ts.dir);
    await other.update((d) => createScript(d, { name: 'Added elsewhere', folderId: findFolderByPath(d, 'Examples')!.id, includeId: 'elsewhere' }));
    await app.waitFor('Added elsewhere', 4000);
    expect(app.frame()).toContain('elsewhere');
  });
});
