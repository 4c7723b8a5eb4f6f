// A daemon whose store is removed or broken while it runs refuses writes with a 503 that says
// what is wrong and how to recover, and never starts a new empty store behind the operator's back.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { request } from 'node:http';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import { createScript } from '../../src/store/repos.js';
import { startDaemon, type DaemonHandle } from '../../src/daemon/daemon.js';
import { Router } from '../../src/daemon/http.js';
import { silentLogger } from '../../src/daemon/log.js';
import { addTask } from '../../src/tasks/manage.js';
import { cleanupTempDirs, tempDir } from './helpers.js';

let daemon: DaemonHandle;
let dataDir: string;

function post(path: string): Promise<{ status: number; body: { error?: string }; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: daemon.port, method: 'POST', path, headers: { authorization: `Bearer ${daemon.token}` } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : {}, retryAfter: res.headers['retry-after'] as string | undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dataDir = tempDir();
  const store = await Store.open(dataDir, { seed: false });
  await store.update((d) => {
    const s = createScript(d, { name: 'Job', source: 'printLine("x");' });
    addTask(d, { name: 'Job', targetKind: 'script', targetId: s.id, frequency: { kind: 'never' } });
  });
  await store.close();
  daemon = await startDaemon({ dataDir, host: '127.0.0.1', port: 0, log: silentLogger, router: new Router(), tickMs: 0, graceSeconds: 1 });
});

afterAll(async () => {
  await daemon?.stop();
  cleanupTempDirs();
});

it('refuses writes with 503 when store.json was removed, and never creates a new one', async () => {
  const file = join(dataDir, 'store.json');
  renameSync(file, `${file}.moved`);
  const r = await post('/api/tasks/Job/run');
  expect(r.status).toBe(503);
  expect(r.retryAfter).toBe('5');
  expect(r.body.error).toMatch(/store\.json was removed while crmscript-tui was using it; nothing was written .*Restore the file from a backup/);
  expect(existsSync(file)).toBe(false);
  renameSync(`${file}.moved`, file); // restored: works again
  expect((await post('/api/tasks/Job/run')).status).toBe(202);
});

it('says what is wrong with a corrupt store.json instead of a generic 500', async () => {
  const file = join(dataDir, 'store.json');
  const good = readFileSync(file, 'utf8');
  writeFileSync(file, good.slice(0, good.length / 2));
  const r = await post('/api/tasks/Job/run');
  expect(r.status).toBe(503);
  expect(r.body.error).toMatch(/store\.json is not valid JSON \(.*\); fix it or restore it from a backup/);
  writeFileSync(file, good);
  expect((await post('/api/tasks/Job/run')).status).toBe(202);
});
