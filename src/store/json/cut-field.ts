/**
 * The text of an entity line of store.json without one of its string fields, cut out of the
 * bytes without decoding it: how `scripts list` reads ten thousand scripts without their sources
 * (90% of the file).
 *
 * Why a byte search finds the field: in valid JSON a raw `"` byte is always a string's opening or
 * closing quote (inside a string it is written `\"`), so `,"source":"` can only be a member named
 * `source` with a string value, in the entity or in an object nested in it (after a string's
 * closing quote only `,` `:` `]` `}` may follow, never `source`). Its value ends at the first `"`
 * not escaped by an odd run of backslashes. Cutting the member `,"source":"…"` out of a valid
 * object leaves a valid object; the caller parses it and, should the cut have hit a nested
 * member, still finds the entity's own `source` in it and parses the whole line instead.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const needles = new Map<string, Buffer>();

/**
 * The JSON text of the object in `bytes[start…end)` without its first member named `key` whose
 * value is a string (not decoded); null when the line has no such member.
 */
export function textWithout(bytes: Buffer, start: number, end: number, key: string): string | null {
  let needle = needles.get(key);
  if (!needle) needles.set(key, (needle = Buffer.from(`,${JSON.stringify(key)}:"`, 'utf8')));
  const at = bytes.indexOf(needle, start);
  if (at < 0 || at + needle.length > end) return null;
  const after = stringEnd(bytes, at + needle.length - 1, end);
  if (after < 0) return null;
  return bytes.toString('utf8', start, at) + bytes.toString('utf8', after, end);
}

/** After the JSON string whose opening quote is at `open`: jumps from quote to quote, counting the backslashes before each; -1 when it does not end before `end`. */
function stringEnd(b: Buffer, open: number, end: number): number {
  for (let q = b.indexOf(QUOTE, open + 1); q >= 0 && q < end; q = b.indexOf(QUOTE, q + 1)) {
    let slashes = 0;
    while (b[q - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q + 1;
  }
  return -1;
}
