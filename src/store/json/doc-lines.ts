/**
 * The entity lines of one collection of store.json as ranges of the bytes read from the file:
 * a line is decoded only when something needs it (its text to compare with a known line, its
 * entity), so a reader that reads the store once does not decode the whole file first. A line
 * can be read without a field it does not need, which is then not decoded at all (cut-field.ts).
 */
import { textWithout } from './cut-field.js';

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
   * The entity of line `i` without its string field `key` (a script without its source), which
   * is not decoded; throws SyntaxError for a line that is not JSON.
   */
  entityWithout(i: number, key: string): object {
    const cut = textWithout(this.bytes, this.starts[i]!, this.ends[i]!, key);
    if (cut !== null) {
      const e = JSON.parse(cut) as unknown;
      // still there: the cut was a member of an object nested in the entity (see cut-field.ts)
      if (typeof e === 'object' && e !== null && !Object.hasOwn(e, key)) return e;
    }
    const { [key]: _dropped, ...rest } = this.entity(i) as Record<string, unknown>;
    return rest;
  }

  private decode(i: number): string {
    return this.bytes.toString('utf8', this.starts[i], this.ends[i]);
  }
}
