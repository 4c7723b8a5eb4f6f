// `crmscript-tui daemon`: scheduled tasks and the HTTP API until SIGTERM/SIGINT.
import type { Command } from 'commander';
import type { GlobalOptions } from './common.js';

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be a port number from 0 to 65535, not '${v}'`);
  return n;
}

function parseSeconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--grace must be a number of seconds, not '${v}'`);
  return n;
}

export function registerDaemonCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('daemon')
    .description('run scheduled tasks and serve the HTTP API (stop with Ctrl+C or SIGTERM)')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0 picks a free one; the port is logged and written to daemon.json)', '8642')
    .option('--grace <seconds>', 'at shutdown, how long running tasks may take to finish before they are stopped', '10')
    .option('--log-format <format>', 'log lines on stdout: text or json (default: text on a terminal, json when piped)')
    .addHelpText(
      'after',
      '\nEvery request needs "Authorization: Bearer <token>"; the token is in daemon.token in the data directory.\n' +
        'Log lines go to stdout (readable text on a terminal, JSON lines when piped or with --log-format json)\n' +
        'and, as JSON lines, to daemon.log in the data directory.',
    )
    .action(async (o: { host: string; port: string; grace: string; logFormat?: string }) => {
      const port = parsePort(o.port);
      if (o.logFormat !== undefined && o.logFormat !== 'text' && o.logFormat !== 'json') throw new Error(`--log-format must be text or json, not '${o.logFormat}'`);
      const logFormat = (o.logFormat ?? (process.stdout.isTTY ? 'text' : 'json')) as 'text' | 'json';
      const graceSeconds = parseSeconds(o.grace);
      const { resolveDataDir } = await import('../store/paths.js');
      const { startDaemon } = await import('../daemon/daemon.js');
      // Signals are taken from before the daemon starts: one that arrives while it starts (or just after
      // it logged that it started) stops it once it is up, rather than killing it mid-way.
      let signals = 0;
      let daemon: Awaited<ReturnType<typeof startDaemon>> | null = null;
      let stopped!: () => void;
      const done = new Promise<void>((resolve) => (stopped = resolve));
      const onSignal = () => {
        signals++;
        if (!daemon) {
          if (signals > 1) process.exit(130); // asked twice while it starts: give up starting
          return;
        }
        if (signals === 1) void daemon.stop().then(stopped);
        else daemon.hurry(); // a second Ctrl+C: do not wait out the grace period
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      daemon = await startDaemon({ dataDir: resolveDataDir(globals().dataDir), host: o.host, port, graceSeconds, logFormat });
      if (signals > 0) {
        void daemon.stop().then(stopped);
        if (signals > 1) daemon.hurry();
      }
      await done;
      process.exitCode = 0;
      // Everything is written; should some handle still hold the event loop open, do not hang.
      setTimeout(() => process.exit(0), 1000).unref();
    });
}
