/**
 * "What would dangle": the triggers, scheduled tasks and trace configurations
 * left pointing at nothing when a script, a macro or a whole folder (with the
 * scripts and macros inside it) is deleted. One rule, used by the TUI's delete
 * questions and the CLI's `rm` commands alike.
 */
import { descendantFolderIds } from './repos.js';
import type { StoreData, TargetKind, Task, TraceConfig, Trigger } from './schema.js';

export type DeleteSubject = { kind: TargetKind; id: string } | { kind: 'folder'; id: string };

export interface Dangling {
  triggers: Trigger[];
  tasks: Task[];
  traceConfigs: TraceConfig[];
}

/** The bindings that would point at a missing script or macro after deleting `subject`. */
export function danglingAfterDelete(d: StoreData, subject: DeleteSubject): Dangling {
  let hit: (e: { targetKind: TargetKind; targetId: string }) => boolean;
  if (subject.kind === 'folder') {
    const ids = descendantFolderIds(d, subject.id);
    const inside = (x: { folderId: string | null }) => x.folderId !== null && ids.has(x.folderId);
    const scripts = new Set(d.scripts.filter(inside).map((s) => s.id));
    const macros = new Set(d.macros.filter(inside).map((m) => m.id));
    hit = (e) => (e.targetKind === 'script' ? scripts.has(e.targetId) : macros.has(e.targetId));
  } else {
    const { kind, id } = subject;
    hit = (e) => e.targetKind === kind && e.targetId === id;
  }
  return { triggers: d.triggers.filter(hit), tasks: d.tasks.filter(hit), traceConfigs: d.traceConfigs.filter(hit) };
}

export function danglingCount(x: Dangling): number {
  return x.triggers.length + x.tasks.length + x.traceConfigs.length;
}

function count(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/**
 * One sentence naming what would dangle, or '' when nothing would:
 * "2 triggers (SalesBeforeSaveSale, TicketClosed) and 1 scheduled task (Nightly)
 * use it and will point at a missing script." `what` is "it" or "scripts inside it".
 */
export function describeDangling(x: Dangling, opts: { what: string; missing: string }): string {
  if (danglingCount(x) === 0) return '';
  const names = (list: string[]) => {
    const uniq = [...new Set(list)];
    return uniq.length <= 3 ? uniq.join(', ') : `${uniq.slice(0, 3).join(', ')}, …`;
  };
  const parts = [
    x.triggers.length ? `${count(x.triggers.length, 'trigger')} (${names(x.triggers.map((t) => t.event))})` : '',
    x.tasks.length ? `${count(x.tasks.length, 'scheduled task')} (${names(x.tasks.map((t) => t.name))})` : '',
    x.traceConfigs.length ? count(x.traceConfigs.length, 'trace') : '',
  ].filter(Boolean);
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  const verb = danglingCount(x) === 1 ? 'uses' : 'use';
  return `${list} ${verb} ${opts.what} and will point at ${opts.missing}.`;
}

/** The sentence for deleting one subject: "… use it and will point at a missing script." */
export function danglingSentence(d: StoreData, subject: DeleteSubject): string {
  const x = danglingAfterDelete(d, subject);
  if (subject.kind === 'folder') return describeDangling(x, { what: 'scripts or macros inside it', missing: 'missing scripts or macros' });
  return describeDangling(x, { what: 'it', missing: `a missing ${subject.kind}` });
}
