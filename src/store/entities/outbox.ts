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
});

export type Notification = z.infer<typeof notificationSchema>;
