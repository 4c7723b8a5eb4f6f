/**
 * Who started a run, as every list shows it (traces, debug sessions, task
 * history, the CLI and the TUI alike): "source (user)", or the source alone
 * when no user is known: "tui (anna)", "cli (root)", "daemon (task:Nightly)",
 * "http:SalesBeforeSaveSale (ann)", "http".
 */
import { userInfo } from 'node:os';

export function whoLabel(source: string, user: string | undefined | null): string {
  const s = source.trim() || 'cli';
  const u = (user ?? '').trim();
  if (u === '' || u === s) return s;
  return `${s} (${u})`;
}

/**
 * The source with what started the run when that is not a user: "daemon task:Nightly",
 * "cli trigger:NewTicket"; plain `source` when `startedBy` is empty, the source or the user.
 */
export function startedByLabel(source: string, startedBy: string | undefined, user?: string): string {
  const by = (startedBy ?? '').trim();
  if (by === '' || by === source || by === (user ?? '').trim() || !by.includes(':')) return source;
  return `${source} ${by}`;
}

/** A debug session's "started by": "daemon task:Nightly", "tui (anna)". */
export function sessionWho(rec: { source: string; startedBy: string }): string {
  return rec.startedBy.includes(':') ? startedByLabel(rec.source, rec.startedBy) : whoLabel(rec.source, rec.startedBy);
}

/** The user of this process, for runs started from a terminal (CLI, TUI). */
export function currentUser(): string {
  if (process.env.USER) return process.env.USER;
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
