import { describe, expect, it } from 'vitest';
import {
  cronPatterns,
  describeFrequency,
  displayNextRun,
  firstRun,
  followingRun,
  formatDateTime,
  frequencyProblem,
  parseLocalDateTime,
  parseMonthDays,
  parseMonths,
  parseTimeOfDay,
  parseWeekdays,
} from '../../src/tasks/schedule.js';
import type { Frequency, Task } from '../../src/store/schema.js';

// All cron-based expectations use explicit zones so that they do not depend on the machine.
const UTC = { timezone: 'UTC' };
const OSLO = { timezone: 'Europe/Oslo' };
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function task(frequency: Frequency, over: Partial<Task> = {}): Task {
  return {
    id: 't1',
    name: 'T',
    targetKind: 'script',
    targetId: 's1',
    frequency,
    enabled: true,
    startNow: false,
    lockMinutes: 10,
    restartAfterMinutes: 0,
    lease: null,
    lastRun: null,
    nextRun: null,
    ...over,
  };
}

describe('first and following runs', () => {
  it('never and after have no time of their own', () => {
    expect(firstRun({ kind: 'never' }, at('2025-01-06T10:00:00Z'))).toBeNull();
    expect(firstRun({ kind: 'after', taskId: 'x' }, at('2025-01-06T10:00:00Z'))).toBeNull();
    expect(followingRun({ kind: 'after', taskId: 'x' }, at('2025-01-06T10:00:00Z'), at('2025-01-06T10:00:00Z'))).toBeNull();
  });

  it('minute interval counts from the save time, rounded up to a whole minute, then from the previous slot', () => {
    const f: Frequency = { kind: 'minutes', every: 15 };
    expect(iso(firstRun(f, at('2025-01-06T10:00:20Z')))).toBe('2025-01-06T10:16:00.000Z');
    // The run of the 10:16 slot started a few seconds late: the next slot is still 10:31.
    expect(iso(followingRun(f, at('2025-01-06T10:16:00Z'), at('2025-01-06T10:16:04Z')))).toBe('2025-01-06T10:31:00.000Z');
    // After a long pause, missed slots are skipped, not made up one by one.
    expect(iso(followingRun(f, at('2025-01-06T10:16:00Z'), at('2025-01-06T12:00:00Z')))).toBe('2025-01-06T12:01:00.000Z');
  });

  it('hourly runs at the given minute of every hour', () => {
    const f: Frequency = { kind: 'hourly', minute: 5 };
    expect(iso(firstRun(f, at('2025-01-06T10:04:59Z'), UTC))).toBe('2025-01-06T10:05:00.000Z');
    expect(iso(firstRun(f, at('2025-01-06T10:05:00Z'), UTC))).toBe('2025-01-06T11:05:00.000Z');
    expect(iso(followingRun(f, at('2025-01-06T10:05:00Z'), at('2025-01-06T10:05:01Z'), UTC))).toBe('2025-01-06T11:05:00.000Z');
  });

  it('week interval runs at the time on the chosen weekdays, in the given zone', () => {
    const f: Frequency = { kind: 'weekly', time: '08:00', days: [1, 3] }; // Mon, Wed
    // 2025-01-06 is a Monday. 08:00 in Oslo (winter) is 07:00 UTC.
    expect(iso(firstRun(f, at('2025-01-06T06:00:00Z'), OSLO))).toBe('2025-01-06T07:00:00.000Z');
    expect(iso(firstRun(f, at('2025-01-06T07:00:00Z'), OSLO))).toBe('2025-01-08T07:00:00.000Z');
    expect(iso(followingRun(f, at('2025-01-08T07:00:00Z'), at('2025-01-08T07:00:02Z'), OSLO))).toBe('2025-01-13T07:00:00.000Z');
    // Summer time: 08:00 in Oslo is 06:00 UTC.
    expect(iso(firstRun(f, at('2025-06-30T00:00:00Z'), OSLO))).toBe('2025-06-30T06:00:00.000Z');
  });

  it('a week interval without weekdays never runs and says why', () => {
    const f: Frequency = { kind: 'weekly', time: '08:00', days: [] };
    expect(firstRun(f, at('2025-01-06T00:00:00Z'), UTC)).toBeNull();
    expect(frequencyProblem(f)).toMatch(/at least one weekday/);
  });

  it('month interval runs on the chosen days of the chosen months', () => {
    const f: Frequency = { kind: 'monthly', time: '06:30', days: [1, 15], months: [1, 2, 3, 4, 5, 6] };
    const runs: string[] = [];
    let now = at('2025-05-20T00:00:00Z');
    let next = firstRun(f, now, UTC);
    for (let i = 0; i < 4 && next; i++) {
      runs.push(next.toISOString());
      now = next;
      next = followingRun(f, next, now, UTC);
    }
    expect(runs).toEqual(['2025-06-01T06:30:00.000Z', '2025-06-15T06:30:00.000Z', '2026-01-01T06:30:00.000Z', '2026-01-15T06:30:00.000Z']);
  });

  it('a day that a month lacks does not hide the other days (croner skips them in one pattern)', () => {
    const f: Frequency = { kind: 'monthly', time: '06:30', days: [1, 15, 31], months: [] };
    expect(cronPatterns(f)).toHaveLength(3);
    expect(iso(firstRun(f, at('2025-02-18T00:00:00Z'), UTC))).toBe('2025-03-01T06:30:00.000Z');
    expect(iso(followingRun(f, at('2025-03-01T06:30:00Z'), at('2025-03-01T06:30:00Z'), UTC))).toBe('2025-03-15T06:30:00.000Z');
    expect(iso(followingRun(f, at('2025-03-15T06:30:00Z'), at('2025-03-15T06:30:00Z'), UTC))).toBe('2025-03-31T06:30:00.000Z');
    expect(iso(followingRun(f, at('2025-03-31T06:30:00Z'), at('2025-03-31T06:30:00Z'), UTC))).toBe('2025-04-01T06:30:00.000Z');
  });

  it('refuses day 30 or 31 when only February is chosen', () => {
    expect(frequencyProblem({ kind: 'monthly', time: '06:30', days: [30, 31], months: [2] })).toMatch(/None of the chosen days/);
    expect(frequencyProblem({ kind: 'monthly', time: '06:30', days: [29], months: [2] })).toBeNull();
  });

  it('once runs at its date-time, even when that has passed, and nothing follows', () => {
    const f: Frequency = { kind: 'once', at: '2025-01-06T09:00:00.000Z' };
    expect(iso(firstRun(f, at('2025-01-06T10:00:00Z')))).toBe('2025-01-06T09:00:00.000Z');
    expect(followingRun(f, at('2025-01-06T09:00:00Z'), at('2025-01-06T09:00:01Z'))).toBeNull();
  });
});

describe('displayNextRun (shown with no daemon running)', () => {
  const now = at('2025-01-06T06:00:00Z');
  it('uses the stored time when there is one', () => {
    expect(iso(displayNextRun(task({ kind: 'hourly', minute: 5 }, { nextRun: '2025-01-06T09:05:00.000Z' }), now, UTC))).toBe('2025-01-06T09:05:00.000Z');
  });
  it('computes it when no daemon has stored one', () => {
    expect(iso(displayNextRun(task({ kind: 'hourly', minute: 5 }), now, UTC))).toBe('2025-01-06T06:05:00.000Z');
  });
  it('is empty for disabled tasks and for a once task that has run', () => {
    expect(displayNextRun(task({ kind: 'hourly', minute: 5 }, { enabled: false }), now, UTC)).toBeNull();
    const once = task({ kind: 'once', at: '2025-01-01T00:00:00.000Z' }, { lastRun: '2025-01-01T00:00:03.000Z' });
    expect(displayNextRun(once, now)).toBeNull();
  });
  it('is now when Start now is pending', () => {
    expect(iso(displayNextRun(task({ kind: 'never' }, { startNow: true }), now))).toBe(now.toISOString());
  });
});

describe('describeFrequency', () => {
  it('reads like the list shows it', () => {
    expect(describeFrequency({ kind: 'never' })).toBe('never');
    expect(describeFrequency({ kind: 'minutes', every: 15 })).toBe('every 15 min');
    expect(describeFrequency({ kind: 'minutes', every: 1 })).toBe('every minute');
    expect(describeFrequency({ kind: 'hourly', minute: 5 })).toBe('hourly at :05');
    expect(describeFrequency({ kind: 'weekly', time: '08:00', days: [3, 1] })).toBe('Mon, Wed at 08:00');
    expect(describeFrequency({ kind: 'weekly', time: '07:30', days: [1, 2, 3, 4, 5] })).toBe('Mon–Fri at 07:30');
    expect(describeFrequency({ kind: 'weekly', time: '10:00', days: [6, 0] })).toBe('Sat, Sun at 10:00');
    expect(describeFrequency({ kind: 'weekly', time: '10:00', days: [0, 1, 2, 3, 4, 5, 6] })).toBe('every day at 10:00');
    expect(describeFrequency({ kind: 'monthly', time: '06:30', days: [1, 15], months: [1, 2, 3, 4, 5, 6] })).toBe('day 1 and 15 of Jan–Jun at 06:30');
    expect(describeFrequency({ kind: 'monthly', time: '06:30', days: [1], months: [] })).toBe('day 1 of every month at 06:30');
    expect(describeFrequency({ kind: 'monthly', time: '23:00', days: [1, 2, 3, 10, 20], months: [1, 7] })).toBe('day 1–3, 10 and 20 of Jan, Jul at 23:00');
    expect(describeFrequency({ kind: 'once', at: '2030-01-31T07:00:00.000Z' }, UTC)).toBe('once at 2030-01-31 07:00');
    expect(describeFrequency({ kind: 'after', taskId: 'a' }, { taskName: (id) => (id === 'a' ? 'Import' : undefined) })).toBe('after "Import"');
    expect(describeFrequency({ kind: 'after', taskId: 'gone' }, { taskName: () => undefined })).toBe('after a missing task');
  });
});

describe('parsing what people type', () => {
  it('reads times, weekdays, days and months', () => {
    expect(parseTimeOfDay('8:05')).toBe('08:05');
    expect(() => parseTimeOfDay('24:00')).toThrow(/HH:MM/);
    expect(parseWeekdays('mon,wed')).toEqual([1, 3]);
    expect(parseWeekdays('Mon-Fri')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWeekdays('sun, 7, 6')).toEqual([0, 6]);
    expect(() => parseWeekdays('funday')).toThrow(/not a valid weekday/);
    expect(parseMonthDays('1,15,20-22')).toEqual([1, 15, 20, 21, 22]);
    expect(() => parseMonthDays('0')).toThrow(/day of the month/);
    expect(() => parseMonthDays('10-5')).toThrow(/backwards/);
    expect(parseMonths('1-6')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(parseMonths('jan,jul-aug')).toEqual([1, 7, 8]);
    expect(() => parseMonths('13')).toThrow(/month/);
  });

  it('reads a local date-time', () => {
    const s = parseLocalDateTime('2030-01-31 08:00');
    expect(formatDateTime(new Date(s))).toBe('2030-01-31 08:00');
    expect(parseLocalDateTime('2030-01-31T08:00:00Z')).toBe('2030-01-31T08:00:00.000Z');
    expect(() => parseLocalDateTime('2030-02-30 08:00')).toThrow(/not a valid date/);
    expect(() => parseLocalDateTime('tomorrow')).toThrow(/YYYY-MM-DD HH:MM/);
  });
});
