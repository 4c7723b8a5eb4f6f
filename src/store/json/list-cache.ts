/**
 * scripts-list.cache: the last text `scripts list` printed for a JSON store, with the state of the
 * store it was made from, so that listing an unchanged store again reads one file instead of
 * listing.json, the edits journal and the rows' formatting.
 *
 * What a list shows comes from store.json and the edits journal only; the cache names both — the
 * identity of store.json (doc-identity.ts) and the edits journal's stamp — and the caller's
 * variant (its options and whatever else its text depends on, such as the time zone). A reader uses
 * the text only when all of that is still exactly so; any update changes one of the two files
 * (an edit appends to the journal, a fold replaces store.json and then empties the journal).
 * A writer saves only when the state it listed is still the state after it listed, so a text is
 * never filed under a state it was not made from. It is a cache: written without fsync (a torn or
 * missing file is a miss — the header holds the text's length), never read by the store itself.
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STORE_FILE } from '../paths.js';
import { statStamp } from './doc-disk.js';
import { currentDoc } from './doc-identity.js';
import { JOURNAL_FILES } from './journal-files.js';

export const LIST_CACHE_FILE = 'scripts-list.cache';

/**
 * The state a listing of the JSON store in `dataDir` is made from, as one string; null when there
 * is no store.json in the line layout (nothing to cache against).
 */
export function listingState(dataDir: string): string | null {
  const doc = currentDoc(join(dataDir, STORE_FILE));
  if (!doc) return null;
  const e = statStamp(join(dataDir, JOURNAL_FILES.edits));
  return JSON.stringify([doc.u, doc.sum, doc.stamp.ino, doc.stamp.mtimeMs, doc.stamp.size, e?.ino ?? null, e?.mtimeMs ?? null, e?.size ?? null]);
}

const header = (state: string, variant: string, length: number): string => JSON.stringify({ state, variant, length });

/** The cached text of `variant` when it was made from the store's current state; otherwise the state now (for saveListText). */
export function cachedListText(dataDir: string, variant: string): { text: string } | { state: string | null } {
  const state = listingState(dataDir);
  if (state === null) return { state };
  let file: string;
  try {
    file = readFileSync(join(dataDir, LIST_CACHE_FILE), 'utf8');
  } catch {
    return { state };
  }
  const nl = file.indexOf('\n');
  const text = file.slice(nl + 1);
  if (nl < 0 || file.slice(0, nl) !== header(state, variant, text.length)) return { state };
  // store.json may have been replaced while the cache was read: the text is of the state before
  return listingState(dataDir) === state ? { text } : { state };
}

/**
 * Files `text` as what `variant` shows of the store in `state` (from cachedListText, taken before
 * the listing was read), if the store is still in that state. Failures are ignored: a store in a
 * directory this process may not write to is listed all the same, just not from the cache.
 */
export function saveListText(dataDir: string, variant: string, state: string | null, text: string): void {
  if (state === null || listingState(dataDir) !== state) return;
  const file = join(dataDir, LIST_CACHE_FILE);
  // a temp file of this process (named as the store's temp files are: a writer cleans up one left by a kill), then renamed over
  const temp = `${file}.${process.pid.toString(16)}${Date.now().toString(16)}`;
  try {
    writeFileSync(temp, `${header(state, variant, text.length)}\n${text}`, { encoding: 'utf8', mode: 0o600 });
    renameSync(temp, file);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // see above
    }
  }
}
