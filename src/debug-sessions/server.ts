// Hosting debug sessions for other processes: a run paused by debugWait in the daemon or the CLI
// registers itself in the store (debugSessions) and listens on a loopback socket so that the TUI,
// `crmscript-tui debug attach` or the DAP adapter can drive it. One server per process and store
// serves all sessions that process hosts; it listens only while it hosts a session. A client
// must first send the store's token (daemon.token, mode 0600). A paused session that nobody is
// attached to resumes (or stops) after the configured wait.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Store } from '../store/store.js';
import { addDebugSession, getById, removeDebugSession, removeDeadDebugSessions, updateDebugSession } from '../store/repos.js';
import { ensureToken, sameSecret } from '../store/token.js';
import { pidAlive } from '../store/lease.js';
import { newId, nowIso } from '../store/ids.js';
import type { DebugSession } from '../interp/debugger/controller.js';
import type { DebugSource } from '../interp/debugger/evaluate.js';
import type { DebugEvent, DebugRequest, StoppedEvent } from '../interp/debugger/protocol.js';
import type { OnTimeout } from './access-keys.js';
import type { HostedSessionInfo } from './types.js';
import { formatEndpoint, readLines, writeLine, type ClientMessage, type ServerMessage } from './wire.js';
import { errorMessage } from '../interp/util/error-message.js';

const HOST = '127.0.0.1';
const HELLO_TIMEOUT_MS = 10_000;

export interface HostOptions {
  store: Store;
  session: DebugSession;
  debugSource: DebugSource;
  scriptName: string;
  /** 'daemon', 'cli', 'http', 'trigger', 'tui'. */
  source: string;
  startedBy: string;
  waitSeconds: number;
  onTimeout: OnTimeout;
  /** Lines for the operator (CLI: stderr; daemon: its log). */
  onNotice?: (text: string) => void;
}

export interface HostedSession {
  readonly id: string;
  readonly session: DebugSession;
  /** The address clients attach to (once registered). */
  endpoint(): Promise<string>;
  /** Number of clients attached now. */
  clients(): number;
  /** Resolves when the run has ended and its store entry is gone. */
  readonly done: Promise<void>;
}

type Want = { state: string; line: number | null } | 'removed';

class Hosted implements HostedSession {
  readonly id = newId();
  readonly session: DebugSession;
  readonly done: Promise<void>;
  readonly attached = new Set<Socket>();
  private readonly inflight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private timesOutAt: string | null = null;
  private registered = false;
  private want: Want = { state: 'running', line: null };
  private dirty = false;
  private writing: Promise<void> | null = null;
  private info = '';
  private readonly createdAt = nowIso();
  private settleDone!: () => void;

  constructor(
    private readonly server: SessionServer,
    private readonly o: HostOptions,
  ) {
    this.session = o.session;
    this.done = new Promise((res) => (this.settleDone = res));
    const s = o.session;
    s.on('event', (e: DebugEvent) => this.broadcast({ t: 'event', e }));
    s.on('stopped', (e: StoppedEvent) => this.onStopped(e));
    s.on('continued', () => {
      this.clearTimer();
      this.set({ state: 'running', line: null });
    });
    s.on('terminated', () => void this.onTerminated());
  }

  endpoint(): Promise<string> {
    return this.server.port().then((port) => formatEndpoint(HOST, port, this.id));
  }

  clients(): number {
    return this.attached.size;
  }

  // ------------------------------------------------------------ session events

  private onStopped(e: StoppedEvent): void {
    // nobody is looking: an uncaught exception goes on as in an ordinary run
    if (e.reason === 'exception' && this.attached.size === 0) {
      this.session.continue().catch(() => {});
      return;
    }
    if (!this.registered) {
      this.info = e.info ?? '';
      this.register();
      const wait = this.o.waitSeconds;
      const then = this.o.onTimeout === 'stop' ? 'stops' : 'resumes';
      void this.endpoint().then(
        () =>
          this.o.onNotice?.(
            `The script "${this.o.scriptName}" is waiting for a debugger at line ${e.line}${e.info ? ` (${e.info})` : ''}: attach with "crmscript-tui debug attach ${this.id}"; it ${then} after ${wait} s without one.`,
          ),
        () => {},
      );
    }
    if (this.attached.size === 0) this.startTimer();
    this.set({ state: this.attached.size === 0 ? 'waiting' : 'paused', line: e.line });
  }

  private async onTerminated(): Promise<void> {
    this.clearTimer();
    // answers to requests the end settled (a continue that ran to the end) go out before the bye
    await Promise.all([...this.inflight]);
    for (const c of this.attached) {
      writeLine(c, { t: 'bye', reason: 'the run has ended' });
      c.end();
    }
    this.attached.clear();
    this.set('removed');
    await this.writing;
    this.server.drop(this);
    this.settleDone();
  }

  private startTimer(): void {
    this.clearTimer();
    const ms = Math.max(0, this.o.waitSeconds * 1000);
    this.timesOutAt = new Date(Date.now() + ms).toISOString();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timesOutAt = null;
      if (this.session.state !== 'paused' || this.attached.size > 0) return;
      if (this.o.onTimeout === 'stop') {
        this.o.onNotice?.(`Nobody attached to debug session ${this.id} within ${this.o.waitSeconds} s; stopping the run.`);
        void this.session.stop();
      } else {
        this.o.onNotice?.(`Nobody attached to debug session ${this.id} within ${this.o.waitSeconds} s; the run goes on.`);
        this.session.runToEnd().catch(() => {});
      }
    }, ms);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timesOutAt = null;
  }

  // ------------------------------------------------------------ clients

  attach(c: Socket): void {
    this.attached.add(c);
    this.clearTimer();
    if (this.session.state === 'paused') this.set({ state: 'paused', line: this.session.lastStop?.line ?? null });
    writeLine(c, { t: 'welcome', info: this.describe() });
  }

  detach(c: Socket): void {
    if (!this.attached.delete(c)) return;
    if (this.attached.size === 0 && this.session.state === 'paused') {
      this.startTimer();
      this.set({ state: 'waiting', line: this.session.lastStop?.line ?? null });
    }
  }

  handle(c: Socket, m: Extract<ClientMessage, { t: 'req' }>): void {
    const p = this.answer(c, m);
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  private async answer(c: Socket, m: Extract<ClientMessage, { t: 'req' }>): Promise<void> {
    const reply = (msg: ServerMessage): void => writeLine(c, msg);
    try {
      const r = m.req;
      if (!r || typeof r !== 'object' || typeof (r as { cmd?: unknown }).cmd !== 'string') throw new Error('a request needs a "cmd"');
      if (r.cmd === 'detach') {
        reply({ t: 'res', seq: m.seq, ok: true, body: null });
        this.detach(c);
        c.end();
        return;
      }
      if (r.cmd === 'info') {
        reply({ t: 'res', seq: m.seq, ok: true, body: this.describe() });
        return;
      }
      const body = await this.session.request(r as DebugRequest);
      reply({ t: 'res', seq: m.seq, ok: true, body: body ?? null });
      if (r.cmd === 'setBreakpoints') {
        const file = r.file ?? this.session.file;
        this.broadcast({ t: 'breakpoints', file, lines: body as number[] });
      }
    } catch (e) {
      reply({ t: 'res', seq: m.seq, ok: false, error: errorMessage(e) });
    }
  }

  private broadcast(m: ServerMessage): void {
    for (const c of this.attached) writeLine(c, m);
  }

  describe(): HostedSessionInfo {
    const s = this.session;
    const src = this.o.debugSource;
    const files = [src.file, ...Object.values(src.includes).map((i) => i.file)];
    const breakable: Record<string, number[]> = {};
    const breakpoints: Record<string, number[]> = {};
    for (const f of files) {
      breakable[f] = s.breakableLines(f);
      breakpoints[f] = s.breakpoints(f);
    }
    return {
      id: this.id,
      scriptName: this.o.scriptName,
      source: this.o.source,
      startedBy: this.o.startedBy,
      pid: process.pid,
      createdAt: this.createdAt,
      file: s.file,
      state: s.state,
      lastStop: s.lastStop,
      outcome: s.outcome,
      output: s.output,
      log: s.log,
      breakpoints,
      breakable,
      debugSource: src,
      waitSeconds: this.o.waitSeconds,
      onTimeout: this.o.onTimeout,
      timesOutAt: this.timesOutAt,
      info: this.info,
    };
  }

  // ------------------------------------------------------------ the store entry

  private register(): void {
    this.registered = true;
    this.server.add(this);
    this.set(this.want);
  }

  private set(w: Want): void {
    this.want = w;
    if (!this.registered) return;
    this.dirty = true;
    this.writing ??= this.flush();
  }

  /** Writes the latest wanted state; states that change faster than the store writes are coalesced. */
  private async flush(): Promise<void> {
    let endpoint: string | null = null;
    try {
      endpoint = await this.endpoint();
    } catch (e) {
      this.o.onNotice?.(`The debug session cannot listen for debuggers: ${errorMessage(e)}`);
    }
    let added = false;
    while (this.dirty) {
      this.dirty = false;
      const w = this.want;
      try {
        await this.o.store.update((d) => {
          if (w === 'removed') {
            removeDebugSession(d, this.id);
            return;
          }
          if (getById(d, 'debugSessions', this.id)) updateDebugSession(d, this.id, { state: w.state, line: w.line });
          else if (!added) {
            removeDeadDebugSessions(d, pidAlive);
            addDebugSession(d, {
              id: this.id,
              createdAt: this.createdAt,
              scriptName: this.o.scriptName,
              source: this.o.source,
              startedBy: this.o.startedBy,
              state: w.state,
              line: w.line,
              endpoint,
              pid: process.pid,
            });
          }
        });
        if (w !== 'removed') added = true;
      } catch (e) {
        this.o.onNotice?.(`The debug session could not be recorded in the store: ${errorMessage(e)}`);
      }
    }
    this.writing = null;
  }
}

class SessionServer {
  private readonly sessions = new Map<string, Hosted>();
  private server: Server | null = null;
  private listening: Promise<number> | null = null;
  private readonly token: string;

  constructor(readonly dataDir: string) {
    this.token = ensureToken(dataDir);
  }

  port(): Promise<number> {
    if (!this.listening) {
      const server = createServer((c) => this.onConnection(c));
      this.server = server;
      this.listening = new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, HOST, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
      server.unref();
    }
    return this.listening;
  }

  add(h: Hosted): void {
    this.sessions.set(h.id, h);
  }

  drop(h: Hosted): void {
    this.sessions.delete(h.id);
    if (this.sessions.size === 0 && this.server) {
      this.server.close();
      this.server = null;
      this.listening = null;
    }
  }

  get(id: string): Hosted | undefined {
    return this.sessions.get(id);
  }

  list(): Hosted[] {
    return [...this.sessions.values()];
  }

  private onConnection(c: Socket): void {
    c.setNoDelay(true);
    let session: Hosted | null = null;
    const hello = setTimeout(() => c.destroy(), HELLO_TIMEOUT_MS);
    hello.unref();
    const refuse = (message: string): void => {
      writeLine(c, { t: 'error', message });
      c.end();
    };
    readLines(c, (raw) => {
      const m = raw as ClientMessage;
      if (!session) {
        clearTimeout(hello);
        if (!m || m.t !== 'hello' || typeof m.token !== 'string') return refuse('The first message must be a hello with the token.');
        if (!sameSecret(m.token, this.token)) return refuse('The token is not valid.');
        const h = this.sessions.get(String(m.session));
        if (!h) return refuse(`There is no debug session "${String(m.session)}" in this process; it may have ended.`);
        session = h;
        h.attach(c);
        return;
      }
      if (m && m.t === 'req' && typeof m.seq === 'number') session.handle(c, m);
    });
    c.on('error', () => {});
    c.on('close', () => {
      clearTimeout(hello);
      session?.detach(c);
    });
  }
}

const servers = new Map<string, SessionServer>();

function serverFor(dataDir: string): SessionServer {
  let s = servers.get(dataDir);
  if (!s) servers.set(dataDir, (s = new SessionServer(dataDir)));
  return s;
}

/** Hosts a debug run for other processes; it registers in the store at its first pause. */
export function hostSession(o: HostOptions): HostedSession {
  return new Hosted(serverFor(o.store.dataDir), o);
}

/** Sessions this process hosts now (registered ones). */
export function hostedSessions(): HostedSession[] {
  return [...servers.values()].flatMap((s) => s.list());
}
