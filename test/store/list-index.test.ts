// listing.json (src/store/json/list-index.ts, quick-listing.ts): `scripts list` reads it and the
// edits journal instead of store.json while it is the listing of the current store.json; whatever
// state it is in — missing (an older store), out of date (a writer killed between store.json and
// listing.json, an older build that wrote only store.json), torn or changed by hand — a list never
// shows anything but what store.json and the edits journal hold, and listing.json is written again.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store, listingAt } from '../../src/store/store.js';
import { scriptRow, type Listing } from '../../src/store/backend.js';
import { createFolder, createScript, deleteScript, listScripts, updateScript } from '../../src/store/repos.js';
import { cleanupTempDirs, distStoreDir, runWorker, tempDir, whileRunning } from './helpers.js';
import { spawnSync } from 'node:child_process';
import { CLI } from '../common.js';

beforeAll(() => {
  distStoreDir();
});
afterEach(cleanupTempDirs);

/** What a list shows: the rows in list order, and the folders. */
const shown = (l: Listing) => ({ rows: listScripts(l).map(({ script, folder }) => ({ ...script, folder })), folders: l.folders });

/** The same from store.json and the edits journal, read by a process that opens the store. */
async function truth(dir: string) {
  const d = (await Store.open(dir, { seed: false })).read();
  return shown({ folders: d.folders, scripts: d.scripts.map(scriptRow) });
}

/** The update number listing.json says it was made for (null: none). */
function indexedU(dir: string): number | null {
  const file = join(dir, 'listing.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as { u: number }).u : null;
}

const docU = (dir: string) => (JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8')) as { u: number }).u;

/** A settings change rewrites store.json (a fold), and with it listing.json. */
const fold = (s: Store, minutes: number) => s.update((d) => void (d.settings.runTimeoutSeconds = minutes));

describe('listing.json', () => {
  it('lists what store.json and the edits journal hold: scripts and folders added, changed and removed', async () => {
    const dir = tempDir();
    const a = await Store.open(dir);
    expect(indexedU(dir)).toBe(docU(dir)); // written with the new store
    expect(shown(await listingAt(dir))).toEqual(await truth(dir));
    const [first, second] = a.read().scripts;
    await a.update((d) => {
      const f = createFolder(d, { parentId: null, name: 'Aardvark' });
      updateScript(d, first!.id, { name: 'zz renamed', folderId: f.id, stagedSource: 'x' });
    });
    await a.update((d) => void deleteScript(d, second!.id));
    await a.update((d) => void createScript(d, { name: 'added', description: 'new one', source: 'printLine("x");' }));
    const before = indexedU(dir);
    const listed = shown(await listingAt(dir));
    expect(listed).toEqual(await truth(dir));
    expect(listed.rows.find((r) => r.id === first!.id)).toMatchObject({ name: 'zz renamed', folder: 'Aardvark', staged: true });
    expect(listed.rows.some((r) => r.id === second!.id)).toBe(false);
    expect(indexedU(dir)).toBe(before); // edits are laid over it, it is not rewritten for them
    await fold(a, 61);
    expect(indexedU(dir)).toBe(docU(dir));
    expect(shown(await listingAt(dir))).toEqual(await truth(dir));
  });

  it('a store without listing.json (made by an older build) is listed and gets one', async () => {
    const dir = tempDir();
    const a = await Store.open(dir);
    await a.update((d) => void createScript(d, { name: 'kept', source: '' }));
    rmSync(join(dir, 'listing.json'));
    expect(shown(await listingAt(dir))).toEqual(await truth(dir));
    expect(indexedU(dir)).toBe(docU(dir));
    expect(shown(await listingAt(dir))).toEqual(await truth(dir));
  });

  it('an out-of-date listing.json (writer killed between the two files, or an older build that wrote store.json only) is not used, and is written again', async () => {
    const dir = tempDir();
    const a = await Store.open(dir);
    const id = a.read().scripts[0]!.id;
    const old = readFileSync(join(dir, 'listing.json'));
    await a.update((d) => updateScript(d, id, { name: 'renamed before the fold' }));
    await fold(a, 61);
    writeFileSync(join(dir, 'listing.json'), old); // as if listing.json had never been replaced
    expect(indexedU(dir)).toBeLessThan(docU(dir));
    const listed = shown(await listingAt(dir));
    expect(listed.rows.find((r) => r.id === id)!.name).toBe('renamed before the fold');
    expect(listed).toEqual(await truth(dir));
    expect(indexedU(dir)).toBe(docU(dir));
  });

  it('a listing.json that was changed by hand, torn or is not JSON is not used, and is written again', async () => {
    const dir = tempDir();
    await Store.open(dir);
    const file = join(dir, 'listing.json');
    const good = readFileSync(file, 'utf8');
    const name = (await truth(dir)).rows[0]!.name;
    for (const broken of [good.replace(`"name":${JSON.stringify(name)}`, '"name":"by hand"'), good.slice(0, good.length / 2), 'not json\n', '']) {
      writeFileSync(file, broken);
      const listed = shown(await listingAt(dir));
      expect(listed).toEqual(await truth(dir));
      expect(listed.rows.map((r) => r.name)).not.toContain('by hand');
      expect(readFileSync(file, 'utf8')).toBe(good);
    }
  });

  it('does not hide a store.json changed by hand', async () => {
    const dir = tempDir();
    const a = await Store.open(dir);
    const name = a.read().scripts[1]!.name;
    const text = readFileSync(a.file, 'utf8');
    writeFileSync(a.file, text.replace(`"name":${JSON.stringify(name)}`, '"name":"by hand"')); // its checksum no longer matches
    const listed = shown(await listingAt(dir));
    expect(listed.rows.map((r) => r.name)).toContain('by hand');
    expect(listed).toEqual(await truth(dir));
  });

  it('lists edits written by an older build (journal lines without a hash)', async () => {
    const dir = tempDir();
    const a = await Store.open(dir);
    await a.update((d) => void createScript(d, { name: 'from an older build', source: '' }));
    const edits = join(dir, 'edits.jsonl');
    writeFileSync(edits, readFileSync(edits, 'utf8').replace(/,"h":"[0-9a-f]{16}"\}$/gm, '}'));
    const listed = shown(await listingAt(dir));
    expect(listed.rows.map((r) => r.name)).toContain('from an older build');
    expect(listed).toEqual(await truth(dir));
  });

  it('is sorted again by a reader whose locale orders names differently from the writer', async () => {
    const dir = tempDir();
    const a = await Store.open(dir, { seed: false });
    await a.update((d) => {
      for (const name of ['aa', 'b', 'z']) createScript(d, { name, source: '' });
    });
    await fold(a, 61);
    const names = (lang: string) => {
      // ICU takes the locale from $LC_ALL, else $LC_MESSAGES, else $LANG (an empty one counts)
      const { LC_ALL: _a, LC_MESSAGES: _m, ...env } = process.env;
      const r = spawnSync(process.execPath, [CLI, '--data-dir', dir, 'scripts', 'list', '--json'], { env: { ...env, LANG: lang, CRMSCRIPT_TUI_STORE: '' }, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return (JSON.parse(r.stdout) as Array<{ name: string }>).map((s) => s.name);
    };
    // Danish sorts "aa" (å) after "z"; listing.json holds the order of the writer's locale
    expect(new Intl.Collator('da').compare('aa', 'z')).toBeGreaterThan(0);
    expect(names('da_DK.UTF-8')).toEqual(['b', 'z', 'aa']);
    expect(names('en_US.UTF-8')).toEqual(['aa', 'b', 'z']);
  });

  it('lists consistently while other processes add scripts and fold store.json', async () => {
    const dir = tempDir();
    await Store.open(dir);
    const workers = Promise.all([runWorker(['add', dir, 'a', '60', '20000']), runWorker(['add', dir, 'b', '60', '20000'])]);
    let seen = new Set<string>();
    const folds = new Set<number | null>();
    const results = await whileRunning(workers, async () => {
      const listed = shown(await listingAt(dir));
      const names = listed.rows.map((r) => r.name);
      expect(new Set(names).size).toBe(names.length); // nothing twice
      for (const n of seen) expect(names).toContain(n); // nothing added is lost again
      expect(listScripts({ folders: listed.folders, scripts: listed.rows }).map((r) => r.script.id)).toEqual(listed.rows.map((r) => r.id)); // in order
      seen = new Set(names);
      folds.add(indexedU(dir));
    });
    expect(results.map((r) => [r.code, r.stderr])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    expect(folds.size).toBeGreaterThan(1); // store.json and listing.json were replaced meanwhile
    const listed = shown(await listingAt(dir));
    expect(listed).toEqual(await truth(dir));
    expect(listed.rows.filter((r) => /^[ab]-\d+$/.test(r.name))).toHaveLength(120);
  }, 120_000);
});
