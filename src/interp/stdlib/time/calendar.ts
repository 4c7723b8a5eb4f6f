// Calendar arithmetic shared by Date, DateTime and Time. Day numbers count days since
// 1970-01-01 in the proleptic Gregorian calendar, so no JS Date (and no time zone) is involved
// except in the two local-time conversions at the bottom.
import { CrmError } from '../../runtime/values.js';

export const SECONDS_PER_DAY = 86400;

/** Floor division that works for negative numbers. */
export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}
export function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** Day number of a civil date. Month and day may be out of range; they roll over like mktime. */
export function daysFromCivil(year: number, month: number, day: number): number {
  // fold the month into 1..12 first
  year += floorDiv(month - 1, 12);
  month = mod(month - 1, 12) + 1;
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = floorDiv(153 * mp + 2, 5);
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468 + (day - 1);
}

export interface Civil {
  year: number;
  month: number;
  day: number;
}

export function civilFromDays(days: number): Civil {
  const z = days + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const day = doy - floorDiv(153 * mp + 2, 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day of the week with Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday). */
export function weekDayOfDays(days: number): number {
  return mod(days + 3, 7);
}

/** ISO 8601 week number and the year that week belongs to. */
export function isoWeekOfDays(days: number): { week: number; year: number } {
  const thursday = days - weekDayOfDays(days) + 3;
  const year = civilFromDays(thursday).year;
  const week = floorDiv(thursday - daysFromCivil(year, 1, 1), 7) + 1;
  return { week, year };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return daysFromCivil(year, month + 1, 1) - daysFromCivil(year, month, 1);
}

/** Local (machine time zone) wall-clock components of a unix time. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function checkFinite(ms: number): number {
  // JS Date covers +-275000 years; beyond that the value is meaningless
  if (!Number.isFinite(ms)) throw new CrmError('The date/time value is out of range.');
  return ms;
}

export function localPartsOfUnix(unix: number): LocalParts {
  const d = new Date(checkFinite(unix * 1000));
  if (Number.isNaN(d.getTime())) throw new CrmError('The date/time value is out of range.');
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
  };
}

/**
 * Unix seconds of a local wall-clock time. Out-of-range fields roll over (like mktime); a time
 * inside a daylight-saving gap is moved forward by the gap, as JS Date (and mktime) do.
 */
export function unixOfLocal(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  // start at local noon (which always exists) so setFullYear cannot slip into another day
  const d = new Date(2000, 0, 1, 12, 0, 0, 0);
  d.setFullYear(year, month - 1, day);
  d.setHours(hour, minute, second, 0);
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new CrmError('The date/time value is out of range.');
  return Math.floor(ms / 1000);
}

/** Offset of local time from UTC in minutes at the given unix time (east positive, +120 for CEST). */
export function utcOffsetMinutes(unix: number): number {
  return -new Date(unix * 1000).getTimezoneOffset();
}
