// Folds the engine's ordered write log into one change per row: what a run did to each row, with
// only the columns whose value differs for updates. Also the one-line text form the CLI and the
// TUI show.
import type { CrmChange, CrmValue } from '../interp/runtime/crm-service.js';
import type { RawChange } from './driver.js';

type Row = Record<string, CrmValue>;

function diff(before: Row, after: Row): CrmChange['columns'] {
  const out: CrmChange['columns'] = [];
  for (const k of Object.keys(after)) if (before[k] !== after[k]) out.push({ name: k, old: before[k] ?? null, new: after[k] ?? null });
  return out;
}

export function foldChanges(log: RawChange[]): CrmChange[] {
  // per row: its state before the run (null = did not exist) and after
  const rows = new Map<string, { table: string; id: number; before: Row | null; after: Row | null; order: number }>();
  let order = 0;
  for (const c of log) {
    const key = `${c.table.toLowerCase()}#${c.id}`;
    let r = rows.get(key);
    if (!r) {
      r = { table: c.table, id: c.id, before: c.kind === 'insert' ? null : c.old, after: null, order: order++ };
      rows.set(key, r);
    }
    r.after = c.kind === 'delete' ? null : c.new;
  }
  const out: CrmChange[] = [];
  for (const r of [...rows.values()].sort((a, b) => a.order - b.order)) {
    if (!r.before && r.after) {
      out.push({ table: r.table, id: r.id, kind: 'insert', columns: Object.entries(r.after).filter(([, v]) => v !== null && v !== '' && v !== 0).map(([name, v]) => ({ name, old: null, new: v })) });
    } else if (r.before && !r.after) {
      out.push({ table: r.table, id: r.id, kind: 'delete', columns: Object.entries(r.before).filter(([, v]) => v !== null && v !== '' && v !== 0).map(([name, v]) => ({ name, old: v, new: null })) });
    } else if (r.before && r.after) {
      const cols = diff(r.before, r.after);
      if (cols.length) out.push({ table: r.table, id: r.id, kind: 'update', columns: cols });
    }
  }
  return out;
}

const show = (v: CrmValue): string => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v));

/** 'update ticket 12: status 1 → 2, owned_by 3 → 4' */
export function changeLine(c: CrmChange): string {
  if (c.kind === 'update') return `update ${c.table} ${c.id}: ${c.columns.map((x) => `${x.name} ${show(x.old)} → ${show(x.new)}`).join(', ')}`;
  if (c.kind === 'insert') return `insert ${c.table} ${c.id}: ${c.columns.map((x) => `${x.name}=${show(x.new)}`).join(', ')}`;
  return `delete ${c.table} ${c.id}`;
}

/** The text block `run --changes` prints: a heading and one line per changed row. */
export function changesText(changes: CrmChange[], rolledBack: boolean): string {
  const head = changes.length
    ? `CRM changes${rolledBack ? ' (rolled back, nothing kept)' : ''}: ${changes.length} row${changes.length === 1 ? '' : 's'}`
    : `CRM changes${rolledBack ? ' (rolled back)' : ''}: none`;
  return [head, ...changes.map((c) => '  ' + changeLine(c))].join('\n') + '\n';
}
