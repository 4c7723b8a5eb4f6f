// The debug agent: runs inside the worker that executes a hooked program. The compiled code
// calls its hooks ($h.stmt, $h.enter, $h.leave, $h.thrown, $h.ti, $h.to, $h.fnTable). While the
// run goes on, the statement hook costs a store and one test; when the run must pause, the agent
// posts a 'stopped' message and blocks the thread (Atomics.wait) serving the controller's
// commands, which it reads synchronously from its own port, until one resumes or stops the run.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { CompiledProgram, DebugFn, DebugInfo } from '../compiler.js';
import type { Helpers } from '../runtime/helpers.js';
import { toCrmError, isStackOverflow } from '../runtime/helpers.js';
import { CrmFatal, GenericValue, NULL_STRING, structMetaOf } from '../runtime/values.js';
import { CrmMap } from '../stdlib/map.js';
import { NSObject, typeOfValue } from '../stdlib/netserver/object.js';
import { CrmVector } from '../stdlib/vector.js';
import { nativeClasses } from '../stdlib/index.js';
import { resolveNative } from '../execute.js';
import { baseOf } from '../type-rules.js';
import { prepareEval, type DebugSource, type EvalVar } from './evaluate.js';
import {
  CTL_FLAGS,
  CTL_SEQ,
  FLAG_PAUSE,
  FLAG_STOP,
  type AgentMessage,
  type AgentRequest,
  type EvalResult,
  type FrameVariables,
  type SourceLocation,
  type StackFrame,
  type StopReason,
  type Variable,
} from './protocol.js';
import { errorMessage } from '../util/error-message.js';
import { plural } from '../util/plural.js';

/** Thrown through the script to end a run the controller stopped; script try/catch cannot catch it. */
export class DebugStop extends CrmFatal {
  constructor() {
    super('the run was stopped');
  }
}

export interface AgentOptions {
  compiled: CompiledProgram;
  /** Commands from the controller. */
  port: MessagePort;
  /** To the controller (the worker's parentPort). */
  post(m: AgentMessage): void;
  /** Sends buffered script output before a stop is reported. */
  flush(): void;
  ctl: Int32Array;
  bp: Uint8Array;
  stopOnEntry: boolean;
  debugSource?: DebugSource;
}

/** The hooks the hooked code calls through `$h`. */
export interface DebugHooks {
  stmt(id: number): void;
  /**
   * A call of function `fn` begins, with its first ENTER_ARGS of `this` and the parameters;
   * returns the array in which it keeps its variables' values (see compiler.ts hookedBody).
   */
  enter(fn: number, a?: unknown, b?: unknown): unknown[];
  leave(): void;
  thrown(e: unknown): void;
  ti(): void;
  to(): void;
  fnTable(fns: Record<string, unknown>): void;
}

export interface Agent {
  hooks: DebugHooks;
  /** Gives the agent the program's helpers and struct classes (for evaluate). */
  attach(h: Helpers, structs: Map<string, unknown>): void;
  /** `debugWait(info)` in a script: pause here. */
  debugWait(info: string): void;
}

const RUN = 0;
const STEP_IN = 1;
const STEP_OVER = 2;
const STEP_OUT = 3;
const RUN_TO = 4;
const TO_END = 5;

/** Most children listed for one array, Map or Vector. */
const MAX_CHILDREN = 1000;
const MAX_TEXT = 10_000;

type RefEntry = { kind: 'array'; elem: string; v: unknown[] } | { kind: 'struct'; v: Record<string, unknown> } | { kind: 'map'; v: CrmMap } | { kind: 'vector'; v: CrmVector } | { kind: 'ns'; v: NSObject };

export function createAgent(opts: AgentOptions): Agent {
  const info: DebugInfo = opts.compiled.debug!;
  const { stmts, fns } = info;
  const { ctl, bp, port, post } = opts;
  const file = opts.compiled.file;

  // ---- call stack: frames 1..depth (1 = main body)
  let last = -1;
  let depth = 0;
  const saved: number[] = [-1];
  const fnOf: number[] = [0];
  // variables of frames 1..depth, one array per depth reused by the calls made at that depth
  const width = Math.max(1, ...fns.map((f) => f.locals.length));
  const frames: unknown[][] = [];
  const addFrames = (): void => {
    const size = frames.length ? frames.length * 2 : 64;
    while (frames.length < size) frames.push(new Array<unknown>(width).fill(undefined));
  };
  addFrames();
  let handlers = 0;
  let fnTable: Record<string, unknown> = {};

  // ---- run mode
  let mode = opts.stopOnEntry ? STEP_IN : RUN;
  let trap = mode === RUN ? 0 : 1;
  let stepDepth = 0;
  let targets = new Set<number>();
  let entry = opts.stopOnEntry;
  let evaluating = false;
  let reported: unknown = null;

  let h: Helpers | null = null;
  let structs = new Map<string, unknown>();
  let refs: RefEntry[] = [];

  // ------------------------------------------------------------ hooks (hot)

  const hooks: DebugHooks = {
    stmt(id: number): void {
      last = id;
      if ((bp[id] | trap | ctl[CTL_FLAGS]) !== 0) slow(id);
    },
    enter(fn: number, a?: unknown, b?: unknown): unknown[] {
      if (depth + 1 === frames.length) addFrames();
      saved[depth] = last;
      depth++;
      fnOf[depth] = fn;
      const f = frames[depth];
      const n = arguments.length;
      if (n > 1) {
        f[0] = a;
        if (n > 2) f[1] = b;
      }
      return f;
    },
    leave(): void {
      depth--;
      last = saved[depth];
    },
    thrown(e: unknown): void {
      if (evaluating || handlers > 0 || mode === TO_END || e === reported) return;
      if (e instanceof CrmFatal || isStackOverflow(e) || (e instanceof Error && e.name === 'ExitRequest')) return;
      reported = e;
      const err = toCrmError(e, opts.compiled.lineMap, file);
      pause('exception', last, { error: err.message });
    },
    ti(): void {
      handlers++;
    },
    to(): void {
      handlers--;
    },
    fnTable(t: Record<string, unknown>): void {
      fnTable = t;
    },
  };

  function slow(id: number): void {
    const flags = Atomics.load(ctl, CTL_FLAGS);
    if (flags & FLAG_STOP) throw new DebugStop();
    if (evaluating) return;
    let reason: StopReason | null = null;
    if (flags & FLAG_PAUSE) reason = 'pause';
    else if (bp[id] && mode !== TO_END) reason = 'breakpoint';
    else if (mode === STEP_IN) reason = entry ? 'entry' : 'step';
    else if (mode === STEP_OVER) reason = depth <= stepDepth ? 'step' : null;
    else if (mode === STEP_OUT) reason = depth < stepDepth ? 'step' : null;
    else if (mode === RUN_TO) reason = targets.has(id) ? 'runTo' : null;
    if (reason) pause(reason, id);
  }

  function setMode(m: number): void {
    mode = m;
    trap = m === RUN || m === TO_END ? 0 : 1;
  }

  // ------------------------------------------------------------ pausing

  function pause(reason: StopReason, id: number, extra: { error?: string; info?: string } = {}): void {
    entry = false;
    Atomics.and(ctl, CTL_FLAGS, ~FLAG_PAUSE);
    opts.flush();
    refs = [];
    post({ t: 'stopped', reason, stmt: id, ...location(id, depth), stack: stack(), ...extra });
    serve();
  }

  function next(): AgentRequest {
    for (;;) {
      if (Atomics.load(ctl, CTL_FLAGS) & FLAG_STOP) throw new DebugStop();
      const seen = Atomics.load(ctl, CTL_SEQ);
      const m = receiveMessageOnPort(port);
      if (m) return m.message as AgentRequest;
      Atomics.wait(ctl, CTL_SEQ, seen, 1000);
    }
  }

  /** Answers commands until one resumes the run (returns) or stops it (throws DebugStop). */
  function serve(): void {
    for (;;) {
      const req = next();
      const reply = (body: unknown): void => post({ t: 'reply', seq: req.seq, ok: true, body });
      try {
        switch (req.cmd) {
          case 'continue':
            setMode(RUN);
            return reply(null);
          case 'stepIn':
            setMode(STEP_IN);
            return reply(null);
          case 'stepOver':
            stepDepth = depth;
            setMode(STEP_OVER);
            return reply(null);
          case 'stepOut':
            stepDepth = depth;
            setMode(STEP_OUT);
            return reply(null);
          case 'runTo':
            targets = new Set(req.stmts);
            setMode(RUN_TO);
            return reply(null);
          case 'runToEnd':
            setMode(TO_END);
            return reply(null);
          case 'stop':
            reply(null);
            throw new DebugStop();
          case 'getStack':
            reply(stack());
            break;
          case 'getVariables':
            reply(frameVariables(req.frame));
            break;
          case 'getChildren':
            reply(children(req.ref));
            break;
          case 'evaluate':
            reply(evaluate(req.expression, req.frame));
            break;
          default:
            post({ t: 'reply', seq: (req as AgentRequest).seq, ok: false, error: `unknown command '${(req as { cmd: string }).cmd}'` });
        }
      } catch (e) {
        if (e instanceof DebugStop) throw e;
        post({ t: 'reply', seq: req.seq, ok: false, error: errorMessage(e) });
      }
    }
  }

  // ------------------------------------------------------------ stack

  function frameStmt(d: number): number {
    return d === depth ? last : saved[d];
  }

  function location(id: number, d: number): SourceLocation {
    if (id >= 0) {
      const s = stmts[id];
      return { file: s.file ?? file, line: s.line, col: s.col };
    }
    const fn = fns[fnOf[d]];
    return { file: fn.file ?? file, line: fn.line, col: 1 };
  }

  function stack(): StackFrame[] {
    const frames: StackFrame[] = [];
    for (let d = depth; d >= 1; d--) frames.push({ index: depth - d, name: fns[fnOf[d]].name, ...location(frameStmt(d), d) });
    return frames;
  }

  /** Internal frame number (1 = main) of a client frame index (0 = innermost). */
  function frameAt(index: number): number {
    const d = depth - index;
    if (!Number.isInteger(index) || index < 0 || d < 1) throw new Error(`there is no frame ${index} (the stack has ${plural(depth, 'frame')})`);
    return d;
  }

  function inScope(fn: DebugFn, declScope: number, at: number): boolean {
    for (let s = at; s >= 0; s = fn.scopes[s]) if (s === declScope) return true;
    return false;
  }

  /** name → local index of the variables in scope at statement `id` (an inner declaration hides an outer one). */
  function visible(fn: DebugFn, id: number): Map<string, number> {
    const out = new Map<string, number>();
    if (id < 0) {
      // before the frame's first statement only `this` and the parameters are set
      for (let i = 0; i < fn.params; i++) out.set(fn.locals[i].name, i);
      return out;
    }
    const st = stmts[id];
    for (let i = 0; i < st.declared; i++) {
      const l = fn.locals[i];
      if (inScope(fn, l.scope, st.scope)) {
        out.delete(l.name);
        out.set(l.name, i);
      }
    }
    return out;
  }

  /** The globals a function sees: the main body's top-level variables declared before it. */
  function globalsOf(fn: DebugFn): { name: string; type: string; value: unknown }[] {
    if (depth < 1) return [];
    const main = fns[0];
    const values = frames[1];
    const out: { name: string; type: string; value: unknown }[] = [];
    main.locals.forEach((l, i) => {
      if (l.global !== undefined && l.global < fn.order) out.push({ name: l.name, type: l.type, value: values[i] });
    });
    return out;
  }

  function frameVariables(index: number): FrameVariables {
    const d = frameAt(index);
    const fn = fns[fnOf[d]];
    const values = frames[d];
    const locals = [...visible(fn, frameStmt(d)).values()].map((i) => describe(fn.locals[i].name, fn.locals[i].type, values[i]));
    const globals = fnOf[d] === 0 ? [] : globalsOf(fn).map((g) => describe(g.name, g.type, g.value));
    return { locals, globals };
  }

  // ------------------------------------------------------------ values

  function addRef(e: RefEntry): number {
    refs.push(e);
    return refs.length;
  }

  function clip(s: string): string {
    return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) + '…' : s;
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

  function preview(items: string[], total: number): string {
    const shown = items.slice(0, 10);
    return shown.join(', ') + (total > shown.length ? ', …' : '');
  }

  function describe(name: string, type: string, v: unknown): Variable {
    if (v === undefined) return { name, type, value: '(not set)', ref: 0 };
    if (v instanceof GenericValue) {
      const inner = describe(name, v.type, v.value);
      return { ...inner, type: `Generic (${v.type})` };
    }
    if (v === null || v === NULL_STRING) return { name, type, value: 'null', ref: 0 };
    if (typeof v === 'string') return { name, type, value: clip(JSON.stringify(v)), ref: 0 };
    if (typeof v !== 'object') return { name, type, value: scalar(type, v), ref: 0 };
    if (Array.isArray(v)) {
      const elem = type.endsWith('[]') ? type.slice(0, -2) : 'Generic';
      const items = v.slice(0, 10).map((x) => short(elem, x));
      return { name, type, value: `[${preview(items, v.length)}]`, ref: addRef({ kind: 'array', elem, v }), count: v.length };
    }
    const meta = structMetaOf(v);
    if (meta) {
      const rec = v as Record<string, unknown>;
      const items = meta.fields.map((f) => `${f.name}: ${short(f.type, rec[`f_${f.name}`])}`);
      return { name, type: meta.name, value: `${meta.name} {${preview(items, meta.fields.length)}}`, ref: addRef({ kind: 'struct', v: rec }), count: meta.fields.length };
    }
    if (v instanceof CrmMap) {
      const keys = v.keys();
      const items = keys.slice(0, 10).map((k) => `${JSON.stringify(k)}: ${short('String', v.get(k))}`);
      return { name, type, value: `Map (${keys.length}) {${preview(items, keys.length)}}`, ref: keys.length ? addRef({ kind: 'map', v }) : 0, count: keys.length };
    }
    if (v instanceof NSObject) {
      // a NetServer entity or carrier: the properties set so far (unset ones read as defaults)
      const props = Object.keys(v.f).sort();
      const items = props.slice(0, 10).map((p) => `${p}: ${short(typeOfValue(v.f[p]), v.f[p])}`);
      return { name, type: v.cls, value: `${v.cls} {${preview(items, props.length)}}`, ref: props.length ? addRef({ kind: 'ns', v }) : 0, count: props.length };
    }
    if (v instanceof CrmVector) {
      const items = v.items.slice(0, 10).map((x) => short('String', x));
      return { name, type, value: `Vector (${v.items.length}) [${preview(items, v.items.length)}]`, ref: v.items.length ? addRef({ kind: 'vector', v }) : 0, count: v.items.length };
    }
    return { name, type, value: text(type, v), ref: 0 };
  }

  function children(ref: number): Variable[] {
    const e = refs[ref - 1];
    if (!e) throw new Error(`variable reference ${ref} is no longer valid (references last until the run resumes)`);
    const out: Variable[] = [];
    const more = (total: number): void => {
      if (total > MAX_CHILDREN) out.push({ name: '…', type: '', value: `${total - MAX_CHILDREN} more not shown`, ref: 0 });
    };
    switch (e.kind) {
      case 'array':
        for (let i = 0; i < Math.min(e.v.length, MAX_CHILDREN); i++) out.push(describe(`[${i}]`, e.elem, e.v[i]));
        more(e.v.length);
        break;
      case 'struct':
        for (const f of structMetaOf(e.v)!.fields) out.push(describe(f.name, f.type, e.v[`f_${f.name}`]));
        break;
      case 'map': {
        const keys = e.v.keys();
        for (const k of keys.slice(0, MAX_CHILDREN)) out.push(describe(JSON.stringify(k), 'String', e.v.get(k)));
        more(keys.length);
        break;
      }
      case 'vector':
        for (let i = 0; i < Math.min(e.v.items.length, MAX_CHILDREN); i++) out.push(describe(`[${i}]`, 'String', e.v.items[i]));
        more(e.v.items.length);
        break;
      case 'ns':
        for (const p of Object.keys(e.v.f).sort()) out.push(describe(p, typeOfValue(e.v.f[p]), e.v.f[p]));
        break;
    }
    return out;
  }

  // ------------------------------------------------------------ evaluate

  function evaluate(expression: string, index: number): EvalResult {
    const d = frameAt(index);
    if (!opts.debugSource || !h) return { ok: false, error: "evaluate is not available: the session was started without the script's source" };
    const fn = fns[fnOf[d]];
    const values = frames[d];
    const vars: (EvalVar & { value: unknown })[] = [];
    const seen = new Set<string>();
    for (const i of visible(fn, frameStmt(d)).values()) {
      const l = fn.locals[i];
      if (l.name === 'this') continue;
      vars.push({ name: l.name, type: l.type, value: values[i] });
      seen.add(l.name);
    }
    if (fnOf[d] !== 0) for (const g of globalsOf(fn)) if (!seen.has(g.name)) vars.push(g);
    const prepared = prepareEval(opts.debugSource, expression, vars, fn.struct ?? null);
    if ('error' in prepared) return { ok: false, error: prepared.error };
    evaluating = true;
    const savedDepth = depth;
    const savedLast = last;
    const savedHandlers = handlers;
    try {
      const factory = new Function('$h', '$n', '$S', '$F', prepared.code) as (...a: unknown[]) => (...args: unknown[]) => unknown;
      const f = factory(h, prepared.natives.map(resolveNative), structs, fnTable);
      const r = f.apply(fn.struct ? values[0] : undefined, vars.map((v) => v.value));
      const value = prepared.type === 'Generic' || !(r instanceof GenericValue) ? r : r.value;
      if (prepared.type === 'Void') return { ok: true, value: { name: expression, type: 'Void', value: '(no value)', ref: 0 } };
      return { ok: true, value: describe(expression, prepared.type, value) };
    } catch (e) {
      if (e instanceof DebugStop) throw e;
      const err = toCrmError(e, [], file);
      return { ok: false, error: err.message };
    } finally {
      evaluating = false;
      depth = savedDepth;
      last = savedLast;
      handlers = savedHandlers;
    }
  }

  return {
    hooks,
    attach(helpers: Helpers, s: Map<string, unknown>): void {
      h = helpers;
      structs = s;
    },
    debugWait(text: string): void {
      if (evaluating || mode === TO_END) return;
      pause('debugWait', last, { info: text });
    },
  };
}
