// Parsing JSON text into plain values (JsonValue), with faults that name the line and column:
// parseJSON (through xml-json.ts) and Map's JSON parsing use it.
import { CrmError } from '../runtime/values.js';

export type JsonValue =
  | { kind: 'object'; members: [string, JsonValue][]; source: string }
  | { kind: 'array'; items: JsonValue[]; source: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' };

/** Line and column (1-based) of offset `pos` in `text`. */
export function lineCol(text: string, pos: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${pos - lineStart + 1}`;
}

/** Arrays and objects nested deeper than this are an error, not a stack overflow (hostile text). */
export const MAX_NESTING = 1000;

class JsonParser {
  pos = 0;
  depth = 0;
  constructor(
    private readonly s: string,
    private readonly who: string,
  ) {}

  fail(what: string): never {
    const where = this.pos >= this.s.length ? 'at the end of the text' : `at ${lineCol(this.s, this.pos)}`;
    throw new CrmError(`${this.who}: invalid JSON ${where}: ${what}.`);
  }

  ws(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  value(): JsonValue {
    this.ws();
    const s = this.s;
    if (this.pos >= s.length) this.fail('expected a value');
    const c = s[this.pos];
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_NESTING) this.fail(`arrays and objects nest more than ${MAX_NESTING} deep`);
      const v = c === '{' ? this.object() : this.array();
      this.depth--;
      return v;
    }
    if (c === '"') return { kind: 'string', value: this.string() };
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (s.startsWith('true', this.pos)) {
      this.pos += 4;
      return { kind: 'bool', value: true };
    }
    if (s.startsWith('false', this.pos)) {
      this.pos += 5;
      return { kind: 'bool', value: false };
    }
    if (s.startsWith('null', this.pos)) {
      this.pos += 4;
      return { kind: 'null' };
    }
    this.fail(`unexpected character '${c}'`);
  }

  object(): JsonValue {
    const start = this.pos;
    this.pos++; // {
    const members: [string, JsonValue][] = [];
    this.ws();
    if (this.s[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', members, source: this.s.slice(start, this.pos) };
    }
    for (;;) {
      this.ws();
      if (this.s[this.pos] !== '"') this.fail('expected a member name in double quotes');
      const key = this.string();
      this.ws();
      if (this.s[this.pos] !== ':') this.fail("expected ':' after a member name");
      this.pos++;
      members.push([key, this.value()]);
      this.ws();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return { kind: 'object', members, source: this.s.slice(start, this.pos) };
      }
      this.fail("expected ',' or '}' in an object");
    }
  }

  array(): JsonValue {
    const start = this.pos;
    this.pos++; // [
    const items: JsonValue[] = [];
    this.ws();
    if (this.s[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', items, source: this.s.slice(start, this.pos) };
    }
    for (;;) {
      items.push(this.value());
      this.ws();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return { kind: 'array', items, source: this.s.slice(start, this.pos) };
      }
      this.fail("expected ',' or ']' in an array");
    }
  }

  string(): string {
    const s = this.s;
    this.pos++; // opening quote
    let out = '';
    let run = this.pos;
    for (;;) {
      if (this.pos >= s.length) this.fail('a string is not closed');
      const c = s.charCodeAt(this.pos);
      if (c === 0x22) {
        out += s.slice(run, this.pos);
        this.pos++;
        return out;
      }
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += s.slice(run, this.pos);
      const e = s[this.pos + 1];
      this.pos += 2;
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = s.slice(this.pos, this.pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos -= 2;
            this.fail('bad \\u escape');
          }
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 4;
          break;
        }
        default:
          this.pos -= 2;
          this.fail('unknown escape sequence in a string');
      }
      run = this.pos;
    }
  }

  number(): JsonValue {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.pos;
    const r = m.exec(this.s);
    if (!r) this.fail('malformed number');
    this.pos += r[0].length;
    return { kind: 'number', text: r[0] };
  }
}

/** Parses a whole JSON text; faults are CrmErrors naming `who` (e.g. 'parseJSON'). */
export function parseJsonText(text: string, who: string): JsonValue {
  const p = new JsonParser(text, who);
  if (text.charCodeAt(0) === 0xfeff) p.pos = 1;
  p.ws();
  if (p.pos >= text.length) throw new CrmError(`${who}: the JSON text is empty.`);
  const v = p.value();
  p.ws();
  if (p.pos < text.length) p.fail('unexpected text after the JSON value');
  return v;
}
