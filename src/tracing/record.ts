// Tracing on the store's side: whether a run is recorded (enabled trace configurations of the
// target, the global switch, the user filter, every Nth execution counted in the store so that
// all processes share the count), writing the recording's header and end, indexing it in the
// store, notifying by email, and purging old recordings. Every way of starting a stored script or
// macro (startScriptRun / startMacroRun) goes through run/trace.ts's traceOrRun, so a run is recorded whatever
// started it.
import { appendFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store/store.js';
import type { StoreData, TargetKind, TraceConfig, TraceRun } from '../store/schema.js';
import { addTraceRun, expireTraceRuns, getById } from '../store/repos.js';
import { newId, nowIso } from '../store/ids.js';
import { TRACES_DIR } from '../store/paths.js';
import type { CompiledProgram } from '../interp/compiler.js';
import { deliverOutbox } from '../macros/outbox.js';
import type { RunOutcome } from '../interp/isolation/isolate.js';
import { completePart } from '../interp/trace/reader.js';
import { InputLog } from '../interp/trace/inputs.js';
import { outputDigest, replayedPath } from './expand.js';
import { stepsUnknown } from './steps-text.js';
import { TRACE_FORMAT, TRACE_VERSION, type TraceCut, type TraceEnd, type TraceExceptionInfo, type TraceHeader, type TraceInputs, type TraceTarget } from '../interp/trace/format.js';
import { startedByLabel } from '../store/who.js';
import { deleteContent, publishContent } from '../store/files.js';

export type { TraceTarget } from '../interp/trace/format.js';

/** Who and what starts a run (the run request's fields that matter here). */
export interface TraceRequestInfo {
  source?: string;
  user?: string;
  eventName?: string;
  /** What started it when the source alone does not say, e.g. 'task:Nightly'. */
  startedBy?: string;
  onLog?: (text: string) => void;
  /** The run's memory and output limits in MB (a recording by inputs keeps them: its replay is held to them). */
  limits?: { memoryMb?: number; outputMb?: number };
}

/** A hooked compile of the program, for a recorded run. */
export interface HookedProgram {
  /** Compiled in 'traced' mode, or in 'recorded' mode for a recording by inputs (src/interp/trace/inputs.ts). */
  compiled: CompiledProgram;
  /** Source text of every file involved, by file name. */
  sources: Map<string, string> | Record<string, string>;
  /** The file each `#include` name was found in (a recording by inputs keeps it for its replay). */
  includes?: Record<string, string>;
}

export function tracesDir(dataDir: string): string {
  return join(dataDir, TRACES_DIR);
}

/** Absolute path of a recording. */
export function traceFilePath(dataDir: string, run: Pick<TraceRun, 'file'>): string {
  return join(dataDir, run.file);
}

/** True when a configuration's user filter lets a run by `user` be recorded ('' = everyone; a comma list is allowed). */
export function userMatches(filter: string, user: string): boolean {
  const wanted = filter
    .split(',')
    .map((u) => u.trim().toLowerCase())
    .filter((u) => u !== '');
  return wanted.length === 0 || wanted.includes(user.trim().toLowerCase());
}

/** The enabled configurations that would record a run of the target by `user` (none while tracing is switched off). */
export function applicableTraces(d: StoreData, kind: TargetKind, id: string, user: string): TraceConfig[] {
  if (!d.settings.tracingEnabled) return [];
  return d.traceConfigs.filter((c) => c.enabled && c.targetKind === kind && c.targetId === id && userMatches(c.userFilter, user));
}

/**
 * Counts one execution for each applicable configuration (under the store lock) and returns the
 * one that records it: a configuration records the 1st execution and every Nth after it
 * (N = resolution). With several, the first that records wins; null when none does.
 */
export async function countExecution(store: Store, kind: TargetKind, id: string, user: string): Promise<TraceConfig | null> {
  return store.update((d) => {
    let chosen: TraceConfig | null = null;
    for (const c of applicableTraces(d, kind, id, user)) {
      const count = (c.executions ?? 0) + 1;
      c.executions = count;
      if (!chosen && (count - 1) % c.resolution === 0) chosen = { ...c };
    }
    return chosen;
  });
}

export interface Recording {
  id: string;
  configId: string;
  /** Absolute path of the file. */
  path: string;
  /** Path relative to the data directory (the index's `file`). */
  file: string;
  startedAt: string;
  source: string;
  user: string;
  /** A recording by inputs: the shared memory the run logs into (the run's trace option `inputs`). */
  inputs?: InputLog;
}

/** The index's source column: 'cli', 'tui', 'http', 'http:NewTicket', 'daemon task:Nightly', ... (shown with the user by whoLabel). */
export function sourceLabel(req: TraceRequestInfo): string {
  const source = req.source || 'cli';
  return startedByLabel(req.eventName ? `${source}:${req.eventName}` : source, req.startedBy, req.user);
}

/** Creates the recording file with its header; the run appends its chunks. */
export function beginRecording(store: Store, config: TraceConfig, target: TraceTarget, req: TraceRequestInfo, program: HookedProgram): Recording {
  const id = newId();
  const file = `${TRACES_DIR}/${id}.trace`;
  const path = join(store.dataDir, file);
  mkdirSync(tracesDir(store.dataDir), { recursive: true, mode: 0o700 });
  const sources = program.sources instanceof Map ? Object.fromEntries(program.sources) : program.sources;
  const startedAt = nowIso();
  const header: TraceHeader = {
    t: 'h',
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    id,
    configId: config.id,
    target,
    file: program.compiled.file,
    startedAt,
    source: req.source || 'cli',
    user: req.user ?? '',
    event: req.eventName ?? '',
    ...(req.startedBy ? { startedBy: req.startedBy } : {}),
    sources,
    stmts: program.compiled.debug?.stmts ?? [],
    fns: program.compiled.debug?.fns ?? [],
    ...(program.compiled.ticks ? { byInputs: true as const, includes: program.includes ?? {}, ...(req.limits ? { limits: req.limits } : {}) } : {}),
  };
  writeFileSync(path, JSON.stringify(header) + '\n', { mode: 0o600 });
  return { id, configId: config.id, path, file, startedAt, source: sourceLabel(req), user: req.user ?? '', ...(program.compiled.ticks ? { inputs: new InputLog() } : {}) };
}

/**
 * A recording whose worker was ended from outside (time limit, stop, memory) may end in a torn
 * chunk: cut it off so the end record follows the last complete one. Returns the steps kept.
 */
function repairRecording(path: string): number {
  try {
    const { steps, bytes } = completePart(readFileSync(path));
    truncateSync(path, bytes);
    return steps;
  } catch {
    return 0;
  }
}

function exceptionText(x: TraceExceptionInfo | null): string | null {
  if (!x) return null;
  return x.line > 0 ? `${x.file}:${x.line}:${x.col}: ${x.message}` : x.message;
}

export interface SavedRecording {
  /** The index entry; null when the recording was dropped (only-on-exception without one, or the configuration is gone). */
  run: TraceRun | null;
  /** Whether a notification was sent or queued. */
  notified: boolean;
  /** Problems delivering the notification, one sentence each. */
  problems: string[];
}

/** Ends a recording: writes its end line, indexes it (or drops it), notifies, and purges expired recordings. */
export async function finishRecording(store: Store, rec: Recording, target: TraceTarget, r: RunOutcome & { trace?: { steps: number; truncated: boolean; cutAt?: TraceCut; forced?: boolean } }): Promise<SavedRecording> {
  const interrupted = r.stopped === 'stopped';
  const exception: TraceExceptionInfo | null = r.error && !interrupted ? { message: r.error.message, file: r.error.file, line: r.error.line, col: r.error.col } : null;
  // a configuration that keeps recordings only on an exception keeps this one too when the script asked (forceSaveTrace)
  const kept = (cfg: TraceConfig): boolean => !cfg.onlyOnException || !!exception || r.trace?.forced === true;
  const outcome = interrupted ? 'interrupted' : r.error ? 'failed' : 'ok';
  // a recording by inputs has its answers written here, from the shared memory the run logged into
  // (whole even when the run's worker was ended from outside); its steps are counted when replayed
  if (rec.inputs) {
    const inputs: TraceInputs = { t: 'i', answers: rec.inputs.entries(), ticks: r.stopped ? rec.inputs.ticks[0] : null, reached: rec.inputs.ticks[0], ...(rec.inputs.full ? { full: true as const } : {}), output: outputDigest(r.output) };
    appendFileSync(rec.path, JSON.stringify(inputs) + '\n');
  }
  const steps = rec.inputs ? 0 : (r.trace?.steps ?? repairRecording(rec.path));
  const end: TraceEnd = { t: 'e', outcome, durationMs: r.durationMs, steps, truncated: r.trace?.truncated ?? false, ...(r.trace?.cutAt ? { cutAt: r.trace.cutAt } : {}), ...(r.stopped ? { stoppedBy: r.stopped } : {}), exception, ...(r.changes?.length ? { changes: r.changes } : {}), ...(rec.inputs ? { byInputs: true as const } : {}) };
  appendFileSync(rec.path, JSON.stringify(end) + '\n');
  // The contents go where every process of the store can read them (the database on PostgreSQL)
  // before the index names them.
  const cfgNow = getById(store.read(), 'traceConfigs', rec.configId);
  const published = !!cfgNow && kept(cfgNow);
  if (published) await publishContent(store, rec.file);

  const outcomeOf = await store.update((d) => {
    const cfg = getById(d, 'traceConfigs', rec.configId);
    if (!cfg || !kept(cfg)) return { run: null, notify: null as TraceConfig | null, expired: [] as TraceRun[] };
    // purge first, so that a configuration keeping 0 days still keeps the recording just made
    const expired = expireTraceRuns(d);
    const run = addTraceRun(d, {
      id: rec.id,
      configId: rec.configId,
      startedAt: rec.startedAt,
      source: rec.source,
      user: rec.user,
      durationMs: Math.max(0, r.durationMs),
      steps,
      ...(rec.inputs ? { byInputs: true } : {}),
      outcome,
      exception: exceptionText(exception),
      file: rec.file,
    });
    let notify: TraceConfig | null = null;
    if (cfg.notify && cfg.notificationEmail.trim() !== '' && (cfg.notificationsSent ?? 0) < cfg.maxNotifications) {
      cfg.notificationsSent = (cfg.notificationsSent ?? 0) + 1;
      notify = { ...cfg };
    }
    return { run, notify, expired };
  });
  if (!outcomeOf.run) {
    if (published) await deleteContent(store, [rec.file]);
    rmSync(rec.path, { force: true });
  }
  await deleteRecordingFiles(store, outcomeOf.expired);
  const saved: SavedRecording = { run: outcomeOf.run, notified: false, problems: [] };
  if (outcomeOf.run && outcomeOf.notify) {
    const report = await deliverOutbox(store, [notificationMail(outcomeOf.notify, target, outcomeOf.run)]);
    saved.notified = true;
    saved.problems = report.errors;
  }
  return saved;
}

function notificationMail(cfg: TraceConfig, target: TraceTarget, run: TraceRun) {
  const what = `${target.kind} "${target.name}"`;
  const lines = [
    `A run of the ${what} was recorded by the trace${cfg.description ? ` "${cfg.description}"` : ''}.`,
    '',
    `When:     ${run.startedAt}`,
    `Started:  ${run.source}${run.user ? ` by ${run.user}` : ''}`,
    `Duration: ${Math.round(run.durationMs)} ms`,
    `Outcome:  ${run.outcome}`,
    `Steps:    ${stepsUnknown(run) ? 'counted when the recording is first opened (it was recorded by its inputs)' : run.steps}`,
    ...(run.exception ? [`Exception: ${run.exception}`] : []),
    '',
    `Replay it with: crmscript-tui traces show ${run.id}`,
    `(notification ${cfg.notificationsSent ?? 1} of at most ${cfg.maxNotifications} for this trace)`,
  ];
  return {
    from: '',
    to: cfg.notificationEmail
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    cc: [],
    bcc: [],
    sms: [],
    smsFrom: '',
    subject: `Trace: ${target.name} ${run.outcome === 'ok' ? 'ran' : run.outcome}${run.exception ? ' with an exception' : ''}`,
    text: lines.join('\n') + '\n',
    html: '',
    headers: {},
  };
}

/**
 * Removes recordings older than their configuration's keep-days (index and files), and files in
 * the traces directory (and, on PostgreSQL, the database) that no index entry names and that are
 * older than a day (left by a process that died while recording). Returns how many recordings were removed.
 */
export async function purgeTraces(store: Store, now: Date = new Date()): Promise<number> {
  const expired = await store.update((d) => expireTraceRuns(d, now));
  await deleteRecordingFiles(store, expired);
  const known = new Set(store.read().traceRuns.map((r) => r.file.split('/').pop()));
  const dayAgo = new Date(now.getTime() - 86_400_000);
  let orphans = (await store.backend.sharedFiles?.prune(`${TRACES_DIR}/`, new Set(store.read().traceRuns.map((r) => r.file)), dayAgo)) ?? 0;
  const dir = tracesDir(store.dataDir);
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return expired.length;
  }
  for (const name of names) {
    // a recording's replay (expand.ts) goes with the recording
    if (!name.endsWith('.trace') || known.has(name.replace(/\.replayed\.trace$/, '.trace'))) continue;
    try {
      if (statSync(join(dir, name)).mtimeMs < now.getTime() - 86_400_000) {
        rmSync(join(dir, name), { force: true });
        orphans++;
      }
    } catch {
      // gone already
    }
  }
  return expired.length + orphans;
}

/** Deletes recordings' contents (after their index entries were removed): the files, and on PostgreSQL the database's copies. */
export async function deleteRecordingFiles(store: Store, runs: Pick<TraceRun, 'file'>[]): Promise<void> {
  await deleteContent(store, runs.map((r) => r.file));
  // the local replays of recordings by inputs (tracing/expand.ts)
  for (const r of runs) rmSync(replayedPath(traceFilePath(store.dataDir, r)), { force: true });
}
