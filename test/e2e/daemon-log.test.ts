// The daemon's log lines in a real terminal (tmux): readable text on a terminal, JSON with
// --log-format json (and when piped: test/daemon/e2e.test.ts reads JSON lines from a pipe).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cleanupTempDirs, requireBuiltCli, tempDir, waitFor } from '../common.js';
import { hasTmux, openPane, type Pane } from './tmux.js';

let pane: Pane | null = null;
afterEach(() => {
  pane?.send('C-c');
  pane?.kill();
  pane = null;
  cleanupTempDirs();
});

describe.skipIf(!hasTmux)('daemon log lines in a terminal', () => {
  beforeAll(requireBuiltCli);

  it('are readable text on a terminal; daemon.log keeps JSON lines', async () => {
    const dir = tempDir();
    pane = openPane([process.execPath, CLI, '--data-dir', dir, 'daemon', '--port', '0'], { width: 140, height: 20 });
    const screen = await pane.waitFor(/\d\d:\d\d:\d\d INFO {2}daemon started {2}.*port=\d+/);
    expect(screen).not.toContain('{"time"');
    // the file gets a stretch of lines together, right after the terminal
    const started = await waitFor(() => {
      const text = existsSync(join(dir, 'daemon.log')) ? readFileSync(join(dir, 'daemon.log'), 'utf8') : '';
      return text.split('\n').find((l) => l.includes('daemon started'));
    }, 10_000, 'daemon.log to have the start line');
    expect(JSON.parse(started)).toMatchObject({ level: 'info', msg: 'daemon started' });
    pane.send('C-c');
    await pane.waitFor(/INFO {2}daemon stopped/);
    await pane.waitFor('EXIT=0');
  });

  it('are JSON with --log-format json', async () => {
    const dir = tempDir();
    pane = openPane([process.execPath, CLI, '--data-dir', dir, 'daemon', '--port', '0', '--log-format', 'json'], { width: 200, height: 20 });
    const screen = await pane.waitFor('"msg":"daemon started"');
    expect(screen).toMatch(/^\{"time":"\d{4}-/m);
  });
});
