// Issue 13: no script can end the CLI. The real built CLI runs hostile scripts (memory, output,
// a huge array) and ends each with `file:line:col: error: ...` on stderr, exit status 1, and no
// JavaScript stack trace; `run NAME` honours the store's time limit; host facts need runProgram.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cleanupTempDirs, requireBuiltCli, tempDir } from '../common.js';
import { Store } from '../../src/store/store.js';
import { createScript, updateSettings } from '../../src/store/repos.js';

requireBuiltCli();
afterEach(cleanupTempDirs);

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdoutBytes: number;
  stdoutHead: string;
  stderr: string;
}

/** Runs the built CLI; stdout is counted rather than kept (a flood must not fill the test). */
function runCli(args: string[], dataDir: string): Promise<Ran> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, '--data-dir', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stdoutHead = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => {
      stdoutBytes += c.length;
      if (stdoutHead.length < 1000) stdoutHead += c.toString('utf8');
    });
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    p.on('close', (code, signal) => resolve({ code, signal, stdoutBytes, stdoutHead, stderr }));
  });
}

function script(dir: string, name: string, source: string): string {
  const f = join(dir, name);
  writeFileSync(f, source);
  return f;
}

/** A JavaScript stack trace or a V8 fatal error in what the user sees. */
const INTERNALS = /\n\s+at |FATAL ERROR|heap out of memory|RangeError|internal error/;

describe('the CLI under hostile scripts', () => {
  it('ends a Map that grows forever with the memory error at its line', async () => {
    const dir = tempDir();
    const f = script(dir, 'hog.crm', 'Map m;\nInteger i = 0;\nwhile (true) { m.insert(i.toString(), ""); i++; }\n');
    const r = await runCli(['run', f, '--memory', '64'], join(dir, 'data'));
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${f}:3:\\d+: error: the script used more than the memory limit of 64 MB\\n$`));
    expect(r.stderr).not.toMatch(INTERNALS);
  });

  it('refuses Integer[50000000] under the default limit', async () => {
    const dir = tempDir();
    const f = script(dir, 'big.crm', 'Integer[50000000] a;\nprintLine("never");\n');
    const r = await runCli(['run', f, '--memory', '256'], join(dir, 'data'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/big\.crm:1:\d+: error: the script used more than the memory limit of 256 MB\n$/);
    expect(r.stdoutBytes).toBe(0);
  });

  it('ends an output flood at 16 MB, having printed exactly that', async () => {
    const dir = tempDir();
    const f = script(dir, 'flood.crm', 'String s = "0123456789abcdef";\nInteger i = 0;\nwhile (i < 20) { s = s + s; i++; }\nwhile (true) { print(s); }\n');
    const r = await runCli(['run', f], join(dir, 'data'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/flood\.crm:4:\d+: error: the script printed more than the output limit of 16 MB and was stopped\n$/);
    expect(r.stderr).not.toMatch(INTERNALS);
    expect(r.stdoutBytes).toBe(16 * 1024 * 1024);
  });

  it('runs a stored script under the store time limit unless --timeout is given', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const store = await Store.open(data, { seed: false });
    await store.update((d) => {
      updateSettings(d, { runTimeoutSeconds: 1 });
      createScript(d, { name: 'Spin', includeId: 'spin', source: 'Integer i = 0;\nwhile (true) { i++; }\n' });
    });
    store.close();
    const r = await runCli(['run', 'spin'], data);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: the script ran longer than the time limit (1 s) and was stopped');
    const flag = await runCli(['run', 'spin', '--timeout', '2'], data);
    expect(flag.stderr).toContain('time limit (2 s)');
  });

  it('keeps getPID and getExecutable behind --allow-run-program', async () => {
    const dir = tempDir();
    const f = script(dir, 'pid.crm', 'printLine(getPID().toString());\nprintLine(getExecutable());\n');
    const off = await runCli(['run', f], join(dir, 'data'));
    expect(off.code).toBe(1);
    expect(off.stderr).toMatch(/pid\.crm:1:\d+: error: getPID is disabled: scripts may not reach the host system\. Enable it with --allow-run-program\.\n$/);
    const on = await runCli(['run', f, '--allow-run-program'], join(dir, 'data'));
    expect(on.code).toBe(0);
    expect(on.stdoutHead).toContain(process.execPath);
  });
});
