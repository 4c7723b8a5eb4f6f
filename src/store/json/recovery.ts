/**
 * What a writer killed mid-update leaves behind in a JSON store, removed by the next writer under
 * the lock: the lines of an update that did not reach all of its files, and temp files of an
 * atomic write that was never renamed.
 */
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { WRITE_ORDER, lastLine, lineHeader, truncateFile, type FileKey, type Journal } from './journal.js';
import { tailUpdate, type Journals } from './journals.js';

const TEMP_FILE = /^(store\.json|listing\.json|scripts-list\.cache|state\.jsonl|runs\.jsonl|outbox\.jsonl|edits\.jsonl)\.[0-9a-f]+$/;

/**
 * A writer killed in the middle of an update leaves its lines in the files it reached and not in
 * the later ones: remove them (under the lock) so the update is as if it never happened. Only the
 * last update can be unfinished. `docU`: the update store.json holds.
 */
export function removeUnfinishedUpdate(journals: Journals, docU: number): void {
  const byKey = (k: Exclude<FileKey, 'd'>): Journal =>
    k === 's' ? journals.state : k === 'o' ? journals.outbox : k === 'e' ? journals.edits : journals.runs;
  for (const j of [journals.state, journals.outbox, journals.runs]) {
    const last = lastLine(j.file);
    if (!last) continue;
    const { u, w } = lineHeader(last.line);
    const mine = WRITE_ORDER.indexOf(j.key);
    const later = [...w].filter((k) => WRITE_ORDER.indexOf(k as FileKey) > mine) as FileKey[];
    const done = later.every((k) => (k === 'd' ? docU : k === 'e' ? Math.max(docU, tailUpdate(journals.edits.file)) : tailUpdate(byKey(k).file)) >= u);
    if (!done) truncateFile(j.file, last.start);
  }
}

/** Temp files of writers killed mid-write. Only called under the lock, when no write can be in flight. */
export function removeStaleTempFiles(dataDir: string): void {
  try {
    for (const name of readdirSync(dataDir)) {
      if (TEMP_FILE.test(name)) {
        try {
          unlinkSync(join(dataDir, name));
        } catch {
          // not ours to worry about
        }
      }
    }
  } catch {
    // unreadable directory: the write reports the real problem
  }
}
