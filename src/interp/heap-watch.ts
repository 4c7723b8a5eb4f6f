// Watches a run's worker heap from the parent, a second line behind the worker's own accounting
// (runtime/memory.ts), which only sees the allocations natives and helpers announce. A script
// that grows memory in plain compiled code (long String concatenations, structs kept in
// fields) is seen here: the parent reads the worker's heap through the inspector protocol —
// its messages reach a worker even while it runs a tight loop — and ends a run whose heap stays
// well over its budget. Without that, V8's own heap limit for the worker is the last backstop
// (it ends the worker, but only after many seconds of collecting).
import type { Worker } from 'node:worker_threads';
import type { Session } from 'node:inspector';
import { hostInspector } from './util/lazy-builtins.js';

/** How often the parent looks (ms). */
const EVERY_MS = 250;
/** Runs shorter than this are never looked at (attaching costs a worker some start-up time). */
const AFTER_MS = 1000;
/** A run is ended after this many looks in a row over MARGIN × its budget. */
const STRIKES = 3;
/** Garbage not collected yet is counted too, hence the margin. */
const MARGIN = 1.5;

type Reply = { result?: { usedSize?: number }; error?: unknown };

/**
 * One inspector session in this process, attached to the process's workers while some watched
 * run is long enough to be watched (NodeWorker.enable attaches to running workers too; disable
 * detaches them when no run needs watching, so short runs and debug runs start unattached).
 */
class WorkerInspector {
  private session: Session | null = null;
  private sessions = new Map<string, string>();
  private pending = new Map<number, (r: Reply) => void>();
  private seq = 1;
  private users = 0;
  private broken = false;

  /** A watch starts needing the inspector; false when this Node has none. */
  acquire(): boolean {
    if (!this.connect()) return false;
    if (this.users++ === 0) this.session!.post('NodeWorker.enable', { waitForDebuggerOnStart: false }, () => {});
    return true;
  }

  /** A watch is done with it. */
  release(): void {
    if (!this.session || this.users === 0) return;
    if (--this.users === 0) {
      this.session.post('NodeWorker.disable', {}, () => {});
      this.sessions.clear();
    }
  }

  private connect(): boolean {
    if (this.session) return true;
    if (this.broken) return false;
    try {
      const s = new (hostInspector().Session)();
      s.connect();
      s.on('NodeWorker.attachedToWorker', (m: { params: { sessionId: string; workerInfo: { workerId: string } } }) => {
        this.sessions.set(String(m.params.workerInfo.workerId), m.params.sessionId);
      });
      s.on('NodeWorker.detachedFromWorker', (m: { params: { sessionId: string } }) => {
        for (const [w, sid] of this.sessions) if (sid === m.params.sessionId) this.sessions.delete(w);
      });
      s.on('NodeWorker.receivedMessageFromWorker', (m: { params: { message: string } }) => {
        let reply: Reply & { id?: number };
        try {
          reply = JSON.parse(m.params.message) as Reply & { id?: number };
        } catch {
          return;
        }
        const done = reply.id === undefined ? undefined : this.pending.get(reply.id);
        if (done) {
          this.pending.delete(reply.id!);
          done(reply);
        }
      });
      this.session = s;
      return true;
    } catch {
      this.broken = true;
      return false;
    }
  }

  /** The worker's heap in use (bytes), or null when it cannot be read now. */
  heapUsed(worker: Worker): Promise<number | null> {
    const sid = this.sessions.get(String(worker.threadId));
    if (!this.session || sid === undefined) return Promise.resolve(null);
    const id = this.seq++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(null);
      }, EVERY_MS * 4);
      timer.unref();
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(typeof r.result?.usedSize === 'number' ? r.result.usedSize : null);
      });
      this.session!.post('NodeWorker.sendMessageToWorker', { sessionId: sid, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }, () => {});
    });
  }
}

const inspector = new WorkerInspector();

/** Starts watching; `over` is called once when the heap stays over budget. Returns the stop function. */
export function watchHeap(worker: Worker, memoryMb: number, over: () => void): () => void {
  const limit = memoryMb * 1024 * 1024 * MARGIN;
  const started = Date.now();
  let attached = false;
  let strikes = 0;
  let busy = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (busy || stopped || Date.now() - started < AFTER_MS) return;
    if (!attached) {
      attached = true;
      if (!inspector.acquire()) return stop();
    }
    busy = true;
    void inspector.heapUsed(worker).then((used) => {
      busy = false;
      if (stopped || used === null) return;
      strikes = used > limit ? strikes + 1 : 0;
      if (strikes >= STRIKES) {
        stop();
        over();
      }
    });
  }, EVERY_MS);
  timer.unref();
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    if (attached) inspector.release();
  };
  return stop;
}
