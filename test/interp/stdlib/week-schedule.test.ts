// WeekSchedule and YearSchedule: working hours per weekday and closed dates; adding working time to
// a moment and measuring it between two moments, across nights, weekends and closed dates.
import { describe, expect, it } from 'vitest';
import { outputOf, runScript } from '../../helpers.js';

const OFFICE = `WeekSchedule ws;
ws.setMonStart(Time("08:00")); ws.setMonStop(Time("16:00"));
ws.setTueStart(Time("08:00")); ws.setTueStop(Time("16:00"));
ws.setWedStart(Time("08:00")); ws.setWedStop(Time("16:00"));
ws.setThuStart(Time("08:00")); ws.setThuStop(Time("16:00"));
ws.setFriStart(Time("08:00")); ws.setFriStop(Time("12:00"));
TimeSpan two; two.addHour(2);
`;

describe('WeekSchedule', () => {
  it('adds working time across the night, the weekend and closed dates', () => {
    expect(
      outputOf(`${OFFICE}printLine(ws.addTimeSpan(DateTime("2026-12-03 15:00:00"), two).toString());
printLine(ws.addTimeSpan(DateTime("2026-12-04 11:30:00"), two).toString());
printLine(ws.addTimeSpan(DateTime("2026-12-05 10:00:00"), two).toString());
ws.setNonDates("7/12, 8/12/2026");
printLine(ws.addTimeSpan(DateTime("2026-12-04 11:30:00"), two).toString());
printLine(ws.getNonDates());
TimeSpan none;
printLine(ws.addTimeSpan(DateTime("2026-12-05 10:00:00"), none).toString());`),
    ).toBe('2026-12-04 09:00:00\n2026-12-07 09:30:00\n2026-12-07 10:00:00\n2026-12-09 09:30:00\n7/12, 8/12/2026\n2026-12-05 10:00:00\n');
  });

  it('measures the working time between two moments, negative when they come the other way', () => {
    expect(
      outputOf(`${OFFICE}printLine(ws.getDifference(DateTime("2026-12-03 15:00:00"), DateTime("2026-12-07 09:30:00")).toSeconds().toString());
printLine(ws.getDifference(DateTime("2026-12-07 09:30:00"), DateTime("2026-12-03 15:00:00")).toSeconds().toString());
printLine(ws.getDifference(DateTime("2026-12-05 09:00:00"), DateTime("2026-12-06 18:00:00")).toSeconds().toString());`),
    ).toBe(`${(1 + 4 + 1.5) * 3600}\n${-(1 + 4 + 1.5) * 3600}\n0\n`);
  });

  it('starts with no working hours, and says so rather than search forever', () => {
    const r = runScript('WeekSchedule ws;\nprintLine(ws.getMonStart().toString() + "-" + ws.getMonStop().toString());\nTimeSpan t; t.addMin(1);\nws.addTimeSpan(DateTime("2026-12-03 15:00:00"), t);');
    expect(r.output).toBe('00:00:00-00:00:00\n');
    expect(r.error).toBe('WeekSchedule.addTimeSpan: the schedule has no working time within ten years');
  });
});

describe('YearSchedule', () => {
  it('uses each week schedule up to the day and month it was added with', () => {
    expect(
      outputOf(`${OFFICE}WeekSchedule summer;
summer.setMonStart(Time("09:00")); summer.setMonStop(Time("10:00"));
YearSchedule y;
y.addWS(summer, 11, 30);
y.addWS(ws, 12, 31);
printLine(y.addTimeSpan(DateTime("2026-11-30 09:30:00"), two).toString());
printLine(y.getDifference(DateTime("2026-11-30 00:00:00"), DateTime("2026-12-01 10:00:00")).toSeconds().toString());`),
    ).toBe('2026-12-01 09:30:00\n10800\n');
  });
});
