// Set-up shared by the test directories: temporary directories and stores, polling, and running
// the CLI (in this process with its commands registered, or the built one in a child process).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { Command } from 'commander';
import { Store } from '../src/store/store.js';

const made: string[] = [];

/** A fresh temporary directory, removed by cleanupTempDirs(). */
export function tempDir(prefix = 'crms-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  while (made.length > 0) rmSync(made.pop()!, { recursive: true, force: true });
}

/** A store without the demo content, in a fresh temporary directory. */
export async function emptyStore(): Promise<Store> {
  return Store.open(tempDir(), { seed: false });
}

/** Poll until `fn` returns a truthy value (or fail after `ms`). */
export async function waitFor<T>(fn: () => T | Promise<T>, ms = 10_000, what = 'the condition'): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Resolves once `check` passes on `store`: tried now and again on each change the store reports
 * (from any process); fails after `ms` with the check's last failure.
 */
export function storeReaches(store: Store, check: () => void, ms = 10_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let stop = (): void => {};
    let last: unknown = null;
    const attempt = (): boolean => {
      try {
        check();
      } catch (e) {
        last = e;
        return false;
      }
      stop();
      clearTimeout(timer);
      resolve();
      return true;
    };
    const timer = setTimeout(() => {
      if (attempt()) return;
      stop();
      reject(last instanceof Error ? last : new Error(String(last)));
    }, ms);
    stop = store.watch(() => void attempt());
    attempt();
  });
}

/**
 * Resolves once `test()` holds: checked now and each time one of `streams` delivers data (a
 * child's stdout, stderr); fails after `ms`, saying `what()`.
 */
export function whenOutput(streams: Readable[], test: () => boolean, ms: number, what: () => string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const check = (): void => {
      if (!test()) return;
      done();
      resolve();
    };
    const done = (): void => {
      clearTimeout(timer);
      for (const st of streams) st.off('data', check);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out; ${what()}`));
    }, ms);
    // listen after the caller's own 'data' listeners, which gather the output `test` reads
    for (const st of streams) st.on('data', check);
    check();
  });
}

export interface CliResult {
  out: string;
  err: string;
  code: number;
}

/**
 * Runs `crmscript-tui <args>` in this process with the commands `register` adds (against the
 * store it opens); returns what it wrote to stdout and stderr, and the exit status.
 */
export async function runCommands(register: (program: Command) => void, args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  process.exitCode = undefined;
  const program = new Command('crmscript-tui').exitOverride();
  register(program);
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    vi.restoreAllMocks();
  }
  const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = undefined;
  return { out, err, code };
}

/** The built CLI (dist/, built by `npm test`). */
export const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));

/** Fails the test file at once when the CLI has not been built. */
export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error(`The built CLI is missing (${CLI}); run "npm run build" first.`);
}

/** Runs the built CLI to its end, with `env` added to this process's; `code` is null when a signal ended it. */
export function runBuiltCli(args: string[], env: Record<string, string> = {}): { out: string; err: string; code: number | null } {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
