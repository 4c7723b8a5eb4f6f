// Working time: the hours of each weekday that count ("active"), minus closed dates, as
// WeekSchedule and YearSchedule use them to add a span of working time to a moment and to measure
// the working time between two moments (an escalation deadline, a time to answer). Days are the
// machine's local calendar days; a day's active hours are [start, stop) of its wall clock (a stop
// at or before the start makes the day inactive).
import { civilFromDays, daysFromCivil, localPartsOfUnix, unixOfLocal, weekDayOfDays } from './calendar.js';

/** One weekday's active hours, seconds after midnight. */
export interface DayHours {
  start: number;
  stop: number;
}

/** Closed dates: day and month, with a year or (null) every year. */
export interface ClosedDate {
  day: number;
  month: number;
  year: number | null;
}

/** Which hours count on a calendar day (day number since 1970-01-01); null: none. */
export type HoursOf = (days: number) => DayHours | null;

/** How far the walks below go before they give up (ten years of days). */
const MAX_DAYS = 3660;

/** Parses closed dates written "d/m" (every year) or "d/m/yyyy", separated by commas; other text is skipped. */
export function parseClosedDates(text: string): ClosedDate[] {
  const out: ClosedDate[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*(\d{1,2})\s*[/.]\s*(\d{1,2})\s*(?:[/.]\s*(\d{4})\s*)?$/.exec(part);
    if (m) out.push({ day: Number(m[1]), month: Number(m[2]), year: m[3] ? Number(m[3]) : null });
  }
  return out;
}

/** The hours of a week (index 0 = Monday) with closed dates, as HoursOf. */
export function weekHours(week: DayHours[], closed: ClosedDate[]): HoursOf {
  return (days) => {
    const h = week[weekDayOfDays(days)];
    if (!h || h.stop <= h.start) return null;
    if (closed.length) {
      const c = civilFromDays(days);
      if (closed.some((x) => x.day === c.day && x.month === c.month && (x.year === null || x.year === c.year))) return null;
    }
    return h;
  };
}

/** The active interval of a day in unix seconds. */
function interval(days: number, h: DayHours): [number, number] {
  const c = civilFromDays(days);
  return [unixOfLocal(c.year, c.month, c.day, 0, 0, h.start), unixOfLocal(c.year, c.month, c.day, 0, 0, h.stop)];
}

function dayOf(unix: number): number {
  const p = localPartsOfUnix(unix);
  return daysFromCivil(p.year, p.month, p.day);
}

/**
 * The moment `seconds` of working time after `from` (unix); `from` itself for 0 or less. Null when
 * no working time comes within ten years (a schedule with no active hours).
 */
export function addWorkingTime(hours: HoursOf, from: number, seconds: number): number | null {
  if (seconds <= 0) return from;
  let left = seconds;
  const first = dayOf(from);
  for (let d = first; d < first + MAX_DAYS; d++) {
    const h = hours(d);
    if (!h) continue;
    const [a, b] = interval(d, h);
    const lo = Math.max(a, from);
    if (lo >= b) continue;
    if (left <= b - lo) return lo + left;
    left -= b - lo;
  }
  return null;
}

/** The working time between two moments (unix), in seconds; negative when `to` comes before `from`. */
export function workingTimeBetween(hours: HoursOf, from: number, to: number): number {
  if (to < from) return -workingTimeBetween(hours, to, from);
  let total = 0;
  const last = dayOf(to);
  for (let d = dayOf(from); d <= last; d++) {
    const h = hours(d);
    if (!h) continue;
    const [a, b] = interval(d, h);
    const lo = Math.max(a, from);
    const hi = Math.min(b, to);
    if (hi > lo) total += hi - lo;
  }
  return total;
}
