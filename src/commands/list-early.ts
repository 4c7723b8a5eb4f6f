/**
 * `crmscript-tui scripts list` answered by the launcher (cli.tsx) before the program loads: for the
 * plain forms of the command line — `[--data-dir DIR] scripts list [--json] [--folder PATH]` — it
 * lists the store (listingAt) and prints what the command prints (scripts-list.ts), without
 * commander and the other commands' modules. Any other form, or any problem (which the program then
 * reports in its own words) leaves the work to the program. A store in PostgreSQL is listed from the
 * database every time.
 *
 * The text it prints is kept in the store's list cache (store/json/list-cache.ts) with the options
 * and the time zone it was made for: a list of a store that has not changed since prints that
 * text and loads neither the store's modules nor the listing.
 */
import { resolveDataDir } from '../store/paths.js';
import { storeUrlFromEnv } from '../store/url.js';
import { StoreError } from '../store/errors.js';
import { collationKey } from '../store/collation-key.js';
import { cachedListText, saveListText } from '../store/json/list-cache.js';
import type { ListOptions } from './scripts-list.js';
import { endQuietlyOnEpipe } from './quiet-epipe.js';
import { timeZoneKey } from './local-time.js';

/** Bump when what `scripts list` prints changes: texts cached by an older build are then not used. */
const TEXT_FORMAT = 1;

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

/** Prints the list (a reader that stops reading ends the process quietly). */
function print(text: string): void {
  endQuietlyOnEpipe();
  process.stdout.write(text);
}

/** Whether the command line was a plain `scripts list` and has been answered. */
export async function listEarly(argv: readonly string[]): Promise<boolean> {
  const args = plainListArgs(argv);
  if (!args) return false;
  try {
    const dataDir = resolveDataDir(args.dataDir);
    const url = storeUrlFromEnv();
    if (url !== undefined) {
      // a store in PostgreSQL: listed from the database each time (no cached text); one to create
      // or upgrade is the program's
      const [{ pgListing }, { scriptListText }] = await Promise.all([import('../store/pg/listing.js'), import('./scripts-list.js')]);
      let listing;
      try {
        listing = await pgListing(url);
      } catch (e) {
        // the database cannot be reached (or refuses): said here, as the program says it, rather
        // than by the program after trying once more (a host that does not answer: twice the wait)
        if (!(e instanceof StoreError)) throw e;
        process.stderr.write(`${e.message}\n`);
        process.exitCode = 1;
        return true;
      }
      if (!listing) return false;
      print(scriptListText(listing, args));
      return true;
    }
    // the order of the rows follows the collation; the times, the time zone
    const variant = JSON.stringify([TEXT_FORMAT, args.folder ?? null, args.json === true, collationKey(), timeZoneKey()]);
    const cached = cachedListText(dataDir, variant);
    if ('text' in cached) {
      print(cached.text);
      return true;
    }
    // loaded once the command line is known to be one this answers and the cache has no answer
    const [{ listingAt }, { scriptListText }] = await Promise.all([import('../store/store.js'), import('./scripts-list.js')]);
    const text = scriptListText(await listingAt(dataDir), args);
    print(text);
    saveListText(dataDir, variant, cached.state, text);
    return true;
  } catch {
    return false;
  }
}
