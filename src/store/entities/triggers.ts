// A trigger binding: an event, the script or macro it runs, and its last firing.
import { z } from 'zod';
import { id, isoDateTime, targetKindSchema } from './common.js';

export const triggerSchema = z.object({
  id,
  /** Event name from the trigger catalog, e.g. "NewTicket". */
  event: z.string().min(1),
  targetKind: targetKindSchema,
  targetId: id,
  description: z.string(),
  enabled: z.boolean(),
  /** Position among the bindings of the same event (lower runs first). */
  order: z.number().int(),
  lastFiredAt: isoDateTime.nullable(),
  /** Free text summary of the last firing, e.g. "ok", "blocked: ...", "failed: ...". */
  lastOutcome: z.string().nullable(),
  /** Login name of the sandbox CRM user the binding's runs act as (absent: the default user; fire --user overrides). */
  crmUser: z.string().optional(),
});

export type Trigger = z.infer<typeof triggerSchema>;
