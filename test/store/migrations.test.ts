import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, type Migration } from '../../src/store/migrations.js';
import { Store } from '../../src/store/store.js';
import { StoreError } from '../../src/store/errors.js';
import { STORE_VERSION } from '../../src/store/schema.js';
import { cleanupTempDirs, tempDir } from './helpers.js';

afterEach(cleanupTempDirs);

describe('migrations', () => {
  it('upgrades a version-less (pre-versioning) document when the store opens', async () => {
    const dir = tempDir();
    const old = {
      folders: [{ id: 'f1', parentId: null, name: 'Old' }],
      scripts: [
        {
          id: 's1',
          folderId: 'f1',
          name: 'Legacy',
          description: '',
          includeId: 'legacy',
          key: '',
          showResultAsHtml: false,
          source: 'printLine("old");',
          stagedSource: null,
          createdAt: '2024-01-01T00:00:00.000Z',
          updatedAt: '2024-01-01T00:00:00.000Z',
        },
      ],
    };
    writeFileSync(join(dir, 'store.json'), JSON.stringify(old));
    const store = await Store.open(dir);
    expect(JSON.parse(readFileSync(join(dir, `store.json.pre-v${STORE_VERSION}.bak`), 'utf8'))).toEqual(old);
    const d = store.read();
    expect(d.version).toBe(STORE_VERSION);
    expect(d.scripts.map((s) => s.includeId)).toEqual(['legacy']); // not re-seeded
    expect(d.triggers).toEqual([]);
    expect(d.settings.runTimeoutSeconds).toBe(60);
    const onDisk = JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8'));
    expect(onDisk.version).toBe(STORE_VERSION);
    expect(onDisk.scripts).toHaveLength(1);
    expect(onDisk.outbox).toBeUndefined(); // format 2 keeps the outbox in outbox.jsonl
    expect(d.outbox).toEqual([]);
  });

  it('runs migrations in order until the target version', () => {
    const fake: Migration[] = [
      { from: 2, up: (d) => ({ ...d, version: 3, c: `${d.b}!` }) },
      { from: 1, up: (d) => ({ ...d, version: 2, b: `${d.a}?` }) },
    ];
    const r = migrate({ version: 1, a: 'x' }, 'f.json', fake, 3);
    expect(r.migrated).toBe(true);
    expect(r.doc).toEqual({ version: 3, a: 'x', b: 'x?', c: 'x?!' });
    const same = { version: 3 };
    expect(migrate(same, 'f.json', fake, 3)).toEqual({ doc: same, migrated: false });
  });

  it('refuses a file from a newer version and names the file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'store.json'), JSON.stringify({ version: STORE_VERSION + 1 }));
    const err = await Store.open(dir).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.code).toBe('newer-version');
    expect(err.message).toContain(join(dir, 'store.json'));
    expect(err.message).toMatch(/newer crmscript-tui/);
  });

  it('reports a missing migration step clearly', () => {
    expect(() => migrate({ version: 1 }, 'f.json', [], 2)).toThrow(/f\.json uses format 1, which this crmscript-tui cannot upgrade/);
    expect(() => migrate({ version: 'one' }, 'f.json')).toThrow(/invalid "version" field/);
  });
});
