// Watches a run's worker heap from the parent, a second line behind the worker's own accounting
// (runtime/memory.ts), which only sees the allocations natives and helpers announce. A script
// that grows memory in plain compiled code (long String concatenations, structs kept in
// fields) is seen here: the parent reads the worker's heap through the inspector protocol —
// its messages reach a worker even while it runs a tight loop — and ends a run whose heap stays
// well over its budget. Without that, V8's own heap limit for the worker is the last backstop
// (it ends the worker, but only after many seconds of collecting).
import type { Worker } from 'node:worker_threads';
import { Session } from 'node:inspector';

/** How often the parent looks (ms). */
const EVERY_MS = 250;
/** A run is ended after this many looks in a row over MARGIN × its budget. */
const STRIKES = 3;
/** Garbage not collected yet is counted too, hence the margin. */
const MARGIN = 1.5;

type Reply = { result?: { usedSize?: number }; error?: unknown };

/** One inspector session in this process, attached to the workers it starts. */
class WorkerInspector {
  private session: Session | null = null;
  private sessions = new Map<string, string>();
  private pending = new Map<number, (r: Reply) => void>();
  private seq = 1;

  /** Connects (once); false when this Node has no inspector. */
  ready(): boolean {
    if (this.session) return true;
    try {
      const s = new Session();
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
      s.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
      this.session = s;
      return true;
    } catch {
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

/** Call before starting a run's worker, so that the inspector attaches to it. */
export function prepareHeapWatch(): void {
  inspector.ready();
}

/** Starts watching; `over` is called once when the heap stays over budget. Returns the stop function. */
export function watchHeap(worker: Worker, memoryMb: number, over: () => void): () => void {
  if (!inspector.ready()) return () => {};
  const limit = memoryMb * 1024 * 1024 * MARGIN;
  let strikes = 0;
  let busy = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (busy || stopped) return;
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
    stopped = true;
    clearInterval(timer);
  };
  return stop;
}
