/** Measuring, cutting and padding text to terminal cells. */

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function isZeroWidth(cp: number): boolean {
  return (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f);
}

function charWidth(cp: number): number {
  if (cp < 32 || cp === 127) return 0;
  if (isZeroWidth(cp)) return 0;
  return isWide(cp) ? 2 : 1;
}

/** Cells the text takes in a terminal (no escape sequences expected). */
export function cellWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Cut to at most `w` cells, ending in "…" when something was cut. */
export function truncate(s: string, w: number): string {
  if (w <= 0) return '';
  if (cellWidth(s) <= w) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (used + cw > w - 1) break;
    out += ch;
    used += cw;
  }
  return out + '…';
}

/** Exactly `w` cells: cut (with "…") or padded with spaces. */
export function fit(s: string, w: number, align: 'left' | 'right' = 'left'): string {
  const t = truncate(s, w);
  const pad = ' '.repeat(Math.max(0, w - cellWidth(t)));
  return align === 'left' ? t + pad : pad + t;
}

/** Cells `from`..`from+w` of a line (for horizontal scrolling), padded to w when `pad`. */
export function sliceCells(s: string, from: number, w: number): string {
  let out = '';
  let pos = 0;
  let used = 0;
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (pos >= from) {
      if (used + cw > w) break;
      out += ch;
      used += cw;
    }
    pos += cw;
  }
  return out;
}

/** Tabs to spaces (tab stops every `size` cells) and other control characters removed. */
export function expandTabs(line: string, size = 4): string {
  if (!/[\t\u0000-\u0008\u000b-\u001f\u007f]/.test(line)) return line;
  let out = '';
  let col = 0;
  for (const ch of line) {
    if (ch === '\t') {
      const n = size - (col % size);
      out += ' '.repeat(n);
      col += n;
    } else if (ch === '\r' || /[\u0000-\u001f\u007f]/.test(ch)) {
      continue;
    } else {
      out += ch;
      col += charWidth(ch.codePointAt(0)!);
    }
  }
  return out;
}

/** Split text into display lines (a trailing newline does not make an empty last line). */
export function toLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => expandTabs(l));
}

/** "0.4 ms", "12 ms", "1.25 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m} min ${s} s`;
}

/** "2025-01-31 14:05" in local time; the short form drops the year. */
export function formatDateTime(iso: string, short = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  const time = `${p(d.getHours())}:${p(d.getMinutes())}`;
  return short ? `${date} ${time}` : `${d.getFullYear()}-${date} ${time}`;
}

/** "1 script", "3 scripts". */
export { plural } from '../interp/util/plural.js';

/** Wrap text to `w` cells per line, breaking at spaces where possible. */
export function wrapText(text: string, w: number): string[] {
  const out: string[] = [];
  for (const raw of toLines(text)) {
    if (cellWidth(raw) <= w) {
      out.push(raw);
      continue;
    }
    let line = '';
    for (const word of raw.split(/(\s+)/)) {
      if (cellWidth(line + word) <= w) {
        line += word;
        continue;
      }
      if (line.trim() !== '') out.push(line.trimEnd());
      line = word.trimStart();
      while (cellWidth(line) > w) {
        const head = sliceCells(line, 0, w);
        out.push(head);
        line = line.slice(head.length);
      }
    }
    out.push(line.trimEnd());
  }
  return out;
}

/**
 * Widths for flexible columns sharing `total` cells by what they hold: each
 * gets at least its minimum, then the rest goes to the columns still cut
 * short, a cell at a time to the one missing the largest share of what it
 * wants; cells nobody wants go to the last column.
 */
export function shareWidth(total: number, columns: ReadonlyArray<{ want: number; min: number }>): number[] {
  const w = columns.map((c) => c.min);
  let left = total - w.reduce((a, b) => a + b, 0);
  while (left > 0) {
    let best = -1;
    let bestShort = 0;
    columns.forEach((c, i) => {
      const short = (c.want - w[i]!) / Math.max(c.want, 1);
      if (c.want > w[i]! && short > bestShort) {
        best = i;
        bestShort = short;
      }
    });
    if (best < 0) break;
    w[best]!++;
    left--;
  }
  if (left > 0 && w.length > 0) w[w.length - 1]! += left;
  return w;
}
