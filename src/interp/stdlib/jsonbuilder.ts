// JSONBuilder: writes a JSON document step by step (push/add/pop), with escaping and optional
// pretty printing.
//
// Output format, as the reference docs show it: members are written `"key": value` (a blank after
// the colon, `{"who": "World"}`), separated by a bare comma; with setPrettyPrint(n > 0) every
// member goes on its own line, indented n spaces per level. Floats use printf's %f ("500.000000").
import type { NativeClass } from './registry.js';
import { charge, reserve } from '../runtime/memory.js';
import { formatFloat } from './numbers.js';

/** JSON string literal for `s`: quotes, backslashes and control characters escaped. */
export function jsonQuote(s: string): string {
  // fast path: nothing to escape
  if (!/["\\\u0000-\u001f]/.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c >= 0x20) out += s[i];
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else out += '\\u' + c.toString(16).padStart(4, '0');
  }
  return out + '"';
}

/** printf("%f"): six decimals ("12.500000"); nan/inf as C prints them. */
export function formatFixed6(f: number): string {
  return formatFloat(f, 6);
}

interface Level {
  kind: 'object' | 'array';
  count: number;
}

export class CrmJSONBuilder {
  private buf = '';
  private readonly stack: Level[] = [];
  private rootCount = 0;
  /** Spaces per level when pretty printing; 0 writes everything on one line. */
  indent = 0;

  /** Separator, line break and (inside an object) the key, before a new value. */
  private begin(key: string): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) {
      // several values at the root: keep them apart so the text stays readable
      if (this.rootCount++ > 0) this.buf += ',';
      return;
    }
    if (top.count++ > 0) this.buf += ',';
    if (this.indent > 0) {
      reserve(2 * this.indent * this.stack.length);
      this.buf += '\n' + ' '.repeat(this.indent * this.stack.length);
    }
    // keys are required in objects and ignored in arrays
    if (top.kind === 'object') this.buf += jsonQuote(key) + ': ';
  }

  pushObject(key: string): void {
    this.begin(key);
    this.buf += '{';
    this.stack.push({ kind: 'object', count: 0 });
  }

  pushArray(key: string): void {
    this.begin(key);
    this.buf += '[';
    this.stack.push({ kind: 'array', count: 0 });
  }

  /** Closes the innermost object or array; does nothing when none is open. */
  popLevel(): void {
    const top = this.stack.pop();
    if (!top) return;
    if (this.indent > 0 && top.count > 0) this.buf += '\n' + ' '.repeat(this.indent * this.stack.length);
    this.buf += top.kind === 'object' ? '}' : ']';
  }

  finalize(): void {
    while (this.stack.length > 0) this.popLevel();
  }

  /** Appends an already formatted JSON value. */
  addRaw(key: string, json: string): void {
    this.begin(key);
    charge(2 * json.length);
    this.buf += json;
  }

  addString(key: string, value: string): void {
    this.addRaw(key, jsonQuote(value));
  }

  addInteger(key: string, value: number): void {
    this.addRaw(key, String(value | 0));
  }

  addFloat(key: string, value: number): void {
    this.addRaw(key, formatFixed6(value));
  }

  addBoolean(key: string, value: boolean): void {
    this.addRaw(key, value ? 'true' : 'false');
  }

  /** The text built so far; levels still open are not closed. */
  getString(): string {
    return this.buf;
  }

  get depth(): number {
    return this.stack.length;
  }
}

const setPrettyPrint = (self: CrmJSONBuilder, indent: number) => {
  self.indent = indent > 0 ? indent : 0;
};

export const JSONBuilderClass: NativeClass = {
  name: 'JSONBuilder',
  defaultValue: () => new CrmJSONBuilder(),
  ctors: {
    '()': () => new CrmJSONBuilder(),
  },
  methods: {
    'addBoolean(String,Bool)': (self: CrmJSONBuilder, key: string, v: boolean) => self.addBoolean(key, v),
    'addFloat(String,Float)': (self: CrmJSONBuilder, key: string, v: number) => self.addFloat(key, v),
    'addInteger(String,Integer)': (self: CrmJSONBuilder, key: string, v: number) => self.addInteger(key, v),
    'addString(String,String)': (self: CrmJSONBuilder, key: string, v: string) => self.addString(key, v),
    'finalize()': (self: CrmJSONBuilder) => self.finalize(),
    'getString()': (self: CrmJSONBuilder) => self.getString(),
    'popLevel()': (self: CrmJSONBuilder) => self.popLevel(),
    'pushArray(String)': (self: CrmJSONBuilder, key: string) => self.pushArray(key),
    'pushObject(String)': (self: CrmJSONBuilder, key: string) => self.pushObject(key),
    'setPrettyPrint(Integer)': setPrettyPrint,
    // the catalog's signature text spells it with a capital S
    'SetPrettyPrint(Integer)': setPrettyPrint,
  },
  extraSignatures: ['Void SetPrettyPrint(Integer indent)'],
};
