// Recording firings on their bindings (lastFiredAt, lastOutcome) with group commit: firings that
// end while a store write is under way are written together by the next one, so a burst of
// events costs a few store writes instead of one per event. A caller may wait for its record
// (the CLI) or leave it to be written behind (the daemon's HTTP route, which answers at once and
// waits for what is pending when it shuts down: settleFirings).
import type { Store } from '../store/store.js';
import { getById } from '../store/repos.js';

export interface FiringRecord {
  /** The trigger (binding) id. */
  id: string;
  at: string;
  outcome: string;
}

interface Batch {
  records: FiringRecord[];
  done: Promise<void>;
  settle: (e?: unknown) => void;
}

interface Queue {
  next: Batch | null;
  /** The write loop while it runs. */
  writing: Promise<void> | null;
}

const queues = new WeakMap<Store, Queue>();

function newBatch(): Batch {
  let settle!: Batch['settle'];
  const done = new Promise<void>((res, rej) => (settle = (e?: unknown) => (e === undefined ? res() : rej(e))));
  return { records: [], done, settle };
}

async function pump(store: Store, q: Queue): Promise<void> {
  try {
    while (q.next) {
      const b = q.next;
      q.next = null;
      try {
        await store.update((doc) => {
          for (const rec of b.records) {
            // a binding deleted while the event was firing is simply not recorded
            const t = getById(doc, 'triggers', rec.id);
            if (t) {
              t.lastFiredAt = rec.at;
              t.lastOutcome = rec.outcome;
            }
          }
        });
        b.settle();
      } catch (e) {
        b.settle(e ?? new Error('the store write failed'));
      }
    }
  } finally {
    q.writing = null;
  }
}

/** Stores the records of one firing (together with those of firings ending at the same time). */
export function recordFirings(store: Store, records: FiringRecord[]): Promise<void> {
  let q = queues.get(store);
  if (!q) queues.set(store, (q = { next: null, writing: null }));
  q.next ??= newBatch();
  q.next.records.push(...records);
  const done = q.next.done;
  q.writing ??= pump(store, q);
  return done;
}

/** Resolves when every record handed in so far is written (or failed). */
export async function settleFirings(store: Store): Promise<void> {
  const q = queues.get(store);
  while (q?.writing) await q.writing;
}
