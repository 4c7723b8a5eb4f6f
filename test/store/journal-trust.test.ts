// Journal lines carry a hash of their own text: a reader trusts the records of lines crmscript-tui
// wrote (they were checked before they were written) and checks every other line — lines of older
// builds without a hash, and lines changed by hand — so a hand-edited journal still gives a clear
// error and loses nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import { createScript, finishTaskRun, startTaskRun } from '../../src/store/repos.js';
import { cleanupTempDirs, tempDir } from './helpers.js';

afterEach(cleanupTempDirs);

const HASH = /,"h":"[0-9a-f]{16}"\}$/;
const lines = (f: string) => readFileSync(f, 'utf8').split('\n').filter((l) => l !== '');

async function storeWithRuns(n: number): Promise<{ dir: string; runIds: string[] }> {
  const dir = tempDir();
  const s = await Store.open(dir);
  const taskId = s.read().tasks[0]!.id;
  const runIds: string[] = [];
  for (let i = 0; i < n; i++) {
    runIds.push(
      await s.update((d) => {
        const r = startTaskRun(d, taskId);
        finishTaskRun(d, r.id, { outcome: 'ok', output: `run ${i}` });
        return r.id;
      }),
    );
  }
  await s.update((d) => createScript(d, { name: 'edited later', source: 'x' }));
  await s.close();
  return { dir, runIds };
}

describe('journal line hashes', () => {
  it('every line crmscript-tui writes carries the hash of its text', async () => {
    const { dir } = await storeWithRuns(2);
    for (const f of ['runs.jsonl', 'state.jsonl', 'edits.jsonl']) {
      const ls = lines(join(dir, f));
      expect(ls.length).toBeGreaterThan(0);
      for (const l of ls) expect(l).toMatch(HASH);
    }
  });

  it('reads lines without a hash (older builds), checking them, and gives them their hash at the next write', async () => {
    const { dir, runIds } = await storeWithRuns(3);
    for (const f of ['runs.jsonl', 'state.jsonl', 'edits.jsonl']) {
      const file = join(dir, f);
      writeFileSync(file, lines(file).map((l) => l.replace(HASH, '}')).join('\n') + '\n');
    }
    const s = await Store.open(dir);
    expect(s.read().taskRuns.map((r) => r.id)).toEqual(runIds);
    expect(s.read().scripts.some((x) => x.name === 'edited later')).toBe(true);
    await s.update((d) => startTaskRun(d, d.tasks[0]!.id));
    for (const l of lines(join(dir, 'runs.jsonl'))) expect(l).toMatch(HASH);
    await s.close();
  });

  it('a line changed by hand into something invalid is named with what is wrong, wherever it is', async () => {
    const { dir } = await storeWithRuns(1);
    const edits = join(dir, 'edits.jsonl');
    writeFileSync(edits, readFileSync(edits, 'utf8').replace('"name":"edited later"', '"name":""'));
    await expect(Store.open(dir)).rejects.toThrow(/edits\.jsonl is not a valid crmscript-tui journal \(a scripts record is invalid: name: must not be empty\)/);
  });

  it('a run changed by hand in the middle of runs.jsonl is checked: reported when it is invalid, kept when it is valid', async () => {
    const { dir, runIds } = await storeWithRuns(3);
    const runs = join(dir, 'runs.jsonl');
    const original = readFileSync(runs, 'utf8');
    // invalid: a run whose outcome is not one the schema knows
    writeFileSync(runs, original.replace('"output":"run 1"', '"output":"run 1","outcome":"maybe"'));
    const broken = await Store.open(dir);
    expect(() => broken.read().taskRuns).toThrow(/runs\.jsonl has a line that was changed outside crmscript-tui .* run `crmscript-tui store migrate` to check it/);
    await expect(Store.open(dir, { checkAll: true })).rejects.toThrow(/runs\.jsonl is not a valid crmscript-tui journal \(a taskRuns record is invalid: outcome: must be one of/);
    // valid: a changed output is accepted once checked, and hashed again
    writeFileSync(runs, original.replace('"output":"run 1"', '"output":"run one"'));
    await expect(Store.open(dir).then((s) => s.read().taskRuns)).rejects.toThrow(/changed outside crmscript-tui/);
    const checked = await Store.open(dir, { checkAll: true });
    expect(checked.read().taskRuns.map((r) => r.output)).toEqual(['run 0', 'run one', 'run 2']);
    for (const l of lines(runs)) expect(l).toMatch(HASH);
    const later = await Store.open(dir);
    expect(later.read().taskRuns.map((r) => r.id)).toEqual(runIds);
  });
});
