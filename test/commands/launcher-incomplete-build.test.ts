// The launcher (src/cli.tsx) when the program it loads is missing — a build that is incomplete or
// is being rewritten: one line that says so and how to fix it, exit status 1, no stack trace.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cleanupTempDirs, requireBuiltCli, tempDir } from '../common.js';

beforeAll(requireBuiltCli);
afterEach(cleanupTempDirs);

describe('a launcher whose program is missing', () => {
  it.each([['scripts', 'list'], ['run', 'hello.crm'], ['tasks', 'list']])('says so in one line for `%s %s`', (...args) => {
    const root = tempDir('crms-launcher-');
    mkdirSync(join(root, 'dist', 'src'), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ type: 'module' }));
    copyFileSync(CLI, join(root, 'dist', 'src', 'cli.js'));
    writeFileSync(join(root, 'hello.crm'), 'printLine("hi");\n');
    const r = spawnSync(process.execPath, [join(root, 'dist', 'src', 'cli.js'), ...args], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^crmscript-tui: cannot load the program: .*dist\/bundle\/.*\(is the build in dist\/ complete\? run `npm run build`\)$/);
  });
});
