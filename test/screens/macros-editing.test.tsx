// The macro editor's list operations, validation before save, Show as script, the outbox view
// and the header's daemon status, in the real app with a real store.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { KEY, renderApp, tempStore, type TempStore } from '../tui/helpers.js';
import { createMacro, enqueueNotification, findFolderByPath, markNotificationSent } from '../../src/store/repos.js';
import type { MacroAction } from '../../src/store/schema.js';
import { statusPath } from '../../src/daemon/status.js';

let ts: TempStore;
afterEach(async () => {
  cleanup();
  await ts?.cleanup();
});

type App = ReturnType<typeof renderApp>;

const always = { kind: 'always' } as const;
const http: MacroAction = { type: 'httpRequest', params: { method: 'GET', url: 'https://example.com/ping' }, condition: always };
const logStatus: MacroAction = { type: 'log', params: { message: 'The ping answered {action1.status}' }, condition: always };
const setFlag: MacroAction = { type: 'setVariable', params: { name: 'flag', value: 'yes' }, condition: always };

/** A stored macro in Examples, opened from the list. */
async function openMacro(actions: MacroAction[], size = { width: 100, height: 30 }): Promise<App> {
  ts = await tempStore();
  await ts.store.update((d) => createMacro(d, { name: 'Ping and log', folderId: findFolderByPath(d, 'Examples')!.id, actions }));
  const app = renderApp({ store: ts.store, size });
  await app.waitFor('Hello world');
  await app.press('/');
  await app.type('Ping and log');
  await app.press(KEY.enter, KEY.enter);
  await app.waitFor('Macro: Ping and log');
  return app;
}

const stored = () => ts.store.read().macros.find((m) => m.name === 'Ping and log')!;

describe('reordering and deleting actions', () => {
  it('moves an action and keeps the references to results pointing at the same action', async () => {
    const app = await openMacro([http, logStatus, setFlag]);
    await app.press('G'); // the last action, Set a variable
    await app.waitFor('Action 3: Set a variable');
    await app.press('K', 'K'); // to the top
    await app.waitFor('Action 1: Set a variable');
    expect(app.frame()).toMatch(/1\. Set a variable: flag = yes[\s\S]*2\. Send an HTTP request[\s\S]*3\. Log a message: The ping answered \{action2\.status\}/);
    await app.press('s');
    await app.waitFor('Saved the macro "Ping and log".');
    expect(stored().actions.map((a) => a.type)).toEqual(['setVariable', 'httpRequest', 'log']);
    expect(stored().actions[2]!.params.message).toBe('The ping answered {action2.status}');
  });

  it('warns before deleting an action whose results later actions use, then refuses to save the broken reference', async () => {
    const app = await openMacro([http, logStatus]);
    await app.press('d'); // action 1 is selected
    await app.waitFor('Delete action 1');
    expect(app.frame()).toContain('Action 2 uses its results');
    await app.press('n');
    expect(stored().actions).toHaveLength(2);
    await app.press('d');
    await app.waitFor('Delete action 1');
    await app.press('y');
    await app.waitFor('Deleted action 1');
    expect(app.frame()).toContain('1. Log a message: The ping answered {action0.status}');
    expect(app.frame()).toContain('1 error');
    await app.press('s');
    await app.waitFor('The macro cannot be saved yet');
    expect(app.frame()).toContain('Not saved: the macro has 1 error.');
    expect(app.frame()).toContain('refers to action 0, which does not exist');
    expect(stored().actions).toHaveLength(2); // nothing was saved
    // Enter edits the action; fix the message and save.
    await app.press(KEY.enter);
    await app.waitFor('Action 1 of 1: Log a message');
    await app.press('\u0015'); // Ctrl+U empties the field
    await app.type('Ping done');
    await app.press('\u0013'); // Ctrl+S: done
    await app.waitFor('no problems');
    await app.press('s');
    await app.waitFor('Saved the macro "Ping and log".');
    expect(stored().actions).toEqual([{ type: 'log', params: { message: 'Ping done' }, condition: always }]);
  });
});

describe('validation before save', () => {
  it('refuses a reference to a later action and names the action', async () => {
    const app = await openMacro([http, logStatus]);
    await app.press('J'); // the HTTP request after the log: {action1.status} now means action 2
    await app.waitFor('Action 2: Send an HTTP request');
    expect(app.frame()).toContain('The ping answered {action2.status}');
    await app.press('s');
    await app.waitFor('The macro cannot be saved yet');
    expect(app.frame()).toMatch(/✗ Action 1 \(Log a message\): \{action2\.status\} refers to action 2, which runs later/);
    expect(stored().actions.map((a) => a.type)).toEqual(['httpRequest', 'log']);
    await app.press(KEY.esc);
    await app.waitFor('Not saved: the macro has 1 error');
    // Moving it back fixes it.
    await app.press('K');
    await app.waitFor('Action 1: Send an HTTP request');
    await app.press('s');
    await app.waitFor('Saved the macro "Ping and log".');
  });

  it('refuses a missing required parameter', async () => {
    const app = await openMacro([]);
    await app.press('a');
    await app.waitFor('choose its type');
    await app.press('3'); // Block the event with a message
    await app.press(KEY.enter);
    await app.waitFor('Action 1 of 1: Block the event with a message');
    await app.press('\u0013'); // done without a message
    await app.waitFor('1. Block the event with a message');
    expect(app.frame()).toContain('(missing)');
    await app.press('s');
    await app.waitFor('The macro cannot be saved yet');
    expect(app.frame()).toContain('Action 1 (Block the event with a message): the message is required.');
    expect(stored().actions).toEqual([]);
  });

  it('offers only earlier results in Choose parameter', async () => {
    const app = await openMacro([http, logStatus]);
    await app.press(KEY.enter); // edit action 1, the HTTP request
    await app.waitFor('Action 1 of 2: Send an HTTP request');
    await app.press(KEY.tab); // URL
    await app.press('\u0010');
    await app.waitFor('Choose parameter for url of action 1');
    expect(app.frame()).not.toContain('{action1.');
    await app.press(KEY.esc, KEY.esc);
    await app.waitFor('Macro: Ping and log');
    await app.press('j', KEY.enter); // action 2, the log
    await app.waitFor('Action 2 of 2: Log a message');
    await app.press('\u0010');
    await app.waitFor('{action1.status}');
    expect(app.frame()).toContain('{action1.body}');
  });
});

describe('running from the editor', () => {
  it('names the action a run-time error comes from', async () => {
    const app = await openMacro([setFlag, http]); // outgoing HTTP is off in a new store
    await app.press('r');
    await app.waitFor('Result: Ping and log');
    await app.waitFor('✗ failed (exit status 1)');
    expect(app.frame()).toMatch(/Action 2 \(Send an HTTP request\), line \d+ of the script: Outgoing HTTP is disabled/);
    expect(app.frame()).toContain('flag = yes'); // the variable action 1 set
  });
});

describe('text over several lines', () => {
  it('Ctrl+N starts a new line in a field that takes several lines', async () => {
    const app = await openMacro([]);
    await app.press('a', '5', KEY.enter); // Log a message
    await app.waitFor('Action 1 of 1: Log a message');
    await app.type('first');
    await app.press('\u000e'); // Ctrl+N
    await app.type('second');
    await app.waitFor('first↵second');
    await app.press('\u0013', 's');
    await app.waitFor('Saved the macro');
    expect(stored().actions[0]!.params.message).toBe('first\nsecond');
  });
});

describe('Show as script', () => {
  it('shows the equivalent CRMScript with line numbers', async () => {
    const app = await openMacro([http, logStatus]);
    await app.press('S');
    await app.waitFor('// The macro "Ping and log" in the folder "Examples" as CRMScript.');
    expect(app.frame()).toMatch(/\d+ │ \/\/ 2\. Log a message/);
    expect(app.frame()).toContain('log("The ping answered " + action1_status);');
    await app.press('S');
    await app.waitFor('1. Send an HTTP request: GET https://example.com/ping');
  });
});

describe('information and leaving', () => {
  it('edits name and description in the working copy and asks before leaving unsaved', async () => {
    const app = await openMacro([setFlag]);
    await app.press('v');
    await app.waitFor(/Folder\s+Examples/);
    await app.press('p');
    await app.waitFor('Information of the macro');
    await app.press(KEY.tab, KEY.tab); // Description
    await app.type('Sets a flag.');
    await app.press(KEY.enter);
    await app.waitFor(/Description\s+Sets a flag\./);
    expect(stored().description).toBe('');
    await app.press(KEY.esc);
    await app.waitFor('Leave without saving?');
    await app.press('n');
    await app.press('s');
    await app.waitFor('Saved the macro');
    expect(stored().description).toBe('Sets a flag.');
    await app.press(KEY.esc);
    await app.waitFor(/›Ping and log\s+macro/);
  });
});

describe('the leave question', () => {
  it('s saves the changes and leaves, as the question says', async () => {
    const app = await openMacro([setFlag]);
    await app.press('p');
    await app.waitFor('Information of the macro');
    await app.press(KEY.tab, KEY.tab); // Description
    await app.type('Saved on leaving.');
    await app.press(KEY.enter);
    await app.press(KEY.esc);
    await app.waitFor('Leave without saving?');
    expect(app.frame()).toMatch(/s Save and leave\s+y Leave\s+n Stay/);
    await app.press('s');
    await app.waitFor('Saved the macro');
    await app.waitFor(/›Ping and log\s+macro/);
    expect(stored().description).toBe('Saved on leaving.');
  });
});

describe('at 80×24', () => {
  it('fits the editor, the action form and the type list', async () => {
    const app = await openMacro([http, logStatus], { width: 80, height: 24 });
    const widths = () => app.frame().split('\n').map((l) => [...l].length);
    expect(Math.max(...widths())).toBeLessThanOrEqual(80);
    expect(app.frame().split('\n')).toHaveLength(24);
    await app.press('a');
    await app.waitFor('choose its type');
    expect(app.frame()).toContain('8 Send an email or SMS');
    await app.press('8', KEY.enter);
    await app.waitFor('Action 2 of 3: Send an email or SMS'); // after the selected action 1
    expect(app.frame()).toContain('HTML');
    expect(app.frame().split('\n')).toHaveLength(24);
    expect(Math.max(...widths())).toBeLessThanOrEqual(80);
  });
});

describe('the outbox', () => {
  it('lists mail with its status and shows a message', async () => {
    ts = await tempStore();
    await ts.store.update((d) => {
      enqueueNotification(d, { to: 'ops@example.com', subject: 'Nightly report', body: 'All 3 jobs ran.\nNo errors.' });
      const sent = enqueueNotification(d, { to: 'boss@example.com', subject: 'Weekly summary', body: 'Fine week.' });
      markNotificationSent(d, sent.id);
    });
    const app = renderApp({ store: ts.store });
    await app.waitFor('Hello world');
    await app.press('O');
    await app.waitFor('Outbox: mail sent by macros and scripts');
    expect(app.frame()).toContain('2 messages · 1 pending');
    expect(app.frame()).toContain('No SMTP server is set up');
    expect(app.frame()).toMatch(/pending\s+ops@example\.com\s+Nightly report/);
    expect(app.frame()).toMatch(/sent\s+boss@example\.com\s+Weekly summary/);
    await app.press(KEY.enter);
    await app.waitFor(/Message: (Nightly report|Weekly summary)/);
    const f = app.frame();
    expect(f).toMatch(/Status:\s+(pending|sent)/);
    await app.press(KEY.esc, KEY.esc);
    await app.waitFor('Hello world');
  });
});

describe('the header', () => {
  it('shows whether a daemon serves the store', async () => {
    ts = await tempStore();
    const app = renderApp({ store: ts.store, size: { width: 80, height: 24 } });
    await app.waitFor('no daemon');
    const info = { pid: process.pid, host: '127.0.0.1', port: 8642, startedAt: new Date().toISOString(), heartbeat: new Date().toISOString(), hostname: hostname() };
    writeFileSync(statusPath(ts.dir), JSON.stringify(info));
    await app.waitFor('daemon ●', 6000);
    expect(app.frame().split('\n')[0]).toMatch(/^ 1 Scripts .* daemon ●\s*$/);
    rmSync(statusPath(ts.dir));
    await app.waitFor('no daemon', 6000);
  });
});

describe('debugging a macro', () => {
  it('opens the Debugger on the CRMScript the saved macro runs as, paused at its first action', async () => {
    const app = await openMacro([setFlag, { type: 'log', params: { message: 'flag is {var.flag}' }, condition: always }]);
    await app.press('b');
    // the current line is marked ▶ in the source pane
    await app.waitFor(/▶\s*\d+›\s*setVariable\("flag", "yes"\);/);
    await app.press('n'); // step over the first action
    await app.waitFor(/▶\s*\d+›\s*log\("flag is " \+ getVariable\("flag"\)\);/);
  });
});
