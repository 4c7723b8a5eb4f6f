// Recording a batch of run ends (the daemon's group commit) on the store's copy-on-write view, as a
// store update does: the ended runs are written, and the rest of the history is not copied or
// rewritten (the 1,000-tasks bench ends a thousand runs a minute against a history of 100,000).
// Pruning old runs: history-prune.test.ts.
import { describe, expect, it } from 'vitest';
import { trackedUpdate } from '../../src/store/changes.js';
import { emptyStoreData, type StoreData } from '../../src/store/schema.js';
import { createScript, createTask, getById, startTaskRun } from '../../src/store/repos.js';
import { recordEnds } from '../../src/daemon/scheduler-run-end.js';
import type { RunEnd } from '../../src/daemon/scheduler-records.js';

const OWNER = 'daemon:1@test/aa';

/** `tasks` tasks with `past` finished runs each, then one running run each (started a minute apart). */
function history(tasks: number, past: number): { d: StoreData; running: Array<{ taskId: string; runId: string }> } {
  const d = emptyStoreData();
  const script = createScript(d, { name: 'Tick' });
  const ids = Array.from({ length: tasks }, (_, i) => createTask(d, { name: `T${i}`, targetKind: 'script', targetId: script.id }).id);
  const at = (m: number) => new Date(Date.UTC(2030, 0, 1, 0, m)).toISOString();
  for (let m = 0; m < past; m++) {
    for (const id of ids) {
      const r = startTaskRun(d, id, at(m));
      Object.assign(r, { outcome: 'ok', endedAt: at(m) });
    }
  }
  const running = ids.map((taskId) => ({ taskId, runId: startTaskRun(d, taskId, at(past)).id }));
  for (const id of ids) getById(d, 'tasks', id)!.lease = { owner: OWNER, until: at(past + 5) };
  return { d, running };
}

const end = (r: { taskId: string; runId: string }, outputBlob: string | null = null): RunEnd => ({
  ...r,
  outcome: 'ok',
  error: null,
  endedAt: new Date('2030-01-02T00:00:00Z'),
  output: 'sum 499500',
  outputBlob,
  changes: [],
});

describe('recordEnds', () => {
  it('writes only the ended runs while every task has fewer runs than it keeps', () => {
    const { d, running } = history(50, 5);
    const before = d.taskRuns;
    const { doc, changes, result } = trackedUpdate(d, (x) => recordEnds(x, running.map((r) => end(r)), OWNER));
    const runs = changes.collections.get('taskRuns')!;
    expect(runs.deletes).toEqual([]);
    expect(runs.upserts.map((u) => u.entity.id).sort()).toEqual(running.map((r) => r.runId).sort());
    expect(doc.taskRuns).toHaveLength(before.length);
    // the runs that did not end are the very objects of the snapshot
    expect(doc.taskRuns.filter((r, i) => r !== before[i]).map((r) => r.id).sort()).toEqual(running.map((r) => r.runId).sort());
    expect(result.every((r) => !r.superseded && r.task?.lease === null)).toBe(true);
    expect(running.every((r) => getById(doc, 'taskRuns', r.runId)!.output === 'sum 499500')).toBe(true);
  });

  it('says an end is superseded when its run was already judged', () => {
    const { d, running } = history(1, 0);
    Object.assign(d.taskRuns[0]!, { outcome: 'failed', error: 'lease ran out' });
    const { result } = trackedUpdate(d, (x) => recordEnds(x, [end(running[0]!)], OWNER));
    expect(result).toEqual([{ superseded: true, task: null, failed: null, chained: false }]);
  });
});
