/**
 * Copy-on-write change tracking for store updates.
 *
 * An update callback gets a view of the document that looks and behaves like
 * the plain StoreData (repository functions mutate it in place), but every
 * write copies only the objects on the path to what changed; the snapshot the
 * view was made from is never touched. Afterwards `trackedUpdate` knows exactly
 * which entities were added, changed or removed, so a backend validates and
 * writes only those (a run that appends one history entry never re-validates or
 * rewrites ten thousand scripts).
 */
import type { CollectionName, StoreData } from './schema.js';
import { INDEX_OF_ID, extendIndex, forgetIndex, indexOfId, noteStored } from './id-index.js';

/** The collections of the document, in a fixed order. */
export const COLLECTIONS: readonly CollectionName[] = [
  'folders',
  'scripts',
  'macros',
  'triggers',
  'tasks',
  'taskRuns',
  'traceConfigs',
  'traceRuns',
  'debugSessions',
  'outbox',
];

type Obj = Record<PropertyKey, unknown>;

interface Node {
  /** The object as it was in the snapshot. */
  orig: Obj;
  /** The current object: orig until the first write, then a private copy. */
  cur: Obj;
  copied: boolean;
  parent: Node | null;
  key: PropertyKey;
  proxy: Obj;
  /** Views handed out for the properties of this object (made on first use). */
  children: Map<PropertyKey, Node> | null;
  isArray: boolean;
}

const NODE = Symbol('node');
const SEARCH_METHODS = new Set(['find', 'filter', 'some', 'every', 'findIndex', 'indexOf', 'includes']);

export interface CollectionChange {
  /** Entities added or changed, with their index in the new array. */
  upserts: Array<{ index: number; entity: { id: string } }>;
  /** Ids removed. */
  deletes: string[];
}

export interface ChangeSet {
  collections: Map<CollectionName, CollectionChange>;
  /** True when the settings object changed. */
  settings: boolean;
}

export interface Tracked<T> {
  result: T;
  /** The new document (shares every unchanged object with the old one). */
  doc: StoreData;
  changes: ChangeSet;
}

/** True when the change set holds no change at all. */
export function isEmptyChange(c: ChangeSet): boolean {
  return !c.settings && c.collections.size === 0;
}

/**
 * Run `fn` on a copy-on-write view of `base` and return its result, the new
 * document and what changed. `fn` may throw; then `base` is untouched.
 */
export function trackedUpdate<T>(base: StoreData, fn: (d: StoreData) => T): Tracked<T> {
  const proxies = new WeakMap<object, Node>();

  const unwrap = (v: unknown, depth = 0): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const n = proxies.get(v);
    if (n) return n.cur;
    if (depth > 64) return v;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const e = v[i];
        if (typeof e === 'object' && e !== null) {
          const u = unwrap(e, depth + 1);
          if (u !== e) v[i] = u;
        }
      }
    } else {
      for (const k of Object.keys(v)) {
        const e = (v as Obj)[k];
        if (typeof e === 'object' && e !== null) {
          const u = unwrap(e, depth + 1);
          if (u !== e) (v as Obj)[k] = u;
        }
      }
    }
    return v;
  };

  const copyOf = (o: Obj, isRoot: boolean): Obj => {
    if (Array.isArray(o)) {
      const copy = o.slice();
      extendIndex(o, copy);
      return copy as unknown as Obj;
    }
    // The root may hold lazily loaded collections (getters): keep them lazy.
    if (isRoot) return Object.defineProperties({}, Object.getOwnPropertyDescriptors(o));
    return { ...o };
  };

  const ensureCopied = (n: Node): void => {
    if (n.copied) return;
    n.cur = copyOf(n.orig, n.parent === null);
    n.copied = true;
    const p = n.parent;
    if (p) {
      ensureCopied(p);
      // The element may have moved (e.g. an earlier one was spliced out): find it again.
      if (p.cur[n.key as string] !== n.orig) {
        const i = Array.isArray(p.cur) ? (p.cur as unknown[]).indexOf(n.orig) : -1;
        if (i < 0) return; // no longer in the document: writes to it are private
        n.key = i;
      }
      put(p.cur, n.key, n.cur);
    }
  };

  /** Assign, turning a lazily loaded (getter) property into a plain one. */
  const put = (o: Obj, key: PropertyKey, value: unknown): void => {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d && !('value' in d)) Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
    else o[key as string] = value;
  };

  // One handler for every view; the node travels on the (otherwise empty) proxy target.
  const nodeOf = (t: Obj): Node => (t as unknown as { [NODE]: Node })[NODE];
  const wrapAt = (n: Node, i: number): unknown => {
    const v = n.cur[i];
    return typeof v === 'object' && v !== null ? nodeFor(n, i, v as Obj) : v;
  };
  const rawOf = (x: unknown): unknown => (typeof x === 'object' && x !== null ? (proxies.get(x)?.cur ?? x) : x);
  type Pred = (e: unknown, i: number, a: unknown) => unknown;
  /**
   * Searching methods of arrays run over the plain elements (predicates only
   * read), and hand out views only for what they return: a lookup by name in
   * ten thousand scripts must not make ten thousand views.
   */
  const searchMethod = (n: Node, name: string): ((...args: unknown[]) => unknown) | undefined => {
    const arr = () => n.cur as unknown as unknown[];
    switch (name) {
      case 'find':
        return (pred, thisArg) => {
          const a = arr();
          for (let i = 0; i < a.length; i++) if ((pred as Pred).call(thisArg, a[i], i, n.proxy)) return wrapAt(n, i);
          return undefined;
        };
      case 'filter':
        return (pred, thisArg) => {
          const a = arr();
          const out: unknown[] = [];
          for (let i = 0; i < a.length; i++) if ((pred as Pred).call(thisArg, a[i], i, n.proxy)) out.push(wrapAt(n, i));
          return out;
        };
      case 'some':
        return (pred, thisArg) => arr().some((e, i) => (pred as Pred).call(thisArg, e, i, n.proxy));
      case 'every':
        return (pred, thisArg) => arr().every((e, i) => (pred as Pred).call(thisArg, e, i, n.proxy));
      case 'findIndex':
        return (pred, thisArg) => arr().findIndex((e, i) => (pred as Pred).call(thisArg, e, i, n.proxy));
      case 'indexOf':
        return (x, from) => arr().indexOf(rawOf(x), from as number | undefined);
      case 'includes':
        return (x, from) => arr().includes(rawOf(x), from as number | undefined);
      default:
        return undefined;
    }
  };

  const handler: ProxyHandler<Obj> = {
    get(t, key) {
      const n = nodeOf(t);
      const cur = n.cur;
      if (n.isArray && typeof key === 'string' && SEARCH_METHODS.has(key)) return searchMethod(n, key);
      // lookups by id use the plain array's index (id-index.ts), and hand out a view of what they find
      if (n.isArray && key === INDEX_OF_ID) return (id: string) => indexOfId(n.cur as unknown as Array<{ id: string }>, id);
      const v = cur[key as string];
      if (typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(cur, key)) {
        return nodeFor(n, n.isArray ? Number(key) : key, v as Obj);
      }
      return v;
    },
    set(t, key, value) {
      const n = nodeOf(t);
      ensureCopied(n);
      const raw = unwrap(value);
      put(n.cur, key, raw);
      if (n.isArray) noteStored(n.cur as unknown as Array<{ id: string }>, key, raw);
      return true;
    },
    deleteProperty(t, key) {
      const n = nodeOf(t);
      ensureCopied(n);
      delete n.cur[key as string];
      if (n.isArray) forgetIndex(n.cur);
      return true;
    },
    defineProperty(t, key, desc) {
      const n = nodeOf(t);
      ensureCopied(n);
      const d = 'value' in desc ? { ...desc, value: unwrap(desc.value) } : desc;
      if (n.isArray) forgetIndex(n.cur);
      return Reflect.defineProperty(n.cur, key, { ...d, configurable: key === 'length' ? false : true });
    },
    has(t, key) {
      return key in nodeOf(t).cur;
    },
    ownKeys(t) {
      return Reflect.ownKeys(nodeOf(t).cur);
    },
    getOwnPropertyDescriptor(t, key) {
      const d = Reflect.getOwnPropertyDescriptor(nodeOf(t).cur, key);
      if (d && key !== 'length') d.configurable = true;
      return d;
    },
  };

  const nodeFor = (parent: Node | null, key: PropertyKey, value: Obj): Obj => {
    if (parent?.children) {
      const known = parent.children.get(key);
      if (known && (known.cur === value || known.orig === value)) return known.proxy;
    }
    const isArray = Array.isArray(value);
    const target = (isArray ? [] : {}) as Obj;
    const node: Node = { orig: value, cur: value, copied: false, parent, key, proxy: undefined as unknown as Obj, children: null, isArray };
    Object.defineProperty(target, NODE, { value: node, configurable: true });
    node.proxy = new Proxy(target, handler);
    proxies.set(node.proxy, node);
    if (parent) (parent.children ??= new Map()).set(key, node);
    return node.proxy;
  };

  const rootProxy = nodeFor(null, '', base as unknown as Obj) as unknown as StoreData;
  const rootNode = proxies.get(rootProxy as unknown as object)!;

  // structuredClone cannot copy a Proxy: while the callback runs, it copies the plain objects behind the view.
  const plain = (v: unknown, depth = 0): unknown => {
    if (typeof v !== 'object' || v === null || depth > 64) return v;
    const n = proxies.get(v);
    if (n) return n.cur;
    if (Array.isArray(v)) return v.map((e) => plain(e, depth + 1));
    if (Object.getPrototypeOf(v) !== Object.prototype) return v;
    const out: Obj = {};
    for (const k of Object.keys(v)) out[k] = plain((v as Obj)[k], depth + 1);
    return out;
  };
  const realClone = globalThis.structuredClone;
  globalThis.structuredClone = ((v: unknown, o?: StructuredSerializeOptions) => realClone(plain(v), o)) as typeof structuredClone;
  let raw: T;
  try {
    raw = fn(rootProxy);
  } finally {
    globalThis.structuredClone = realClone;
  }
  const result = unwrap(raw) as T;

  const doc = rootNode.cur as unknown as StoreData;
  const changes: ChangeSet = { collections: new Map(), settings: false };
  if (!rootNode.copied) return { result, doc, changes };
  for (const name of COLLECTIONS) {
    const desc = Object.getOwnPropertyDescriptor(doc, name);
    if (!desc || !('value' in desc)) continue; // still lazy: untouched
    const oldDesc = Object.getOwnPropertyDescriptor(base, name);
    if (oldDesc && 'value' in oldDesc && oldDesc.value === desc.value) continue;
    const before = (base[name] ?? []) as Array<{ id: string }>;
    const after = desc.value as Array<{ id: string }>;
    const change = diffArrays(before, after);
    if (change.upserts.length > 0 || change.deletes.length > 0) changes.collections.set(name, change);
  }
  changes.settings = doc.settings !== base.settings;
  return { result, doc, changes };
}

/**
 * What differs between two versions of a collection, by object identity and id. One walk over both
 * handles what updates do: entities changed in place (a new object with the same id), removed
 * (pruning a history) and appended; anything else (an entity inserted before others, or moved) is
 * found by id.
 */
export function diffArrays(before: ReadonlyArray<{ id: string }>, after: ReadonlyArray<{ id: string }>): CollectionChange {
  const upserts: CollectionChange['upserts'] = [];
  const deletes: string[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    const a = after[j]!;
    const b = before[i]!;
    if (a !== b && a.id !== b.id) {
      deletes.push(b.id); // removed, or moved (told apart below)
      i++;
      continue;
    }
    if (a !== b) upserts.push({ index: j, entity: a });
    i++;
    j++;
  }
  for (; i < before.length; i++) deletes.push(before[i]!.id);
  const appended = j;
  for (; j < after.length; j++) upserts.push({ index: j, entity: after[j]! });
  // Each entity the walk paired keeps an id that was not removed (ids are unique); only one it took
  // for appended can be a removed one that came back elsewhere: then the order changed.
  if (deletes.length === 0 || appended === after.length) return { upserts, deletes };
  const gone = new Set(deletes);
  for (let k = appended; k < after.length; k++) if (gone.has(after[k]!.id)) return diffById(before, after);
  return { upserts, deletes };
}

/** diffArrays for any change of order: by id. */
function diffById(before: ReadonlyArray<{ id: string }>, after: ReadonlyArray<{ id: string }>): CollectionChange {
  const upserts: CollectionChange['upserts'] = [];
  const old = new Map<string, { id: string }>();
  for (const b of before) old.set(b.id, b);
  const seen = new Set<string>();
  for (let i = 0; i < after.length; i++) {
    const a = after[i]!;
    seen.add(a.id);
    if (old.get(a.id) !== a) upserts.push({ index: i, entity: a });
  }
  const deletes: string[] = [];
  for (const b of before) if (!seen.has(b.id)) deletes.push(b.id);
  return { upserts, deletes };
}
