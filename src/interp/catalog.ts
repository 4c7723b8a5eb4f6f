// The built-in classes and global functions the checker knows: the API catalog (generated from
// ../shared/data by scripts/gen-catalog.mjs into catalog.json) plus the members our natives add
// through `extraSignatures`, plus the overloads real code uses (catalog-usage.ts).
import { readFileSync } from 'node:fs';
import type { LazyNatives, NativeClass, NativeTable } from './stdlib/registry.js';
import { NEWER_SIGNATURES, USAGE_SIGNATURES } from './catalog-usage.js';

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
interface RawClass {
  kind: 'Class' | 'Enum';
  members: RawMember[];
}
/** The classes of catalog.json, by name. */
interface RawCatalog {
  has(name: string): boolean;
  get(name: string): RawClass | undefined;
  names(): string[];
}

/** Classes whose methods are global functions. */
export const GLOBAL_CLASSES = ['Void', 'Generic'];

/** The classes the checker knows, by name; each is built the first time it is asked for. */
export interface Catalog {
  get(name: string): CatalogClass | undefined;
  has(name: string): boolean;
  /** Every class, each built now (tests and tools that walk the whole catalog). */
  values(): CatalogClass[];
}

const cache = new WeakMap<NativeTable, Catalog>();
let rawCatalog: RawCatalog | null = null;

/**
 * catalog.json holds one class a line (scripts/gen-catalog.mjs); a class's line is parsed the first
 * time it is asked for. A script names a handful of the 532 classes, and parsing the whole file
 * would build (and then garbage-collect) some 10,000 member arrays at every start.
 */
function loadRawCatalog(): RawCatalog {
  const text = readFileSync(new URL('./catalog.json', import.meta.url), 'utf8');
  const lines = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('"')) continue;
    const end = line.indexOf('":');
    lines.set(JSON.parse(line.slice(0, end + 1)) as string, line.slice(end + 2, line.endsWith(',') ? -1 : undefined));
  }
  if (!lines.size) throw new Error('internal: catalog.json does not hold one class a line (run scripts/gen-catalog.mjs)');
  const parsed = new Map<string, RawClass>();
  return {
    has: (name) => lines.has(name),
    get(name) {
      const line = lines.get(name);
      if (line === undefined) return undefined;
      let c = parsed.get(name);
      if (!c) parsed.set(name, (c = JSON.parse(line) as RawClass));
      return c;
    },
    names: () => [...lines.keys()],
  };
}

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

/** Builds one class: the catalog's members, then what its native adds or corrects. */
function buildClass(
  raw: RawCatalog,
  name: string,
  native: NativeClass | undefined,
  lazy: LazyNatives | undefined,
  known: (className: string) => boolean,
): CatalogClass | undefined {
  const c = raw.get(name);
  if (!c && !native) return undefined;
  const cls: CatalogClass = { name, kind: c?.kind ?? 'Class', methods: new Map(), ctors: [], enumValues: new Map(), native };
  for (const m of c?.members ?? []) {
    if (m[0] === 'F') cls.enumValues.set(m[1], m[2]);
    else if (m[0] === 'C') cls.ctors.push(sig('C', name, name, m[3]));
    else addMethod(cls, sig('M', m[1], m[2], m[3]));
  }
  if (native) {
    // extras also correct catalog entries with a wrong return type (TimeSpan.getSec is listed as Void)
    for (const text of native.extraSignatures ?? []) addMethod(cls, parseSignature(text), true);
    // constructors the native implements and the catalog omits (a no-argument one; those of a class,
    // or of a version, newer than ../shared's reference: Long, Float(Long))
    for (const key of Object.keys(native.ctors ?? {})) {
      if (!cls.ctors.some((x) => x.key === key)) cls.ctors.push(sig('C', name, name, key === '()' ? [] : key.slice(1, -1).split(',')));
    }
  }
  // overloads real code uses that the reference contradicts (catalog-usage.ts)
  for (const table of [USAGE_SIGNATURES, NEWER_SIGNATURES]) for (const text of (Object.hasOwn(table, name) ? table[name] : undefined) ?? []) addMethod(cls, parseSignature(text));
  if (lazy) attachLazy(cls, lazy, known);
  return cls;
}

/**
 * The catalog with the natives of `natives` (the run side's table, stdlib/index.ts) merged in.
 * Classes are built one by one as the checker meets them (a script names a handful of the 532),
 * which keeps checking a small script, and so `run hello.crm`, quick.
 */
export function catalog(natives: NativeTable): Catalog {
  const cached = cache.get(natives);
  if (cached) return cached;
  const raw = (rawCatalog ??= loadRawCatalog());
  const nativeClasses = natives.classes;
  const built = new Map<string, CatalogClass | undefined>();
  const has = (name: string): boolean => raw.has(name) || nativeClasses.has(name);
  const known = (n: string): boolean => cat.get(n)?.kind === 'Class';
  const cat: Catalog = {
    has,
    get(name) {
      if (!built.has(name)) built.set(name, has(name) ? buildClass(raw, name, nativeClasses.get(name), natives.lazy, known) : undefined);
      return built.get(name);
    },
    values() {
      const names = new Set([...raw.names(), ...nativeClasses.keys()]);
      return [...names].map((n) => cat.get(n)).filter((c): c is CatalogClass => c !== undefined);
    },
  };
  cache.set(natives, cat);
  return cat;
}

/** Gives a class the provider serves a `native` that is built the first time it is read. */
function attachLazy(cls: CatalogClass, lazy: LazyNatives, known: (className: string) => boolean): void {
  for (const text of (Object.hasOwn(lazy.extraSignatures, cls.name) ? lazy.extraSignatures[cls.name] : undefined) ?? []) addMethod(cls, parseSignature(text), true);
  if (cls.native || cls.kind !== 'Class' || !lazy.has(cls.name)) return;
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

function addMethod(cls: CatalogClass, s: Signature, override = false): void {
  const list = cls.methods.get(s.name) ?? [];
  const i = list.findIndex((x) => x.key === s.key);
  if (i < 0) list.push(s);
  else if (override) list[i] = s;
  cls.methods.set(s.name, list);
}

/** Global functions by name (from the catalog's Void and Generic classes and native extras). */
/** The names of the global functions (for "did you mean" hints). */
export function globalNames(cat: Catalog): string[] {
  return GLOBAL_CLASSES.flatMap((g) => [...(cat.get(g)?.methods.keys() ?? [])]);
}

export function globalFunctions(cat: Catalog, name: string): { cls: CatalogClass; sigs: Signature[] } | null {
  for (const g of GLOBAL_CLASSES) {
    const cls = cat.get(g)!;
    const sigs = cls.methods.get(name);
    if (sigs) return { cls, sigs };
  }
  // CRMScript is case sensitive (fundamentals/syntax.md): printline is no printLine; the checker
  // names the close spellings
  return null;
}
