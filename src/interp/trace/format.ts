// The trace recording file: one file per recorded run.
//
//   {"t":"h", ...}\n            header: what ran (sources, statement and function tables), who started it
//   {"t":"c", "n", "k", ...}\n  chunk descriptor, followed by the chunk's columns as raw bytes:
//                                T (Uint16 or Int32 × k), V (Int32 × v), A (Int32 × q),
//                                es, ea, eb (Int32 × m), en (Float64 × m), xn (Float64 × x),
//                                eo, et (Uint8 × m), xt (Uint8 × x)
//   ... more chunks ...
//   {"t":"e", ...}\n            end: outcome, duration, the unhandled exception if any
//
// Why JSON framing with binary columns rather than a JSON line per step: recording must cost
// little per statement (the target is ≤ 5× an untraced run), so the recorder appends a token per
// statement, call, return and Integer assigned to a typed array as the run goes and writes each
// chunk out as it is in memory, with one system call and no encoding: two bytes per token (four
// for very large scripts), four per Integer value and argument, 22 per other event; a million
// statements make a file of a few MB. The writer keeps no state between tokens (call depths,
// which step a value belongs to): the reader rebuilds them once, on open (decode-tokens.ts).
// Header, descriptors and end stay JSON, readable with ordinary tools (`head -1 x.trace | jq`);
// a run killed mid-way leaves complete chunks followed at most by a torn one, which the reader
// drops.
//
// Semantics (version 4). The token column T holds, in the order they happened: a step (the
// statement id: step i is "about to execute statement id at the call depth then"), a call of
// function fn (TOKENS.enter + fn; its `this` and parameters, DebugFn.params values in order, are
// the next values of the argument column A), a return (TOKENS.leave), and an Integer assigned
// (TOKENS.local + slot × 2 + main; the value is the next of column V; `main`: a global a function
// assigned, else a local of the running frame). The depth before the first token is 0. A value
// assigned belongs to the next step (it is shown from there on), unless its frame returns first;
// a call that runs no statement leaves nothing (its arguments are skipped). A's values: an even
// value is a small integer (the value × 2), an odd one the index × 2 + 1 of a value in the
// columns xt (tag) and xn (payload); indices count from the first chunk's first value, like
// strings. T, V and A are each one stream across chunks (a call's arguments may be in the chunk
// after its token, a value's step in the next chunk).
// Every other change of a local is an OP_LOCAL event. Events are applied in order; an event's
// es is the position in T (counted from the first chunk) of the token it came before: it is part
// of the state shown at the first step at or after that position (it happened after the step
// before started); an OP_LOCAL event of a frame that returns before its next step is dropped.
// Values in events are primitives, or references to heap objects (arrays, structs, Maps,
// Vectors) whose contents are defined once (OP_DEF) and then changed by the heap operations, so
// a statement that changes one element of a large array costs one event, not a copy of the array.
//
// Older versions (still read, decode.ts). Version 3 had S, A and L as byte streams of varints:
// per step the statement id × 4 + (locals ? 2 : 0) + (depth change ? 1 : 0), then for a depth
// change one byte, leaves + (a call began ? 64 : 0); compact locals in L as (slot × 4 + main × 2
// + first, zigzag value) pairs; es counted steps. Version 2 had S and A as Int32 columns (4 × (n
// + p) and 4 × q bytes) and no L: every change of a local was an event. Version 1 had a depth
// column instead: S, D (Int32 × n) then the event columns, no argument columns; D[i] was the
// depth, with NEW_FRAME, and parameters were OP_LOCAL events.
import type { CrmChange } from '../runtime/crm-service.js';
import type { DebugFn, DebugStmt } from '../compiler.js';

export const TRACE_FORMAT = 'crmscript-trace';
export const TRACE_VERSION = 4;

/** Flag of an S entry (and of the reader's depths): a new call began at this depth. */
export const NEW_FRAME = 0x40000000;
export const DEPTH_MASK = 0x3fffffff;
/** Bits of an S entry holding the statement id. */
export const STMT_MASK = 0xffffff;
/** Statement id of an entry that is no step, only a depth change. */
export const NO_STMT = STMT_MASK;
/** An S entry's count of functions that returned since the entry before, in bits 24-29. */
export const LEAVE_SHIFT = 24;
export const LEAVE_MAX = 63;

// ---- version 3 entries, as the decoder of version 3 reads them
export const E_STMT = 0x3fffff;
/** Statement id of an entry that is no step. */
export const E_NO_STMT = E_STMT;

// ---- version 4 tokens (column T): below `enter` a step (the statement id), then a call of
// function `token - enter`, a return, an Integer assigned to slot ((token - local) >> 1), of the
// main body's frame when its low bit is set. Two bytes a token, or four (w = 4) for scripts
// whose statements, functions or locals do not fit.
export interface TokenBase {
  enter: number;
  leave: number;
  local: number;
  /** Functions, and locals of one function, that fit. */
  max: number;
}
export const TOKENS_2: TokenBase = { enter: 0x8000, leave: 0xa000, local: 0xc000, max: 0x2000 };
export const TOKENS_4: TokenBase = { enter: 0x40000000, leave: 0x50000000, local: 0x60000000, max: 0x8000000 };
export const tokenBase = (w: number): TokenBase => (w === 2 ? TOKENS_2 : TOKENS_4);

// ---- event operations (column `eo`)
/** a = frame depth (1 = main body), b = local index, value. */
export const OP_LOCAL = 1;
/** a = object id, value = JSON content (see HeapContent). Also re-defines an object wholesale. */
export const OP_DEF = 2;
/** a = array id, b = index, value. */
export const OP_ASET = 3;
export const OP_PUSH = 4;
export const OP_UNSHIFT = 5;
export const OP_POP = 6;
export const OP_SHIFT = 7;
/** a = array id, b = index, value. */
export const OP_INSERT = 8;
/** a = array or Map id. */
export const OP_CLEAR = 9;
/** a = struct id, b = field index, value. */
export const OP_FSET = 10;
/** a = Map id, b = key (index into strs), value (a string). */
export const OP_MSET = 11;
/** a = Map id, b = key (index into strs). */
export const OP_MDEL = 12;
/** value = output text. */
export const OP_OUT = 13;

// ---- value tags (column `et`); the payload is in `en`
export const TAG_NUM = 0;
/** en = index into strs. */
export const TAG_STR = 1;
/** en = 0 or 1. */
export const TAG_BOOL = 2;
export const TAG_UNDEF = 3;
export const TAG_NULL = 4;
/** en = index into strs, which holds the JSON of an EncodedValue. */
export const TAG_JSON = 5;
/** en = heap object id. */
export const TAG_REF = 6;

/**
 * A value as stored inside heap contents and TAG_JSON: a JSON primitive, or
 *   {r: id}                  a heap object
 *   {g: type, x: value}      a Generic holding a value of `type`
 *   {t: text}                a built-in object shown by its text (Date, XMLNode, ...)
 *   {c: text, n: length}     a long string, clipped
 *   {f: 'NaN'|'Infinity'|'-Infinity'}  a Float JSON cannot hold
 */
export type EncodedValue =
  | number
  | string
  | boolean
  | null
  | { r: number }
  | { g: string; x: EncodedValue }
  | { t: string }
  | { c: string; n: number }
  | { f: string };

/** Content of a heap object (OP_DEF). */
export type HeapContent =
  | { a: string; v: EncodedValue[] } // array; a = element type
  | { s: string; v: EncodedValue[] } // struct; s = struct name (fields in TraceChunk.metas order)
  | { m: [string, string][] } // Map
  | { vec: string[] }; // Vector

export interface TraceTarget {
  kind: 'script' | 'macro';
  id: string;
  name: string;
}

export interface TraceHeader {
  t: 'h';
  format: typeof TRACE_FORMAT;
  version: number;
  /** The trace run id (the store's traceRuns index). */
  id: string;
  configId: string;
  target: TraceTarget;
  /** The entry file name (statements without a file belong to it). */
  file: string;
  startedAt: string;
  /** What started the run: 'cli', 'tui', 'daemon', 'trigger', 'http', ... */
  source: string;
  user: string;
  /** The trigger event the run was for ('' = none). */
  event: string;
  /** What started it when the source alone does not say, e.g. 'task:Nightly'. */
  startedBy?: string;
  /** Source text of every file involved, by file name. */
  sources: Record<string, string>;
  stmts: DebugStmt[];
  fns: DebugFn[];
  /**
   * Recorded by its inputs (inputs.ts): no chunks follow, but the answers of the run's input
   * built-ins (a TraceInputs line before the end line); the steps are made by replaying the
   * sources, compiled again, with them (tracing/expand.ts). `stmts` and `fns` are then empty.
   */
  byInputs?: true;
  /** With byInputs: the file each `#include` name was found in. */
  includes?: Record<string, string>;
  /** With byInputs: the run's memory and output limits (MB), which its replay is held to. */
  limits?: { memoryMb?: number; outputMb?: number };
}

/** A recording by inputs: what the run's input built-ins answered, and how far it got. */
export interface TraceInputs {
  t: 'i';
  /** The answers in the order given, each one JSON text (inputs.ts). */
  answers: string[];
  /** The ticks (function entries and loop rounds) the run reached when it was ended from outside; null when it ended by itself. */
  ticks: number | null;
  /** The ticks the run counted, however it ended: a replay that ends by itself must count as many. */
  reached?: number;
  /** The log reached its limit: answers after the last were not kept. */
  full?: true;
  /** SHA-256 of the run's output (hex), to check the replay against. */
  output?: string;
}

/** A chunk descriptor; its columns follow as chunkBytes(chunk, version) raw bytes. */
export interface TraceChunk {
  t: 'c';
  /** Number of steps in this chunk. */
  n: number;
  /** Number of S entries that are no step (NO_STMT); absent = 0. */
  p?: number;
  /** Number of events in this chunk. */
  m: number;
  /** Number of argument values (A) in this chunk; absent = 0. */
  q?: number;
  /** Number of argument values stored by tag and payload (xn, xt) in this chunk; absent = 0. */
  x?: number;
  /** Version 4: tokens (T) and their width in bytes (2 or 4); Integer values (V). */
  k?: number;
  w?: number;
  v?: number;
  /** Version 3: bytes of the S, A and L streams; absent = 0. */
  sb?: number;
  ab?: number;
  lb?: number;
  /** Version 3: number of compact locals in L; absent = 0. */
  l?: number;
  /** Strings the events refer to; string indices count from the first chunk's first string. */
  strs: string[];
  /** Struct fields (name and type, in order) of struct types first seen in this chunk. */
  metas?: Record<string, { name: string; type: string }[]>;
}

/** Bytes of a chunk's columns (version 1: S and D, 4n each, then the events). */
export function chunkBytes(c: Pick<TraceChunk, 'n' | 'm' | 'p' | 'q' | 'x' | 'sb' | 'ab' | 'lb' | 'k' | 'w' | 'v'>, version: number = TRACE_VERSION): number {
  if (version < 2) return 8 * c.n + 22 * c.m;
  if (version < 3) return 4 * (c.n + (c.p ?? 0)) + 4 * (c.q ?? 0) + 22 * c.m + 9 * (c.x ?? 0);
  if (version < 4) return (c.sb ?? 0) + (c.ab ?? 0) + (c.lb ?? 0) + 22 * c.m + 9 * (c.x ?? 0);
  return (c.k ?? 0) * (c.w ?? 2) + 4 * ((c.v ?? 0) + (c.q ?? 0)) + 22 * c.m + 9 * (c.x ?? 0);
}

export interface TraceExceptionInfo {
  message: string;
  file: string;
  line: number;
  col: number;
}

export interface TraceEnd {
  t: 'e';
  /** 'ok', 'failed' (unhandled exception or error), 'interrupted' (stopped). */
  outcome: string;
  durationMs: number;
  steps: number;
  /** True when the recording stopped at its step limit while the run went on. */
  truncated: boolean;
  /** Where it stopped: the first statement not recorded (absent in older recordings). */
  cutAt?: TraceCut;
  /**
   * The run was ended from outside (its stop, its time limit, its memory limit): the recording
   * holds the steps up to then (saved when the run was ended; what a memory limit leaves may miss
   * the last second or so).
   */
  stoppedBy?: 'stopped' | 'timeout' | 'memory';
  exception: TraceExceptionInfo | null;
  /** CRM rows the run inserted, updated or deleted. */
  changes?: CrmChange[];
  /** Recorded by its inputs and not yet replayed: `steps` is 0 until then (see TraceHeader.byInputs). */
  byInputs?: true;
  /**
   * Made by replaying a recording by inputs that did not make the same run (its outcome or output
   * differed: a different crmscript-tui, or a replay that could not finish).
   */
  diverged?: true;
  /** Made by replaying a recording by inputs (tracing/expand.ts). */
  replayed?: true;
}

/** Where a recording was cut at its step limit: the step number and the statement's position. */
export interface TraceCut {
  step: number;
  file: string;
  line: number;
  col: number;
}

export type TraceLine = TraceHeader | TraceChunk | TraceInputs | TraceEnd;

