/**
 * Which files of a JSON store an update has to touch: each changed entity becomes journal
 * operations (edits, state, runs, outbox), and store.json itself is rewritten only when the
 * settings changed or it is not in the one-entity-per-line layout.
 */
import type { StoreData } from '../schema.js';
import type { ChangeSet } from '../changes.js';
import type { JournalOp } from './journal.js';
import { definitionOf, sameJson, stateOf } from './document.js';

const SPLIT = ['triggers', 'tasks', 'traceConfigs'] as const;

export interface UpdatePlan {
  /** store.json is rewritten (it then holds the edits itself). */
  docDirty: boolean;
  state: JournalOp[];
  runs: JournalOp[];
  outbox: JournalOp[];
  edits: JournalOp[];
}

/** The plan for `changes` made to `base`; `lineLayout`: whether store.json is in the line layout. */
export function planUpdate(base: StoreData, changes: ChangeSet, lineLayout: boolean): UpdatePlan {
  // Settings live in store.json itself; a hand-formatted store.json is written back in the line layout.
  const docDirty = changes.settings || !lineLayout;
  const out: UpdatePlan = { docDirty, state: [], runs: [], outbox: [], edits: [] };
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
