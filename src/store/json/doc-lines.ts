/**
 * The entity lines of one collection of store.json as ranges of the bytes read from the file:
 * a line is decoded only when something needs it (its text to compare with a known line, its
 * entity), so a reader that reads the store once does not decode the whole file first. The lines
 * can be read without a field they do not need, which is then not decoded at all (cut-field.ts).
 */
import { memberRange } from './cut-field.js';

/** A character that is not ASCII (in the latin1 view: a byte of a UTF-8 sequence). */
const NON_ASCII = /[^\x00-\x7f]/;

export class DocLines {
  private readonly texts: Array<string | undefined>;

  /** `starts[i]`…`ends[i]`: the bytes of line i (without the comma that separates it from the next). */
  constructor(
    private readonly bytes: Buffer,
    private readonly starts: readonly number[],
    private readonly ends: readonly number[],
  ) {
    this.texts = new Array<string | undefined>(starts.length);
  }

  get length(): number {
    return this.starts.length;
  }

  /** The text of line `i` (decoded once: the text is what a reader compares with the lines it knows). */
  text(i: number): string {
    return (this.texts[i] ??= this.decode(i));
  }

  /** The entity of line `i` (JSON.parse; throws SyntaxError for a line that is not JSON). */
  entity(i: number): unknown {
    return JSON.parse(this.texts[i] ?? this.decode(i));
  }

  /**
   * The entities of all lines without their string field `key` (the scripts without their
   * sources), which is not decoded: the rest of each line is cut out of a latin1 view of the
   * bytes (positions are byte offsets) and all are parsed at once, as one JSON array. Throws
   * SyntaxError for a line that is not JSON.
   */
  entitiesWithout(key: string): object[] {
    const n = this.length;
    if (n === 0) return [];
    const base = this.starts[0]!;
    const view = this.bytes.toString('latin1', base, this.ends[n - 1]);
    const parts = new Array<string>(n);
    const cuts = new Array<[number, number] | null>(n);
    for (let i = 0; i < n; i++) {
      const [s, e] = [this.starts[i]! - base, this.ends[i]! - base];
      const cut = (cuts[i] = memberRange(view, s, e, key));
      parts[i] = cut ? view.slice(s, cut[0]) + view.slice(cut[1], e) : view.slice(s, e);
    }
    let joined = `[${parts.join(',')}]`;
    if (NON_ASCII.test(joined)) {
      // what is left of a line holding other characters than ASCII is decoded as the UTF-8 it is
      for (let i = 0; i < n; i++) if (NON_ASCII.test(parts[i]!)) parts[i] = this.decodeWithout(i, cuts[i]!, base);
      joined = `[${parts.join(',')}]`;
    }
    let list: unknown;
    try {
      list = JSON.parse(joined);
    } catch {
      list = null;
    }
    // a line that is not JSON, or more than one value on a line: line by line, to throw for the right one
    if (!Array.isArray(list) || list.length !== n) list = parts.map((p) => JSON.parse(p) as unknown);
    return (list as unknown[]).map((e, i) => {
      // still there: the cut was a member of an object nested in the entity (see cut-field.ts), or there was none
      if (typeof e === 'object' && e !== null && !Array.isArray(e) && !Object.hasOwn(e, key)) return e;
      const { [key]: _dropped, ...rest } = this.entity(i) as Record<string, unknown>;
      return rest;
    });
  }

  /** Line `i` decoded without the bytes `cut` (relative to `base`; null: the whole line). */
  private decodeWithout(i: number, cut: [number, number] | null, base: number): string {
    if (!cut) return this.decode(i);
    return this.bytes.toString('utf8', this.starts[i], base + cut[0]) + this.bytes.toString('utf8', base + cut[1], this.ends[i]);
  }

  private decode(i: number): string {
    return this.bytes.toString('utf8', this.starts[i], this.ends[i]);
  }
}
