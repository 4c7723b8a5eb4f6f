// `scripts list` on a store in PostgreSQL (store.ts listingAt): the database gives the folders and
// the scripts' list rows (pg/listing.ts); a store to create or upgrade is opened with the folders
// and scripts only, not the run history, and such a store is for reading and refuses an update.
import { afterAll, expect, it } from 'vitest';
import { Store, listingAt } from '../../src/store/store.js';
import { createFolder, createScript, stageScript, startTaskRun } from '../../src/store/repos.js';
import { scriptRow } from '../../src/store/backend.js';
import { pgListing } from '../../src/store/pg/listing.js';
import { cleanupTempDirs, requireBuiltCli, runBuiltCli, tempDir } from '../common.js';
import { freshPgUrl, pgOnlyDescribe } from './backends.js';

afterAll(cleanupTempDirs);

pgOnlyDescribe('listing a PostgreSQL store', () => {
  it('reads the folders and scripts, not the runs, and a listing-only store refuses updates', async () => {
    const url = await freshPgUrl();
    const dir = tempDir('crms-pglist-');
    const full = await Store.open(dir, { url });
    const taskId = full.read().tasks[0]!.id;
    await full.update((d) => {
      createScript(d, { name: 'Listed', source: 'printLine("x");' });
      startTaskRun(d, taskId);
    });
    const scripts = full.read().scripts.length;
    await full.close();

    const partial = await Store.open(dir, { url, only: ['folders', 'scripts'] });
    try {
      const listing = partial.listing();
      expect(listing.scripts.map((s) => s.name)).toContain('Listed');
      expect(listing.scripts).toHaveLength(scripts);
      expect(listing.folders.length).toBeGreaterThan(0);
      expect(partial.read().taskRuns).toEqual([]);
      await expect(partial.update((d) => createScript(d, { name: 'Not written' }))).rejects.toThrow(/cannot be updated/);
    } finally {
      await partial.close();
    }

    const saved = process.env.CRMSCRIPT_TUI_STORE;
    process.env.CRMSCRIPT_TUI_STORE = url;
    try {
      expect((await listingAt(dir)).scripts.map((s) => s.name)).toContain('Listed');
    } finally {
      if (saved === undefined) delete process.env.CRMSCRIPT_TUI_STORE;
      else process.env.CRMSCRIPT_TUI_STORE = saved;
    }
    const again = await Store.open(dir, { url });
    expect(again.read().taskRuns).toHaveLength(1);
    expect(again.read().scripts.map((s) => s.name)).not.toContain('Not written');
    await again.close();
  });

  it('the database listing has the rows the store has, and a store not made yet is made by the list', async () => {
    const url = await freshPgUrl();
    expect(await pgListing(url)).toBeNull(); // no store tables yet: the caller opens (creates) the store
    const dir = tempDir('crms-pglist-');
    const saved = process.env.CRMSCRIPT_TUI_STORE;
    process.env.CRMSCRIPT_TUI_STORE = url;
    try {
      const made = await listingAt(dir); // created, seeded, listed
      expect(made.scripts.length).toBeGreaterThan(0);
      const store = await Store.open(dir, { url });
      await store.update((d) => {
        const parent = createFolder(d, { parentId: null, name: 'Outer' });
        const inner = createFolder(d, { parentId: parent.id, name: 'Inner' });
        const a = createScript(d, { name: 'Staged one', folderId: inner.id, source: 'printLine("a");', includeId: 'staged-one', description: 'has a staged edit' });
        stageScript(d, a.id, 'printLine("b");');
        createScript(d, { name: 'Plain', source: 'printLine("c");' });
      });
      const want = store.read();
      await store.close();
      const got = (await pgListing(url))!;
      expect(got.folders).toEqual(want.folders);
      expect(got.scripts).toEqual(want.scripts.map(scriptRow));
      expect(got.scripts.find((s) => s.name === 'Staged one')).toMatchObject({ staged: true, includeId: 'staged-one', description: 'has a staged edit' });
      expect(got.scripts.find((s) => s.name === 'Plain')!.staged).toBe(false);
      expect((await listingAt(dir)).scripts).toEqual(got.scripts);
    } finally {
      if (saved === undefined) delete process.env.CRMSCRIPT_TUI_STORE;
      else process.env.CRMSCRIPT_TUI_STORE = saved;
    }
  });

  it('the built CLI lists a PostgreSQL store: made by the first list, then listed from the database', async () => {
    requireBuiltCli();
    const url = await freshPgUrl();
    const dir = tempDir('crms-pglist-');
    const env = { CRMSCRIPT_TUI_STORE: url, CRMSCRIPT_TUI_HOME: dir, TZ: 'UTC' };
    const first = runBuiltCli(['scripts', 'list'], env); // no store yet: the program makes (seeds) it
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const store = await Store.open(dir, { url });
    await store.update((d) => {
      const f = createFolder(d, { parentId: null, name: 'Listed here' });
      createScript(d, { name: 'Only in folder', folderId: f.id, source: 'printLine("x");' });
    });
    const want = store.read().scripts.length;
    await store.close();
    const again = runBuiltCli(['scripts', 'list'], env);
    expect(again.code).toBe(0);
    expect(again.out.trimEnd().split('\n')).toHaveLength(want + 1); // the header and a row per script
    expect(again.out).toContain('Only in folder');
    const inFolder = runBuiltCli(['scripts', 'list', '--folder', 'Listed here'], env);
    expect(inFolder.out.trimEnd().split('\n').slice(1).map((l) => l.split(/\s{2,}/)[1])).toEqual(['Only in folder']);
    const json = JSON.parse(runBuiltCli(['scripts', 'list', '--json'], env).out) as Array<{ name: string; staged: boolean }>;
    expect(json).toHaveLength(want);
    expect(json.find((r) => r.name === 'Only in folder')).toMatchObject({ staged: false });
  });
});

it('a PostgreSQL store that cannot be reached: `scripts list` says so in one line and fails', () => {
  requireBuiltCli();
  const r = runBuiltCli(['scripts', 'list'], { CRMSCRIPT_TUI_STORE: 'postgres://postgres@127.0.0.1:1/nowhere', CRMSCRIPT_TUI_HOME: tempDir('crms-pglist-') });
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  expect(r.err).toBe('Cannot reach the PostgreSQL store at postgres://postgres@127.0.0.1:1/nowhere (ECONNREFUSED); check that the server runs and the URL is right.\n');
});
