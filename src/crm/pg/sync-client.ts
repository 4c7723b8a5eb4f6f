// Synchronous PostgreSQL for code that cannot wait: CRMScript's natives run inside compiled
// scripts and call the CRM service synchronously, in a run's worker thread (and the crm commands
// share that driver code). A SyncPg starts one helper thread (thread.ts) that owns a connection;
// each call posts the request to it and blocks this thread with Atomics.wait until the answer is
// there, then reads it from the message port synchronously (receiveMessageOnPort).
//
// One connection per thread: a run's transaction lives on its own connection, so runs in
// different workers write at the same time with PostgreSQL's row locks deciding, and a worker
// that is ended (time limit, stop) takes its helper thread and connection with it: the server
// rolls back what it had not committed. Clients are kept per thread and URL (a worker that runs
// one script after another reuses its connection).
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { CrmValue } from '../../interp/runtime/crm-service.js';
import type { PgReply, PgRequest } from './protocol.js';
import { workerUrl } from '../../interp/isolation/worker-url.js';

export class PgCallError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly row?: number,
  ) {
    super(message);
  }
}

/** How long one call may take before the caller gives up on the connection. */
const CALL_LIMIT_MS = 10 * 60_000;

export class SyncPg {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private dead: string | null = null;

  constructor(readonly url: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(workerUrl(new URL('./thread.js', import.meta.url)), { workerData: { port: port2, flag: this.flag, url }, transferList: [port2] });
    this.worker.unref();
    this.worker.on('error', (e) => (this.dead = e.message));
    this.worker.on('exit', () => (this.dead ??= 'the database thread ended'));
  }

  get alive(): boolean {
    return this.dead === null;
  }

  private call(req: PgRequest): Extract<PgReply, { ok: true }> {
    if (this.dead) throw new PgCallError(`the connection to PostgreSQL is closed (${this.dead})`, '08003');
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(req);
    const deadline = Date.now() + CALL_LIMIT_MS;
    for (;;) {
      const got = receiveMessageOnPort(this.port);
      if (got) {
        const reply = got.message as PgReply;
        if (!reply.ok) throw new PgCallError(reply.message, reply.code, reply.row);
        return reply;
      }
      if (this.dead) throw new PgCallError(`the connection to PostgreSQL is closed (${this.dead})`, '08003');
      const left = deadline - Date.now();
      if (left <= 0) {
        this.close();
        throw new PgCallError('PostgreSQL did not answer within 10 minutes; the connection was closed', '57014');
      }
      Atomics.wait(this.flag, 0, 0, Math.min(left, 1000));
    }
  }

  query(sql: string, params: CrmValue[] = []): { columns: string[]; rows: CrmValue[][]; rowCount: number } {
    return this.call({ op: 'query', sql, params });
  }

  batch(sql: string, rows: CrmValue[][]): number {
    return this.call({ op: 'batch', sql, rows }).rowCount;
  }

  script(sql: string): void {
    this.call({ op: 'script', sql });
  }

  close(): void {
    if (this.dead) return;
    try {
      this.call({ op: 'close' });
    } catch {
      // closing anyway
    }
    this.dead = 'closed';
    void this.worker.terminate();
    this.port.close();
  }
}

const perThread = new Map<string, SyncPg>();

/** This thread's client for `url` (started on first use, started again after it died). */
export function syncPgFor(url: string): SyncPg {
  let c = perThread.get(url);
  if (!c || !c.alive) {
    c = new SyncPg(url);
    perThread.set(url, c);
  }
  return c;
}
