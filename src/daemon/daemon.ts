/**
 * `crmscript-tui daemon`: wires the store, the scheduler, the HTTP API, the
 * token, daemon.json and the log together, and shuts them down in order.
 *
 * Shutdown (SIGTERM/SIGINT, or stop()): stop taking work (scheduler and
 * HTTP), give running runs the grace period, stop what is left and record it
 * as interrupted, wait for every store write, remove daemon.json.
 */
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { Store } from '../store/store.js';
import { apiRoutes, createApiServer, listen, type Router } from './http.js';
import { createLogger, type LogFormat, type Logger } from './log.js';
import { registerCoreRoutes, type DaemonContext } from './routes.js';
import { webScriptHandler } from './web-scripts.js';
import { registerEventRoutes } from './event-routes.js';
import { registerChatRoutes } from './chat-routes.js';
import { registerDebugRoutes } from './debug-routes.js';
import { Scheduler, type SchedulerOptions } from './scheduler.js';
import { HEARTBEAT_MS, clearDaemonInfo, heartbeat, type DaemonInfo } from './status.js';
import type { TargetRun } from '../run/target.js';
import { ensureToken, tokenPath } from '../store/token.js';
import { settleFirings } from '../triggers/record.js';
import { errorMessage } from '../interp/util/error-message.js';

export interface DaemonOptions {
  dataDir: string;
  host?: string;
  port?: number;
  /** Seconds running runs get to finish at shutdown (default 10). */
  graceSeconds?: number;
  log?: Logger;
  /** Scheduler tick in ms (default 2000). */
  tickMs?: number;
  router?: Router;
  /** Extra scheduler options (tests: clock, fireEvent, ...). */
  scheduler?: Partial<SchedulerOptions>;
  /** stdout's log lines: JSON (default) or readable text (a terminal); daemon.log is JSON either way. */
  logFormat?: LogFormat;
}

export interface DaemonHandle {
  host: string;
  port: number;
  token: string;
  store: Store;
  scheduler: Scheduler;
  /** Clean shutdown; resolves when everything is written. Safe to call twice. */
  stop(): Promise<void>;
  /** Stop right away without waiting for the grace period (a second signal). */
  hurry(): void;
}

export async function startDaemon(opts: DaemonOptions): Promise<DaemonHandle> {
  const host = opts.host ?? '127.0.0.1';
  const requestedPort = opts.port ?? 8642;
  const graceMs = Math.max(0, (opts.graceSeconds ?? 10) * 1000);
  // On PostgreSQL every process sharing the store sees this daemon among its connections.
  const store = await Store.open(opts.dataDir, { role: `daemon ${process.pid}@${hostname()}` });
  const log = opts.log ?? createLogger({ dataDir: store.dataDir, format: opts.logFormat, batch: true });
  const token = ensureToken(store.dataDir);
  const scheduler = new Scheduler({ store, log, tickMs: opts.tickMs, ...opts.scheduler });
  const router = opts.router ?? apiRoutes;
  registerCoreRoutes(router);
  registerEventRoutes(router);
  registerChatRoutes(router);
  registerDebugRoutes(router);

  let shuttingDown = false;
  const httpRuns = new Set<TargetRun>();
  const startedAt = new Date().toISOString();
  let port = requestedPort;
  const context: DaemonContext = {
    store,
    log,
    shuttingDown: () => shuttingDown,
    scheduler,
    httpRuns,
    health: () => ({ pid: process.pid, hostname: hostname(), host, port, startedAt, dataDir: store.dataDir }),
  };
  const server: Server = createApiServer({ router, token, context, publicHandler: webScriptHandler(context) });
  try {
    port = await listen(server, host, requestedPort);
  } catch (e) {
    store.close();
    throw e;
  }

  const info: DaemonInfo = { pid: process.pid, host, port, startedAt, heartbeat: startedAt, hostname: hostname() };
  const beat = () => {
    try {
      const behind = scheduler.behind();
      heartbeat(store.dataDir, behind ? { ...info, behind } : info);
    } catch (e) {
      log.warn('cannot write daemon.json', { reason: errorMessage(e) });
    }
  };
  beat();
  const beatTimer = setInterval(beat, HEARTBEAT_MS);
  // trace recordings older than their configuration's "keep traces" are purged hourly
  const purge = () => {
    import('../tracing/record.js')
      .then((m) => m.purgeTraces(store))
      .then((n) => n && log.info('purged old trace recordings', { count: n }))
      .catch((e: unknown) => log.warn('cannot purge trace recordings', { reason: errorMessage(e) }));
  };
  purge();
  const purgeTimer = setInterval(purge, 60 * 60 * 1000);
  purgeTimer.unref();
  scheduler.start();
  if (!['127.0.0.1', '::1', 'localhost'].includes(host)) {
    log.warn('the API listens beyond this machine over plain HTTP; put it behind a TLS proxy or a firewall', { host });
  }
  log.info('daemon started', { pid: process.pid, host, port, dataDir: store.dataDir, token: tokenPath(store.dataDir), graceSeconds: graceMs / 1000 });

  let hurried = false;
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    if (stopping) return stopping;
    shuttingDown = true;
    stopping = (async () => {
      log.info('daemon stopping', { running: scheduler.running().length + httpRuns.size, graceSeconds: graceMs / 1000 });
      server.close();
      server.closeIdleConnections();
      const schedDone = scheduler.shutdown(hurried ? 0 : graceMs);
      const httpDone = (async () => {
        const all = () => Promise.all([...httpRuns].map((r) => r.result));
        let t: NodeJS.Timeout | undefined;
        await Promise.race([all(), new Promise((res) => (t = setTimeout(res, hurried ? 0 : graceMs)))]);
        clearTimeout(t);
        for (const r of httpRuns) r.stop();
        await all();
      })();
      const [{ interrupted }] = await Promise.all([schedDone, httpDone]);
      // firings answered over HTTP whose records are still being written
      await settleFirings(store);
      clearInterval(beatTimer);
      clearInterval(purgeTimer);
      try {
        clearDaemonInfo(store.dataDir);
      } catch {
        // a daemon.json left behind is recognised as stale by its heartbeat
      }
      store.close();
      // Give in-flight responses a moment, then drop what is left.
      await new Promise((res) => setTimeout(res, 50));
      server.closeAllConnections();
      log.info('daemon stopped', { interrupted });
    })();
    return stopping;
  };
  const hurry = () => {
    hurried = true;
    for (const a of httpRuns) a.stop();
    void scheduler.shutdown(0);
  };
  return { host, port, token, store, scheduler, stop, hurry };
}
