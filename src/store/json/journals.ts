/**
 * The four journals of a JSON store beside store.json: their files, the collections each holds,
 * how a record read from one is checked, and the update number a journal file ends at.
 */
import { join } from 'node:path';
import type { CollectionName } from '../schema.js';
import type { CheckerSlot } from './checks.js';
import { Journal, lastLine, lineHeader, type FileKey } from './journal.js';
import { DOC_COLLECTIONS } from './document.js';
import { JOURNAL_FILES } from './journal-files.js';


const SPLIT = ['triggers', 'tasks', 'traceConfigs'] as const;

export interface Journals {
  /** Folders, scripts, macros and definitions added, changed or removed since store.json was written. */
  edits: Journal;
  /** Leases, last/next runs, last firings, trace counters, debug sessions. */
  state: Journal;
  /** Task run history and the index of trace recordings. */
  runs: Journal;
  /** Mails waiting to be sent. */
  outbox: Journal;
}

/**
 * The journals in `dataDir`. `committed(u, partners)`: whether the later files of update `u` have it;
 * `baseU()`: the update store.json holds (edits lines up to it are already in store.json).
 */
export function openJournals(dataDir: string, committed: (u: number, partners: FileKey[]) => boolean, baseU: () => number, checks: CheckerSlot): Journals {
  // A record of a line crmscript-tui wrote (its hash) was checked before it was written.
  const check = (c: string, r: unknown, trusted: boolean) => (trusted ? requireId(r) : checks.entity(c as CollectionName, r));
  const split = (c: string) => (SPLIT as readonly string[]).includes(c);
  return {
    // Definitions are checked with their state when merged; folders, scripts and macros here.
    edits: new Journal(join(dataDir, JOURNAL_FILES.edits), 'e', DOC_COLLECTIONS, committed, (c, r, trusted) => (split(c) ? requireId(r) : check(c, r, trusted)), {
      tombstones: true,
      ignoreThrough: baseU,
    }),
    // Volatile fields are checked with their entity when merged, debug sessions on their own.
    state: new Journal(join(dataDir, JOURNAL_FILES.state), 's', ['tasks', 'triggers', 'traceConfigs', 'debugSessions'], committed, (c, r, trusted) =>
      c === 'debugSessions' ? check(c, r, trusted) : requireId(r),
    ),
    runs: new Journal(join(dataDir, JOURNAL_FILES.runs), 'r', ['taskRuns', 'traceRuns'], committed, check),
    outbox: new Journal(join(dataDir, JOURNAL_FILES.outbox), 'o', ['outbox'], committed, check),
  };
}

/** The update number of a journal's last complete line (0 for none). */
export function tailUpdate(file: string): number {
  const last = lastLine(file);
  return last ? lineHeader(last.line).u : 0;
}

function requireId(r: unknown): { id: string } {
  if (typeof r !== 'object' || r === null || typeof (r as { id?: unknown }).id !== 'string') throw new Error('it has no id');
  return r as { id: string };
}
