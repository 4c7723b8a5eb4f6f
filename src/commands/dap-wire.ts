// The Debug Adapter Protocol's wire: messages framed as "Content-Length: N\r\n\r\n" + N bytes of
// JSON on a pair of streams. Requests are handed on one at a time, in order (none waits for the
// script to reach a stop); responses and events go out with their sequence numbers.
import type { Readable, Writable } from 'node:stream';

export type Json = Record<string, unknown>;

export interface DapRequest {
  seq: number;
  type: 'request';
  command: string;
  arguments?: Json;
}

export class DapWire {
  private seq = 0;
  private buf = Buffer.alloc(0);
  private queue: Promise<void> = Promise.resolve();

  constructor(
    input: Readable,
    private readonly output: Writable,
    private readonly onRequest: (r: DapRequest) => Promise<void>,
    onEnd: () => void,
  ) {
    input.on('data', (c: Buffer) => this.onData(c));
    input.on('end', onEnd);
  }

  private onData(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buf.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) {
        this.buf = this.buf.subarray(headerEnd + 4);
        continue;
      }
      const len = Number(m[1]);
      if (this.buf.length < headerEnd + 4 + len) return;
      const body = this.buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(headerEnd + 4 + len);
      let msg: DapRequest;
      try {
        msg = JSON.parse(body) as DapRequest;
      } catch {
        this.event('output', { category: 'stderr', output: 'crmscript-tui: a DAP message was not valid JSON and was ignored.\n' });
        continue;
      }
      if (msg.type === 'request') this.queue = this.queue.then(() => this.onRequest(msg));
    }
  }

  private send(m: Json): void {
    const text = JSON.stringify({ seq: ++this.seq, ...m });
    this.output.write(`Content-Length: ${Buffer.byteLength(text, 'utf8')}\r\n\r\n${text}`);
  }

  respond(r: DapRequest, body?: unknown): void {
    this.send({ type: 'response', request_seq: r.seq, success: true, command: r.command, ...(body !== undefined ? { body } : {}) });
  }

  fail(r: DapRequest, message: string): void {
    this.send({ type: 'response', request_seq: r.seq, success: false, command: r.command, message, body: { error: { id: 1, format: message, showUser: true } } });
  }

  event(event: string, body?: unknown): void {
    this.send({ type: 'event', event, ...(body !== undefined ? { body } : {}) });
  }
}
