import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, fakeEditor, renderApp, tempStore, type TempStore } from '../tui/helpers.js';
import { findScriptByIncludeId, findFolderByPath, createScript, createTask } from '../../src/store/repos.js';
import type { EditOutcome } from '../../src/tui/services.js';

let ts: TempStore;
afterEach(async () => {
  cleanup();
  await ts?.cleanup();
});

/** Open the app on `ts` with a fake editor and go to the script with this include name. */
async function openScript(includeId: string, outcomes: Array<EditOutcome | ((t: string) => EditOutcome)> = [], size?: { width: number; height: number }) {
  const editor = fakeEditor(outcomes);
  const app = renderApp({ store: ts.store, services: { editText: editor.editText }, size });
  await app.waitFor('Hello world');
  await app.press('/');
  await app.type(includeId);
  await app.press(KEY.enter, KEY.enter);
  await app.waitFor(`Include ${includeId}`);
  return { app, editor };
}

describe('script screen', () => {
  it('shows the header, the source with line numbers, and the description view', async () => {
    ts = await tempStore();
    const { app } = await openScript('hello');
    const f = app.frame();
    expect(f).toContain('Folder Examples');
    expect(f).toContain('Include hello');
    expect(f).toContain('Key none');
    expect(f).toMatch(/1 │ \/\/ The classic first script/);
    expect(f).toMatch(/2 │ printLine\("Hello from crmscript-tui!"\);/);
    await app.press('v');
    await app.waitFor('Prints a greeting and a few lines of arithmetic.');
    expect(app.frame()).not.toContain('1 │');
    await app.press('v');
    await app.waitFor('1 │');
  });

  it('scrolls a long source', async () => {
    ts = await tempStore();
    await ts.store.update((d) =>
      createScript(d, {
        name: 'Long',
        folderId: findFolderByPath(d, 'Examples')!.id,
        includeId: 'long',
        source: Array.from({ length: 200 }, (_, i) => `printLine("line ${i + 1}");`).join('\n'),
      }),
    );
    const { app } = await openScript('long', [], { width: 80, height: 24 });
    expect(app.frame()).toContain('1–16 of 200');
    await app.press(KEY.pageDown);
    expect(app.frame()).toMatch(/16 │ printLine\("line 16"\);/);
    await app.press('G');
    expect(app.frame()).toMatch(/200 │ printLine\("line 200"\);/);
    expect(app.frame().split('\n')).toHaveLength(24);
  });

  it('edits the properties with validation from the store', async () => {
    ts = await tempStore();
    const { app } = await openScript('demo-slow');
    await app.press('p');
    await app.waitFor('Properties of "Slow counter"');
    await app.press(KEY.tab, KEY.tab, KEY.tab); // include name
    for (let i = 0; i < 'demo-slow'.length; i++) await app.press(KEY.backspace);
    await app.type('demo-fail');
    await app.waitFor('is already used');
    await app.press(KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace);
    await app.type('slow');
    await app.press(KEY.shiftTab);
    await app.type('Counts slowly.');
    await app.press(KEY.ctrlS);
    await app.waitFor('Saved the properties.');
    const s = findScriptByIncludeId(ts.store.read(), 'demo-slow')!;
    expect(s.description).toBe('Counts for about five seconds, printing its progress.Counts slowly.');
    expect(app.frame()).toContain('Include demo-slow');
  });

  it('deletes the script after asking, and goes back to the list', async () => {
    ts = await tempStore();
    const { app } = await openScript('demo-use-lib');
    await app.press('d');
    await app.waitFor('Delete the script "Examples/Use the library"?');
    await app.press('y');
    await app.waitFor('Deleted the script "Use the library".');
    await app.waitFor('Folders');
    expect(findScriptByIncludeId(ts.store.read(), 'demo-use-lib')).toBeUndefined();
  });
});

describe('edit with $EDITOR', () => {
  it('saves a source that checks cleanly', async () => {
    ts = await tempStore();
    const { app, editor } = await openScript('hello', [{ kind: 'changed', text: 'printLine("edited");\n' }]);
    await app.press('e');
    await app.waitFor('Saved the source of "Hello world".');
    expect(editor.seen[0]).toContain('The classic first script');
    expect(findScriptByIncludeId(ts.store.read(), 'hello')!.source).toBe('printLine("edited");\n');
    expect(app.frame()).toMatch(/1 │ printLine\("edited"\);/);
  });

  it('lists problems as line:col: message and lets the operator edit again, save anyway or discard', async () => {
    ts = await tempStore();
    const bad = 'Integer x = "text";\nprintLine(y);\n';
    const { app, editor } = await openScript('hello', [
      { kind: 'changed', text: bad },
      { kind: 'unchanged' }, // edit again without fixing
      (text) => ({ kind: 'changed', text: text.replace('printLine(y);', 'printLine(x.toString());').replace('"text"', '7') }),
      { kind: 'changed', text: bad },
    ]);
    await app.press('e');
    await app.waitFor('The edited source has 2 errors');
    expect(app.frame()).toContain("1:13: cannot assign String to 'x' of type Integer");
    expect(app.frame()).toContain("2:11: 'y' is not declared");
    const before = findScriptByIncludeId(ts.store.read(), 'hello')!.source;
    expect(before).toContain('The classic first script'); // nothing saved yet
    await app.press('e'); // the editor gets the edited text, not the stored one
    await app.waitFor('The edited source has 2 errors');
    expect(editor.seen[1]).toBe(bad);
    await app.press('e');
    await app.waitFor('Saved the source of "Hello world".');
    expect(findScriptByIncludeId(ts.store.read(), 'hello')!.source).toBe('Integer x = 7;\nprintLine(x.toString());\n');

    // Discard: nothing changes.
    await app.press('e');
    await app.waitFor('The edited source has 2 errors');
    await app.press('d');
    await app.waitFor('Discarded the edit.');
    expect(findScriptByIncludeId(ts.store.read(), 'hello')!.source).toBe('Integer x = 7;\nprintLine(x.toString());\n');
  });

  it('saves anyway when asked, and q asks first while the problems are open', async () => {
    ts = await tempStore();
    const { app } = await openScript('hello', [{ kind: 'changed', text: 'printLine(nope);\n' }]);
    await app.press('e');
    await app.waitFor('The edited source has 1 error');
    await app.press('q');
    await app.waitFor('Quit crmscript-tui?');
    expect(app.frame()).toContain('the edited source of "Hello world"');
    await app.press('n', 's');
    await app.waitFor('Saved the source of "Hello world".');
    expect(findScriptByIncludeId(ts.store.read(), 'hello')!.source).toBe('printLine(nope);\n');
  });

  it('reports an editor that failed and changes nothing', async () => {
    ts = await tempStore();
    const { app } = await openScript('hello', [{ kind: 'failed', message: 'The editor "nano" was not found; set $VISUAL or $EDITOR to an editor that is installed.' }, { kind: 'unchanged' }]);
    await app.press('e');
    await app.waitFor('The editor "nano" was not found');
    await app.press('e');
    await app.waitFor('No changes.');
  });
});

describe('stage and publish', () => {
  it('stages an edit, runs the staged version, then publishes it', async () => {
    ts = await tempStore();
    const { app } = await openScript('hello', [{ kind: 'changed', text: 'printLine("staged run");\n' }]);
    await app.press('s');
    await app.waitFor('Staged a new version of "Hello world"');
    let s = findScriptByIncludeId(ts.store.read(), 'hello')!;
    expect(s.stagedSource).toBe('printLine("staged run");\n');
    expect(s.source).toContain('The classic first script');
    expect(app.frame()).toContain('Staged yes, differs from published');
    // r runs the published source, R the staged one.
    await app.press('R');
    await app.waitFor('staged version');
    await app.waitFor('staged run');
    await app.press(KEY.esc, 'r');
    await app.waitFor('Hello from crmscript-tui!');
    // P shows what changes and what runs the script, and asks
    await ts.store.update((d) => {
      const id = findScriptByIncludeId(d, 'hello')!.id;
      createTask(d, { name: 'Morning hello', targetKind: 'script', targetId: id, frequency: { kind: 'never' }, enabled: true, lockMinutes: 5, restartAfterMinutes: 0 });
    });
    await app.press(KEY.esc, 'P');
    await app.waitFor('Publish the staged version of "Hello world"?');
    const f = app.frame();
    expect(f).toMatch(/2 scheduled tasks \(Weekday greeting, Morning hello\) use it and will run the new version at once\./);
    expect(f).toMatch(/\+\s+1 printLine\("staged run"\);/);
    expect(f).toMatch(/-\s+1 \/\/ The classic first script/);
    // removed lines come before the lines that replace them
    expect(f).toMatch(/-\s+1 \/\/ The classic first script[\s\S]*\+\s+1 printLine\("staged run"\);/);
    expect(f).toMatch(/y Publish\s+n Keep staged/);
    await app.press('n');
    expect(findScriptByIncludeId(ts.store.read(), 'hello')!.stagedSource).toBe('printLine("staged run");\n');
    await app.press('P');
    await app.waitFor('Publish the staged version of "Hello world"?');
    await app.press('y');
    await app.waitFor('Published the staged version of "Hello world".');
    s = findScriptByIncludeId(ts.store.read(), 'hello')!;
    expect(s.source).toBe('printLine("staged run");\n');
    expect(s.stagedSource).toBeNull();
    expect(app.frame()).toContain('Staged none');
  });
});
