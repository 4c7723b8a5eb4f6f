/** The registry of debug sessions. */
import { nowIso } from '../ids.js';
import type {
  DebugSession,
  StoreData,
} from '../schema.js';
import { assign, nextUniqueId, removeById, requireById } from './common.js';

export function addDebugSession(d: StoreData, input: Omit<DebugSession, 'id' | 'createdAt'> & { id?: string; createdAt?: string }): DebugSession {
  const session: DebugSession = { ...input, id: input.id ?? nextUniqueId(d, 'debugSessions'), createdAt: input.createdAt ?? nowIso() };
  d.debugSessions.push(session);
  return session;
}

export function updateDebugSession(d: StoreData, id: string, patch: Partial<Omit<DebugSession, 'id'>>): DebugSession {
  const session = requireById(d, 'debugSessions', id);
  assign(session, patch);
  return session;
}

export function removeDebugSession(d: StoreData, id: string): DebugSession | undefined {
  return removeById(d, 'debugSessions', id);
}

/** Drop sessions whose process is gone (`isAlive(pid)` false); returns them. */
export function removeDeadDebugSessions(d: StoreData, isAlive: (pid: number) => boolean): DebugSession[] {
  const dead = d.debugSessions.filter((s) => !isAlive(s.pid));
  d.debugSessions = d.debugSessions.filter((s) => isAlive(s.pid));
  return dead;
}
