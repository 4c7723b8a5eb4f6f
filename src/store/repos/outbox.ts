/** Notifications waiting to be mailed (the outbox). */
import { nowIso } from '../ids.js';
import type {
  Notification,
  StoreData,
} from '../schema.js';
import { nextUniqueId, requireById } from './common.js';

export function enqueueNotification(d: StoreData, input: { to: string; subject: string; body: string; files?: Notification['files'] }): Notification {
  const { files, ...rest } = input;
  const n: Notification = { id: nextUniqueId(d, 'outbox'), ...rest, createdAt: nowIso(), sentAt: null, ...(files && files.length > 0 ? { files } : {}) };
  d.outbox.push(n);
  return n;
}

export function pendingNotifications(d: StoreData): Notification[] {
  return d.outbox.filter((n) => n.sentAt === null);
}

export function markNotificationSent(d: StoreData, id: string, at: string = nowIso()): Notification {
  const n = requireById(d, 'outbox', id);
  n.sentAt = at;
  return n;
}
