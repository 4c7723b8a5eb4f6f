// End-to-end in a real terminal (tmux): "debug attach" of a run paused in another process, by a
// unique start of its id, in line mode whenever --repl is given (before or after the id).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { CLI, cleanupTempDirs, requireBuiltCli, runBuiltCli, tempDir, waitFor } from '../common.js';
import { Store } from '../../src/store/store.js';
import { createScript } from '../../src/store/repos.js';
import { hasTmux, openPane, type Pane } from './tmux.js';

const SOURCE = 'enableDebug("ops");\nprintLine("before the wait");\ndebugWait("look");\nprintLine("after the wait");\n';

let pane: Pane | null = null;
const runs: ChildProcess[] = [];
afterEach(() => {
  pane?.kill();
  pane = null;
  for (const r of runs.splice(0)) if (r.exitCode === null) r.kill('SIGKILL');
  cleanupTempDirs();
});

async function pausedRun(): Promise<{ dir: string; id: string; run: ChildProcess }> {
  const dir = tempDir();
  const store = await Store.open(dir, { seed: false });
  await store.update((d) => createScript(d, { name: 'Inspect', includeId: 'inspect', source: SOURCE }));
  store.close();
  expect(runBuiltCli(['--data-dir', dir, 'debug', 'enable', 'ops']).code).toBe(0);
  const run = spawn(process.execPath, [CLI, '--data-dir', dir, 'run', 'inspect'], { stdio: 'ignore' });
  runs.push(run);
  const id = await waitFor(() => {
    const r = spawnSync(process.execPath, [CLI, '--data-dir', dir, 'debug', 'sessions', '--json'], { encoding: 'utf8' });
    return (JSON.parse(r.stdout) as Array<{ id: string }>)[0]?.id;
  }, 20_000, 'the paused session');
  return { dir, id, run };
}

describe.skipIf(!hasTmux)('debug attach in a terminal', () => {
  beforeAll(requireBuiltCli);

  for (const order of ['ID --repl', '--repl ID'] as const) {
    it(`gives the line-mode debugger for "debug attach ${order}", with a shortened id`, async () => {
      const { dir, id, run } = await pausedRun();
      const prefix = id.slice(0, 4);
      const args = order === 'ID --repl' ? [prefix, '--repl'] : ['--repl', prefix];
      pane = openPane([process.execPath, CLI, '--data-dir', dir, 'debug', 'attach', ...args], { width: 100, height: 30 });
      await pane.waitFor(`Debugging Inspect (session ${id}`);
      await pane.waitFor('(debug)');
      expect(pane.screen()).toContain('[stopped] debugWait("look") at store:inspect:3');
      pane.type('c');
      pane.send('Enter');
      await pane.waitFor('[ended] ok');
      await pane.waitFor('EXIT=0');
      const exited = await new Promise<number | null>((res) => (run.exitCode !== null ? res(run.exitCode) : run.on('exit', (c) => res(c))));
      expect(exited).toBe(0);
    });
  }

  it('refuses an ambiguous or unknown start of an id with a sentence', async () => {
    const { dir } = await pausedRun();
    const r = runBuiltCli(['--data-dir', dir, 'debug', 'attach', 'zzzz-none', '--repl']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('crmscript-tui: There is no debug session "zzzz-none" (see "crmscript-tui debug sessions").\n');
  });
});
