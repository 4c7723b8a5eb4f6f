// What a scheduler pass decides, judged on a document (pure): a task due once that has run is done,
// even when this scheduler remembers an older schedule of it (seen before a change, or from a
// snapshot older than the claim, as after a database restart).
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { createScript } from '../../src/store/repos.js';
import { addTask } from '../../src/tasks/manage.js';
import { collectActions, fingerprint, type ClaimContext } from '../../src/daemon/scheduler-claims.js';
import type { Task } from '../../src/store/schema.js';
import { cleanupTempDirs, tempDir } from '../common.js';

afterAll(cleanupTempDirs);

describe('collectActions', () => {
  it('does not make a task due once again after it ran, whatever schedule of it the scheduler saw before', async () => {
    const store = await Store.open(tempDir(), { seed: false });
    const at = '2026-12-03T10:00:00.000Z';
    const id = await store.update((d) => {
      const s = createScript(d, { name: 'work', source: 'printLine("x");' });
      return addTask(d, { name: 'Due', targetKind: 'script', targetId: s.id, frequency: { kind: 'never' } }).id;
    });
    const doc = structuredClone(store.read());
    await store.close();
    const task = doc.tasks.find((t) => t.id === id)!;
    const before: Task = structuredClone(task); // as the scheduler saw it: never due
    Object.assign(task, { frequency: { kind: 'once', at }, nextRun: null, lastRun: '2026-12-03T10:00:00.900Z' });
    const ctx: ClaimContext = {
      owner: 'daemon:1@test/aa',
      isAlive: () => true,
      schedule: { timezone: 'UTC' },
      taking: true,
      active: new Map(),
      seen: new Map([[id, fingerprint(before)]]),
      aheadMs: 0,
    };
    const now = new Date('2026-12-03T10:00:05Z');
    expect(collectActions(doc, now, ctx).filter((a) => 'taskId' in a && a.taskId === id)).toEqual([]);
    // Not run yet: the changed schedule makes it due at its time.
    task.lastRun = null;
    expect(collectActions(doc, now, ctx).filter((a) => 'taskId' in a && a.taskId === id)).toEqual([
      { kind: 'init', taskId: id, nextRun: at },
      { kind: 'claim', taskId: id },
    ]);
  });
});
