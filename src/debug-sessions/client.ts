// Attaching to a debug session hosted by another process (the daemon, a CLI run). A
// RemoteDebugSession has the methods, properties and events of the local DebugSession
// (DebugSessionApi), so the Debugger screen, the REPL and the DAP adapter drive either the same
// way. It keeps a mirror of the session's state (state, lastStop, output, breakpoints) that the
// server's events update; queries go over the socket.
//
//   const s = await attach(sessionId, { dataDir });          // looks the session up in the store
//   const s = await attach('tcp://127.0.0.1:41234/k3j5…', { token });
//   s.on('stopped', e => …); await s.stepOver(); await s.getVariables(0); s.detach();
import { connect, type Socket } from 'node:net';
import type { Store } from '../store/store.js';
import type { DebugSource } from '../interp/debugger/evaluate.js';
import type { DebugOutcome, DebugRequest } from '../interp/debugger/protocol.js';
import { DebugSessionBase, type DebugSessionListeners, type InspectCommand, type PauseOrEnd, type StepCommand } from '../interp/debugger/session.js';
import { emptyEvent } from '../interp/isolation/event-outcome.js';
import type { DebugSessionApi, HostedSessionInfo } from './types.js';
import { parseEndpoint, readLines, writeLine, type ServerMessage, type WireRequest } from './wire.js';

export interface AttachOptions {
  /** The store's token (daemon.token); read from the data directory when not given. */
  token?: string;
  /** Where the store lives (to look up a session id and read the token); default as the CLI. */
  dataDir?: string;
  /** An open store, instead of dataDir. */
  store?: Store;
  /** Give up connecting after this long (ms, default 5000). */
  timeoutMs?: number;
}

export class AttachError extends Error {}

/** The local session's events plus 'breakpoints' (changed by any client) and 'detached'. */
export interface RemoteSessionListeners extends DebugSessionListeners {
  breakpoints: (e: { file: string; lines: number[] }) => void;
  detached: (e: { reason: 'detach' | 'lost' | 'ended' }) => void;
}

export interface RemoteDebugSession {
  on<K extends keyof RemoteSessionListeners>(event: K, listener: RemoteSessionListeners[K]): this;
  once<K extends keyof RemoteSessionListeners>(event: K, listener: RemoteSessionListeners[K]): this;
}

export class RemoteDebugSession extends DebugSessionBase {
  /** What the server said when we attached (id, script, who started it, timeout, ...). */
  readonly info: HostedSessionInfo;
  /** The script's sources (entry and includes). */
  readonly debugSource: DebugSource;
  /** False once detached or the connection is gone. */
  connected = true;

  private bps = new Map<string, number[]>();
  private breakable = new Map<string, number[]>();
  private detaching = false;

  constructor(
    private readonly socket: Socket,
    info: HostedSessionInfo,
  ) {
    super(info.file);
    this.info = info;
    this.debugSource = info.debugSource;
    this.state = info.state;
    this.lastStop = info.lastStop;
    this.outcome = info.outcome;
    this.output = info.output;
    this.log = info.log;
    for (const [f, l] of Object.entries(info.breakpoints)) this.bps.set(f, l);
    for (const [f, l] of Object.entries(info.breakable)) this.breakable.set(f, l);
    if (this.outcome) this.settle(this.outcome);
  }

  /** A message from the server after the welcome (called by attach()). */
  onServerMessage(m: ServerMessage): void {
    switch (m.t) {
      case 'res':
        this.answerRequest(m);
        return;
      case 'event':
        this.applyEvent(m.e);
        return;
      case 'breakpoints':
        this.bps.set(m.file, m.lines);
        this.emit('breakpoints', { file: m.file, lines: m.lines });
        return;
      case 'bye':
        this.close('ended');
        return;
      default:
        return;
    }
  }

  /** The connection ended: fail what is pending; a run we lost sight of counts as ended for this client. */
  close(reason: 'detach' | 'lost' | 'ended'): void {
    if (!this.connected) return;
    this.connected = false;
    const why = reason === 'detach' ? 'detached from the debug session' : 'the connection to the debug session was lost (the process hosting it may have ended)';
    this.failRequests(why);
    if (this.state !== 'terminated' && reason !== 'detach') {
      const outcome: DebugOutcome = {
        ok: false,
        error: { message: why, file: this.file, line: 0, col: 0 },
        durationMs: 0,
        output: this.output,
        log: this.log,
        variables: {},
        event: emptyEvent(),
      };
      this.applyEvent({ t: 'terminated', outcome });
    }
    this.socket.destroy();
    this.emit('detached', { reason });
  }

  // ------------------------------------------------------------ run control

  runTo(line: number, file: string = this.file): Promise<PauseOrEnd> {
    return this.resume({ cmd: 'runTo', line, file });
  }
  protected requestPause(): void {
    this.call({ cmd: 'pause' }).catch(() => {});
  }
  protected requestStop(): void {
    this.call({ cmd: 'stop' }).catch(() => {});
  }

  /** Leaves the run as it is (a paused run waits for the next debugger, then times out). */
  async detach(): Promise<void> {
    if (!this.connected || this.detaching) return;
    this.detaching = true;
    await this.call({ cmd: 'detach' }).catch(() => {});
    this.close('detach');
  }

  // ------------------------------------------------------------ breakpoints

  async setBreakpoints(lines: number[], file: string = this.file): Promise<number[]> {
    const actual = (await this.call({ cmd: 'setBreakpoints', lines, file })) as number[];
    this.bps.set(file, actual);
    return actual;
  }
  breakpoints(file: string = this.file): number[] {
    return this.bps.get(file) ?? [];
  }
  breakableLine(line: number, file: string = this.file): number | null {
    return (this.breakable.get(file) ?? []).find((l) => l >= line) ?? null;
  }
  breakableLines(file: string = this.file): number[] {
    return this.breakable.get(file) ?? [];
  }

  // ------------------------------------------------------------ internals

  protected override notRunning(): Error | null {
    if (!this.connected) return new Error('not attached to the debug session');
    return super.notRunning();
  }

  protected send(r: StepCommand | InspectCommand): Promise<unknown> {
    return this.call(r);
  }

  /** Like the local session: the state turns 'running' at once; the promise settles at the next stop or the end. */
  protected resume(r: StepCommand | Extract<DebugRequest, { cmd: 'runTo' }>): Promise<PauseOrEnd> {
    const err = this.notRunning();
    if (err) return Promise.reject(err);
    const before = { state: this.state, lastStop: this.lastStop };
    this.state = 'running';
    this.lastStop = null;
    const next = this.waitForStop();
    return new Promise<PauseOrEnd>((resolve, reject) => {
      this.call(r).then(
        () => void next.then(resolve),
        (e: Error) => {
          // refused (e.g. no statement at that line): back to where we were
          if (this.state === 'running' && this.lastStop === null) {
            this.state = before.state;
            this.lastStop = before.lastStop;
            const ws = this.waiters;
            this.waiters = [];
            if (before.lastStop) for (const w of ws) w(before.lastStop);
          }
          reject(e);
        },
      );
    });
  }

  private call(r: WireRequest): Promise<unknown> {
    if (!this.connected) return Promise.reject(new Error('not attached to the debug session'));
    return this.trackRequest((seq) => writeLine(this.socket, { t: 'req', seq, req: r }));
  }
}

/** Resolves the store's data directory the way the CLI does. */
async function dataDirOf(o: AttachOptions): Promise<string> {
  if (o.store) return o.store.dataDir;
  const { resolveDataDir } = await import('../store/paths.js');
  return resolveDataDir(o.dataDir);
}

/**
 * Attaches to a debug session: `target` is a session id (looked up in the store's debug
 * sessions) or an endpoint "tcp://127.0.0.1:PORT/ID". Errors are sentences (AttachError).
 */
/** The session with this id, or the only one whose id starts with it (as `triggers` accepts shortened ids). */
export function findSessionByPrefix<S extends { id: string }>(sessions: readonly S[], ref: string): S {
  const r = ref.trim();
  const exact = sessions.find((s) => s.id === r);
  if (exact) return exact;
  const hits = r === '' ? [] : sessions.filter((s) => s.id.startsWith(r));
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) throw new AttachError(`Several debug sessions have an id starting with "${r}" (${hits.map((h) => h.id).join(', ')}); give more of the id.`);
  throw new AttachError(`There is no debug session "${r}" (see "crmscript-tui debug sessions").`);
}

export async function attach(target: string, opts: AttachOptions = {}): Promise<RemoteDebugSession> {
  let endpoint = parseEndpoint(target) ? target : null;
  let dataDir: string | null = null;
  if (!endpoint) {
    dataDir = await dataDirOf(opts);
    const { Store } = await import('../store/store.js');
    const store = opts.store ?? (await Store.open(dataDir, { seed: false }));
    try {
      const rec = findSessionByPrefix(store.read().debugSessions, target);
      if (!rec.endpoint) throw new AttachError(`The debug session "${target}" has no address to attach to yet; try again in a moment.`);
      endpoint = rec.endpoint;
    } finally {
      if (!opts.store) store.close();
    }
  }
  let token = opts.token;
  if (token === undefined) {
    dataDir ??= await dataDirOf(opts);
    const { readToken } = await import('../store/token.js');
    token = readToken(dataDir) ?? undefined;
    if (!token) throw new AttachError(`There is no token in ${dataDir} (daemon.token), so no session of this store can be attached to.`);
  }
  return connectTo(endpoint, token, opts.timeoutMs ?? 5000);
}

function connectTo(endpoint: string, token: string, timeoutMs: number): Promise<RemoteDebugSession> {
  const ep = parseEndpoint(endpoint);
  if (!ep) return Promise.reject(new AttachError(`"${endpoint}" is not a debug session address (tcp://HOST:PORT/ID).`));
  return new Promise((resolve, reject) => {
    const socket = connect({ host: ep.host, port: ep.port });
    socket.setNoDelay(true);
    let session: RemoteDebugSession | null = null;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new AttachError(`The debug session at ${endpoint} did not answer within ${Math.round(timeoutMs / 1000)} s.`));
    }, timeoutMs);
    socket.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (session) return;
      reject(new AttachError(e.code === 'ECONNREFUSED' ? `Nothing listens at ${endpoint}: the debug session has ended.` : `Cannot reach the debug session at ${endpoint}: ${e.message}.`));
    });
    socket.on('connect', () => writeLine(socket, { t: 'hello', token, session: ep.session }));
    readLines(socket, (raw) => {
      const m = raw as ServerMessage;
      if (session) {
        session.onServerMessage(m);
        return;
      }
      clearTimeout(timer);
      if (m.t === 'welcome') {
        session = new RemoteDebugSession(socket, m.info);
        resolve(session);
      } else {
        socket.destroy();
        reject(new AttachError(m.t === 'error' ? m.message : 'The debug session answered with something unexpected.'));
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      if (session) session.close('lost');
      else reject(new AttachError(`The debug session at ${endpoint} closed the connection.`));
    });
  });
}

/** Compile-time proof that a remote session can stand in for a local one. */
export const asDebugSessionApi = (s: RemoteDebugSession): DebugSessionApi => s;
