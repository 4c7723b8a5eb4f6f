// The HTTP API of an in-process daemon on a loopback port (real script runs in workers;
// `npm test` builds dist/ first, which the workers need).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { statSync } from 'node:fs';
import { Store } from '../../src/store/store.js';
import { createScript, taskRunsFor } from '../../src/store/repos.js';
import { startDaemon, type DaemonHandle } from '../../src/daemon/daemon.js';
import { Router, addRoute, apiRoutes } from '../../src/daemon/http.js';
import { silentLogger } from '../../src/daemon/log.js';
import { addTask, requireTask } from '../../src/tasks/manage.js';
import { tokenPath } from '../../src/store/token.js';
import { daemonStatus } from '../../src/daemon/status.js';
import { cleanupTempDirs, tempDir, waitFor } from './helpers.js';

let daemon: DaemonHandle;
let dataDir: string;
let router: Router;

interface Reply {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

function call(method: string, path: string, opts: { body?: string | Buffer; token?: string | null; headers?: Record<string, string> } = {}): Promise<Reply> {
  const token = opts.token === undefined ? daemon.token : opts.token;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: daemon.port, method, path, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.end(opts.body);
    else req.end();
  });
}

beforeAll(async () => {
  dataDir = tempDir();
  const store = await Store.open(dataDir, { seed: false });
  await store.update((d) => {
    const plain = createScript(d, { name: 'Echo', includeId: 'echo', source: 'printLine("hi " + getVariable("who") + " / " + getEventData().getInputValue("n"));' });
    createScript(d, { name: 'Secret', includeId: 'secret', key: 's3cret', source: 'printLine("classified");' });
    createScript(d, { name: 'Broken', includeId: 'broken', source: 'Integer x = 1 / 0;' });
    addTask(d, { name: 'Nightly echo', targetKind: 'script', targetId: plain.id, frequency: { kind: 'never' } });
  });
  store.close();
  router = new Router();
  daemon = await startDaemon({ dataDir, host: '127.0.0.1', port: 0, log: silentLogger, router, tickMs: 500, graceSeconds: 1 });
});

afterAll(async () => {
  await daemon?.stop();
  cleanupTempDirs();
});

describe('authentication', () => {
  it('writes the token with mode 0600 and refuses requests without it (401)', async () => {
    expect(statSync(tokenPath(dataDir)).mode & 0o777).toBe(0o600);
    const none = await call('GET', '/api/health', { token: null });
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.body.error).toMatch(/daemon\.token/);
    const wrong = await call('GET', '/api/health', { token: 'nope' });
    expect(wrong.status).toBe(401);
    // Unknown paths also need the token first.
    expect((await call('GET', '/api/nothing', { token: null })).status).toBe(401);
  });

  it('answers /api/health with the token, and daemon.json says a daemon serves the store', async () => {
    const r = await call('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, pid: process.pid, port: daemon.port, shuttingDown: false });
    const st = daemonStatus(dataDir);
    expect(st.running).toBe(true);
    expect(st.info!.port).toBe(daemon.port);
  });
});

describe('errors', () => {
  it('404 for an unknown path, 405 for a wrong method', async () => {
    const missing = await call('GET', '/api/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/no API endpoint/);
    const wrong = await call('GET', '/api/scripts/echo/run');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
  });

  it('400 for malformed JSON or a body that is not an object', async () => {
    const bad = await call('POST', '/api/scripts/echo/run', { body: '{"variables": ' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/not valid JSON/);
    expect((await call('POST', '/api/scripts/echo/run', { body: '[1,2]' })).status).toBe(400);
    expect((await call('POST', '/api/scripts/echo/run', { body: '{"variables": {"a": {"b": 1}}}' })).status).toBe(400);
  });

  it('413 for a body over the limit', async () => {
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    const r = await call('POST', '/api/scripts/echo/run', { body: big });
    expect(r.status).toBe(413);
    expect(r.body.error).toMatch(/larger than/);
  });
});

describe('POST /api/scripts/:includeId/run', () => {
  it('runs the script with variables and event inputs and returns output and duration', async () => {
    const r = await call('POST', '/api/scripts/echo/run', { body: JSON.stringify({ variables: { who: 'ops' }, inputs: { n: 7 } }) });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    expect(r.body.output).toBe('hi ops / 7\n');
    expect(r.body.error).toBeNull();
    expect(typeof r.body.durationMs).toBe('number');
  });

  it('reports a script error with its position', async () => {
    const r = await call('POST', '/api/scripts/broken/run', { body: '{}' });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
    expect(r.body.error).toMatch(/^store:broken:1:\d+: /);
  });

  it('needs the right ?key= for a script with a Key (403 otherwise)', async () => {
    const none = await call('POST', '/api/scripts/secret/run');
    expect(none.status).toBe(403);
    expect(none.body.error).toMatch(/\?key=/);
    expect((await call('POST', '/api/scripts/secret/run?key=guess')).status).toBe(403);
    const ok = await call('POST', '/api/scripts/secret/run?key=s3cret');
    expect(ok.status).toBe(200);
    expect(ok.body.output).toBe('classified\n');
  });

  it('404 for an unknown include name', async () => {
    expect((await call('POST', '/api/scripts/nope/run', { body: '{}' })).status).toBe(404);
  });
});

describe('tasks over HTTP', () => {
  it('POST /api/tasks/:name/run starts the task and its run shows up in the history', async () => {
    const r = await call('POST', `/api/tasks/${encodeURIComponent('Nightly echo')}/run`);
    expect(r.status).toBe(202);
    const store = daemon.store;
    const id = requireTask(store.read(), 'Nightly echo').id;
    const run = await waitFor(() => taskRunsFor(store.read(), id).find((x) => x.outcome !== 'running'), 10_000, 'the task run');
    expect(run.outcome).toBe('ok');
    expect(run.output).toBe('hi  / \n');
    const list = await call('GET', '/api/tasks');
    expect(list.body.find((t: { name: string }) => t.name === 'Nightly echo')).toMatchObject({ lastResult: 'ok', frequencyText: 'never' });
    const one = await call('GET', `/api/tasks/${encodeURIComponent('Nightly echo')}`);
    expect(one.body.runs[0]).toMatchObject({ outcome: 'ok', output: 'hi  / \n' });
    expect((await call('POST', '/api/tasks/missing/run')).status).toBe(404);
  });
});

describe('the router', () => {
  it('lets other modules add routes with parameters', async () => {
    router.add('POST', '/api/echo/:name', (req) => ({ status: 201, body: { name: req.params.name, got: req.body } }));
    const r = await call('POST', '/api/echo/a%20b', { body: '{"x":1}' });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ name: 'a b', got: { x: 1 } });
  });

  it('addRoute registers on the shared router the daemon uses by default', () => {
    addRoute('GET', '/api/test-only', () => ({ body: 1 }));
    expect(apiRoutes.match('GET', '/api/test-only')).toHaveProperty('handler');
    expect(apiRoutes.match('PUT', '/api/test-only')).toEqual({ allowed: ['GET'] });
    expect(apiRoutes.match('GET', '/api/other')).toBeNull();
  });
});
