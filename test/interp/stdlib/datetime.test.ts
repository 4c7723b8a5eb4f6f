// Date, DateTime, Time, TimeSpan natives. Assertions use wall-clock fields, or compute expected
// unix values with JS Date, so the suite passes in any machine time zone.
import { describe, expect, it } from 'vitest';
import {
  DateClass,
  DateTimeClass,
  TimeClass,
  TimeSpanClass,
  timeGlobals,
  type CrmDate,
  type CrmDateTime,
  type CrmTime,
  type CrmTimeSpan,
} from '../../../src/interp/stdlib/datetime.js';

const D = DateClass;
const DT = DateTimeClass;
const T = TimeClass;
const TS = TimeSpanClass;

const date = (s: string): CrmDate => D.ctors!['(String)'](s);
const dt = (y: number, mo: number, d: number, h: number, mi: number, s: number): CrmDateTime =>
  DT.ctors!['(Integer,Integer,Integer,Integer,Integer,Integer)'](y, mo, d, h, mi, s);
const dtStr = (s: string): CrmDateTime => DT.ctors!['(String)'](s);
const time = (s: string): CrmTime => T.ctors!['(String)'](s);

const dStr = (d: CrmDate) => D.methods!['toString()'](d) as string;
const dtText = (v: CrmDateTime) => DT.methods!['toString()'](v) as string;
const tStr = (t: CrmTime) => T.methods!['toString()'](t) as string;
const dUp = (name: string, d: CrmDate, ...a: unknown[]): CrmDate => D.updaters![name](d, ...a);
const dtUp = (name: string, v: CrmDateTime, ...a: unknown[]): CrmDateTime => DT.updaters![name](v, ...a);
const dtM = (name: string, v: CrmDateTime, ...a: unknown[]) => DT.methods![name](v, ...a);
const fmt = (v: CrmDateTime, f: string) => dtM('toString(String)', v, f) as string;
const mode = (v: CrmDateTime, m: number, lang: number, h24 = true) => dtM('toString(Integer,Integer,Bool)', v, m, lang, h24) as string;

const localUnix = (y: number, mo: number, d: number, h: number, mi: number, s: number) =>
  Math.floor(new Date(y, mo - 1, d, h, mi, s).getTime() / 1000);

describe('conformance 020-date', () => {
  it('reads the fields and the Monday-based weekday', () => {
    const d = date('2020-06-22');
    expect([D.methods!['getYear()'](d), D.methods!['getMonth()'](d), D.methods!['getMDay()'](d)]).toEqual([2020, 6, 22]);
    expect(D.methods!['getWeekDay()'](d)).toBe(0);
  });
  it('orders dates', () => {
    expect(D.compare!(date('2020-06-22'), date('2020-06-27'))).toBeLessThan(0);
    expect(D.compare!(date('2020-06-27'), date('2020-06-22'))).toBeGreaterThan(0);
    expect(D.compare!(date('2020-06-22'), date('2020-06-22'))).toBe(0);
  });
  it('counts business days with addDay', () => {
    let business = 0;
    let cursor = date('2020-06-22');
    const end = date('2020-07-05');
    while (D.compare!(cursor, end) <= 0) {
      const wd = D.methods!['getWeekDay()'](cursor);
      if (wd !== 5 && wd !== 6) business++;
      cursor = dUp('addDay(Integer)', cursor, 1);
    }
    expect(business).toBe(10);
  });
  it('addYear', () => {
    const d = dUp('addYear(Integer)', date('2020-03-15'), 1);
    expect(dStr(d)).toBe('2021-03-15');
  });
});

describe('conformance 021-datetime', () => {
  it('reproduces the expected output', () => {
    const start = dt(2020, 6, 22, 11, 30, 15);
    expect([dtM('getYear()', start), dtM('getMonth()', start), dtM('getMDay()', start)]).toEqual([2020, 6, 22]);
    const t: CrmTime = dtM('getTime()', start);
    expect([T.methods!['getHour()'](t), T.methods!['getMin()'](t), T.methods!['getSec()'](t)]).toEqual([11, 30, 15]);
    const later = dtUp('addMin(Integer)', dt(2020, 6, 22, 11, 30, 15), 90);
    const lt: CrmTime = dtM('getTime()', later);
    expect(`${T.methods!['getHour()'](lt)}:${T.methods!['getMin()'](lt)}`).toBe('13:0');
    expect(dtM('diff(DateTime)', later, start)).toBe(5400);
    const epoch = dtUp('setUnix(Integer)', DT.defaultValue!(), 86400);
    expect(dtM('getUnix()', epoch)).toBe(86400);
    const parsed = dtUp('addSec(Integer)', dtStr('2021-12-31 23:59:59'), 1);
    expect([dtM('getYear()', parsed), dtM('getMonth()', parsed), dtM('getMDay()', parsed)]).toEqual([2022, 1, 1]);
  });
});

describe('Date', () => {
  it('defaults to today and is not null', () => {
    const key = (j: Date) => `${j.getFullYear()}-${j.getMonth() + 1}-${j.getDate()}`;
    const before = key(new Date());
    const values = [D.defaultValue!(), D.ctors!['()'](), timeGlobals['getCurrentDate()']()] as CrmDate[];
    const after = key(new Date());
    for (const d of values) {
      expect(D.methods!['isNull()'](d)).toBe(false);
      // either side of a midnight crossing is fine
      expect([before, after]).toContain(`${d.year}-${d.month}-${d.day}`);
    }
  });
  it('empty, "0" and unreadable text give the null Date, printed as ""', () => {
    for (const s of ['', '0', 'tomorrow', '2020-13-01', '2020-00-10', '2020-06-32']) {
      const d = date(s);
      expect(D.methods!['isNull()'](d), s).toBe(true);
      expect(dStr(d)).toBe('');
    }
  });
  it('parses the documented and compact forms', () => {
    expect(dStr(date('2011-01-13'))).toBe('2011-01-13');
    expect(dStr(date(' 2020-6-5 '))).toBe('2020-06-05');
    expect(dStr(date('20200622'))).toBe('2020-06-22');
    expect(dStr(date('2020-06-22 13:45:00'))).toBe('2020-06-22');
    expect(dStr(date('2020/06/22'))).toBe('2020-06-22');
    // a day past the month's end rolls over
    expect(dStr(date('2021-02-29'))).toBe('2021-03-01');
  });
  it('copy constructor keeps the value', () => {
    const d = date('2020-06-22');
    expect(dStr(D.ctors!['(Date)'](d))).toBe('2020-06-22');
  });
  it('addDay, addMonth, addYear with rollover; the receiver is not modified', () => {
    const d = date('2020-01-31');
    expect(dStr(dUp('addDay(Integer)', d, 1))).toBe('2020-02-01');
    expect(dStr(dUp('addDay(Integer)', d, -31))).toBe('2019-12-31');
    expect(dStr(dUp('addDay(Integer)', d, 366))).toBe('2021-01-31');
    expect(dStr(dUp('addMonth(Integer)', d, 1))).toBe('2020-03-02');
    expect(dStr(dUp('addMonth(Integer)', d, -6))).toBe('2019-07-31');
    expect(dStr(dUp('addMonth(Integer)', d, 13))).toBe('2021-03-03');
    expect(dStr(dUp('addYear(Integer)', date('2020-02-29'), 1))).toBe('2021-03-01');
    expect(dStr(dUp('addYear(Integer)', date('2020-02-29'), -10))).toBe('2010-03-01');
    expect(dStr(d)).toBe('2020-01-31');
  });
  it('an updater on the null Date gives a real date', () => {
    const d = dUp('addDay(Integer)', date(''), 1);
    expect(D.methods!['isNull()'](d)).toBe(false);
    expect(dStr(d)).toBe('1970-01-02');
  });
  it('ISO week numbers', () => {
    const w = (s: string) => D.methods!['getWeek()'](date(s));
    expect(w('2021-01-03')).toBe(53);
    expect(w('2021-01-04')).toBe(1);
    expect(w('2019-12-30')).toBe(1);
    expect(w('2020-12-31')).toBe(53);
    expect(w('2020-06-22')).toBe(26);
    expect(w('2018-12-31')).toBe(1);
  });
  it('weekday Monday=0 ... Sunday=6', () => {
    const wd = (s: string) => D.methods!['getWeekDay()'](date(s));
    expect([wd('2020-06-22'), wd('2020-06-24'), wd('2020-06-27'), wd('2020-06-28'), wd('1970-01-01'), wd('1900-01-01')]).toEqual([0, 2, 5, 6, 3, 0]);
  });
});

describe('DateTime construction and parsing', () => {
  it('defaults to now', () => {
    for (const v of [DT.defaultValue!(), DT.ctors!['()'](), timeGlobals['getCurrentDateTime()']()] as CrmDateTime[]) {
      expect(dtM('isNull()', v)).toBe(false);
      expect(Math.abs(dtM('getUnix()', v) - Date.now() / 1000)).toBeLessThan(5);
    }
  });
  it('builds from fields in local time', () => {
    const v = dt(2020, 6, 22, 11, 0, 0);
    expect(dtText(v)).toBe('2020-06-22 11:00:00');
    expect(dtM('getUnix()', v)).toBe(localUnix(2020, 6, 22, 11, 0, 0));
    expect(dtM('getWeekDay()', v)).toBe(0);
    expect(dtM('getWeek()', v)).toBe(26);
  });
  it('fields out of range roll over', () => {
    expect(dtText(dt(2020, 12, 31, 23, 59, 60))).toBe('2021-01-01 00:00:00');
    expect(dtText(dt(2021, 2, 29, 12, 0, 0))).toBe('2021-03-01 12:00:00');
    expect(dtText(dt(2020, 13, 1, 0, 0, 0))).toBe('2021-01-01 00:00:00');
  });
  it('years below 100 are not shifted to the 1900s', () => {
    expect(dtM('getYear()', dt(50, 1, 1, 12, 0, 0))).toBe(50);
  });
  it('parses the documented string forms', () => {
    expect(dtText(dtStr('2021-12-31 23:59:59'))).toBe('2021-12-31 23:59:59');
    expect(dtText(dtStr('2020-06-22 11:00'))).toBe('2020-06-22 11:00:00');
    expect(dtText(dtStr('20200622110005'))).toBe('2020-06-22 11:00:05');
    expect(dtText(dtStr('2020-06-22'))).toBe('2020-06-22 00:00:00');
    expect(dtText(dtStr('2020-06-22 11:00:05:123'))).toBe('2020-06-22 11:00:05');
    expect(dtText(dtStr('2020-06-22T11:00:05'))).toBe('2020-06-22 11:00:05');
  });
  it('a zone suffix is converted to local time', () => {
    const v = dtStr('2020-06-22T11:00:05Z');
    expect(dtM('getUnix()', v)).toBe(Date.UTC(2020, 5, 22, 11, 0, 5) / 1000);
    const w = dtStr('2020-06-22T11:00:05+02:00');
    expect(dtM('getUnix()', w)).toBe(Date.UTC(2020, 5, 22, 9, 0, 5) / 1000);
    const local = new Date(Date.UTC(2020, 5, 22, 11, 0, 5));
    expect(dtM('getMDay()', v)).toBe(local.getDate());
    expect(dtM('getTime()', v).hour).toBe(local.getHours());
  });
  it('"" and "0" give the null DateTime at stamp 0; bad text too', () => {
    for (const s of ['', '0', 'soon', '2020-06-22 24:00:00', '2020-06-22 10:60']) {
      const v = dtStr(s);
      expect(dtM('isNull()', v), s).toBe(true);
      expect(dtM('getUnix()', v)).toBe(0);
      expect(dtText(v)).toBe('');
      expect(fmt(v, 'YY4')).toBe('');
      expect(mode(v, 0, 1)).toBe('');
    }
  });
  it('copy constructor', () => {
    const v = dt(2020, 6, 22, 11, 30, 15);
    expect(dtText(DT.ctors!['(DateTime)'](v))).toBe('2020-06-22 11:30:15');
  });
});

describe('DateTime arithmetic', () => {
  const base = dt(2020, 5, 27, 14, 25, 36); // a Wednesday
  it('add* updaters return new values and leave the receiver alone', () => {
    expect(dtText(dtUp('addDay(Integer)', base, 5))).toBe('2020-06-01 14:25:36');
    expect(dtText(dtUp('addDay(Integer)', base, -27))).toBe('2020-04-30 14:25:36');
    expect(dtText(dtUp('addMonth(Integer)', base, 9))).toBe('2021-02-27 14:25:36');
    expect(dtText(dtUp('addMonth(Integer)', dt(2020, 1, 31, 8, 0, 0), 1))).toBe('2020-03-02 08:00:00');
    expect(dtText(dtUp('addYear(Integer)', dt(2020, 2, 29, 8, 0, 0), 1))).toBe('2021-03-01 08:00:00');
    expect(dtText(dtUp('addHour(Integer)', base, 10))).toBe('2020-05-28 00:25:36');
    expect(dtText(dtUp('addHour(Integer)', base, -15))).toBe('2020-05-26 23:25:36');
    expect(dtText(dtUp('addMin(Integer)', base, 35))).toBe('2020-05-27 15:00:36');
    expect(dtText(dtUp('addSec(Integer)', base, -37))).toBe('2020-05-27 14:24:59');
    expect(dtText(base)).toBe('2020-05-27 14:25:36');
  });
  it('addDay keeps the wall-clock time across daylight-saving changes', () => {
    expect(dtText(dtUp('addDay(Integer)', dt(2020, 3, 28, 12, 0, 0), 1))).toBe('2020-03-29 12:00:00');
    expect(dtText(dtUp('addDay(Integer)', dt(2020, 10, 24, 12, 0, 0), 2))).toBe('2020-10-26 12:00:00');
    expect(dtText(dtUp('addDay(Integer)', dt(2020, 3, 7, 12, 0, 0), 2))).toBe('2020-03-09 12:00:00');
  });
  it('addHour/addMin/addSec move the stamp by elapsed time', () => {
    const later = dtUp('addHour(Integer)', base, 1000);
    expect(dtM('diff(DateTime)', later, base)).toBe(3600000);
  });
  it('diff is receiver minus argument', () => {
    const a = dt(2020, 1, 1, 0, 0, 0);
    const b = dtUp('addHour(Integer)', a, 1);
    expect(dtM('diff(DateTime)', a, b)).toBe(-3600);
    expect(dtM('diff(DateTime)', b, a)).toBe(3600);
    expect(dtM('diff(DateTime)', a, a)).toBe(0);
  });
  it('compare orders by point in time', () => {
    const a = dt(2020, 1, 1, 0, 0, 0);
    expect(DT.compare!(a, dtUp('addSec(Integer)', a, 1))).toBeLessThan(0);
    expect(DT.compare!(dtUp('addSec(Integer)', a, 1), a)).toBeGreaterThan(0);
    expect(DT.compare!(a, dt(2020, 1, 1, 0, 0, 0))).toBe(0);
  });
  it('setTime keeps the date', () => {
    expect(dtText(dtUp('setTime(Time)', base, time('13:00')))).toBe('2020-05-27 13:00:00');
  });
  it('setUnix/getUnix round trip with local fields', () => {
    const u = 1590589536;
    const v = dtUp('setUnix(Integer)', base, u);
    const j = new Date(u * 1000);
    expect(dtM('getUnix()', v)).toBe(u);
    expect([dtM('getYear()', v), dtM('getMonth()', v), dtM('getMDay()', v)]).toEqual([j.getFullYear(), j.getMonth() + 1, j.getDate()]);
    expect(dtM('getTime()', v).hour).toBe(j.getHours());
    expect(dtM('isNull()', dtUp('setUnix(Integer)', dtStr(''), 5))).toBe(false);
  });
  it('getTime returns a Time', () => {
    const t: CrmTime = dtM('getTime()', base);
    expect(tStr(t)).toBe('14:25:36');
  });
  it('moveTo* start and end', () => {
    const m = (name: string, v = base) => dtText(dtUp(name, v));
    expect(m('moveToDayStart()')).toBe('2020-05-27 00:00:00');
    expect(m('moveToDayEnd()')).toBe('2020-05-27 23:59:59');
    expect(m('moveToHourStart()')).toBe('2020-05-27 14:00:00');
    expect(m('moveToHourEnd()')).toBe('2020-05-27 14:59:59');
    expect(m('moveToWeekStart()')).toBe('2020-05-25 00:00:00');
    expect(m('moveToWeekEnd()')).toBe('2020-05-31 23:59:59');
    expect(m('moveToWeekStart()', dt(2020, 5, 31, 9, 0, 0))).toBe('2020-05-25 00:00:00');
    expect(m('moveToWeekEnd()', dt(2020, 5, 25, 9, 0, 0))).toBe('2020-05-31 23:59:59');
    expect(m('moveToMonthStart()')).toBe('2020-05-01 00:00:00');
    expect(m('moveToMonthEnd()')).toBe('2020-05-31 23:59:59');
    expect(m('moveToMonthEnd()', dt(2020, 2, 10, 9, 0, 0))).toBe('2020-02-29 23:59:59');
    expect(m('moveToQuarterStart()')).toBe('2020-04-01 00:00:00');
    expect(m('moveToQuarterEnd()')).toBe('2020-06-30 23:59:59');
    expect(m('moveToQuarterStart()', dt(2020, 12, 31, 9, 0, 0))).toBe('2020-10-01 00:00:00');
    expect(m('moveToQuarterEnd()', dt(2020, 1, 1, 9, 0, 0))).toBe('2020-03-31 23:59:59');
    expect(m('moveToYearStart()')).toBe('2020-01-01 00:00:00');
    expect(m('moveToYearEnd()')).toBe('2020-12-31 23:59:59');
  });
});

describe('DateTime.toString(format)', () => {
  const v = dt(2021, 1, 3, 13, 5, 9); // a Sunday in ISO week 53 of 2020
  it('numeric codes', () => {
    expect(fmt(v, 'YY4-MM2-DD2 HH24:MI2:SS2')).toBe('2021-01-03 13:05:09');
    expect(fmt(v, 'YY2 MM1/DD1 H24')).toBe('21 1/3 13');
    expect(fmt(v, 'HH12:MI2 AMPM')).toBe('01:05 pm');
    expect(fmt(v, 'H12')).toBe('1');
    expect(fmt(v, 'ISOW1 ISOW2 ISOWY2 ISOWY4')).toBe('53 53 20 2020');
    expect(fmt(dt(2021, 3, 1, 0, 0, 0), 'ISOW1/ISOW2 WEEKDAY')).toBe('9/09 1');
    expect(fmt(v, 'WEEKDAY')).toBe('7');
  });
  it('midnight and noon in 12-hour mode', () => {
    expect(fmt(dt(2021, 1, 3, 0, 7, 0), 'H12:MI2 AMPM')).toBe('12:07 am');
    expect(fmt(dt(2021, 1, 3, 12, 7, 0), 'HH12:MI2 AMPM')).toBe('12:07 pm');
  });
  it('names default to English', () => {
    expect(fmt(v, 'WDAY DD1. MONTH')).toBe('Sunday 3. January');
  });
  it('other text is copied', () => {
    expect(fmt(v, 'Date: DD2.MM2, week ISOW1!')).toBe('Date: 03.01, week 53!');
    expect(fmt(v, '')).toBe('');
  });
  it('custom month and weekday lists (weekdays start with Sunday)', () => {
    const days = 'søndag,mandag,tirsdag,onsdag,torsdag,fredag,lørdag';
    const months = 'januar,februar,mars,april,mai,juni,juli,august,september,oktober,november,desember';
    const monday = dt(2020, 6, 22, 11, 0, 0);
    expect(dtM('toString(String,String,String)', monday, 'WDAY uke ISOW1', '', days)).toBe('mandag uke 26');
    expect(dtM('toString(String,String,String)', monday, 'DD1. MONTH YY4', months, '')).toBe('22. juni 2020');
    expect(dtM('toString(String,String,String)', v, 'WDAY', '', days)).toBe('søndag');
    // a list too short for the value gives ''
    expect(dtM('toString(String,String,String)', monday, '[MONTH]', 'jan,feb', '')).toBe('[]');
  });
});

describe('DateTime.toString(mode, language, 24h)', () => {
  const v = dt(2020, 5, 29, 13, 37, 42); // a Friday
  it('English', () => {
    const expected = [
      '2020-05-29',
      '2020-05-29 13:37',
      '2020-05-29 13:37:42',
      'May 29. 2020',
      'May 29. 2020 13:37',
      'May 29. 2020 13:37:42',
      'May 29. 2020 13:37',
      '05/29/2020 13:37',
      '20200529133742',
      '13:37',
      '13:37:42',
      '20200529133742',
      'Fri, 29 May 20 13:37:42 GMT',
      '2020-05-29T13:37:42',
      null, // RFC 822, checked below
      '29.05.2020 13:37',
      '29/05/2020 13:37',
    ];
    expected.forEach((e, i) => {
      if (e !== null) expect(mode(v, i, 1), `mode ${i}`).toBe(e);
    });
  });
  it('RFC 822 carries the local UTC offset', () => {
    const off = -new Date(2020, 4, 29, 13, 37, 42).getTimezoneOffset();
    const a = Math.abs(off);
    const zone = `${off < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
    expect(mode(v, 14, 1)).toBe(`Fri, 29 May 2020 13:37:42 ${zone}`);
  });
  it('Norwegian puts the day first', () => {
    expect(mode(v, 3, 0)).toBe('29. Mai 2020');
    expect(mode(v, 6, 0)).toBe('29. Mai 2020 13:37');
    expect(mode(v, 7, 0)).toBe('29/05/2020 13:37');
    expect(mode(dt(2020, 12, 1, 8, 0, 0), 3, 0)).toBe('01. Des 2020');
    expect(mode(dt(2020, 3, 1, 8, 0, 0), 3, 2)).toBe('01. Mär 2020');
  });
  it('12-hour clock', () => {
    expect(mode(v, 2, 1, false)).toBe('2020-05-29 01:37:42 pm');
    expect(mode(v, 9, 1, false)).toBe('01:37 pm');
    expect(mode(dt(2020, 5, 29, 0, 5, 0), 9, 1, false)).toBe('12:05 am');
    // machine formats ignore it
    expect(mode(v, 8, 1, false)).toBe('20200529133742');
    expect(mode(v, 13, 1, false)).toBe('2020-05-29T13:37:42');
  });
  it('an unknown mode gives the default layout', () => {
    expect(mode(v, 99, 1)).toBe('2020-05-29 13:37:42');
  });
});

describe('Time', () => {
  it('defaults to now', () => {
    for (const t of [T.defaultValue!(), T.ctors!['()'](), timeGlobals['getCurrentTime()']()] as CrmTime[]) {
      expect(T.methods!['isNull()'](t)).toBe(false);
      const n = new Date();
      const diff = Math.abs(n.getHours() * 3600 + n.getMinutes() * 60 + n.getSeconds() - t.secs);
      expect(diff < 5 || diff > 86395).toBe(true);
    }
  });
  it('parses HH:MM:SS and HH:MM', () => {
    expect(tStr(time('13:00'))).toBe('13:00:00');
    expect(tStr(time('08:05:09'))).toBe('08:05:09');
    expect(tStr(time('8:5'))).toBe('08:05:00');
    expect(tStr(time('2020-06-22 11:30:15'))).toBe('11:30:15');
    expect(tStr(T.ctors!['(Time)'](time('12:00:00')))).toBe('12:00:00');
  });
  it('unreadable text gives the null Time', () => {
    for (const s of ['', 'noon', '25:00', '12:61', '2020-06-22']) {
      const t = time(s);
      expect(T.methods!['isNull()'](t), s).toBe(true);
      expect(tStr(t)).toBe('');
    }
  });
  it('setters replace one field; out-of-range values wrap', () => {
    let t = time('08:00:00');
    t = T.updaters!['setHour(Integer)'](t, 10);
    t = T.updaters!['setMin(Integer)'](t, 15);
    t = T.updaters!['setSec(Integer)'](t, 30);
    expect(tStr(t)).toBe('10:15:30');
    expect([T.methods!['getHour()'](t), T.methods!['getMin()'](t), T.methods!['getSec()'](t)]).toEqual([10, 15, 30]);
    expect(tStr(T.updaters!['setHour(Integer)'](t, 25))).toBe('01:15:30');
    expect(tStr(T.updaters!['setSec(Integer)'](time(''), 5))).toBe('00:00:05');
  });
  it('compare', () => {
    expect(T.compare!(time('08:00'), time('13:00'))).toBeLessThan(0);
    expect(T.compare!(time('13:00'), time('13:00:00'))).toBe(0);
  });
});

describe('TimeSpan', () => {
  const zero: CrmTimeSpan = TS.ctors!['()']();
  const up = (name: string, ts: CrmTimeSpan, ...a: unknown[]): CrmTimeSpan => TS.updaters![name](ts, ...a);
  const m = (name: string, ts: CrmTimeSpan, ...a: unknown[]) => TS.methods![name](ts, ...a);
  const str = (ts: CrmTimeSpan, md: number, lang: number, max: number, short: boolean) =>
    m('toString(Integer,Integer,Integer,Bool)', ts, md, lang, max, short) as string;

  it('starts at zero', () => {
    expect(m('toSeconds()', zero)).toBe(0);
    expect(m('isNegative()', zero)).toBe(false);
    expect(m('toSeconds()', TS.defaultValue!())).toBe(0);
  });
  it('set and the field getters', () => {
    const ts = up('set(Integer,Integer,Integer,Integer,Integer)', zero, 1, 2, 3, 4, 5);
    expect([m('getYear()', ts), m('getDay()', ts), m('getHour()', ts), m('getMin()', ts), m('getSec()', ts)]).toEqual([1, 2, 3, 4, 5]);
    expect(m('toDays()', ts)).toBe(367);
    expect(m('toHours()', ts)).toBe(367 * 24 + 3);
    expect(m('toMinutes()', ts)).toBe((367 * 24 + 3) * 60 + 4);
    expect(m('toSeconds()', ts)).toBe(((367 * 24 + 3) * 60 + 4) * 60 + 5);
  });
  it('fields are normalized', () => {
    const ts = up('set(Integer,Integer,Integer,Integer,Integer)', zero, 0, 400, 25, 61, 61);
    expect([m('getYear()', ts), m('getDay()', ts), m('getHour()', ts), m('getMin()', ts), m('getSec()', ts)]).toEqual([1, 36, 2, 2, 1]);
  });
  it('one year is 365 days, one day 24 hours', () => {
    expect(m('toDays()', up('addYear(Integer)', zero, 1))).toBe(365);
    expect(m('toHours()', up('addDay(Integer)', zero, 1))).toBe(24);
    expect(m('toMinutes()', up('addHour(Integer)', zero, 1))).toBe(60);
    expect(m('toSeconds()', up('addMin(Integer)', zero, 1))).toBe(60);
    expect(m('toSeconds()', up('addSec(Integer)', zero, 7))).toBe(7);
  });
  it('going below zero makes it negative', () => {
    let ts = up('addHour(Integer)', zero, 1);
    ts = up('addMin(Integer)', ts, -90);
    expect(m('isNegative()', ts)).toBe(true);
    expect(m('getMin()', ts)).toBe(30);
    expect(m('toMinutes()', ts)).toBe(-30);
    ts = up('addHour(Integer)', ts, 1);
    expect(m('isNegative()', ts)).toBe(false);
    expect(m('toMinutes()', ts)).toBe(30);
  });
  it('setNegative flips the sign only', () => {
    const ts = up('setNegative(Bool)', up('addDay(Integer)', zero, 2), true);
    expect(m('isNegative()', ts)).toBe(true);
    expect(m('getDay()', ts)).toBe(2);
    expect(m('toDays()', ts)).toBe(-2);
    expect(m('isNegative()', up('setNegative(Bool)', ts, false))).toBe(false);
  });
  it('compare uses the signed length', () => {
    const a = up('addMin(Integer)', zero, 5);
    const b = up('addMin(Integer)', zero, -5);
    expect(TS.compare!(b, a)).toBeLessThan(0);
    expect(TS.compare!(a, up('addSec(Integer)', zero, 300))).toBe(0);
  });
  it('toString from maxMode down to mode', () => {
    const ts = up('set(Integer,Integer,Integer,Integer,Integer)', zero, 0, 2, 3, 15, 20);
    expect(str(ts, 3, 1, 1, false)).toBe('2 days 3 hours 15 minutes');
    expect(str(ts, 4, 1, 0, false)).toBe('2 days 3 hours 15 minutes 20 seconds');
    expect(str(ts, 3, 1, 1, true)).toBe('2d 3h 15m');
    expect(str(ts, 2, 1, 1, false)).toBe('2 days 3 hours');
    expect(str(ts, 3, 1, 2, false)).toBe('51 hours 15 minutes');
    expect(str(ts, 4, 1, 4, false)).toBe(`${2 * 86400 + 3 * 3600 + 15 * 60 + 20} seconds`);
    // swapped arguments are read the same way
    expect(str(ts, 1, 1, 3, false)).toBe('2 days 3 hours 15 minutes');
    expect(str(ts, 3, 0, 1, false)).toBe('2 dager 3 timer 15 minutter');
    expect(str(ts, 3, 0, 1, true)).toBe('2d 3t 15m');
  });
  it('toString singular, zero, negative, years', () => {
    expect(str(up('addDay(Integer)', zero, 1), 3, 1, 0, false)).toBe('1 day');
    expect(str(zero, 3, 1, 0, false)).toBe('0 minutes');
    expect(str(zero, 3, 1, 0, true)).toBe('0m');
    expect(str(up('addHour(Integer)', zero, -1), 3, 1, 0, false)).toBe('-1 hour');
    expect(str(up('addDay(Integer)', zero, 400), 1, 1, 0, false)).toBe('1 year 35 days');
    expect(str(up('addDay(Integer)', zero, 400), 1, 0, 0, false)).toBe('1 år 35 dager');
  });
});
