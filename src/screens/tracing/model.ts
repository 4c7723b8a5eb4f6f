// Data for the Tracing tab and the trace viewer that needs no React: the rows of the lists, the
// configuration form's values, the position slider, and the tail of long output.
import type { Notification, StoreData, TargetKind, TraceConfig, TraceRun } from '../../store/schema.js';
import type { FormValues } from '../../tui/components/Form.js';
import { cellWidth, fit, formatDateTime, formatDuration, plural, truncate, wrapText } from '../../tui/text.js';
import { whoLabel } from '../../store/who.js';
import { outcomeWord } from '../../tasks/manage.js';
import { stepsText } from '../../tracing/steps-text.js';

// ---------------------------------------------------------------- configurations

/** The script or macro whose traces a screen is limited to (its Trace action). */
export interface TraceTarget {
  kind: TargetKind;
  id: string;
  name: string;
}

/** One line of the configuration list. */
export interface TraceRow {
  config: TraceConfig;
  /** "Examples/Hello" (the script's or macro's path). */
  target: string;
  recordings: TraceRun[];
}

export interface TraceColumns {
  on: number;
  target: number;
  description: number;
  runs: number;
  last: number;
}

export function traceColumns(width: number): TraceColumns {
  const on = 3;
  const runs = 4;
  const last = width >= 70 ? 11 : 0;
  const rest = Math.max(width - on - runs - last - (last ? 4 : 3), 10);
  const target = Math.max(Math.min(Math.round(rest * 0.45), 34), 6);
  return { on, target, description: Math.max(rest - target, 0), runs, last };
}

export function traceHeader(c: TraceColumns): string {
  return [fit('ON', c.on), fit('TARGET', c.target), fit('DESCRIPTION', c.description), fit('RUNS', c.runs, 'right'), c.last ? fit('LAST RUN', c.last) : null]
    .filter((x) => x !== null)
    .join(' ');
}

export function traceLine(r: TraceRow, c: TraceColumns): string {
  const target = `${r.config.targetKind === 'macro' ? 'macro ' : ''}${r.target}`;
  const last = r.recordings[0];
  return [
    fit(r.config.enabled ? 'on' : 'off', c.on),
    fit(target, c.target),
    fit(r.config.description || '(no description)', c.description),
    fit(String(r.recordings.length), c.runs, 'right'),
    c.last ? fit(last ? formatDateTime(last.startedAt, true) : '-', c.last) : null,
  ]
    .filter((x) => x !== null)
    .join(' ');
}

/** Text the list filter looks in. */
export function traceSearchText(r: TraceRow): string {
  return `${r.target}\u0000${r.config.description}\u0000${r.config.userFilter}\u0000${r.config.targetKind}`;
}

/** "every run", "every 3rd run". */
export function everyText(n: number): string {
  if (n <= 1) return 'every run';
  const mod100 = n % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `every ${n}${suffix} run`;
}

/** Two lines about a configuration: what it records and keeps, and whom it notifies. */
export function configSummary(c: TraceConfig): [string, string] {
  const every = everyText(c.resolution);
  const first = [
    c.enabled ? '' : 'Disabled',
    `${every[0]!.toUpperCase()}${every.slice(1)} by ${c.userFilter.trim() || 'anyone'}`,
    `kept ${plural(c.keepDays, 'day')}`,
    c.onlyOnException ? 'only with an unhandled exception' : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const notify = c.notify
    ? c.notificationEmail.trim()
      ? `Notifies ${c.notificationEmail.trim()} (${c.notificationsSent ?? 0} of at most ${c.maxNotifications} sent)`
      : 'Notify is on, but no notification email is set'
    : 'No notifications';
  return [first, [notify, c.executions ? `${plural(c.executions, 'execution')} counted` : ''].filter(Boolean).join(' · ')];
}

// ---------------------------------------------------------------- recordings

export interface RunColumns {
  when: number;
  source: number;
  duration: number;
  steps: number;
  outcome: number;
}

export function runColumns(width: number): RunColumns {
  const when = 14;
  const duration = 8;
  const steps = 9;
  const rest = Math.max(width - when - duration - steps - 4, 12);
  const source = Math.max(Math.min(Math.round(rest * 0.42), 28), 6);
  return { when, source, duration, steps, outcome: Math.max(rest - source, 0) };
}

export function runHeader(c: RunColumns): string {
  return [fit('WHEN', c.when), fit('SOURCE (USER)', c.source), fit('DURATION', c.duration, 'right'), fit('STEPS', c.steps, 'right'), fit('OUTCOME', c.outcome)].join(' ');
}

/** "cli (alice)", "trigger:NewTicket", "daemon (task:Nightly) · bob". */
export function runSource(r: Pick<TraceRun, 'source' | 'user'>): string {
  return whoLabel(r.source, r.user);
}

/** "01-31 14:05:09" in local time. */
export function whenText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** "failed: four is too many" (the exception's message without its position). */
export function outcomeText(r: Pick<TraceRun, 'outcome' | 'exception'>): string {
  const word = outcomeWord(r.outcome); // "stopped", as the tasks say, not the stored "interrupted"
  if (!r.exception) return word;
  const m = /^.*?:\d+:\d+: (.*)$/s.exec(r.exception);
  return `${word}: ${m ? m[1] : r.exception}`;
}

export function runLine(r: TraceRun, c: RunColumns): string {
  return [
    fit(whenText(r.startedAt), c.when),
    fit(runSource(r), c.source),
    fit(formatDuration(r.durationMs), c.duration, 'right'),
    fit(stepsText(r, count), c.steps, 'right'),
    fit(outcomeText(r), c.outcome),
  ].join(' ');
}

/** 1234567 → "1,234,567". */
export function count(n: number): string {
  return Math.trunc(n).toLocaleString('en-US');
}

// ---------------------------------------------------------------- notifications

/** Notifications the tracer queued that were not sent (no SMTP server, or it refused them). */
export function pendingTraceNotifications(d: Pick<StoreData, 'outbox'>): Notification[] {
  return d.outbox.filter((n) => n.sentAt === null && n.subject.startsWith('Trace: '));
}

// ---------------------------------------------------------------- the form

export const TRACE_FIELDS = [
  'target',
  'description',
  'userFilter',
  'resolution',
  'keepDays',
  'enabled',
  'notify',
  'maxNotifications',
  'notificationEmail',
  'onlyOnException',
] as const;

export interface TraceFormDefaults {
  description?: string;
  target?: string;
}

/** The form's values for a configuration, or for a new one. */
export function traceFormValues(c: TraceConfig | null, defaults: TraceFormDefaults = {}): FormValues {
  return {
    target: defaults.target ?? (c ? `${c.targetKind}:${c.targetId}` : ''),
    description: c?.description ?? defaults.description ?? '',
    userFilter: c?.userFilter ?? '',
    resolution: String(c?.resolution ?? 1),
    keepDays: String(c?.keepDays ?? 7),
    enabled: c?.enabled ?? true,
    notify: c?.notify ?? false,
    maxNotifications: String(c?.maxNotifications ?? 10),
    notificationEmail: c?.notificationEmail ?? '',
    onlyOnException: c?.onlyOnException ?? false,
  };
}

/** A sentence when `v` is not a whole number of at least `min`. */
export function wholeNumberProblem(v: string, min: number, what: string): string | null {
  const s = v.trim();
  if (!/^\d+$/.test(s)) return `${what} must be a whole number.`;
  if (Number(s) < min) return `${what} must be at least ${min}.`;
  if (Number(s) > 1_000_000_000) return `${what} is too large.`;
  return null;
}

const EMAIL = /^[^\s@,]+@[^\s@,]+$/;

export function emailProblem(v: string, notify: boolean): string | null {
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.length === 0) return notify ? 'Give the address the notifications go to.' : null;
  const bad = list.find((s) => !EMAIL.test(s));
  return bad ? `"${bad}" is not an email address.` : null;
}

export type TraceFields = Omit<TraceConfig, 'id' | 'targetKind' | 'targetId' | 'executions' | 'notificationsSent'>;

/** The configuration fields of the form's values (which the form validated). */
export function traceFieldsOf(v: FormValues): TraceFields {
  const text = (k: string) => String(v[k] ?? '').trim();
  return {
    description: text('description'),
    userFilter: text('userFilter')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .join(', '),
    resolution: Number(text('resolution')),
    keepDays: Number(text('keepDays')),
    enabled: v.enabled === true,
    notify: v.notify === true,
    maxNotifications: Number(text('maxNotifications')),
    notificationEmail: text('notificationEmail')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .join(', '),
    onlyOnException: v.onlyOnException === true,
  };
}

/** "script:<id>" → its parts. */
export function parseTarget(v: string): { kind: TargetKind; id: string } | null {
  const i = v.indexOf(':');
  const kind = v.slice(0, i);
  if (i < 0 || (kind !== 'script' && kind !== 'macro')) return null;
  return { kind, id: v.slice(i + 1) };
}

// ---------------------------------------------------------------- the viewer

/**
 * The position slider: `width` cells, the part before the step drawn thick, a knob at the step,
 * thin after it.
 */
export function sliderBar(step: number, steps: number, width: number): { done: string; knob: string; rest: string } {
  const w = Math.max(width, 3);
  const at = steps <= 1 ? 0 : Math.round((step / (steps - 1)) * (w - 1));
  return { done: '━'.repeat(at), knob: '●', rest: '─'.repeat(w - 1 - at) };
}

/**
 * A typed step: "120" (1-based, as shown), "50%", or "+10" / "-10" relative to `current`.
 * Returns the 0-based step, or a sentence saying what is wrong.
 */
export function parseStepInput(text: string, steps: number, current: number): { step: number } | { error: string } {
  const s = text.trim().replace(/[,_ ]/g, '');
  const range = `1 to ${count(steps)}`;
  if (s === '') return { error: `Type a step from ${range}.` };
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(s);
  if (pct) {
    const p = Number(pct[1]);
    if (p > 100) return { error: 'A percentage goes up to 100%.' };
    return { step: Math.min(steps - 1, Math.max(0, Math.round((p / 100) * (steps - 1)))) };
  }
  const rel = /^([+-])(\d+)$/.exec(s);
  if (rel) {
    const n = Number(rel[2]) * (rel[1] === '-' ? -1 : 1);
    return { step: Math.min(steps - 1, Math.max(0, current + n)) };
  }
  if (!/^\d+$/.test(s)) return { error: `"${text.trim()}" is not a step number.` };
  const n = Number(s);
  if (n < 1 || n > steps) return { error: `There is no step ${count(n)} (${range}).` };
  return { step: n - 1 };
}

/**
 * The last `n` display lines of `text` wrapped to `width`, without wrapping all of it (the output
 * of a long recording may be megabytes).
 */
export function tailLines(text: string, n: number, width: number): string[] {
  if (text === '' || n <= 0) return [];
  const maxChars = Math.max(n * Math.max(width, 1) * 4, 4096);
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  // the start of the n-th last line (or of enough characters to fill n lines)
  let start = end;
  let pos = end;
  for (let k = 0; k < n && pos > 0 && end - start <= maxChars; k++) {
    const i = text.lastIndexOf('\n', pos - 1);
    start = i + 1;
    if (i < 0) break;
    pos = i;
  }
  const piece = text.slice(Math.max(start, end - maxChars));
  const lines = wrapText(piece, Math.max(width, 1));
  return lines.slice(Math.max(lines.length - n, 0));
}

/** Parts joined with " · " as far as they fit in `width` cells (the first one cut to fit). */
export function joinFitting(parts: string[], width: number, sep = ' · '): string {
  let out = '';
  for (const p of parts) {
    if (p === '') continue;
    const next = out === '' ? p : out + sep + p;
    if (cellWidth(next) > width) return out === '' ? truncate(p, width) : out;
    out = next;
  }
  return out;
}
