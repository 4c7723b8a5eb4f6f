// `crmscript-tui debug FILE` in line mode, driven through stdin (stdin is not a terminal, so the
// REPL serves even when the Debugger screen exists); and the key commands.
import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cleanupTempDirs, storeWith, tempDir } from '../debug-sessions/helpers.js';

afterEach(() => cleanupTempDirs());

function cli(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin!.end(input);
  });
}

const SOURCE = `Integer add(Integer a, Integer b) {
  Integer s = a + b;
  return s;
}
Integer x = 1;
Integer y = add(x, 2);
printLine(y.toString());
Map m;
m.insert("k", "v");
printLine("name " + getVariable("name"));
`;

describe('debug FILE (line mode)', () => {
  it('steps, shows the stack, variables and values, sets breakpoints and runs to the end', async () => {
    const dir = tempDir();
    const file = join(dir, 'calc.crm');
    writeFileSync(file, SOURCE);
    const input = ['n', 's', 'bt', 'v', 'f 1', 'v', 'o', 'p y * 10', 'p nosuch', 'b 10', 'c', 'v m', 'c'].join('\n') + '\n';
    const r = await cli(['--data-dir', join(dir, 'store'), 'debug', file, '--var', 'name=Ada'], input);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout;
    const expected = [
      `[stopped] entry at ${file}:5`,
      '>   5  Integer x = 1;',
      `[stopped] step at ${file}:6`,
      `[stopped] step at ${file}:2`,
      '>   2    Integer s = a + b;',
      `*#0 add at ${file}:2`,
      ` #1 (main) at ${file}:6`,
      '  a: Integer = 1',
      '  b: Integer = 2',
      `#1 (main) at ${file}:6`,
      '  x: Integer = 1',
      `[stopped] step at ${file}:7`,
      '= 30 (Integer)',
      "error: 'nosuch' is not declared",
      'breakpoints: 10',
      '3',
      `[stopped] breakpoint at ${file}:10`,
      'm: Map = Map (1) {"k": "v"}',
      '  "k": String = "v"',
      'name Ada',
      '[ended] ok in',
    ];
    let at = 0;
    for (const e of expected) {
      const i = out.indexOf(e, at);
      expect(i, `"${e}" after position ${at} in:\n${out}`).toBeGreaterThanOrEqual(0);
      at = i + e.length;
    }
  });

  it('stops the run when input ends while paused, and q quits', async () => {
    const dir = tempDir();
    const file = join(dir, 'calc.crm');
    writeFileSync(file, SOURCE);
    const eof = await cli(['--data-dir', join(dir, 'store'), 'debug', file], 'n\n');
    expect(eof.stdout).toContain('[input ended] stopping the run');
    expect(eof.stdout).toContain('[ended] the run was stopped');
    expect(eof.code).toBe(0);
    const q = await cli(['--data-dir', join(dir, 'store'), 'debug', file], 'q\nn\n');
    expect(q.stdout).toContain('[ended] the run was stopped');
    expect(q.stdout).not.toContain('step at');
  });

  it('reports a script error with its position and fails; runs a stored script by name with --break', async () => {
    const dir = tempDir();
    const file = join(dir, 'boom.crm');
    writeFileSync(file, 'Integer zero = 0;\nprintLine("x");\nInteger r = 10 / zero;\n');
    const boom = await cli(['--data-dir', join(dir, 'store'), 'debug', file, '--no-stop-on-entry'], 'c\nc\n');
    expect(boom.stdout).toMatch(/\[stopped\] exception: .+ at .*boom\.crm:3/);
    expect(boom.stdout).toMatch(/\[ended\] error: .*boom\.crm:3:\d+: /);
    expect(boom.code).toBe(1);

    const broken = join(dir, 'broken.crm');
    writeFileSync(broken, 'Integer x = "no";\n');
    const bad = await cli(['--data-dir', join(dir, 'store'), 'debug', broken], '');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/broken\.crm:1:\d+: error: /);

    const { store, dir: sdir } = await storeWith({ Hello: 'String a = "one";\nString b = "two";\nprintLine(a + b);\n' });
    store.close();
    const stored = await cli(['--data-dir', sdir, 'debug', 'Hello', '--no-stop-on-entry', '--break', '3'], 'v\nc\n');
    expect(stored.stdout).toContain('Debugging Hello');
    expect(stored.stdout).toContain('[stopped] breakpoint at store:Hello:3');
    expect(stored.stdout).toContain('  b: String = "two"');
    expect(stored.stdout).toContain('onetwo\n');
    expect(stored.code).toBe(0);

    const missing = await cli(['--data-dir', sdir, 'debug', 'NoSuchThing'], '');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("crmscript-tui: There is no file 'NoSuchThing' and no stored script or macro with that name.\n");
  });
});

describe('debug keys', () => {
  it('enables, lists, configures and disables keys in a 0600 file', async () => {
    const dir = tempDir();
    expect((await cli(['--data-dir', dir, 'debug', 'keys'], '')).stdout).toContain('No debug keys are enabled.');
    const en = await cli(['--data-dir', dir, 'debug', 'enable', 'alice', '--minutes', '10'], '');
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/Debug key "alice" is enabled until \d{4}-/);
    expect(statSync(join(dir, 'debug.json')).mode & 0o777).toBe(0o600);
    await cli(['--data-dir', dir, 'debug', 'enable', 'bob'], '');
    const cfg = await cli(['--data-dir', dir, 'debug', 'config', '--wait', '5', '--on-timeout', 'stop'], '');
    expect(cfg.stdout).toBe('A paused run waits 5 s for a debugger, then is stopped.\n');
    const keys = JSON.parse((await cli(['--data-dir', dir, 'debug', 'keys', '--json'], '')).stdout);
    expect(keys.keys.map((k: { key: string }) => k.key)).toEqual(['alice', 'bob']);
    expect(keys).toMatchObject({ waitSeconds: 5, onTimeout: 'stop' });
    expect((await cli(['--data-dir', dir, 'debug', 'disable', 'alice'], '')).code).toBe(0);
    const again = await cli(['--data-dir', dir, 'debug', 'disable', 'alice'], '');
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('crmscript-tui: the debug key "alice" is not enabled\n');
    const bad = await cli(['--data-dir', dir, 'debug', 'config', '--on-timeout', 'later'], '');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--on-timeout must be "resume" or "stop"');
  });
});

describe('debug MACRO (line mode)', () => {
  it('steps through the CRMScript a stored macro runs as', async () => {
    const { store, dir } = await storeWith({});
    const { createMacro } = await import('../../src/store/repos.js');
    const { newAction } = await import('../../src/macros/actions.js');
    await store.update((d) => {
      const set = newAction('setVariable');
      const [nameParam, valueParam] = Object.keys(set.params);
      set.params[nameParam] = 'greeting';
      set.params[valueParam] = 'hi';
      const log = newAction('log');
      log.params[Object.keys(log.params)[0]] = 'said {var.greeting}';
      createMacro(d, { name: 'Greeter', actions: [set, log] });
    });
    const r = await cli(['--data-dir', dir, 'debug', 'Greeter'], 'n\np getVariable("greeting")\nc\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[stopped] entry at macro:Greeter:');
    expect(r.stdout).toContain('setVariable("greeting", "hi");');
    expect(r.stdout).toContain('= "hi" (String)');
    expect(r.stdout).toMatch(/\[ended\] ok/);
  });
});
