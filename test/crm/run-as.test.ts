// Who a run acts as in the sandbox CRM when nobody types --user: a scheduled task's own CRM user and
// rollback setting (the daemon's scheduler with the real run layer and worker), and a trigger
// binding's CRM user (the real CLI: triggers add --user, fire, fire --user overrides it).
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, emptyStore, requireBuiltCli, tempDir } from '../common.js';
import { createScript, taskRunsFor } from '../../src/store/repos.js';
import { addTask, editTask, requestStartNow } from '../../src/tasks/manage.js';
import { Scheduler } from '../../src/daemon/scheduler.js';
import { runTarget } from '../../src/run/target.js';
import { openDriver } from '../../src/crm/open.js';
import { cli } from './helpers.js';
import { join } from 'node:path';

requireBuiltCli();
afterAll(cleanupTempDirs);

const WRITE = 'Ticket t;\nt.load(7);\nt.setValue("priority", "4");\nt.save();\nprintLine("by " + getActiveUser().getValue("username"));\n';

describe('a scheduled task', () => {
  it('runs as its CRM user, and with rollback keeps nothing', async () => {
    const store = await emptyStore();
    const scriptId = await store.update((d) => createScript(d, { name: 'Write', folderId: null, includeId: 'write', source: WRITE }).id);
    const id = await store.update((d) => addTask(d, { name: 'Dry run', targetKind: 'script', targetId: scriptId, frequency: { kind: 'never' }, crmUser: 'carol', rollback: true }).id);
    const s = new Scheduler({ store, owner: 'daemon:1@test/crm', tickMs: 0, runTarget, fireEvent: async () => {} });
    const priority = async (): Promise<unknown> => {
      const d = await openDriver(join(store.dataDir, 'crm.sqlite'));
      try {
        return d.all('SELECT priority FROM ticket WHERE id = 7').rows[0][0];
      } finally {
        d.close();
      }
    };
    await store.update((d) => requestStartNow(d, id));
    await s.tick();
    await s.idle();
    const [dry] = taskRunsFor(store.read(), id);
    expect(dry).toMatchObject({ outcome: 'ok', output: 'by carol\n' });
    expect(dry!.changes).toEqual([expect.objectContaining({ table: 'ticket', id: 7, kind: 'update' })]);
    expect(await priority()).toBe(1);

    await store.update((d) => editTask(d, id, { rollback: false, crmUser: '' }));
    await store.update((d) => requestStartNow(d, id));
    await s.tick();
    await s.idle();
    const [kept] = taskRunsFor(store.read(), id);
    expect(kept).toMatchObject({ outcome: 'ok', output: 'by admin\n' });
    expect(await priority()).toBe(4);
    store.close();
  }, 90_000);
});

describe('a trigger binding', () => {
  it('runs as its CRM user unless fire --user says otherwise', async () => {
    const home = tempDir('crm-run-as-');
    const store = await (await import('../../src/store/store.js')).Store.open(home, { seed: false });
    await store.update((d) => createScript(d, { name: 'Write', folderId: null, includeId: 'write', source: WRITE }));
    store.close();
    const add = await cli(['triggers', 'add', 'NewTicket', '--script', 'write', '--user', 'dave', '--json'], home);
    expect(JSON.parse(add.out)).toMatchObject({ event: 'NewTicket', crmUser: 'dave' });
    const own = await cli(['fire', 'NewTicket', '--input', 'ticketId=7', '--rollback'], home);
    expect(own.out).toContain('| by dave');
    const over = await cli(['fire', 'NewTicket', '--input', 'ticketId=7', '--rollback', '--user', 'bob'], home);
    expect(over.out).toContain('| by bob');
    const id = JSON.parse(add.out).id as string;
    expect((await cli(['triggers', 'edit', id, '--user', ''], home)).code).toBe(0);
    expect((await cli(['fire', 'NewTicket', '--input', 'ticketId=7', '--rollback'], home)).out).toContain('| by admin');
  }, 90_000);
});
