// Store.listing(): the folders and the rows of the scripts (what a list shows), as read() has them.
// The JSON store cuts each script's source out of its line without decoding it (cut-field.ts) when
// store.json is as crmscript-tui wrote it, and falls back to parsing whole lines otherwise.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { Store } from '../../src/store/store.js';
import { StoreError } from '../../src/store/errors.js';
import { checksum } from '../../src/store/json/document.js';
import { textWithout } from '../../src/store/json/cut-field.js';
import { createFolder, createScript, deleteScript, listScripts, setRunValues, updateScript } from '../../src/store/repos.js';
import { scriptRow } from '../../src/store/backend.js';
import { cleanupTempDirs, tempDir } from './helpers.js';

afterEach(cleanupTempDirs);

/** Sources that look like the text the cut searches for, quotes and backslashes in every arrangement. */
const TRICKY = [
  'printLine("a\\"b");',
  '// ,"source":"not this one"\nprintLine("x");',
  '\\',
  '\\\\"',
  'String s = "\\\\";\n"source":"",\n',
  'ends with a backslash \\',
  'ünïcödé ✓ 😀 "quoted", "source": "x"',
];

/** The rows of read()'s scripts: what listing() must give. */
const rows = (s: Store) => s.read().scripts.map(scriptRow);

/** store.json with its checksum made right again after a change (as if crmscript-tui had written it). */
function resum(file: string, change: (text: string) => string): void {
  const text = change(readFileSync(file, 'utf8'));
  const nl = text.indexOf('\n');
  const body = text.slice(nl + 1);
  writeFileSync(file, text.slice(0, nl).replace(/"sum":"[0-9a-f]{40}"/, `"sum":"${checksum(body)}"`) + '\n' + body);
}

describe('Store.listing()', () => {
  it('gives the scripts without their sources, whatever the sources hold, and read() still has the sources', async () => {
    const dir = tempDir();
    const a = await Store.open(dir);
    await a.update((d) => {
      const f = createFolder(d, { parentId: null, name: 'Tricky' });
      TRICKY.forEach((source, i) => createScript(d, { name: `t${i}`, folderId: f.id, source, stagedSource: i % 2 ? source : null, description: `"source":"${i}"` }));
    });
    await a.update((d) => updateScript(d, d.scripts[0]!.id, { description: 'folded' })); // one more update; then fold:
    await a.update((d) => void (d.settings.runTimeoutSeconds = 61)); // a settings change rewrites store.json
    expect(readFileSync(a.file, 'utf8')).toContain('"source":"'); // the sources are in store.json's lines

    const b = await Store.open(dir);
    const listing = b.listing();
    for (const s of listing.scripts) expect(s).not.toHaveProperty('source');
    const full = b.read();
    expect(listing.scripts).toEqual(rows(b)); // sources cut out of the lines
    expect(listing.folders).toEqual(full.folders);
    expect(full.scripts.filter((s) => s.name.startsWith('t')).map((s) => s.source)).toEqual(TRICKY);
    expect(listScripts(listing).map((r) => r.script.id)).toEqual(listScripts(full).map((r) => r.script.id));
  });

  it('lays the edits of other processes over store.json: changed, removed and added scripts', async () => {
    const dir = tempDir();
    const a = await Store.open(dir);
    const [first, second] = a.read().scripts;
    const reader = await Store.open(dir);
    expect(reader.listing().scripts.map((s) => s.id)).toContain(second!.id);
    await a.update((d) => updateScript(d, first!.id, { name: 'renamed', source: 'printLine("new");' }));
    await a.update((d) => void deleteScript(d, second!.id));
    const added = await a.update((d) => createScript(d, { name: 'added', source: '"source":"x"' }).id);
    for (const s of [reader, await Store.open(dir)]) {
      const listing = s.listing();
      expect(listing.scripts).toEqual(rows(s));
      expect(listing.scripts.find((x) => x.id === first!.id)?.name).toBe('renamed');
      expect(listing.scripts.some((x) => x.id === second!.id)).toBe(false);
      expect(listing.scripts.at(-1)?.id).toBe(added);
    }
  });

  it('reads a line whose nested object has a "source" key before the script\'s own source', async () => {
    const dir = tempDir();
    const a = await Store.open(dir);
    const id = a.read().scripts[0]!.id;
    await a.update((d) => setRunValues(d, 'script', id, { variables: { source: 'nested value' }, inputs: {} }));
    await a.update((d) => void (d.settings.runTimeoutSeconds = 61)); // fold into store.json
    // Put runValues first in the script's line (any key order is valid JSON), checksum made right.
    resum(a.file, (text) =>
      text
        .split('\n')
        .map((l) => {
          if (!l.includes(`"id":"${id}"`)) return l;
          const comma = l.endsWith(',') ? ',' : '';
          const { runValues, ...rest } = JSON.parse(comma ? l.slice(0, -1) : l);
          return JSON.stringify({ runValues, ...rest }) + comma;
        })
        .join('\n'),
    );
    expect(readFileSync(a.file, 'utf8')).toMatch(/\{"runValues":\{"variables":\{"source":"nested value"\}/);
    const b = await Store.open(dir);
    const listing = b.listing();
    expect(listing.scripts.find((x) => x.id === id)).not.toHaveProperty('source');
    expect(b.read().scripts.find((x) => x.id === id)!.runValues).toEqual({ variables: { source: 'nested value' }, inputs: {} });
    expect(listing.scripts).toEqual(rows(b));
  });

  it('checks a store.json changed by hand (its checksum no longer matches) and lists what it holds', async () => {
    const dir = tempDir();
    const a = await Store.open(dir);
    const name = a.read().scripts[1]!.name;
    const text = readFileSync(a.file, 'utf8');
    writeFileSync(a.file, text.replace(`"name":${JSON.stringify(name)}`, '"name":"by hand"'));
    const b = await Store.open(dir);
    expect(b.listing().scripts[1]!.name).toBe('by hand');
    expect(b.listing().scripts).toEqual(rows(b));
    writeFileSync(a.file, text.replace(`"name":${JSON.stringify(name)}`, '"name":""'));
    const err = await Store.open(dir).catch((e) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(err.message).toMatch(/scripts\[1\]\.name: must not be empty/);
  });
});

describe('textWithout (cut-field.ts)', () => {
  const cut = (line: string, key = 'source') => {
    const bytes = Buffer.from(`xx${line}yy`); // the line sits inside a larger buffer, as in store.json
    return textWithout(bytes, 2, bytes.length - 2, key);
  };

  it('cuts the member out of every line JSON.stringify writes, whatever the value holds', () => {
    for (const source of TRICKY) {
      const line = JSON.stringify({ id: 'a', name: `"source":"${source}`, source, updatedAt: 'z' });
      expect(JSON.parse(cut(line)!)).toEqual({ id: 'a', name: `"source":"${source}`, updatedAt: 'z' });
    }
  });

  it('gives null when the line has no such member before its end', () => {
    expect(cut('{"id":"a","name":"x"}')).toBeNull();
    expect(cut('{"id":"a","source":null}')).toBeNull(); // not a string
    const bytes = Buffer.from('{"id":"a"}\n{"id":"b","source":"s"}');
    expect(textWithout(bytes, 0, 10, 'source')).toBeNull(); // the next line's member is not this line's
  });
});
