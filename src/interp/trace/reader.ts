// Opening a trace recording: reading the file, its header, chunk descriptors and end record
// (format.ts), dropping a torn last chunk, and handing the chunks' columns to decode.ts. The
// recording itself (positions, moves, the state at a step) is recording.ts.
import { readFileSync } from 'node:fs';
import { errorMessage } from '../util/error-message.js';
import { decodeColumns, type ChunkAt } from './decode.js';
import { TraceRecording } from './recording.js';
import { TraceFileError } from './file-error.js';
import { chunkBytes, TRACE_FORMAT, TRACE_VERSION, type TraceChunk, type TraceEnd, type TraceHeader } from './format.js';

export { DIVERGED, STOPPED_BY, TraceRecording } from './recording.js';
export type { TraceException, TraceFrameVariables, TracePosition, TraceStackFrame, TraceStepView } from './recording.js';
export { TraceFileError } from './file-error.js';
export { SNAPSHOT_EVERY } from './replay.js';

/** Parses the bytes of a recording. A torn last chunk (the run's process was killed) is dropped. */
export function parseTrace(buf: Buffer): TraceRecording {
  let pos = 0;
  const nextLine = (): string | null => {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) return null;
    const s = buf.toString('utf8', pos, nl);
    pos = nl + 1;
    return s;
  };
  const first = nextLine();
  let header: TraceHeader;
  try {
    header = JSON.parse(first ?? '') as TraceHeader;
  } catch {
    throw new TraceFileError('This file is not a crmscript-tui trace recording.');
  }
  const chunks: ChunkAt[] = [];
  const version = header?.version ?? 1;
  let end: TraceEnd | null = null;
  for (let line = nextLine(); line !== null; line = nextLine()) {
    let rec: TraceChunk | TraceEnd;
    try {
      rec = JSON.parse(line) as TraceChunk | TraceEnd;
    } catch {
      if (pos >= buf.length) break;
      throw new TraceFileError(`The recording is damaged at byte ${pos}.`);
    }
    if (rec.t === 'c') {
      const len = chunkBytes(rec, version);
      if (pos + len > buf.length) break; // torn
      chunks.push({ desc: rec, offset: pos });
      pos += len;
    } else if (rec.t === 'e') end = rec;
  }
  if (!header || header.t !== 'h' || header.format !== TRACE_FORMAT) throw new TraceFileError('This file is not a crmscript-tui trace recording.');
  if (version > TRACE_VERSION) throw new TraceFileError(`This recording was made by a newer crmscript-tui (format version ${version}); update to open it.`);
  const params = (header.fns ?? []).map((f) => f.params ?? 0);
  return new TraceRecording(header, end, decodeColumns(version, chunks, buf, params));
}

/**
 * Steps held and bytes used by the complete records of a recording. A run killed while writing
 * leaves a torn chunk after them; cutting the file to `bytes` lets an end record follow.
 */
export function completePart(buf: Buffer): { steps: number; bytes: number } {
  let pos = buf.indexOf(10) + 1;
  if (pos <= 0) return { steps: 0, bytes: 0 };
  let version = 1;
  try {
    version = (JSON.parse(buf.toString('utf8', 0, pos - 1)) as TraceHeader).version ?? 1;
  } catch {
    // not a header: the chunks below will not parse either
  }
  let steps = 0;
  for (;;) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) break;
    let rec: TraceChunk | TraceEnd;
    try {
      rec = JSON.parse(buf.toString('utf8', pos, nl)) as TraceChunk | TraceEnd;
    } catch {
      break;
    }
    if (rec.t !== 'c') {
      pos = nl + 1;
      continue;
    }
    const len = chunkBytes(rec, version);
    if (nl + 1 + len > buf.length) break;
    steps += rec.n;
    pos = nl + 1 + len;
  }
  return { steps, bytes: pos };
}

/** Opens a recording file. */
export function openTrace(path: string): TraceRecording {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TraceFileError(code === 'ENOENT' ? `The recording ${path} does not exist (it may have been purged).` : `Cannot read the recording ${path}: ${errorMessage(e)}.`);
  }
  try {
    return parseTrace(buf);
  } catch (e) {
    if (e instanceof TraceFileError) throw new TraceFileError(`${path}: ${e.message}`);
    throw e;
  }
}
