// Lookups by id through the collections' index (store/id-index.ts): whatever an update does to a
// collection (append, delete, splice, sort, replace), getById finds exactly what a scan finds.
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { cleanupTempDirs, tempDir } from '../common.js';
import { trackedUpdate } from '../../src/store/changes.js';
import { emptyStoreData, type StoreData } from '../../src/store/schema.js';
import { createScript, endTaskRun, getById, pruneRunsOfTasks, removeById } from '../../src/store/repos.js';
import { createTask, startTaskRun } from '../../src/store/repos/tasks.js';
import { indexOfId } from '../../src/store/id-index.js';

function withRuns(n: number): StoreData {
  const d = emptyStoreData();
  const s = createScript(d, { name: 's' });
  const t = createTask(d, { name: 't', targetKind: 'script', targetId: s.id });
  for (let i = 0; i < n; i++) startTaskRun(d, t.id, new Date(Date.UTC(2030, 0, 1, 0, i)).toISOString());
  return d;
}

/** getById of every id present (and of some absent ones) agrees with a scan of the runs. */
function agrees(d: StoreData, extra: string[] = []): void {
  const ids = [...d.taskRuns.map((r) => r.id), 'nope', ...extra];
  for (const id of ids) {
    const scanned = d.taskRuns.find((r) => r.id === id);
    expect(getById(d, 'taskRuns', id)?.id).toBe(scanned?.id);
    expect(getById(d, 'taskRuns', id)?.startedAt).toBe(scanned?.startedAt);
  }
}

afterEach(cleanupTempDirs);

describe('lookups by id', () => {
  it('find every entity of a snapshot, and nothing for an unknown id', () => {
    const d = withRuns(50);
    agrees(d);
    agrees(d); // the second round goes through the index
    expect(indexOfId(d.taskRuns, d.taskRuns[49]!.id)).toBe(49);
  });

  it('stay exact inside an update through appends, deletes, splices, sorts and replacements', () => {
    const d = withRuns(40);
    agrees(d); // indexes the snapshot
    const gone: string[] = [];
    const { doc } = trackedUpdate(d, (x) => {
      agrees(x); // a view: the index of the plain array behind it
      const added = startTaskRun(x, x.tasks[0]!.id, '2031-01-01T00:00:00.000Z');
      expect(getById(x, 'taskRuns', added.id)?.startedAt).toBe('2031-01-01T00:00:00.000Z');
      gone.push(removeById(x, 'taskRuns', x.taskRuns[3]!.id)!.id);
      agrees(x, gone);
      gone.push(...x.taskRuns.splice(10, 2).map((r) => r.id));
      agrees(x, gone);
      x.taskRuns.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      agrees(x, gone);
      const fresh = { ...x.taskRuns[5]!, id: 'replacement' };
      gone.push(x.taskRuns[5]!.id);
      x.taskRuns[5] = fresh;
      expect(getById(x, 'taskRuns', 'replacement')?.id).toBe('replacement');
      agrees(x, gone);
      x.taskRuns.length = 20;
      agrees(x, gone);
      x.taskRuns = x.taskRuns.filter((_, i) => i % 2 === 0);
      agrees(x, gone);
    });
    agrees(doc, gone);
    agrees(d); // the snapshot is untouched, and so is its index
    expect(d.taskRuns).toHaveLength(40);
  });

  it('stay exact when updates share the index of the snapshot they copy, for the copies and the snapshots, whether an update is kept or thrown away', () => {
    let d = withRuns(30);
    agrees(d);
    agrees(d); // indexed
    const snapshots: Array<{ d: StoreData; ids: string[] }> = [];
    for (let round = 0; round < 6; round++) {
      snapshots.push({ d, ids: d.taskRuns.map((r) => r.id) });
      const work = (x: StoreData): void => {
        startTaskRun(x, x.tasks[0]!.id, new Date(Date.UTC(2031, 0, 1, round)).toISOString());
        x.taskRuns[round] = { ...x.taskRuns[round]!, id: `swapped-${round}` };
        agrees(x);
        x.taskRuns.splice(2, 1);
        agrees(x);
      };
      // an update that fails: its changes to the shared index must not mislead the snapshot
      expect(() => trackedUpdate(d, (x) => (work(x), x.taskRuns.reverse(), agrees(x), (() => { throw new Error('no'); })()))).toThrow('no');
      agrees(d);
      d = trackedUpdate(d, work).doc;
      agrees(d);
    }
    for (const s of snapshots) {
      expect(s.d.taskRuns.map((r) => r.id)).toEqual(s.ids);
      agrees(s.d, ['swapped-5']);
    }
  });

  it('stay exact for a plain document changed in place (pushes and removals)', () => {
    const d = withRuns(5);
    agrees(d);
    const t = d.tasks[0]!.id;
    for (let i = 0; i < 5; i++) {
      const r = startTaskRun(d, t);
      expect(getById(d, 'taskRuns', r.id)).toBe(r);
    }
    removeById(d, 'taskRuns', d.taskRuns[0]!.id);
    agrees(d);
  });

  it('stay exact in the snapshots of a JSON store, whose run history is listed again after every write, and in those another store sees', async () => {
    const dir = tempDir('crms-id-index-');
    const writer = await Store.open(dir, { seed: false });
    const reader = await Store.open(dir, { seed: false });
    try {
      const task = await writer.update((d) => createTask(d, { name: 't', targetKind: 'script', targetId: createScript(d, { name: 's' }).id }).id);
      const gone: string[] = [];
      for (let round = 0; round < 8; round++) {
        await writer.update((d) => {
          for (let i = 0; i < 5; i++) startTaskRun(d, task, new Date(Date.UTC(2030, 0, 1, round, i)).toISOString());
        });
        // the runs of the round before end (changed in place)
        await writer.update((d) => {
          for (const r of d.taskRuns.filter((x) => x.outcome === 'running' && !x.startedAt.includes(`T${String(round).padStart(2, '0')}`))) {
            endTaskRun(getById(d, 'taskRuns', r.id)!, { outcome: 'ok', output: '', outputBlob: null, error: null, endedAt: r.startedAt, changes: [] });
          }
        });
        if (round % 3 === 2) gone.push(...(await writer.update((d) => pruneRunsOfTasks(d, new Set([task]), 6))).map((r) => r.id));
        for (const s of [writer, reader]) {
          agrees(s.read(), gone);
          agrees(s.read(), gone);
        }
      }
      expect(writer.read().taskRuns.length).toBeGreaterThan(0);
    } finally {
      await writer.close();
      await reader.close();
    }
  });
});
