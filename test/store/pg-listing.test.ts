// `scripts list` on a store in PostgreSQL (store.ts listingAt): the process reads the folders and
// scripts only, not the run history; such a store is for reading and refuses an update.
import { afterAll, expect, it } from 'vitest';
import { Store, listingAt } from '../../src/store/store.js';
import { createScript, startTaskRun } from '../../src/store/repos.js';
import { cleanupTempDirs, tempDir } from '../common.js';
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
});
