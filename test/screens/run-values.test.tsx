// Run values (variables and event input values) entered in the TUI are kept with the script or
// macro in the store: they survive a restart of the TUI, and run, debug (b), test-firing and macro
// runs all use them. Real store, real engine and workers (dist/ built by `npm test`).
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, renderApp, renderTab, tempStore, type TempStore } from '../tui/helpers.js';
import { Store } from '../../src/store/store.js';
import { storeReaches } from '../common.js';
import { createMacro, createScript, createTrigger, findFolderByPath, getRunValues, setRunValues } from '../../src/store/repos.js';
import { TriggersTab } from '../../src/screens/triggers.js';

let ts: TempStore;
afterEach(async () => {
  cleanup();
  await ts?.cleanup();
});

/** Resolves once `check` holds (the store is written after the screen shows the run): tried on each store change. */
function waitStore(check: () => boolean, ms = 5000): Promise<void> {
  return storeReaches(ts.store, () => expect(check(), 'the store did not get the values in time').toBe(true), ms);
}

const GREETER = 'printLine("Hello, " + getVariable("who") + "! amount=" + getEventData().getInputValue("SaleEntity.Amount"));';

async function addGreeter(store: Store): Promise<string> {
  return store.update((d) => createScript(d, { name: 'Greeter', folderId: findFolderByPath(d, 'Examples')!.id, includeId: 'greeter', source: GREETER }).id);
}

async function openGreeter(store: Store) {
  const app = renderApp({ store });
  await app.waitFor('Hello world');
  await app.press('/');
  await app.waitFor('Esc Clear');
  await app.type('Greeter');
  await app.press(KEY.enter, KEY.enter);
  await app.waitFor('Include greeter');
  return app;
}

describe('run values kept with the script', () => {
  it('are entered with i, survive a restart of the TUI, and b debugs with them', async () => {
    ts = await tempStore();
    const id = await addGreeter(ts.store);
    let app = await openGreeter(ts.store);
    await app.press('i');
    await app.waitFor('Run "Greeter" with');
    await app.type('who=world');
    await app.press(KEY.tab);
    await app.type('SaleEntity.Amount=50');
    await app.press(KEY.enter);
    await app.waitFor('Hello, world! amount=50');
    await waitStore(() => getRunValues(ts.store.read(), 'script', id).variables.who === 'world');
    expect(getRunValues(ts.store.read(), 'script', id)).toEqual({ variables: { who: 'world' }, inputs: { 'SaleEntity.Amount': '50' } });

    // A restart: the app goes away, a new store object (as a new process would) opens the same place.
    app.unmount();
    cleanup();
    ts.store.close();
    const again = await Store.open(ts.dir, { seed: false });
    ts.store = again;
    app = await openGreeter(again);
    await app.waitFor('Runs with who=world · inputs SaleEntity.Amount=50');
    await app.press('b');
    await app.waitFor('PAUSED');
    expect(app.frame()).toContain('Greeter · with who=world');
    await app.press('c');
    await app.waitFor('ENDED');
    await app.waitFor('Hello, world! amount=50');
    // the ended session leaves the store's debug-session list
    await waitStore(() => ts.store.read().debugSessions.length === 0);
  });

  it('the run dialog starts from the remembered values, and emptying them forgets them', async () => {
    ts = await tempStore();
    const id = await addGreeter(ts.store);
    await ts.store.update((d) => setRunValues(d, 'script', id, { variables: { who: 'team' }, inputs: {} }));
    const app = await openGreeter(ts.store);
    await app.press('i');
    await app.waitFor('who=team');
    await app.press(KEY.ctrlU, KEY.ctrlS);
    await app.waitFor('Hello, ! amount=');
    await waitStore(() => ts.store.read().scripts.find((s) => s.id === id)!.runValues === undefined);
    await app.press(KEY.esc);
    await app.waitFor('Include greeter');
    expect(app.frame()).not.toContain('Runs with');
  });
});

describe('run values when test-firing', () => {
  it("pre-fill the event's input values from the bound script, and what is fired is remembered", async () => {
    ts = await tempStore(false);
    const id = await ts.store.update((d) => {
      const s = createScript(d, { name: 'Check sale', source: 'EventData ed = getEventData(); printLine("amount " + ed.getInputValue("SaleEntity.Amount"));' });
      createTrigger(d, { event: 'SalesBeforeSaveSale', targetKind: 'script', targetId: s.id });
      setRunValues(d, 'script', s.id, { variables: { v: '1' }, inputs: { 'SaleEntity.Amount': '75', 'my.custom': 'x' } });
      return s.id;
    });
    const { press, until, app } = await renderTab(ts.store, (tui) => <TriggersTab store={ts.store} active size={{ width: 80, height: 21 }} tui={tui} />, () => undefined);
    await until('SalesBeforeSaveSale');
    await press('f');
    await until('Input values');
    await press('/', 'Amount', KEY.enter);
    await until(/SaleEntity\.Amount\s+75/);
    await press(KEY.esc); // clear the filter: the remembered custom input is there too
    await press('/', 'my.custom', KEY.enter);
    await until(/my\.custom \*\s+x/);
    await press(KEY.enter, KEY.ctrlU, 'y', KEY.enter);
    await until(/my\.custom \*\s+y/);
    await press('f');
    await until('| amount 75');
    await waitStore(() => getRunValues(ts.store.read(), 'script', id).inputs['my.custom'] === 'y');
    expect(getRunValues(ts.store.read(), 'script', id)).toEqual({ variables: { v: '1' }, inputs: { 'SaleEntity.Amount': '75', 'my.custom': 'y' } });
    app.unmount();
  });
});

describe('run values of a macro', () => {
  it('are kept with the macro and used by r and b', async () => {
    ts = await tempStore();
    const id = await ts.store.update(
      (d) =>
        createMacro(d, {
          name: 'Say who',
          folderId: findFolderByPath(d, 'Examples')!.id,
          actions: [{ type: 'log', params: { message: 'who is {var.who}', print: 'yes' }, condition: { kind: 'always' } }],
        }).id,
    );
    const app = renderApp({ store: ts.store });
    await app.waitFor('Hello world');
    await app.press('/');
    await app.type('Say who');
    await app.press(KEY.enter, KEY.enter);
    await app.waitFor('Macro: Say who');
    await app.press('i');
    await app.waitFor('with');
    await app.type('who=macro-user');
    await app.press(KEY.ctrlS);
    await app.waitFor('who is macro-user');
    await waitStore(() => getRunValues(ts.store.read(), 'macro', id).variables.who === 'macro-user');
    await app.press(KEY.esc);
    await app.waitFor('Macro: Say who');
    await app.press('b');
    await app.waitFor('PAUSED');
    await app.press('c');
    await app.waitFor('ENDED');
    await app.waitFor('who is macro-user');
  });
});
