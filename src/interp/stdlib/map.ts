// Map: String keys to String values, iterated in sorted key order, with an internal cursor.
import type { NativeClass } from './registry.js';
import { CrmError, plainString } from '../runtime/values.js';
import { jsonQuote, formatFixed6 } from './jsonbuilder.js';
import { parseJsonText, type JsonValue } from './json-parse.js';
import { charge, isGrowthPoint, reserveGrowth } from '../runtime/memory.js';

/**
 * The runtime object behind a CRMScript Map. Lookups go through a JS Map (O(1)); the sorted key
 * list the cursor walks is kept beside it and, after bulk inserts, re-sorted only when read.
 */
export class CrmMap {
  readonly data = new Map<string, string>();
  private sorted: string[] | null = [];
  /** Cursor position in the sorted key list; >= size means eof. */
  private pos = 0;
  /** New keys added since the sorted list was last read. */
  private unreadInserts = 0;

  keys(): string[] {
    this.unreadInserts = 0;
    if (this.sorted === null) {
      // Default sort compares UTF-16 code units; that matches std::map's byte order for all
      // text outside the rare supplementary-plane vs U+E000..U+FFFF mix.
      this.sorted = Array.from(this.data.keys()).sort();
    }
    return this.sorted;
  }

  get size(): number {
    return this.data.size;
  }

  get(key: string): string {
    const v = this.data.get(key);
    return v === undefined ? '' : v;
  }

  /** Sets a value; the docs say insert rewinds the cursor to the first element. */
  insert(key: string, value: string): void {
    this.put(key, value);
    this.pos = 0;
  }

  /** Sets a value without touching the cursor (unless the key list changes). */
  put(key: string, value: string): void {
    const data = this.data;
    const n = data.size;
    // a new key at a power of two makes the Map grow its table: accounted before (runtime/memory.ts)
    if (isGrowthPoint(n + 1)) reserveGrowth(n + 1, 48);
    data.set(key, value);
    if (data.size !== n) this.added(key);
    charge(2 * value.length);
  }

  /** A new key went in (put): accounted, and the cursor and the sorted key list told. */
  private added(key: string): void {
    charge(48 + 2 * key.length);
    this.pos = 0;
    // Interleaved inserts and reads keep the sorted list up to date by insertion; a run of
    // inserts with no read in between drops it, to be sorted once when it is needed again.
    if (this.sorted !== null && this.unreadInserts++ < 32) this.sorted.splice(lowerBound(this.sorted, key), 0, key);
    else this.sorted = null;
  }

  remove(key: string): void {
    if (!this.data.delete(key)) return;
    if (this.sorted !== null) {
      const i = lowerBound(this.sorted, key);
      this.sorted.splice(i, 1);
      // keep the cursor on the same element when an earlier one goes away
      if (i < this.pos) this.pos--;
    }
  }

  clear(): void {
    this.data.clear();
    this.sorted = [];
    this.pos = 0;
    this.unreadInserts = 0;
  }

  first(): boolean {
    this.pos = 0;
    return this.data.size > 0;
  }

  next(): boolean {
    const n = this.keys().length;
    if (this.pos < n) this.pos++;
    return this.pos < n;
  }

  eof(): boolean {
    return this.pos >= this.keys().length;
  }

  currentKey(): string {
    const k = this.keys();
    return this.pos < k.length ? k[this.pos] : '';
  }

  currentVal(): string {
    const k = this.keys();
    return this.pos < k.length ? (this.data.get(k[this.pos]) ?? '') : '';
  }

  /** Compact JSON object in key order, every value a JSON string. */
  toJson(): string {
    const parts: string[] = [];
    for (const k of this.keys()) parts.push(`${jsonQuote(k)}:${jsonQuote(this.data.get(k)!)}`);
    return `{${parts.join(',')}}`;
  }
}

function lowerBound(arr: string[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** C atoi(): optional blanks, sign and leading digits; anything else gives 0. */
function atoi(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) | 0 : 0;
}

/** C atof(): the longest leading decimal number; 0 when there is none. */
function atof(s: string): number {
  const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** Map(String): one "key=value" pair per line. */
function parseLines(m: CrmMap, text: string): void {
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const eq = line.indexOf('=');
    // The docs warn against a blank after "\n": leading blanks stay part of the key, so only
    // the blanks around "=" are dropped.
    const key = (eq < 0 ? line : line.slice(0, eq)).trimEnd();
    const value = eq < 0 ? '' : line.slice(eq + 1).trim();
    m.put(key, value);
  }
}

function jsonToMapValue(v: JsonValue): string {
  switch (v.kind) {
    case 'string':
      return v.value;
    case 'number':
      return v.text;
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'null':
      return '';
    default:
      return v.source;
  }
}

export const MapClass: NativeClass = {
  name: 'Map',
  extraSignatures: ['String getWithFallback(String key, String fallback)'],
  defaultValue: () => new CrmMap(),
  ctors: {
    '()': () => new CrmMap(),
    '(String)': (text: string) => {
      const m = new CrmMap();
      parseLines(m, text);
      return m;
    },
  },
  methods: {
    'insert(String,String)': (self: CrmMap, key: string, value: string) => {
      self.insert(plainString(key), value);
      return self;
    },
    'exists(String)': (self: CrmMap, key: string) => self.data.has(plainString(key)),
    'size()': (self: CrmMap) => self.size,
    'get(String)': (self: CrmMap, key: string) => self.get(plainString(key)),
    // newer than the reference: the fallback when the key is not in the map
    'getWithFallback(String,String)': (self: CrmMap, key: string, fallback: string) => {
      const k = plainString(key);
      return self.data.has(k) ? self.get(k) : fallback;
    },
    'getKey()': (self: CrmMap) => self.currentKey(),
    'getVal()': (self: CrmMap) => self.currentVal(),
    // A missing key counts as "0".
    'increaseValueForKey(String,Integer)': (self: CrmMap, key: string, inc: number) => {
      key = plainString(key);
      self.put(key, String((atoi(self.get(key)) + inc) | 0));
    },
    // Formatted like printf's %f: the docs' example turns "10" plus 2.5 into "12.500000".
    'increaseValueForKey(String,Float)': (self: CrmMap, key: string, inc: number) => {
      key = plainString(key);
      self.put(key, formatFixed6(atof(self.get(key)) + inc));
    },
    'remove(String)': (self: CrmMap, key: string) => {
      self.remove(plainString(key));
    },
    'clear()': (self: CrmMap) => {
      self.clear();
    },
    'eof()': (self: CrmMap) => self.eof(),
    'first()': (self: CrmMap) => self.first(),
    'next()': (self: CrmMap) => self.next(),
    'toJson()': (self: CrmMap) => self.toJson(),
    // Adds the members of a JSON object; existing keys not in the JSON are kept.
    'fromJson(String)': (self: CrmMap, json: string) => {
      const v = parseJsonText(json, 'Map.fromJson');
      if (v.kind !== 'object') throw new CrmError('Map.fromJson expects a JSON object.');
      for (const [k, val] of v.members) self.put(k, jsonToMapValue(val));
      self.first();
    },
  },
};

/** A new Map holding the entries, added with insert() in their order (as a script's own inserts would be). */
export function mapOf(entries: Iterable<readonly [string, string]>): unknown {
  const m = MapClass.ctors!['()']();
  const insert = MapClass.methods!['insert(String,String)'];
  for (const [k, v] of entries) insert(m, k, v);
  return m;
}
