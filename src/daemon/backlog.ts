// Whether the daemon keeps up: runs that wait too long for a free worker mean it does not. The
// scheduler checks on every pass; the state is said in the log (at most every 10 s, and once when
// the backlog is gone) and, through the scheduler, in daemon.json and the Scheduled tasks tab.
import type { PoolStats } from '../interp/pool.js';
import type { Logger } from './log.js';

/** Runs waiting this long for a worker mean the daemon cannot keep up (it says so). */
export const BEHIND_AFTER_MS = 2000;
const SAY_EVERY_MS = 10_000;

export class BacklogWatch {
  private behind: string | null = null;
  private saidAt = 0;

  constructor(
    private readonly stats: () => PoolStats,
    private readonly log: Logger,
  ) {}

  /** Null while the daemon keeps up; else what holds it back, in words. */
  note(): string | null {
    return this.behind;
  }

  check(): void {
    const st = this.stats();
    if (st.queued > 0 && st.oldestWaitMs >= BEHIND_AFTER_MS) {
      this.behind = `falling behind: ${st.queued} run${st.queued === 1 ? '' : 's'} waiting for a worker (oldest ${(st.oldestWaitMs / 1000).toFixed(1)} s, ${st.busy} busy)`;
      if (Date.now() - this.saidAt >= SAY_EVERY_MS) {
        this.saidAt = Date.now();
        this.log.warn('the daemon cannot keep up', { waiting: st.queued, oldestWaitMs: Math.round(st.oldestWaitMs), busyWorkers: st.busy, hint: 'raise CRMSCRIPT_TUI_WORKERS, or spread the schedules' });
      }
    } else if (this.behind && st.queued === 0) {
      this.behind = null;
      this.log.info('the daemon has caught up');
    }
  }
}
