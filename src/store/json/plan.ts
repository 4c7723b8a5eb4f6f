/**
 * What an update of the JSON store writes where (see backend.ts): folders, scripts, macros and the
 * definitions of triggers, tasks and traces go to the edits journal (or store.json), their
 * volatile state to the state journal, runs and recordings to the runs journal, mail to the outbox.
 * Plus the small helpers of the backend's files.
 */
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError, describeFsError } from '../errors.js';
import type { StoreData } from '../schema.js';
import type { ChangeSet } from '../changes.js';
import { definitionOf, sameJson, stateOf } from './document.js';
import { lastLine, lineHeader } from './lines.js';
import type { JournalOp } from './journal.js';

/** Collections whose definitions live in store.json and whose state lives in the state journal. */
export const SPLIT = ['triggers', 'tasks', 'traceConfigs'] as const;

/** Which files an update has to touch, with what (`rewriteDoc`: store.json is not in the line layout). */
export function planUpdate(base: StoreData, changes: ChangeSet, rewriteDoc: boolean) {
  // Settings live in store.json itself; a hand-formatted store.json is written back in the line layout.
  const docDirty = changes.settings || rewriteDoc;
  const out = { docDirty, state: [] as JournalOp[], runs: [] as JournalOp[], outbox: [] as JournalOp[], edits: [] as JournalOp[] };
  for (const [name, ch] of changes.collections) {
    if (name === 'folders' || name === 'scripts' || name === 'macros') {
      for (const u of ch.upserts) out.edits.push({ c: name, v: u.entity });
      for (const id of ch.deletes) out.edits.push({ c: name, d: id });
    } else if ((SPLIT as readonly string[]).includes(name)) {
      const old = new Map((base[name] as Array<{ id: string }>).map((e) => [e.id, e]));
      for (const u of ch.upserts) {
        const o = old.get(u.entity.id);
        const def = definitionOf(name, u.entity) as { id: string };
        if (!o || !sameJson(definitionOf(name, o), def)) out.edits.push({ c: name, v: def });
        const st = stateOf(name, u.entity);
        if (!o || !sameJson(stateOf(name, o), st)) out.state.push({ c: name, v: st as { id: string } });
      }
      for (const id of ch.deletes) {
        out.state.push({ c: name, d: id });
        out.edits.push({ c: name, d: id });
      }
    } else {
      const target = name === 'debugSessions' ? out.state : name === 'outbox' ? out.outbox : out.runs;
      for (const u of ch.upserts) target.push({ c: name, v: u.entity });
      for (const id of ch.deletes) target.push({ c: name, d: id });
    }
  }
  return out;
}

export function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new StoreError('io', `Cannot create the data directory ${dir}: ${describeFsError(e)}.`);
  }
  try {
    if (!statSync(dir).isDirectory()) throw new StoreError('io', `The data directory ${dir} is not a directory.`);
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw new StoreError('io', `Cannot use the data directory ${dir}: ${describeFsError(e)}.`);
  }
}

/** The update number of a journal's last complete line (0 for none). */
export function tailUpdate(file: string): number {
  const last = lastLine(file);
  return last ? lineHeader(last.line).u : 0;
}

export function requireId(r: unknown): { id: string } {
  if (typeof r !== 'object' || r === null || typeof (r as { id?: unknown }).id !== 'string') throw new Error('it has no id');
  return r as { id: string };
}

/** Temp files (`pattern`) of writers killed mid-write. Only under the lock, when no write can be in flight. */
export function removeTempFiles(dir: string, pattern: RegExp): void {
  try {
    for (const name of readdirSync(dir)) {
      if (!pattern.test(name)) continue;
      try {
        unlinkSync(join(dir, name));
      } catch {
        // not ours to worry about
      }
    }
  } catch {
    // unreadable directory: the write reports the real problem
  }
}
