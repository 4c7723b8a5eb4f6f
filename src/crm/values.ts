// How the CRM database stores dates and times: text 'YYYY-MM-DD hh:mm:ss' in local time.
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function dateText(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The current time as stored. */
export function nowText(): string {
  return dateText(new Date());
}

/**
 * A query parameter as the database takes it: a script's String may reach here as a `String`
 * object (the runtime's null String, "no value", is one); it is stored as its text ('' for null).
 */
export function plainParam<T>(v: T): T {
  return (v instanceof String ? v.valueOf() : v) as T;
}
