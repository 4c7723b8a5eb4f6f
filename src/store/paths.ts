import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_DIR_NAME = 'crmscript-tui';
export const STORE_FILE = 'store.json';
export const LOCK_FILE = 'store.json.lock';
export const BLOBS_DIR = 'blobs';
/** Where trace recordings go (one JSON-lines file per recorded run). */
export const TRACES_DIR = 'traces';

/**
 * Where the store lives: the `--data-dir` flag, else $CRMSCRIPT_TUI_HOME,
 * else $XDG_DATA_HOME/crmscript-tui, else ~/.local/share/crmscript-tui.
 * Empty values count as unset. The result is an absolute path.
 */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (flag && flag.trim() !== '') return resolve(flag);
  const home = env.CRMSCRIPT_TUI_HOME;
  if (home && home.trim() !== '') return resolve(home);
  const xdg = env.XDG_DATA_HOME;
  if (xdg && xdg.trim() !== '') return resolve(xdg, APP_DIR_NAME);
  return join(homedir(), '.local', 'share', APP_DIR_NAME);
}

/**
 * Where caches go (compiled programs of `run FILE`): inside the data directory when one was named
 * (`--data-dir`, $CRMSCRIPT_TUI_HOME), else $XDG_CACHE_HOME/crmscript-tui, else
 * ~/.cache/crmscript-tui. Deleting it loses nothing but time.
 */
export function resolveCacheDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  if ((flag && flag.trim() !== '') || env.CRMSCRIPT_TUI_HOME?.trim()) return join(resolveDataDir(flag, env), 'cache');
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && xdg.trim() !== '') return resolve(xdg, APP_DIR_NAME);
  return join(homedir(), '.cache', APP_DIR_NAME);
}

export function storeFilePath(dataDir: string): string {
  return join(dataDir, STORE_FILE);
}

/**
 * Whether a store is there to use without creating one: the PostgreSQL store
 * named by $CRMSCRIPT_TUI_STORE (or --store), or a store.json in `dataDir`.
 * Cheap (no store code loaded), for commands that use a store only when one exists.
 */
export function storeIsSetUp(dataDir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return /^postgres(ql)?:\/\//i.test(env.CRMSCRIPT_TUI_STORE?.trim() ?? '') || existsSync(join(dataDir, STORE_FILE));
}
