// The CRM data view (C from every tab) and the CRM parts of the run view, in the real shell over
// a real store and sandbox database; runs go through the real worker (dist/, built by `npm test`).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEY, renderApp, tempStore, type TempStore } from '../tui/helpers.js';
import { createScript, findFolderByPath } from '../../src/store/repos.js';
import { crmRunState } from '../../src/screens/crm/run-state.js';

let ts: TempStore;
afterEach(async () => {
  cleanup();
  await ts?.cleanup();
  crmRunState.setRollback(false);
});

describe('the CRM data view', () => {
  it('opens from any tab, lists tables with counts, filters rows and shows one row', async () => {
    ts = await tempStore();
    const app = renderApp({ store: ts.store, size: { width: 120, height: 30 } });
    await app.waitFor('Hello world');
    expect(app.frame().split('\n').at(-1)).toContain('C CRM data');
    await app.press('2'); // from the Triggers tab
    await app.press('C');
    await app.waitFor(/CRM data: \d+ tables/, 20000);
    expect(app.frame()).toMatch(/address +3/);
    expect(app.frame()).not.toContain('LAST FIRED'); // nothing of the tab behind shows through
    await app.press('/');
    await app.type('y_');
    await app.press(KEY.enter);
    await app.waitFor(/y_equipment +3 +extra table/);
    await app.press(KEY.esc); // clears the filter
    await app.press('/');
    await app.type('ej_cat');
    await app.press(KEY.enter);
    await app.waitFor(/ej_category +5/);
    expect(app.frame()).not.toMatch(/ticket +10/);
    await app.press(KEY.enter); // the rows of ej_category
    await app.waitFor('ej_category: 5 rows');
    await app.press('/');
    await app.type('hardware');
    await app.press(KEY.enter);
    await app.waitFor('ej_category: 1 of 5 rows');
    await app.press(KEY.enter); // one row
    await app.waitFor('ej_category 2');
    await app.waitFor(/fullname +Support\/Hardware/);
    expect(app.frame()).not.toContain('Never fired');
    await app.press(KEY.esc); // back to the rows
    await app.waitFor('ej_category: 5 rows');
    expect(app.frame()).not.toContain('Never fired');
    await app.press(KEY.esc, KEY.esc); // back to tables, close
    await app.waitForNo('CRM data:');
  });

  it('the run view shows what a run changed, rollback keeps nothing, and the view lists the last run', async () => {
    ts = await tempStore();
    const d = ts.store.read();
    await ts.store.update((doc) => {
      createScript(doc, { name: 'Bump priority', folderId: findFolderByPath(d, 'Examples')?.id ?? null, source: 'Ticket t; t.load(3); String p = "1"; if (t.getValue("priority") == "1") p = "2"; t.setValue("priority", p); t.save(); printLine("bumped");' });
    });
    const app = renderApp({ store: ts.store, size: { width: 120, height: 30 } });
    await app.waitFor('Hello world');
    await app.press('/');
    await app.type('Bump');
    await app.press(KEY.enter, KEY.enter);
    await app.waitFor('Folder ');
    await app.press('r');
    await app.waitFor('Result: Bump priority');
    await app.waitFor('CRM: 1 row changed', 30_000);
    expect(app.frame()).toMatch(/update ticket 3: .*priority 4 → 1/);
    expect(app.frame()).toContain('R Rollback off');
    await app.press('R'); // rollback on, run again (priority 1 → 2, a change even within the same second): listed and discarded
    await app.waitFor('R Rollback on');
    await app.press('r');
    await app.waitFor('rolled back, nothing kept', 30000);
    expect(app.frame()).toMatch(/update ticket 3: .*priority 1 → 2/);
    await app.press('C', 'c');
    await app.waitFor('Changed by the last run');
  }, 90_000);
});
