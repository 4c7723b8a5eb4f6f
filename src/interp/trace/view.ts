// How the trace viewer shows a replayed value, as the debugger shows a live one: a variable's
// type, a short text (with a preview of arrays, structs, Maps and Vectors) and a reference to
// expand its children; and which variables are in scope at a statement.
import type { DebugFn, DebugStmt } from '../compiler.js';
import type { Variable } from '../debugger/protocol.js';
import type { EncodedValue } from './format.js';
import type { HeapObj } from './replay.js';
import { TraceFileError } from './file-error.js';

/** Most children listed for one array, Map or Vector (as the debugger). */
const MAX_CHILDREN = 1000;

function inScope(fn: DebugFn, declScope: number, at: number): boolean {
  for (let s = at; s >= 0; s = fn.scopes[s]) if (s === declScope) return true;
  return false;
}

/** name → local index of the variables in scope at a statement (an inner declaration hides an outer one). */
export function visible(fn: DebugFn, st: DebugStmt): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < st.declared && i < fn.locals.length; i++) {
    const l = fn.locals[i];
    if (inScope(fn, l.scope, st.scope)) {
      out.delete(l.name);
      out.set(l.name, i);
    }
  }
  return out;
}

type RefEntry = { kind: 'list'; elem: string; v: EncodedValue[] } | { kind: 'struct'; name: string; v: EncodedValue[] } | { kind: 'map'; v: Map<string, string> } | { kind: 'vec'; v: string[] };

export class View {
  private refs: RefEntry[] = [];
  constructor(
    private readonly structFields: (name: string) => { name: string; type: string }[],
    private readonly heap: Map<number, HeapObj>,
  ) {}

  private addRef(e: RefEntry): number {
    this.refs.push(e);
    return this.refs.length;
  }

  private fields(name: string, n: number): { name: string; type: string }[] {
    const f = this.structFields(name);
    return f.length >= n ? f : [...f, ...Array.from({ length: n - f.length }, (_, i) => ({ name: `#${f.length + i}`, type: 'Generic' }))];
  }

  short(type: string, v: EncodedValue | undefined): string {
    if (v === undefined) return '(not set)';
    if (v === null) return 'null';
    if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
    if (typeof v === 'number') return scalar(type, v);
    if (typeof v === 'boolean') return String(v);
    if ('g' in v) return this.short(v.g, v.x);
    if ('t' in v) return v.t;
    if ('c' in v) return JSON.stringify(v.c.slice(0, 40) + '…');
    if ('f' in v) return v.f;
    const o = this.heap.get(v.r);
    if (!o) return '(unknown)';
    if (o.struct !== undefined) return `${o.struct} {…}`;
    if (o.v) return `[${o.v.length}]`;
    if (o.map) return `Map (${o.map.size})`;
    return `Vector (${o.vec?.length ?? 0})`;
  }

  describe(name: string, type: string, v: EncodedValue | undefined): Variable {
    if (v === undefined) return { name, type, value: '(not set)', ref: 0 };
    if (v === null) return { name, type, value: 'null', ref: 0 };
    if (typeof v === 'string') return { name, type, value: JSON.stringify(v), ref: 0 };
    if (typeof v === 'number') return { name, type, value: scalar(type, v), ref: 0 };
    if (typeof v === 'boolean') return { name, type, value: String(v), ref: 0 };
    if ('g' in v) return { ...this.describe(name, v.g, v.x), type: `Generic (${v.g})` };
    if ('t' in v) return { name, type, value: v.t, ref: 0 };
    if ('c' in v) return { name, type, value: `${JSON.stringify(v.c)}… (${v.n} characters)`, ref: 0 };
    if ('f' in v) return { name, type, value: v.f, ref: 0 };
    const o = this.heap.get(v.r);
    if (!o) return { name, type, value: '(unknown)', ref: 0 };
    if (o.struct !== undefined) {
      const fields = this.fields(o.struct, o.v!.length);
      const items = o.v!.map((x, i) => `${fields[i].name}: ${this.short(fields[i].type, x)}`);
      return { name, type: o.struct, value: `${o.struct} {${preview(items, items.length)}}`, ref: this.addRef({ kind: 'struct', name: o.struct, v: o.v! }), count: items.length };
    }
    if (o.v) {
      const elem = type.endsWith('[]') ? type.slice(0, -2) : (o.elem ?? 'Generic');
      const items = o.v.slice(0, 10).map((x) => this.short(elem, x));
      return { name, type, value: `[${preview(items, o.v.length)}]`, ref: this.addRef({ kind: 'list', elem, v: o.v }), count: o.v.length };
    }
    if (o.map) {
      const keys = [...o.map.keys()].sort();
      const items = keys.slice(0, 10).map((k) => `${JSON.stringify(k)}: ${this.short('String', o.map!.get(k))}`);
      return { name, type, value: `Map (${keys.length}) {${preview(items, keys.length)}}`, ref: keys.length ? this.addRef({ kind: 'map', v: o.map }) : 0, count: keys.length };
    }
    const items = (o.vec ?? []).slice(0, 10).map((x) => this.short('String', x));
    const len = o.vec?.length ?? 0;
    return { name, type, value: `Vector (${len}) [${preview(items, len)}]`, ref: len ? this.addRef({ kind: 'vec', v: o.vec! }) : 0, count: len };
  }

  children(ref: number): Variable[] {
    const e = this.refs[ref - 1];
    if (!e) throw new TraceFileError(`There is no variable reference ${ref} at this step.`);
    const out: Variable[] = [];
    const more = (total: number): void => {
      if (total > MAX_CHILDREN) out.push({ name: '…', type: '', value: `${total - MAX_CHILDREN} more not shown`, ref: 0 });
    };
    switch (e.kind) {
      case 'list':
        for (let i = 0; i < Math.min(e.v.length, MAX_CHILDREN); i++) out.push(this.describe(`[${i}]`, e.elem, e.v[i]));
        more(e.v.length);
        break;
      case 'struct': {
        const fields = this.fields(e.name, e.v.length);
        e.v.forEach((x, i) => out.push(this.describe(fields[i].name, fields[i].type, x)));
        break;
      }
      case 'map': {
        const keys = [...e.v.keys()].sort();
        for (const k of keys.slice(0, MAX_CHILDREN)) out.push(this.describe(JSON.stringify(k), 'String', e.v.get(k)));
        more(keys.length);
        break;
      }
      case 'vec':
        for (let i = 0; i < Math.min(e.v.length, MAX_CHILDREN); i++) out.push(this.describe(`[${i}]`, 'String', e.v[i]));
        more(e.v.length);
        break;
    }
    return out;
  }
}

function scalar(type: string, v: number): string {
  return type === 'Float' ? String(v) : String(v === 0 ? 0 : v);
}

function preview(items: string[], total: number): string {
  const shown = items.slice(0, 10);
  return shown.join(', ') + (total > shown.length ? ', …' : '');
}

