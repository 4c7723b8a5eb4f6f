/**
 * Instants as the local date and time a list shows ("YYYY-MM-DD hh:mm"), and what that rendering
 * depends on besides the instant (the time zone), for caches of rendered text.
 */
import { readlinkSync, statSync } from 'node:fs';

/** Local "YYYY-MM-DD hh:mm" by UTC minute: every instant of a UTC minute is in one local minute (offsets are whole minutes). */
const byMinute = new Map<string, string>();

/** An instant as local "YYYY-MM-DD hh:mm" (what cannot be read as a date is shown as it is). */
export function localTime(iso: string): string {
  // the stored form, 2026-12-03T08:21:28.123Z: its first 16 characters name the UTC minute
  const minute = iso.length === 24 && iso.charCodeAt(23) === 90 /* Z */ ? iso.slice(0, 16) : null;
  const known = minute === null ? undefined : byMinute.get(minute);
  if (known !== undefined) return known;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  const text = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  if (minute !== null && Number.isInteger(d.getTimezoneOffset())) byMinute.set(minute, text);
  return text;
}

/**
 * What decides this process's time zone, as a string: $TZ, what /etc/localtime is (the zone it
 * links to, or the file's stamp), the time-zone data's version, and the zone's offsets over a span
 * of years (for systems with neither). A change of any of them may change what localTime shows.
 */
export function timeZoneKey(): string {
  let zone: string;
  try {
    zone = readlinkSync('/etc/localtime');
  } catch {
    try {
      const s = statSync('/etc/localtime');
      zone = `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      zone = '';
    }
  }
  const offsets: number[] = [];
  for (let y = 1990; y <= 2040; y++) offsets.push(new Date(y, 0, 1).getTimezoneOffset(), new Date(y, 6, 1).getTimezoneOffset());
  return JSON.stringify([process.env.TZ ?? null, zone, process.versions.tz ?? '', offsets.join(',')]);
}
