import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerScriptsCommands } from '../../src/commands/scripts.js';
import { Store } from '../../src/store/store.js';
import { findScript } from '../../src/store/repos.js';
import { runCommands, type CliResult } from '../common.js';

let root: string;
let dataDir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'crms-cmd-'));
  dataDir = join(root, 'data');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Run `crmscript-tui <args>` in-process against `dir`; returns stdout, stderr and the exit status. */
function cli(args: string[], dir = dataDir, seed = true): Promise<CliResult> {
  return runCommands((program) => registerScriptsCommands(program, () => Store.open(dir, { seed })), args);
}

function readTree(dir: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      const p = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(p).isDirectory()) {
        out[r + '/'] = null;
        walk(p, r);
      } else out[r] = readFileSync(p, 'latin1');
    }
  };
  walk(dir, '');
  return out;
}

describe('scripts commands', () => {
  it('lists the demo scripts as a table and as JSON', async () => {
    const r = await cli(['scripts', 'list']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^FOLDER\s+NAME\s+INCLUDE NAME\s+UPDATED$/);
    expect(lines.some((l) => /^Examples\s+Hello world\s+hello\s+\d{4}-\d\d-\d\d \d\d:\d\d$/.test(l))).toBe(true);
    const j = await cli(['scripts', 'list', '--json']);
    const rows = JSON.parse(j.out);
    expect(rows.find((x: { includeId: string }) => x.includeId === 'demo-lib')).toMatchObject({ folder: 'Examples/Library', name: 'Demo library' });
    const lib = await cli(['scripts', 'list', '--json', '--folder', 'Examples/Library']);
    expect(JSON.parse(lib.out).map((x: { name: string }) => x.name)).toEqual(['Demo library']);
  });

  it('adds, shows and removes a script', async () => {
    const file = join(root, 'greet.crm');
    writeFileSync(file, 'printLine("hi");\n');
    const add = await cli(['scripts', 'add', '--name', 'Greet', '--include-id', 'greet', '--folder', 'Tools/Text', '--file', file, '--description', 'Says hi']);
    expect(add).toEqual({ out: 'Added script "Tools/Text/Greet" (include name "greet").\n', err: '', code: 0 });
    const store = await Store.open(dataDir);
    expect(findScript(store.read(), 'greet')).toMatchObject({ name: 'Greet', description: 'Says hi', source: 'printLine("hi");\n' });

    const show = await cli(['scripts', 'show', 'greet']);
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/^Name: +Greet$/m);
    expect(show.out).toMatch(/^Folder: +Tools\/Text$/m);
    expect(show.out).toMatch(/^Include name: +greet$/m);
    expect(show.out.endsWith('\nprintLine("hi");\n')).toBe(true);
    const showJson = JSON.parse((await cli(['scripts', 'show', 'Tools/Text/Greet', '--json'])).out);
    expect(showJson).toMatchObject({ name: 'Greet', includeId: 'greet', folder: 'Tools/Text', source: 'printLine("hi");\n' });

    const dup = await cli(['scripts', 'add', '--name', 'Other', '--include-id', 'greet', '--file', file]);
    expect(dup.code).toBe(1);
    expect(dup.out).toBe('');
    expect(dup.err).toBe('The include name "greet" is already used by the script "Tools/Text/Greet"; include names must be unique.\n');

    const rm = await cli(['scripts', 'rm', 'greet']);
    expect(rm).toEqual({ out: 'Removed script "Tools/Text/Greet".\n', err: '', code: 0 });
    const gone = await cli(['scripts', 'show', 'greet']);
    expect(gone.code).toBe(1);
    expect(gone.err).toBe('There is no script named "greet" (by include name, folder path, name or id).\n');
  });

  it('reports a missing source file in one sentence', async () => {
    const r = await cli(['scripts', 'add', '--name', 'X', '--file', join(root, 'nope.crm')]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`Cannot read ${join(root, 'nope.crm')}: no such file or directory.\n`);
  });

  it('warns when a removed script is still referenced', async () => {
    const r = await cli(['scripts', 'rm', 'demo-on-new-ticket']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('Note: 1 trigger (NewTicket) uses it and will point at a missing script.\n');
  });

  it('removes a folder with what is inside and names the bindings left dangling (same rule as the TUI)', async () => {
    const r = await cli(['scripts', 'rm-folder', 'Examples']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Removed folder "Examples" with \d+ sub-folders?, \d+ scripts? and 0 macros\.\n$/);
    expect(r.err).toBe('Note: 1 trigger (NewTicket) and 1 scheduled task (Weekday greeting) use scripts or macros inside it and will point at missing scripts or macros.\n');
    const missing = await cli(['scripts', 'rm-folder', 'Examples']);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('No folder "Examples".\n');
  });

  it('export -> import into an empty store -> export gives identical trees', async () => {
    // Make the store more interesting than the seed: an empty folder, a top-level
    // script, a staged version, a key, HTML output and CRLF line ends.
    const store = await Store.open(dataDir);
    await store.update((d) => {
      d.folders.push({ id: 'emptyf', parentId: null, name: 'Empty folder' });
      d.scripts.push({
        id: 'toplvl',
        folderId: null,
        name: 'Top level',
        description: 'line one\nline two',
        includeId: 'top',
        key: 's3cret',
        showResultAsHtml: true,
        source: 'printLine("crlf");\r\nprintLine("æøå");',
        stagedSource: 'printLine("next");\n',
        createdAt: '2024-05-06T07:08:09.000Z',
        updatedAt: '2024-05-07T07:08:09.000Z',
      });
    });
    const ex1 = join(root, 'ex1');
    const e1 = await cli(['scripts', 'export', ex1]);
    expect(e1.code).toBe(0);
    expect(e1.out).toBe(`Exported 7 scripts and 4 folders to ${ex1}.\n`);
    const tree1 = readTree(ex1);
    expect(tree1['Empty folder/']).toBeNull();
    expect(tree1['Top level.crm']).toBe(Buffer.from('printLine("crlf");\r\nprintLine("æøå");').toString('latin1'));
    expect(JSON.parse(tree1['Examples/Library/Demo library.meta.json']!)).toMatchObject({ includeId: 'demo-lib' });

    const other = join(root, 'other');
    const imp = await cli(['scripts', 'import', ex1], other, false);
    expect(imp.err).toBe('');
    expect(imp.out).toBe(`Imported 7 scripts from ${ex1}: 7 added, 0 updated, 0 unchanged; 4 folders created.\n`);
    const ex2 = join(root, 'ex2');
    expect((await cli(['scripts', 'export', ex2], other, false)).code).toBe(0);
    expect(readTree(ex2)).toEqual(tree1);

    // importing the same again changes nothing
    const again = await cli(['scripts', 'import', ex1], other, false);
    expect(again.out).toMatch(/0 added, 0 updated, 7 unchanged; 0 folders created\.$/m);
  });

  it('import updates scripts matched by include name or by folder and name', async () => {
    const ex = join(root, 'ex');
    await cli(['scripts', 'export', ex]);
    // change a source, move a script by include name, add a bare .crm
    writeFileSync(join(ex, 'Examples', 'Hello world.crm'), 'printLine("changed");\n');
    mkdirSync(join(ex, 'Moved'));
    for (const ext of ['.crm', '.meta.json']) {
      const from = join(ex, 'Examples', 'Slow counter' + ext);
      writeFileSync(join(ex, 'Moved', 'Slow counter' + ext), readFileSync(from));
      rmSync(from);
    }
    writeFileSync(join(ex, 'Examples', 'Bare.crm'), 'printLine("bare");\n');
    const r = await cli(['scripts', 'import', ex]);
    expect(r.err).toBe('');
    expect(r.out).toBe(`Imported 7 scripts from ${ex}: 1 added, 2 updated, 4 unchanged; 1 folder created.\n`);
    const d = (await Store.open(dataDir)).read();
    expect(findScript(d, 'hello')?.source).toBe('printLine("changed");\n');
    expect(findScript(d, 'Moved/Slow counter')?.includeId).toBe('demo-slow');
    expect(d.scripts.filter((s) => s.includeId === 'demo-slow')).toHaveLength(1);
    expect(findScript(d, 'Examples/Bare')).toMatchObject({ includeId: '', source: 'printLine("bare");\n' });
  });

  it('rejects an invalid sidecar before touching the store', async () => {
    const ex = join(root, 'ex');
    mkdirSync(join(ex, 'A'), { recursive: true });
    writeFileSync(join(ex, 'A', 'Two.crm'), '');
    writeFileSync(join(ex, 'A', 'Two.meta.json'), '{"showResultAsHtml": "yes"}');
    const r = await cli(['scripts', 'import', ex]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${join(ex, 'A', 'Two.meta.json')} is not valid: showResultAsHtml: must be a boolean.\n`);
    writeFileSync(join(ex, 'A', 'Lonely.meta.json'), '{}');
    rmSync(join(ex, 'A', 'Two.meta.json'));
    const lonely = await cli(['scripts', 'import', ex]);
    expect(lonely.err).toBe(`${join(ex, 'A', 'Lonely.meta.json')} has no matching Lonely.crm beside it.\n`);
  });

  it('import is all or nothing and names the offending file', async () => {
    const before = readFileSync((await Store.open(dataDir)).file, 'utf8');
    const ex = join(root, 'ex');
    mkdirSync(join(ex, 'Examples'), { recursive: true });
    writeFileSync(join(ex, 'Examples', 'Aaa.crm'), 'printLine("new");'); // would be added first
    // matches "Slow counter" by include name, but renaming it would clash with "Hello world"
    writeFileSync(join(ex, 'Examples', 'Hello world.crm'), '');
    writeFileSync(join(ex, 'Examples', 'Hello world.meta.json'), JSON.stringify({ includeId: 'demo-slow' }));
    const r = await cli(['scripts', 'import', ex]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${join(ex, 'Examples', 'Hello world.crm')}: A script named "Hello world" already exists in the folder "Examples".\n`);
    expect(readFileSync(join(dataDir, 'store.json'), 'utf8')).toBe(before);
  });

  it('refuses to export into a non-empty directory', async () => {
    const ex = join(root, 'full');
    mkdirSync(ex);
    writeFileSync(join(ex, 'x'), '');
    const r = await cli(['scripts', 'export', ex]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`The directory ${ex} is not empty; export into a new or empty directory.\n`);
  });
});
