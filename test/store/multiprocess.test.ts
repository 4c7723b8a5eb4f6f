import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Store, listingAt } from '../../src/store/store.js';
import { scriptRow } from '../../src/store/backend.js';
import { listScripts } from '../../src/store/repos.js';
import { cleanupTempDirs, distStoreDir, runWorker, startWorker, tempDir } from './helpers.js';

beforeAll(() => {
  distStoreDir(); // fail early with a clear message when the build is missing
});
afterEach(cleanupTempDirs);

describe('several processes', () => {
  it('two processes adding 200 scripts each at the same time lose nothing', async () => {
    const dir = tempDir();
    const seeded = (await Store.open(dir)).read().scripts.length;
    const [a, b] = await Promise.all([runWorker(['add', dir, 'a', '200']), runWorker(['add', dir, 'b', '200'])]);
    expect(a.stderr).toBe('');
    expect(b.stderr).toBe('');
    expect([a.code, b.code]).toEqual([0, 0]);
    const store = await Store.open(dir);
    const names = new Set(store.read().scripts.map((s) => s.name));
    expect(store.read().scripts).toHaveLength(seeded + 400);
    for (let i = 0; i < 200; i++) {
      expect(names.has(`a-${i}`)).toBe(true);
      expect(names.has(`b-${i}`)).toBe(true);
    }
  }, 120_000);

  it('processes opening a new store at the same time seed it once', async () => {
    const dir = tempDir();
    const runs = await Promise.all([1, 2, 3].map((i) => runWorker(['touch', dir, `p${i}`])));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    const d = (await Store.open(dir)).read();
    expect(d.scripts.filter((s) => s.includeId === 'hello')).toHaveLength(1);
    expect(d.scripts.filter((s) => /^p\d$/.test(s.name)).map((s) => s.name).sort()).toEqual(['p1', 'p2', 'p3']);
    expect(d.folders.filter((f) => f.name === 'Examples')).toHaveLength(1);
  });

  it('survives writers being killed with SIGKILL mid-write', async () => {
    const dir = tempDir();
    await Store.open(dir);
    // Edits are appended to edits.jsonl and folded into store.json now and then: both count.
    const both = () => readFileSync(join(dir, 'store.json'), 'utf8') + readFileSync(join(dir, 'edits.jsonl'), 'utf8');
    for (let round = 0; round < 6; round++) {
      const before = both();
      const child = startWorker(['loop', dir]);
      // killed after a random number of writes, in the middle of the next one
      const writes = 1 + Math.floor(Math.random() * 12);
      await new Promise<void>((resolve, reject) => {
        let lines = 0;
        child.stdout!.on('data', (c: Buffer) => {
          lines += c.toString().split('\n').length - 1;
          if (lines >= writes) resolve();
        });
        child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
      });
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      // The file on disk is always a complete, valid store.
      const text = readFileSync(join(dir, 'store.json'), 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
      await expect(Store.open(dir, { seed: false })).resolves.toBeDefined();
      expect(both()).not.toBe(before); // the worker really was writing
      const store = await Store.open(dir);
      expect(store.read().scripts.length).toBeGreaterThan(0);
      // a list (from listing.json, which the killed writer may not have replaced yet) shows the same
      const d = store.read();
      expect(listScripts(await listingAt(dir))).toEqual(listScripts({ folders: d.folders, scripts: d.scripts.map(scriptRow) }));
    }
    // A later writer takes over the stale lock the killed one may have left and cleans its temp files.
    const store = await Store.open(dir, { lockStaleMs: 2000 });
    await store.update((d) => {
      d.scripts[0]!.description = 'still writable';
    });
    expect(store.read().scripts[0]!.description).toBe('still writable');
    expect(readdirSync(dir).filter((n) => /^(store\.json|listing\.json|edits\.jsonl)\.[0-9a-f]+$/.test(n))).toEqual([]);
  }, 120_000);

  it('watch() notices a change made by another process', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    let calls = 0;
    const changed = new Promise<void>((resolve) => {
      store.watch(() => {
        calls++;
        resolve();
      });
    });
    const r = await runWorker(['touch', dir, 'from another process']);
    expect(r.code).toBe(0);
    await Promise.race([changed, new Promise((_, reject) => setTimeout(() => reject(new Error('no change noticed')), 5000))]);
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(store.read().scripts.some((s) => s.name === 'from another process')).toBe(true);
    store.close();
  });

  it('watch() falls back to polling and stops when asked', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    const other = await Store.open(dir);
    let calls = 0;
    // the poll and the debounce run on a fake clock; fs.watch events stay debounced past the test
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const stop = store.watch(() => calls++, { pollMs: 100, debounceMs: 10_000 });
      await other.update((d) => {
        d.settings.tracingEnabled = true;
      });
      vi.advanceTimersByTime(99);
      expect(calls).toBe(0); // not before the poll
      vi.advanceTimersByTime(1);
      expect(calls).toBe(1); // the poll noticed the change
      vi.advanceTimersByTime(400);
      expect(calls).toBe(1); // once
      stop();
      await other.update((d) => {
        d.settings.tracingEnabled = false;
      });
      vi.advanceTimersByTime(1000);
      expect(calls).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
