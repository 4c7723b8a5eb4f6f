// `npm start` (scripts/start.mjs): builds only when a source is newer than the last build, says
// so while it builds, and then runs the CLI with the given arguments. Run on a small project
// whose "build" writes a stand-in dist/src/cli.js, so no tsc run is needed.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanupTempDirs, tempDir } from '../common.js';

afterEach(cleanupTempDirs);

const START = fileURLToPath(new URL('../../scripts/start.mjs', import.meta.url));

function project(): string {
  const root = tempDir('crms-start-');
  mkdirSync(join(root, 'scripts'));
  mkdirSync(join(root, 'src'));
  cpSync(START, join(root, 'scripts', 'start.mjs'));
  writeFileSync(join(root, 'src', 'a.ts'), 'export {};\n');
  const build = "require('fs').mkdirSync('dist/src',{recursive:true});require('fs').writeFileSync('dist/src/cli.js','console.log(\"cli ran with\", process.argv.slice(2).join(\" \"))\\n');require('fs').appendFileSync('builds.log','built\\n')";
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', scripts: { build: `node -e "${build.replace(/"/g, '\\"')}"` } }));
  return root;
}

function start(root: string, args: string[]) {
  return spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs'), ...args], { cwd: root, encoding: 'utf8' });
}

describe('npm start', () => {
  it('builds the first time and when a source changed, says so, and otherwise starts at once', () => {
    const root = project();
    const first = start(root, ['--version']);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/^Building crmscript-tui \(first start; this takes about a minute\)…\nBuilt in \d+ s\.\n$/);
    expect(first.stdout).toBe('cli ran with --version\n');

    const second = start(root, ['tasks', 'list']);
    expect(second.status).toBe(0);
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe('cli ran with tasks list\n');

    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'src', 'a.ts'), later, later);
    const third = start(root, []);
    expect(third.stderr).toMatch(/^Sources changed since the last build: building \(about a minute\)…\n/);
    expect(third.stdout).toBe('cli ran with \n');
  });
});
