// LocalMinutes (src/commands/local-minutes.ts): the same "YYYY-MM-DD hh:mm" as Date's local getters
// give, in zones with half- and quarter-hour offsets, half-hour daylight saving, and offsets with
// seconds (before standard time), across every change of offset.
import { afterEach, describe, expect, it } from 'vitest';
import { LocalMinutes } from '../../src/commands/local-minutes.js';

const saved = process.env.TZ;
afterEach(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

function byGetters(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const ZONES = ['UTC', 'Europe/Oslo', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Africa/Monrovia', 'America/Sao_Paulo'];

describe('LocalMinutes', () => {
  it('gives what the local getters give, in every zone and across changes of offset', () => {
    const wrong: string[] = [];
    for (const zone of ZONES) {
      process.env.TZ = zone;
      const local = new LocalMinutes();
      const instants: number[] = [];
      const offset = (t: number) => new Date(t).getTimezoneOffset();
      // each hour of two years, and every minute and a half around each change of offset
      for (let t = Date.UTC(2025, 0, 1, 0, 0, 29); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
        instants.push(t);
        if (offset(t) !== offset(t + 3_600_000)) for (let m = -40; m <= 100; m++) instants.push(t + m * 90_000);
      }
      // a spread back to 1850 (offsets with seconds before standard time)
      for (let t = Date.UTC(1850, 0, 1, 0, 0, 17); t < Date.UTC(2025, 0, 1); t += 86_400_000 * 37 + 1_234_567) instants.push(t);
      for (const t of instants) {
        const iso = new Date(t).toISOString();
        if (local.format(iso) !== byGetters(iso)) wrong.push(`${zone} ${iso}: ${local.format(iso)}, not ${byGetters(iso)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('takes any form Date reads, and gives back what it cannot read', () => {
    process.env.TZ = 'Asia/Kathmandu';
    const local = new LocalMinutes();
    for (const s of ['2026-03-29T01:30:00+02:00', '2026-12-03', '2026-12-03T10:00', 'not a date', '', '+010000-01-01T00:00:00Z', '-000001-06-01T12:00:00Z', '0050-06-01T12:00:00Z', '0099-12-31T23:59:00Z']) {
      expect(local.format(s), s).toBe(byGetters(s));
    }
  });
});
