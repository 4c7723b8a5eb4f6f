/**
 * Run values remembered per script or macro (the TUI's "Run with…"): variables and event input
 * values that every run, debug run and test-fire of it from the TUI starts with. Kept on the
 * entity (so both backends and every operator of the store share them); setting them is no
 * change to the script itself, so its updatedAt stays.
 */
import type { RunValues, StoreData, TargetKind } from '../schema.js';
import { requireById } from './common.js';

export const NO_RUN_VALUES: RunValues = Object.freeze({ variables: {}, inputs: {} }) as RunValues;

export function isEmptyRunValues(v: RunValues): boolean {
  return Object.keys(v.variables).length === 0 && Object.keys(v.inputs).length === 0;
}

/** The values remembered for a script or macro (empty when none, or when it is gone). */
export function getRunValues(d: StoreData, kind: TargetKind, id: string): RunValues {
  const e = kind === 'script' ? d.scripts.find((s) => s.id === id) : d.macros.find((m) => m.id === id);
  return e?.runValues ?? NO_RUN_VALUES;
}

/** Remember `v` for the script or macro; empty values forget them. */
export function setRunValues(d: StoreData, kind: TargetKind, id: string, v: RunValues): void {
  const e = kind === 'script' ? requireById(d, 'scripts', id) : requireById(d, 'macros', id);
  if (isEmptyRunValues(v)) delete e.runValues;
  else e.runValues = { variables: { ...v.variables }, inputs: { ...v.inputs } };
}

/**
 * Input values to pre-fill when firing an event: those remembered for the targets bound to it,
 * `first` (the binding the operator chose) before the others, the earlier binding winning.
 */
export function rememberedEventInputs(d: StoreData, event: string, first?: { kind: TargetKind; id: string }): Record<string, string> {
  const targets = d.triggers
    .filter((t) => t.event === event)
    .sort((a, b) => a.order - b.order)
    .map((t) => ({ kind: t.targetKind, id: t.targetId }));
  if (first) targets.unshift(first);
  const out: Record<string, string> = {};
  for (const t of targets) for (const [k, v] of Object.entries(getRunValues(d, t.kind, t.id).inputs)) if (!(k in out)) out[k] = v;
  return out;
}
