import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import { StoreError } from '../../src/store/errors.js';
import { createScript, findScriptByIncludeId } from '../../src/store/repos.js';
import { resolveDataDir } from '../../src/store/paths.js';
import { deleteBlob, fullOutput, prepareOutput, readBlob, writeBlob } from '../../src/store/blobs.js';
import { cleanupTempDirs, tempDir } from './helpers.js';

afterEach(cleanupTempDirs);

describe('resolveDataDir', () => {
  it('prefers the flag, then CRMSCRIPT_TUI_HOME, then XDG_DATA_HOME, then ~/.local/share', () => {
    const env = { CRMSCRIPT_TUI_HOME: '/h', XDG_DATA_HOME: '/x', HOME: process.env.HOME } as NodeJS.ProcessEnv;
    expect(resolveDataDir('/flag', env)).toBe('/flag');
    expect(resolveDataDir(undefined, env)).toBe('/h');
    expect(resolveDataDir(undefined, { XDG_DATA_HOME: '/x' })).toBe('/x/crmscript-tui');
    expect(resolveDataDir('', { CRMSCRIPT_TUI_HOME: '' })).toMatch(/\/\.local\/share\/crmscript-tui$/);
  });
});

describe('Store.open', () => {
  it('creates a private data directory and a seeded store.json', async () => {
    const dir = join(tempDir(), 'nested', 'data');
    const store = await Store.open(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'store.json')).mode & 0o777).toBe(0o600);
    expect(findScriptByIncludeId(store.read(), 'hello')).toBeDefined();
    const onDisk = JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8'));
    expect(onDisk.scripts.length).toBe(store.read().scripts.length);
  });

  it('creates an empty store with seed: false and does not re-seed an existing one', async () => {
    const dir = tempDir();
    const store = await Store.open(dir, { seed: false });
    expect(store.read().scripts).toEqual([]);
    const again = await Store.open(dir); // seed defaults to true, but the store exists
    expect(again.read().scripts).toEqual([]);
  });

  it('names the file and the problem for invalid JSON', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'store.json'), '{"version": 1, ');
    const err = await Store.open(dir).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.code).toBe('invalid-file');
    expect(err.message).toMatch(new RegExp(`^${join(dir, 'store.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not valid JSON \\(`));
    expect(err.message).not.toContain('\n');
  });

  it('names the field for a file that fails the schema, without a schema dump', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    const doc = JSON.parse(readFileSync(store.file, 'utf8'));
    doc.scripts[1].name = '';
    doc.tasks[0].frequency.days = ['monday'];
    writeFileSync(store.file, JSON.stringify(doc));
    const err = await Store.open(dir).catch((e) => e);
    expect(err.code).toBe('invalid-file');
    expect(err.message).toContain(`${store.file} is not a valid crmscript-tui store: `);
    expect(err.message).toContain('scripts[1].name: must not be empty');
    expect(err.message).toContain('tasks[0].frequency.days[0]: must be a number');
    expect(err.message).not.toMatch(/ZodError|"code"|\n/);
  });

  it('reports an empty file clearly', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'store.json'), '');
    await expect(Store.open(dir)).rejects.toThrow(/store\.json is empty; restore it from a backup or remove it/);
  });

  it('reports a data directory that is a file', async () => {
    const file = join(tempDir(), 'plain');
    writeFileSync(file, 'x');
    await expect(Store.open(file)).rejects.toThrow(/^Cannot create the data directory .*plain: /);
  });
});

describe('Store.read and update', () => {
  it('returns the same snapshot until the file changes', async () => {
    const store = await Store.open(tempDir());
    const a = store.read();
    expect(store.read()).toBe(a);
    await store.update((d) => {
      createScript(d, { name: 'New' });
    });
    const b = store.read();
    expect(b).not.toBe(a);
    expect(b.scripts.some((s) => s.name === 'New')).toBe(true);
    expect(a.scripts.some((s) => s.name === 'New')).toBe(false); // old snapshots are not mutated
  });

  it('sees changes written by another Store on the same directory', async () => {
    const dir = tempDir();
    const one = await Store.open(dir);
    const two = await Store.open(dir);
    one.read();
    await two.update((d) => {
      createScript(d, { name: 'From two' });
    });
    expect(one.read().scripts.some((s) => s.name === 'From two')).toBe(true);
    // and an update through `one` re-reads first, so nothing is lost
    await one.update((d) => {
      createScript(d, { name: 'From one' });
    });
    const names = two.read().scripts.map((s) => s.name);
    expect(names).toContain('From two');
    expect(names).toContain('From one');
  });

  it('returns the callback value and writes nothing when the callback throws', async () => {
    const store = await Store.open(tempDir());
    const before = readFileSync(store.file, 'utf8');
    await expect(
      store.update((d) => {
        createScript(d, { name: 'Half' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(readFileSync(store.file, 'utf8')).toBe(before);
    expect(store.read().scripts.some((s) => s.name === 'Half')).toBe(false);
    const id = await store.update((d) => createScript(d, { name: 'Whole' }).id);
    expect(store.read().scripts.find((s) => s.id === id)?.name).toBe('Whole');
  });

  it('refuses to save a document that fails the schema', async () => {
    const store = await Store.open(tempDir());
    const before = readFileSync(store.file, 'utf8');
    const err = await store
      .update((d) => {
        d.settings.runTimeoutSeconds = -5;
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.code).toBe('invalid');
    expect(err.message).toBe(
      'The change was not saved because it would make the store invalid: settings.runTimeoutSeconds: must be at least 0.',
    );
    expect(readFileSync(store.file, 'utf8')).toBe(before);
  });

  it('serialises concurrent updates from one process', async () => {
    const store = await Store.open(tempDir(), { seed: false });
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        store.update((d) => {
          createScript(d, { name: `p${i}` });
        }),
      ),
    );
    expect(store.read().scripts).toHaveLength(30);
  });

  it('keeps the last good snapshot when the file is broken behind its back', async () => {
    const store = await Store.open(tempDir());
    const good = store.read();
    writeFileSync(store.file, '{ broken');
    expect(store.read()).toBe(good);
    expect(store.lastReadError?.code).toBe('invalid-file');
    await expect(store.update(() => undefined)).rejects.toThrow(/is not valid JSON/);
    expect(readFileSync(store.file, 'utf8')).toBe('{ broken'); // never overwritten
  });

  it('answers the reads inside withOneLook with one look at the files, and looks again after it', async () => {
    const store = await Store.open(tempDir());
    await store.update((d) => void createScript(d, { name: 'first' }));
    const seen = store.withOneLook(() => {
      const before = store.read();
      writeFileSync(store.file, '{ broken'); // changed behind its back, within the stretch
      const inside = store.read();
      expect(inside).toBe(before);
      expect(store.lastReadError).toBeNull();
      return inside.scripts.map((s) => s.name);
    });
    expect(seen).toContain('first');
    store.read(); // after it: the files are looked at again
    expect(store.lastReadError?.code).toBe('invalid-file');
  });

  it('removes temp files left by killed writers on the next update', async () => {
    const store = await Store.open(tempDir());
    writeFileSync(join(store.dataDir, 'store.json.1a2b3c4d'), '{"half":');
    await store.update(() => undefined);
    expect(readdirSync(store.dataDir).filter((n) => n.startsWith('store.json.'))).toEqual([]);
  });

  it('takes over a stale lock left by a crashed process', async () => {
    const store = await Store.open(tempDir(), { lockStaleMs: 2000 });
    const lockDir = join(store.dataDir, 'store.json.lock');
    mkdirSync(lockDir);
    const { utimesSync } = await import('node:fs');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockDir, old, old);
    await store.update((d) => {
      createScript(d, { name: 'after crash' });
    });
    expect(store.read().scripts.some((s) => s.name === 'after crash')).toBe(true);
    expect(existsSync(lockDir)).toBe(false);
  });

  it('gives up on a lock that stays held, with a sentence that says what to do', async () => {
    const store = await Store.open(tempDir(), { lockWaitMs: 300 });
    mkdirSync(join(store.dataDir, 'store.json.lock')); // fresh: not stale for 10 s
    const err = await store.update(() => undefined).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.code).toBe('lock');
    expect(err.message).toMatch(/stayed locked by another process .* try again, or remove .*store\.json\.lock if no crmscript-tui process is running\.$/);
  });
});

describe('blobs', () => {
  it('writes, reads and deletes text by id', async () => {
    const dir = tempDir();
    await writeBlob(dir, 'run-1', 'x'.repeat(100_000));
    expect(readBlob(dir, 'run-1')).toHaveLength(100_000);
    expect(statSync(join(dir, 'blobs', 'run-1')).mode & 0o777).toBe(0o600);
    deleteBlob(dir, 'run-1');
    expect(readBlob(dir, 'run-1')).toBeNull();
    await expect(writeBlob(dir, '../escape', 'x')).rejects.toThrow(/not a valid blob id/);
  });

  it('keeps long outputs in a blob and short ones inline', async () => {
    const dir = tempDir();
    const short = await prepareOutput(dir, 'hello');
    expect(short).toEqual({ output: 'hello', outputBlob: null });
    const text = 'line\n'.repeat(5000);
    const long = await prepareOutput(dir, text, 100);
    expect(long.output).toBe(text.slice(0, 100));
    expect(long.outputBlob).not.toBeNull();
    expect(fullOutput(dir, long)).toBe(text);
  });
});
