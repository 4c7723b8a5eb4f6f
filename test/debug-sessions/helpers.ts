// Shared helpers of the debug-session tests: temp stores, polling, the built CLI.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Store } from '../../src/store/store.js';
import { createScript } from '../../src/store/repos.js';

export const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
if (!existsSync(CLI)) throw new Error(`The built CLI is missing (${CLI}); run "npm run build" first.`);

const made: string[] = [];

export function tempDir(prefix = 'crms-dbg-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  while (made.length > 0) rmSync(made.pop()!, { recursive: true, force: true });
}

/** A fresh store (no demo) holding the given scripts, by name (the include name is the name too). */
export async function storeWith(scripts: Record<string, string>, dir = tempDir()): Promise<{ store: Store; dir: string; ids: Record<string, string> }> {
  const store = await Store.open(dir, { seed: false });
  const ids = await store.update((d) => Object.fromEntries(Object.entries(scripts).map(([name, source]) => [name, createScript(d, { name, includeId: name, source }).id])));
  return { store, dir, ids };
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
