// A debug session: a run paused or waiting for a debugger to attach, and where to attach.
import { z } from 'zod';
import { id, isoDateTime } from './common.js';

export const debugSessionSchema = z.object({
  id,
  scriptName: z.string(),
  source: z.string(),
  /** Who or what started it: 'tui', 'cli', 'daemon', 'task:<name>', ... */
  startedBy: z.string(),
  /** 'waiting' (for someone to attach), 'paused', 'running', 'ended', ... */
  state: z.string().min(1),
  /** Current line when paused. */
  line: z.number().int().nullable(),
  /** Where a controller attaches (e.g. a socket path or URL). */
  endpoint: z.string().nullable(),
  pid: z.number().int(),
  createdAt: isoDateTime,
});

export type DebugSession = z.infer<typeof debugSessionSchema>;
