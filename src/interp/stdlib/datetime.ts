// CRMScript's Date, DateTime, Time and TimeSpan built-ins and the getCurrent* globals.
// All four are value types held as immutable objects (time/values.ts); members that change the
// receiver are updaters returning the new value. Calendar math is in time/calendar.ts, text
// input in time/parse.ts and text output in time/format.ts.
import type { NativeClass, NativeGlobals } from './registry.js';
import { SECONDS_PER_DAY, daysFromCivil, daysInMonth, isoWeekOfDays, weekDayOfDays } from './time/calendar.js';
import { formatDate, formatDateTime, formatMode, formatTime, formatTimeSpan, formatWithCodes } from './time/format.js';
import { parseDate, parseDateTime, parseTime } from './time/parse.js';
import {
  CrmDate,
  CrmDateTime,
  CrmTime,
  CrmTimeSpan,
  SECONDS_PER_YEAR,
  ZERO_TIMESPAN,
  compareDate,
  compareDateTime,
  compareTime,
  compareTimeSpan,
  dateFromDays,
  dateTimeFromUnix,
  dateTimeNow,
  makeDate,
  makeDateTime,
  makeTime,
  timeNow,
  timeSpanOfTotal,
  today,
} from './time/values.js';

export * from './time/values.js';
export { formatDate, formatDateTime, formatTime, formatMode, formatWithCodes, formatTimeSpan } from './time/format.js';
export { parseDate, parseDateTime, parseTime } from './time/parse.js';

/** Results that are CRMScript Integers are 32-bit. */
const int = (n: number): number => n | 0;

// ---------------------------------------------------------------- Date

export const DateClass: NativeClass = {
  name: 'Date',
  ctors: {
    '()': () => today(),
    '(Date)': (d: CrmDate) => d,
    '(String)': (s: string) => parseDate(s),
  },
  methods: {
    'toString()': (d: CrmDate) => formatDate(d),
    'getMDay()': (d: CrmDate) => d.day,
    'getMonth()': (d: CrmDate) => d.month,
    'getYear()': (d: CrmDate) => d.year,
    'getWeek()': (d: CrmDate) => isoWeekOfDays(d.days).week,
    'getWeekDay()': (d: CrmDate) => weekDayOfDays(d.days),
    'isNull()': (d: CrmDate) => d.isNull,
  },
  updaters: {
    'addDay(Integer)': (d: CrmDate, n: number) => dateFromDays(d.days + n),
    // the day is kept and rolls over when the month is shorter (Jan 31 + 1 month = Mar 3 or 2)
    'addMonth(Integer)': (d: CrmDate, n: number) => makeDate(d.year, d.month + n, d.day),
    'addYear(Integer)': (d: CrmDate, n: number) => makeDate(d.year + n, d.month, d.day),
  },
  // a declared Date holds today's date
  defaultValue: () => today(),
  compare: compareDate,
};

// ---------------------------------------------------------------- Time

export const TimeClass: NativeClass = {
  name: 'Time',
  ctors: {
    '()': () => timeNow(),
    '(Time)': (t: CrmTime) => t,
    '(String)': (s: string) => parseTime(s),
  },
  methods: {
    'toString()': (t: CrmTime) => formatTime(t),
    'getHour()': (t: CrmTime) => t.hour,
    'getMin()': (t: CrmTime) => t.minute,
    'getSec()': (t: CrmTime) => t.second,
    'isNull()': (t: CrmTime) => t.isNull,
  },
  // values outside 0-23 / 0-59 wrap around the clock (mktime-like) instead of failing
  updaters: {
    'setHour(Integer)': (t: CrmTime, h: number) => makeTime(h, t.minute, t.second),
    'setMin(Integer)': (t: CrmTime, m: number) => makeTime(t.hour, m, t.second),
    'setSec(Integer)': (t: CrmTime, s: number) => makeTime(t.hour, t.minute, s),
  },
  // a declared Time holds the current time of day
  defaultValue: () => timeNow(),
  compare: compareTime,
};

// ---------------------------------------------------------------- DateTime

/** Same wall-clock time on another calendar day (like mktime with tm_mday changed). */
function withDate(dt: CrmDateTime, year: number, month: number, day: number): CrmDateTime {
  return makeDateTime(year, month, day, dt.hour, dt.minute, dt.second);
}

function addSeconds(dt: CrmDateTime, n: number): CrmDateTime {
  return dateTimeFromUnix(dt.unix + n);
}

function quarterStartMonth(month: number): number {
  return month - ((month - 1) % 3);
}

/** The moveTo… updaters: to the start or end of the day, hour, week, month, quarter or year. */
const MOVES = {
  'moveToDayStart()': (dt: CrmDateTime) => makeDateTime(dt.year, dt.month, dt.day, 0, 0, 0),
  'moveToDayEnd()': (dt: CrmDateTime) => makeDateTime(dt.year, dt.month, dt.day, 23, 59, 59),
  'moveToHourStart()': (dt: CrmDateTime) => makeDateTime(dt.year, dt.month, dt.day, dt.hour, 0, 0),
  'moveToHourEnd()': (dt: CrmDateTime) => makeDateTime(dt.year, dt.month, dt.day, dt.hour, 59, 59),
  'moveToWeekStart()': (dt: CrmDateTime) => {
    const wd = weekDayOfDays(daysFromCivil(dt.year, dt.month, dt.day));
    return makeDateTime(dt.year, dt.month, dt.day - wd, 0, 0, 0);
  },
  'moveToWeekEnd()': (dt: CrmDateTime) => {
    const wd = weekDayOfDays(daysFromCivil(dt.year, dt.month, dt.day));
    return makeDateTime(dt.year, dt.month, dt.day + (6 - wd), 23, 59, 59);
  },
  'moveToMonthStart()': (dt: CrmDateTime) => makeDateTime(dt.year, dt.month, 1, 0, 0, 0),
  'moveToMonthEnd()': (dt: CrmDateTime) =>
    makeDateTime(dt.year, dt.month, daysInMonth(dt.year, dt.month), 23, 59, 59),
  'moveToQuarterStart()': (dt: CrmDateTime) => makeDateTime(dt.year, quarterStartMonth(dt.month), 1, 0, 0, 0),
  'moveToQuarterEnd()': (dt: CrmDateTime) => {
    const m = quarterStartMonth(dt.month) + 2;
    return makeDateTime(dt.year, m, daysInMonth(dt.year, m), 23, 59, 59);
  },
  'moveToYearStart()': (dt: CrmDateTime) => makeDateTime(dt.year, 1, 1, 0, 0, 0),
  'moveToYearEnd()': (dt: CrmDateTime) => makeDateTime(dt.year, 12, 31, 23, 59, 59),
};

export const DateTimeClass: NativeClass = {
  name: 'DateTime',
  // not in the API reference, but SuperOffice's own published scripts call it (the date part, as getTime() is the time part)
  extraSignatures: ['Date getDate()'],
  ctors: {
    '()': () => dateTimeNow(),
    '(DateTime)': (dt: CrmDateTime) => dt,
    '(Integer,Integer,Integer,Integer,Integer,Integer)': (y: number, mo: number, d: number, h: number, mi: number, s: number) =>
      makeDateTime(y, mo, d, h, mi, s),
    '(String)': (s: string) => parseDateTime(s),
  },
  methods: {
    'toString()': (dt: CrmDateTime) => formatDateTime(dt),
    'toString(String)': (dt: CrmDateTime, format: string) => formatWithCodes(dt, format),
    'toString(String,String,String)': (dt: CrmDateTime, format: string, months: string, weekDays: string) =>
      formatWithCodes(dt, format, months, weekDays),
    'toString(Integer,Integer,Bool)': (dt: CrmDateTime, mode: number, language: number, h24: boolean) =>
      formatMode(dt, mode, language, h24),
    'getMDay()': (dt: CrmDateTime) => dt.day,
    'getMonth()': (dt: CrmDateTime) => dt.month,
    'getYear()': (dt: CrmDateTime) => dt.year,
    'getWeek()': (dt: CrmDateTime) => isoWeekOfDays(daysFromCivil(dt.year, dt.month, dt.day)).week,
    'getWeekDay()': (dt: CrmDateTime) => weekDayOfDays(daysFromCivil(dt.year, dt.month, dt.day)),
    'getTime()': (dt: CrmDateTime) => new CrmTime(dt.hour, dt.minute, dt.second, dt.isNull),
    'getDate()': (dt: CrmDateTime) => new CrmDate(dt.year, dt.month, dt.day, daysFromCivil(dt.year, dt.month, dt.day), dt.isNull),
    // receiver minus argument: positive when the receiver is later
    'diff(DateTime)': (dt: CrmDateTime, other: CrmDateTime) => int(dt.unix - other.unix),
    'getUnix()': (dt: CrmDateTime) => int(dt.unix),
    'isNull()': (dt: CrmDateTime) => dt.isNull,
  },
  updaters: {
    'addDay(Integer)': (dt: CrmDateTime, n: number) => withDate(dt, dt.year, dt.month, dt.day + n),
    'addMonth(Integer)': (dt: CrmDateTime, n: number) => withDate(dt, dt.year, dt.month + n, dt.day),
    'addYear(Integer)': (dt: CrmDateTime, n: number) => withDate(dt, dt.year + n, dt.month, dt.day),
    // hours, minutes and seconds are elapsed time (they move the underlying stamp)
    'addHour(Integer)': (dt: CrmDateTime, n: number) => addSeconds(dt, n * 3600),
    'addMin(Integer)': (dt: CrmDateTime, n: number) => addSeconds(dt, n * 60),
    'addSec(Integer)': (dt: CrmDateTime, n: number) => addSeconds(dt, n),
    'setTime(Time)': (dt: CrmDateTime, t: CrmTime) => makeDateTime(dt.year, dt.month, dt.day, t.hour, t.minute, t.second),
    'setUnix(Integer)': (_dt: CrmDateTime, n: number) => dateTimeFromUnix(n),
    ...MOVES,
  },
  // the reference: each move "returns a reference to itself", so a call on its result changes the same DateTime
  returnsItself: Object.keys(MOVES),
  // a declared DateTime holds the current date and time
  defaultValue: () => dateTimeNow(),
  compare: compareDateTime,
};

// ---------------------------------------------------------------- TimeSpan

const addSpan = (ts: CrmTimeSpan, seconds: number) => timeSpanOfTotal(ts.total + seconds);

export const TimeSpanClass: NativeClass = {
  name: 'TimeSpan',
  // the catalog lists getSec() as Void; it returns the seconds part
  extraSignatures: ['Integer getSec()'],
  ctors: {
    '()': () => ZERO_TIMESPAN,
  },
  methods: {
    // the fields are the parts of the span's length (always >= 0; see isNegative for the sign)
    'getYear()': (ts: CrmTimeSpan) => int(Math.floor(ts.secs / SECONDS_PER_YEAR)),
    'getDay()': (ts: CrmTimeSpan) => Math.floor((ts.secs % SECONDS_PER_YEAR) / SECONDS_PER_DAY),
    'getHour()': (ts: CrmTimeSpan) => Math.floor((ts.secs % SECONDS_PER_DAY) / 3600),
    'getMin()': (ts: CrmTimeSpan) => Math.floor((ts.secs % 3600) / 60),
    'getSec()': (ts: CrmTimeSpan) => ts.secs % 60,
    'isNegative()': (ts: CrmTimeSpan) => ts.negative,
    // the to* totals carry the sign and drop any smaller remainder
    'toDays()': (ts: CrmTimeSpan) => int(Math.trunc(ts.total / SECONDS_PER_DAY)),
    'toHours()': (ts: CrmTimeSpan) => int(Math.trunc(ts.total / 3600)),
    'toMinutes()': (ts: CrmTimeSpan) => int(Math.trunc(ts.total / 60)),
    'toSeconds()': (ts: CrmTimeSpan) => int(ts.total),
    'toString(Integer,Integer,Integer,Bool)': (ts: CrmTimeSpan, mode: number, lang: number, maxMode: number, short: boolean) =>
      formatTimeSpan(ts, mode, lang, maxMode, short),
  },
  updaters: {
    'addYear(Integer)': (ts: CrmTimeSpan, n: number) => addSpan(ts, n * SECONDS_PER_YEAR),
    'addDay(Integer)': (ts: CrmTimeSpan, n: number) => addSpan(ts, n * SECONDS_PER_DAY),
    'addHour(Integer)': (ts: CrmTimeSpan, n: number) => addSpan(ts, n * 3600),
    'addMin(Integer)': (ts: CrmTimeSpan, n: number) => addSpan(ts, n * 60),
    'addSec(Integer)': (ts: CrmTimeSpan, n: number) => addSpan(ts, n),
    'set(Integer,Integer,Integer,Integer,Integer)': (_ts: CrmTimeSpan, y: number, d: number, h: number, mi: number, s: number) =>
      timeSpanOfTotal(y * SECONDS_PER_YEAR + d * SECONDS_PER_DAY + h * 3600 + mi * 60 + s),
    'setNegative(Bool)': (ts: CrmTimeSpan, negative: boolean) => new CrmTimeSpan(ts.secs, negative),
  },
  defaultValue: () => ZERO_TIMESPAN,
  compare: compareTimeSpan,
};

// ---------------------------------------------------------------- globals

export const timeGlobals: NativeGlobals = {
  'getCurrentDate()': () => today(),
  'getCurrentDateTime()': () => dateTimeNow(),
  'getCurrentTime()': () => timeNow(),
};
