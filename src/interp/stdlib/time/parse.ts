// Text to Date / DateTime / Time. Text that cannot be read gives the null value of the type
// (as an empty string does) rather than an error: the product's constructors do not raise.
import { daysFromCivil } from './calendar.js';
import {
  CrmDate,
  CrmDateTime,
  CrmTime,
  NULL_DATE,
  NULL_TIME,
  dateFromDays,
  dateTimeFromUnix,
  makeDateTime,
  nullDateTime,
} from './values.js';

interface Stamp {
  year: number;
  month: number;
  day: number;
  /** null when the text had no time part */
  hour: number | null;
  minute: number;
  second: number;
  /** minutes east of UTC when the text named a zone (Z, +02:00), otherwise null (local time) */
  offset: number | null;
}

// YYYY-MM-DD, optionally followed by [ T]HH:MM[:SS[(:|.|,)fraction]] and a zone.
// '/' and '.' are accepted as date separators as well.
const SEPARATED =
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:\s+|T)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[:.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// YYYYMMDD, YYYYMMDDHHMM or YYYYMMDDHHMMSS (the MySQL timestamp form).
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;

function readStamp(text: string): Stamp | null {
  const s = text.trim();
  let m = SEPARATED.exec(s);
  let stamp: Stamp | null = null;
  if (m) {
    stamp = {
      year: +m[1],
      month: +m[3],
      day: +m[4],
      hour: m[5] === undefined ? null : +m[5],
      minute: m[6] === undefined ? 0 : +m[6],
      second: m[7] === undefined ? 0 : +m[7],
      offset: m[8] === undefined ? null : zoneOffset(m[8]),
    };
  } else if ((m = COMPACT.exec(s))) {
    stamp = {
      year: +m[1],
      month: +m[2],
      day: +m[3],
      hour: m[4] === undefined ? null : +m[4],
      minute: m[5] === undefined ? 0 : +m[5],
      second: m[6] === undefined ? 0 : +m[6],
      offset: null,
    };
  }
  if (!stamp) return null;
  if (stamp.month < 1 || stamp.month > 12 || stamp.day < 1 || stamp.day > 31) return null;
  if (stamp.hour !== null && (stamp.hour > 23 || stamp.minute > 59 || stamp.second > 59)) return null;
  return stamp;
}

function zoneOffset(z: string): number {
  if (z.toUpperCase() === 'Z') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  const h = +digits.slice(0, 2);
  const m = digits.length > 2 ? +digits.slice(2, 4) : 0;
  return sign * (h * 60 + m);
}

/** Date from 'YYYY-MM-DD' (a time part is ignored); '' or '0' or unreadable text give the null Date. */
export function parseDate(text: string): CrmDate {
  const st = readStamp(text);
  if (!st) return NULL_DATE;
  // a day past the month's end rolls into the next month (2021-02-29 is 2021-03-01)
  return dateFromDays(daysFromCivil(st.year, st.month, st.day));
}

/**
 * DateTime from 'YYYY-MM-DD HH:MM:SS', 'YYYY-MM-DD HH:MM', 'YYYYMMDDHHMMSS', 'YYYY-MM-DD'
 * (midnight) or 'YYYY-MM-DD HH:MM:SS:mmm'. Also reads ISO 8601 'T' and a zone suffix, which is
 * converted to local time. '' and '0' give the null DateTime, as does unreadable text.
 */
export function parseDateTime(text: string): CrmDateTime {
  const st = readStamp(text);
  if (!st) return nullDateTime();
  const hour = st.hour ?? 0;
  if (st.offset !== null) {
    const utc = daysFromCivil(st.year, st.month, st.day) * 86400 + hour * 3600 + st.minute * 60 + st.second;
    return dateTimeFromUnix(utc - st.offset * 60);
  }
  return makeDateTime(st.year, st.month, st.day, hour, st.minute, st.second);
}

const TIME_TEXT = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[:.,]\d+)?)?$/;
const TIME_COMPACT = /^(\d{2})(\d{2})(\d{2})?$/;

/** Time from 'HH:MM:SS' or 'HH:MM' (also 'HHMMSS', or the time part of a date-time text). */
export function parseTime(text: string): CrmTime {
  const s = text.trim();
  const m = TIME_TEXT.exec(s) ?? TIME_COMPACT.exec(s);
  let h: number, mi: number, se: number;
  if (m) {
    h = +m[1];
    mi = +m[2];
    se = m[3] === undefined ? 0 : +m[3];
  } else {
    const st = readStamp(s);
    if (!st || st.hour === null) return NULL_TIME;
    const dt = parseDateTime(s);
    h = dt.hour;
    mi = dt.minute;
    se = dt.second;
  }
  if (h > 23 || mi > 59 || se > 59) return NULL_TIME;
  return new CrmTime(h, mi, se, false);
}

