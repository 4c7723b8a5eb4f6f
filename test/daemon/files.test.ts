// daemon.json (status), daemon.token and daemon.log.
import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hostname } from 'node:os';
import { clearDaemonInfo, daemonStatus, heartbeat, statusPath, type DaemonInfo } from '../../src/daemon/status.js';
import { ensureToken, readToken, sameSecret, tokenPath } from '../../src/store/token.js';
import { createLogger } from '../../src/daemon/log.js';
import { cleanupTempDirs, tempDir } from './helpers.js';

afterEach(() => cleanupTempDirs());

const info = (over: Partial<DaemonInfo> = {}): DaemonInfo => ({
  pid: process.pid,
  host: '127.0.0.1',
  port: 8642,
  startedAt: '2030-01-01T00:00:00.000Z',
  heartbeat: '2030-01-01T00:00:00.000Z',
  hostname: hostname(),
  ...over,
});

describe('daemonStatus', () => {
  it('is running while the heartbeat is fresh and the process exists', () => {
    const dir = tempDir();
    expect(daemonStatus(dir).running).toBe(false);
    const t0 = new Date('2030-01-01T00:00:00Z');
    heartbeat(dir, info(), t0);
    expect(daemonStatus(dir, new Date(t0.getTime() + 10_000))).toMatchObject({ running: true, text: `daemon running on 127.0.0.1:8642 (pid ${process.pid})` });
    expect(daemonStatus(dir, new Date(t0.getTime() + 60_000)).running).toBe(false); // stale heartbeat
    expect(daemonStatus(dir, new Date(t0.getTime() + 10_000), () => false).running).toBe(false); // process gone
  });

  it('leaves the file of another live daemon alone and removes only its own', () => {
    const dir = tempDir();
    const t0 = new Date();
    writeFileSync(statusPath(dir), JSON.stringify(info({ pid: 1, heartbeat: t0.toISOString() })));
    expect(heartbeat(dir, info({ pid: process.pid }), t0)).toBe(false);
    clearDaemonInfo(dir, process.pid);
    expect(JSON.parse(readFileSync(statusPath(dir), 'utf8')).pid).toBe(1);
    clearDaemonInfo(dir, 1);
    expect(daemonStatus(dir).info).toBeNull();
  });
});

describe('the token', () => {
  it('is made once with mode 0600, reused, and its mode tightened', () => {
    const dir = tempDir();
    expect(readToken(dir)).toBeNull();
    const t = ensureToken(dir);
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(tokenPath(dir)).mode & 0o777).toBe(0o600);
    chmodSync(tokenPath(dir), 0o644);
    expect(ensureToken(dir)).toBe(t);
    expect(statSync(tokenPath(dir)).mode & 0o777).toBe(0o600);
    expect(sameSecret(t, t)).toBe(true);
    expect(sameSecret(t, t.slice(1))).toBe(false);
  });
});

describe('the log', () => {
  it('writes one JSON object per line to stdout and daemon.log', () => {
    const dir = tempDir();
    const lines: string[] = [];
    const log = createLogger({ dataDir: dir, write: (l) => void lines.push(l), now: () => new Date('2030-01-01T00:00:00Z') });
    log.info('task finished', { task: 'A', outcome: 'ok' });
    log.debug('dropped');
    expect(lines).toEqual(['{"time":"2030-01-01T00:00:00.000Z","level":"info","msg":"task finished","task":"A","outcome":"ok"}\n']);
    expect(readFileSync(`${dir}/daemon.log`, 'utf8')).toBe(lines[0]);
  });

  it('in batches, writes the lines of one stretch of work together once it yields, in order', async () => {
    const dir = tempDir();
    const writes: string[] = [];
    const log = createLogger({ dataDir: dir, batch: true, write: (l) => void writes.push(l) });
    for (let i = 0; i < 3; i++) log.info('task started', { i });
    expect(writes).toEqual([]); // still this stretch
    await new Promise((res) => setImmediate(res));
    expect(writes).toHaveLength(1);
    expect(writes[0]!.trim().split('\n').map((l) => JSON.parse(l).i)).toEqual([0, 1, 2]);
    expect(readFileSync(`${dir}/daemon.log`, 'utf8')).toBe(writes[0]);
  });

  it('in batches, writes what is pending when the process exits', () => {
    const dir = tempDir();
    const built = fileURLToPath(new URL('../../dist/src/daemon/log.js', import.meta.url));
    const code = `const { createLogger } = await import(${JSON.stringify(built)}); const log = createLogger({ dataDir: ${JSON.stringify(dir)}, batch: true, write: () => {} }); log.warn('last words'); process.exit(3);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(JSON.parse(readFileSync(`${dir}/daemon.log`, 'utf8'))).toMatchObject({ level: 'warn', msg: 'last words' });
  });
});
