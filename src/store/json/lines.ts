/**
 * The lines of a journal file (see journal.ts): each is one update, `{"u":N,"w":"…","ops":[…],"h":"…"}`,
 * ending with a hash of the rest of its text, so a reader can tell a line crmscript-tui wrote (its
 * records were checked before) from one written by an older build or changed by hand; and reading
 * the last complete line or cutting a torn one off without reading the whole file.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';

/** `,"h":"` + 16 hex digits + `"}` */
const HASH_SUFFIX = 24;

function lineHash(body: string): string {
  return createHash('sha1').update(body).digest('hex').slice(0, 16);
}

/** The text of a journal line (without its newline): the update with the hash of its own text. */
export function hashedLine(update: { u: number; w: string; ops: unknown[] }): string {
  const body = JSON.stringify(update);
  return `${body.slice(0, -1)},"h":"${lineHash(body)}"}`;
}

/** Whether a line ends with the hash of the rest (written by crmscript-tui, unchanged since). */
export function hashOk(line: string): boolean {
  if (line.length <= HASH_SUFFIX || !line.endsWith('"}') || !line.startsWith(',"h":"', line.length - HASH_SUFFIX)) return false;
  return lineHash(`${line.slice(0, -HASH_SUFFIX)}}`) === line.slice(-18, -2);
}

/** The update number and files of a journal line (0 and none for lines of older builds). */
export function lineHeader(line: string): { u: number; w: string } {
  try {
    const v = JSON.parse(line) as { u?: unknown; w?: unknown };
    if (v && typeof v === 'object' && !Array.isArray(v)) return { u: Number(v.u) || 0, w: typeof v.w === 'string' ? v.w : '' };
  } catch {
    // torn or broken: callers treat it as no update
  }
  return { u: 0, w: '' };
}

/**
 * The last complete line of a file and where it starts, plus the file's size
 * (a torn tail after the last newline is not a line). Null when the file is
 * missing or holds no complete line.
 */
export function lastLine(file: string): { line: string; start: number; end: number; size: number } | null {
  const fd = openOrNull(file);
  if (fd === null) return null;
  try {
    const size = fstatSync(fd).size;
    let chunk = 16 * 1024;
    for (;;) {
      const from = Math.max(0, size - chunk);
      const buf = Buffer.allocUnsafe(size - from);
      const n = readSync(fd, buf, 0, buf.length, from);
      const end = buf.lastIndexOf(10, n - 1);
      if (end < 0) {
        if (from === 0) return null;
        chunk *= 4;
        continue;
      }
      const prev = end === 0 ? -1 : buf.lastIndexOf(10, end - 1);
      if (prev < 0 && from > 0) {
        chunk *= 4;
        continue;
      }
      return { line: buf.toString('utf8', prev + 1, end), start: from + prev + 1, end: from + end + 1, size };
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether the first and the last line of a journal carry their hash (true for an empty or missing
 * file): what a reader looks at before deciding it can read the journal later without the checker.
 */
export function edgeLinesHashed(file: string): boolean {
  const last = lastLine(file);
  if (!last) return true;
  if (!hashOk(last.line)) return false;
  if (last.start === 0) return true;
  // a line ends before the last one starts
  const first = firstLine(file);
  return first !== null && hashOk(first);
}

/** The first line of a file, read a piece at a time (a header before megabytes of data); null when the file is missing or holds no complete line. */
export function firstLine(file: string): string | null {
  const fd = openOrNull(file);
  if (fd === null) return null;
  try {
    const parts: Buffer[] = [];
    for (let chunk = 16 * 1024, at = 0; ; chunk *= 4) {
      const buf = Buffer.allocUnsafe(chunk);
      const n = readSync(fd, buf, 0, chunk, at);
      const end = buf.subarray(0, n).indexOf(10);
      if (end >= 0) return Buffer.concat([...parts, buf.subarray(0, end)]).toString('utf8');
      if (n === 0) return null;
      parts.push(buf.subarray(0, n));
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}

/** Cut a file at `length` bytes, durably (removing a torn or unfinished last update). */
export function truncateFile(file: string, length: number): void {
  const fd = openSync(file, 'r+');
  try {
    ftruncateSync(fd, length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A descriptor of `file` opened for reading; null when it cannot be opened (missing, unreadable). */
export function openOrNull(file: string): number | null {
  try {
    return openSync(file, 'r');
  } catch {
    return null;
  }
}
