// The date side of find and archive restrictions: the periods an operator without values names
// ("registered thisWeek", "updated lastMonth", "do_by today"), and a date value as the whole day
// it names ("registered after '2014.3.4'" is from the 5th on; "dateBetween ('2014.11.29',
// '2014.12.25')" takes in the 25th). Weeks start on Monday (ISO 8601, as SuperOffice's Nordic
// calendars do); halves are January–June and July–December. Times are the CRM's own clock's
// (db().now()), in the form it stores DateTime columns: 'YYYY-MM-DD hh:mm:ss'.

/** A range of times: from `from` (inclusive) until `until` (exclusive); an end left out is open. */
export interface TimeRange {
  from?: string;
  until?: string;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Midnight of a day (month 0-based, overflow rolls over) as a stored DateTime. */
function midnight(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(year, month, day));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} 00:00:00`;
}

/** A period of `months` months that starts in a month divisible by `months`, `shift` periods from now's. */
function monthsPeriod(year: number, month: number, months: number, shift: number): TimeRange {
  const first = Math.floor(month / months) * months + shift * months;
  return { from: midnight(year, first, 1), until: midnight(year, first + months, 1) };
}

const SHIFTS: Record<string, number> = { last: -1, this: 0, next: 1 };
const UNITS: Record<string, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** The lower-cased names of the periods (operators that take no value). */
export const PERIODS = new Set(['today', 'beforetoday', 'aftertoday', ...['last', 'this', 'next'].flatMap((s) => ['week', ...Object.keys(UNITS)].map((u) => s + u))]);

/** The range of the period `op` (lower-cased, one of PERIODS) around `now` ('YYYY-MM-DD hh:mm:ss'). */
export function periodRange(op: string, now: string): TimeRange {
  const [y, m, d] = now.slice(0, 10).split('-').map(Number);
  const month = m - 1;
  if (op === 'today') return { from: midnight(y, month, d), until: midnight(y, month, d + 1) };
  if (op === 'beforetoday') return { until: midnight(y, month, d) };
  if (op === 'aftertoday') return { from: midnight(y, month, d + 1) };
  const [, when, unit] = /^(last|this|next)(\w+)$/.exec(op)!;
  const shift = SHIFTS[when];
  if (unit === 'week') {
    const monday = d - ((new Date(Date.UTC(y, month, d)).getUTCDay() + 6) % 7) + 7 * shift;
    return { from: midnight(y, month, monday), until: midnight(y, month, monday + 7) };
  }
  return monthsPeriod(y, month, UNITS[unit], shift);
}

const DATE_ONLY = /^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})$/;

/** The day a date value without a time names, or null when the value has a time or is no date. */
export function dayOf(value: string): TimeRange | null {
  const m = DATE_ONLY.exec(value.trim());
  if (!m) return null;
  return { from: midnight(+m[1], +m[2] - 1, +m[3]), until: midnight(+m[1], +m[2] - 1, +m[3] + 1) };
}
