/**
 * An instant as local "YYYY-MM-DD hh:mm", for lists of thousands of rows (`scripts list`): the same
 * text as Date's local getters give, made with one Date.parse per row instead of a Date object and
 * five getters. The zone's offset is looked up once per 15-minute span (zone offsets change on
 * such boundaries; a span whose two ends differ goes the slow way per instant) and the date once
 * per local day.
 */
const SPAN = 15 * 60_000;
const DAY = 86_400_000;

export class LocalMinutes {
  /** Milliseconds to add to UTC, per span; null where the offset changes inside the span. */
  private readonly offsets = new Map<number, number | null>();
  /** "YYYY-MM-DD " per local day number. */
  private readonly days = new Map<number, string>();

  format(iso: string): string {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return iso;
    const offset = this.offsetAt(ms);
    if (offset === null) return slow(new Date(ms));
    const local = ms + offset;
    const day = Math.floor(local / DAY);
    let date = this.days.get(day);
    if (date === undefined) {
      const d = new Date(day * DAY);
      date = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} `;
      this.days.set(day, date);
    }
    const minutes = Math.floor((local - day * DAY) / 60_000);
    return date + p(Math.floor(minutes / 60)) + ':' + p(minutes % 60);
  }

  private offsetAt(ms: number): number | null {
    const span = Math.floor(ms / SPAN);
    let o = this.offsets.get(span);
    if (o === undefined) {
      // getTimezoneOffset() rounds an offset with seconds (local mean time before 1900): measured instead
      const first = offsetMs(span * SPAN);
      o = first === offsetMs(span * SPAN + SPAN - 1) ? first : null;
      this.offsets.set(span, o);
    }
    return o;
  }
}

/** Local time minus UTC at `ms`, to the millisecond (NaN for the years 0–99, which Date.UTC takes as 1900–1999). */
function offsetMs(ms: number): number {
  const d = new Date(ms);
  const year = d.getFullYear();
  if (year >= 0 && year < 100) return NaN;
  return Date.UTC(year, d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()) - ms;
}

const p = (n: number): string => (n < 10 ? '0' + n : String(n));

function slow(d: Date): string {
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
