// Text output of Date, Time, DateTime and TimeSpan values.
import { daysFromCivil, floorDiv, isoWeekOfDays, utcOffsetMinutes, weekDayOfDays } from './calendar.js';
import type { CrmDate, CrmDateTime, CrmTime, CrmTimeSpan } from './values.js';
import { SECONDS_PER_YEAR } from './values.js';

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? '-' + s : s;
}
const pad2 = (n: number) => pad(n, 2);

export function formatDate(d: CrmDate): string {
  if (d.isNull) return '';
  return `${pad(d.year, 4)}-${pad2(d.month)}-${pad2(d.day)}`;
}

export function formatTime(t: CrmTime): string {
  if (t.isNull) return '';
  return `${pad2(t.hour)}:${pad2(t.minute)}:${pad2(t.second)}`;
}

/** 'YYYY-MM-DD HH:MM:SS'; the null DateTime prints as ''. */
export function formatDateTime(dt: CrmDateTime): string {
  if (dt.isNull) return '';
  return `${pad(dt.year, 4)}-${pad2(dt.month)}-${pad2(dt.day)} ${pad2(dt.hour)}:${pad2(dt.minute)}:${pad2(dt.second)}`;
}

// ---- names ----

export const LANG_NORWEGIAN = 0;
export const LANG_ENGLISH = 1;

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Sunday first, like the weekday lists the format codes take. */
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const EN_MONTHS_SHORT = EN_MONTHS.map((m) => m.slice(0, 3));
const EN_WEEKDAYS_SHORT = EN_WEEKDAYS.map((d) => d.slice(0, 3));

/** Three-letter month names by language code (0 no, 1 en, 2 de, 3 sv, 4 da, 5 nl). */
const MONTHS_SHORT: Record<number, string[]> = {
  0: ['Jan', 'Feb', 'Mar', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Des'],
  1: EN_MONTHS_SHORT,
  2: ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'],
  3: ['Jan', 'Feb', 'Mar', 'Apr', 'Maj', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dec'],
  4: ['Jan', 'Feb', 'Mar', 'Apr', 'Maj', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dec'],
  5: ['Jan', 'Feb', 'Mrt', 'Apr', 'Mei', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dec'],
};

function splitNames(list: string, fallback: string[]): string[] {
  if (list.trim() === '') return fallback;
  return list.split(',').map((s) => s.trim());
}

// ---- toString(String format[, months, weekDays]) ----

/** Format codes, longest first so that e.g. HH24 wins over H24 and ISOWY2 over ISOW1. */
const CODES = [
  'WEEKDAY',
  'ISOWY2',
  'ISOWY4',
  'ISOW1',
  'ISOW2',
  'MONTH',
  'HH24',
  'HH12',
  'WDAY',
  'AMPM',
  'YY2',
  'YY4',
  'MM1',
  'MM2',
  'DD1',
  'DD2',
  'H24',
  'H12',
  'MI2',
  'SS2',
];

/**
 * Replaces the format codes in `format` with parts of `dt`; everything else is copied as is.
 * `months` (January first) and `weekDays` (Sunday first) are comma-separated name lists; an empty
 * list means English names. A name missing from a short list prints as ''.
 */
export function formatWithCodes(dt: CrmDateTime, format: string, months = '', weekDays = ''): string {
  if (dt.isNull) return '';
  const monthNames = splitNames(months, EN_MONTHS);
  const dayNames = splitNames(weekDays, EN_WEEKDAYS);
  const days = daysFromCivil(dt.year, dt.month, dt.day);
  const wd = weekDayOfDays(days); // Monday = 0
  const h12 = dt.hour % 12 === 0 ? 12 : dt.hour % 12;
  let iso: { week: number; year: number } | null = null;
  const isoOf = () => (iso ??= isoWeekOfDays(days));
  let out = '';
  let i = 0;
  outer: while (i < format.length) {
    for (const code of CODES) {
      if (format.startsWith(code, i)) {
        out += codeValue(code);
        i += code.length;
        continue outer;
      }
    }
    out += format[i];
    i++;
  }
  return out;

  function codeValue(code: string): string {
    switch (code) {
      case 'ISOW1':
        return String(isoOf().week);
      case 'ISOW2':
        return pad2(isoOf().week);
      case 'ISOWY2':
        return pad2(isoOf().year % 100);
      case 'ISOWY4':
        return pad(isoOf().year, 4);
      case 'YY2':
        return pad2(dt.year % 100);
      case 'YY4':
        return pad(dt.year, 4);
      case 'MM1':
        return String(dt.month);
      case 'MM2':
        return pad2(dt.month);
      case 'DD1':
        return String(dt.day);
      case 'DD2':
        return pad2(dt.day);
      case 'WEEKDAY':
        return String(wd + 1);
      case 'MONTH':
        return monthNames[dt.month - 1] ?? '';
      case 'WDAY':
        return dayNames[(wd + 1) % 7] ?? '';
      case 'H24':
        return String(dt.hour);
      case 'HH24':
        return pad2(dt.hour);
      case 'H12':
        return String(h12);
      case 'HH12':
        return pad2(h12);
      case 'MI2':
        return pad2(dt.minute);
      case 'SS2':
        return pad2(dt.second);
      case 'AMPM':
        return dt.hour < 12 ? 'am' : 'pm';
      default:
        return code;
    }
  }
}

// ---- toString(Integer mode, Integer language, Bool 24HourMode) ----

export const DATETIME_MODE_COUNT = 17;

/**
 * The 17 numbered layouts. Where the reference table's format column and example disagree, the
 * example wins: Norwegian and the other non-English languages put the day first
 * ('29. Mai 2020', '29/05/2020'), English puts the month first ('May 29. 2020', '05/29/2020').
 * Modes 8, 11, 12, 13 and 14 are machine formats: always 24-hour clock and English names.
 * An unknown mode gives the default 'YYYY-MM-DD HH:MM:SS' layout.
 */
export function formatMode(dt: CrmDateTime, mode: number, language: number, h24: boolean): string {
  if (dt.isNull) return '';
  const en = language === LANG_ENGLISH || !(language in MONTHS_SHORT);
  const mon = (MONTHS_SHORT[language] ?? EN_MONTHS_SHORT)[dt.month - 1];
  const ymd = `${pad(dt.year, 4)}-${pad2(dt.month)}-${pad2(dt.day)}`;
  const clock = (withSeconds: boolean, sep = ':'): string => {
    const sec = withSeconds ? `${sep}${pad2(dt.second)}` : '';
    if (h24) return `${pad2(dt.hour)}${sep}${pad2(dt.minute)}${sec}`;
    const h = dt.hour % 12 === 0 ? 12 : dt.hour % 12;
    return `${pad2(h)}${sep}${pad2(dt.minute)}${sec} ${dt.hour < 12 ? 'am' : 'pm'}`;
  };
  const textDate = en ? `${mon} ${pad2(dt.day)}. ${pad(dt.year, 4)}` : `${pad2(dt.day)}. ${mon} ${pad(dt.year, 4)}`;
  const compact = `${pad(dt.year, 4)}${pad2(dt.month)}${pad2(dt.day)}${pad2(dt.hour)}${pad2(dt.minute)}${pad2(dt.second)}`;
  const time24 = `${pad2(dt.hour)}:${pad2(dt.minute)}:${pad2(dt.second)}`;
  const wdName = EN_WEEKDAYS_SHORT[(weekDayOfDays(daysFromCivil(dt.year, dt.month, dt.day)) + 1) % 7];
  switch (mode) {
    case 0:
      return ymd;
    case 1:
      return `${ymd} ${clock(false)}`;
    case 2:
      return `${ymd} ${clock(true)}`;
    case 3:
      return textDate;
    case 4:
    case 6:
      return `${textDate} ${clock(false)}`;
    case 5:
      return `${textDate} ${clock(true)}`;
    case 7:
      return en
        ? `${pad2(dt.month)}/${pad2(dt.day)}/${pad(dt.year, 4)} ${clock(false)}`
        : `${pad2(dt.day)}/${pad2(dt.month)}/${pad(dt.year, 4)} ${clock(false)}`;
    case 8:
    case 11:
      return compact;
    case 9:
      return clock(false);
    case 10:
      return clock(true);
    case 12:
      return `${wdName}, ${pad2(dt.day)} ${EN_MONTHS_SHORT[dt.month - 1]} ${pad2(dt.year % 100)} ${time24} GMT`;
    case 13:
      return `${ymd}T${time24}`;
    case 14: {
      const off = utcOffsetMinutes(dt.unix);
      const a = Math.abs(off);
      const zone = `${off < 0 ? '-' : '+'}${pad2(floorDiv(a, 60))}${pad2(a % 60)}`;
      return `${wdName}, ${pad2(dt.day)} ${EN_MONTHS_SHORT[dt.month - 1]} ${pad(dt.year, 4)} ${time24} ${zone}`;
    }
    case 15:
      return `${pad2(dt.day)}.${pad2(dt.month)}.${pad(dt.year, 4)} ${clock(false)}`;
    case 16:
      return `${pad2(dt.day)}/${pad2(dt.month)}/${pad(dt.year, 4)} ${clock(false)}`;
    default:
      return formatDateTime(dt);
  }
}

// ---- TimeSpan.toString(Integer mode, Integer lang, Integer maxMode, Bool short) ----

/** Unit order of the Mode2* constants: 0 year, 1 day, 2 hour, 3 minute, 4 second. */
const UNIT_SECONDS = [SECONDS_PER_YEAR, 86400, 3600, 60, 1];

/** [singular, plural, short] per unit, by language code. */
const SPAN_WORDS: Record<number, [string, string, string][]> = {
  0: [['år', 'år', 'å'], ['dag', 'dager', 'd'], ['time', 'timer', 't'], ['minutt', 'minutter', 'm'], ['sekund', 'sekunder', 's']],
  1: [['year', 'years', 'y'], ['day', 'days', 'd'], ['hour', 'hours', 'h'], ['minute', 'minutes', 'm'], ['second', 'seconds', 's']],
  2: [['Jahr', 'Jahre', 'J'], ['Tag', 'Tage', 'T'], ['Stunde', 'Stunden', 'Std'], ['Minute', 'Minuten', 'Min'], ['Sekunde', 'Sekunden', 'Sek']],
  3: [['år', 'år', 'å'], ['dag', 'dagar', 'd'], ['timme', 'timmar', 'h'], ['minut', 'minuter', 'm'], ['sekund', 'sekunder', 's']],
  4: [['år', 'år', 'å'], ['dag', 'dage', 'd'], ['time', 'timer', 't'], ['minut', 'minutter', 'm'], ['sekund', 'sekunder', 's']],
  5: [['jaar', 'jaar', 'j'], ['dag', 'dagen', 'd'], ['uur', 'uur', 'u'], ['minuut', 'minuten', 'm'], ['seconde', 'seconden', 's']],
};

function clampUnit(n: number): number {
  return Math.min(4, Math.max(0, n | 0));
}

/**
 * Spells out a time span from unit `maxMode` (the largest unit used; bigger amounts are expressed
 * in it, e.g. 400 days rather than 1 year 35 days) down to unit `mode` (the smallest shown; the
 * rest is dropped). Zero parts are left out; a zero span prints as '0 <smallest unit>'. Long form
 * '1 day 2 hours', short form '1d 2h'; a negative span starts with '-'.
 */
export function formatTimeSpan(ts: CrmTimeSpan, mode: number, lang: number, maxMode: number, short: boolean): string {
  let smallest = clampUnit(mode);
  let largest = clampUnit(maxMode);
  if (largest > smallest) [largest, smallest] = [smallest, largest];
  const words = SPAN_WORDS[lang] ?? SPAN_WORDS[LANG_ENGLISH];
  const word = (unit: number, n: number): string => {
    const w = words[unit];
    return short ? `${n}${w[2]}` : `${n} ${n === 1 ? w[0] : w[1]}`;
  };
  let rest = ts.secs;
  const parts: string[] = [];
  for (let u = largest; u <= smallest; u++) {
    const n = Math.floor(rest / UNIT_SECONDS[u]);
    rest -= n * UNIT_SECONDS[u];
    if (n !== 0) parts.push(word(u, n));
  }
  if (parts.length === 0) return word(smallest, 0);
  return (ts.negative ? '-' : '') + parts.join(' ');
}
