// How the CRM database stores dates and times: text 'YYYY-MM-DD hh:mm:ss' in local time.
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function dateText(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The current time as stored. */
export function nowText(): string {
  return dateText(new Date());
}
