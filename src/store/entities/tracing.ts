// Tracing: a trace configuration (what to record, how often, who is told) and the index of a recorded run.
import { z } from 'zod';
import { id, isoDateTime, nonNegInt, targetKindSchema } from './common.js';

export const traceConfigSchema = z.object({
  id,
  targetKind: targetKindSchema,
  targetId: id,
  description: z.string(),
  /** Only record runs by this user ('' = everyone). */
  userFilter: z.string(),
  /** Record every Nth execution. */
  resolution: z.number().int().min(1),
  keepDays: nonNegInt,
  enabled: z.boolean(),
  notify: z.boolean(),
  maxNotifications: nonNegInt,
  notificationEmail: z.string(),
  onlyOnException: z.boolean(),
  /** Executions counted so far (for the resolution; shared by every process). */
  executions: nonNegInt.optional(),
  /** Notifications sent so far (at most maxNotifications). */
  notificationsSent: nonNegInt.optional(),
});

export const traceRunSchema = z.object({
  id,
  configId: id,
  startedAt: isoDateTime,
  /** Where the run came from: 'tui', 'cli', 'task', 'trigger', 'http', ... */
  source: z.string(),
  user: z.string(),
  durationMs: z.number().min(0),
  /** Number of recorded steps. */
  steps: nonNegInt,
  /** Recorded by the run's inputs: `steps` is 0 until the recording is first opened (replayed). */
  byInputs: z.boolean().optional(),
  /** 'ok', 'failed', 'interrupted', ... */
  outcome: z.string(),
  exception: z.string().nullable(),
  /** The recording, relative to the data directory (e.g. "traces/<id>.trace"; format: src/interp/trace/format.ts). */
  file: z.string(),
});

export type TraceConfig = z.infer<typeof traceConfigSchema>;
export type TraceRun = z.infer<typeof traceRunSchema>;
