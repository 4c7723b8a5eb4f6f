// A scheduled task: its frequency, its lease while a daemon runs it, and its run history.
import { z } from 'zod';
import { id, isoDateTime, nonNegInt, targetKindSchema, timeOfDaySchema } from './common.js';

const weekDays = z.array(z.number().int().min(0).max(6)); // 0 = Sunday
const monthDays = z.array(z.number().int().min(1).max(31));
const months = z.array(z.number().int().min(1).max(12));

export const frequencySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('never') }),
  z.object({ kind: z.literal('minutes'), every: z.number().int().min(1) }),
  z.object({ kind: z.literal('hourly'), minute: z.number().int().min(0).max(59) }),
  z.object({ kind: z.literal('weekly'), time: timeOfDaySchema, days: weekDays }),
  z.object({ kind: z.literal('monthly'), time: timeOfDaySchema, days: monthDays, months }),
  /** Once, at the given date-time. */
  z.object({ kind: z.literal('once'), at: isoDateTime }),
  /** When another task completes. */
  z.object({ kind: z.literal('after'), taskId: id }),
]);

export const leaseSchema = z.object({
  /** Who holds it, e.g. "daemon:<pid>@<host>". */
  owner: z.string().min(1),
  until: isoDateTime,
});

export const taskSchema = z.object({
  id,
  name: z.string().min(1),
  targetKind: targetKindSchema,
  targetId: id,
  frequency: frequencySchema,
  enabled: z.boolean(),
  /** Run at the next scheduler check, then cleared. */
  startNow: z.boolean(),
  lockMinutes: nonNegInt,
  restartAfterMinutes: nonNegInt,
  lease: leaseSchema.nullable(),
  lastRun: isoDateTime.nullable(),
  nextRun: isoDateTime.nullable(),
  /** Login name of the sandbox CRM user the task's runs act as (absent: the default user). */
  crmUser: z.string().optional(),
  /** Discard the runs' CRM writes when they end (a dry-run task). */
  rollback: z.boolean().optional(),
});

// 'missed': scheduled times no daemon started the task at (none ran, or it could not keep up)
export const taskRunOutcomeSchema = z.enum(['running', 'ok', 'failed', 'interrupted', 'missed']);

export const taskRunSchema = z.object({
  id,
  taskId: id,
  startedAt: isoDateTime,
  endedAt: isoDateTime.nullable(),
  outcome: taskRunOutcomeSchema,
  /** The output, or its beginning when the full text is kept in a blob. */
  output: z.string(),
  /** Blob id (blobs.ts) holding the full output when it was too long to keep inline. */
  outputBlob: z.string().nullable().default(null),
  error: z.string().nullable(),
  /** Set on a running run when someone asks to stop it ("root (cli)"); the daemon running it stops it and records it as interrupted ("stopped"). */
  stopRequestedBy: z.string().nullable().optional(),
  /** CRM rows the run inserted, updated or deleted (table, id, kind, columns old → new). */
  changes: z
    .array(z.object({ table: z.string(), id: z.number(), kind: z.enum(['insert', 'update', 'delete']), columns: z.array(z.object({ name: z.string(), old: z.union([z.string(), z.number(), z.null()]), new: z.union([z.string(), z.number(), z.null()]) })) }))
    .default([]),
});

export type Frequency = z.infer<typeof frequencySchema>;
export type Lease = z.infer<typeof leaseSchema>;
export type Task = z.infer<typeof taskSchema>;
export type TaskRunOutcome = z.infer<typeof taskRunOutcomeSchema>;
export type TaskRun = z.infer<typeof taskRunSchema>;
export type FrequencyKind = Frequency['kind'];
