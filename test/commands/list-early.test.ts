// The launcher's early `scripts list` (src/commands/list-early.ts): for the plain forms of the
// command line the built CLI answers without the program, and must answer exactly as the program
// does; everything else, and every problem, is left to the program.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import { createFolder, createScript } from '../../src/store/repos.js';
import { plainListArgs } from '../../src/commands/list-early.js';
import { CLI, cleanupTempDirs, requireBuiltCli, runBuiltCli, tempDir } from '../common.js';
import { runCliHere } from '../cli.js';

beforeAll(requireBuiltCli);
afterEach(cleanupTempDirs);

const NO_PG = { CRMSCRIPT_TUI_STORE: '' };

async function storeWithFolders(scripts = 12): Promise<string> {
  const dir = tempDir();
  const s = await Store.open(dir);
  await s.update((d) => {
    const lib = createFolder(d, { parentId: null, name: 'Lib' });
    const deep = createFolder(d, { parentId: lib.id, name: 'Deep' });
    for (let i = 0; i < scripts; i++) createScript(d, { name: `s${i}`, folderId: i % 3 === 0 ? null : i % 3 === 1 ? lib.id : deep.id, includeId: i % 4 ? '' : `inc${i}`, stagedSource: i % 5 ? null : 'x', source: '' });
  });
  await s.update((d) => void createScript(d, { name: 'edited later', source: '' })); // a line in edits.jsonl
  return dir;
}

describe('scripts list from the launcher', () => {
  it('takes the plain forms only', () => {
    expect(plainListArgs(['scripts', 'list'])).toEqual({});
    expect(plainListArgs(['--data-dir', '/d', 'scripts', 'list', '--json', '--folder', 'A/B'])).toEqual({ dataDir: '/d', json: true, folder: 'A/B' });
    for (const argv of [
      ['scripts', 'list', '--help'],
      ['scripts', 'list', '--folder=A'],
      ['scripts', 'list', '--folder'],
      ['scripts', 'list', '--folder', '--json'],
      ['scripts', 'list', '--json', '--json'],
      ['scripts', 'list', 'extra'],
      ['scripts', 'list', '--data-dir', '/d'],
      ['--store', 'postgres://x/y', 'scripts', 'list'],
      ['--data-dir', 'scripts', 'list'],
      ['scripts', 'show', 'list'],
      ['list'],
    ]) {
      expect(plainListArgs(argv), argv.join(' ')).toBeNull();
    }
  });

  it('prints what the program prints', async () => {
    const dir = await storeWithFolders();
    for (const args of [[], ['--json'], ['--folder', 'Lib'], ['--folder', 'Lib/Deep', '--json'], ['--folder', 'Nowhere']]) {
      const built = runBuiltCli(['--data-dir', dir, 'scripts', 'list', ...args], NO_PG);
      const program = await runCliHere(['--data-dir', dir, 'scripts', 'list', ...args], NO_PG);
      expect(built, args.join(' ')).toEqual(program);
      expect(built.code).toBe(args.includes('Nowhere') ? 1 : 0); // no such folder: said by the program
    }
  });

  it('leaves a problem to the program, which reports it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'store.json'), '{ not json');
    const r = runBuiltCli(['--data-dir', dir, 'scripts', 'list'], NO_PG);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/store\.json is not valid JSON .*fix it or restore it from a backup/);
  });

  it('ends quietly when the reader closes the pipe early (| head)', async () => {
    const dir = await storeWithFolders(3000); // more than a pipe holds
    const r = spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" --data-dir "$2" scripts list | head -c 10 >/dev/null', process.execPath, CLI, dir], {
      env: { ...process.env, ...NO_PG },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
