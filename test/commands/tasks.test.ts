// `crmscript-tui tasks ...` run in-process against a temporary store.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Store } from '../../src/store/store.js';
import { createMacro, createScript, finishTaskRun, startTaskRun } from '../../src/store/repos.js';
import { registerTaskCommands } from '../../src/commands/tasks.js';
import { requireTask } from '../../src/tasks/manage.js';
import { cleanupTempDirs, tempDir } from '../daemon/helpers.js';
import { runCommands, type CliResult } from '../common.js';

let dir: string;

beforeEach(async () => {
  dir = tempDir('crms-tasks-cli-');
  const s = await Store.open(dir, { seed: false });
  await s.update((d) => {
    createScript(d, { name: 'Hello', includeId: 'hello', source: 'printLine("hi");' });
    createMacro(d, { name: 'Tidy' });
  });
  s.close();
});
afterEach(() => {
  cleanupTempDirs();
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

function cli(...args: string[]): Promise<CliResult> {
  return runCommands((program) => registerTaskCommands(program, () => Store.open(dir, { seed: false })), args);
}

async function data() {
  const s = await Store.open(dir, { seed: false });
  const d = s.read();
  s.close();
  return d;
}

describe('tasks add', () => {
  it('adds a task for every kind of frequency', async () => {
    const cases: Array<[string[], object]> = [
      [['--every-minutes', '15'], { kind: 'minutes', every: 15 }],
      [['--hourly-at', '5'], { kind: 'hourly', minute: 5 }],
      [['--weekly', '8:00', '--days', 'mon,wed'], { kind: 'weekly', time: '08:00', days: [1, 3] }],
      [['--monthly', '06:30', '--mdays', '1,15', '--months', '1-6'], { kind: 'monthly', time: '06:30', days: [1, 15], months: [1, 2, 3, 4, 5, 6] }],
      [['--at', '2031-03-04 05:06'], { kind: 'once', at: new Date(2031, 2, 4, 5, 6).toISOString() }],
      [['--never'], { kind: 'never' }],
    ];
    let i = 0;
    for (const [opts, freq] of cases) {
      const r = await cli('tasks', 'add', '--name', `T${i}`, '--script', 'hello', ...opts);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Added the task "T\d"/);
      expect(requireTask(await data(), `T${i}`).frequency).toEqual(freq);
      i++;
    }
    const r = await cli('tasks', 'add', '--name', 'Chained', '--macro', 'Tidy', '--after', 'T0', '--lock-minutes', '3', '--restart-after', '2', '--disabled');
    expect(r.code).toBe(0);
    const d = await data();
    expect(requireTask(d, 'Chained')).toMatchObject({
      targetKind: 'macro',
      frequency: { kind: 'after', taskId: requireTask(d, 'T0').id },
      lockMinutes: 3,
      restartAfterMinutes: 2,
      enabled: false,
      nextRun: null,
    });
    expect(requireTask(d, 'T0').nextRun).not.toBeNull();
  });

  it('explains what is wrong, on stderr with status 1', async () => {
    const bad: Array<[string[], RegExp]> = [
      [['--name', 'X', '--script', 'hello'], /Give the frequency/],
      [['--name', 'X', '--script', 'nope', '--never'], /no script named "nope"/],
      [['--name', 'X', '--never'], /--script NAME or --macro NAME/],
      [['--name', 'X', '--script', 'hello', '--weekly', '08:00'], /--weekly needs --days/],
      [['--name', 'X', '--script', 'hello', '--weekly', '8', '--days', 'mon'], /not a time of day/],
      [['--name', 'X', '--script', 'hello', '--never', '--hourly-at', '3'], /only one frequency/],
      [['--name', 'X', '--script', 'hello', '--hourly-at', '60'], /0 to 59/],
      [['--name', 'X', '--script', 'hello', '--monthly', '08:00', '--mdays', '31', '--months', 'feb'], /None of the chosen days/],
      [['--name', 'X', '--script', 'hello', '--at', 'soon'], /YYYY-MM-DD HH:MM/],
      [['--name', 'X', '--script', 'hello', '--never', '--lock-minutes', 'ten'], /--lock-minutes must be a whole number/],
    ];
    for (const [args, msg] of bad) {
      const r = await cli('tasks', 'add', ...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toMatch(msg);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    }
    expect((await data()).tasks).toHaveLength(0);
    await cli('tasks', 'add', '--name', 'X', '--script', 'hello', '--never');
    const dup = await cli('tasks', 'add', '--name', 'X', '--script', 'hello', '--never');
    expect(dup.err).toMatch(/already exists/);
  });
});

describe('tasks list, run, enable/disable, edit, rm, history', () => {
  it('works end to end on the store', async () => {
    await cli('tasks', 'add', '--name', 'Nightly', '--script', 'hello', '--weekly', '02:00', '--days', 'mon-fri');
    let r = await cli('tasks', 'list');
    expect(r.out).toMatch(/^NAME\s+RUNS\s+FREQUENCY\s+STATUS\s+LAST RUN\s+RESULT\s+NEXT RUN/);
    expect(r.out).toMatch(/Nightly\s+Hello\s+Mon–Fri at 02:00\s+scheduled\s+-\s+-\s+\d{4}-\d\d-\d\d 02:00/);

    r = await cli('tasks', 'run', 'Nightly');
    expect(r.out).toMatch(/Asked to start "Nightly". No daemon is serving this store now/);
    let json = JSON.parse((await cli('tasks', 'list', '--json')).out);
    expect(json[0]).toMatchObject({ name: 'Nightly', startNow: true, status: 'start requested', frequencyText: 'Mon–Fri at 02:00' });

    r = await cli('tasks', 'disable', 'Nightly');
    expect(r.out).toBe('Disabled the task "Nightly".\n');
    expect(requireTask(await data(), 'Nightly')).toMatchObject({ enabled: false, nextRun: null });
    await cli('tasks', 'enable', 'Nightly');
    expect(requireTask(await data(), 'Nightly').nextRun).toMatch(/T\d\d:00:00/);

    r = await cli('tasks', 'edit', 'Nightly', '--every-minutes', '30', '--name', 'Often');
    expect(r.code).toBe(0);
    expect(requireTask(await data(), 'Often').frequency).toEqual({ kind: 'minutes', every: 30 });

    const s = await Store.open(dir, { seed: false });
    await s.update((d) => {
      const t = requireTask(d, 'Often');
      const run = startTaskRun(d, t.id, '2030-01-01T10:00:00.000Z');
      finishTaskRun(d, run.id, { outcome: 'failed', output: 'step 1\n', error: 'store:hello:2:3: boom', endedAt: '2030-01-01T10:00:01.500Z' });
    });
    s.close();
    r = await cli('tasks', 'history', 'Often');
    expect(r.out).toMatch(/failed\s+1\.5 s\n {2}error: store:hello:2:3: boom\n {2}\| step 1/);
    json = JSON.parse((await cli('tasks', 'history', 'Often', '--json')).out);
    expect(json).toEqual([expect.objectContaining({ outcome: 'failed', durationMs: 1500, output: 'step 1\n', error: 'store:hello:2:3: boom' })]);

    r = await cli('tasks', 'show', 'Often');
    expect(r.out).toMatch(/Frequency:\s+every 30 min/);

    r = await cli('tasks', 'rm', 'Often');
    expect(r.out).toBe('Deleted the task "Often".\n');
    expect((await data()).tasks).toHaveLength(0);
    expect((await data()).taskRuns).toHaveLength(0);
    r = await cli('tasks', 'run', 'Often');
    expect(r.code).toBe(1);
    expect(r.err).toBe('There is no scheduled task named "Often".\n');
  });
});
