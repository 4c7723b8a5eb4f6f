// Issue 13: no script can end the daemon. The real daemon process runs hostile scripts over HTTP
// and as scheduled tasks (memory, output, a huge array), answers each with a clear error, keeps
// serving, and runs the other tasks; HTTP runs beyond httpRunsMax get 503 with Retry-After.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Store } from '../../src/store/store.js';
import { createScript, taskRunsFor, updateSettings } from '../../src/store/repos.js';
import type { TaskRun } from '../../src/store/schema.js';
import { addTask, requestStartNow } from '../../src/tasks/manage.js';
import { cleanupTempDirs, tempDir, waitFor } from './helpers.js';
import { requireBuiltCli } from '../common.js';
import { call, cli, get, killStartedDaemons, startDaemon } from './process.js';

requireBuiltCli();

afterEach(async () => {
  await killStartedDaemons();
  cleanupTempDirs();
});

const HOSTILE = {
  hog: 'Map m;\nInteger i = 0;\nwhile (true) { m.insert(i.toString(), ""); i++; }',
  bigarray: 'Integer[50000000] a;',
  flood: 'String s = "0123456789";\nInteger i = 0;\nwhile (i < 16) { s = s + s; i++; }\nwhile (true) { print(s); }',
  slow: 'Integer i = 0;\nwhile (true) { i = i + 1; }',
  fine: 'printLine("fine");',
};

async function prepare(dir: string, settings: Parameters<typeof updateSettings>[1], tasks: Array<{ name: string; script: keyof typeof HOSTILE; restart?: number }> = []) {
  const store = await Store.open(dir, { seed: false });
  const ids = await store.update((d) => {
    updateSettings(d, settings);
    const scripts: Record<string, string> = {};
    for (const [name, source] of Object.entries(HOSTILE)) scripts[name] = createScript(d, { name, includeId: name, source }).id;
    const out: Record<string, string> = {};
    for (const t of tasks) {
      out[t.name] = addTask(d, { name: t.name, targetKind: 'script', targetId: scripts[t.script]!, frequency: { kind: 'never' }, restartAfterMinutes: t.restart }).id;
    }
    return out;
  });
  store.close();
  return ids;
}

async function runsOf(dir: string, taskId: string): Promise<TaskRun[]> {
  const s = await Store.open(dir, { seed: false });
  const r = taskRunsFor(s.read(), taskId);
  s.close();
  return r;
}

async function startNow(dir: string, taskId: string): Promise<void> {
  const s = await Store.open(dir, { seed: false });
  await s.update((d) => requestStartNow(d, taskId));
  s.close();
}

describe('the daemon under hostile scripts', () => {
  it('answers HTTP runs that exceed memory and output with clear errors and keeps serving', async () => {
    const dir = tempDir();
    await prepare(dir, { memoryLimitMb: 64, outputLimitMb: 1 });
    const d = await startDaemon(dir);
    const token = readFileSync(`${dir}/daemon.token`, 'utf8').trim();

    const hog = await call(d.port, 'POST', '/api/scripts/hog/run', token, {});
    expect(hog.status).toBe(200);
    expect(hog.body.ok).toBe(false);
    expect(hog.body.error).toMatch(/^store:hog:3:\d+: the script used more than the memory limit of 64 MB$/);
    expect(hog.body.stopped).toBe('memory');

    const big = await call(d.port, 'POST', '/api/scripts/bigarray/run', token, {});
    expect(big.body.error).toMatch(/^store:bigarray:1:\d+: the script used more than the memory limit of 64 MB$/);

    const flood = await call(d.port, 'POST', '/api/scripts/flood/run', token, {});
    expect(flood.body.error).toMatch(/^store:flood:4:\d+: the script printed more than the output limit of 1 MB and was stopped$/);
    expect(flood.body.output.length).toBe(1024 * 1024);

    expect((await get(d.port, '/api/health', token)).body.ok).toBe(true);
    const fine = await call(d.port, 'POST', '/api/scripts/fine/run', token, {});
    expect(fine.body).toMatchObject({ ok: true, output: 'fine\n' });
    expect(d.proc.exitCode).toBeNull();
  });

  it('runs a hostile task with restart-after-error, records the error, and other tasks still run', async () => {
    const dir = tempDir();
    const ids = await prepare(dir, { memoryLimitMb: 64 }, [
      { name: 'Hog', script: 'hog', restart: 1 },
      { name: 'Big', script: 'bigarray', restart: 1 },
      { name: 'Fine', script: 'fine' },
    ]);
    const d = await startDaemon(dir);
    await startNow(dir, ids.Hog!);
    await startNow(dir, ids.Big!);
    const hog = await waitFor(async () => (await runsOf(dir, ids.Hog!)).find((r) => r.outcome !== 'running'), 60_000, 'the Hog run to end');
    const big = await waitFor(async () => (await runsOf(dir, ids.Big!)).find((r) => r.outcome !== 'running'), 60_000, 'the Big run to end');
    expect(hog.outcome).toBe('failed');
    expect(hog.error).toMatch(/^store:hog:3:\d+: the script used more than the memory limit of 64 MB$/);
    expect(big.error).toMatch(/^store:bigarray:1:\d+: the script used more than the memory limit of 64 MB$/);

    // the restart after the error is scheduled, and the daemon goes on with other work
    const store = await Store.open(dir, { seed: false });
    const task = store.read().tasks.find((t) => t.id === ids.Hog)!;
    store.close();
    expect(Date.parse(task.nextRun!)).toBeGreaterThan(Date.parse(hog.endedAt!));
    await startNow(dir, ids.Fine!);
    const fine = await waitFor(async () => (await runsOf(dir, ids.Fine!)).find((r) => r.outcome !== 'running'), 30_000, 'the Fine run to end');
    expect(fine).toMatchObject({ outcome: 'ok', output: 'fine\n' });
    expect(d.proc.exitCode).toBeNull();
    expect((await cli(dir, ['tasks', 'list'])).code).toBe(0);
  });

  it('runs at most httpRunsMax scripts over HTTP at once; more get 503 with Retry-After', async () => {
    const dir = tempDir();
    await prepare(dir, { httpRunsMax: 1, runTimeoutSeconds: 3 });
    const d = await startDaemon(dir);
    const token = readFileSync(`${dir}/daemon.token`, 'utf8').trim();
    const first = call(d.port, 'POST', '/api/scripts/slow/run', token, {});
    await waitFor(async () => (await get(d.port, '/api/health', token)).body.httpRuns === 1, 15_000, 'the first run to start');

    const second = await call(d.port, 'POST', '/api/scripts/fine/run', token, {});
    expect(second.status).toBe(503);
    expect(second.headers['retry-after']).toBe('2');
    expect(second.body.error).toMatch(/the most it runs at once \(setting httpRunsMax\)/);
    const event = await call(d.port, 'POST', '/api/events/SalesBeforeSaveSale', token, {});
    expect(event.status).toBe(503);

    // the slot frees when the run ends (here at its time limit)
    const ended = await first;
    expect(ended.body.stopped).toBe('timeout');
    const again = await call(d.port, 'POST', '/api/scripts/fine/run', token, {});
    expect(again.body).toMatchObject({ ok: true, output: 'fine\n' });
  });
});
