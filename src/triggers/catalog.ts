// Typed access to the trigger event catalog (catalog.json: the events a binding can be made for,
// with their input and output value names) and the searches the CLI and the TUI need.
import { createRequire } from 'node:module';

export type EventPhase = 'before' | 'after' | 'on' | 'load';

export interface TriggerEvent {
  name: string;
  /** The event's number in SuperOffice. */
  id: number;
  /** 'sales', 'ticket', 'service-screen', 'chat', 'mail', 'system'. */
  group: string;
  phase: EventPhase;
  /** Input value names; a name may be a pattern ("SaleEntity.Associate.*", "X.VisibleFor[].*"). */
  inputs: string[];
  /** Output value names a binding may set. */
  outputs: string[];
  /** A binding can stop the action (setBlockExecution): the "before" events. */
  blockable: boolean;
}

interface RawCatalog {
  source: string;
  triggers: TriggerEvent[];
}

let cache: { list: readonly TriggerEvent[]; byName: Map<string, TriggerEvent>; byLower: Map<string, TriggerEvent> } | null = null;

function load() {
  if (cache) return cache;
  // catalog.json sits beside this module in src/ and (copied by the build) in dist/
  const raw = createRequire(import.meta.url)('./catalog.json') as RawCatalog;
  const list = Object.freeze(raw.triggers.map((e) => Object.freeze({ ...e, inputs: [...e.inputs], outputs: [...e.outputs] })));
  cache = {
    list,
    byName: new Map(list.map((e) => [e.name, e])),
    byLower: new Map(list.map((e) => [e.name.toLowerCase(), e])),
  };
  return cache;
}

/** Every event, in catalog order (by name). */
export function allEvents(): readonly TriggerEvent[] {
  return load().list;
}

/** The groups, sorted. */
export function eventGroups(): string[] {
  return [...new Set(allEvents().map((e) => e.group))].sort();
}

/** The event with this name; a different letter case is accepted. */
export function findEvent(name: string): TriggerEvent | undefined {
  const n = name.trim();
  return load().byName.get(n) ?? load().byLower.get(n.toLowerCase());
}

/** Raised for an event name that is not in the catalog; the message is meant for the user. */
export class UnknownEventError extends Error {
  constructor(
    readonly eventName: string,
    readonly suggestions: string[],
  ) {
    super(
      `There is no trigger event named "${eventName}".` +
        (suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '') +
        ' Run "crmscript-tui triggers events" to list them.',
    );
    this.name = 'UnknownEventError';
  }
}

export function requireEvent(name: string): TriggerEvent {
  const e = findEvent(name);
  if (!e) throw new UnknownEventError(name.trim(), suggestEvents(name));
  return e;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to `max` catalog names close to a mistyped one, best first. */
export function suggestEvents(name: string, max = 2): string[] {
  const q = name.trim().toLowerCase();
  if (q === '') return [];
  const scored = allEvents().map((e) => {
    const n = e.name.toLowerCase();
    // a name that contains what was typed (or the reverse) is a better guess than edit distance says
    const contains = n.includes(q) || q.includes(n);
    return { name: e.name, score: contains ? Math.abs(n.length - q.length) * 0.1 : editDistance(q, n) };
  });
  const limit = Math.max(2, Math.ceil(q.length * 0.4));
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => s.name);
}

/** The words of a CamelCase name, lower-cased: "SalesBeforeSaveSale" → sales, before, save, sale. */
function segments(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [name]).map((p) => p.toLowerCase());
}

/** True when the letters of `q` appear in `s` in order ("bss" matches "BeforeSaveSale"). */
function subsequence(q: string, s: string): boolean {
  let i = 0;
  for (const ch of s) if (ch === q[i]) i++;
  return i === q.length;
}

/**
 * Type-ahead search: events whose name (or group) matches every word of `query`, best matches
 * first (a word of the name equals it, the name starts with it, a word of the name starts with it,
 * the name contains it, the group does, the name has its letters in order; ties: shorter names
 * first). An empty query lists every event (of the group)
 * by name. `group` limits the search to one group.
 */
export function searchEvents(query: string, opts: { group?: string | null } = {}): TriggerEvent[] {
  const group = opts.group?.trim().toLowerCase() || null;
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const hits: Array<{ e: TriggerEvent; rank: number }> = [];
  for (const e of allEvents()) {
    if (group && e.group !== group) continue;
    const name = e.name.toLowerCase();
    const parts = segments(e.name);
    let rank = 0;
    let ok = true;
    for (const w of words) {
      if (parts.includes(w)) rank += 0;
      else if (name.startsWith(w)) rank += 1;
      else if (parts.some((p) => p.startsWith(w))) rank += 2;
      else if (name.includes(w)) rank += 3;
      else if (e.group.includes(w)) rank += 4;
      else if (subsequence(w, name)) rank += 5;
      else {
        ok = false;
        break;
      }
    }
    if (ok) hits.push({ e, rank });
  }
  // with a query, a shorter name covers more of it: "sale" puts SalesBeforeSaveSale before ...Appointment
  const byLength = words.length > 0;
  return hits
    .sort((a, b) => a.rank - b.rank || (byLength ? a.e.name.length - b.e.name.length : 0) || a.e.name.localeCompare(b.e.name))
    .map((h) => h.e);
}

/** Input names a user can give a value for (patterns such as "X.*" left out), for pre-filled forms. */
export function concreteInputs(e: TriggerEvent): string[] {
  return e.inputs.filter((n) => !n.includes('*') && !n.includes('[]'));
}
