// A macro: its actions, each with a condition, and remembered run values.
import { z } from 'zod';
import { entityName, id, isoDateTime, runValuesSchema } from './common.js';

export const macroConditionSchema = z.union([
  z.object({ kind: z.literal('always') }),
  z.object({ left: z.string(), op: z.string().min(1), right: z.string() }),
]);

export const macroActionSchema = z.object({
  /** Action type from the action catalog. */
  type: z.string().min(1),
  params: z.record(z.string(), z.string()),
  condition: macroConditionSchema,
});

export const macroSchema = z.object({
  id,
  folderId: id.nullable(),
  name: entityName,
  description: z.string(),
  actions: z.array(macroActionSchema),
  /** Run values remembered for the macro (absent: none). */
  runValues: runValuesSchema.optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export type MacroCondition = z.infer<typeof macroConditionSchema>;
export type MacroAction = z.infer<typeof macroActionSchema>;
export type Macro = z.infer<typeof macroSchema>;
