// Pruning each task's run history to its newest runs (src/daemon/history-prune.ts), on the JSON
// store and on PostgreSQL: once for a wave of ends, in a write of its own, with the output blobs
// of the runs it removes; a task that ended no run keeps its history.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { Store } from '../../src/store/store.js';
import { createScript, createTask, startTaskRun, taskRunsFor } from '../../src/store/repos.js';
import { blobPath, writeBlob } from '../../src/store/blobs.js';
import { HistoryPrune } from '../../src/daemon/history-prune.js';
import { silentLogger } from '../../src/daemon/log.js';
import { cleanupTempDirs, waitFor } from './helpers.js';
import { describeBackends } from '../store/backends.js';

let store: Store;

/** `tasks` tasks with `runs` ended runs each, a minute apart; returns the task ids. */
async function history(tasks: number, runs: number): Promise<string[]> {
  return store.update((d) => {
    const s = createScript(d, { name: 'Tick' });
    const ids = Array.from({ length: tasks }, (_, i) => createTask(d, { name: `T${i}`, targetKind: 'script', targetId: s.id }).id);
    for (let m = 0; m < runs; m++) {
      for (const id of ids) {
        const at = new Date(Date.UTC(2030, 0, 1, 0, m)).toISOString();
        Object.assign(startTaskRun(d, id, at), { outcome: 'ok', endedAt: at });
      }
    }
    return ids;
  });
}

const startTimes = (taskId: string): string[] => taskRunsFor(store.read(), taskId).map((r) => r.startedAt);
const minute = (m: number): string => new Date(Date.UTC(2030, 0, 1, 0, m)).toISOString();

describeBackends('pruning the run history', (b) => {
  beforeEach(async () => {
    const place = await b.fresh();
    store = await Store.open(place.dir, { url: place.url ?? '', seed: false });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await store.close();
    cleanupTempDirs();
  });

  it('keeps the newest runs of each task that ended a run, in one write once the ends stop', async () => {
    const [a, bb, c] = await history(3, 6);
    const writes = vi.spyOn(store, 'update');
    const prune = new HistoryPrune(store, silentLogger, { keep: 2, quietMs: 20 });
    for (let i = 0; i < 50; i++) prune.note(i % 2 ? a! : bb!);
    await waitFor(() => startTimes(a!).length === 2, 10_000, 'the prune');
    expect(startTimes(a!)).toEqual([minute(5), minute(4)]);
    expect(startTimes(bb!)).toEqual([minute(5), minute(4)]);
    // the task that ended no run keeps its whole history
    expect(startTimes(c!)).toHaveLength(6);
    expect(writes).toHaveBeenCalledTimes(1);
  });

  it('removes the output blobs of the runs it prunes, and keeps those of the runs it keeps', async () => {
    const [a] = await history(1, 3);
    const runs = taskRunsFor(store.read(), a!); // newest first
    const blobs = ['keep', 'drop'];
    await writeBlob(store.dataDir, blobs[0]!, 'x'.repeat(10_000));
    await writeBlob(store.dataDir, blobs[1]!, 'y'.repeat(10_000));
    await store.update((d) => {
      taskRunsFor(d, a!)[0]!.outputBlob = 'keep';
      taskRunsFor(d, a!)[2]!.outputBlob = 'drop';
    });
    const prune = new HistoryPrune(store, silentLogger, { keep: 2 });
    prune.note(a!);
    await prune.flush();
    expect(taskRunsFor(store.read(), a!).map((r) => r.id)).toEqual([runs[0]!.id, runs[1]!.id]);
    expect(existsSync(blobPath(store.dataDir, 'keep'))).toBe(true);
    expect(existsSync(blobPath(store.dataDir, 'drop'))).toBe(false);
  });

  it('prunes while ends keep coming, once the longest delay is over', async () => {
    const [a] = await history(1, 5);
    const prune = new HistoryPrune(store, silentLogger, { keep: 1, quietMs: 60_000, maxDelayMs: 30 });
    // an end every few milliseconds: the quiet time never comes
    let notes = 0;
    await waitFor(() => {
      prune.note(a!);
      notes++;
      return startTimes(a!).length === 1;
    }, 10_000, 'a prune while ends keep coming');
    expect(notes).toBeGreaterThan(1);
  });

  it('tries a failed prune again after the next end', async () => {
    const [a] = await history(1, 4);
    const logged: string[] = [];
    const log = { ...silentLogger, warn: (msg: string) => void logged.push(msg) };
    const prune = new HistoryPrune(store, log, { keep: 1, quietMs: 10 });
    vi.spyOn(store, 'update').mockRejectedValueOnce(Object.assign(new Error('the store is away'), { code: 'io' }));
    prune.note(a!);
    await prune.flush();
    expect(logged).toEqual(['cannot prune the run history now; trying again after the next run ends']);
    expect(startTimes(a!)).toHaveLength(4);
    prune.note(a!);
    await waitFor(() => startTimes(a!).length === 1, 10_000, 'the prune tried again');
  });
});

