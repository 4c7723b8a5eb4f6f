// A pool of run workers, reused from one run to the next so that a run does not pay for a new
// thread and its module graph. Workers are grouped by their heap limit (a worker's resource
// limits are fixed when it starts). At most `max` workers exist at a time; runs beyond that wait
// in a queue, first come first served. A worker whose run did not end normally (time limit,
// stop, out of memory) is not reused: the caller
// discards it and the next run gets a fresh one. Isolation between runs on one worker comes
// from the worker's run loop (worker.ts): a fresh run context per run and no state kept at
// module level.
import type { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

/** One worker of the pool and its per-worker plumbing. */
export interface PoolSlot {
  worker: Worker;
  /** The heap limit (MB) the worker was started with. */
  memoryMb: number;
  /** Shared buffer the worker mirrors unposted output into (see isolate.ts). */
  tail: SharedArrayBuffer;
  /** The limits the worker's messages about an ended run speak of; the current run sets timeoutMs. */
  limits: { memoryMb: number; timeoutMs?: number };
  /** Numbers of the programs the worker holds, least recently used first (see isolate.ts). */
  programs: Set<number>;
  /** Runs this worker has carried out. */
  runs: number;
  /** The run on the worker now: told when the worker dies under it. */
  current: { endedBy(): string | undefined; ended(message: string, memory: boolean): void } | null;
}

export interface PoolOptions {
  /** Most workers alive at once (default: CRMSCRIPT_TUI_WORKERS, else 4 per core, at least 4). */
  max?: number;
  /** Idle workers kept per heap limit (default: max). */
  maxIdle?: number;
  /** An idle worker is ended after this long unused (default 2 min: a daemon whose tasks run every minute keeps its workers warm). */
  idleMs?: number;
  /** A worker is retired after this many runs, so slow leaks in a library cannot pile up (default 500). */
  maxRuns?: number;
  /** Starts a worker with the given heap limit; `slot` is the one it will fill. */
  spawn: (limits: PoolSlot['limits'], tail: SharedArrayBuffer, slot: () => PoolSlot, started?: Worker) => Worker;
  /** A worker already started for this heap limit, with its tail buffer, that the pool takes as its next new one. */
  adopt?: (memoryMb: number) => { worker: Worker; tail: SharedArrayBuffer } | null;
  /** Bytes of the per-worker tail buffer. */
  tailBytes: number;
}

interface Waiter {
  memoryMb: number;
  since: number;
  give: (slot: PoolSlot) => void;
}

export interface PoolStats {
  /** Workers alive (busy or idle). */
  alive: number;
  /** Workers running a run now. */
  busy: number;
  /** Workers waiting for a run. */
  idle: number;
  /** Runs waiting for a worker. */
  queued: number;
  /** How long the oldest queued run has waited (ms; 0 when none waits). */
  oldestWaitMs: number;
  /** Runs carried out since the pool started. */
  started: number;
}

function defaultMax(): number {
  const env = Number(process.env.CRMSCRIPT_TUI_WORKERS);
  if (Number.isInteger(env) && env > 0) return env;
  return Math.max(4, availableParallelism() * 4);
}

export class WorkerPool {
  readonly max: number;
  private readonly maxIdle: number;
  private readonly idleMs: number;
  private readonly maxRuns: number;
  private readonly idle = new Map<number, PoolSlot[]>();
  private readonly idleTimers = new Map<PoolSlot, NodeJS.Timeout>();
  private readonly queue: Waiter[] = [];
  private alive = 0;
  private busy = 0;
  private started = 0;

  constructor(private readonly opts: PoolOptions) {
    this.max = opts.max ?? defaultMax();
    this.maxIdle = opts.maxIdle ?? this.max;
    this.idleMs = opts.idleMs ?? 120_000;
    this.maxRuns = opts.maxRuns ?? 500;
  }

  /**
   * Hands a worker with this heap limit to `give` (now, or when one is free). Returns a cancel
   * function: true when the request was still waiting and is now withdrawn.
   */
  acquire(memoryMb: number, give: (slot: PoolSlot) => void): () => boolean {
    const slot = this.takeIdle(memoryMb);
    if (slot) {
      this.hand(slot, give);
      return () => false;
    }
    if (this.alive < this.max) {
      this.hand(this.create(memoryMb), give);
      return () => false;
    }
    const w: Waiter = { memoryMb, since: performance.now(), give };
    this.queue.push(w);
    return () => {
      const i = this.queue.indexOf(w);
      if (i < 0) return false;
      this.queue.splice(i, 1);
      return true;
    };
  }

  /** Starts an idle worker ahead of a run (e.g. while the CLI parses the script). */
  prewarm(memoryMb: number): void {
    if ((this.idle.get(memoryMb)?.length ?? 0) > 0 || this.alive >= this.max) return;
    this.park(this.create(memoryMb));
  }

  /** The run on `slot` ended normally: the worker serves the next run. */
  release(slot: PoolSlot): void {
    slot.current = null;
    this.busy--;
    if (slot.runs >= this.maxRuns) {
      this.discard(slot, false);
      return;
    }
    const w = this.nextWaiter(slot.memoryMb);
    if (w) this.hand(slot, w.give);
    else {
      this.park(slot);
      this.serveQueue();
    }
  }

  /**
   * The worker of a run that did not end normally (or that must not be reused): it is
   * terminated and a queued run gets a fresh worker. `busy` says whether it was running a run.
   */
  discard(slot: PoolSlot, busy = true): void {
    slot.current = null;
    if (busy) this.busy--;
    this.forget(slot);
    void slot.worker.terminate();
    this.serveQueue();
  }

  stats(): PoolStats {
    let idle = 0;
    for (const l of this.idle.values()) idle += l.length;
    const oldest = this.queue.length ? performance.now() - this.queue[0].since : 0;
    return { alive: this.alive, busy: this.busy, idle, queued: this.queue.length, oldestWaitMs: oldest, started: this.started };
  }

  /** Ends every idle worker (busy ones end with their runs). */
  drain(): void {
    for (const list of this.idle.values()) for (const s of [...list]) this.discard(s, false);
  }

  private create(memoryMb: number): PoolSlot {
    const adopted = this.opts.adopt?.(memoryMb) ?? null;
    const tail = adopted?.tail ?? new SharedArrayBuffer(this.opts.tailBytes);
    const slot: PoolSlot = { worker: null as unknown as Worker, memoryMb, limits: { memoryMb }, tail, programs: new Set(), runs: 0, current: null };
    slot.worker = this.opts.spawn(slot.limits, tail, () => slot, adopted?.worker);
    this.alive++;
    // a worker that dies while idle (or after its run was given up) leaves the pool
    slot.worker.once('exit', () => {
      if (this.forget(slot)) this.serveQueue();
    });
    return slot;
  }

  /** Removes a slot from the books; false when it was already gone. */
  private forget(slot: PoolSlot): boolean {
    const list = this.idle.get(slot.memoryMb);
    const i = list ? list.indexOf(slot) : -1;
    if (i >= 0) list!.splice(i, 1);
    const t = this.idleTimers.get(slot);
    if (t) clearTimeout(t);
    this.idleTimers.delete(slot);
    if ((slot as { gone?: boolean }).gone) return false;
    (slot as { gone?: boolean }).gone = true;
    this.alive--;
    return true;
  }

  private hand(slot: PoolSlot, give: (slot: PoolSlot) => void): void {
    const t = this.idleTimers.get(slot);
    if (t) clearTimeout(t);
    this.idleTimers.delete(slot);
    this.busy++;
    this.started++;
    slot.runs++;
    slot.worker.ref();
    give(slot);
  }

  private takeIdle(memoryMb: number): PoolSlot | undefined {
    return this.idle.get(memoryMb)?.pop();
  }

  /** An idle worker does not keep the process alive, and ends after a while unused. */
  private park(slot: PoolSlot): void {
    const list = this.idle.get(slot.memoryMb) ?? [];
    this.idle.set(slot.memoryMb, list);
    if (list.length >= this.maxIdle) {
      this.forget(slot);
      void slot.worker.terminate();
      return;
    }
    list.push(slot);
    slot.worker.unref();
    const timer = setTimeout(() => {
      this.forget(slot);
      void slot.worker.terminate();
    }, this.idleMs);
    timer.unref();
    this.idleTimers.set(slot, timer);
  }

  private nextWaiter(memoryMb: number): Waiter | undefined {
    const i = this.queue.findIndex((w) => w.memoryMb === memoryMb);
    return i < 0 ? undefined : this.queue.splice(i, 1)[0];
  }

  /** Room for one more worker: the oldest queued run gets one (idle ones of another heap limit make room). */
  private serveQueue(): void {
    while (this.queue.length) {
      const w = this.queue[0];
      const slot = this.takeIdle(w.memoryMb);
      if (slot) {
        this.queue.shift();
        this.hand(slot, w.give);
        continue;
      }
      if (this.alive >= this.max) {
        // an idle worker with another heap limit gives its place up
        const other = [...this.idle.values()].find((l) => l.length > 0)?.[0];
        if (!other) return;
        this.forget(other);
        void other.worker.terminate();
      }
      this.queue.shift();
      this.hand(this.create(w.memoryMb), w.give);
    }
  }
}
