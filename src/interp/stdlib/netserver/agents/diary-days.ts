// NSAppointmentAgent's day summaries of a diary: GetActivityInformationListByDatesAndAssociate and
// GetDayInformationListByDatesAndAssociate give one item per day of the interval (times ignored),
// counted from the appointments of the associate's diary (0: the run's user). An appointment or task
// counts on every day it spans (do_by to endDate); private ones count too. Documents, notes and the
// bookings the associate declined or that were cancelled do not count. Its freeBusy column tells a
// free activity (1) from a busy one (0). PercentageBusy is the share of the work day covered by the
// busy appointments of the diary (overlaps counted once, an all-day event covers all of it); the
// sandbox keeps no working hours, so its work day is 08:00 to 16:00. The day information adds the
// red-letter summary of red-letter.ts.
import { makeDateTime, type CrmDateTime } from '../../time/values.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { make, type Methods } from './define.js';
import { redLetterList } from './red-letter.js';
import type { NSObject } from '../object.js';

const AGENT = 'NSAppointmentAgent';
/** The longest interval one call answers (as red-letter.ts: ten years of days). */
const MAX_DAYS = 3660;
/** The sandbox's work day, in minutes after midnight. */
const WORK_DAY = { start: 8 * 60, end: 16 * 60 };
/** AppointmentType: in the diary, in the task list, and the bookings waiting for an answer of each. */
const DIARY_TYPES = [1, 2, 6, 7];
/** Types that take time in the diary (tasks only count). */
const TIMED_TYPES = [1, 6];
/** AppointmentStatus: declined booking, deleted booking, declined assignment. */
const NOT_COUNTED = [9, 10, 13];
const FREE = 1;
const MINUTES_PER_DAY = 24 * 60;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const dayText = (d: CrmDateTime): string => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

/** Minutes since 1970 of a stored 'YYYY-MM-DD hh:mm:ss' (null when empty). */
function minutesOf(v: unknown): number | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d))?/.exec(String(v ?? ''));
  if (!m || m[1] === '0000') return null;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0)) / 60_000;
}

interface Span {
  start: number;
  end: number;
  free: boolean;
  timed: boolean;
  allDay: boolean;
}

/** The diary's activities touching [from, to) (minutes), as spans. */
function spans(associateId: number, from: number, to: number): Span[] {
  const text = (m: number): string => new Date(m * 60_000).toISOString().slice(0, 19).replace('T', ' ');
  const rows = db().select('appointment', {
    where: [
      { column: 'associate_id', op: '=', value: associateId },
      { column: 'type', op: 'in', value: DIARY_TYPES },
      { column: 'do_by', op: '<', value: text(to) },
    ],
    orderBy: [{ column: 'do_by' }, { column: 'appointment_id' }],
  });
  const out: Span[] = [];
  for (const r of rows) {
    if (NOT_COUNTED.includes(Number(col(r, 'status') ?? 0)) || Number(col(r, 'document_id') ?? 0)) continue;
    const start = minutesOf(col(r, 'do_by'));
    if (start === null) continue;
    const end = Math.max(start, minutesOf(col(r, 'endDate')) ?? start);
    // an appointment ending at midnight does not reach into the next day; one without length sits at its start
    if (end <= from && !(end === start && start >= from)) continue;
    out.push({ start, end, free: Number(col(r, 'freeBusy') ?? 0) === FREE, timed: TIMED_TYPES.includes(Number(col(r, 'type') ?? 0)), allDay: Number(col(r, 'alldayEvent') ?? 0) === 1 });
  }
  return out;
}

/** Whether a span counts on the day starting at minute `day`. */
const onDay = (s: Span, day: number): boolean => s.start < day + MINUTES_PER_DAY && (s.end > day || (s.end === s.start && s.start >= day));

/** The share (0-100) of the work day of day `day` that busy timed spans cover. */
function percentageBusy(list: Span[], day: number): number {
  const [ws, we] = [day + WORK_DAY.start, day + WORK_DAY.end];
  const parts = list
    .filter((s) => !s.free && s.timed)
    .map((s): [number, number] => (s.allDay ? [ws, we] : [Math.max(s.start, ws), Math.min(s.end, we)]))
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let upTo = ws;
  for (const [a, b] of parts) {
    if (b <= upTo) continue;
    covered += b - Math.max(a, upTo);
    upTo = b;
  }
  return Math.round((covered * 100) / (we - ws));
}

function summary(list: Span[], day: number): NSObject {
  const today = list.filter((s) => onDay(s, day));
  return make('NSActivitySummary', {
    NumBusyActivities: today.filter((s) => !s.free).length,
    NumFreeActivities: today.filter((s) => s.free).length,
    PercentageBusy: percentageBusy(today, day),
  });
}

interface Day {
  date: CrmDateTime;
  activities: NSObject;
}

/** The activity summary of each day of the interval. */
function days(method: string, start: CrmDateTime, end: CrmDateTime, associateId: number): Day[] {
  const where = `${AGENT}.${method}`;
  if (start.isNull || end.isNull) throw fail(where, 'the interval needs both a start and an end date');
  const who = associateId || db().actor().associateId;
  if (!db().get('associate', who)) throw fail(where, `there is no associate ${who}`);
  const first = Date.UTC(start.year, start.month - 1, start.day) / 60_000;
  const count = Math.round((Date.UTC(end.year, end.month - 1, end.day) / 60_000 - first) / MINUTES_PER_DAY) + 1;
  if (count > MAX_DAYS) throw fail(where, `the interval has ${count} days; the sandbox answers at most ${MAX_DAYS} at a time`);
  if (count <= 0) return [];
  const list = spans(who, first, first + count * MINUTES_PER_DAY);
  return Array.from({ length: count }, (_, i) => ({
    date: makeDateTime(start.year, start.month, start.day + i, 0, 0, 0),
    activities: summary(list, first + i * MINUTES_PER_DAY),
  }));
}

type D = CrmDateTime;

export const diaryDays: Methods = {
  'GetActivityInformationListByDatesAndAssociate(DateTime,DateTime,Integer)': (_a: unknown, start: D, end: D, associateId: number) =>
    days('GetActivityInformationListByDatesAndAssociate', start, end, associateId).map((d) => make('NSActivityInformationListItem', { Date: d.date, ActivityInformation: d.activities })),
  'GetDayInformationListByDatesAndAssociate(DateTime,DateTime,Integer)': (_a: unknown, start: D, end: D, associateId: number) => {
    const method = 'GetDayInformationListByDatesAndAssociate';
    const list = days(method, start, end, associateId);
    const red = new Map(
      (redLetterList(start, end, associateId, `${AGENT}.${method}`) as NSObject[]).map((o) => [dayText(o.f.Date as CrmDateTime), o.f.RedLetterInformation]),
    );
    return list.map((d) => make('NSDayInformationListItem', { Date: d.date, ActivityInformation: d.activities, RedLetterInformation: red.get(dayText(d.date)) }));
  },
};
