// Issue 13, item 10: #include reads only what it should. File includes stay inside the including
// file's directory tree and read regular files only; `#include ""` is a clear error; stored
// scripts include stored scripts only (also under `check`, whatever the current directory).
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { compileScript, fileIncludeResolver, formatDiagnostic } from '../../src/interp/compile-script.js';
import { CLI, cleanupTempDirs, requireBuiltCli, tempDir } from '../common.js';
import { Store } from '../../src/store/store.js';
import { createScript } from '../../src/store/repos.js';

requireBuiltCli();
afterEach(cleanupTempDirs);

function checkFile(dir: string, source: string): string[] {
  const file = join(dir, 'main.crm');
  writeFileSync(file, source);
  return compileScript({ source, file, resolveInclude: fileIncludeResolver }).diagnostics.map(formatDiagnostic);
}

describe('#include from a file', () => {
  it('reads a library beside the file and in a subdirectory', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'util.crm'), 'Integer one() { return 1; }');
    writeFileSync(join(dir, 'lib', 'more.crm'), 'Integer two() { return 2; }');
    expect(checkFile(dir, '#include "util";\n#include "lib/more";\nprintLine((one() + two()).toString());')).toEqual([]);
  });

  it('refuses paths that leave the directory tree, devices included, without reading them', () => {
    const dir = tempDir();
    const d = checkFile(dir, '#include "../../../../../../dev/zero";');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(/main\.crm:1:1: error: #include "..\/..\/..\/..\/..\/..\/dev\/zero": an included file must be inside the directory of /);
    expect(checkFile(dir, '#include "/etc/passwd";')[0]).toMatch(/must be inside the directory/);
  });

  it('refuses a link that leads outside, and a FIFO, instead of hanging', () => {
    const dir = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.crm'), 'printLine("secret");');
    symlinkSync(join(outside, 'secret.crm'), join(dir, 'link.crm'));
    expect(checkFile(dir, '#include "link";')[0]).toMatch(/#include "link": .*link\.crm leads outside the directory/);
    execFileSync('mkfifo', [join(dir, 'pipe.crm')]);
    expect(checkFile(dir, '#include "pipe";')[0]).toMatch(/#include "pipe": .*pipe\.crm is not a regular file/);
  });

  it('says what is wrong with #include ""', () => {
    const dir = tempDir();
    expect(checkFile(dir, '#include "";')).toEqual([`${join(dir, 'main.crm')}:1:1: error: #include needs the include name of a script, e.g. #include "library"`]);
  });
});

describe('#include in a stored script', () => {
  it('never reaches host files under check, whatever the current directory', async () => {
    const dataDir = tempDir();
    const cwd = tempDir();
    writeFileSync(join(cwd, 'hostfile.crm'), 'printLine("from the host");');
    const store = await Store.open(dataDir, { seed: false });
    await store.update((d) => void createScript(d, { name: 'Uses host', includeId: 'useshost', source: '#include "hostfile";\nprintLine("x");' }));
    store.close();
    const r = execCli(['--data-dir', dataDir, 'check', 'useshost'], cwd);
    expect(r.code).toBe(1);
    expect(r.err).toBe('store:useshost:1:1: error: cannot find the script with include name "hostfile"\n');
  });
});

function execCli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
