// Recording firings on their bindings (lastFiredAt, lastOutcome) with group commit (see
// store/group-commit.ts): a burst of events costs a few store writes instead of one per event.
// A caller may wait for its record (the CLI) or leave it to be written behind (the daemon's HTTP
// route, which answers at once and waits for what is pending when it shuts down: settleFirings).
import type { Store } from '../store/store.js';
import { getById } from '../store/repos.js';
import { GroupCommit } from '../store/group-commit.js';

export interface FiringRecord {
  /** The trigger (binding) id. */
  id: string;
  at: string;
  outcome: string;
}

const writers = new WeakMap<Store, GroupCommit<FiringRecord[], void>>();

function writer(store: Store): GroupCommit<FiringRecord[], void> {
  let w = writers.get(store);
  if (!w) {
    w = new GroupCommit(store, (doc, firings) =>
      firings.map((records) => {
        for (const rec of records) {
          // a binding deleted while the event was firing is simply not recorded
          const t = getById(doc, 'triggers', rec.id);
          if (t) {
            t.lastFiredAt = rec.at;
            t.lastOutcome = rec.outcome;
          }
        }
      }),
    );
    writers.set(store, w);
  }
  return w;
}

/** Stores the records of one firing (together with those of firings ending at the same time). */
export function recordFirings(store: Store, records: FiringRecord[]): Promise<void> {
  return writer(store).add(records);
}

/** Resolves when every record handed in so far is written (or failed). */
export async function settleFirings(store: Store): Promise<void> {
  await writers.get(store)?.settle();
}
