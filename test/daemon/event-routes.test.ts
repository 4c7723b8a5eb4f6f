// POST /api/events/:name through a real daemon: in-process (with the route registered on its
// router) and as the built `crmscript-tui daemon` process, which loads the route itself; the
// latter also checks that a failing scheduled task fires ScheduledTaskFailed into a binding.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Store } from '../../src/store/store.js';
import { createScript, createTrigger, getById } from '../../src/store/repos.js';
import { startDaemon, type DaemonHandle } from '../../src/daemon/daemon.js';
import { Router } from '../../src/daemon/http.js';
import { silentLogger } from '../../src/daemon/log.js';
import { addTask } from '../../src/tasks/manage.js';
import { registerEventRoutes } from '../../src/daemon/event-routes.js';
import { settleFirings } from '../../src/triggers/record.js';
import { cleanupTempDirs, tempDir } from '../triggers/helpers.js';
import { CLI, requireBuiltCli, storeReaches, whenOutput } from '../common.js';

interface Reply {
  status: number;
  body: any;
}

function post(port: number, path: string, body: string | undefined, token: string | null): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path, headers: token ? { authorization: `Bearer ${token}`, 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const VALIDATE = `EventData ed = getEventData();
if (ed.getInputValue("SaleEntity.Amount").toInteger() < 100) {
  ed.setValidationMessage("Amount too low");
}
ed.setOutputValue("checked", "yes");
print("by " + getVariable("SaleEntity.Heading"));`;

async function seed(dataDir: string): Promise<Store> {
  const store = await Store.open(dataDir, { seed: false });
  await store.update((d) => {
    const v = createScript(d, { name: 'Validate sale', includeId: 'validate-sale', source: VALIDATE });
    const after = createScript(d, { name: 'After', includeId: 'after', source: 'print("after");' });
    createTrigger(d, { event: 'SalesBeforeSaveSale', targetKind: 'script', targetId: v.id });
    createTrigger(d, { event: 'SalesBeforeSaveSale', targetKind: 'script', targetId: after.id });
  });
  return store;
}

describe('POST /api/events/:name (in-process daemon)', () => {
  let daemon: DaemonHandle;

  beforeAll(async () => {
    const dir = tempDir();
    (await seed(dir)).close();
    const router = new Router();
    registerEventRoutes(router);
    daemon = await startDaemon({ dataDir: dir, host: '127.0.0.1', port: 0, log: silentLogger, router, tickMs: 500, graceSeconds: 1 });
  });
  afterAll(async () => {
    await daemon?.stop();
    cleanupTempDirs();
  });

  it('fires the event and returns the same JSON as fire --json', async () => {
    const blocked = await post(daemon.port, '/api/events/SalesBeforeSaveSale', JSON.stringify({ inputs: { 'SaleEntity.Amount': 50, 'SaleEntity.Heading': 'Deal' }, user: 'ann' }), daemon.token);
    expect(blocked.status).toBe(200);
    expect(blocked.body).toMatchObject({ event: 'SalesBeforeSaveSale', blocked: true, message: 'Amount too low', outputs: { checked: 'yes' }, state: {}, navigateTo: '', skipped: 1 });
    expect(blocked.body.runs).toEqual([{ trigger: expect.any(String), target: 'script Validate sale', ok: true, output: 'by Deal', error: null, ms: expect.any(Number), changes: [] }]);

    const passed = await post(daemon.port, '/api/events/SalesBeforeSaveSale', '{"inputs": {"SaleEntity.Amount": "250"}}', daemon.token);
    expect(passed.body.blocked).toBe(false);
    expect(passed.body.runs.map((r: { output: string }) => r.output)).toEqual(['by ', 'after']);
    // the daemon answers first and records the firing on its bindings right behind the answer
    await settleFirings(daemon.store);
    const bindings = daemon.store.read().triggers;
    expect(bindings.map((t) => t.lastOutcome)).toEqual(['ok', 'ok']);
  });

  it('is a no-op for an event without bindings, even without a body', async () => {
    const r = await post(daemon.port, '/api/events/NewTicket', undefined, daemon.token);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ event: 'NewTicket', blocked: false, runs: [] });
  });

  it('404 for an unknown event (with a suggestion), 400 for a malformed body, 401 without the token', async () => {
    const unknown = await post(daemon.port, '/api/events/SalesBeforeSaveSael', '{}', daemon.token);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/no trigger event named "SalesBeforeSaveSael". Did you mean "SalesBeforeSaveSale"/);
    for (const body of ['{"inputs": ', '[1]', '{"inputs": [1, 2]}', '{"inputs": {"a": {"b": 1}}}', '{"user": 5}']) {
      const bad = await post(daemon.port, '/api/events/NewTicket', body, daemon.token);
      expect(bad.status, body).toBe(400);
      expect(typeof bad.body.error).toBe('string');
    }
    expect((await post(daemon.port, '/api/events/NewTicket', '{}', null)).status).toBe(401);
  });
});

describe('the crmscript-tui daemon process', () => {
  let proc: ChildProcess | null = null;

  afterEach(async () => {
    if (proc && proc.exitCode === null) {
      const exited = new Promise((res) => proc!.once('exit', res));
      proc.kill('SIGTERM');
      await exited;
    }
    proc = null;
    cleanupTempDirs();
  });

  it('serves the event endpoint and fires ScheduledTaskFailed when a task fails', async () => {
    requireBuiltCli();
    const dir = tempDir();
    const store = await seed(dir);
    const onFail = await store.update((d) => {
      const failing = createScript(d, { name: 'Failing', includeId: 'failing', source: 'Integer zero = 0;\nInteger x = 1 / zero;' });
      const report = createScript(d, {
        name: 'Report failure',
        includeId: 'report-failure',
        source: 'EventData ed = getEventData();\nprint(ed.getInputValue("scriptName") + ": " + ed.getInputValue("errorMessage"));',
      });
      addTask(d, { name: 'Doomed', targetKind: 'script', targetId: failing.id, frequency: { kind: 'never' }, startNow: true });
      return createTrigger(d, { event: 'ScheduledTaskFailed', targetKind: 'script', targetId: report.id }).id;
    });
    store.close();

    proc = spawn(process.execPath, [CLI, '--data-dir', dir, 'daemon', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout!.on('data', (c) => (out += c));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the daemon did not start: ${out}`)), 15_000);
      proc!.stdout!.on('data', () => {
        const m = /"msg":"daemon started".*?"port":(\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    const token = readFileSync(`${dir}/daemon.token`, 'utf8').trim();
    const r = await post(port, '/api/events/SalesBeforeSaveSale', '{"inputs": {"SaleEntity.Amount": "5"}}', token);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ blocked: true, message: 'Amount too low' });

    const check = await Store.open(dir, { seed: false });
    await storeReaches(check, () => expect(getById(check.read(), 'triggers', onFail)!.lastOutcome).not.toBeNull(), 15_000);
    expect(getById(check.read(), 'triggers', onFail)!.lastOutcome).toBe('ok');
    await check.close();
    // the daemon logs the firing after it is recorded in the store: wait for the line to arrive
    await whenOutput([proc!.stdout!], () => out.includes('"event fired"'), 15_000, () => `stdout: ${out}`);
    expect(out).toContain('"event fired"');
  });
});
