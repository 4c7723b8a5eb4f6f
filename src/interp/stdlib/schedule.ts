// WeekSchedule and YearSchedule: the hours of each weekday that count as working time, and closed
// dates, to add working time to a moment and to measure it between two moments (time/work-hours.ts).
// A new WeekSchedule has no active hours (every day 00:00–00:00); loadFromPriority reads a ticket
// priority's hours (ticket_priority.mon_start … sun_stop, non_dates). A YearSchedule is made of week
// schedules, each used up to and including the day and month it is added with; a date after the
// last of them has no active hours.
import type { NativeClass } from './registry.js';
import { CrmError } from '../runtime/values.js';
import { CrmDateTime, CrmTime, CrmTimeSpan, dateTimeFromUnix, makeTime, timeSpanOfTotal } from './time/values.js';
import { civilFromDays } from './time/calendar.js';
import { addWorkingTime, parseClosedDates, weekHours, workingTimeBetween, type DayHours, type HoursOf } from './time/work-hours.js';
import { crm } from './crm/access.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export class CrmWeekSchedule {
  week: DayHours[] = DAYS.map(() => ({ start: 0, stop: 0 }));
  nonDates = '';

  hours(): HoursOf {
    return weekHours(this.week, parseClosedDates(this.nonDates));
  }

  copy(): CrmWeekSchedule {
    const c = new CrmWeekSchedule();
    c.week = this.week.map((h) => ({ ...h }));
    c.nonDates = this.nonDates;
    return c;
  }
}

export class CrmYearSchedule {
  parts: { hours: HoursOf; month: number; day: number }[] = [];

  hours(): HoursOf {
    return (days) => {
      const c = civilFromDays(days);
      const part = this.parts.find((p) => p.month > c.month || (p.month === c.month && p.day >= c.day));
      return part ? part.hours(days) : null;
    };
  }
}

const timeOf = (secs: number): CrmTime => makeTime(0, 0, secs);

/** The time part of a stored DateTime ('YYYY-MM-DD hh:mm:ss'), in seconds after midnight. */
function storedTime(v: unknown): number {
  const m = /(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(String(v ?? ''));
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0) : 0;
}

function add(what: string, hours: HoursOf, start: CrmDateTime, span: CrmTimeSpan): CrmDateTime {
  const at = addWorkingTime(hours, start.unix, span.total);
  if (at === null) throw new CrmError(`${what}.addTimeSpan: the schedule has no working time within ten years`);
  return dateTimeFromUnix(at);
}

const weekMethods: Record<string, (...a: never[]) => unknown> = {
  'addTimeSpan(DateTime,TimeSpan)': (self: CrmWeekSchedule, start: CrmDateTime, span: CrmTimeSpan) => add('WeekSchedule', self.hours(), start, span),
  'getDifference(DateTime,DateTime)': (self: CrmWeekSchedule, from: CrmDateTime, to: CrmDateTime) => timeSpanOfTotal(workingTimeBetween(self.hours(), from.unix, to.unix)),
  'getNonDates()': (self: CrmWeekSchedule) => self.nonDates,
  'setNonDates(String)': (self: CrmWeekSchedule, dates: string) => void (self.nonDates = String(dates)),
  'loadFromPriority(Integer)': (self: CrmWeekSchedule, id: number) => {
    const row = crm().get('ticket_priority', id);
    if (!row) throw new CrmError(`WeekSchedule.loadFromPriority: there is no priority with id ${id}`);
    const r = row as Record<string, unknown>;
    self.week = DAYS.map((d) => ({ start: storedTime(r[`${d.toLowerCase()}_start`]), stop: storedTime(r[`${d.toLowerCase()}_stop`]) }));
    self.nonDates = String(r.non_dates ?? '');
  },
};
DAYS.forEach((d, i) => {
  weekMethods[`get${d}Start()`] = (self: CrmWeekSchedule) => timeOf(self.week[i].start);
  weekMethods[`get${d}Stop()`] = (self: CrmWeekSchedule) => timeOf(self.week[i].stop);
  weekMethods[`set${d}Start(Time)`] = (self: CrmWeekSchedule, t: CrmTime) => void (self.week[i].start = t.secs);
  weekMethods[`set${d}Stop(Time)`] = (self: CrmWeekSchedule, t: CrmTime) => void (self.week[i].stop = t.secs);
});

export const WeekScheduleClass: NativeClass = {
  name: 'WeekSchedule',
  defaultValue: () => new CrmWeekSchedule(),
  ctors: { '()': () => new CrmWeekSchedule() },
  methods: weekMethods,
};

export const YearScheduleClass: NativeClass = {
  name: 'YearSchedule',
  defaultValue: () => new CrmYearSchedule(),
  ctors: { '()': () => new CrmYearSchedule() },
  methods: {
    // a copy: changing the week schedule afterwards does not change the year
    'addWS(WeekSchedule,Integer,Integer)': (self: CrmYearSchedule, ws: CrmWeekSchedule, monthStop: number, dayStop: number) => {
      if (self.parts.length >= 366) throw new CrmError('YearSchedule.addWS: a year holds at most 366 week schedules');
      self.parts.push({ hours: ws.copy().hours(), month: monthStop | 0, day: dayStop | 0 });
    },
    'addTimeSpan(DateTime,TimeSpan)': (self: CrmYearSchedule, start: CrmDateTime, span: CrmTimeSpan) => add('YearSchedule', self.hours(), start, span),
    'getDifference(DateTime,DateTime)': (self: CrmYearSchedule, from: CrmDateTime, to: CrmDateTime) => timeSpanOfTotal(workingTimeBetween(self.hours(), from.unix, to.unix)),
  },
};
