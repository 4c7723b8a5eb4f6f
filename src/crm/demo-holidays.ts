// The demo data's countries and their red-letter days (SuperOffice's country and redletterday
// tables). Norway is the home of the demo's own company and most customers, Acme Logistics is in
// the United States, and Dave works from Sweden (his person's country), so the diary of one user
// has holidays of other users' countries. The red-letter days are those of the year the sandbox is
// made and the next one, computed (Easter and the days that move with it, the US days that fall
// on a weekday of a month), not written down for one year.
//
// redletterday: one row per day and country. The reference names three colours (RLD_COLOR_BLACK,
// RLD_COLOR_RED, RLD_COLOR_SPES) without their numbers; the sandbox numbers them in that order, 0,
// 1, 2. A red day is a holiday; a black one only has a text (Christmas Eve). reds / colored are
// bit masks over the days of the date's month (bit n-1 for day n): the day's own bit, in reds when
// it is red.
import { items, type Row } from './demo-lists.js';

export const RLD_COLOR = { black: 0, red: 1, special: 2 } as const;

/** [name, ISO 2, ISO 3, ISO number, zip prefix, web domain, dial-in prefix, currency id (demo-lists.ts)]. */
const COUNTRIES: [string, string, string, number, string, string, string, number][] = [
  ['Norway', 'NO', 'NOR', 578, 'N-', 'no', '+47', 1],
  ['Sweden', 'SE', 'SWE', 752, 'S-', 'se', '+46', 4],
  ['United States', 'US', 'USA', 840, 'US-', 'us', '+1', 3],
];
const NORWAY = 1;
const SWEDEN = 2;
const USA = 3;

export const DEMO_COUNTRIES: Row[] = items(COUNTRIES.map(([name, abbrev2, abbrev3, isoNumber, zip, domain, dial, currency]) => [
  name, '', { english_name: name, abbrev2, abbrev3, isoNumber, zip_prefix: zip, domainName: domain, dialInPrefix: dial, currency_id: currency, isBuiltIn: 1 },
]));

/** [table, key column, id, country]: the demo's companies and the one person whose country is not the company's. */
export const DEMO_COUNTRY_LINKS: [string, string, number, number][] = [
  ...[1, 2, 4, 5].map((id): [string, string, number, number] => ['contact', 'contact_id', id, NORWAY]),
  ['contact', 'contact_id', 3, USA],
  ['person', 'person_id', 4, SWEDEN],
];

/** A day of a year as [month, day]; `nth` weekday (0 Sunday) of a month, -1 for the last. */
type Day = (year: number) => [number, number];
const fixed = (month: number, day: number): Day => () => [month, day];
const weekday = (month: number, wd: number, nth: number): Day => (year) => {
  if (nth < 0) {
    const last = new Date(Date.UTC(year, month, 0));
    return [month, last.getUTCDate() - ((last.getUTCDay() - wd + 7) % 7)];
  }
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return [month, 1 + ((wd - first + 7) % 7) + 7 * (nth - 1)];
};

/** Easter Sunday of the Gregorian calendar (the anonymous algorithm), moved by `offset` days. */
const easter = (offset: number): Day => (year) => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const e = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - d - (c % 4)) % 7;
  const f = Math.floor((a + 11 * d + 22 * e) / 451);
  const month = Math.floor((d + e - 7 * f + 114) / 31);
  const day = ((d + e - 7 * f + 114) % 31) + 1;
  const t = new Date(Date.UTC(year, month - 1, day + offset));
  return [t.getUTCMonth() + 1, t.getUTCDate()];
};

/** [country, text, day, red]. */
const HOLIDAYS: [number, string, Day, boolean][] = [
  [NORWAY, "New Year's Day", fixed(1, 1), true],
  [NORWAY, 'Maundy Thursday', easter(-3), true],
  [NORWAY, 'Good Friday', easter(-2), true],
  [NORWAY, 'Easter Monday', easter(1), true],
  [NORWAY, 'Labour Day', fixed(5, 1), true],
  [NORWAY, 'Constitution Day', fixed(5, 17), true],
  [NORWAY, 'Ascension Day', easter(39), true],
  [NORWAY, 'Whit Monday', easter(50), true],
  [NORWAY, 'Christmas Eve', fixed(12, 24), false],
  [NORWAY, 'Christmas Day', fixed(12, 25), true],
  [NORWAY, 'Boxing Day', fixed(12, 26), true],
  [SWEDEN, "New Year's Day", fixed(1, 1), true],
  [SWEDEN, 'Epiphany', fixed(1, 6), true],
  [SWEDEN, 'Good Friday', easter(-2), true],
  [SWEDEN, 'Easter Monday', easter(1), true],
  [SWEDEN, 'May Day', fixed(5, 1), true],
  [SWEDEN, 'Ascension Day', easter(39), true],
  [SWEDEN, 'National Day', fixed(6, 6), true],
  [SWEDEN, 'Christmas Eve', fixed(12, 24), false],
  [SWEDEN, 'Christmas Day', fixed(12, 25), true],
  [SWEDEN, 'Boxing Day', fixed(12, 26), true],
  [USA, "New Year's Day", fixed(1, 1), true],
  [USA, 'Memorial Day', weekday(5, 1, -1), true],
  [USA, 'Independence Day', fixed(7, 4), true],
  [USA, 'Labor Day', weekday(9, 1, 1), true],
  [USA, 'Thanksgiving Day', weekday(11, 4, 4), true],
  [USA, 'Christmas Day', fixed(12, 25), true],
];

const pad = (n: number): string => String(n).padStart(2, '0');

/** The demo's red-letter days of the year `today` falls in and the next, by date then country. */
export function demoRedLetterDays(today: Date = new Date()): Row[] {
  const year = today.getFullYear();
  const rows = [year, year + 1].flatMap((y) =>
    HOLIDAYS.map(([country, text, day, red]) => {
      const [month, d] = day(y);
      const bit = 2 ** (d - 1);
      return { reddate: `${y}-${pad(month)}-${pad(d)} 00:00:00`, country_id: country, reds: red ? bit : 0, colored: bit, color: red ? RLD_COLOR.red : RLD_COLOR.black, text, updatedCount: 0, rgbColour: 0, extraFlags: 0 };
    }),
  );
  rows.sort((a, b) => a.reddate.localeCompare(b.reddate) || a.country_id - b.country_id);
  return rows.map((r, i) => ({ id: i + 1, ...r }));
}
