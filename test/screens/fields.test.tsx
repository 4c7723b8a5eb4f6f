// Single-line fields (ink-text-input in components/Field.tsx) in the real app: keys typed in a
// burst (a paste, tmux send-keys) all arrive in order, letters typed in a field never fire the
// shell's shortcuts, and Ctrl+S still saves from a field.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, renderApp, settle, tempStore, type TempStore } from '../tui/helpers.js';

let ts: TempStore;
afterEach(async () => {
  cleanup();
  await ts?.cleanup();
});

describe('single-line fields', () => {
  it('take a long burst of keys into a task form in order, and Ctrl+S saves', async () => {
    ts = await tempStore();
    const app = renderApp({ store: ts.store, size: { width: 80, height: 24 } });
    await app.waitFor('Hello world');
    await app.press('3');
    await app.waitFor('Weekday greeting');
    await app.press('n');
    await app.waitFor('New scheduled task');
    const name = Array.from({ length: 150 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    // one write: what a paste or `tmux send-keys` delivers
    app.stdin.write(name);
    await app.waitFor(name.slice(-20)); // the end of a long value stays in view
    await app.press(KEY.tab, KEY.tab);
    await app.type('Examples/Hello world');
    await app.waitFor('→ Examples/Hello world');
    await settle(20);
    await app.press(KEY.ctrlS);
    await app.waitFor(/abcdefghijklmnopqrstuvwxyz.*scheduled/);
    const task = ts.store.read().tasks.find((t) => t.name.startsWith('abc'));
    expect(task?.name).toBe(name);
    expect(ts.store.read().scripts.find((s) => s.id === task?.targetId)?.name).toBe('Hello world');
  });

  it("hand letters to the field, not to the shell's keys (q, digits, ?)", async () => {
    ts = await tempStore();
    const app = renderApp({ store: ts.store });
    await app.waitFor('Hello world');
    await app.press('/');
    await app.waitFor('Esc Clear');
    await app.type('q1?2');
    await settle();
    expect(app.frame()).toContain('q1?2');
    expect(app.frame()).toContain('Folders'); // still tab 1, no tab switch
    expect(app.frame()).not.toContain('Quit crmscript-tui?');
    expect(app.frame()).toContain('Nothing matches "q1?2"'); // the filter has it, no help overlay
    await app.press(KEY.ctrlU);
    await app.waitFor(/Examples\s+5 scripts|Hello world/);
    expect(app.frame()).not.toContain('q1?2');
  });
});
