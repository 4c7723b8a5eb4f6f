// NSAppointmentAgent: the completed state of activities, set or toggled and saved at once. An
// activity is named by an identifier "appointment_id=12", "document_id=3" or "sale_id=4". An
// appointment is completed when its status is 3 (done then stamps when); a document's state is
// the status of the appointment row that carries it; a sale's is sale.done (2 yes, 1 no: a sale is
// either started or completed). Each change stamps the row as edited.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { col, updateChanged } from './view.js';
import type { Methods } from './define.js';
import { triggersSuggestion } from './guide-progress.js';

const AGENT = 'NSAppointmentAgent';

/** ActivityStatus. */
const ACTIVITY = { notStarted: 1, started: 2, completed: 3 };
/** sale.done (SaleDone). */
const SALE_DONE = { no: 1, yes: 2 };

interface Activity {
  table: 'appointment' | 'sale';
  id: number;
  row: CrmRow;
}

type Kind = 'appointment' | 'document' | 'sale';

function parse(where: string, text: unknown): { kind: Kind; id: number } {
  const m = /^\s*(appointment_id|document_id|sale_id|todo_id)\s*=\s*(\d+)\s*$/i.exec(String(text ?? ''));
  if (!m) throw fail(where, `"${String(text ?? '')}" is not an activity identifier (appointment_id=…, document_id=… or sale_id=…)`);
  const key = m[1].toLowerCase();
  if (key === 'todo_id') throw fail(where, 'the sandbox CRM has no to-do items (todo_id)');
  return { kind: key.slice(0, -3) as Kind, id: Number(m[2]) };
}

/** The row an identifier names, or null when there is none. */
function find(kind: Kind, id: number): Activity | null {
  const crm = db();
  if (kind === 'sale') {
    const row = crm.get('sale', id);
    return row ? { table: 'sale', id, row } : null;
  }
  let apptId = id;
  if (kind === 'document') {
    const doc = crm.get('document', id);
    apptId = doc ? Number(col(doc, 'appointment_id') ?? 0) : 0;
  }
  const row = apptId ? crm.get('appointment', apptId) : null;
  return row ? { table: 'appointment', id: apptId, row } : null;
}

/** The activities the identifiers name, failing on the first that names no row. */
function resolveAll(where: string, list: unknown): Activity[] {
  return (Array.isArray(list) ? list : []).map((text) => {
    const { kind, id } = parse(where, text);
    const a = find(kind, id);
    if (!a) throw fail(where, `there is no ${kind} with id ${id}`);
    return a;
  });
}

function isCompleted(a: Activity): boolean {
  return a.table === 'sale' ? Number(col(a.row, 'done') ?? 0) === SALE_DONE.yes : Number(col(a.row, 'status') ?? 0) === ACTIVITY.completed;
}

/** Writes an activity's completed state; an appointment's done is stamped when it becomes completed and cleared when it stops being. */
function setStatus(a: Activity, status: number): void {
  if (a.table === 'sale') {
    updateChanged('sale', a.id, a.row, { done: status === ACTIVITY.completed ? SALE_DONE.yes : SALE_DONE.no });
    return;
  }
  const values: CrmRow = { status };
  const was = isCompleted(a);
  if (status === ACTIVITY.completed && !was) values.done = db().now();
  if (status !== ACTIVITY.completed && was) values.done = null;
  updateChanged('appointment', a.id, a.row, values);
}

/** Completes an activity that is not completed, else makes it started again; returns the new state. */
function toggle(a: Activity): number {
  const next = isCompleted(a) ? ACTIVITY.started : ACTIVITY.completed;
  setStatus(a, next);
  return next;
}

export const appointmentStatus: Methods = {
  'ToggleAppointmentStatus(Integer)': (_a: unknown, id: number) => {
    const a = find('appointment', id);
    if (!a) throw fail(`${AGENT}.ToggleAppointmentStatus`, `there is no appointment with id ${id}`);
    return toggle(a);
  },
  'ToggleActivity(String)': (_a: unknown, identifier: string) => toggle(resolveAll(`${AGENT}.ToggleActivity`, [identifier])[0]),
  // each is toggled on its own; the result is the new state of the first
  'ToggleActivities(String[])': (_a: unknown, identifiers: unknown) => {
    const results = resolveAll(`${AGENT}.ToggleActivities`, identifiers).map(toggle);
    return results[0] ?? 0;
  },
  // the first is toggled and the others get its new state. When that state is completed and more
  // than one of the appointments would make its guide suggest the next follow-up
  // (guide-progress.ts: made from a suggestion, not completed yet, an auto-suggested follow-up
  // next in its stage), those are left as they are: the result lists their identifiers
  'ToggleAndSetActivities(String[])': (_a: unknown, identifiers: unknown) => {
    const list = Array.isArray(identifiers) ? identifiers : [];
    const all = resolveAll(`${AGENT}.ToggleAndSetActivities`, list);
    if (!all.length) return [];
    const next = isCompleted(all[0]) ? ACTIVITY.started : ACTIVITY.completed;
    const triggering = next === ACTIVITY.completed ? all.flatMap((a, i) => (a.table === 'appointment' && !isCompleted(a) && triggersSuggestion(a.row) ? [i] : [])) : [];
    const skipped = new Set(triggering.length > 1 ? triggering : []);
    all.forEach((a, i) => {
      if (!skipped.has(i)) setStatus(a, next);
    });
    return [...skipped].map((i) => String(list[i]));
  },
  // an identifier that names no row leaves every activity as it is
  'SetActivityStatus(String[],Integer)': (_a: unknown, identifiers: unknown, status: number) => {
    const where = `${AGENT}.SetActivityStatus`;
    if (![ACTIVITY.notStarted, ACTIVITY.started, ACTIVITY.completed].includes(status)) throw fail(where, `${status} is not an activity status (1 not started, 2 started, 3 completed)`);
    const found = (Array.isArray(identifiers) ? identifiers : []).map((text) => {
      const { kind, id } = parse(where, text);
      return find(kind, id);
    });
    if (found.some((a) => !a)) return;
    for (const a of found as Activity[]) setStatus(a, status);
  },
};
