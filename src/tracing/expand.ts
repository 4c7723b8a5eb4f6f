// Opening a recording made by a run's inputs (src/interp/trace/inputs.ts): the first open replays
// it — the recorded sources compiled again in 'replay' mode, run on a worker with the trace
// recorder on and the logged answers in place of the input built-ins, up to the tick the run
// reached when it was ended from outside — into a recording of steps kept next to it
// (`<id>.replayed.trace`, a local cache like a recording fetched from the database), which every
// later open reads. The replay is checked against the run: the same outcome and, for a run that
// ended by itself, the same output; a replay that differs says so in its end record (`diverged`).
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { firstLine } from '../store/json/lines.js';
import { compileScript } from '../interp/compile-script.js';
import { runIsolated } from '../interp/isolation/isolate.js';
import { REPLAY_END } from '../interp/trace/inputs.js';
import { TraceFileError } from '../interp/trace/file-error.js';
import type { TraceEnd, TraceHeader, TraceInputs } from '../interp/trace/format.js';

/** The replay of a recording by inputs, next to it. */
export function replayedPath(path: string): string {
  return path.replace(/\.trace$/, '') + '.replayed.trace';
}

/** A run's output as the recording by inputs keeps it, to check the replay against. */
export function outputDigest(output: string): string {
  return createHash('sha256').update(output).digest('hex');
}

interface ByInputs {
  header: TraceHeader;
  inputs: TraceInputs | null;
  end: TraceEnd | null;
}

/**
 * A recording by inputs: its header, answers and end; null for any other file. Only the header is
 * read of a step-by-step recording (its chunks can be tens of MB, which openTrace reads next).
 */
function readByInputs(path: string): ByInputs | null {
  const first = firstLine(path);
  if (first === null) return null;
  let header: TraceHeader;
  try {
    header = JSON.parse(first) as TraceHeader;
  } catch {
    return null;
  }
  if (!header?.byInputs) return null;
  let inputs: TraceInputs | null = null;
  let end: TraceEnd | null = null;
  for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
    if (!line) continue;
    const rec = JSON.parse(line) as TraceInputs | TraceEnd;
    if (rec.t === 'i') inputs = rec;
    else if (rec.t === 'e') end = rec;
  }
  return { header, inputs, end };
}

/**
 * Whether a replay went as far as the run, by its ticks and answers (recordings made before those
 * were kept pass): one that ended by itself counted the run's ticks and gave back all its answers
 * (a stack the run's fast code overflowed deeper, for one, does not); one of a run ended from
 * outside got to the tick where the run was — unless the recording's step limit, or the end of a
 * full log, ended it first.
 */
function sameCourse(trace: { ticks?: number; answered?: number; truncated?: boolean } | undefined, inputs: TraceInputs, halted: boolean, endedFromOutside: boolean): boolean {
  if (trace?.ticks === undefined || trace.truncated) return true;
  // the log was full: the replay ends at the first answer it lacks
  if (halted && inputs.full) return true;
  if (endedFromOutside) return inputs.ticks === null || trace.ticks >= inputs.ticks;
  if (halted) return true;
  return (inputs.reached === undefined || trace.ticks === inputs.reached) && trace.answered === inputs.answers.length;
}

export interface ReplayLimits {
  memoryMb?: number;
  outputMb?: number;
}

/**
 * The recording to read for `path`: itself, or for a recording by inputs its replay (made on the
 * first call). Returns the replay's steps too when it was made now.
 */
export async function replayedRecording(path: string, limits: ReplayLimits = {}): Promise<{ path: string; steps?: number }> {
  const rec = readByInputs(path);
  if (!rec) return { path };
  const out = replayedPath(path);
  if (existsSync(out)) return { path: out };
  const { header, inputs, end } = rec;
  if (!inputs || !end) throw new TraceFileError(`${path}: the run recorded by its inputs has not ended yet (or its process died before it could save them).`);
  const compiled = compileScript({
    source: header.sources[header.file] ?? '',
    file: header.file,
    mode: 'replay',
    resolveInclude: (name) => {
      const file = header.includes?.[name];
      return file !== undefined && header.sources[file] !== undefined ? { file, source: header.sources[file] } : null;
    },
  });
  if (!compiled.compiled) {
    const why = compiled.diagnostics.find((d) => d.severity === 'error');
    throw new TraceFileError(`${path}: the recorded sources no longer compile, so the run cannot be replayed${why ? ` (${why.file}:${why.line}:${why.col}: ${why.message})` : ''}.`);
  }
  const { byInputs: _b, includes: _i, limits: runLimits, ...rest } = header;
  const replayHeader: TraceHeader = { ...rest, stmts: compiled.compiled.debug!.stmts, fns: compiled.compiled.debug!.fns };
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(replayHeader) + '\n', { mode: 0o600 });
  try {
    // the replay does what the run did, with the recorder on: time enough for that, the run's output
    // limit (it ends the replay where it ended the run) and twice its memory limit (for the recorder's
    // own; a run its memory limit ended replays up to the tick it reached). A recording made before
    // the limits were kept gets the caller's.
    const timeoutMs = Math.max(60_000, end.durationMs * 50);
    const memoryMb = runLimits?.memoryMb !== undefined ? runLimits.memoryMb * 2 : limits.memoryMb;
    const outputMb = runLimits?.outputMb ?? limits.outputMb;
    const r = await runIsolated(compiled.compiled, { memoryMb, outputMb, timeoutMs, trace: { path: tmp, replay: { answers: inputs.answers, ticks: inputs.ticks } } }).result;
    // the same run: a replay that ends early ends where the recording stops (its step limit) or where
    // the run was ended from outside; one that ends by itself has the run's outcome and output (a run
    // ended from outside after its last tick and answer goes on to its end in the replay)
    const halted = r.error?.message === REPLAY_END;
    const endedFromOutside = end.stoppedBy !== undefined;
    let same: boolean;
    if (halted) same = r.trace?.truncated === true || endedFromOutside;
    else if (endedFromOutside) same = true;
    else same = (r.error?.message ?? null) === (end.exception?.message ?? null) && (inputs.output === undefined || outputDigest(r.output) === inputs.output);
    same &&= sameCourse(r.trace, inputs, halted, endedFromOutside);
    // with more memory than the run had, a replay of a run its memory limit ended that ends by itself
    // (not at a tick, nor at its own limit) went on past the statement that ended the run
    if (end.stoppedBy === 'memory' && !halted && r.stopped !== 'memory') same = false;
    const { byInputs: _e, ...endRest } = end;
    const replayEnd: TraceEnd = {
      ...endRest,
      steps: r.trace?.steps ?? 0,
      truncated: r.trace?.truncated ?? false,
      ...(r.trace?.cutAt ? { cutAt: r.trace.cutAt } : {}),
      replayed: true,
      ...(same && !r.stopped ? {} : { diverged: true as const }),
    };
    appendFileSync(tmp, JSON.stringify(replayEnd) + '\n');
    renameSync(tmp, out);
    return { path: out, steps: replayEnd.steps };
  } finally {
    rmSync(tmp, { force: true });
  }
}
