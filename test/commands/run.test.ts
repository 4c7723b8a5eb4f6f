// `crmscript-tui run FILE` and `--help` through the built CLI (a real process each).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, requireBuiltCli, runBuiltCli, tempDir } from '../common.js';

beforeAll(requireBuiltCli);
afterEach(cleanupTempDirs);

describe('run FILE', () => {
  it('runs a file without includes without creating or opening a store', () => {
    const dir = tempDir();
    const home = join(dir, 'home');
    writeFileSync(join(dir, 'hello.crm'), 'printLine("Hello, world");\n');
    const r = runBuiltCli(['run', join(dir, 'hello.crm')], { CRMSCRIPT_TUI_HOME: home });
    expect(r).toMatchObject({ out: 'Hello, world\n', code: 0 });
    // only the cache of compiled programs (the data directory named, its cache/ holds it)
    expect(readdirSync(home)).toEqual(['cache']);
  });

  it('resolves #include beside the file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'lib.crm'), 'String who() { return "lib"; }\n');
    writeFileSync(join(dir, 'main.crm'), '#include "lib"\nprintLine("from " + who());\n');
    const r = runBuiltCli(['run', join(dir, 'main.crm')], { CRMSCRIPT_TUI_HOME: join(dir, 'home') });
    expect(r).toMatchObject({ out: 'from lib\n', code: 0 });
  });

  it('reports a script error as file:line:col and still holds the time limit', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.crm'), 'Integer x = 1;\nwhile (true) { x++; }\n');
    const r = runBuiltCli(['run', '--timeout', '0.5', join(dir, 'bad.crm')], { CRMSCRIPT_TUI_HOME: join(dir, 'home') });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.crm: error: the script ran longer than the time limit \(0\.5 s\)/);
    expect(readdirSync(dir)).toEqual(['bad.crm', 'home']);
    expect(readdirSync(join(dir, 'home'))).toEqual(['cache']);
  });
});

describe('--help', () => {
  it('prints the same top-level help as the program produces live', () => {
    const cached = runBuiltCli(['--help']);
    const live = runBuiltCli(['--help'], { CRMSCRIPT_TUI_LIVE_HELP: '1' });
    expect(cached.code).toBe(0);
    expect(cached.out).toContain('Usage: crmscript-tui');
    expect(cached.out).toContain('run [options] <script>');
    expect(cached.out).toBe(live.out);
    expect(runBuiltCli(['help']).out).toBe(live.out);
  });

  it('still gives command help live', () => {
    expect(runBuiltCli(['run', '--help']).out).toContain('--allow-run-program');
  });
});
