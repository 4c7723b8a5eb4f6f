import { afterEach, beforeAll, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { Store } from '../../src/store/store.js';
import { finishTaskRun, startTaskRun } from '../../src/store/repos.js';
import { prepareOutput } from '../../src/store/blobs.js';
import { join } from 'node:path';
import { cleanupTempDirs, requireBuiltCli, runBuiltCli, tempDir } from '../common.js';
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
    const m = runBuiltCli(['--data-dir', place.dir, 'store', 'migrate'], env);
    expect(m.err).toBe('');
    expect(m.code).toBe(0);
    if (b.name === 'postgres') expect(m.out).toMatch(/Upgraded the tables from schema 0 to 3\./);
    expect(m.out).toMatch(/is ready \(format 2\)/);
    const again = runBuiltCli(['--data-dir', place.dir, 'store', 'migrate'], env);
    if (b.name === 'postgres') expect(again.out).toMatch(/The tables are up to date \(schema 3\)\./);
    const info = runBuiltCli(['--data-dir', place.dir, 'store', 'info'], env);
    expect(info.out).toContain(b.name === 'postgres' ? 'backend: PostgreSQL' : 'backend: JSON files');
    expect(info.out).toMatch(/scripts\s+\d+/);
    if (place.url) expect(info.out).not.toContain(':secret@');
  });

  it('scripts work the same through --store', async () => {
    const place = await b.fresh();
    const flags = place.url ? ['--store', place.url] : [];
    const add = runBuiltCli(['--data-dir', place.dir, ...flags, 'scripts', 'list'], NO_PG);
    expect(add.code).toBe(0);
    expect(add.out).toContain('Hello world');
    // running a stored script (and its includes) finds it in the same store
    const run = runBuiltCli(['--data-dir', place.dir, ...flags, 'run', 'hello'], NO_PG);
    expect(run.err).toBe('');
    expect(run.out).toContain('Hello from crmscript-tui!');
  });
});

describeBackends('store copy', (b) => {
  it.runIf(b.name === 'postgres')('JSON → PostgreSQL → JSON gives the same export', async () => {
    const a = tempDir();
    runBuiltCli(['--data-dir', a, 'store', 'migrate'], NO_PG);
    runBuiltCli(['--data-dir', a, 'tasks', 'run', 'Nightly cleanup'], NO_PG); // some run history
    // a trace recording and a task run whose long output is kept in a file beside the records
    runBuiltCli(['--data-dir', a, 'traces', 'on'], NO_PG);
    runBuiltCli(['--data-dir', a, 'traces', 'add', '--script', 'hello'], NO_PG);
    expect(runBuiltCli(['--data-dir', a, 'run', 'hello'], NO_PG).code).toBe(0);
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
    const exportA = runBuiltCli(['--data-dir', a, 'store', 'export'], NO_PG);
    expect(exportA.code).toBe(0);
    const url = await freshPgUrl();
    const toPg = runBuiltCli(['store', 'copy', '--from', a, '--to', url], NO_PG);
    expect(toPg.err).toBe('');
    expect(toPg.code).toBe(0);
    const c = tempDir();
    const back = runBuiltCli(['store', 'copy', '--from', url, '--to', c], NO_PG);
    expect(back.code).toBe(0);
    const exportC = runBuiltCli(['--data-dir', c, 'store', 'export', '--out', join(c, 'x.json')], NO_PG);
    expect(exportC.code).toBe(0);
    expect(JSON.parse(readFileSync(join(c, 'x.json'), 'utf8'))).toEqual(JSON.parse(exportA.out));
    expect(toPg.out).toMatch(/recording and output files\s+2/);
    expect(back.out).toMatch(/recording and output files\s+2/);
    // the recording and the long output made the round trip byte for byte
    expect(files(c)).toEqual(filesA);
    for (const f of filesA) expect(readFileSync(join(c, f))).toEqual(readFileSync(join(a, f)));
    const id = JSON.parse(exportA.out).traceRuns[0].id as string;
    expect(runBuiltCli(['--data-dir', c, 'traces', 'show', id, '--json'], NO_PG).out).toEqual(runBuiltCli(['--data-dir', a, 'traces', 'show', id, '--json'], NO_PG).out);
    // A second copy onto a store that holds data needs --force.
    const refused = runBuiltCli(['store', 'copy', '--from', a, '--to', url], NO_PG);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/is not empty; give --force/);
  }, 240_000);

  it.runIf(b.name === 'postgres')('copies the sandbox CRM too: JSON → PostgreSQL → JSON, every table and row', async () => {
    const a = tempDir();
    runBuiltCli(['--data-dir', a, 'store', 'migrate'], NO_PG);
    // CRM data that is not the demo: a changed ticket, new rows in a standard and an extra table
    expect(runBuiltCli(['--data-dir', a, 'crm', 'sql', "update ticket set title = 'copied title' where id = 1", '--write'], NO_PG).code).toBe(0);
    const csv = join(a, 'equipment.csv');
    writeFileSync(csv, 'x_name,x_serial,x_contact,x_purchased\nRouter R-1,R-1,2,2025-03-04 10:11:12\n');
    expect(runBuiltCli(['--data-dir', a, 'crm', 'import', csv, '--table', 'y_equipment'], NO_PG).code).toBe(0);
    const crmExport = (where: string[], dir: string): Record<string, unknown> => {
      const r = runBuiltCli([...where, 'crm', 'export', dir, '--json'], NO_PG);
      expect(r.code).toBe(0);
      return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))]));
    };
    const fromA = crmExport(['--data-dir', a], tempDir());
    expect(Object.keys(fromA)).toContain('y_equipment.json');
    const url = await freshPgUrl();
    const toPg = runBuiltCli(['store', 'copy', '--from', a, '--to', url], NO_PG);
    expect(toPg.err).toBe('');
    expect(toPg.code).toBe(0);
    expect(toPg.out).toMatch(/Sandbox CRM: \d+ tables, \d+ rows copied \(row counts checked\)/);
    expect(crmExport(['--store', url], tempDir())).toEqual(fromA);
    // the copy in PostgreSQL takes new rows after the copied keys
    const more = join(a, 'more.csv');
    writeFileSync(more, 'x_name,x_serial\nScanner S-2,S-2\n');
    expect(runBuiltCli(['--store', url, 'crm', 'import', more, '--table', 'y_equipment'], NO_PG).out).toMatch(/imported 1 row/);
    const c = tempDir();
    const back = runBuiltCli(['store', 'copy', '--from', url, '--to', c], NO_PG);
    expect(back.err).toBe('');
    expect(back.code).toBe(0);
    const fromC = crmExport(['--data-dir', c], tempDir());
    const equipment = fromC['y_equipment.json'] as Array<{ id: number; x_serial: string }>;
    expect(equipment.map((r) => r.x_serial)).toEqual([...(fromA['y_equipment.json'] as Array<{ x_serial: string }>).map((r) => r.x_serial), 'S-2']);
    expect(new Set(equipment.map((r) => r.id)).size).toBe(equipment.length);
    delete fromC['y_equipment.json'];
    delete fromA['y_equipment.json'];
    expect(fromC).toEqual(fromA);
  }, 240_000);

  it.runIf(b.name === 'json')('store copy of a JSON store without a sandbox CRM leaves the target\'s alone', () => {
    const a = tempDir();
    runBuiltCli(['--data-dir', a, 'store', 'migrate'], NO_PG);
    const c = tempDir();
    const r = runBuiltCli(['store', 'copy', '--from', a, '--to', c], NO_PG);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Sandbox CRM: the source has none/);
  });

  it('refuses a --store that is not a postgres:// URL', () => {
    const r = runBuiltCli(['--store', '/tmp/x', 'scripts', 'list'], NO_PG);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--store takes a postgres:\/\/ URL/);
  });
});
