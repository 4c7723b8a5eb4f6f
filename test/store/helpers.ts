import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export { cleanupTempDirs, tempDir } from '../common.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** The compiled store modules (npm test builds first). */
export function distStoreDir(): string {
  const dir = resolve(HERE, '../../dist/src/store');
  if (!existsSync(join(dir, 'store.js'))) {
    throw new Error(`The compiled store is missing (${dir}); run "npm run build" first.`);
  }
  return dir;
}

export const WORKER = resolve(HERE, 'fixtures/worker.mjs');

export function startWorker(args: string[]): ChildProcess {
  return spawn(process.execPath, [WORKER, distStoreDir(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Run the worker to completion; resolves with its exit code, stdout and stderr. */
export function runWorker(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = startWorker(args);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (b) => (stdout += b));
    child.stderr!.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/**
 * Calls `each` over and over while `workers` run (at least once), letting their events in between
 * calls, and returns their results.
 */
export async function whileRunning<T>(workers: Promise<T>, each: () => unknown): Promise<T> {
  let done = false;
  void workers.then(
    () => (done = true),
    () => (done = true),
  );
  do {
    await each();
    await new Promise((r) => setImmediate(r));
  } while (!done);
  return workers;
}
