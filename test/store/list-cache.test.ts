// The list cache (src/store/json/list-cache.ts, used by commands/list-early.ts): `scripts list` of a
// store that has not changed since the last list prints the text it printed then; any change to
// the store (an edit, a fold), to the options, the time zone or the locale is a miss, as is a torn
// or foreign cache file; and lists taken while other processes write never show less than before.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Store } from '../../src/store/store.js';
import { createScript } from '../../src/store/repos.js';
import { LIST_CACHE_FILE, cachedListText, listingState, saveListText } from '../../src/store/json/list-cache.js';
import { cleanupTempDirs, distStoreDir, runWorker, tempDir, whileRunning } from './helpers.js';
import { CLI } from '../common.js';

beforeAll(() => {
  distStoreDir();
});
afterEach(cleanupTempDirs);

/** `scripts list ARGS` of the store in `dir` by the built CLI, in time zone `tz`. */
function list(dir: string, args: string[] = [], tz = 'UTC'): string {
  const r = spawnSync(process.execPath, [CLI, '--data-dir', dir, 'scripts', 'list', ...args], { env: { ...process.env, TZ: tz, CRMSCRIPT_TUI_STORE: '', CRMSCRIPT_TUI_HOME: '' }, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

const cacheFile = (dir: string) => join(dir, LIST_CACHE_FILE);

/** Replaces the cached text with one of the same length, so that a list that uses the cache shows it. */
function forgeCachedText(dir: string): string {
  const file = readFileSync(cacheFile(dir), 'utf8');
  const nl = file.indexOf('\n');
  const forged = 'F'.repeat(file.length - nl - 2) + '\n';
  writeFileSync(cacheFile(dir), file.slice(0, nl + 1) + forged);
  return forged;
}

/** A settings change rewrites store.json (a fold) and empties the edits journal. */
const fold = (s: Store, seconds: number) => s.update((d) => void (d.settings.runTimeoutSeconds = seconds));

describe('the list cache', () => {
  it('files a text under the store state it was made from, and gives it back only for that state and variant', async () => {
    const dir = tempDir();
    const s = await Store.open(dir);
    const before = cachedListText(dir, 'v1');
    expect('state' in before && before.state).toBe(listingState(dir));
    if (!('state' in before)) throw new Error('an empty cache gave a text');
    saveListText(dir, 'v1', before.state, 'the list\n');
    expect(cachedListText(dir, 'v1')).toEqual({ text: 'the list\n' });
    expect(cachedListText(dir, 'v2')).toEqual({ state: before.state }); // other options, zone or locale

    // an edit (appended to the edits journal) and a fold (store.json replaced) each change the state
    await s.update((d) => void createScript(d, { name: 'added', source: '' }));
    const afterEdit = cachedListText(dir, 'v1');
    expect(afterEdit).not.toHaveProperty('text');
    saveListText(dir, 'v1', before.state, 'stale\n'); // made from the old state: not filed
    expect(cachedListText(dir, 'v1')).not.toHaveProperty('text');
    if (!('state' in afterEdit)) throw new Error('unreachable');
    saveListText(dir, 'v1', afterEdit.state, 'with added\n');
    expect(cachedListText(dir, 'v1')).toEqual({ text: 'with added\n' });
    await fold(s, 61);
    expect(cachedListText(dir, 'v1')).not.toHaveProperty('text');
    await s.close();
  });

  it('misses on a torn cache file and on a store without store.json', async () => {
    const dir = tempDir();
    await Store.open(dir);
    const st = cachedListText(dir, 'v');
    if (!('state' in st)) throw new Error('an empty cache gave a text');
    saveListText(dir, 'v', st.state, 'a text of some length\n');
    truncateSync(cacheFile(dir), readFileSync(cacheFile(dir)).length - 3);
    expect(cachedListText(dir, 'v')).not.toHaveProperty('text');
    expect(cachedListText(tempDir(), 'v')).toEqual({ state: null });
  });

  it('scripts list prints from the cache while the store is unchanged, and lists again after any change', async () => {
    const dir = tempDir();
    const s = await Store.open(dir);
    await s.update((d) => void createScript(d, { name: 'first', source: '' }));
    const text = list(dir);
    expect(text).toMatch(/^FOLDER +NAME +INCLUDE NAME +UPDATED\n/);
    expect(text).toContain('first');
    expect(existsSync(cacheFile(dir))).toBe(true);
    expect(list(dir)).toBe(text);

    // the second list above came from the cache: a forged text of the same length is what it shows
    const forged = forgeCachedText(dir);
    expect(list(dir)).toBe(forged);
    // other options are another variant: listed anew
    expect(list(dir, ['--json'])).toMatch(/^\[\n/);
    // a change to the store is a miss; the new list is filed in place of the old one
    await s.update((d) => void createScript(d, { name: 'second', source: '' }));
    const after = list(dir);
    expect(after).toContain('first');
    expect(after).toContain('second');
    expect(list(dir)).toBe(after);
    await fold(s, 61);
    forgeCachedText(dir);
    expect(list(dir)).toBe(after);
    await s.close();
  });

  it('shows the times in the zone of the process that lists, whatever zone the cached text was made in', async () => {
    const dir = tempDir();
    const s = await Store.open(dir, { seed: false });
    await s.update((d) => void createScript(d, { name: 'timed', source: '' }));
    const updatedAt = s.read().scripts[0]!.updatedAt;
    await s.close();
    const shownAt = (text: string) => /timed +- +(\S+ \S+)/.exec(text)?.[1];
    const inZone = (offsetMinutes: number) => new Date(Date.parse(updatedAt) + offsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(shownAt(list(dir, [], 'UTC'))).toBe(inZone(0));
    expect(shownAt(list(dir, [], 'Asia/Kathmandu'))).toBe(inZone(5 * 60 + 45)); // no daylight saving there
    expect(shownAt(list(dir, [], 'UTC'))).toBe(inZone(0));
  });

  it('lists consistently through the cache while other processes add scripts and fold store.json', async () => {
    const dir = tempDir();
    await Store.open(dir);
    const workers = Promise.all([runWorker(['add', dir, 'a', '40', '20000']), runWorker(['add', dir, 'b', '40', '20000'])]);
    let seen: string[] = [];
    const results = await whileRunning(workers, () => {
      const names = (JSON.parse(list(dir, ['--json'])) as Array<{ name: string }>).map((r) => r.name);
      expect(new Set(names).size).toBe(names.length);
      for (const n of seen) expect(names).toContain(n); // nothing listed before is missing again
      seen = names;
    });
    expect(results.map((r) => [r.code, r.stderr])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    // the store at rest: the list is complete, and the cached list is the same
    const final = list(dir, ['--json']);
    expect((JSON.parse(final) as Array<{ name: string }>).filter((r) => /^[ab]-\d+$/.test(r.name))).toHaveLength(80);
    expect(list(dir, ['--json'])).toBe(final);
  });
});
