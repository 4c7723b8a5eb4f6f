// `crmscript-tui run` with the build's V8 code caches (src/grammar/code-cache.ts, written by
// scripts/code-cache.mjs): caches written by a run are taken by V8 in a later process, and a run
// whose caches are damaged, foreign or made for other sources starts and runs all the same.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanupTempDirs, requireBuiltCli, runBuiltCli, tempDir } from '../common.js';

const NAMES = ['commander', 'ohm', 'run-worker'];
const LOADER = fileURLToPath(new URL('../../dist/bundle/code-cache.cjs', import.meta.url));

beforeAll(requireBuiltCli);
afterEach(cleanupTempDirs);

function hello(): { file: string; home: string } {
  const dir = tempDir('crms-run-cache-');
  const file = join(dir, 'hello.crm');
  writeFileSync(file, 'printLine("Hello, world");\n');
  return { file, home: join(dir, 'home') };
}

function runWith(cacheDir: string, env: Record<string, string> = {}) {
  const { file, home } = hello();
  return runBuiltCli(['run', file], { CRMSCRIPT_TUI_HOME: home, CRMSCRIPT_TUI_CODE_CACHE_DIR: cacheDir, ...env });
}

/** Where V8's data starts in a cache file: after the header line and the copy of the source. */
function v8DataStart(file: Buffer): number {
  const nl = file.indexOf(10);
  return nl + 1 + (JSON.parse(file.subarray(0, nl).toString()) as { source: number }).source;
}

/** Caches written by one run (CRMSCRIPT_TUI_WRITE_CODE_CACHE=1), in a folder of their own. */
function writtenCaches(): string {
  const dir = tempDir('crms-caches-');
  const r = runWith(dir, { CRMSCRIPT_TUI_WRITE_CODE_CACHE: '1' });
  expect(r).toMatchObject({ out: 'Hello, world\n', err: '', code: 0 });
  return dir;
}

describe('run with code caches', () => {
  it('writes a cache per bundle that a later process is given by V8, and runs with them', () => {
    const dir = writtenCaches();
    expect(readdirSync(dir).sort()).toEqual(NAMES.map((n) => `${n}.v8`));
    // what V8 says of each cache in a fresh Node process (the flags of a plain `node`)
    const check = `const { readFileSync } = require('node:fs'); const c = require(${JSON.stringify(LOADER)});
      for (const [name, file] of JSON.parse(process.argv[1])) { const source = readFileSync(file);
        const data = c.readCodeCache(c.codeCachePath(name), source);
        console.log(name, data ? (c.commonJsScript(file, source, data).cachedDataRejected ? 'rejected' : 'taken') : 'unusable'); }`;
    const bundle = (p: string) => fileURLToPath(new URL(`../../dist/bundle/${p}`, import.meta.url));
    const files = [
      ['commander', bundle('commander.cjs')],
      ['ohm', spawnSync(process.execPath, ['-p', "require.resolve('ohm-js')"], { encoding: 'utf8' }).stdout.trim()],
      ['run-worker', bundle('crm/worker/run-worker-body.cjs')],
    ];
    const said = spawnSync(process.execPath, ['-e', check, JSON.stringify(files)], { encoding: 'utf8', env: { ...process.env, CRMSCRIPT_TUI_CODE_CACHE_DIR: dir } });
    expect(said.stdout).toBe('commander taken\nohm taken\nrun-worker taken\n');
    expect(runWith(dir)).toMatchObject({ out: 'Hello, world\n', err: '', code: 0 });
  });

  it('runs as without them when they are truncated, foreign, for other sources or not caches at all', () => {
    const written = writtenCaches();
    const damaged: Record<string, (b: Buffer) => Buffer> = {
      truncated: (b) => b.subarray(0, b.length >> 1),
      'cut in its V8 data': (b) => b.subarray(0, b.length - 100),
      'of another Node': (b) => Buffer.from(b.toString('latin1').replace(`"node":"${process.version}"`, '"node":"v1.2.3"'), 'latin1'),
      // V8's own header: the hash of the V8 version that made it (V8 rejects it: cachedDataRejected)
      'of another V8': (b) => {
        const copy = Buffer.from(b);
        copy[v8DataStart(b) + 4]! ^= 0xff;
        return copy;
      },
      'for other sources': (b) => Buffer.from(b.toString('latin1').replace('"source":', '"source":1'), 'latin1'),
      'not a cache': () => Buffer.from('hello\n'),
      empty: () => Buffer.alloc(0),
    };
    for (const [how, damage] of Object.entries(damaged)) {
      const dir = tempDir('crms-caches-');
      for (const n of NAMES) writeFileSync(join(dir, `${n}.v8`), damage(readFileSync(join(written, `${n}.v8`))));
      expect({ how, ...runWith(dir) }).toMatchObject({ how, out: 'Hello, world\n', err: '', code: 0 });
    }
  });
});
