// --user, --rollback and --changes on every command that runs a script against the sandbox CRM,
// through the CLI: run, debug (the built CLI's line-mode debugger driven on stdin), fire and macros
// run (in this process). Each
// runs the same write as bob with --rollback (nothing kept, the change listed on stderr), and debug
// also without it (kept).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, requireBuiltCli, tempDir } from '../common.js';
import { Store } from '../../src/store/store.js';
import { createScript } from '../../src/store/repos/scripts.js';
import { createMacro } from '../../src/store/repos/macros.js';
import { cli } from './helpers.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

const WRITE = 'Ticket t;\nt.load(7);\nt.setValue("priority", "4");\nt.save();\nprintLine("by " + getActiveUser().getValue("username"));\n';
const ROLLED_BACK = /CRM changes \(rolled back, nothing kept\): 1 row\n {2}update ticket 7: last_changed "2025-03-06 11:11:00" → "[^"]+", priority 1 → 4\n/;

let home: string;
let file: string;
beforeAll(async () => {
  home = tempDir('crm-flags-');
  file = join(tempDir('crm-flags-files-'), 'write.crm');
  writeFileSync(file, WRITE);
  const store = await Store.open(home, { seed: false });
  await store.update((d) => {
    createScript(d, { name: 'Write', folderId: null, includeId: 'write', source: WRITE });
    createMacro(d, { name: 'Bump', folderId: null, description: '', actions: [{ type: 'runScript', params: { script: 'write', values: '' }, condition: { kind: 'always' } }] });
  });
  store.close();
  expect((await cli(['triggers', 'add', 'NewTicket', '--script', 'write'], home)).code).toBe(0);
});

const priority = async (): Promise<unknown> => JSON.parse((await cli(['crm', 'show', 'ticket', '--where', 'id=7', '--json'], home)).out)[0].priority;

describe('--user, --rollback and --changes', () => {
  it.each([
    ['run', () => ['run', file]],
    ['debug', () => ['debug', file]],
    ['fire', () => ['fire', 'NewTicket', '--input', 'ticketId=7']],
    ['macros run', () => ['macros', 'run', 'Bump']],
  ])('%s', async (name, args) => {
    const r = await cli([...args(), '--user', 'bob', '--rollback', '--changes'], home, name === 'debug' ? 'c\n' : undefined);
    expect(r.out).toContain('by bob\n');
    expect(r.err).toMatch(ROLLED_BACK);
    expect(await priority()).toBe(1);
  }, 90_000);

  it('debug --changes without --rollback keeps the write and lists it', async () => {
    const r = await cli(['debug', file, '--changes'], home, 'c\n');
    expect(r.out).toContain('by admin\n');
    expect(r.err).toMatch(/CRM changes: 1 row\n {2}update ticket 7: .*priority 1 → 4\n/);
    expect(await priority()).toBe(4);
  }, 90_000);
});
