// A recording's columns as the reader holds them in memory, whatever the version of its file
// (decode.ts, decode-tokens.ts): what replay.ts and recording.ts read.
import type { TraceChunk } from './format.js';

/** A chunk's descriptor and where its columns start in the file's bytes. */
export interface ChunkAt {
  desc: TraceChunk;
  offset: number;
}

/** The whole recording's columns (see format.ts for their meaning). */
export interface Columns {
  steps: number;
  /** Statement id per step. */
  S: Int32Array;
  /** Call depth per step (1 = main body), with NEW_FRAME at a call's first step. */
  D: Int32Array;
  M: number;
  eStep: Int32Array;
  eOp: Uint8Array;
  eA: Int32Array;
  eB: Int32Array;
  eTag: Uint8Array;
  eNum: Float64Array;
  A: Int32Array;
  xTag: Uint8Array;
  xNum: Float64Array;
  /** Integer locals (versions 3 and 4): the step, frame depth, local index and Integer value of each. */
  lStep: Int32Array;
  lDepth: Int32Array;
  lSlot: Int32Array;
  lVal: Int32Array;
  strs: string[];
  metas: Map<string, { name: string; type: string }[]>;
}
