import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, renderApp, tempStore, type TempStore } from '../tui/helpers.js';
import { Store } from '../../src/store/store.js';
import { createFolder, createScript, createTrigger, findFolderByPath, findScriptByIncludeId } from '../../src/store/repos.js';

let ts: TempStore;
afterEach(async () => {
  cleanup();
  await ts?.cleanup();
});

async function open() {
  ts = await tempStore();
  const app = renderApp({ store: ts.store });
  await app.waitFor('Hello world');
  return app;
}

describe('folder tree', () => {
  it('expands and collapses folders and shows each folder\'s scripts', async () => {
    const app = await open();
    // Examples is selected and expanded: its sub-folders show, its scripts are listed.
    expect(app.frame()).toMatch(/›\s+▾ Examples/);
    expect(app.frame()).toContain('Library');
    await app.press(KEY.left); // collapse Examples
    expect(app.frame()).toMatch(/▸ Examples/);
    expect(app.frame()).not.toContain('Library');
    await app.press(KEY.right); // expand again
    await app.press('j', 'j'); // Events, Library
    await app.waitFor('Demo library');
    expect(app.frame()).not.toContain('Hello world');
    await app.press(KEY.left); // to the parent, Examples
    await app.waitFor('Hello world');
    await app.press('k'); // the top level holds no scripts in the demo
    await app.waitFor('No scripts or macros here.');
  });

  it('creates a folder under the selected one, renames it and deletes it with its content', async () => {
    const app = await open();
    await app.press('f');
    await app.waitFor('New folder in "Examples"');
    await app.type('Reports');
    await app.press(KEY.enter);
    await app.waitFor('Created the folder "Reports".');
    let d = ts.store.read();
    const reports = findFolderByPath(d, 'Examples/Reports');
    expect(reports).toBeDefined();
    expect(app.frame()).toMatch(/›\s+Reports/); // selected in the tree

    // Rename: the store's rules apply (no "/" in names).
    await app.press('r');
    await app.waitFor('Rename the folder "Reports"');
    await app.press(KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace);
    await app.type('Monthly/reports');
    expect(app.frame()).toContain('"Monthly/reports" must not');
    await app.press(KEY.enter); // refused while invalid
    expect(ts.store.read().folders.find((f) => f.id === reports!.id)!.name).toBe('Reports');
    for (let i = 0; i < 8; i++) await app.press(KEY.backspace);
    await app.type(' reports');
    await app.press(KEY.enter);
    await app.waitFor('Renamed the folder to "Monthly reports".');
    expect(ts.store.read().folders.find((f) => f.id === reports!.id)!.name).toBe('Monthly reports');

    // Content inside, then delete: the question says what goes with it.
    const other = await Store.open(ts.dir);
    await other.update((x) => {
      const sub = createFolder(x, { parentId: reports!.id, name: 'Old' });
      createScript(x, { name: 'r1', folderId: reports!.id });
      const r2 = createScript(x, { name: 'r2', folderId: sub.id });
      createTrigger(x, { event: 'TicketClosed', targetKind: 'script', targetId: r2.id });
    });
    await app.waitFor(/Monthly reports\s+1 /);
    await app.press('d');
    await app.waitFor('Delete the folder "Examples/Monthly reports" with everything in');
    expect(app.frame()).toContain('1 sub-folder, 2 scripts, 0 macros?');
    expect(app.frame().replace(/[║│\s]+/g, ' ')).toContain('1 trigger (TicketClosed) uses scripts or macros inside it and will point at missing scripts or macros.');
    await app.press('n');
    expect(findFolderByPath(ts.store.read(), 'Examples/Monthly reports')).toBeDefined();
    await app.press('d', 'y');
    await app.waitFor('Deleted the folder and 1 sub-folder, 2 scripts, 0 macros.');
    d = ts.store.read();
    expect(findFolderByPath(d, 'Examples/Monthly reports')).toBeUndefined();
    expect(d.scripts.some((s) => s.name === 'r1' || s.name === 'r2')).toBe(false);
    expect(app.frame()).toMatch(/›\s+▾ Examples/); // the parent is selected again
  });
});

describe('new script and macro forms', () => {
  it('validates as you type and reports the store\'s message for a taken include name', async () => {
    const app = await open();
    await app.press('n');
    await app.waitFor('New script in Examples');
    // Saving with an empty name is refused with the store's sentence.
    await app.press(KEY.ctrlS);
    await app.waitFor('A script name must not be empty.');
    await app.type('Report');
    await app.press(KEY.tab, KEY.tab, KEY.tab); // folder, description, include name
    await app.type('hello');
    await app.waitFor('The include name "hello" is already used by');
    await app.press(KEY.ctrlS);
    expect(ts.store.read().scripts.some((s) => s.name === 'Report')).toBe(false);
    await app.type('-report');
    expect(app.frame()).not.toContain('already used');
    await app.press(KEY.tab);
    await app.type('s3cret');
    await app.press(KEY.tab, ' '); // Show result as HTML
    expect(app.frame()).toContain('[x] yes');
    await app.press(KEY.enter); // Enter on the last field saves
    await app.waitFor('Created the script "Report".');
    const s = findScriptByIncludeId(ts.store.read(), 'hello-report')!;
    expect(s).toMatchObject({ name: 'Report', key: 's3cret', showResultAsHtml: true, source: '' });
    expect(findFolderByPath(ts.store.read(), 'Examples')!.id).toBe(s.folderId);
    // The new script is selected in the list.
    expect(app.frame()).toMatch(/›Report\s+hello-report/);
  });

  it('puts a new script in the folder chosen in the form', async () => {
    const app = await open();
    await app.press('n');
    await app.type('Elsewhere');
    await app.press(KEY.tab);
    await app.type('Examples/Lib'); // type-ahead in the folder choice
    await app.waitFor('‹ Examples/Library ›');
    await app.press(KEY.ctrlS);
    await app.waitFor('Created the script "Elsewhere".');
    const s = ts.store.read().scripts.find((x) => x.name === 'Elsewhere')!;
    expect(s.folderId).toBe(findFolderByPath(ts.store.read(), 'Examples/Library')!.id);
    await app.waitFor(/·\s+Library/); // selected in the tree, the list has the focus
  });

  it('asks before throwing away a form with changes', async () => {
    const app = await open();
    await app.press('n');
    await app.type('Half done');
    await app.press(KEY.esc);
    await app.waitFor('Discard the changes?');
    await app.press('n');
    expect(app.frame()).toContain('Half done');
    await app.press(KEY.esc, 'y');
    await app.waitForNo('Half done');
    expect(app.frame()).not.toContain('Discard the changes?');
    expect(ts.store.read().scripts.some((x) => x.name === 'Half done')).toBe(false);
  });

  it('creates a macro with a name and a folder', async () => {
    const app = await open();
    await app.press('m');
    await app.waitFor('New macro in Examples');
    await app.type('Notify owner');
    await app.press(KEY.enter, KEY.enter);
    await app.waitFor('Created the macro "Notify owner".');
    const m = ts.store.read().macros.find((x) => x.name === 'Notify owner')!;
    expect(m.folderId).toBe(findFolderByPath(ts.store.read(), 'Examples')!.id);
    // a new macro opens in the macro editor; back in the list it is selected
    await app.waitFor('Macro: Notify owner');
    expect(app.frame()).toContain('No actions yet.');
    await app.press(KEY.esc);
    await app.waitFor(/›Notify owner\s+macro/);
  });
});

describe('list, filter and search', () => {
  it('filters the list as you type and clears with Esc', async () => {
    const app = await open();
    await app.press('/');
    await app.type('lib');
    await app.waitFor('1 of 4');
    expect(app.frame()).toContain('Use the library');
    expect(app.frame()).not.toContain('Hello world');
    await app.press(KEY.enter); // keep the filter, back to the list
    await app.press(KEY.enter); // opens the only match
    await app.waitFor('demo-use-lib');
    await app.waitFor('Folder Examples');
    await app.press(KEY.esc); // back to the filtered list
    await app.waitFor('1 of 4');
    await app.press(KEY.esc); // clears the filter
    await app.waitFor('Hello world');
  });

  it('r runs from the list, and Esc from the result goes back to the list', async () => {
    const app = await open();
    await app.press(KEY.enter); // to the list of Examples
    await app.waitFor('Hello world');
    await app.press('r');
    await app.waitFor(/Result: \S/);
    await app.waitFor(/[✓✗] \w+ \(exit status/);
    await app.press(KEY.esc);
    await app.waitFor(/›\S.*demo-/); // the list, with its selection
    expect(app.frame()).not.toContain('Folder Examples'); // not the script screen
  });

  it('opens a search hit in the source at the matched line, marked', async () => {
    const app = await open();
    await app.press('s');
    await app.waitFor('Search in "Examples" and its sub-folders');
    await app.type('getEventData');
    await app.waitFor('1 result');
    await app.press(KEY.enter, KEY.enter);
    await app.waitFor('Folder Examples');
    expect(app.frame()).toMatch(/3 ▶ EventData event = getEventData\(\);/);
  });

  it('searches the selected folder and below by name, include name and source text', async () => {
    const app = await open();
    await app.press('s');
    await app.waitFor('Search in "Examples" and its sub-folders');
    await app.type('getEventData');
    await app.waitFor('1 result');
    expect(app.frame()).toContain('On new ticket');
    expect(app.frame()).toContain('line 3: EventData event = getEventData();');
    for (let i = 0; i < 'getEventData'.length; i++) await app.press(KEY.backspace);
    await app.type('demo-');
    await app.waitFor('5 results'); // by include name
    await app.press(KEY.enter); // to the results
    await app.press('j', KEY.enter);
    await app.waitFor('Folder Examples');
    await app.press(KEY.esc);
    await app.waitFor('5 results');
    await app.press(KEY.esc);
    await app.waitFor('Folders');
  });

  it('deletes a script from the list after asking, naming its trigger', async () => {
    const app = await open();
    await app.press('j'); // Events
    await app.waitFor('On new ticket');
    await app.press(KEY.enter, 'd');
    await app.waitFor('(NewTicket) uses it and will point at a missing script.');
    await app.press('y');
    await app.waitFor('Deleted the script "On new ticket".');
    expect(ts.store.read().scripts.some((s) => s.name === 'On new ticket')).toBe(false);
  });
});

describe('10,000 scripts', () => {
  it('opens and filters the folder without a visible stall', async () => {
    ts = await tempStore(false);
    await ts.store.update((d) => {
      const f = createFolder(d, { parentId: null, name: 'Bulk' });
      // one script made as the product makes it, the others copied from it with their own id and
      // names (createScript checks each name against all before it: 10,000 of them take long)
      const first = createScript(d, { name: 'job 00000', folderId: f.id, includeId: 'job-0' });
      for (let i = 1; i < 10_000; i++) d.scripts.push({ ...first, id: `${first.id}-${i}`, name: `job ${String(i).padStart(5, '0')}`, includeId: `job-${i}` });
    });
    const app = renderApp({ store: ts.store });
    await app.waitFor('job 00000');
    expect(app.frame()).toContain('1/10000'); // position in the panel title
    expect(app.frame()).not.toContain('job 00030');
    await app.press('/');
    await app.type('0999');
    await app.waitFor('job 09999');
    expect(app.frame()).toContain('11 of 10000');
  });
});
