/**
 * When a scheduled task runs next, and how its frequency reads to a person.
 *
 * Everything here is pure: the current time is always passed in, so tests
 * drive it with a fixed clock. Times of day are wall-clock times in the given
 * time zone (default: the machine's local zone).
 *
 * - never / after (a chain): no time of their own; `after` runs are set by the
 *   scheduler when the predecessor completes.
 * - minutes: every N minutes, counted from when the task was saved, then
 *   from the previous scheduled time (no drift, missed slots are skipped).
 * - hourly / weekly / monthly: cron patterns evaluated with croner.
 * - once: at its date-time (also when that is already past and it has not run).
 */
import { Cron } from 'croner';
import type { Frequency, Task } from '../store/schema.js';

export interface ScheduleOptions {
  /** IANA zone name, e.g. "Europe/Oslo"; default the local zone. */
  timezone?: string;
}

const MINUTE = 60_000;

/** Kinds that have times of their own (the scheduler computes nextRun for them). */
export function isTimed(freq: Frequency): boolean {
  return freq.kind === 'minutes' || freq.kind === 'hourly' || freq.kind === 'weekly' || freq.kind === 'monthly' || freq.kind === 'once';
}

function hm(time: string): [number, number] {
  const [h, m] = time.split(':').map(Number);
  return [h!, m!];
}

/**
 * The cron patterns of a frequency (minute hour day-of-month month day-of-week).
 * Monthly frequencies give one pattern per day of month: croner 9 skips a
 * valid day when a listed day does not exist in the current month (e.g.
 * "1,15,31" after Feb 15 jumps to Mar 15), single-day patterns are right.
 */
export function cronPatterns(freq: Frequency): string[] {
  switch (freq.kind) {
    case 'hourly':
      return [`${freq.minute} * * * *`];
    case 'weekly': {
      if (freq.days.length === 0) return [];
      const [h, m] = hm(freq.time);
      return [`${m} ${h} * * ${uniqueSorted(freq.days).join(',')}`];
    }
    case 'monthly': {
      if (freq.days.length === 0) return [];
      const [h, m] = hm(freq.time);
      const months = freq.months.length === 0 || freq.months.length === 12 ? '*' : uniqueSorted(freq.months).join(',');
      return uniqueSorted(freq.days).map((day) => `${m} ${h} ${day} ${months} *`);
    }
    default:
      return [];
  }
}

function uniqueSorted(list: number[]): number[] {
  return [...new Set(list)].sort((a, b) => a - b);
}

function cronNext(patterns: string[], after: Date, opts: ScheduleOptions): Date | null {
  let best: Date | null = null;
  for (const p of patterns) {
    const next = new Cron(p, { paused: true, timezone: opts.timezone }).nextRun(after);
    if (next && (best === null || next.getTime() < best.getTime())) best = next;
  }
  return best;
}

/** `d` rounded up to a whole minute. */
function ceilMinute(ms: number): number {
  return Math.ceil(ms / MINUTE) * MINUTE;
}

/**
 * The first run of a frequency when a task is created, edited or enabled at
 * `now`; null when it has no time of its own (never, after) or cannot run
 * (e.g. a weekly task without weekdays).
 */
export function firstRun(freq: Frequency, now: Date, opts: ScheduleOptions = {}): Date | null {
  switch (freq.kind) {
    case 'never':
    case 'after':
      return null;
    case 'minutes':
      return new Date(ceilMinute(now.getTime() + freq.every * MINUTE));
    case 'once':
      return new Date(freq.at);
    default:
      return cronNext(cronPatterns(freq), now, opts);
  }
}

/**
 * The run after the one scheduled at `scheduled`, as the scheduler moves on
 * at `now` (>= scheduled). Slots missed while no daemon ran are not made up
 * one by one: the result is always after `now`.
 */
export function followingRun(freq: Frequency, scheduled: Date, now: Date, opts: ScheduleOptions = {}): Date | null {
  switch (freq.kind) {
    case 'minutes': {
      const step = freq.every * MINUTE;
      const base = scheduled.getTime();
      const k = Math.max(1, Math.floor((now.getTime() - base) / step) + 1);
      return new Date(base + k * step);
    }
    case 'hourly':
    case 'weekly':
    case 'monthly':
      return cronNext(cronPatterns(freq), new Date(Math.max(now.getTime(), scheduled.getTime())), opts);
    default:
      return null; // never, once, after: nothing follows on its own
  }
}

/**
 * The scheduled times after `scheduled` up to `now` that a run at `now` leaves out (followingRun
 * moves past them): how many, the first and the last. Counting stops at `cap`.
 */
export function missedRuns(freq: Frequency, scheduled: Date, now: Date, opts: ScheduleOptions = {}, cap = 10_000): { count: number; first: Date; last: Date } | null {
  if (freq.kind === 'minutes') {
    const step = freq.every * MINUTE;
    const base = scheduled.getTime();
    const count = Math.floor((now.getTime() - base) / step);
    return count > 0 ? { count, first: new Date(base + step), last: new Date(base + count * step) } : null;
  }
  if (freq.kind !== 'hourly' && freq.kind !== 'weekly' && freq.kind !== 'monthly') return null;
  let count = 0;
  let first: Date | null = null;
  let last: Date | null = null;
  let at: Date | null = scheduled;
  while (count < cap && (at = cronNext(cronPatterns(freq), at, opts)) && at.getTime() <= now.getTime()) {
    first ??= at;
    last = at;
    count++;
  }
  return count > 0 ? { count, first: first!, last: last! } : null;
}

/**
 * The next run to show for a task (list, CLI) even when no daemon keeps
 * `nextRun` up to date: the stored time when there is one, else what the
 * daemon would compute. Null when the task will not run by itself.
 */
export function displayNextRun(task: Task, now: Date, opts: ScheduleOptions = {}): Date | null {
  if (task.startNow) return now;
  if (!task.enabled) return null;
  if (task.nextRun) return new Date(task.nextRun);
  if (task.frequency.kind === 'once' && task.lastRun && Date.parse(task.lastRun) >= Date.parse(task.frequency.at)) return null;
  return firstRun(task.frequency, now, opts);
}

/** A reason the frequency can never run as the user meant, or null when it is fine. */
export function frequencyProblem(freq: Frequency): string | null {
  if (freq.kind === 'weekly' && freq.days.length === 0) return 'Choose at least one weekday for a week interval.';
  if (freq.kind === 'monthly' && freq.days.length === 0) return 'Choose at least one day of the month for a month interval.';
  if (freq.kind === 'monthly') {
    const maxDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const months = freq.months.length === 0 ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] : freq.months;
    const possible = freq.days.some((d) => months.some((m) => d <= maxDays[m - 1]!));
    if (!possible) return 'None of the chosen days exists in the chosen months.';
  }
  return null;
}

// ---------------------------------------------------------------- readable text

const DAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Consecutive runs of three or more become "a–b"; [1,2,3,5] → ["1–3", "5"]. */
function ranges(values: number[], label: (n: number) => string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < values.length) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    if (j - i >= 2) out.push(`${label(values[i]!)}–${label(values[j]!)}`);
    else for (let k = i; k <= j; k++) out.push(label(values[k]!));
    i = j + 1;
  }
  return out;
}

function joinAnd(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Weekdays Monday first (0 = Sunday sorts last). */
function weekdayOrder(days: number[]): number[] {
  return uniqueSorted(days.map((d) => (d === 0 ? 7 : d)));
}

export function describeWeekdays(days: number[]): string {
  const order = weekdayOrder(days);
  if (order.length === 7) return 'every day';
  return ranges(order, (d) => DAY_SHORT[d % 7]!).join(', ');
}

export function describeMonths(months: number[]): string {
  const list = uniqueSorted(months);
  if (list.length === 0 || list.length === 12) return 'every month';
  return ranges(list, (m) => MONTH_SHORT[m - 1]!).join(', ');
}

/** Local "YYYY-MM-DD HH:MM" of an instant (in `timezone` when given). */
export function formatDateTime(d: Date, opts: ScheduleOptions = {}): string {
  if (opts.timezone) {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: opts.timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(d);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
  }
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * How a frequency reads in the list: "every 15 min", "Mon, Wed at 08:00",
 * "day 1 and 15 of Jan–Jun at 06:30". `taskName` names the predecessor of a chain.
 */
export function describeFrequency(freq: Frequency, opts: ScheduleOptions & { taskName?: (id: string) => string | undefined } = {}): string {
  switch (freq.kind) {
    case 'never':
      return 'never';
    case 'minutes':
      return freq.every === 1 ? 'every minute' : `every ${freq.every} min`;
    case 'hourly':
      return `hourly at :${String(freq.minute).padStart(2, '0')}`;
    case 'weekly':
      if (freq.days.length === 0) return `no weekday chosen (at ${freq.time})`;
      return `${describeWeekdays(freq.days)} at ${freq.time}`;
    case 'monthly': {
      if (freq.days.length === 0) return `no day chosen (at ${freq.time})`;
      const days = ranges(uniqueSorted(freq.days), String);
      return `day ${joinAnd(days)} of ${describeMonths(freq.months)} at ${freq.time}`;
    }
    case 'once':
      return `once at ${formatDateTime(new Date(freq.at), opts)}`;
    case 'after': {
      const name = opts.taskName?.(freq.taskId);
      return name === undefined ? 'after a missing task' : `after "${name}"`;
    }
  }
}

// ---------------------------------------------------------------- parsing what people type

/** "8:05" or "08:05" → "08:05". */
export function parseTimeOfDay(text: string): string {
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    throw new Error(`"${text}" is not a time of day; write it as HH:MM, e.g. 08:00.`);
  }
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

/** Expand "a-b" items of a comma list; `value` turns one item into a number or throws. */
function parseList(text: string, what: string, value: (item: string) => number, min: number, max: number): number[] {
  const out = new Set<number>();
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new Error(`Give at least one ${what}.`);
  for (const item of items) {
    const range = /^(.+?)\s*[-–]\s*(.+)$/.exec(item);
    const [a, b] = range ? [value(range[1]!), value(range[2]!)] : [value(item), value(item)];
    for (const n of [a, b]) {
      if (!Number.isInteger(n) || n < min || n > max) throw new Error(`"${item}" is not a valid ${what}.`);
    }
    if (b < a) throw new Error(`The range "${item}" runs backwards.`);
    for (let n = a; n <= b; n++) out.add(n);
  }
  return [...out].sort((x, y) => x - y);
}

function nameOrNumber(names: string[], offset: number): (item: string) => number {
  return (item) => {
    const s = item.trim().toLowerCase();
    if (/^\d+$/.test(s)) return Number(s);
    const i = names.findIndex((n) => s.length >= 3 && n.toLowerCase().startsWith(s));
    return i < 0 ? NaN : i + offset;
  };
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "mon,wed", "mon-fri", "0,6" (0 = Sunday; 7 also means Sunday) → weekday numbers, 0 = Sunday. */
export function parseWeekdays(text: string): number[] {
  const days = parseList(text, 'weekday (mon, tue, ... or 0-6 with 0 = Sunday)', nameOrNumber(DAY_NAMES, 0), 0, 7);
  return uniqueSorted(days.map((d) => d % 7));
}

/** "1,15" or "1-5,20" → days of the month. */
export function parseMonthDays(text: string): number[] {
  return parseList(text, 'day of the month (1-31)', (s) => (/^\d+$/.test(s.trim()) ? Number(s) : NaN), 1, 31);
}

/** "1-6", "jan-jun", "jan,mar" → month numbers 1-12. */
export function parseMonths(text: string): number[] {
  return parseList(text, 'month (1-12 or jan-dec)', nameOrNumber(MONTH_NAMES, 1), 1, 12);
}

/** "YYYY-MM-DD HH:MM" in the local zone (or an ISO date-time with offset) → ISO string. */
export function parseLocalDateTime(text: string): string {
  const t = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m) {
    const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
    const date = new Date(y!, mo! - 1, d!, h!, mi!, s!);
    if (date.getFullYear() !== y || date.getMonth() !== mo! - 1 || date.getDate() !== d || h! > 23 || mi! > 59) {
      throw new Error(`"${text}" is not a valid date and time.`);
    }
    return date.toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(t) && !Number.isNaN(Date.parse(t))) return new Date(t).toISOString();
  throw new Error(`"${text}" is not a date and time; write it as YYYY-MM-DD HH:MM, e.g. 2030-01-31 08:00.`);
}

/** Whether a stored nextRun fits the frequency (an editor that recomputes leaves one that does). */
export function plausibleNextRun(freq: Frequency, nextRun: string, now: Date, opts: ScheduleOptions): boolean {
  const at = Date.parse(nextRun);
  switch (freq.kind) {
    case 'never':
      return false;
    case 'after':
      return at <= now.getTime(); // set by a completed predecessor
    case 'once':
      return at === Date.parse(freq.at);
    case 'minutes':
      return at - now.getTime() <= (freq.every + 1) * 60_000;
    default: {
      // a cron time: the pattern's first time after (nextRun - 1 s) is nextRun itself
      const probe = new Date(at - 1000);
      return cronPatterns(freq).some((p) => new Cron(p, { paused: true, timezone: opts.timezone }).nextRun(probe)?.getTime() === at);
    }
  }
}
