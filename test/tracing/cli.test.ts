// `crmscript-tui traces ...`: the commands in this process, the runs they record and `traces tail`
// through the built CLI (dist/, built by `npm test`).
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { Store } from '../../src/store/store.js';
import { createScript } from '../../src/store/repos.js';
import { runTarget } from '../../src/run/target.js';
import { cleanupTempDirs, tempDir } from './helpers.js';
import { CLI, runBuiltCli, runCommands, whenOutput } from '../common.js';
import { registerTraceCommands } from '../../src/commands/traces.js';

afterEach(cleanupTempDirs);

/** A command through the built CLI (runs record their source as 'cli' and their user from USER). */
function cli(dir: string, args: string[], env: Record<string, string> = {}) {
  return runBuiltCli(args, { CRMSCRIPT_TUI_HOME: dir, USER: 'tester', ...env });
}

/** `traces ARGS` in this process: the command's own code against the store in `dir`, without starting a CLI each time. */
function traces(dir: string, args: string[]) {
  return runCommands((program) => registerTraceCommands(program, () => Store.open(dir, { seed: false })), ['traces', ...args]);
}

const SOURCE = `Integer twice(Integer v) {
  return v * 2;
}
Integer[] got;
for (Integer i = 1; i <= 2; i++) {
  got.pushBack(twice(i));
}
printLine("got " + got.length().toString());
if (got[1] == 4) throw "four is too many";`;

async function storeWithScript(): Promise<string> {
  const dir = tempDir();
  const store = await Store.open(dir, { seed: false });
  await store.update((d) => createScript(d, { name: 'Doubler', includeId: 'doubler', source: SOURCE }));
  return dir;
}

describe('traces commands', () => {
  it('adds a trace, switches tracing on, records a run of `run NAME` and shows a step', async () => {
    const dir = await storeWithScript();
    const add = await traces(dir, ['add', '--script', 'doubler', '--description', 'why four', '--keep-days', '3']);
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/^Added trace [a-z0-9]+ for script Doubler: records every run; keeps recordings 3 days\./);
    expect(add.err).toMatch(/Tracing is switched off/);
    expect((await traces(dir, ['on'])).out).toMatch(/Tracing is on/);

    const run = cli(dir, ['run', 'doubler']);
    expect(run.code).toBe(1);
    expect(run.out).toBe('got 2\n');

    const list = JSON.parse((await traces(dir, ['list', '--json'])).out);
    expect(list.tracingEnabled).toBe(true);
    expect(list.traces).toHaveLength(1);
    expect(list.traces[0]).toMatchObject({ description: 'why four', keepDays: 3, target: 'Doubler', enabled: true });
    const [rec] = list.traces[0].recordings;
    expect(rec).toMatchObject({ source: 'cli', user: 'tester', outcome: 'failed', exception: 'store:doubler:9:18: GeneralException: four is too many' });

    // recorded by its inputs: `traces show` replays it first, and the list has its steps from then on
    expect(rec).toMatchObject({ byInputs: true, steps: 0 });
    // by default the exception's step
    const shown = JSON.parse((await traces(dir, ['show', rec.id, '--json'])).out);
    const steps = shown.steps as number;
    expect(steps).toBeGreaterThan(10);
    expect(shown).toMatchObject({ step: steps, line: 9, depth: 1, exception: { message: 'GeneralException: four is too many', step: steps } });
    expect(JSON.parse((await traces(dir, ['list', '--json'])).out).traces[0].recordings[0].steps).toBe(steps);
    const got = shown.frames[0].locals.find((v: { name: string }) => v.name === 'got');
    expect(got).toMatchObject({ type: 'Integer[]', value: '[2, 4]', count: 2 });
    expect(got.children.map((c: { value: string }) => c.value)).toEqual(['2', '4']);
    expect(shown.output).toBe('got 2\n');

    // a step inside the function, by its number (from 1), and by the beginning of the id
    const inFn = JSON.parse((await traces(dir, ['show', rec.id.slice(0, 5), '--step', '4', '--json'])).out);
    expect(inFn).toMatchObject({ step: 4, line: 2, depth: 2 });
    expect(inFn.stack.map((f: { name: string; line: number }) => `${f.name}:${f.line}`)).toEqual(['twice:2', '(main):6']);
    expect(inFn.frames[0].locals).toEqual([{ name: 'v', type: 'Integer', value: '1' }]);

    const text = await traces(dir, ['show', rec.id, '--step', '4']);
    expect(text.out).toContain('Step 4 of');
    expect(text.out).toContain('> 2 |   return v * 2;');
    expect(text.out).toMatch(/Call stack:\n {2}twice {2}store:doubler:2:3\n {2}\(main\) {2}store:doubler:6:3/);
    expect(text.out).toContain('    v: Integer = 1');

    const bad = await traces(dir, ['show', rec.id, '--step', '999']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^--step must be between 1 and \d+/);
  });

  it('enables, disables, edits and removes traces; the global switch pauses recording', async () => {
    const dir = await storeWithScript();
    const id = /Added trace ([a-z0-9]+)/.exec((await traces(dir, ['add', '--script', 'Doubler', '--disabled', '--resolution', '2'])).out)![1];
    await traces(dir, ['on']);
    cli(dir, ['run', 'doubler']);
    expect(JSON.parse((await traces(dir, ['list', '--json'])).out).traces[0].recordings).toHaveLength(0);
    expect((await traces(dir, ['enable', id])).out).toBe(`Trace ${id} is enabled.\n`);
    await traces(dir, ['off']);
    cli(dir, ['run', 'doubler']);
    expect(JSON.parse((await traces(dir, ['list', '--json'])).out).traces[0].recordings).toHaveLength(0);
    await traces(dir, ['on']);
    cli(dir, ['run', 'doubler']);
    cli(dir, ['run', 'doubler']);
    expect(JSON.parse((await traces(dir, ['list', '--json'])).out).traces[0].recordings).toHaveLength(1);

    const edit = await traces(dir, ['edit', id, '--user', 'someone', '--only-on-exception', '--notify', '--email', 'ops@example.com', '--max-notifications', '3']);
    expect(edit.out).toBe(`Trace ${id} for script Doubler: records every 2th run by someone, kept only when it ends with an unhandled exception; keeps recordings 7 days; notifies ops@example.com (at most 3).\n`);
    const text = (await traces(dir, ['list'])).out;
    expect(text).toContain('Tracing is on');
    expect(text).toMatch(/RUN +WHEN +STARTED BY +DURATION +STEPS +OUTCOME +EXCEPTION/);

    expect((await traces(dir, ['rm', id])).out).toBe(`Removed trace ${id} and 1 recording.\n`);
    expect(JSON.parse((await traces(dir, ['list', '--json'])).out).traces).toEqual([]);
  });

  it('explains mistakes in sentences', async () => {
    const dir = await storeWithScript();
    const noTarget = await traces(dir, ['add']);
    expect(noTarget.code).toBe(1);
    expect(noTarget.err).toBe('Name what to trace with --script NAME or --macro NAME.\n');
    expect((await traces(dir, ['add', '--script', 'doubler', '--notify'])).err).toBe('--notify needs --email ADDRESS (where the notifications go).\n');
    expect((await traces(dir, ['add', '--script', 'doubler', '--resolution', '0'])).err).toBe('--resolution must be at least 1.\n');
    expect((await traces(dir, ['add', '--script', 'nope'])).err).toMatch(/nope/);
    expect((await traces(dir, ['rm', 'zzz'])).err).toBe('There is no trace with id "zzz".\n');
    expect((await traces(dir, ['show', 'zzz'])).err).toBe('There is no trace recording with id "zzz".\n');
    // tail names the mistake, and says nothing about following first
    const tail = await traces(dir, ['tail', '--script', 'nosuch']);
    expect(tail.code).toBe(1);
    expect(tail.out).toBe('');
    expect(tail.err).toBe('There is no script named "nosuch" (by include name, folder path, name or id).\n');
  });

  it('names who started each recording in one "source (user)" form', async () => {
    const dir = await storeWithScript();
    await traces(dir, ['add', '--script', 'doubler']);
    await traces(dir, ['on']);
    cli(dir, ['run', 'doubler']);
    const store = await Store.open(dir, { seed: false });
    const id = store.read().scripts[0]!.id;
    await runTarget(store, 'script', id, { source: 'tui', user: 'anna' }).result;
    await runTarget(store, 'script', id, { source: 'daemon', startedBy: 'task:Nightly' }).result;
    await runTarget(store, 'script', id, { source: 'http', user: '' }).result;
    store.close();
    const table = (await traces(dir, ['list'])).out;
    for (const who of ['cli (tester)', 'tui (anna)', 'daemon task:Nightly']) expect(table).toContain(`  ${who}  `);
    expect(table).toMatch(/ {2}http {2}/);
    expect(table).not.toMatch(/http \(http\)|· /);
  });
});

describe('traces tail', () => {
  it('prints a recording another process makes, as it is saved, and keeps following', async () => {
    const dir = await storeWithScript();
    await traces(dir, ['add', '--script', 'doubler']);
    await traces(dir, ['on']);
    const tail = spawn(process.execPath, [CLI, 'traces', 'tail', '--script', 'doubler', '--json'], { env: { ...process.env, CRMSCRIPT_TUI_HOME: dir } });
    try {
      let out = '';
      let err = '';
      tail.stdout.on('data', (c: Buffer) => (out += c.toString()));
      tail.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const waitFor = (test: () => boolean, ms: number): Promise<void> =>
        whenOutput([tail.stdout, tail.stderr], test, ms, () => `stdout=${JSON.stringify(out)} stderr=${JSON.stringify(err)}`);
      await waitFor(() => err.includes('Following new trace recordings of script Doubler'), 10_000);
      expect(out).toBe('');
      // another process runs the script twice
      const runs = await new Promise<number>((resolve) => {
        const p = spawn(process.execPath, [CLI, 'run', 'doubler'], { env: { ...process.env, CRMSCRIPT_TUI_HOME: dir, USER: 'erin' } });
        p.on('exit', () => resolve(1));
      });
      expect(runs).toBe(1);
      await waitFor(() => out.split('\n').filter((l) => l !== '').length >= 1, 10_000);
      cli(dir, ['run', 'doubler'], { USER: 'frank' });
      await waitFor(() => out.split('\n').filter((l) => l !== '').length >= 2, 10_000);
      const lines = out.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => l.user)).toEqual(['erin', 'frank']);
      expect(lines[0]).toMatchObject({ source: 'cli', outcome: 'failed', exception: 'store:doubler:9:18: GeneralException: four is too many', target: { kind: 'script' } });
      expect(tail.exitCode).toBeNull(); // still following
    } finally {
      tail.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((resolve) => (tail.exitCode !== null ? resolve(tail.exitCode) : tail.on('exit', (c) => resolve(c))));
    expect(code).toBe(0);
  });

  it('prints one line per recording in text form', async () => {
    const dir = await storeWithScript();
    await traces(dir, ['add', '--script', 'doubler']);
    await traces(dir, ['on']);
    cli(dir, ['run', 'doubler']);
    // -n 1: the last recording first; then it would follow (stopped at once here)
    const tail = spawn(process.execPath, [CLI, 'traces', 'tail', '-n', '1'], { env: { ...process.env, CRMSCRIPT_TUI_HOME: dir } });
    let out = '';
    tail.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise<void>((resolve) => tail.stderr.on('data', () => resolve()));
    tail.kill('SIGINT');
    await new Promise((r) => tail.on('exit', r));
    expect(out).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}script Doubler {2}cli \(tester\) {2}\d+ ms {2}failed {2}store:doubler:9:18: GeneralException: four is too many {2}\[[a-z0-9]+\]\n$/);
  });
});
