// An update that spans several journal files counts for a reader only once its last file has it.
// A reader that met the first file's line before the later files were written must take the line
// as soon as they are: here the on-disk states between the writes of one update are set up by
// holding back the later file's line, the way a reader sees them while the writer waits for fsync.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import { finishTaskRun, getById, startTaskRun, taskRunsFor } from '../../src/store/repos.js';
import { cleanupTempDirs, tempDir } from './helpers.js';

afterEach(cleanupTempDirs);

describe('a reader between the files of one update', () => {
  it('takes a run history line once the state line of its update is written, though runs.jsonl did not change again', async () => {
    const dir = tempDir();
    const writer = await Store.open(dir);
    const taskId = writer.read().tasks[0]!.id;
    const runId = await writer.update((d) => startTaskRun(d, taskId).id);
    const reader = await Store.open(dir, { seed: false });
    expect(taskRunsFor(reader.read(), taskId).map((r) => r.outcome)).toEqual(['running']);

    // The run ends: one update writing runs.jsonl (the outcome) and state.jsonl (the task's last run).
    await writer.update((d) => {
      finishTaskRun(d, runId, { outcome: 'ok', output: 'done' });
      getById(d, 'tasks', taskId)!.lastRun = new Date().toISOString();
    });
    const runsLine = readFileSync(join(dir, 'runs.jsonl'), 'utf8').trimEnd().split('\n').at(-1)!;
    expect(JSON.parse(runsLine).w).toContain('s');
    const statePath = join(dir, 'state.jsonl');
    const state = readFileSync(statePath, 'utf8');
    const cut = state.trimEnd().lastIndexOf('\n') + 1;

    // Read while state.jsonl does not have the update yet: the run is still running.
    writeFileSync(statePath, state.slice(0, cut));
    expect(taskRunsFor(reader.read(), taskId).map((r) => r.outcome)).toEqual(['running']);
    // The writer's state line lands; runs.jsonl stays as it was.
    writeFileSync(statePath, state);
    expect(taskRunsFor(reader.read(), taskId).map((r) => r.outcome)).toEqual(['ok']);
    // and an update made by this reader starts from it, so it never writes the old run back
    await reader.update((d) => {
      expect(getById(d, 'taskRuns', runId)!.outcome).toBe('ok');
      getById(d, 'tasks', taskId)!.enabled = false;
    });
    await reader.close();
    await writer.close();
  });
});
