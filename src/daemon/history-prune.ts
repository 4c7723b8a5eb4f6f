// Each task keeps its newest runs (the scheduler's keepRuns, 100): older ones are pruned, with
// their output blobs. Pruning reads the whole run history and writes a new one, which with 1,000
// tasks that keep 100 runs each is a pass over 100,000 runs; done in the write of every batch of
// run ends, as it was, a wave of 1,000 ends paid it 30 times or more (3–4 s of the main thread a
// minute, while the wave's runs were starting). Now the tasks that ended runs are noted, and their
// histories pruned in one write of its own once no run has ended for a moment (`quietMs`), or at
// the latest `maxDelayMs` after the first end noted: a history holds a few runs more than it keeps
// until then. A prune that fails is tried again after the next end, and `flush` prunes what is
// pending now (a test, the end of a shutdown).
import type { Store } from '../store/store.js';
import { pruneRunsOfTasks } from '../store/repos.js';
import { deleteContent, outputFile } from '../store/files.js';
import { errorMessage } from '../interp/util/error-message.js';
import type { Logger } from './log.js';

export interface HistoryPruneOptions {
  /** Runs kept per task. */
  keep: number;
  /** Prune once no end was noted for this long (ms; default 1 s). */
  quietMs?: number;
  /** ... and at the latest this long after the first end noted (ms; default 30 s). */
  maxDelayMs?: number;
}

export class HistoryPrune {
  private pending = new Set<string>();
  private firstAt = 0;
  private lastAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly keep: number;
  private readonly quietMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    opts: HistoryPruneOptions,
  ) {
    this.keep = opts.keep;
    this.quietMs = opts.quietMs ?? 1000;
    this.maxDelayMs = opts.maxDelayMs ?? 30_000;
  }

  /** A run of this task ended (and is recorded): its history is pruned soon. */
  note(taskId: string): void {
    const now = Date.now();
    if (this.pending.size === 0) this.firstAt = now;
    this.pending.add(taskId);
    this.lastAt = now;
    if (!this.timer) this.arm(now);
  }

  /** Prunes the histories pending now; resolves when that (and a prune under way) is written. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.prune();
  }

  /** Wakes at the end of the quiet time (counted from the last end noted so far) or the longest delay. */
  private arm(now: number): void {
    const at = Math.min(this.lastAt + this.quietMs, this.firstAt + this.maxDelayMs);
    this.timer = setTimeout(() => this.wake(), Math.max(0, at - now));
    this.timer.unref();
  }

  private wake(): void {
    this.timer = null;
    const now = Date.now();
    // ends kept coming: wait on (a timer per end would cost more than the ends)
    if (now < this.lastAt + this.quietMs && now < this.firstAt + this.maxDelayMs) this.arm(now);
    else void this.prune();
  }

  private async prune(): Promise<void> {
    while (this.running) await this.running;
    if (this.pending.size === 0) return;
    const tasks = this.pending;
    this.pending = new Set();
    const work = (async () => {
      try {
        const pruned = await this.store.update((d) => pruneRunsOfTasks(d, tasks, this.keep));
        const blobs = pruned.flatMap((r) => (r.outputBlob ? [outputFile(r.outputBlob)] : []));
        // an old output blob that cannot be removed is harmless
        if (blobs.length) await deleteContent(this.store, blobs).catch(() => undefined);
      } catch (e) {
        if (this.pending.size === 0) this.firstAt = Date.now();
        for (const t of tasks) this.pending.add(t);
        this.log.warn('cannot prune the run history now; trying again after the next run ends', { tasks: tasks.size, reason: errorMessage(e) });
      }
    })();
    this.running = work;
    await work;
    if (this.running === work) this.running = null;
  }
}
