// The immutable JS values behind CRMScript's Date, Time, DateTime and TimeSpan.
// Updaters never modify an instance; they build a new one (see registry.ts).
import {
  SECONDS_PER_DAY,
  civilFromDays,
  daysFromCivil,
  floorDiv,
  localPartsOfUnix,
  mod,
  unixOfLocal,
} from './calendar.js';

/** A calendar day. `days` is the day number since 1970-01-01 (used for ordering). */
export class CrmDate {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly days: number,
    readonly isNull: boolean,
  ) {}
}

/** A time of day. `secs` is the number of seconds since midnight. */
export class CrmTime {
  constructor(
    readonly hour: number,
    readonly minute: number,
    readonly second: number,
    readonly isNull: boolean,
  ) {}
  get secs(): number {
    return this.hour * 3600 + this.minute * 60 + this.second;
  }
}

/**
 * A point in time: `unix` seconds plus its wall-clock fields in the machine's local time zone
 * (like the real server, which stores a time_t and reads it through localtime()).
 */
export class CrmDateTime {
  constructor(
    readonly unix: number,
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly hour: number,
    readonly minute: number,
    readonly second: number,
    readonly isNull: boolean,
  ) {}
}

/**
 * A duration: `total` seconds (negative for a negative span). A year counts as 365 days.
 * `negative` is kept separately because setNegative() can mark a span negative on its own.
 */
export class CrmTimeSpan {
  constructor(
    /** magnitude in seconds, >= 0 */
    readonly secs: number,
    readonly negative: boolean,
  ) {}
  /** Signed length in seconds. */
  get total(): number {
    return this.negative ? -this.secs : this.secs;
  }
}

// ---- Date ----

/** Builds a Date; month and day roll over like mktime (Feb 30 becomes Mar 1 or 2). */
export function makeDate(year: number, month: number, day: number): CrmDate {
  const days = daysFromCivil(year, month, day);
  return dateFromDays(days);
}

export function dateFromDays(days: number): CrmDate {
  const c = civilFromDays(days);
  return new CrmDate(c.year, c.month, c.day, days, false);
}

/** The Date with no value: holds 1970-01-01. */
export const NULL_DATE = new CrmDate(1970, 1, 1, 0, true);

export function today(): CrmDate {
  const now = new Date();
  return makeDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

// ---- Time ----

/** Builds a Time; fields out of range wrap around the clock (25:00:00 is 01:00:00). */
export function makeTime(hour: number, minute: number, second: number): CrmTime {
  const s = mod(hour * 3600 + minute * 60 + second, SECONDS_PER_DAY);
  return new CrmTime(floorDiv(s, 3600), floorDiv(s, 60) % 60, s % 60, false);
}

/** The Time with no value: holds 00:00:00. */
export const NULL_TIME = new CrmTime(0, 0, 0, true);

export function timeNow(): CrmTime {
  const now = new Date();
  return new CrmTime(now.getHours(), now.getMinutes(), now.getSeconds(), false);
}

// ---- DateTime ----

export function dateTimeFromUnix(unix: number): CrmDateTime {
  const p = localPartsOfUnix(unix);
  return new CrmDateTime(unix, p.year, p.month, p.day, p.hour, p.minute, p.second, false);
}

/** Builds a DateTime from local wall-clock fields; out-of-range fields roll over like mktime. */
export function makeDateTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): CrmDateTime {
  return dateTimeFromUnix(unixOfLocal(year, month, day, hour, minute, second));
}

export function dateTimeNow(): CrmDateTime {
  return dateTimeFromUnix(Math.floor(Date.now() / 1000));
}

/**
 * The DateTime with no value. The product documents it as stamp 0 (1970-01-01 00:00:00), so
 * getUnix() gives 0; its fields are that instant in local time. Built on demand because they
 * depend on the time zone.
 */
export function nullDateTime(): CrmDateTime {
  const p = localPartsOfUnix(0);
  return new CrmDateTime(0, p.year, p.month, p.day, p.hour, p.minute, p.second, true);
}

// ---- TimeSpan ----

export const SECONDS_PER_YEAR = 365 * SECONDS_PER_DAY;

export function timeSpanOfTotal(total: number): CrmTimeSpan {
  return new CrmTimeSpan(Math.abs(total), total < 0);
}

export const ZERO_TIMESPAN = new CrmTimeSpan(0, false);

// ---- ordering ----

export function compareDate(a: CrmDate, b: CrmDate): number {
  return a.days - b.days;
}
export function compareTime(a: CrmTime, b: CrmTime): number {
  return a.secs - b.secs;
}
export function compareDateTime(a: CrmDateTime, b: CrmDateTime): number {
  return a.unix - b.unix;
}
export function compareTimeSpan(a: CrmTimeSpan, b: CrmTimeSpan): number {
  return a.total - b.total;
}
