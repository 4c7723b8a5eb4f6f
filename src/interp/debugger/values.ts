// How the debugger shows values: a variable's display text (with a preview of what an array,
// struct, Map, Vector or NetServer object holds) and the references by which a client opens
// such a value one level at a time. References last until the run resumes (`reset`).
import { GenericValue, NULL_STRING, structMetaOf } from '../runtime/values.js';
import { CrmMap } from '../stdlib/map.js';
import { NSObject, typeOfValue } from '../stdlib/netserver/object.js';
import { CrmVector } from '../stdlib/vector.js';
import { nativeClasses } from '../stdlib/table.js';
import { baseOf } from '../type-rules.js';
import type { Variable } from './protocol.js';

/** Most children listed for one array, Map or Vector. */
const MAX_CHILDREN = 1000;
const MAX_TEXT = 10_000;

type RefEntry = { kind: 'array'; elem: string; v: unknown[] } | { kind: 'struct'; v: Record<string, unknown> } | { kind: 'map'; v: CrmMap } | { kind: 'vector'; v: CrmVector } | { kind: 'ns'; v: NSObject };

function clip(s: string): string {
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) + '…' : s;
}

function scalar(type: string, v: unknown): string {
  if (typeof v === 'number') return type === 'Float' ? String(v) : String(v === 0 ? 0 : v);
  return String(v);
}

/** Display text of a built-in object: its toString() when it has one. */
function text(type: string, v: unknown): string {
  const cls = nativeClasses.get(baseOf(type));
  const ts = cls?.methods?.['toString()'];
  if (ts) {
    try {
      return clip(String(ts(v)));
    } catch {
      // fall through to the type name
    }
  }
  return type;
}

/** Short text of a value, for previews inside a parent's display. */
function short(type: string, v: unknown): string {
  if (v === undefined) return '(not set)';
  if (v === null || v === NULL_STRING) return 'null';
  if (v instanceof GenericValue) return short(v.type, v.value);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v !== 'object') return scalar(type, v);
  if (Array.isArray(v)) return `[${v.length}]`;
  const meta = structMetaOf(v);
  if (meta) return `${meta.name} {…}`;
  if (v instanceof NSObject) return `${v.cls} {…}`;
  return text(type, v);
}

function preview(items: string[], total: number): string {
  const shown = items.slice(0, 10);
  return shown.join(', ') + (total > shown.length ? ', …' : '');
}

/** The variables shown while the run is paused, and the references to open their values. */
export class ValueRefs {
  private refs: RefEntry[] = [];

  /** Forgets every reference (the run resumed or paused anew). */
  reset(): void {
    this.refs = [];
  }

  private add(e: RefEntry): number {
    this.refs.push(e);
    return this.refs.length;
  }

  describe(name: string, type: string, v: unknown): Variable {
    if (v === undefined) return { name, type, value: '(not set)', ref: 0 };
    if (v instanceof GenericValue) {
      const inner = this.describe(name, v.type, v.value);
      return { ...inner, type: `Generic (${v.type})` };
    }
    if (v === null || v === NULL_STRING) return { name, type, value: 'null', ref: 0 };
    if (typeof v === 'string') return { name, type, value: clip(JSON.stringify(v)), ref: 0 };
    if (typeof v !== 'object') return { name, type, value: scalar(type, v), ref: 0 };
    if (Array.isArray(v)) {
      const elem = type.endsWith('[]') ? type.slice(0, -2) : 'Generic';
      const items = v.slice(0, 10).map((x) => short(elem, x));
      return { name, type, value: `[${preview(items, v.length)}]`, ref: this.add({ kind: 'array', elem, v }), count: v.length };
    }
    const meta = structMetaOf(v);
    if (meta) {
      const rec = v as Record<string, unknown>;
      const items = meta.fields.map((f) => `${f.name}: ${short(f.type, rec[`f_${f.name}`])}`);
      return { name, type: meta.name, value: `${meta.name} {${preview(items, meta.fields.length)}}`, ref: this.add({ kind: 'struct', v: rec }), count: meta.fields.length };
    }
    if (v instanceof CrmMap) {
      const keys = v.keys();
      const items = keys.slice(0, 10).map((k) => `${JSON.stringify(k)}: ${short('String', v.get(k))}`);
      return { name, type, value: `Map (${keys.length}) {${preview(items, keys.length)}}`, ref: keys.length ? this.add({ kind: 'map', v }) : 0, count: keys.length };
    }
    if (v instanceof NSObject) {
      // a NetServer entity or carrier: the properties set so far (unset ones read as defaults)
      const props = Object.keys(v.f).sort();
      const items = props.slice(0, 10).map((p) => `${p}: ${short(typeOfValue(v.f[p]), v.f[p])}`);
      return { name, type: v.cls, value: `${v.cls} {${preview(items, props.length)}}`, ref: props.length ? this.add({ kind: 'ns', v }) : 0, count: props.length };
    }
    if (v instanceof CrmVector) {
      const items = v.items.slice(0, 10).map((x) => short('String', x));
      return { name, type, value: `Vector (${v.items.length}) [${preview(items, v.items.length)}]`, ref: v.items.length ? this.add({ kind: 'vector', v }) : 0, count: v.items.length };
    }
    return { name, type, value: text(type, v), ref: 0 };
  }

  children(ref: number): Variable[] {
    const e = this.refs[ref - 1];
    if (!e) throw new Error(`variable reference ${ref} is no longer valid (references last until the run resumes)`);
    const out: Variable[] = [];
    const more = (total: number): void => {
      if (total > MAX_CHILDREN) out.push({ name: '…', type: '', value: `${total - MAX_CHILDREN} more not shown`, ref: 0 });
    };
    switch (e.kind) {
      case 'array':
        for (let i = 0; i < Math.min(e.v.length, MAX_CHILDREN); i++) out.push(this.describe(`[${i}]`, e.elem, e.v[i]));
        more(e.v.length);
        break;
      case 'struct':
        for (const f of structMetaOf(e.v)!.fields) out.push(this.describe(f.name, f.type, e.v[`f_${f.name}`]));
        break;
      case 'map': {
        const keys = e.v.keys();
        for (const k of keys.slice(0, MAX_CHILDREN)) out.push(this.describe(JSON.stringify(k), 'String', e.v.get(k)));
        more(keys.length);
        break;
      }
      case 'vector':
        for (let i = 0; i < Math.min(e.v.items.length, MAX_CHILDREN); i++) out.push(this.describe(`[${i}]`, 'String', e.v.items[i]));
        more(e.v.items.length);
        break;
      case 'ns':
        for (const p of Object.keys(e.v.f).sort()) out.push(this.describe(p, typeOfValue(e.v.f[p]), e.v.f[p]));
        break;
    }
    return out;
  }
}
