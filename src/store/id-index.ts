/**
 * Lookups by id in the store's collections without a scan per lookup. A daemon looks up thousands
 * of tasks and runs by id in a history of up to 100,000 runs, in every pass and in every claim
 * (each new run id is checked to be unused): one scan each made a wave of 1,000 runs cost time
 * that grew with the history.
 *
 * An array's index (id → position) is made on its second lookup (a one-off lookup, as a CLI
 * command makes, scans as before) and kept with the array, weakly. It is trusted only as far as it
 * can be checked: a position found is used only when the element there has that id, and an index
 * made when the array had another length is made again. A snapshot of the store is never changed
 * (an update copies what it changes, store/changes.ts), and the copy an update changes tells the
 * index of every element it stores (`noteStored`), so appends and replacements keep it exact.
 */

interface IdIndex {
  at: Map<string, number>;
  length: number;
}

type Entities = ArrayLike<{ id: string } | undefined>;

/** The key under which a store view of an array offers its indexed lookup (store/changes.ts). */
export const INDEX_OF_ID = Symbol('indexOfId');

const indexes = new WeakMap<object, IdIndex>();
/** Arrays looked up once (no index yet). */
const lookedUp = new WeakSet<object>();

function build(list: Entities): IdIndex {
  const at = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (e && typeof e.id === 'string') at.set(e.id, i);
  }
  const ix = { at, length: list.length };
  indexes.set(list, ix);
  return ix;
}

function scan(list: Entities, id: string): number {
  for (let i = 0; i < list.length; i++) if (list[i]?.id === id) return i;
  return -1;
}

/** The position of the element with this id in `list` (a plain array, not a store view), or -1. */
export function indexOfId(list: Entities, id: string): number {
  let ix = indexes.get(list);
  if (!ix) {
    if (!lookedUp.has(list)) {
      lookedUp.add(list);
      return scan(list, id);
    }
    ix = build(list);
  } else if (ix.length !== list.length) ix = build(list);
  const i = ix.at.get(id);
  if (i === undefined) return -1;
  if (list[i]?.id === id) return i;
  // the element moved (the array was changed in place): index it again
  const fresh = build(list);
  const j = fresh.at.get(id);
  return j !== undefined && list[j]?.id === id ? j : scan(list, id);
}

/** `list[key]` was just set to `value` (a store view's write): keeps the array's index exact. */
export function noteStored(list: Entities, key: PropertyKey, value: unknown): void {
  const ix = indexes.get(list);
  if (!ix) return;
  if (key === 'length') {
    if (list.length < ix.length) indexes.delete(list);
    return;
  }
  const i = typeof key === 'string' ? Number(key) : NaN;
  if (!Number.isInteger(i) || i < 0) return;
  if (i > ix.length) {
    indexes.delete(list); // a hole: not worth keeping up
    return;
  }
  const id = (value as { id?: unknown } | null)?.id;
  if (typeof id === 'string') ix.at.set(id, i);
  if (i === ix.length) ix.length = i + 1;
}

/**
 * `next` is `list` with elements replaced in place and others appended: an update's copy of an
 * array before its first change, or a JSON store's journal listed again after records were changed
 * or added, none removed. It starts with the index of `list`, extended by what was appended,
 * instead of making its own (for a history of 100,000 runs, in every update). The two share it:
 * changes to `next` reach it through noteStored, so it stays exact for `next`, and for `list`,
 * which never changes, every position it gives is checked as always (a stale one makes `list` an
 * index of its own). An index that does not fit `list` exactly (changed by an update that was
 * given up) is not taken.
 */
export function extendIndex(list: Entities, next: Entities): void {
  const ix = indexes.get(list);
  if (!ix || ix.length !== list.length || next.length < list.length) {
    if (lookedUp.has(list)) lookedUp.add(next);
    return;
  }
  for (let i = ix.length; i < next.length; i++) {
    const e = next[i];
    if (e && typeof e.id === 'string') ix.at.set(e.id, i);
  }
  ix.length = next.length;
  indexes.set(next, ix);
}

/** An element of `list` was deleted (a store view's delete): the index is made again when needed. */
export function forgetIndex(list: object): void {
  indexes.delete(list);
}
