// How the trace recorder writes values: primitives as a tag and payload, objects (arrays,
// structs, Maps, Vectors) once in full when first seen and then by their changes, built-in
// objects by their text (format.ts: EncodedValue, HeapContent). A layer of the recorder between
// its buffer (chunk-buffer.ts) and its frames (frames.ts).
import type { DebugStmt } from '../compiler.js';
import { GenericValue, NULL_STRING, structMetaOf } from '../runtime/values.js';
import { CrmMap } from '../stdlib/map.js';
import { CrmVector } from '../stdlib/vector.js';
import { nativeClasses } from '../stdlib/table.js';
import { baseOf } from '../type-rules.js';
import { ChunkBuffer, type BufferOptions } from './chunk-buffer.js';
import {
  OP_CLEAR,
  OP_DEF,
  OP_MDEL,
  OP_MSET,
  OP_OUT,
  TAG_BOOL,
  TAG_JSON,
  TAG_NULL,
  TAG_NUM,
  TAG_REF,
  TAG_STR,
  TAG_UNDEF,
  type EncodedValue,
  type HeapContent,
  type TokenBase,
} from './format.js';

/** Longest string kept whole in a recording; longer ones are clipped (their length is kept). */
export const MAX_STR = 4096;

/** Display text of a built-in object: its toString() when the class has one. */
export function text(type: string, v: unknown): string {
  const cls = nativeClasses.get(baseOf(type));
  const ts = cls?.methods?.['toString()'];
  if (ts) {
    try {
      const s = String(ts(v));
      return s.length > MAX_STR ? s.slice(0, MAX_STR) + '…' : s;
    } catch {
      // fall through to the type name
    }
  }
  return type;
}

/** Arrays, structs, Maps and Vectors: recorded once, then by their changes. */
export function isHeap(v: object): boolean {
  return Array.isArray(v) || v instanceof CrmMap || v instanceof CrmVector || structMetaOf(v) !== null;
}

function clipped(s: string): EncodedValue {
  return s.length > MAX_STR ? { c: s.slice(0, MAX_STR), n: s.length } : s;
}

const clip = (s: string): string => (s.length > MAX_STR ? s.slice(0, MAX_STR) + '…' : s);

const OID = Symbol('trace-id');
type Tracked = Record<symbol, number | undefined>;

export class ValueEncoder extends ChunkBuffer {
  /** Payload of the value `encode` encoded last, and its JSON text when it is stored as one. */
  encNum = 0;
  encText: string | undefined = undefined;
  nextId = 0;
  /** Element type of recorded arrays, by object id. */
  readonly elemType: string[] = [];

  constructor(opts: BufferOptions, stmts: DebugStmt[], file: string, tok: TokenBase, w: number) {
    super(opts, stmts, file, tok, w);
  }

  /** A value inside heap content or JSON. */
  enc(v: unknown, type: string): EncodedValue {
    switch (typeof v) {
      case 'number':
        return Number.isFinite(v) ? v : { f: String(v) };
      case 'string':
        return clipped(v);
      case 'boolean':
        return v;
      case 'bigint':
        return { t: String(v) }; // a Long: recorded as its text
      case 'object':
        return v === null || (v as unknown) === NULL_STRING ? null : this.encObj(v, type); // the null String records as null
      default:
        return null;
    }
  }

  encObj(v: object, type: string): EncodedValue {
    if (v instanceof GenericValue) return { g: v.type, x: this.enc(v.value, v.type) };
    if (isHeap(v)) return { r: this.refOf(v, type) };
    return { t: text(type, v) };
  }

  /** The object's id; the first time, records its whole content. */
  refOf(v: object, type: string): number {
    const o = v as Tracked;
    let id = o[OID];
    if (id !== undefined) return id;
    id = ++this.nextId;
    o[OID] = id;
    const j = this.ev(OP_DEF, id, 0);
    const content = this.contentOf(v, type, id);
    this.eTag[j] = TAG_JSON;
    this.eNum[j] = this.str(JSON.stringify(content));
    return id;
  }

  contentOf(v: object, type: string, id: number): HeapContent {
    if (Array.isArray(v)) {
      const elem = type.endsWith('[]') ? type.slice(0, -2) : 'Generic';
      this.elemType[id] = elem;
      const out: EncodedValue[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) out[i] = this.enc(v[i], elem);
      return { a: elem, v: out };
    }
    if (v instanceof CrmMap) {
      const out: [string, string][] = [];
      for (const [key, val] of v.data) out.push([key, clip(val)]);
      return { m: out };
    }
    if (v instanceof CrmVector) return { vec: v.items.map(clip) };
    const meta = structMetaOf(v)!;
    const rec = v as Record<string, unknown>;
    return { s: meta.name, v: meta.fields.map((f) => this.enc(rec[`f_${f.name}`], f.type)) };
  }

  /**
   * Encodes a value as a tag (returned) and payload (encNum, and encText when it is JSON). It may
   * add events (an object's first definition), so callers store into the columns afterwards.
   */
  encode(v: unknown, type: string): number {
    this.encText = undefined;
    this.encNum = 0;
    switch (typeof v) {
      case 'number':
        this.encNum = v;
        return TAG_NUM;
      case 'string':
        if (v.length > MAX_STR) {
          this.encText = JSON.stringify(clipped(v));
          this.encNum = this.str(this.encText);
          return TAG_JSON;
        }
        this.encNum = this.str(v);
        return TAG_STR;
      case 'boolean':
        this.encNum = v ? 1 : 0;
        return TAG_BOOL;
      case 'bigint':
        // a Long: recorded as its text (a double would lose digits past 2^53)
        this.encText = JSON.stringify({ t: String(v) });
        this.encNum = this.str(this.encText);
        return TAG_JSON;
      case 'object': {
        if (v === null || (v as unknown) === NULL_STRING) return TAG_NULL;
        const e = this.encObj(v, type);
        if (typeof e === 'object' && e !== null && 'r' in e) {
          this.encNum = e.r;
          return TAG_REF;
        }
        const t = JSON.stringify(e);
        this.encText = t;
        this.encNum = this.str(t);
        return TAG_JSON;
      }
      default:
        return TAG_UNDEF;
    }
  }

  /** Stores a value into event j's tag and payload. */
  setVal(j: number, v: unknown, type: string): void {
    const tag = this.encode(v, type);
    this.eTag[j] = tag;
    this.eNum[j] = this.encNum;
  }

  /** The id of a recorded object (undefined when it is not recorded, or recording is off). */
  idOf(o: object): number | undefined {
    return this.off ? undefined : (o as Tracked)[OID];
  }

  /** Records a change of a recorded object: an event, with a value unless `type` is null. */
  change(op: number, id: number, b: number, v: unknown, type: string | null): void {
    const j = this.ev(op, id, b);
    if (type !== null) this.setVal(j, v, type);
  }

  out(s: string): void {
    if (this.off || s === '') return;
    const j = this.ev(OP_OUT, 0, 0);
    this.eTag[j] = TAG_STR;
    this.eNum[j] = this.str(s);
  }

  mapSet(map: CrmMap, key: string, value: string): void {
    const id = this.idOf(map);
    if (id === undefined) return;
    const j = this.ev(OP_MSET, id, this.str(key));
    this.eTag[j] = TAG_STR;
    this.eNum[j] = this.str(clip(value));
  }

  mapDel(map: CrmMap, key: string): void {
    const id = this.idOf(map);
    if (id !== undefined) this.ev(OP_MDEL, id, this.str(key));
  }

  cleared(map: CrmMap): void {
    const id = this.idOf(map);
    if (id !== undefined) this.ev(OP_CLEAR, id, 0);
  }

  /** A Vector method may have replaced or changed the items: records the Vector again. */
  vectorChanged(self: CrmVector): void {
    const id = self ? this.idOf(self) : undefined;
    if (id === undefined) return;
    const j = this.ev(OP_DEF, id, 0);
    this.eTag[j] = TAG_JSON;
    this.eNum[j] = this.str(JSON.stringify(this.contentOf(self, 'Vector', id)));
  }
}
