/**
 * `crmscript-tui scripts list` answered by the launcher (cli.tsx) before the program loads: for the
 * plain forms of the command line — `[--data-dir DIR] scripts list [--json] [--folder PATH]` — it
 * lists the store (listingAt) and prints what the command prints (scripts-list.ts), without
 * commander and the other commands' modules. Any other form, a store in PostgreSQL, or any problem
 * (which the program then reports in its own words) leaves the work to the program.
 */
import { storeUrlFromEnv } from '../store/url.js';
import type { ListOptions } from './scripts-list.js';
import { endQuietlyOnEpipe } from './quiet-epipe.js';

/** The options of a plain `scripts list` command line; null for anything else. */
export function plainListArgs(argv: readonly string[]): (ListOptions & { dataDir?: string }) | null {
  const out: ListOptions & { dataDir?: string } = {};
  let i = 0;
  const value = (): string | null => {
    const v = argv[++i];
    return v === undefined || v.startsWith('-') ? null : v;
  };
  if (argv[i] === '--data-dir') {
    const v = value();
    if (v === null) return null;
    out.dataDir = v;
    i++;
  }
  if (argv[i] !== 'scripts' || argv[i + 1] !== 'list') return null;
  for (i += 2; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json' && out.json === undefined) out.json = true;
    else if (a === '--folder' && out.folder === undefined) {
      const v = value();
      if (v === null) return null;
      out.folder = v;
    } else return null;
  }
  return out;
}

/** Whether the command line was a plain `scripts list` and has been answered. */
export async function listEarly(argv: readonly string[]): Promise<boolean> {
  const args = plainListArgs(argv);
  if (!args || storeUrlFromEnv() !== undefined) return false;
  try {
    // loaded once the command line is known to be one this answers
    const [{ listingAt }, { printScriptList }] = await Promise.all([import('../store/store.js'), import('./scripts-list.js')]);
    const listing = await listingAt(args.dataDir);
    endQuietlyOnEpipe();
    printScriptList(listing, args);
    return true;
  } catch {
    return false;
  }
}
