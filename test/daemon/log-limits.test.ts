// Issue 13, item 11: a flood of refused requests costs the daemon's log a few lines, and the log
// rotates by size while the daemon runs.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, LOG_FILE, type Logger } from '../../src/daemon/log.js';
import { createLogLimiter } from '../../src/daemon/log-limit.js';
import { Store } from '../../src/store/store.js';
import { cleanupTempDirs, tempDir } from './helpers.js';
import { requireBuiltCli } from '../common.js';
import { call, killStartedDaemons, startDaemon } from './process.js';

requireBuiltCli();
afterEach(async () => {
  await killStartedDaemons();
  cleanupTempDirs();
});

function collecting(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ write: (l) => void lines.push(JSON.parse(l) as Record<string, unknown>) });
  return { logger, lines };
}

describe('the log rate limit', () => {
  it('writes at most `max` lines per key and window, then one line with how many were left out', () => {
    let t = 0;
    const { logger, lines } = collecting();
    const limiter = createLogLimiter(logger, { max: 5, windowMs: 1000, now: () => t });
    for (let i = 0; i < 100; i++) limiter.log('http 401', 'info', 'http request', { status: 401 });
    limiter.log('http 404', 'info', 'http request', { status: 404 });
    expect(lines.filter((l) => l.status === 401)).toHaveLength(5);
    expect(lines.filter((l) => l.status === 404)).toHaveLength(1);
    t = 1000;
    limiter.flush();
    expect(lines.at(-1)).toMatchObject({ msg: 'http request: 95 more like this were not logged', suppressed: 95, key: 'http 401' });
    limiter.log('http 401', 'info', 'http request', { status: 401 });
    expect(lines.at(-1)).toMatchObject({ msg: 'http request', status: 401 });
    limiter.close();
  });

  it('keeps the real daemon log small under a flood of bad tokens', async () => {
    const dir = tempDir();
    (await Store.open(dir, { seed: false })).close();
    const d = await startDaemon(dir);
    const answers = [];
    for (let i = 0; i < 300; i++) answers.push(call(d.port, 'GET', '/api/health', i % 2 ? 'wrong-token' : null));
    const statuses = (await Promise.all(answers)).map((a) => a.status);
    expect(new Set(statuses)).toEqual(new Set([401]));
    const logged = readFileSync(join(dir, LOG_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.status === 401);
    expect(logged.length).toBe(20);
  });
});

describe('log rotation', () => {
  it('moves daemon.log to daemon.log.1 when it grows past the size while running', () => {
    const dir = tempDir();
    const logger = createLogger({ dataDir: dir, write: () => {}, rotateBytes: 4000 });
    for (let i = 0; i < 200; i++) logger.info('line', { i, pad: 'x'.repeat(40) });
    const file = join(dir, LOG_FILE);
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(statSync(file).size).toBeLessThanOrEqual(4000 + 200);
    const last = readFileSync(file, 'utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(last)).toMatchObject({ msg: 'line', i: 199 });
  });
});
