/**
 * Where one string field of an entity line of store.json lies, found without decoding the line:
 * how `scripts list` reads ten thousand scripts without their sources (90% of the file).
 *
 * The search runs over the file's bytes seen as latin1 (one character per byte, so positions are
 * byte offsets and nothing is decoded; the ASCII characters searched for never occur inside a
 * UTF-8 sequence, whose bytes are all ≥ 0x80).
 *
 * Why a search finds the field: in valid JSON a raw `"` byte is always a string's opening or
 * closing quote (inside a string it is written `\"`), so `,"source":"` can only be a member named
 * `source` with a string value, in the entity or in an object nested in it (after a string's
 * closing quote only `,` `:` `]` `}` may follow, never `source`). Its value ends at the first `"`
 * not escaped by an odd run of backslashes. Cutting the member `,"source":"…"` out of a valid
 * object leaves a valid object; the caller parses it and, should the cut have hit a nested
 * member, still finds the entity's own `source` in it and parses the whole line instead.
 */
const BACKSLASH = 0x5c;

const needles = new Map<string, string>();

/**
 * Where the first member named `key` whose value is a string lies in the object `view[start…end)`:
 * `[at, after)` covers the member with the comma before it (cut it out and the object stays
 * valid); null when the line has no such member.
 */
export function memberRange(view: string, start: number, end: number, key: string): [number, number] | null {
  let needle = needles.get(key);
  if (needle === undefined) needles.set(key, (needle = Buffer.from(`,${JSON.stringify(key)}:"`, 'utf8').toString('latin1')));
  const at = view.indexOf(needle, start);
  if (at < 0 || at + needle.length > end) return null;
  const after = stringEnd(view, at + needle.length - 1, end);
  return after < 0 ? null : [at, after];
}

/** After the JSON string whose opening quote is at `open`: jumps from quote to quote, counting the backslashes before each; -1 when it does not end before `end`. */
function stringEnd(view: string, open: number, end: number): number {
  for (let q = view.indexOf('"', open + 1); q >= 0 && q < end; q = view.indexOf('"', q + 1)) {
    let slashes = 0;
    while (view.charCodeAt(q - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q + 1;
  }
  return -1;
}
