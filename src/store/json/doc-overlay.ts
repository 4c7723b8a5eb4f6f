/**
 * The journals laid over store.json: the edits journal over the editable entities (an edited
 * entity replaces the one of store.json in place, a removed one is left out, a new one comes
 * last), and the state journal merged into the definitions of triggers, tasks and traces.
 */
import type { CollectionName, Folder, Macro, Script, TraceConfig, Task, Trigger } from '../schema.js';
import { CheckerNeeded, type Checker } from '../checker.js';
import { isTombstone, type Journal } from './journal.js';

/** The collections whose entities are a definition in store.json plus state in the state journal. */
export type Split = 'triggers' | 'tasks' | 'traceConfigs';
export const SPLIT: readonly Split[] = ['triggers', 'tasks', 'traceConfigs'];
/** What a task, trigger or trace has before its first state record. */
const STATE_DEFAULTS: Record<Split, Record<string, unknown>> = {
  tasks: { lease: null, lastRun: null, nextRun: null, startNow: false },
  triggers: { lastFiredAt: null, lastOutcome: null },
  traceConfigs: {},
};

export interface Merged {
  triggers: Trigger[];
  tasks: Task[];
  traceConfigs: TraceConfig[];
}

/** The editable part as it is now: store.json with the edits journal laid over it. */
export interface DocView {
  folders: Folder[];
  scripts: Script[];
  macros: Macro[];
  defs: Record<Split, object[]>;
}

/** `list` with the journal's records laid over it; the same array when there are none. */
export function overlay(list: object[], records: Map<string, { id: string }> | undefined): object[] {
  if (!records || records.size === 0) return list;
  const out: object[] = [];
  const seen = new Set<string>();
  for (const e of list) {
    const id = (e as { id: string }).id;
    const r = records.get(id);
    if (r === undefined) out.push(e);
    else {
      seen.add(id);
      if (!isTombstone(r)) out.push(r);
    }
  }
  for (const [id, r] of records) if (!seen.has(id) && !isTombstone(r)) out.push(r);
  return out;
}

/** The definitions of triggers, tasks and traces with the edits journal laid over them. */
export function overlayDefs(defs: Record<Split, object[]>, edits: Journal): Record<Split, object[]> {
  return {
    triggers: overlay(defs.triggers, edits.records.get('triggers')),
    tasks: overlay(defs.tasks, edits.records.get('tasks')),
    traceConfigs: overlay(defs.traceConfigs, edits.records.get('traceConfigs')),
  };
}

/**
 * Definitions merged with their state records and checked as whole entities. A definition whose
 * state did not change since the last merge gives the entity checked then. `trusted`: definitions
 * and state were written by crmscript-tui (checked as whole entities before they were split).
 */
export class StateMerge {
  private readonly mergedOne = new WeakMap<object, { state: unknown; entity: object }>();

  merge(defs: Record<Split, object[]>, state: Journal, checker: Checker | null, trusted: boolean): { value: Merged; problems: string[] } {
    const problems: string[] = [];
    const value = {} as Record<Split, object[]>;
    for (const c of SPLIT) {
      const states = state.records.get(c)!;
      const out: object[] = [];
      defs[c].forEach((def, i) => {
        const st = states.get((def as { id: string }).id);
        const known = this.mergedOne.get(def);
        if (known && known.state === st) return void out.push(known.entity);
        const whole = { ...STATE_DEFAULTS[c], ...def, ...(st ?? {}) };
        if (!trusted && !checker) throw new CheckerNeeded(`${c}[${i}]`);
        const r = trusted ? ({ ok: true, value: whole } as const) : checker!.entity(c as CollectionName, whole, `${c}[${i}]`);
        if (!r.ok) {
          if (problems.length < 3) problems.push(...r.problems);
          return;
        }
        this.mergedOne.set(def, { state: st, entity: r.value });
        out.push(r.value);
      });
      value[c] = out;
    }
    return { value: value as unknown as Merged, problems };
  }
}
