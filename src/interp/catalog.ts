// The built-in classes and global functions the checker knows: the API catalog (generated from
// ../shared/data by scripts/gen-catalog.mjs into catalog.json) plus the members our natives add
// through `extraSignatures`, plus the overloads real code uses (catalog-usage.ts).
import { createRequire } from 'node:module';
import type { LazyNatives, NativeClass, NativeTable } from './stdlib/registry.js';
import { USAGE_SIGNATURES } from './catalog-usage.js';

export interface Signature {
  kind: 'C' | 'M';
  name: string;
  returns: string;
  params: string[];
  /** Registry key: 'name(T1,T2)' for methods, '(T1,T2)' for constructors. */
  key: string;
}

export interface CatalogClass {
  name: string;
  kind: 'Class' | 'Enum';
  methods: Map<string, Signature[]>;
  ctors: Signature[];
  enumValues: Map<string, number>;
  native: NativeClass | undefined;
}

type RawMember = ['F', string, number] | ['C' | 'M', string, string, string[]];
interface RawCatalog {
  classes: Record<string, { kind: 'Class' | 'Enum'; members: RawMember[] }>;
}

/** Classes whose methods are global functions. */
export const GLOBAL_CLASSES = ['Void', 'Generic'];

/** The classes the checker knows, by name. */
export type Catalog = Map<string, CatalogClass>;

const cache = new WeakMap<NativeTable, Catalog>();

function sig(kind: 'C' | 'M', name: string, returns: string, params: string[]): Signature {
  return { kind, name, returns, params, key: `${kind === 'C' ? '' : name}(${params.join(',')})` };
}

/** Parses 'String toString(Integer decimals)' or 'Void pushBack(String)' into a Signature. */
export function parseSignature(text: string): Signature {
  const m = /^\s*([A-Za-z_][\w]*(?:\[\])*)\s+([A-Za-z_]\w*)\s*\((.*)\)\s*$/.exec(text);
  if (!m) throw new Error(`bad extra signature: ${text}`);
  const params = m[3].trim() === '' ? [] : m[3].split(',').map((p) => p.trim().split(/\s+/)[0]);
  return sig('M', m[2], m[1], params);
}

/** The catalog with the natives of `natives` (the run side's table, stdlib/index.ts) merged in. */
export function catalog(natives: NativeTable): Catalog {
  const cached = cache.get(natives);
  if (cached) return cached;
  const nativeClasses = natives.classes;
  const require = createRequire(import.meta.url);
  const raw = require('./catalog.json') as RawCatalog;
  const out = new Map<string, CatalogClass>();
  for (const [name, c] of Object.entries(raw.classes)) {
    const cls: CatalogClass = {
      name,
      kind: c.kind,
      methods: new Map(),
      ctors: [],
      enumValues: new Map(),
      native: nativeClasses.get(name),
    };
    for (const m of c.members) {
      if (m[0] === 'F') cls.enumValues.set(m[1], m[2]);
      else if (m[0] === 'C') cls.ctors.push(sig('C', name, name, m[3]));
      else addMethod(cls, sig('M', m[1], m[2], m[3]));
    }
    out.set(name, cls);
  }
  for (const [name, native] of nativeClasses) {
    let cls = out.get(name);
    if (!cls) {
      cls = { name, kind: 'Class', methods: new Map(), ctors: [], enumValues: new Map(), native };
      out.set(name, cls);
    }
    // extras also correct catalog entries with a wrong return type (TimeSpan.getSec is listed as Void)
    for (const text of native.extraSignatures ?? []) addMethod(cls, parseSignature(text), true);
    // a native that implements a no-argument constructor the catalog omits
    if (native.ctors?.['()'] && !cls.ctors.some((c) => c.params.length === 0)) cls.ctors.push(sig('C', name, name, []));
  }
  // overloads real code uses that the reference contradicts (catalog-usage.ts)
  for (const [name, texts] of Object.entries(USAGE_SIGNATURES)) {
    const cls = out.get(name);
    if (cls) for (const text of texts) addMethod(cls, parseSignature(text));
  }
  if (natives.lazy) attachLazy(out, natives.lazy);
  cache.set(natives, out);
  return out;
}

/** Gives the provider's classes a `native` that is built the first time it is read. */
function attachLazy(out: Catalog, lazy: LazyNatives): void {
  for (const [name, texts] of Object.entries(lazy.extraSignatures))
    for (const text of texts) if (out.has(name)) addMethod(out.get(name)!, parseSignature(text), true);
  const known = (n: string): boolean => out.get(n)?.kind === 'Class';
  for (const cls of out.values()) {
    if (cls.native || cls.kind !== 'Class' || !lazy.has(cls.name)) continue;
    Object.defineProperty(cls, 'native', {
      configurable: true,
      enumerable: true,
      get(): NativeClass {
        const native = lazy.build(cls.name, [...cls.methods.values()].flat(), known);
        Object.defineProperty(cls, 'native', { value: native, writable: true, enumerable: true, configurable: true });
        return native;
      },
    });
  }
}

function addMethod(cls: CatalogClass, s: Signature, override = false): void {
  const list = cls.methods.get(s.name) ?? [];
  const i = list.findIndex((x) => x.key === s.key);
  if (i < 0) list.push(s);
  else if (override) list[i] = s;
  cls.methods.set(s.name, list);
}

/** Global functions by name (from the catalog's Void and Generic classes and native extras). */
export function globalFunctions(cat: Catalog, name: string): { cls: CatalogClass; sigs: Signature[] } | null {
  for (const g of GLOBAL_CLASSES) {
    const cls = cat.get(g)!;
    const sigs = cls.methods.get(name);
    if (sigs) return { cls, sigs };
  }
  // the catalog spells a few globals with a capital first letter (SetVariable); accept either
  const lower = name.toLowerCase();
  for (const g of GLOBAL_CLASSES) {
    const cls = cat.get(g)!;
    for (const [n, sigs] of cls.methods) if (n.toLowerCase() === lower) return { cls, sigs };
  }
  return null;
}
