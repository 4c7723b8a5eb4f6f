// Red-letter days (redletterday): the demo's holidays of Norway, Sweden and the United States for
// this year and the next, computed (Easter and the days that move with it, weekdays of a month),
// and NSAppointmentAgent.GetRedLetterInformationListByDatesAndAssociate over them: one item per day,
// the associate's own country's holidays and texts, those of the other users' countries, on every
// CRM backend; and the reference's example.
import { afterAll, describe, expect, it } from 'vitest';
import { describeBackends, runOk, runWithCrm, withFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';
import { demoRedLetterDays } from '../../src/crm/demo-holidays.js';

afterAll(cleanupTempDirs);

describe('the demo red-letter days', () => {
  /** "country date text" of the red days of a year (as the sandbox made in it writes them). */
  const red = (year: number): string[] =>
    demoRedLetterDays(new Date(year, 5, 1))
      .filter((r) => String(r.reddate).startsWith(String(year)) && r.color === 1)
      .map((r) => `${String(r.country_id)} ${String(r.reddate).slice(5, 10)} ${String(r.text)}`);

  it('are computed for the year the sandbox is made and the next', () => {
    const rows = demoRedLetterDays(new Date(2026, 11, 31));
    expect(new Set(rows.map((r) => String(r.reddate).slice(0, 4)))).toEqual(new Set(['2026', '2027']));
    expect(rows.map((r) => r.id)).toEqual(rows.map((_, i) => i + 1));
    // Norway's Constitution Day on 17 May: its own bit of May, red
    expect(rows.find((r) => r.reddate === '2027-05-17 00:00:00' && r.country_id === 1 && r.text === 'Constitution Day')).toMatchObject({ reds: 2 ** 16, colored: 2 ** 16, color: 1 });
  });

  it('move with Easter and with the weekdays of a month', () => {
    // Easter 2026: 5 April; 2027: 28 March (so Whit Monday 2027 is 17 May, with Constitution Day)
    expect(red(2026).filter((x) => x.startsWith('1 '))).toEqual(
      ['01-01 New Year\'s Day', '04-02 Maundy Thursday', '04-03 Good Friday', '04-06 Easter Monday', '05-01 Labour Day', '05-14 Ascension Day', '05-17 Constitution Day', '05-25 Whit Monday', '12-25 Christmas Day', '12-26 Boxing Day'].map((x) => `1 ${x}`),
    );
    expect(red(2027).filter((x) => /Good Friday|Whit Monday/.test(x))).toEqual(['1 03-26 Good Friday', '2 03-26 Good Friday', '1 05-17 Whit Monday']);
    expect(red(2026).filter((x) => x.startsWith('3 '))).toEqual(['3 01-01 New Year\'s Day', '3 05-25 Memorial Day', '3 07-04 Independence Day', '3 09-07 Labor Day', '3 11-26 Thanksgiving Day', '3 12-25 Christmas Day']);
    expect(red(2027).filter((x) => /Memorial|Labor|Thanksgiving/.test(x))).toEqual(['3 05-31 Memorial Day', '3 09-06 Labor Day', '3 11-25 Thanksgiving Day']);
  });
});

const YEAR = new Date().getFullYear();

/** Prints each day of an interval as "date own other [own texts] [other texts]" for an associate. */
const days = (from: string, to: string, associate: number): string => `NSAppointmentAgent aa;
String list(String[] s) { String out; for (Integer i = 0; i < s.length(); i++) { if (i > 0) out += ","; out += s[i]; } return out; }
NSRedLetterInformationListItem[] days = aa.GetRedLetterInformationListByDatesAndAssociate(String("${from}").toDateTime(), String("${to}").toDateTime(), ${associate});
for (Integer i = 0; i < days.length(); i++) {
  NSRedLetterSummary s = days[i].GetRedLetterInformation();
  NSRedLetterDetails d = days[i].GetRedLetterDetails();
  printLine(days[i].GetDate().toString() + " " + s.GetIsOwnCountryHoliday().toString() + " " + s.GetIsOtherCountryHoliday().toString() + " [" + list(d.GetOwnCountryDayTexts()) + "] [" + list(d.GetOtherCountryDayTexts()) + "]");
}`;

describeBackends('red-letter days of the diary', (b) => {
  it('one item per day; the holidays of the user\'s country and of the other users\' countries', async () => {
    await withFixture(b.fresh, (f) => {
      // Ada (associate 1) works in Norway; Dave (4) in Sweden. The times of the dates are ignored.
      expect(runOk(f, days(`${YEAR}-05-16 18:30`, `${YEAR}-05-17 08:00`, 0))).toBe(`${YEAR}-05-16 00:00:00 false false [] []\n${YEAR}-05-17 00:00:00 true false [Constitution Day] []\n`);
      expect(runOk(f, days(`${YEAR}-05-17`, `${YEAR}-05-17`, 4))).toBe(`${YEAR}-05-17 00:00:00 false true [] [Constitution Day]\n`);
      expect(runOk(f, days(`${YEAR + 1}-06-06`, `${YEAR + 1}-06-06`, 1))).toBe(`${YEAR + 1}-06-06 00:00:00 false true [] [National Day]\n`);
      // Christmas Eve has a text and is no holiday; the United States has no user, so its days do not show
      expect(runOk(f, days(`${YEAR}-12-24`, `${YEAR}-12-25`, 1))).toBe(
        `${YEAR}-12-24 00:00:00 false false [Christmas Eve] [Christmas Eve]\n${YEAR}-12-25 00:00:00 true false [Christmas Day] [Christmas Day]\n`,
      );
      expect(runOk(f, days(`${YEAR}-07-04`, `${YEAR}-07-03`, 1))).toBe('');
      expect(runWithCrm(f, days(`${YEAR}-01-01`, `${YEAR}-01-01`, 99)).error).toBe('NSAppointmentAgent.GetRedLetterInformationListByDatesAndAssociate: there is no associate 99');
      expect(runWithCrm(f, days('2000-01-01', '2030-01-01', 0)).error).toBe(
        'NSAppointmentAgent.GetRedLetterInformationListByDatesAndAssociate: the interval has 10959 days; the sandbox answers at most 3660 at a time',
      );
    });
  });

  it('the reference\'s example walks Christmas to New Year', async () => {
    await withFixture(b.fresh, (f) => {
      const out = runOk(
        f,
        `NSAppointmentAgent appointmentAgent;
DateTime start = String("${YEAR}-12-22").toDateTime();
DateTime end = start;
end.addDay(10);
NSRedLetterInformationListItem[] redLetterDays = appointmentAgent.GetRedLetterInformationListByDatesAndAssociate(start, end, 0);
for (Integer i = 0; i < redLetterDays.length(); i++) {
  if (redLetterDays[i].GetRedLetterInformation().GetIsOwnCountryHoliday()) printLine(start.toString());
  start.addDay(1);
}`,
      );
      expect(out).toBe(`${YEAR}-12-25 00:00:00\n${YEAR}-12-26 00:00:00\n${YEAR + 1}-01-01 00:00:00\n`);
    });
  });
});
