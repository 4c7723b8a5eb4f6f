// The Scheduled tasks tab in a minimal shell (store bridge, key registry, theme), driven
// by key presses through ink-testing-library.
import React from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { Store } from '../../src/store/store.js';
import { createScript, finishTaskRun, getById, startTaskRun } from '../../src/store/repos.js';
import type { Task } from '../../src/store/schema.js';
import { TasksTab } from '../../src/screens/tasks.js';
import { addTask, requireTask } from '../../src/tasks/manage.js';
import { statusPath } from '../../src/daemon/status.js';
import { cleanupTempDirs, tempDir, waitFor } from '../common.js';
import { KEY, renderTab } from '../tui/helpers.js';

const SIZE = { width: 80, height: 21 }; // an 80×24 terminal minus the shell's three rows
const NOW = new Date(2030, 0, 7, 10, 0, 0); // a Monday, local time
const clock = () => NOW;

let store: Store;
let flashes: string[];

function open(opts: { footerWidth?: number } = {}) {
  return renderTab(store, (tui) => <TasksTab store={store} active size={SIZE} tui={tui} now={clock} />, (text) => void flashes.push(text), opts);
}

/** Move the form focus to the field labelled `label` (Tab through the fields). */
async function focusField(press: (...k: string[]) => Promise<void>, frame: () => string, label: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    if (frame().split('\n').some((l) => l.includes(`›${label}`))) return;
    await press(KEY.tab);
  }
  throw new Error(`No field "${label}" in:\n${frame()}`);
}

async function typeInto(press: (...k: string[]) => Promise<void>, frame: () => string, label: string, text: string): Promise<void> {
  await focusField(press, frame, label);
  await press(KEY.ctrlU, '\u001b[F'); // clear before the cursor (the cursor starts at the end)
  await press(text);
}

let scriptId: string;

beforeEach(async () => {
  flashes = [];
  store = await Store.open(tempDir('crms-tasks-tab-'), { seed: false });
  scriptId = await store.update((d) => createScript(d, { name: 'Hello', includeId: 'hello', source: 'printLine("hi");' }).id);
});
afterEach(() => {
  store.close();
  cleanupTempDirs();
});

async function addTaskNow(name: string, frequency: Task['frequency'], over: Partial<Parameters<typeof addTask>[1]> = {}): Promise<Task> {
  return store.update((d) => addTask(d, { name, targetKind: 'script', targetId: scriptId, frequency, ...over }, NOW));
}

describe('the list', () => {
  it('shows name, readable frequency, status, last run and result, and next run without a daemon', async () => {
    await addTaskNow('Quarter hour', { kind: 'minutes', every: 15 });
    await addTaskNow('Twice a week', { kind: 'weekly', time: '08:00', days: [1, 3] });
    await addTaskNow('Half year', { kind: 'monthly', time: '06:30', days: [1, 15], months: [1, 2, 3, 4, 5, 6] });
    const { frame, app } = await open();
    const f = frame();
    expect(f).toMatch(/NAME\s+FREQUENCY\s+STATUS\s+LAST\s+NEXT RUN/);
    expect(f).toMatch(/Quarter hour\s+every 15 min\s+scheduled\s+-\s+01-07 10:15/);
    expect(f).toMatch(/Twice a week\s+Mon, Wed at 08:00\s+scheduled\s+-\s+01-09 08:00/);
    expect(f).toMatch(/Half year\s+day 1 and 15 of Jan–Jun at 06:30\s+scheduled\s+-\s+01-15 06:30/);
    expect(f).toContain('no daemon running');
    for (const line of f.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(f.split('\n').length).toBeLessThanOrEqual(21);
    app.unmount();
  });

  it('says when a daemon serves the store', async () => {
    writeFileSync(statusPath(store.dataDir), JSON.stringify({ pid: process.pid, host: '127.0.0.1', port: 8642, startedAt: new Date().toISOString(), heartbeat: new Date().toISOString(), hostname: hostname() }));
    await addTaskNow('T', { kind: 'never' });
    const { frame, app } = await open();
    expect(frame()).toContain('daemon on 127.0.0.1:8642');
    app.unmount();
  });

  it('shows the last run, its result and error', async () => {
    const t = await addTaskNow('Nightly', { kind: 'hourly', minute: 5 });
    await store.update((d) => {
      const run = startTaskRun(d, t.id, new Date(2030, 0, 7, 9, 5).toISOString());
      finishTaskRun(d, run.id, { outcome: 'failed', error: 'store:hello:1:1: boom', endedAt: new Date(2030, 0, 7, 9, 5, 2).toISOString() });
    });
    const { frame, app } = await open();
    expect(frame()).toMatch(/Nightly\s+hourly at :05\s+scheduled\s+failed\s+01-07 10:05/);
    expect(frame()).toMatch(/Last run 2030-01-07 09:05:00: failed in 2\.0 s — store:hello:1:1: boom/);
    expect(frame()).toContain('Nightly → Hello · hourly at :05 · lock 10 min · no restart');
    app.unmount();
  });

  it('reflects changes another process makes to the store', async () => {
    const { frame, app } = await open();
    expect(frame()).toContain('No scheduled tasks yet');
    const other = await Store.open(store.dataDir, { seed: false });
    await other.update((d) => addTask(d, { name: 'From the CLI', targetKind: 'script', targetId: scriptId, frequency: { kind: 'never' } }));
    other.close();
    await waitFor(() => frame().includes('From the CLI'), 5000, 'the external change');
    app.unmount();
  });

  it('filters with /', async () => {
    await addTaskNow('Alpha', { kind: 'never' });
    await addTaskNow('Beta', { kind: 'never' });
    const { frame, press, app } = await open();
    await press('/', 'bet');
    expect(frame()).toContain('Beta');
    expect(frame()).not.toContain('Alpha');
    await press(KEY.esc);
    expect(frame()).toContain('Alpha');
    app.unmount();
  });
});

describe('actions', () => {
  it('Start now, disable/enable and delete', async () => {
    const t = await addTaskNow('Job', { kind: 'hourly', minute: 30 });
    const { frame, press, app } = await open();
    await press('x');
    await waitFor(() => getById(store.read(), 'tasks', t.id)!.enabled === false, 3000, 'disable');
    await waitFor(() => /Job\s+hourly at :30\s+disabled/.test(frame()), 3000, 'the disabled status');
    await press('x');
    await waitFor(() => getById(store.read(), 'tasks', t.id)!.enabled === true, 3000, 'enable');
    await waitFor(() => /Job\s+hourly at :30\s+scheduled/.test(frame()), 3000, 'the scheduled status');

    await press('r');
    await waitFor(() => getById(store.read(), 'tasks', t.id)!.startNow, 3000, 'Start now');
    await waitFor(() => flashes.some((f) => /will start when a daemon runs/.test(f)), 3000, 'the message');
    await waitFor(() => /Job\s+hourly at :30\s+starting/.test(frame()), 3000, 'the status');

    await press('d');
    expect(frame()).toContain('Delete the task "Job"?');
    await press('n');
    expect(store.read().tasks).toHaveLength(1);
    await press('d', 'y');
    await waitFor(() => store.read().tasks.length === 0, 2000, 'the delete');
    app.unmount();
  });

  it('shows a task history with outcome, duration, output and error', async () => {
    const t = await addTaskNow('Report', { kind: 'never' });
    await store.update((d) => {
      const a = startTaskRun(d, t.id, new Date(2030, 0, 6, 8, 0, 0).toISOString());
      finishTaskRun(d, a.id, { outcome: 'ok', output: 'line one\nline two\n', endedAt: new Date(2030, 0, 6, 8, 0, 1).toISOString() });
      const b = startTaskRun(d, t.id, new Date(2030, 0, 7, 8, 0, 0).toISOString());
      finishTaskRun(d, b.id, { outcome: 'failed', output: 'partial\n', error: 'store:hello:4:2: division by zero', endedAt: new Date(2030, 0, 7, 8, 0, 3).toISOString() });
    });
    const { frame, press, app } = await open();
    await press(KEY.enter);
    let f = frame();
    expect(f).toContain('History of "Report"');
    expect(f).toMatch(/2030-01-07 08:00:00\s+failed\s+3\.0 s\s+store:hello:4:2: division by zero/);
    expect(f).toMatch(/2030-01-06 08:00:00\s+ok\s+1\.0 s\s+line one/);
    expect(f).toContain('Error: store:hello:4:2: division by zero');
    expect(f).toContain('partial');
    await press(KEY.down);
    f = frame();
    expect(f).toContain('line two');
    expect(f).not.toContain('Error: store');
    await press(KEY.esc);
    expect(frame()).toContain('NEXT RUN');
    app.unmount();
  });
});

describe('the task form', () => {
  const cases: Array<{ kind: string; pick: string; fill: Array<[string, string]>; expected: Task['frequency'] | ((t: Task) => void); text: RegExp }> = [
    { kind: 'Never', pick: 'n', fill: [], expected: { kind: 'never' }, text: /never/ },
    { kind: 'Minute interval', pick: 'mi', fill: [['Every N minutes', '20']], expected: { kind: 'minutes', every: 20 }, text: /every 20 min/ },
    { kind: 'Hourly', pick: 'h', fill: [['At minute', '45']], expected: { kind: 'hourly', minute: 45 }, text: /hourly at :45/ },
    { kind: 'Week interval', pick: 'w', fill: [['Time of day', '07:15'], ['Weekdays', 'mon,wed']], expected: { kind: 'weekly', time: '07:15', days: [1, 3] }, text: /Mon, Wed at 07:15/ },
    {
      kind: 'Month interval',
      pick: 'mo',
      fill: [['Time of day', '06:30'], ['Days of month', '1,15'], ['Months', '1-6']],
      expected: { kind: 'monthly', time: '06:30', days: [1, 15], months: [1, 2, 3, 4, 5, 6] },
      text: /day 1 and 15 of Jan–Jun/,
    },
    {
      kind: 'After',
      pick: 'a',
      fill: [['At', '2030-02-01 09:30']],
      expected: (t) => expect(t.frequency).toEqual({ kind: 'once', at: new Date(2030, 1, 1, 9, 30).toISOString() }),
      text: /once at 2030-02-01 09:30/,
    },
  ];

  for (const c of cases) {
    it(`creates a task with the frequency "${c.kind}"`, async () => {
      const { frame, press, app } = await open();
      await press('n');
      expect(frame()).toContain('New scheduled task');
      await typeInto(press, frame, 'Name', 'My task');
      await typeInto(press, frame, 'Script', 'hello');
      await focusField(press, frame, 'Frequency');
      await press(c.pick);
      expect(frame()).toContain(c.kind);
      for (const [label, value] of c.fill) await typeInto(press, frame, label, value);
      await press(KEY.ctrlS);
      const task = await waitFor(() => store.read().tasks.find((t) => t.name === 'My task'), 2000, 'the saved task');
      if (typeof c.expected === 'function') c.expected(task);
      else expect(task.frequency).toEqual(c.expected);
      expect(task.targetId).toBe(scriptId);
      await waitFor(() => flashes.includes('Created the task "My task".'), 3000, 'the message');
      await waitFor(() => c.text.test(frame()), 3000, 'the list row');
      app.unmount();
    });
  }

  it('creates a "Run after schedule" task and sets Start now, Disable, lock and restart fields', async () => {
    const first = await addTaskNow('Import', { kind: 'never' });
    const { frame, press, app } = await open();
    await press('n');
    await typeInto(press, frame, 'Name', 'Report');
    await typeInto(press, frame, 'Script', 'hello');
    await focusField(press, frame, 'Frequency');
    await press('r');
    await focusField(press, frame, 'After task');
    await press(KEY.right);
    expect(frame()).toContain('‹ Import ›');
    await focusField(press, frame, 'Start now');
    await press(KEY.space);
    await focusField(press, frame, 'Disable');
    await press(KEY.space);
    await typeInto(press, frame, 'Lock time (min)', '3');
    await typeInto(press, frame, 'Restart after error (min)', '7');
    await press(KEY.ctrlS);
    const task = await waitFor(() => store.read().tasks.find((t) => t.name === 'Report'), 2000, 'the saved task');
    expect(task).toMatchObject({ frequency: { kind: 'after', taskId: first.id }, startNow: true, enabled: false, lockMinutes: 3, restartAfterMinutes: 7 });
    app.unmount();
  });

  it('shows a problem under the form and saves nothing until it is fixed', async () => {
    const { frame, press, app } = await open();
    await press('n');
    await typeInto(press, frame, 'Name', 'Bad');
    await typeInto(press, frame, 'Script', 'nope');
    await press(KEY.ctrlS);
    expect(frame()).toContain('There is no script "nope"');
    await typeInto(press, frame, 'Script', 'hello');
    await focusField(press, frame, 'Frequency');
    await press('w');
    await typeInto(press, frame, 'Time of day', '25:00');
    await press(KEY.ctrlS);
    expect(frame()).toContain('"25:00" is not a time of day');
    expect(store.read().tasks).toHaveLength(0);
    await typeInto(press, frame, 'Time of day', '09:00');
    await press(KEY.ctrlS);
    await waitFor(() => store.read().tasks.length === 1, 2000, 'the saved task');
    app.unmount();
  });

  it('edits a task: the form starts from its values and a new frequency gets a new next run', async () => {
    await addTaskNow('Weekly', { kind: 'weekly', time: '08:00', days: [1, 3] });
    const { frame, press, app } = await open();
    await press('e');
    const f = frame();
    expect(f).toContain('Edit the task "Weekly"');
    expect(f).toContain('Week interval');
    expect(f).toMatch(/Weekdays\s+mon,wed/);
    await focusField(press, frame, 'Frequency');
    await press('h');
    await typeInto(press, frame, 'At minute', '10');
    await press(KEY.ctrlS);
    const task = await waitFor(() => {
      const t = requireTask(store.read(), 'Weekly');
      return t.frequency.kind === 'hourly' ? t : null;
    }, 2000, 'the edit');
    expect(task.nextRun).toBe(new Date(2030, 0, 7, 10, 10).toISOString());
    await waitFor(() => /Weekly\s+hourly at :10/.test(frame()), 3000, 'the list row');
    app.unmount();
  });

  it('asks before throwing away a changed form', async () => {
    const { frame, press, app } = await open();
    await press('n');
    await typeInto(press, frame, 'Name', 'Draft');
    await press(KEY.esc);
    expect(frame()).toContain('Discard the changes?');
    await press('n');
    expect(frame()).toContain('New scheduled task');
    await press(KEY.esc, 'y');
    expect(frame()).not.toContain('New scheduled task');
    expect(store.read().tasks).toHaveLength(0);
    app.unmount();
  });
});

describe('a running task', () => {
  it('shows a live, never negative elapsed time and the output so far, and s stops it after asking', async () => {
    const task = await addTaskNow('Long job', { kind: 'never' });
    // a run that a daemon (this process, as the lease owner) started 3 s before the tab's clock
    await store.update((d) => {
      const t = getById(d, 'tasks', task.id)!;
      t.lease = { owner: `daemon:${process.pid}@${hostname()}/abc123`, until: new Date(NOW.getTime() + 60_000).toISOString() };
      const run = startTaskRun(d, task.id, new Date(NOW.getTime() - 3000).toISOString());
      run.output = 'step one\nstep two\n';
    });
    const { press, frame, until, app } = await open({ footerWidth: 80 });
    await until('Long job');
    // the 80-column footer offers the stop key while the selected task runs
    expect(frame()).toMatch(/s Stop run/);
    await until(/Running since \d{4}-\d\d-\d\d 09:59:57, for 3\.0 s — step two/);
    // the history shows the output so far, with times to the second
    await press(KEY.enter);
    await until('─ output so far ─');
    expect(frame()).toMatch(/Started \d{4}-\d\d-\d\d 09:59:57 · running for 3\.0 s · running/);
    expect(frame()).toContain('step two');
    expect(frame()).not.toContain('(no output)');
    // s asks, y asks the daemon to stop it (through the store)
    await press('s');
    await until('Stop the run of "Long job"?');
    await press('y');
    await waitFor(() => flashes.find((f) => f.startsWith('Asked to stop "Long job"')), 5000, 'the message');
    const run = store.read().taskRuns.find((r) => r.taskId === task.id)!;
    expect(run.stopRequestedBy).toBe('tester (tui)');
    app.unmount();
  });

  it('says "stopped" for a run ended from outside', async () => {
    const task = await addTaskNow('Was stopped', { kind: 'never' });
    await store.update((d) => {
      const run = startTaskRun(d, task.id, new Date(NOW.getTime() - 5000).toISOString());
      finishTaskRun(d, run.id, { outcome: 'interrupted', output: '', outputBlob: null, error: 'Stopped by ann (cli).', endedAt: new Date(NOW.getTime() - 1000).toISOString() });
    });
    const { frame, until, app } = await open();
    await until('Was stopped');
    await until(/Last run \d{4}-\d\d-\d\d 09:59:55: stopped in 4\.0 s — Stopped by ann \(cli\)\./);
    expect(frame()).not.toContain('interrupted');
    app.unmount();
  });
});

describe('columns at 80', () => {
  it('give a long name the room a short frequency does not need', async () => {
    await addTaskNow('Nightly export of the sales pipeline', { kind: 'never' });
    const { frame, app } = await open();
    expect(frame()).toMatch(/Nightly export of the sales pipeline\s+never\s+/);
    for (const line of frame().split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    app.unmount();
  });
});
