// The registry of debug sessions as other processes see it: the store's debugSessions, with the
// entries of processes that are gone removed. Used by `debug sessions`, the daemon API and the
// TUI's Debug sessions tab.
import type { Store } from '../store/store.js';
import type { DebugSession as DebugSessionRecord, StoreData } from '../store/schema.js';
import { removeDeadDebugSessions } from '../store/repos.js';
import { pidAlive } from '../store/lease.js';

export type { DebugSessionRecord };

/** Sessions whose process still exists, newest first. */
export function liveDebugSessions(d: StoreData, isAlive: (pid: number) => boolean = pidAlive): DebugSessionRecord[] {
  return d.debugSessions.filter((s) => isAlive(s.pid)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** Lists the live sessions, removing the entries of dead processes from the store (one write, only when there are some). */
export async function listDebugSessions(store: Store, isAlive: (pid: number) => boolean = pidAlive): Promise<DebugSessionRecord[]> {
  const d = store.read();
  if (d.debugSessions.some((s) => !isAlive(s.pid))) {
    try {
      await store.update((x) => void removeDeadDebugSessions(x, isAlive));
    } catch {
      // listing still works on what we read
    }
  }
  return liveDebugSessions(store.read(), isAlive);
}

/** "waiting for a debugger at line 7", "paused at line 8", "running". */
export function describeSessionState(s: Pick<DebugSessionRecord, 'state' | 'line'>): string {
  const at = s.line !== null ? ` at line ${s.line}` : '';
  switch (s.state) {
    case 'waiting':
      return `waiting for a debugger${at}`;
    case 'paused':
      return `paused${at}`;
    default:
      return s.state;
  }
}
