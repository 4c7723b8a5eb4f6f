import { afterEach, beforeAll, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { Store } from '../../src/store/store.js';
import { finishTaskRun, startTaskRun } from '../../src/store/repos.js';
import { prepareOutput } from '../../src/store/blobs.js';
import { join } from 'node:path';
import { cleanupTempDirs, requireBuiltCli, runBuiltCli, tempDir } from '../common.js';
import { runCliHere } from '../cli.js';
import { describeBackends, freshPgUrl } from '../store/backends.js';

beforeAll(requireBuiltCli);
afterEach(cleanupTempDirs);

const NO_PG = { CRMSCRIPT_TUI_STORE: '' };

async function withStore<T>(dir: string, fn: (s: Store) => Promise<T>): Promise<T> {
  const s = await Store.open(dir, { url: '', seed: false });
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

describeBackends('store command', (b) => {
  it('store migrate creates the store and store info names the backend', async () => {
    const place = await b.fresh();
    const env = { CRMSCRIPT_TUI_STORE: place.url ?? '' };
    const m = await runCliHere(['--data-dir', place.dir, 'store', 'migrate'], env);
    expect(m.err).toBe('');
    expect(m.code).toBe(0);
    if (b.name === 'postgres') expect(m.out).toMatch(/Upgraded the tables from schema 0 to 3\./);
    expect(m.out).toMatch(/is ready \(format 2\)/);
    const again = await runCliHere(['--data-dir', place.dir, 'store', 'migrate'], env);
    if (b.name === 'postgres') expect(again.out).toMatch(/The tables are up to date \(schema 3\)\./);
    const info = await runCliHere(['--data-dir', place.dir, 'store', 'info'], env);
    expect(info.out).toContain(b.name === 'postgres' ? 'backend: PostgreSQL' : 'backend: JSON files');
    expect(info.out).toMatch(/scripts\s+\d+/);
    if (place.url) expect(info.out).not.toContain(':secret@');
  });

  it('scripts work the same through --store', async () => {
    const place = await b.fresh();
    const flags = place.url ? ['--store', place.url] : [];
    const add = await runCliHere(['--data-dir', place.dir, ...flags, 'scripts', 'list'], NO_PG);
    expect(add.code).toBe(0);
    expect(add.out).toContain('Hello world');
    // running a stored script (and its includes) finds it in the same store
    const run = await runCliHere(['--data-dir', place.dir, ...flags, 'run', 'hello'], NO_PG);
    expect(run.err).toBe('');
    expect(run.out).toContain('Hello from crmscript-tui!');
  });
});

describeBackends('store copy', (b) => {
  it.runIf(b.name === 'postgres')('JSON → PostgreSQL → JSON gives the same export', async () => {
    const a = tempDir();
    await runCliHere(['--data-dir', a, 'store', 'migrate'], NO_PG);
    await runCliHere(['--data-dir', a, 'tasks', 'run', 'Nightly cleanup'], NO_PG); // some run history
    // a trace recording and a task run whose long output is kept in a file beside the records
    await runCliHere(['--data-dir', a, 'traces', 'on'], NO_PG);
    await runCliHere(['--data-dir', a, 'traces', 'add', '--script', 'hello'], NO_PG);
    expect((await runCliHere(['--data-dir', a, 'run', 'hello'], NO_PG)).code).toBe(0);
    const blob = await withStore(a, async (s) => {
      const long = 'x'.repeat(20_000);
      const { output, outputBlob } = await prepareOutput(s.dataDir, long);
      await s.update((d) => {
        const run = startTaskRun(d, d.tasks[0]!.id);
        finishTaskRun(d, run.id, { outcome: 'ok', output, outputBlob });
      });
      return outputBlob!;
    });
    const files = (dir: string) => [...readdirSync(join(dir, 'traces')).map((f) => `traces/${f}`), `blobs/${blob}`].sort();
    const filesA = files(a);
    expect(filesA).toHaveLength(2);
    const exportA = await runCliHere(['--data-dir', a, 'store', 'export'], NO_PG);
    expect(exportA.code).toBe(0);
    const url = await freshPgUrl();
    const toPg = await runCliHere(['store', 'copy', '--from', a, '--to', url], NO_PG);
    expect(toPg.err).toBe('');
    expect(toPg.code).toBe(0);
    const c = tempDir();
    const back = await runCliHere(['store', 'copy', '--from', url, '--to', c], NO_PG);
    expect(back.code).toBe(0);
    const exportC = await runCliHere(['--data-dir', c, 'store', 'export', '--out', join(c, 'x.json')], NO_PG);
    expect(exportC.code).toBe(0);
    expect(JSON.parse(readFileSync(join(c, 'x.json'), 'utf8'))).toEqual(JSON.parse(exportA.out));
    expect(toPg.out).toMatch(/recording and output files\s+2/);
    expect(back.out).toMatch(/recording and output files\s+2/);
    // the recording and the long output made the round trip byte for byte
    expect(files(c)).toEqual(filesA);
    for (const f of filesA) expect(readFileSync(join(c, f))).toEqual(readFileSync(join(a, f)));
    const id = JSON.parse(exportA.out).traceRuns[0].id as string;
    expect((await runCliHere(['--data-dir', c, 'traces', 'show', id, '--json'], NO_PG)).out).toEqual((await runCliHere(['--data-dir', a, 'traces', 'show', id, '--json'], NO_PG)).out);
    // A second copy onto a store that holds data needs --force.
    const refused = await runCliHere(['store', 'copy', '--from', a, '--to', url], NO_PG);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/is not empty; give --force/);
  });

  it('refuses a --store that is not a postgres:// URL', () => {
    const r = runBuiltCli(['--store', '/tmp/x', 'scripts', 'list'], NO_PG);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--store takes a postgres:\/\/ URL/);
  });
});
