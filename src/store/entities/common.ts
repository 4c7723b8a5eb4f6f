// The building blocks the entities' shapes share: ids, date-times, names, times of day, targets,
// and the run values a script or macro remembers.
import { z } from 'zod';

export const id = z.string().min(1);
/** ISO 8601 date-time (e.g. `new Date().toISOString()`). */
export const isoDateTime = z.iso.datetime({ offset: true });
export const nonNegInt = z.number().int().min(0);

/** 'HH:MM', 24-hour clock. */
export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (00:00 to 23:59)');

export const targetKindSchema = z.enum(['script', 'macro']);

/**
 * The name of a folder, script or macro: it becomes a file or directory name in exports, so no
 * "/", "\\" or control characters, and not "." or "..".
 */
export const entityName = z
  .string()
  .min(1)
  .refine((n) => !/[/\\\u0000-\u001f\u007f]/.test(n), 'must not contain "/", "\\" or control characters')
  .refine((n) => n !== '.' && n !== '..', 'must not be "." or ".."');

/**
 * Values an operator runs a script or macro with from the TUI (as the CLI's --var/--input):
 * remembered with it, so every run, debug run, test-fire and every operator of the store
 * starts from the same ones.
 */
export const runValuesSchema = z.object({
  /** What getVariable(name) returns. */
  variables: z.record(z.string(), z.string()),
  /** Event input values (getEventData, {input.NAME}). */
  inputs: z.record(z.string(), z.string()),
});

export type TargetKind = z.infer<typeof targetKindSchema>;
export type RunValues = z.infer<typeof runValuesSchema>;
