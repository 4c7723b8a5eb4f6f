// Trace configurations and recordings as the CLI and the TUI's Tracing tab manage them: finding
// them by id (or a unique beginning of one), switching tracing on and off, removing recordings
// together with their files, and opening a recording for the viewer.
import type { Store } from '../store/store.js';
import type { StoreData, TraceConfig, TraceRun } from '../store/schema.js';
import { StoreError } from '../store/errors.js';
import { createTraceConfig, deleteTraceConfig, deleteTraceRun, targetLabel, traceRunsFor, updateSettings, updateTraceConfig, type TraceConfigInput } from '../store/repos.js';
import { openTrace, type TraceRecording } from '../interp/trace/reader.js';
import { deleteRecordingFiles, traceFilePath } from './record.js';
import { fetchContent } from '../store/files.js';
import { replayedRecording } from './expand.js';

function byIdOrPrefix<T extends { id: string }>(list: T[], ref: string, noun: string): T {
  const r = ref.trim();
  const exact = list.find((x) => x.id === r);
  if (exact) return exact;
  const hits = r === '' ? [] : list.filter((x) => x.id.startsWith(r));
  if (hits.length === 1) return hits[0];
  if (hits.length > 1) throw new StoreError('bad-input', `"${r}" matches ${hits.length} ${noun}s (${hits.map((h) => h.id).join(', ')}); give more of the id.`);
  throw new StoreError('not-found', `There is no ${noun} with id "${r}".`);
}

/** A trace configuration by id or a unique beginning of its id. */
export function resolveTraceConfig(d: StoreData, ref: string): TraceConfig {
  return byIdOrPrefix(d.traceConfigs, ref, 'trace');
}

/** A recording by id or a unique beginning of its id. */
export function resolveTraceRun(d: StoreData, ref: string): TraceRun {
  return byIdOrPrefix(d.traceRuns, ref, 'trace recording');
}

/** "script Examples/Hello" or "macro Welcome". */
export function traceTargetText(d: StoreData, c: Pick<TraceConfig, 'targetKind' | 'targetId'>): string {
  return `${c.targetKind} ${targetLabel(d, c.targetKind, c.targetId)}`;
}

export interface TraceListing {
  config: TraceConfig;
  /** "Examples/Hello" (the script's or macro's path). */
  target: string;
  /** Newest first. */
  recordings: TraceRun[];
}

export function listTraces(d: StoreData): TraceListing[] {
  return d.traceConfigs.map((config) => ({ config, target: targetLabel(d, config.targetKind, config.targetId), recordings: traceRunsFor(d, config.id) }));
}

export async function addTrace(store: Store, input: TraceConfigInput): Promise<TraceConfig> {
  return store.update((d) => createTraceConfig(d, input));
}

export async function editTrace(store: Store, ref: string, patch: Partial<Omit<TraceConfig, 'id'>>): Promise<TraceConfig> {
  return store.update((d) => updateTraceConfig(d, resolveTraceConfig(d, ref).id, patch));
}

export async function setTraceEnabled(store: Store, ref: string, enabled: boolean): Promise<TraceConfig> {
  return editTrace(store, ref, { enabled });
}

/** The global Start/Stop tracing switch. */
export async function setTracing(store: Store, on: boolean): Promise<void> {
  await store.update((d) => {
    updateSettings(d, { tracingEnabled: on });
  });
}

/** Removes a configuration, its recordings and their files. */
export async function removeTrace(store: Store, ref: string): Promise<{ config: TraceConfig; runs: TraceRun[] }> {
  const removed = await store.update((d) => deleteTraceConfig(d, resolveTraceConfig(d, ref).id));
  await deleteRecordingFiles(store, removed.runs);
  return removed;
}

/** Removes one recording and its file. */
export async function removeRecording(store: Store, ref: string): Promise<TraceRun> {
  const run = await store.update((d) => deleteTraceRun(d, resolveTraceRun(d, ref).id));
  await deleteRecordingFiles(store, [run]);
  return run;
}

/** Opens a recording in the local data directory (see TraceRecording in src/interp/trace/reader.ts); a recording by inputs is replayed first (expand.ts). */
export async function openRecording(dataDir: string, run: Pick<TraceRun, 'file'>): Promise<TraceRecording> {
  return openTrace((await replayedRecording(traceFilePath(dataDir, run))).path);
}

/**
 * Opens a recording for the viewer wherever it was made: on PostgreSQL a recording made on
 * another machine is fetched from the database into the local data directory first. A recording
 * by inputs is replayed on its first open (expand.ts), under the store's memory and output
 * limits, and its index entry then gets its steps.
 */
export async function loadRecording(store: Store, run: Pick<TraceRun, 'file'> & Partial<Pick<TraceRun, 'id' | 'byInputs' | 'steps'>>): Promise<TraceRecording> {
  const path = (await fetchContent(store, run.file)) ?? traceFilePath(store.dataDir, run);
  const s = store.read().settings;
  const replayed = await replayedRecording(path, { memoryMb: s.memoryLimitMb, outputMb: s.outputLimitMb });
  const rec = openTrace(replayed.path);
  if (run.byInputs && run.id && run.steps !== rec.steps) {
    const id = run.id;
    await store
      .update((d) => {
        const entry = d.traceRuns.find((r) => r.id === id);
        if (entry) entry.steps = rec.steps;
      })
      .catch(() => undefined); // the count is a convenience of the lists; the recording opened
  }
  return rec;
}

