import { afterEach, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import { StoreError } from '../../src/store/errors.js';
import { createScript, createTask, finishTaskRun, recordTriggerFired, startTaskRun, tryAcquireLease, enqueueNotification } from '../../src/store/repos.js';
import { cleanupTempDirs, tempDir } from './helpers.js';

afterEach(cleanupTempDirs);

const stamp = (f: string) => {
  const s = statSync(f);
  return `${s.ino}/${s.mtimeMs}/${s.size}`;
};

describe('JSON store layout (format 2)', () => {
  it('a task run, a lease and a trigger firing never rewrite store.json', async () => {
    const store = await Store.open(tempDir());
    const taskId = store.read().tasks[0]!.id;
    const triggerId = store.read().triggers[0]!.id;
    const before = stamp(store.file);
    await store.update((d) => tryAcquireLease(d, taskId, 'daemon:1'));
    const runId = await store.update((d) => startTaskRun(d, taskId).id);
    await store.update((d) => finishTaskRun(d, runId, { outcome: 'ok', output: 'done' }));
    await store.update((d) => recordTriggerFired(d, triggerId, 'ok'));
    await store.update((d) => enqueueNotification(d, { to: 'a@b.c', subject: 's', body: 'b' }));
    expect(stamp(store.file)).toBe(before);
    const d = store.read();
    expect(d.tasks[0]!.lease?.owner).toBe('daemon:1');
    expect(d.tasks[0]!.lastRun).not.toBeNull();
    expect(d.taskRuns.find((r) => r.id === runId)).toMatchObject({ outcome: 'ok', output: 'done' });
    expect(d.triggers[0]!.lastOutcome).toBe('ok');
    expect(d.outbox).toHaveLength(1);
    // what is where
    const doc = JSON.parse(readFileSync(store.file, 'utf8'));
    expect(doc.tasks[0].lease).toBeUndefined();
    expect(doc.taskRuns).toBeUndefined();
    expect(readFileSync(join(store.dataDir, 'runs.jsonl'), 'utf8')).toContain(runId);
    expect(readFileSync(join(store.dataDir, 'state.jsonl'), 'utf8')).toContain('daemon:1');
    expect(readFileSync(join(store.dataDir, 'outbox.jsonl'), 'utf8')).toContain('a@b.c');
    // and another process (a fresh Store) sees all of it
    const other = await Store.open(store.dataDir);
    expect(other.read().taskRuns).toEqual(d.taskRuns);
    expect(other.read().tasks).toEqual(d.tasks);
  });

  it('a reader picks up appended runs and edited scripts, reusing what did not change', async () => {
    const dir = tempDir();
    const a = await Store.open(dir);
    const b = await Store.open(dir);
    const taskId = a.read().tasks[0]!.id;
    const firstScripts = b.read().scripts;
    await a.update((d) => startTaskRun(d, taskId));
    expect(b.read().taskRuns).toHaveLength(1);
    expect(b.read().scripts).toBe(firstScripts); // store.json was not re-read
    const id = firstScripts[0]!.id;
    await a.update((d) => {
      d.scripts.find((s) => s.id === id)!.description = 'edited';
    });
    const next = b.read().scripts;
    expect(next).not.toBe(firstScripts);
    expect(next.find((s) => s.id === id)!.description).toBe('edited');
    expect(next[1]).toBe(firstScripts[1]); // unchanged lines give the same objects
  });

  it('an edit appends to edits.jsonl instead of rewriting store.json, and folds into it when the journal grows', async () => {
    const dir = tempDir();
    const a = await Store.open(dir);
    const b = await Store.open(dir);
    const before = stamp(a.file);
    const [first, second] = a.read().scripts;
    await a.update((d) => {
      d.scripts.find((s) => s.id === first!.id)!.description = 'edited';
    });
    await a.update((d) => void d.scripts.splice(d.scripts.findIndex((s) => s.id === second!.id), 1));
    const added = await a.update((d) => createScript(d, { name: 'added', source: 'printLine("x");' }).id);
    expect(stamp(a.file)).toBe(before);
    expect(readFileSync(join(dir, 'edits.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
    for (const s of [a, b, await Store.open(dir)]) {
      const scripts = s.read().scripts;
      expect(scripts.find((x) => x.id === first!.id)!.description).toBe('edited');
      expect(scripts.some((x) => x.id === second!.id)).toBe(false);
      expect(scripts[scripts.length - 1]!.id).toBe(added);
    }
    // Many edits: the journal is folded into store.json and starts again empty.
    const big = 'printLine("a line of padding for a big edit");\n'.repeat(2000);
    for (let i = 0; i < 6; i++) await a.update((d) => createScript(d, { name: `big ${i}`, source: big }));
    expect(stamp(a.file)).not.toBe(before);
    const doc = readFileSync(a.file, 'utf8');
    expect(doc).toContain('"name":"added"');
    expect(doc).not.toContain(`"id":"${second!.id}"`);
    expect(readFileSync(join(dir, 'edits.jsonl'), 'utf8').length).toBeLessThan(big.length * 2);
    expect(b.read().scripts.map((x) => x.id)).toEqual(a.read().scripts.map((x) => x.id));
    expect((await Store.open(dir)).read().scripts).toEqual(a.read().scripts);
  });

  it('skips edit lines that store.json already holds (a fold whose writer died before emptying the journal)', async () => {
    const dir = tempDir();
    const a = await Store.open(dir);
    const id = a.read().scripts[0]!.id;
    await a.update((d) => {
      d.scripts[0]!.description = 'old';
    });
    const stale = readFileSync(join(dir, 'edits.jsonl'), 'utf8');
    await a.update((d) => {
      d.settings.runTimeoutSeconds = d.settings.runTimeoutSeconds + 1; // settings rewrite store.json: a fold
      d.scripts[0]!.description = 'new';
    });
    expect(readFileSync(join(dir, 'edits.jsonl'), 'utf8')).toBe('');
    writeFileSync(join(dir, 'edits.jsonl'), stale); // as if the writer died between store.json and the journal
    const fresh = await Store.open(dir);
    expect(fresh.read().scripts.find((s) => s.id === id)!.description).toBe('new');
    await fresh.update((d) => createScript(d, { name: 'after' }));
    expect((await Store.open(dir)).read().scripts.find((s) => s.id === id)!.description).toBe('new');
  });

  it('ignores a torn last journal line and the next writer cuts it off', async () => {
    const store = await Store.open(tempDir());
    const taskId = store.read().tasks[0]!.id;
    await store.update((d) => startTaskRun(d, taskId));
    const file = join(store.dataDir, 'runs.jsonl');
    appendFileSync(file, '[{"c":"taskRuns","v":{"id":"torn","ta'); // a writer killed mid-line
    const other = await Store.open(store.dataDir);
    expect(other.read().taskRuns).toHaveLength(1);
    await other.update((d) => startTaskRun(d, taskId));
    expect(readFileSync(file, 'utf8')).not.toContain('torn');
    expect((await Store.open(store.dataDir)).read().taskRuns).toHaveLength(2);
  });

  it('shows an update that spans files only when all of it is written, and drops it when its writer died', async () => {
    const store = await Store.open(tempDir());
    const taskId = store.read().tasks[0]!.id;
    await store.update((d) => startTaskRun(d, taskId));
    const runs = join(store.dataDir, 'runs.jsonl');
    const lines = readFileSync(runs, 'utf8').trim().split('\n');
    const u = JSON.parse(lines[lines.length - 1]!).u as number;
    // A writer that appended its run history line and died before the state journal line.
    const run = { id: 'halfway', taskId, startedAt: new Date().toISOString(), endedAt: null, outcome: 'running', output: '', outputBlob: null, error: null };
    appendFileSync(runs, JSON.stringify({ u: u + 1, w: 'rs', ops: [{ c: 'taskRuns', v: run }] }) + '\n');
    const reader = await Store.open(store.dataDir);
    expect(reader.read().taskRuns.map((r) => r.id)).not.toContain('halfway');
    // The next writer removes the unfinished update and numbers its own after it.
    await reader.update((d) => startTaskRun(d, taskId));
    expect(readFileSync(runs, 'utf8')).not.toContain('halfway');
    const fresh = await Store.open(store.dataDir);
    expect(fresh.read().taskRuns).toHaveLength(2);
    expect(fresh.read().taskRuns.map((r) => r.id)).not.toContain('halfway');
  });

  it('names the journal and what to do when a line in the middle is broken', async () => {
    const store = await Store.open(tempDir());
    const taskId = store.read().tasks[0]!.id;
    await store.update((d) => startTaskRun(d, taskId));
    const file = join(store.dataDir, 'runs.jsonl');
    writeFileSync(file, 'not json\n' + readFileSync(file, 'utf8'));
    const other = await Store.open(store.dataDir);
    expect(() => other.read().taskRuns).toThrow(StoreError);
    expect(() => other.read().taskRuns).toThrow(/runs\.jsonl has a line that is not valid JSON .*restore runs\.jsonl from a backup/);
  });

  it('upgrades a format-1 store.json, moving run history and the outbox into journals', async () => {
    const dir = tempDir();
    const seeded = await Store.open(dir);
    const full = {
      ...seeded.read(),
      version: 1,
      taskRuns: [
        { id: 'r1', taskId: seeded.read().tasks[0]!.id, startedAt: '2025-01-01T00:00:00.000Z', endedAt: null, outcome: 'running', output: '', outputBlob: null, error: null },
      ],
      outbox: [{ id: 'n1', to: 'x@y.z', subject: 's', body: 'b', createdAt: '2025-01-01T00:00:00.000Z', sentAt: null }],
    };
    for (const f of ['state.jsonl', 'runs.jsonl', 'outbox.jsonl']) unlinkSync(join(dir, f));
    writeFileSync(join(dir, 'store.json'), JSON.stringify(full, null, 2));
    const store = await Store.open(dir);
    const d = store.read();
    expect(d.version).toBe(2);
    expect(d.taskRuns.map((r) => r.id)).toEqual(['r1']);
    expect(d.outbox.map((n) => n.id)).toEqual(['n1']);
    expect(d.scripts).toEqual(full.scripts);
    expect(JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8')).taskRuns).toBeUndefined();
    expect(existsSync(join(dir, 'store.json.pre-v2.bak'))).toBe(true);
  });

  it('still reads a store.json that was reformatted by hand', async () => {
    const store = await Store.open(tempDir());
    const doc = JSON.parse(readFileSync(store.file, 'utf8'));
    doc.scripts[0].description = 'by hand';
    writeFileSync(store.file, JSON.stringify(doc, null, 4));
    const again = await Store.open(store.dataDir);
    expect(again.read().scripts[0]!.description).toBe('by hand');
    await again.update((d) => createScript(d, { name: 'after' }));
    expect(readFileSync(store.file, "utf8").split("\n")[0]).toMatch(/^{"version":2,"u":\d+,"sum":"[0-9a-f]{40}",$/); // written back in the line layout
  });

  it('checks every entity of a store.json whose checksum no longer matches (edited by hand)', async () => {
    const store = await Store.open(tempDir());
    const text = readFileSync(store.file, 'utf8');
    const name = store.read().scripts[1]!.name;
    writeFileSync(store.file, text.replace(`"name":${JSON.stringify(name)}`, '"name":""'));
    const err = await Store.open(store.dataDir).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toMatch(/store\.json is not a valid crmscript-tui store: scripts\[1\]\.name: must not be empty\.$/);
  });

  it('refuses to write when store.json was deleted under a running process', async () => {
    const store = await Store.open(tempDir());
    const good = store.read();
    unlinkSync(store.file);
    expect(store.read()).toBe(good); // the last good snapshot stays
    expect(store.lastReadError?.code).toBe('missing');
    const err = await store.update((d) => createTask(d, { name: 'x', targetKind: 'script', targetId: d.scripts[0]!.id })).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.code).toBe('missing');
    expect(err.message).toMatch(/store\.json was removed while crmscript-tui was using it; nothing was written .*Restore the file from a backup/);
    expect(existsSync(store.file)).toBe(false); // never silently replaced by a new empty store
  });

  it('says what is wrong and how to recover when a write meets a corrupt store.json', async () => {
    const store = await Store.open(tempDir());
    writeFileSync(store.file, '{"version":2,\n"settings":{},\n"folders":[\n{"id":');
    const err = await store.update((d) => createScript(d, { name: 'n' })).catch((e) => e);
    expect(err.code).toBe('invalid-file');
    expect(err.message).toMatch(/store\.json is not valid JSON \(.*\); fix it or restore it from a backup/);
  });
});
