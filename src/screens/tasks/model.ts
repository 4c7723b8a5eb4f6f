/**
 * The Scheduled tasks tab without React: the task form's fields and values,
 * turning them into a task, and the list's columns.
 */
import { StoreError } from '../../store/errors.js';
import { findMacro, findScript, getById, scriptPath } from '../../store/repos.js';
import type { Frequency, FrequencyKind, StoreData, Task, TargetKind } from '../../store/schema.js';
import {
  describeFrequency,
  describeMonths,
  describeWeekdays,
  firstRun,
  formatDateTime,
  frequencyProblem,
  parseLocalDateTime,
  parseMonthDays,
  parseMonths,
  parseTimeOfDay,
  parseWeekdays,
  type ScheduleOptions,
} from '../../tasks/schedule.js';
import { outcomeWord, type TaskSpec, type TaskStatus } from '../../tasks/manage.js';
import { shareWidth } from '../../tui/text.js';
import { errorMessage } from '../../interp/util/error-message.js';

export const FREQUENCY_CHOICES: ReadonlyArray<{ value: FrequencyKind; label: string }> = [
  { value: 'never', label: 'Never' },
  { value: 'minutes', label: 'Minute interval' },
  { value: 'hourly', label: 'Hourly' },
  { value: 'weekly', label: 'Week interval' },
  { value: 'monthly', label: 'Month interval' },
  { value: 'once', label: 'After (once, at a date-time)' },
  { value: 'after', label: 'Run after schedule' },
];

export const TARGET_CHOICES: ReadonlyArray<{ value: TargetKind; label: string }> = [
  { value: 'script', label: 'Script' },
  { value: 'macro', label: 'Macro' },
];

export interface TaskFormValues {
  name: string;
  targetKind: TargetKind;
  /** Include name, Folder/Name, name or id of a script; name or id of a macro. */
  target: string;
  kind: FrequencyKind;
  every: string;
  minute: string;
  time: string;
  weekdays: string;
  mdays: string;
  months: string;
  at: string;
  /** Id of the task to run after ('' = none chosen). */
  afterTask: string;
  startNow: boolean;
  disabled: boolean;
  lockMinutes: string;
  restartAfter: string;
}

export type TaskFormField = keyof TaskFormValues;

export type FieldKind = 'text' | 'bool' | 'choice';

export interface FieldDef {
  name: TaskFormField;
  label: string;
  kind: FieldKind;
  hint?: string;
  placeholder?: string;
}

const WEEKDAY_TEXT = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** "1-6" style text for a list of numbers (ranges of three or more). */
function numberList(values: number[], label: (n: number) => string = String): string {
  const v = [...new Set(values)].sort((a, b) => a - b);
  const out: string[] = [];
  let i = 0;
  while (i < v.length) {
    let j = i;
    while (j + 1 < v.length && v[j + 1] === v[j]! + 1) j++;
    if (j - i >= 2) out.push(`${label(v[i]!)}-${label(v[j]!)}`);
    else for (let k = i; k <= j; k++) out.push(label(v[k]!));
    i = j + 1;
  }
  return out.join(',');
}

/** What a new task form starts with. */
export function newTaskValues(now: Date): TaskFormValues {
  const inAnHour = new Date(Math.ceil((now.getTime() + 3_600_000) / 3_600_000) * 3_600_000);
  return {
    name: '',
    targetKind: 'script',
    target: '',
    kind: 'weekly',
    every: '15',
    minute: '0',
    time: '08:00',
    weekdays: 'mon-fri',
    mdays: '1',
    months: '',
    at: formatDateTime(inAnHour),
    afterTask: '',
    startNow: false,
    disabled: false,
    lockMinutes: '10',
    restartAfter: '0',
  };
}

/** The form values of an existing task. */
export function taskValues(d: StoreData, task: Task, now: Date): TaskFormValues {
  const v = newTaskValues(now);
  v.name = task.name;
  v.targetKind = task.targetKind;
  if (task.targetKind === 'script') {
    const s = getById(d, 'scripts', task.targetId);
    v.target = s ? s.includeId || scriptPath(d, s) : task.targetId;
  } else {
    v.target = getById(d, 'macros', task.targetId)?.name ?? task.targetId;
  }
  const f = task.frequency;
  v.kind = f.kind;
  switch (f.kind) {
    case 'minutes':
      v.every = String(f.every);
      break;
    case 'hourly':
      v.minute = String(f.minute);
      break;
    case 'weekly':
      v.time = f.time;
      v.weekdays = numberList(f.days.map((x) => (x === 0 ? 7 : x)), (n) => WEEKDAY_TEXT[n % 7]!);
      break;
    case 'monthly':
      v.time = f.time;
      v.mdays = numberList(f.days);
      v.months = f.months.length === 12 ? '' : numberList(f.months);
      break;
    case 'once':
      v.at = formatDateTime(new Date(f.at));
      break;
    case 'after':
      v.afterTask = f.taskId;
      break;
  }
  v.startNow = task.startNow;
  v.disabled = !task.enabled;
  v.lockMinutes = String(task.lockMinutes);
  v.restartAfter = String(task.restartAfterMinutes);
  return v;
}

/** The fields shown for the chosen frequency, in order. */
export function formFields(v: TaskFormValues): FieldDef[] {
  const fields: FieldDef[] = [
    { name: 'name', label: 'Name', kind: 'text' },
    { name: 'targetKind', label: 'Runs a', kind: 'choice', hint: '←/→ chooses script or macro' },
    {
      name: 'target',
      label: v.targetKind === 'script' ? 'Script' : 'Macro',
      kind: 'text',
      placeholder: v.targetKind === 'script' ? 'include name or Folder/Name' : 'macro name',
    },
    { name: 'kind', label: 'Frequency', kind: 'choice', hint: '←/→ or type to choose how often it runs' },
  ];
  switch (v.kind) {
    case 'minutes':
      fields.push({ name: 'every', label: 'Every N minutes', kind: 'text' });
      break;
    case 'hourly':
      fields.push({ name: 'minute', label: 'At minute', kind: 'text', hint: 'Minute past every hour, 0-59' });
      break;
    case 'weekly':
      fields.push({ name: 'time', label: 'Time of day', kind: 'text', placeholder: 'HH:MM' });
      fields.push({ name: 'weekdays', label: 'Weekdays', kind: 'text', hint: 'e.g. mon,wed or mon-fri' });
      break;
    case 'monthly':
      fields.push({ name: 'time', label: 'Time of day', kind: 'text', placeholder: 'HH:MM' });
      fields.push({ name: 'mdays', label: 'Days of month', kind: 'text', hint: 'e.g. 1,15 or 1-5' });
      fields.push({ name: 'months', label: 'Months', kind: 'text', placeholder: 'every month', hint: 'e.g. 1-6 or jan,jul; empty = every month' });
      break;
    case 'once':
      fields.push({ name: 'at', label: 'At', kind: 'text', placeholder: 'YYYY-MM-DD HH:MM', hint: 'Local date and time' });
      break;
    case 'after':
      fields.push({ name: 'afterTask', label: 'After task', kind: 'choice', hint: 'Runs when that task has completed successfully' });
      break;
  }
  fields.push(
    { name: 'startNow', label: 'Start now', kind: 'bool', hint: 'Run at the daemon\'s next check (within seconds)' },
    { name: 'disabled', label: 'Disable', kind: 'bool', hint: 'A disabled task does not run on its schedule' },
    { name: 'lockMinutes', label: 'Lock time (min)', kind: 'text', hint: 'A run holds the task this long; a longer run counts as failed' },
    { name: 'restartAfter', label: 'Restart after error (min)', kind: 'text', hint: 'Minutes before a failed run is tried again; 0 = not' },
  );
  return fields;
}

/** The tasks a task may run after (not itself). */
export function afterChoices(d: StoreData, selfId: string | null): Array<{ value: string; label: string }> {
  return [...d.tasks]
    .filter((t) => t.id !== selfId)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => ({ value: t.id, label: t.name }));
}

class FieldError extends Error {
  constructor(
    readonly field: TaskFormField,
    message: string,
  ) {
    super(message);
  }
}

function wholeNumber(field: TaskFormField, text: string, label: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const t = text.trim();
  if (!/^\d+$/.test(t)) throw new FieldError(field, `${label} must be a whole number.`);
  const n = Number(t);
  if (n < min || n > max) throw new FieldError(field, max === Number.MAX_SAFE_INTEGER ? `${label} must be at least ${min}.` : `${label} must be from ${min} to ${max}.`);
  return n;
}

function parsed<T>(field: TaskFormField, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new FieldError(field, errorMessage(e));
  }
}

/** The frequency the values describe (throws a FieldError naming the field). */
function frequencyOf(v: TaskFormValues): Frequency {
  switch (v.kind) {
    case 'never':
      return { kind: 'never' };
    case 'minutes':
      return { kind: 'minutes', every: wholeNumber('every', v.every, 'The interval', 1) };
    case 'hourly':
      return { kind: 'hourly', minute: wholeNumber('minute', v.minute, 'The minute', 0, 59) };
    case 'weekly': {
      const f: Frequency = { kind: 'weekly', time: parsed('time', () => parseTimeOfDay(v.time)), days: parsed('weekdays', () => parseWeekdays(v.weekdays)) };
      return f;
    }
    case 'monthly': {
      const f: Frequency = {
        kind: 'monthly',
        time: parsed('time', () => parseTimeOfDay(v.time)),
        days: parsed('mdays', () => parseMonthDays(v.mdays)),
        months: v.months.trim() === '' ? [] : parsed('months', () => parseMonths(v.months)),
      };
      const problem = frequencyProblem(f);
      if (problem) throw new FieldError('mdays', problem);
      return f;
    }
    case 'once':
      return { kind: 'once', at: parsed('at', () => parseLocalDateTime(v.at)) };
    case 'after':
      if (v.afterTask === '') throw new FieldError('afterTask', 'Choose the task to run after (there must be another task).');
      return { kind: 'after', taskId: v.afterTask };
  }
}

function targetOf(d: StoreData, v: TaskFormValues): { targetKind: TargetKind; targetId: string; label: string } {
  const ref = v.target.trim();
  if (ref === '') throw new FieldError('target', `Say which ${v.targetKind} the task runs.`);
  try {
    if (v.targetKind === 'script') {
      const s = findScript(d, ref);
      if (!s) throw new FieldError('target', `There is no script "${ref}" (give its include name, Folder/Name or name).`);
      return { targetKind: 'script', targetId: s.id, label: scriptPath(d, s) };
    }
    const m = findMacro(d, ref);
    if (!m) throw new FieldError('target', `There is no macro "${ref}".`);
    return { targetKind: 'macro', targetId: m.id, label: m.name };
  } catch (e) {
    if (e instanceof StoreError) throw new FieldError('target', e.message);
    throw e;
  }
}

export type FormCheck = { ok: true; spec: TaskSpec; targetLabel: string } | { ok: false; field: TaskFormField; message: string };

/** Check the values against the store; a problem names the field it is about. */
export function checkTaskValues(d: StoreData, v: TaskFormValues, selfId: string | null): FormCheck {
  try {
    const name = v.name.trim();
    if (name === '') throw new FieldError('name', 'A task needs a name.');
    if (d.tasks.some((t) => t.name === name && t.id !== selfId)) throw new FieldError('name', `A scheduled task named "${name}" already exists.`);
    const target = targetOf(d, v);
    const frequency = frequencyOf(v);
    const lockMinutes = wholeNumber('lockMinutes', v.lockMinutes, 'The lock time', 0);
    const restartAfterMinutes = wholeNumber('restartAfter', v.restartAfter, 'The minutes before restart', 0);
    return {
      ok: true,
      targetLabel: target.label,
      spec: { name, targetKind: target.targetKind, targetId: target.targetId, frequency, enabled: !v.disabled, startNow: v.startNow, lockMinutes, restartAfterMinutes },
    };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, field: e.field, message: e.message };
    throw e;
  }
}

/** A line under the form: how the frequency reads and when it would run next. */
export function previewLine(d: StoreData, v: TaskFormValues, now: Date, opts: ScheduleOptions = {}): string {
  let freq: Frequency;
  try {
    freq = frequencyOf(v);
  } catch {
    return '';
  }
  const text = describeFrequency(freq, { ...opts, taskName: (id) => getById(d, 'tasks', id)?.name });
  if (v.disabled) return `${text}; disabled, so it runs only when started by hand`;
  const next = firstRun(freq, now, opts);
  if (freq.kind === 'after' || freq.kind === 'never') return text;
  return next ? `${text}; next run ${formatDateTime(next, opts)}` : `${text}; it would never run`;
}

/** Helpful text beside what was typed, e.g. the weekdays understood. */
export function fieldEcho(d: StoreData, name: TaskFormField, v: TaskFormValues): string | null {
  try {
    switch (name) {
      case 'weekdays':
        return describeWeekdays(parseWeekdays(v.weekdays));
      case 'months':
        return v.months.trim() === '' ? 'every month' : describeMonths(parseMonths(v.months));
      case 'target':
        return v.target.trim() === '' ? null : `→ ${targetOf(d, v).label}`;
      default:
        return null;
    }
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- list columns

const STATUS_SHORT: Record<TaskStatus, string> = {
  running: 'running',
  'start requested': 'starting',
  disabled: 'disabled',
  scheduled: 'scheduled',
  waiting: 'waiting',
  idle: 'idle',
  'missing target': 'no target',
};

export function statusLabel(s: TaskStatus): string {
  return STATUS_SHORT[s];
}

/** A run outcome in at most 7 cells. */
export function resultLabel(outcome: string | null): string {
  return outcomeWord(outcome);
}

/** Shorter date-times when the year is the current one. */
export function shortDateTime(d: Date | null, now: Date, wide: boolean): string {
  if (!d) return '-';
  const full = formatDateTime(d);
  if (wide || d.getFullYear() !== now.getFullYear()) return full;
  return full.slice(5);
}

export interface Columns {
  name: number;
  freq: number;
  status: number;
  /** 0 = the column is left out (narrow terminals; the line under the list shows it). */
  last: number;
  result: number;
  next: number;
  wide: boolean;
}

/** Column widths for a list `width` cells wide (separators are one space). */
/** `want`: the longest name and frequency shown, so the two share the room by what they hold. */
export function columnsFor(width: number, want?: { name: number; freq: number }): Columns {
  const wide = width >= 110;
  const date = wide ? 16 : 11;
  const status = 9;
  const result = 7;
  const last = width >= 96 ? date : 0;
  const fixed = status + result + date + last + (last ? 5 : 4);
  const flex = Math.max(width - fixed, 12);
  if (want) {
    const [name, freq] = shareWidth(flex, [
      { want: Math.max(want.name, 4), min: Math.min(6, Math.max(want.name, 4)) },
      { want: Math.max(want.freq, 9), min: Math.min(6, Math.max(want.freq, 9)) },
    ]) as [number, number];
    return { name, freq, status, last, result, next: date, wide };
  }
  const name = Math.max(Math.floor(flex * 0.27), 6);
  return { name, freq: Math.max(flex - name, 6), status, last, result, next: date, wide };
}
