/** Targets of triggers, tasks and traces: a script or a macro. */
import { StoreError } from '../errors.js';
import type {
  StoreData,
  TargetKind,
  Task,
  TraceConfig,
  Trigger,
} from '../schema.js';
import { getById } from './common.js';
import { folderPath } from './folders.js';
import { scriptPath } from './scripts.js';

export function targetExists(d: StoreData, kind: TargetKind, id: string): boolean {
  return kind === 'script' ? !!getById(d, 'scripts', id) : !!getById(d, 'macros', id);
}

/** A display name for a trigger's or task's target, e.g. "Examples/Hello world" or "(missing script)". */
export function targetLabel(d: StoreData, kind: TargetKind, id: string): string {
  if (kind === 'script') {
    const s = getById(d, 'scripts', id);
    return s ? scriptPath(d, s) : '(missing script)';
  }
  const m = getById(d, 'macros', id);
  return m ? (m.folderId === null ? m.name : `${folderPath(d, m.folderId)}/${m.name}`) : '(missing macro)';
}

export function requireTarget(d: StoreData, kind: TargetKind, id: string): void {
  if (!targetExists(d, kind, id)) throw new StoreError('not-found', `There is no ${kind} with id "${id}".`);
}

/** Triggers, tasks and traces that point at a script or macro (e.g. to warn before deleting it). */
export function referencesTo(
  d: StoreData,
  kind: TargetKind,
  id: string,
): { triggers: Trigger[]; tasks: Task[]; traceConfigs: TraceConfig[] } {
  const hit = (e: { targetKind: TargetKind; targetId: string }) => e.targetKind === kind && e.targetId === id;
  return { triggers: d.triggers.filter(hit), tasks: d.tasks.filter(hit), traceConfigs: d.traceConfigs.filter(hit) };
}
