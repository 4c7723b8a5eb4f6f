// Shared helpers of the debug-session tests: stores holding scripts (and, from ../common.ts,
// temp directories, polling and the built CLI).
import { Store } from '../../src/store/store.js';
import { createScript } from '../../src/store/repos.js';
import { requireBuiltCli, tempDir } from '../common.js';

export { CLI, cleanupTempDirs, tempDir, waitFor } from '../common.js';

requireBuiltCli();

/** A fresh store (no demo) holding the given scripts, by name (the include name is the name too). */
export async function storeWith(scripts: Record<string, string>, dir = tempDir()): Promise<{ store: Store; dir: string; ids: Record<string, string> }> {
  const store = await Store.open(dir, { seed: false });
  const ids = await store.update((d) => Object.fromEntries(Object.entries(scripts).map(([name, source]) => [name, createScript(d, { name, includeId: name, source }).id])));
  return { store, dir, ids };
}
