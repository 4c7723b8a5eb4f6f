// The trace recording file: one file per recorded run.
//
//   {"t":"h", ...}\n            header: what ran (sources, statement and function tables), who started it
//   {"t":"c", "n", "m", ...}\n  chunk descriptor, followed by the chunk's columns as raw bytes:
//                                S (sb bytes), A (ab bytes), L (lb bytes): byte streams of varints;
//                                es, ea, eb (Int32 × m), en (Float64 × m), xn (Float64 × x),
//                                eo, et (Uint8 × m), xt (Uint8 × x)
//   ... more chunks ...
//   {"t":"e", ...}\n            end: outcome, duration, the unhandled exception if any
//
// Why JSON framing with binary columns rather than a JSON line per step: recording must cost
// little per statement (the target is ≤ 5× an untraced run), so the recorder fills typed arrays
// as the run goes and writes each chunk out with one system call: about one byte per step, one
// per argument of a call (more unless it is a small integer), 2-6 per Integer a statement
// assigns and 22 per other event; a million statements make a file of a few MB. A JSON line per
// step would be 10× larger and cost a JSON.stringify per statement. Header, descriptors and end
// stay JSON, readable with ordinary tools (`head -1 x.trace | jq`); a run killed mid-way leaves
// complete chunks followed at most by a torn one, which the reader drops.
//
// A varint holds 7 bits a byte, low bits first, the high bit set on every byte but the last;
// signed values are zigzag first (0, -1, 1, -2, ... → 0, 1, 2, 3, ...).
//
// Semantics. Step i is "about to execute statement id(S[i]) at call depth D[i]". The call depth is
// not stored but follows from each entry's depth change since the entry before: first `leaves`
// functions returned, then, with NEW_FRAME, a function was called (the step is its first
// statement). An entry whose statement id is NO_STMT is no step, only a depth change (more
// returns than one entry holds). The depth before the first entry is 0.
// In the recorder's buffer an entry is an Int32 that stays a small integer (a V8 Smi, so the
// hook's fields never change representation): the statement id (E_STMT), the leaves
// (E_LEAVE_SHIFT), E_NEW_FRAME, and E_LOCALS: the step has compact local values in L. In the file
// (version 3) it is the varint id × 4 + (locals ? 2 : 0) + (depth change ? 1 : 0), followed for a
// depth change by one byte: leaves + (a call began ? 64 : 0).
// At every step with NEW_FRAME, the call's `this` and parameters (DebugFn.params values, in
// order) are the next values of the argument column A, so a call costs no event: an even value
// is a small integer (the value × 2), an odd one the index × 2 + 1 of a value in the columns xt
// (tag) and xn (payload); indices count from the first chunk's first value, like strings. A, xt
// and xn are each one column across chunks (a call's arguments may be in the chunk before its
// first step). In the file, A is a stream of zigzag varints.
// L holds the locals a step's statement hook found changed to an Integer (a 32-bit integer that
// is not -0): per value the varint slot × 4 + (main ? 2 : 0) + (first ? 1 : 0), then the value
// as a zigzag varint; `first` starts the values of the next step whose entry has LOCALS_FLAG,
// `main` means the main body's frame (a global a function assigned) rather than the step's own.
// They are applied after the step's events. Every other change of a local is an OP_LOCAL event.
// Events are applied in order; an event with step i is part of the state shown at step i (it
// happened after step i-1 started). Values in events are primitives, or references to heap
// objects (arrays, structs, Maps, Vectors) whose contents are defined once (OP_DEF) and then
// changed by the heap operations, so a statement that changes one element of a large array costs
// one event, not a copy of the array.
//
// Older versions (still read). Version 2 had S and A as Int32 columns (4 × (n + p) and 4 × q
// bytes) and no L: every change of a local was an event. Version 1 had a depth column instead:
// S, D (Int32 × n) then the event columns, no argument columns; D[i] was the depth, with
// NEW_FRAME, and parameters were OP_LOCAL events.
import type { CrmChange } from '../runtime/crm-service.js';
import type { DebugFn, DebugStmt } from '../compiler.js';

export const TRACE_FORMAT = 'crmscript-trace';
export const TRACE_VERSION = 3;

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

// ---- the recorder's in-memory S entries (version 3 files; see above)
export const E_STMT = 0x3fffff;
/** Statement id of an entry that is no step. */
export const E_NO_STMT = E_STMT;
/** An entry's count of functions that returned since the entry before (up to LEAVE_MAX). */
export const E_LEAVE_SHIFT = 22;
/** A new call began at this step. */
export const E_NEW_FRAME = 1 << 28;
/** The step has compact local values in L. */
export const E_LOCALS = 1 << 29;

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
export function chunkBytes(c: Pick<TraceChunk, 'n' | 'm' | 'p' | 'q' | 'x' | 'sb' | 'ab' | 'lb'>, version: number = TRACE_VERSION): number {
  if (version < 2) return 8 * c.n + 22 * c.m;
  if (version < 3) return 4 * (c.n + (c.p ?? 0)) + 4 * (c.q ?? 0) + 22 * c.m + 9 * (c.x ?? 0);
  return (c.sb ?? 0) + (c.ab ?? 0) + (c.lb ?? 0) + 22 * c.m + 9 * (c.x ?? 0);
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
}

/** Where a recording was cut at its step limit: the step number and the statement's position. */
export interface TraceCut {
  step: number;
  file: string;
  line: number;
  col: number;
}

export type TraceLine = TraceHeader | TraceChunk | TraceEnd;

