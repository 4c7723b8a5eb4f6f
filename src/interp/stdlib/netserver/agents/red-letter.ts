// Red-letter days (holidays) of the diary: NSAppointmentAgent's
// GetRedLetterInformationListByDatesAndAssociate over SuperOffice's redletterday table, one item
// per day of the interval (times ignored), as the reference's example walks them. A day is a
// holiday in a country when the country's row of that day is red (colour 1: the sandbox numbers
// the reference's RLD_COLOR_BLACK, RLD_COLOR_RED, RLD_COLOR_SPES 0, 1, 2; src/crm/demo-holidays.ts).
// The associate's own country is its person's country, else its person's company's; the other
// countries are those of the other associates (the reference: "countries that has defined
// associates in the system").
import type { CrmRow } from '../../../runtime/crm-service.js';
import { makeDateTime, type CrmDateTime } from '../../time/values.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { make, type Methods } from './define.js';

const WHERE = 'NSAppointmentAgent.GetRedLetterInformationListByDatesAndAssociate';
const RED = 1;
/** The longest interval one call answers (the sandbox's own limit: ten years of days). */
const MAX_DAYS = 3660;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const dayText = (d: CrmDateTime): string => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

/** An associate's home country: its person's country, else the company's (0 when neither is set). */
function homeCountry(associateId: number): number {
  const a = db().get('associate', associateId);
  const person = a ? db().get('person', Number(col(a, 'person_id') ?? 0)) : null;
  if (!person) return 0;
  const own = Number(col(person, 'country_id') ?? 0);
  if (own) return own;
  const company = db().get('contact', Number(col(person, 'contact_id') ?? 0));
  return company ? Number(col(company, 'country_id') ?? 0) : 0;
}

/** One item per day of the interval; errors name `where` (the method asked). */
export function redLetterList(start: CrmDateTime, end: CrmDateTime, associateId: number, where = WHERE): unknown[] {
  const who = associateId || db().actor().associateId;
  if (!db().get('associate', who)) throw fail(where, `there is no associate ${who}`);
  const days = Math.round((Date.UTC(end.year, end.month - 1, end.day) - Date.UTC(start.year, start.month - 1, start.day)) / 86_400_000) + 1;
  if (days > MAX_DAYS) throw fail(where, `the interval has ${days} days; the sandbox answers at most ${MAX_DAYS} at a time`);
  if (days <= 0) return [];
  const own = homeCountry(who);
  const others = new Set(db().select('associate', { columns: ['associate_id'] }).map((r) => homeCountry(Number(col(r, 'associate_id')))));
  others.delete(own);
  others.delete(0);
  const rows = db().select('redletterday', {
    where: [{ column: 'reddate', op: '>=', value: `${dayText(start)} 00:00:00` }, { column: 'reddate', op: '<=', value: `${dayText(end)} 23:59:59` }],
    orderBy: [{ column: 'reddate' }, { column: 'redletterday_id' }],
  });
  const byDay = new Map<string, CrmRow[]>();
  for (const r of rows) {
    const key = String(col(r, 'reddate') ?? '').slice(0, 10);
    byDay.set(key, [...(byDay.get(key) ?? []), r]);
  }
  return Array.from({ length: days }, (_, i) => {
    const date = makeDateTime(start.year, start.month, start.day + i, 0, 0, 0);
    const today = byDay.get(dayText(date)) ?? [];
    const of = (countries: (c: number) => boolean): CrmRow[] => today.filter((r) => countries(Number(col(r, 'country_id') ?? 0)));
    const ownRows = of((c) => c === own && own !== 0);
    const otherRows = of((c) => others.has(c));
    const red = (list: CrmRow[]): boolean => list.some((r) => Number(col(r, 'color') ?? 0) === RED);
    const texts = (list: CrmRow[]): string[] => list.map((r) => String(col(r, 'text') ?? '')).filter(Boolean);
    return make('NSRedLetterInformationListItem', {
      Date: date,
      RedLetterInformation: make('NSRedLetterSummary', { IsOwnCountryHoliday: red(ownRows), IsOtherCountryHoliday: !red(ownRows) && red(otherRows) }),
      RedLetterDetails: make('NSRedLetterDetails', { OwnCountryDayTexts: texts(ownRows), OtherCountryDayTexts: texts(otherRows) }),
    });
  });
}

export const redLetterDays: Methods = {
  'GetRedLetterInformationListByDatesAndAssociate(DateTime,DateTime,Integer)': (_a: unknown, start: CrmDateTime, end: CrmDateTime, associateId: number) => redLetterList(start, end, associateId),
};
