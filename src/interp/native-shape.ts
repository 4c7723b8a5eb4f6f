// What the checker and the compiler need of the natives: which classes, constructors, methods and
// global functions are implemented — never the implementations, which only the run's worker calls
// (execute.ts). The build writes the shape of stdlib/index.ts's table to natives-shape.json
// (scripts/copy-assets.mjs), and compile-script.ts checks against it, so that checking a script
// does not load and evaluate the whole standard library in the main thread as well as in the
// worker. test/interp/native-shape.test.ts keeps the shape equal to the table.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { catalog } from './catalog.js';
import { builtCopy } from './isolation/worker-url.js';
import type { LazyNatives, NativeClass, NativeFn, NativeTable } from './stdlib/registry.js';

/** The members a native class implements, by registry key. */
interface ClassShape {
  ctors?: string[];
  methods?: string[];
  updaters?: string[];
  takers?: string[];
  returnsItself?: string[];
  extraSignatures?: string[];
  compare?: true;
  defaultValue?: true;
}

export interface NativeShape {
  classes: Record<string, ClassShape>;
  globals: string[];
  /**
   * The classes the lazy provider serves (each as it builds it from the catalog, as JSON text: a
   * script names few of the ~360, so each is parsed when the checker asks for it) and its extra
   * signatures.
   */
  lazy: { classes: Record<string, string>; extraSignatures: Record<string, string[]> } | null;
}

function classShape(n: NativeClass): ClassShape {
  const keys = (r: Record<string, NativeFn> | undefined): string[] | undefined => (r ? Object.keys(r) : undefined);
  return {
    ctors: keys(n.ctors),
    methods: keys(n.methods),
    updaters: keys(n.updaters),
    takers: keys(n.takers),
    returnsItself: n.returnsItself,
    extraSignatures: n.extraSignatures,
    ...(n.compare ? { compare: true as const } : {}),
    ...(n.defaultValue ? { defaultValue: true as const } : {}),
  };
}

/** The shape of a native table, with every class its lazy provider serves built (the build writes it). */
export function shapeOf(table: NativeTable): NativeShape {
  const classes = Object.fromEntries([...table.classes].map(([name, n]) => [name, classShape(n)]));
  if (!table.lazy) return { classes, globals: Object.keys(table.globals), lazy: null };
  const lazy: Record<string, string> = {};
  // the classes the catalog gives a lazily built native (catalog.ts attachLazy)
  for (const c of catalog(table).values()) if (!table.classes.has(c.name) && c.kind === 'Class' && table.lazy.has(c.name) && c.native) lazy[c.name] = JSON.stringify(classShape(c.native));
  return { classes, globals: Object.keys(table.globals), lazy: { classes: lazy, extraSignatures: table.lazy.extraSignatures } };
}

/** Stands for an implementation the checker and the compiler only look for; never called. */
const stub: NativeFn = () => {
  throw new Error('internal: a native of the checker\'s shape table was called');
};

function nativeOf(name: string, s: ClassShape): NativeClass {
  const fns = (keys: string[] | undefined): Record<string, NativeFn> | undefined => (keys ? Object.fromEntries(keys.map((k) => [k, stub])) : undefined);
  return {
    name,
    ctors: fns(s.ctors),
    methods: fns(s.methods),
    updaters: fns(s.updaters),
    takers: fns(s.takers),
    returnsItself: s.returnsItself,
    extraSignatures: s.extraSignatures,
    compare: s.compare ? stub : undefined,
    defaultValue: s.defaultValue ? stub : undefined,
  };
}

/** A native table with the shape's members, for checking and compiling (its functions are stubs). */
export function tableOfShape(shape: NativeShape): NativeTable {
  const classes = new Map(Object.entries(shape.classes).map(([name, s]) => [name, nativeOf(name, s)]));
  const globals = Object.fromEntries(shape.globals.map((k) => [k, stub]));
  const l = shape.lazy;
  const lazy: LazyNatives | undefined = l
    ? { has: (name) => Object.hasOwn(l.classes, name), build: (name) => nativeOf(name, JSON.parse(l.classes[name]) as ClassShape), extraSignatures: l.extraSignatures }
    : undefined;
  return { classes, globals, lazy };
}

let checkerTable: NativeTable | null = null;

/** The table scripts are checked and compiled against: the shape the build wrote of the natives. */
export function checkerNatives(): NativeTable {
  if (checkerTable) return checkerTable;
  // from the sources (tests), the build's copy: the test run's global setup builds it first
  const file = builtCopy(new URL('./natives-shape.json', import.meta.url));
  if (!existsSync(fileURLToPath(file))) throw new Error(`internal: ${fileURLToPath(file)} is missing: run npm run build`);
  return (checkerTable = tableOfShape(JSON.parse(readFileSync(file, 'utf8')) as NativeShape));
}
