// Runs go through the real engine and the isolated worker (built into dist/ by `npm test`).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, renderApp, tempStore, type TempStore } from '../tui/helpers.js';
import { createScript, findFolderByPath } from '../../src/store/repos.js';

let ts: TempStore;
afterEach(async () => {
  cleanup();
  await ts?.cleanup();
});

async function openApp() {
  const app = renderApp({ store: ts.store });
  await app.waitFor('Hello world');
  return app;
}

async function openByFilter(app: Awaited<ReturnType<typeof openApp>>, text: string) {
  await app.press('/');
  await app.type(text);
  await app.press(KEY.enter, KEY.enter);
  await app.waitFor('Folder ');
}

describe('running a script from the TUI', () => {
  it('shows the output, the exit status and the elapsed time', async () => {
    ts = await tempStore();
    const app = await openApp();
    await openByFilter(app, 'Hello');
    await app.press('r');
    const f = await app.waitFor('Result: Hello world');
    await app.waitFor('3 x 3 = 9');
    expect(app.frame()).toMatch(/✓ finished \(exit status 0\) · \d+(\.\d+)? m?s/);
    expect(app.frame()).toContain('Hello from crmscript-tui!');
    expect(f).not.toContain('error:');
    // Back to the script, which remembers the last run.
    await app.press(KEY.esc);
    await app.waitFor('Last run ✓ finished (exit status 0)');
    await app.press('o');
    await app.waitFor('Result: Hello world');
  });

  it('shows a runtime error as file:line:col: error: message', async () => {
    ts = await tempStore();
    const app = await openApp();
    await openByFilter(app, 'Failing');
    await app.press('r');
    await app.waitFor('failed (exit status 1)');
    expect(app.frame()).toMatch(/store:demo-fail:6:\d+: error: .*division by zero/i);
    expect(app.frame()).toContain('Sharing 12 items between the boxes...');
  });

  it('streams output with a spinner and elapsed time, and s stops the run', async () => {
    ts = await tempStore();
    const app = await openApp();
    await openByFilter(app, 'Slow');
    await app.press('r');
    await app.waitFor(/Running… \d/);
    await app.waitFor('Step 1 of 10 done', 4000);
    expect(app.frame()).toContain('Running: Slow counter');
    expect(app.frame()).not.toContain('Finished.');
    await app.press('s');
    await app.waitFor('stopped by you');
    expect(app.frame()).toContain('Step 1 of 10 done');
    expect(app.frame()).not.toContain('Finished.');
  });

  it('stops with Esc too, and r runs again', async () => {
    ts = await tempStore();
    const app = await openApp();
    await openByFilter(app, 'Slow');
    await app.press('r');
    await app.waitFor(/Running… \d/);
    await app.press(KEY.esc);
    await app.waitFor('stopped by you');
    await app.press('r');
    await app.waitFor(/Running… \d/);
    await app.press('s');
    await app.waitFor('stopped by you');
  });

  it('does not run a script with errors and lists them', async () => {
    ts = await tempStore();
    await ts.store.update((d) => createScript(d, { name: 'Broken', folderId: findFolderByPath(d, 'Examples')!.id, includeId: 'broken', source: 'printLine(missing);\n' }));
    const app = await openApp();
    await openByFilter(app, 'Broken');
    await app.press('r');
    await app.waitFor('not run: the script has errors');
    expect(app.frame()).toContain("store:broken:1:11: error: 'missing' is not declared");
  });

  it('renders HTML output as readable text when the script says so', async () => {
    ts = await tempStore();
    await ts.store.update((d) =>
      createScript(d, {
        name: 'Report page',
        folderId: findFolderByPath(d, 'Examples')!.id,
        includeId: 'report-page',
        showResultAsHtml: true,
        source: 'print("<html><body><h1>Weekly report</h1><p>Tickets &amp; mails</p><ul><li>one</li><li>two</li></ul></body></html>");\n',
      }),
    );
    const app = await openApp();
    await openByFilter(app, 'Report');
    await app.press('r');
    await app.waitFor('Result: Report page');
    await app.waitFor('Output (HTML shown as text)');
    expect(app.frame()).toContain('Weekly report');
    expect(app.frame()).toContain('Tickets & mails');
    expect(app.frame()).toContain('- one');
    expect(app.frame()).not.toContain('<h1>');
    await app.press('h');
    await app.waitFor('Output (raw HTML)');
    expect(app.frame()).toContain('<h1>Weekly report</h1>');
  });

  it('runs the selected script straight from the list with r', async () => {
    ts = await tempStore();
    const app = await openApp();
    await app.press(KEY.enter, 'j', 'r');
    await app.waitFor('Result: Hello world');
    await app.waitFor('3 x 3 = 9');
    await app.press(KEY.esc, KEY.esc);
    await app.waitFor('Folders');
  });
});

describe('run with values', () => {
  it('i asks for variables and event inputs, runs with them, and r remembers them for the script', async () => {
    ts = await tempStore();
    await ts.store.update((d) =>
      createScript(d, {
        name: 'Greeter',
        folderId: findFolderByPath(d, 'Examples')!.id,
        includeId: 'greeter',
        source: 'printLine("Hello, " + getVariable("who") + "! amount=" + getEventData().getInputValue("SaleEntity.Amount"));',
      }),
    );
    const app = renderApp({ store: ts.store });
    await app.waitFor('Hello world');
    await app.press(KEY.enter);
    await app.type('/Greeter');
    await app.press(KEY.enter, KEY.enter);
    await app.waitFor('Include greeter');
    await app.press('i');
    await app.waitFor('Run "Greeter" with');
    await app.type('who=world; x=1');
    await app.press(KEY.tab);
    await app.type('SaleEntity.Amount=50');
    await app.press(KEY.enter);
    await app.waitFor('Hello, world! amount=50');
    await app.press(KEY.esc);
    await app.waitFor('Runs with who=world; x=1 · inputs Sale');
    await app.press('r');
    await app.waitFor('Result: Greeter');
    await app.waitFor('Hello, world! amount=50');
    // a wrong pair is refused in the form
    await app.press(KEY.esc, 'i');
    await app.waitFor('Run "Greeter" with');
    await app.press(KEY.ctrlU);
    await app.type('oops');
    await app.press(KEY.enter);
    await app.waitFor('"oops" is not name=value.');
  });
});
