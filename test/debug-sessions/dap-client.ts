// A minimal DAP client for tests: spawns `crmscript-tui debug dap` and speaks the framed protocol.
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from './helpers.js';

export interface DapMessage {
  seq: number;
  type: 'response' | 'event';
  command?: string;
  request_seq?: number;
  success?: boolean;
  message?: string;
  event?: string;
  body?: any;
}

export class DapClient {
  readonly proc: ChildProcess;
  readonly messages: DapMessage[] = [];
  readonly exited: Promise<number | null>;
  stderr = '';
  private seq = 0;
  private buf = Buffer.alloc(0);
  private listeners: (() => void)[] = [];
  /** The adapter exited and its output is all read. */
  private closed = false;

  constructor(args: string[]) {
    this.proc = spawn(process.execPath, [CLI, ...args, 'debug', 'dap'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (c) => (this.stderr += c));
    this.proc.stdout!.on('data', (c: Buffer) => {
      this.buf = Buffer.concat([this.buf, c]);
      for (;;) {
        const end = this.buf.indexOf('\r\n\r\n');
        if (end < 0) break;
        const len = Number(/Content-Length: (\d+)/.exec(this.buf.subarray(0, end).toString())![1]);
        if (this.buf.length < end + 4 + len) break;
        this.messages.push(JSON.parse(this.buf.subarray(end + 4, end + 4 + len).toString('utf8')) as DapMessage);
        this.buf = this.buf.subarray(end + 4 + len);
      }
      for (const l of this.listeners.splice(0)) l();
    });
    this.exited = new Promise((res) => this.proc.on('exit', (code) => res(code)));
    // the waits still pending learn that no more messages come
    this.proc.on('close', () => {
      this.closed = true;
      for (const l of this.listeners.splice(0)) l();
    });
  }

  send(command: string, args?: unknown): number {
    const seq = ++this.seq;
    const text = JSON.stringify({ seq, type: 'request', command, arguments: args });
    this.proc.stdin!.write(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
    return seq;
  }

  /** Waits for the first message (after index `from`) that matches: checked on each message, failing when the adapter exits or after `ms`. */
  wait(match: (m: DapMessage) => boolean, what: string, ms = 15_000, from = 0): Promise<DapMessage> {
    const found = () => this.messages.slice(from).find(match);
    return new Promise<DapMessage>((resolve, reject) => {
      const fail = () => {
        clearTimeout(timer);
        reject(new Error(`no ${what} (got: ${this.messages.map((x) => x.command ?? x.event).join(', ')}; stderr: ${this.stderr})`));
      };
      const timer = setTimeout(fail, ms);
      const check = () => {
        const m = found();
        if (m) {
          clearTimeout(timer);
          resolve(m);
        } else if (this.closed) fail();
        else this.listeners.push(check);
      };
      check();
    });
  }

  /** Sends a request and returns its response (failing on success: false). */
  async request(command: string, args?: unknown, ok = true): Promise<DapMessage> {
    const seq = this.send(command, args);
    const r = await this.wait((m) => m.type === 'response' && m.request_seq === seq, `response to ${command}`);
    if (ok && !r.success) throw new Error(`${command} failed: ${r.message}`);
    return r;
  }

  /** The next event named `name` that arrives after message index `from`. */
  event(name: string, from: number): Promise<DapMessage> {
    return this.wait((m) => m.type === 'event' && m.event === name, `${name} event`, 15_000, from);
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }
}
