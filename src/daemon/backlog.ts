// Whether the daemon keeps up. Two signs that it does not: runs wait too long for a free worker,
// or runs start too long after they were due (the main thread busy claiming and launching a wave,
// or the machine short of CPU, with workers to spare). The scheduler checks on every pass; the
// state is said in the log (at most every 10 s while runs wait or start late, and once when it is
// over) and, through the scheduler, in daemon.json and the Scheduled tasks tab.
import type { PoolStats } from '../interp/pool.js';
import type { Logger } from './log.js';

/** Runs waiting this long for a worker, or starting this late, mean the daemon cannot keep up. */
export const BEHIND_AFTER_MS = 2000;
const SAY_EVERY_MS = 10_000;
/** A late start counts for this long: schedules run in waves, a minute or more apart. */
const LATE_COUNTS_MS = 120_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export class BacklogWatch {
  private behind: string | null = null;
  private saidAt = -Infinity;
  /** Starts since the last line in the log, and how many of them were late. */
  private starts = 0;
  private lateStarts = 0;
  /** When the latest late start was, and the worst lateness while the state lasts. */
  private lastLateAt = -Infinity;
  private worstLateMs = 0;

  constructor(
    private readonly stats: () => PoolStats,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Null while the daemon keeps up; else what holds it back, in words. */
  note(): string | null {
    return this.behind;
  }

  /** A run started on a worker `lateMs` after it was due. */
  started(lateMs: number): void {
    this.starts++;
    if (lateMs < BEHIND_AFTER_MS) return;
    this.lateStarts++;
    this.lastLateAt = this.now();
    this.worstLateMs = Math.max(this.worstLateMs, lateMs);
  }

  check(): void {
    const st = this.stats();
    const now = this.now();
    const waiting = st.queued > 0 && st.oldestWaitMs >= BEHIND_AFTER_MS;
    const late = now - this.lastLateAt < LATE_COUNTS_MS;
    if (!waiting && !late) {
      this.worstLateMs = 0;
      if (this.behind && st.queued === 0) {
        this.behind = null;
        this.log.info('the daemon has caught up');
      }
      return;
    }
    const parts: string[] = [];
    if (waiting) parts.push(`${st.queued} run${st.queued === 1 ? '' : 's'} waiting for a worker (oldest ${seconds(st.oldestWaitMs)}, ${st.busy} busy)`);
    if (late) parts.push(`runs start up to ${seconds(this.worstLateMs)} after they are due`);
    this.behind = `falling behind: ${parts.join('; ')}`;
    if (now - this.saidAt < SAY_EVERY_MS) return;
    // the state lasts a while after a late wave (the tab shows it); the log says only what is new
    if (!waiting && this.lateStarts === 0) return;
    this.saidAt = now;
    this.log.warn('the daemon cannot keep up', {
      ...(waiting ? { waiting: st.queued, oldestWaitMs: Math.round(st.oldestWaitMs), busyWorkers: st.busy } : {}),
      ...(late ? { lateStarts: this.lateStarts, starts: this.starts, worstLateMs: Math.round(this.worstLateMs) } : {}),
      hint: 'raise CRMSCRIPT_TUI_WORKERS, or spread the schedules',
    });
    this.starts = 0;
    this.lateStarts = 0;
  }
}
