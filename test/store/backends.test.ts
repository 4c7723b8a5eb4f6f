import { afterEach, expect, it } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import { materialize } from '../../src/store/backend.js';
import {
  createScript,
  createTask,
  deleteScript,
  enqueueNotification,
  findScriptByIncludeId,
  finishTaskRun,
  recordTriggerFired,
  startTaskRun,
  tryAcquireLease,
  updateScript,
  updateSettings,
} from '../../src/store/repos.js';
import { cleanupTempDirs } from '../common.js';
import { describeBackends, openAt } from './backends.js';

afterEach(cleanupTempDirs);

describeBackends('store', (b) => {
  it('creates a seeded store on first use and does not re-seed it', async () => {
    const place = await b.fresh();
    const store = await openAt(place);
    expect(findScriptByIncludeId(store.read(), 'hello')).toBeDefined();
    const n = store.read().scripts.length;
    await store.update((d) => deleteScript(d, findScriptByIncludeId(d, 'hello')!.id));
    const again = await openAt(place);
    expect(again.read().scripts).toHaveLength(n - 1);
    expect(store.kind).toBe(b.name);
  });

  it('starts empty with seed: false', async () => {
    const store = await openAt(await b.fresh(), { seed: false });
    expect(store.read().scripts).toEqual([]);
    expect(store.read().tasks).toEqual([]);
  });

  it('returns the callback value, keeps old snapshots and caches the current one', async () => {
    const store = await openAt(await b.fresh());
    const a = store.read();
    expect(store.read()).toBe(a);
    const id = await store.update((d) => createScript(d, { name: 'New', source: 'printLine("x");' }).id);
    const after = store.read();
    expect(after).not.toBe(a);
    expect(after.scripts.find((s) => s.id === id)?.source).toBe('printLine("x");');
    expect(a.scripts.some((s) => s.id === id)).toBe(false);
  });

  it('writes nothing when the callback throws, and refuses invalid data with the path', async () => {
    const place = await b.fresh();
    const store = await openAt(place);
    await expect(
      store.update((d) => {
        createScript(d, { name: 'Half' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const err = await store.update((d) => updateSettings(d, { runTimeoutSeconds: -5 })).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.code).toBe('invalid');
    expect(err.message).toContain('settings.runTimeoutSeconds: must be at least 0');
    const fresh = await openAt(place);
    expect(fresh.read().scripts.some((s) => s.name === 'Half')).toBe(false);
    expect(fresh.read().settings.runTimeoutSeconds).toBe(60);
  });

  it('loses no update when two stores on the same place write at the same time', async () => {
    const place = await b.fresh();
    const one = await openAt(place, { seed: false });
    const two = await openAt(place, { seed: false });
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => one.update((d) => createScript(d, { name: `one-${i}` }))),
      ...Array.from({ length: 20 }, (_, i) => two.update((d) => createScript(d, { name: `two-${i}` }))),
    ]);
    const three = await openAt(place);
    expect(three.read().scripts).toHaveLength(40);
    // and each sees the other's writes once it writes again
    await one.update(() => undefined);
    expect(one.read().scripts.length).toBeGreaterThanOrEqual(20);
  });

  it('gives a lease to exactly one of several competing stores', async () => {
    const place = await b.fresh();
    const first = await openAt(place);
    const taskId = first.read().tasks[0]!.id;
    const stores = [first, ...(await Promise.all([1, 2, 3].map(() => openAt(place))))];
    const won = await Promise.all(stores.map((s, i) => s.update((d) => tryAcquireLease(d, taskId, `daemon:${i}`))));
    expect(won.filter(Boolean)).toHaveLength(1);
    const check = await openAt(place);
    expect(check.read().tasks[0]!.lease?.owner).toBe(`daemon:${won.indexOf(true)}`);
  });

  it('keeps run history, trigger state and the outbox', async () => {
    const place = await b.fresh();
    const store = await openAt(place);
    const taskId = store.read().tasks[0]!.id;
    const triggerId = store.read().triggers[0]!.id;
    const runId = await store.update((d) => startTaskRun(d, taskId).id);
    await store.update((d) => finishTaskRun(d, runId, { outcome: 'failed', output: 'out', error: 'boom' }));
    await store.update((d) => recordTriggerFired(d, triggerId, 'ok', '2026-01-02T03:04:05.000Z'));
    await store.update((d) => enqueueNotification(d, { to: 'ops@example.com', subject: 'Hi', body: 'There' }));
    const d = (await openAt(place)).read();
    expect(d.taskRuns.find((r) => r.id === runId)).toMatchObject({ outcome: 'failed', output: 'out', error: 'boom' });
    expect(d.tasks.find((t) => t.id === taskId)!.lastRun).not.toBeNull();
    expect(d.triggers.find((t) => t.id === triggerId)).toMatchObject({ lastFiredAt: '2026-01-02T03:04:05.000Z', lastOutcome: 'ok' });
    expect(d.outbox.map((n) => n.to)).toEqual(['ops@example.com']);
  });

  it('watch() tells about a change made through another store', async () => {
    const place = await b.fresh();
    const watcher = await openAt(place);
    const writer = await openAt(place);
    const seen = new Promise<void>((resolve) => {
      const stop = watcher.watch(() => {
        if (watcher.read().scripts.some((s) => s.name === 'from the other one')) {
          stop();
          resolve();
        }
      });
    });
    await writer.update((d) => createScript(d, { name: 'from the other one' }));
    await seen;
    expect(watcher.read().scripts.some((s) => s.name === 'from the other one')).toBe(true);
  });

  it('replaces everything with replaceAll and gives the same document back', async () => {
    const source = await openAt(await b.fresh());
    const taskId = source.read().tasks[0]!.id;
    await source.update((d) => {
      startTaskRun(d, taskId);
      createTask(d, { name: 'second', targetKind: 'script', targetId: d.scripts[0]!.id });
      updateScript(d, d.scripts[1]!.id, { description: 'changed' });
    });
    const data = materialize(source.read());
    const target = await openAt(await b.fresh(), { seed: false });
    await target.replaceAll(data);
    expect(materialize(target.read())).toEqual(data);
  });
});
