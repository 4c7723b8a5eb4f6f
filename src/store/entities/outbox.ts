// A mail in the outbox: queued by a run (Email.send, a macro action, a trace notification) until sent.
import { z } from 'zod';
import { id, isoDateTime } from './common.js';

export const notificationSchema = z.object({
  id,
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
  /** The files it carries (Email.addAttachment): names, types and sizes; the content is not kept here. */
  files: z.array(z.object({ name: z.string(), contentType: z.string(), bytes: z.number().int().nonnegative() })).optional(),
});

export type Notification = z.infer<typeof notificationSchema>;
