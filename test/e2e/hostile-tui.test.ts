// Issue 13: no script can end the TUI. The real TUI in a terminal (tmux) runs a script that grows
// memory without end and one that floods its output; each ends with its error on the result
// screen and the TUI goes on (and quits normally).
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuiltCli } from '../common.js';
import { Store } from '../../src/store/store.js';
import { createScript, findFolderByPath, updateSettings } from '../../src/store/repos.js';
import { hasTmux, keys, start, type Session } from './tui-session.js';

let session: Session | null = null;
let dataRoot: string | null = null;
afterEach(() => {
  session?.kill();
  session = null;
  if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
  dataRoot = null;
});

/** The demo store, with two hostile scripts in Examples and small limits. */
async function hostileStore(): Promise<string> {
  dataRoot = mkdtempSync(join(tmpdir(), 'crms-hostile-'));
  const dataDir = join(dataRoot, 'data');
  const store = await Store.open(dataDir);
  await store.update((d) => {
    updateSettings(d, { memoryLimitMb: 64, outputLimitMb: 1 });
    const folderId = findFolderByPath(d, 'Examples')!.id;
    createScript(d, { folderId, name: 'Memory hog', includeId: 'hog', source: 'Map m;\nInteger i = 0;\nwhile (true) { m.insert(i.toString(), ""); i++; }' });
    createScript(d, { folderId, name: 'Output flood', includeId: 'flood', source: 'String s = "0123456789";\nInteger i = 0;\nwhile (i < 16) { s = s + s; i++; }\nwhile (true) { print(s); }' });
  });
  store.close();
  return dataDir;
}

describe.skipIf(!hasTmux)('the TUI under hostile scripts (tmux)', () => {
  beforeAll(requireBuiltCli);

  it('shows the memory and output errors and carries on', async () => {
    session = start({ dataDir: await hostileStore(), width: 120, height: 32 });
    await session.waitFor('Memory hog');

    await keys(session, 'Enter', '/');
    session.type('Memory');
    await session.waitFor('/ Memory'); // the filter took the text (as a user sees before pressing Enter)
    await keys(session, 'Enter', 'Enter');
    await session.waitFor('Include hog');
    await keys(session, 'r');
    await session.waitFor('the script used more than the memory limit of 64 MB', 60_000);

    await keys(session, 'Escape', 'Escape', 'Escape');
    await keys(session, '/');
    session.type('Output');
    await session.waitFor('/ Output');
    await keys(session, 'Enter', 'Enter');
    await session.waitFor('Include flood');
    await keys(session, 'r');
    await session.waitFor('the script printed more than the output limit of 1 MB', 60_000);

    await keys(session, 'Escape', 'Escape', 'q');
    expect(await session.waitFor('EXIT=0')).toContain('EXIT=0');
  });
});
