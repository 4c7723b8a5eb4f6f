/** Trace configurations and the index of their recordings. */
import { StoreError } from '../errors.js';
import type {
  StoreData,
  TargetKind,
  TraceConfig,
  TraceRun,
} from '../schema.js';
import { assign, compareText, getById, nextUniqueId, removeById, requireById } from './common.js';
import { requireTarget } from './targets.js';

export type TraceConfigInput = Pick<TraceConfig, 'targetKind' | 'targetId'> & Partial<Omit<TraceConfig, 'id'>>;

export function createTraceConfig(d: StoreData, input: TraceConfigInput): TraceConfig {
  requireTarget(d, input.targetKind, input.targetId);
  const config: TraceConfig = {
    id: nextUniqueId(d, 'traceConfigs'),
    targetKind: input.targetKind,
    targetId: input.targetId,
    description: input.description ?? '',
    userFilter: input.userFilter ?? '',
    resolution: input.resolution ?? 1,
    keepDays: input.keepDays ?? 7,
    enabled: input.enabled ?? true,
    notify: input.notify ?? false,
    maxNotifications: input.maxNotifications ?? 10,
    notificationEmail: input.notificationEmail ?? '',
    onlyOnException: input.onlyOnException ?? false,
  };
  d.traceConfigs.push(config);
  return config;
}

export function updateTraceConfig(d: StoreData, id: string, patch: Partial<Omit<TraceConfig, 'id'>>): TraceConfig {
  const config = requireById(d, 'traceConfigs', id);
  if (patch.targetKind !== undefined || patch.targetId !== undefined) {
    requireTarget(d, patch.targetKind ?? config.targetKind, patch.targetId ?? config.targetId);
  }
  assign(config, patch);
  return config;
}

/** Delete a trace configuration and the index of its recordings; returns the runs (their files are the caller's to delete). */
export function deleteTraceConfig(d: StoreData, id: string): { config: TraceConfig; runs: TraceRun[] } {
  const config = removeById(d, 'traceConfigs', id);
  if (!config) throw new StoreError('not-found', `There is no trace with id "${id}".`);
  const runs = d.traceRuns.filter((r) => r.configId === id);
  d.traceRuns = d.traceRuns.filter((r) => r.configId !== id);
  return { config, runs };
}

export function traceConfigsFor(d: StoreData, kind: TargetKind, targetId: string): TraceConfig[] {
  return d.traceConfigs.filter((c) => c.targetKind === kind && c.targetId === targetId);
}

export function addTraceRun(d: StoreData, run: Omit<TraceRun, 'id'> & { id?: string }): TraceRun {
  requireById(d, 'traceConfigs', run.configId);
  const rec: TraceRun = { ...run, id: run.id ?? nextUniqueId(d, 'traceRuns') };
  if (getById(d, 'traceRuns', rec.id) && run.id !== undefined) {
    throw new StoreError('conflict', `A trace recording with id "${rec.id}" already exists.`);
  }
  d.traceRuns.push(rec);
  return rec;
}

/** A configuration's recordings, newest first. */
export function traceRunsFor(d: StoreData, configId: string): TraceRun[] {
  return d.traceRuns.filter((r) => r.configId === configId).sort((a, b) => compareText(b.startedAt, a.startedAt));
}

export function deleteTraceRun(d: StoreData, id: string): TraceRun {
  const removed = removeById(d, 'traceRuns', id);
  if (!removed) throw new StoreError('not-found', `There is no trace recording with id "${id}".`);
  return removed;
}

/** Remove recordings older than their configuration's keepDays; returns them (their files are the caller's to delete). */
export function expireTraceRuns(d: StoreData, now: Date = new Date()): TraceRun[] {
  const keep = new Map(d.traceConfigs.map((c) => [c.id, c.keepDays]));
  const expired = d.traceRuns.filter((r) => {
    const days = keep.get(r.configId);
    if (days === undefined) return true; // orphaned
    return Date.parse(r.startedAt) < now.getTime() - days * 86_400_000;
  });
  const drop = new Set(expired.map((r) => r.id));
  d.traceRuns = d.traceRuns.filter((r) => !drop.has(r.id));
  return expired;
}
