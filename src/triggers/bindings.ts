// Operations on trigger bindings shared by the CLI and the TUI, on top of the store's repos:
// finding a binding by (a prefix of) its id, naming a target from what a user typed, moving a
// binding among the bindings of its event, and rows for listing.
import type { StoreData, TargetKind, Trigger } from '../store/schema.js';
import { StoreError } from '../store/errors.js';
import { findMacro, findScript, targetExists, targetLabel, triggersForEvent } from '../store/repos.js';

/** The binding with this id, or the only one whose id starts with it. */
export function requireTrigger(d: StoreData, ref: string): Trigger {
  const r = ref.trim();
  const exact = d.triggers.find((t) => t.id === r);
  if (exact) return exact;
  const hits = r === '' ? [] : d.triggers.filter((t) => t.id.startsWith(r));
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) throw new StoreError('conflict', `Several triggers have an id starting with "${r}"; give more of the id.`);
  throw new StoreError('not-found', `There is no trigger with id "${r}". Run "crmscript-tui triggers list" to see them.`);
}

/** The id of the script (include name, path, name or id) or macro (id or name) a user named. */
export function resolveTarget(d: StoreData, kind: TargetKind, ref: string): string {
  if (kind === 'script') {
    const s = findScript(d, ref);
    if (!s) throw new StoreError('not-found', `There is no script named "${ref.trim()}" (by include name, folder path, name or id).`);
    return s.id;
  }
  const m = findMacro(d, ref.trim());
  if (!m) throw new StoreError('not-found', `There is no macro named "${ref.trim()}" (by name or id).`);
  return m.id;
}

/**
 * Move a binding one place earlier (-1) or later (+1) among the bindings of its event. The
 * orders of that event are renumbered 1..n so that equal or sparse numbers cannot get in the way.
 * Returns false when it is already first or last.
 */
export function moveTrigger(d: StoreData, id: string, delta: -1 | 1): boolean {
  const t = requireTrigger(d, id);
  const list = triggersForEvent(d, t.event);
  const i = list.findIndex((x) => x.id === t.id);
  const j = i + delta;
  if (j < 0 || j >= list.length) return false;
  [list[i], list[j]] = [list[j]!, list[i]!];
  list.forEach((x, k) => {
    x.order = k + 1;
  });
  return true;
}

/** Put a binding at a 1-based position among the bindings of its event (clamped). */
export function placeTrigger(d: StoreData, id: string, position: number): void {
  const t = requireTrigger(d, id);
  const list = triggersForEvent(d, t.event).filter((x) => x.id !== t.id);
  const at = Math.max(0, Math.min(list.length, Math.trunc(position) - 1));
  list.splice(at, 0, t);
  list.forEach((x, k) => {
    x.order = k + 1;
  });
}

export interface TriggerRow {
  id: string;
  event: string;
  order: number;
  enabled: boolean;
  targetKind: TargetKind;
  targetId: string;
  /** "Examples/On new ticket", or "(missing script)". */
  target: string;
  targetMissing: boolean;
  description: string;
  lastFiredAt: string | null;
  lastOutcome: string | null;
}

/** Every binding, by event name and then in run order. */
export function triggerRows(d: StoreData, event?: string): TriggerRow[] {
  const events = [...new Set(d.triggers.map((t) => t.event))].sort((a, b) => a.localeCompare(b));
  const rows: TriggerRow[] = [];
  for (const ev of events) {
    if (event !== undefined && ev.toLowerCase() !== event.toLowerCase()) continue;
    for (const t of triggersForEvent(d, ev)) {
      rows.push({
        id: t.id,
        event: t.event,
        order: t.order,
        enabled: t.enabled,
        targetKind: t.targetKind,
        targetId: t.targetId,
        target: targetLabel(d, t.targetKind, t.targetId),
        targetMissing: !targetExists(d, t.targetKind, t.targetId),
        description: t.description,
        lastFiredAt: t.lastFiredAt,
        lastOutcome: t.lastOutcome,
      });
    }
  }
  return rows;
}
