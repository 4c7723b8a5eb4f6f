/**
 * A list of the scripts of a JSON store without reading store.json: listing.json (list-index.ts)
 * with the edits journal laid over it, as a reader lays it over store.json. Used only while
 * store.json is still exactly the file listing.json was derived from, checked before and after the
 * edits are read (a fold in between replaces store.json first, then empties the edits journal, so
 * edits read while store.json was unchanged belong to it).
 */
import { join } from 'node:path';
import type { Folder, ScriptRow } from '../schema.js';
import type { Listing } from '../backend.js';
import { STORE_FILE } from '../paths.js';
import { CheckerSlot } from './checks.js';
import { overlay } from './doc-overlay.js';
import { rowRecords } from './docfile.js';
import { openJournals } from './journals.js';
import { currentDoc, sameDoc } from './doc-identity.js';
import { readListIndex } from './list-index.js';

/**
 * The listing, or why there is none: 'index' when listing.json is missing, broken or not of the
 * current store.json (the caller reads store.json and writes listing.json again), 'edits' when the
 * edits journal needs more than this reader does (lines to check against the schema, a problem to
 * report): the caller reads the store the usual way.
 */
export function quickListing(dataDir: string): { listing: Listing } | { missed: 'index' | 'edits' } {
  const index = readListIndex(dataDir);
  const docFile = join(dataDir, STORE_FILE);
  if (!index || !sameDoc(index.of, currentDoc(docFile))) return { missed: 'index' };
  const u = index.of.u;
  // Only store.json comes after the edits journal in an update (see journal.ts): it holds `u`.
  const { edits } = openJournals(dataDir, (lineU, later) => later.every((k) => k === 'd' && lineU <= u), () => u, new CheckerSlot());
  try {
    edits.refresh();
  } catch {
    return { missed: 'edits' };
  }
  if (!sameDoc(index.of, currentDoc(docFile))) return { missed: 'index' }; // folded meanwhile
  const folders = edits.records.get('folders');
  const scripts = edits.records.get('scripts');
  return {
    listing: {
      folders: overlay(index.folders, folders) as Folder[],
      scripts: overlay(index.scripts, rowRecords(scripts)) as ScriptRow[],
      ordered: index.ordered && !folders?.size && !scripts?.size, // edits may move a script or a folder
    },
  };
}
