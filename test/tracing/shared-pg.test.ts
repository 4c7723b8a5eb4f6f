// Trace recordings on a PostgreSQL store (issue 18): the contents live in the database, so a
// recording made on one machine (data directory) is replayed by `traces show` on another that
// shares only the database, and removing it anywhere removes it everywhere. Real CLI processes,
// real PostgreSQL.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { cleanupTempDirs, requireBuiltCli, runBuiltCli, tempDir } from '../common.js';
import { describeBackends } from '../store/backends.js';

beforeAll(requireBuiltCli);
afterEach(cleanupTempDirs);

async function storedFiles(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(`SELECT path FROM store_files ORDER BY path`)).rows.map((r: { path: string }) => r.path);
  } finally {
    await c.end();
  }
}

describeBackends('trace recordings shared through the store', (b) => {
  it.runIf(b.name === 'postgres')('a recording made on one machine is replayed and removed on another sharing only the database', async () => {
    const place = await b.fresh();
    const machineA = place.dir;
    const machineB = tempDir();
    const env = { CRMSCRIPT_TUI_STORE: place.url! };
    const cli = (dir: string, args: string[]) => {
      const r = runBuiltCli(['--data-dir', dir, ...args], env);
      expect(r.err, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
      return r.out;
    };
    cli(machineA, ['traces', 'on']);
    cli(machineA, ['traces', 'add', '--script', 'hello']);
    expect(cli(machineA, ['run', 'hello'])).toContain('Hello from crmscript-tui!');

    const listed = JSON.parse(cli(machineB, ['traces', 'list', '--json'])) as { traces: Array<{ recordings: Array<{ id: string; file: string }> }> };
    const recs = listed.traces.flatMap((t) => t.recordings);
    expect(recs).toHaveLength(1);
    const id = recs[0]!.id;
    expect(await storedFiles(place.url!)).toEqual([recs[0]!.file]);
    // Machine B has never seen the file; it replays the same steps from the database.
    expect(existsSync(join(machineB, recs[0]!.file))).toBe(false);
    const onA = JSON.parse(cli(machineA, ['traces', 'show', id, '--json', '--step', '1']));
    const onB = JSON.parse(cli(machineB, ['traces', 'show', id, '--json', '--step', '1']));
    expect(onB).toEqual(onA);
    expect(onB.steps).toBeGreaterThan(1);
    expect(JSON.parse(cli(machineB, ['traces', 'show', id, '--json'])).output).toContain('Hello from crmscript-tui!');

    // Removed on B: gone from the index and the database; A's local copy too once A purges.
    cli(machineB, ['traces', 'rm-run', id]);
    expect(await storedFiles(place.url!)).toEqual([]);
    expect(existsSync(join(machineB, recs[0]!.file))).toBe(false);
    const gone = runBuiltCli(['--data-dir', machineA, 'traces', 'show', id], env);
    expect(gone.code).toBe(1);
    expect(gone.err).toMatch(/no trace recording with id/);
    // A's cache — the recording and its replay (hello is recorded by its inputs) —, purged a day later by `traces purge`
    expect(readdirSync(join(machineA, 'traces')).sort()).toEqual([`${id}.replayed.trace`, `${id}.trace`]);
  }, 120_000); // a dozen CLI processes: a process is what a machine shares nothing else with
});
