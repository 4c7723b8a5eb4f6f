// The real `crmscript-tui daemon` process (dist/, built by `npm test`) for end-to-end tests: start
// it on a free loopback port, read its JSON log lines, talk to it over HTTP, run the CLI beside it.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { waitFor } from './helpers.js';
import { CLI } from '../common.js';

export interface Daemon {
  proc: ChildProcess;
  port: number;
  lines: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
  /** Where Node writes the process's diagnostic reports (see diagnose()). */
  reportDir: string;
  /** What it wrote to stderr so far. */
  stderr: () => string;
}

const started: Daemon[] = [];

/** Starts `crmscript-tui daemon` on a free port; `env` is added to this process's environment (e.g. CRMSCRIPT_TUI_STORE). */
export async function startDaemon(dataDir: string, extra: string[] = [], env: Record<string, string> = {}): Promise<Daemon> {
  // --report-on-signal: a test that times out waiting for the daemon asks it where it is (diagnose())
  const reportDir = dataDir;
  const node = ['--report-on-signal', '--report-signal=SIGUSR2', `--report-directory=${reportDir}`];
  const proc = spawn(process.execPath, [...node, CLI, '--data-dir', dataDir, 'daemon', '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const lines: Array<Record<string, unknown>> = [];
  let buf = '';
  let stderr = '';
  proc.stderr!.on('data', (c) => (stderr += c));
  proc.stdout!.on('data', (c) => {
    buf += c;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        lines.push({ msg: 'not json', line });
      }
    }
  });
  const exited = new Promise<number | null>((res) => proc.on('exit', (code) => res(code)));
  const startLine = await Promise.race([
    waitFor(() => lines.find((l) => l.msg === 'daemon started'), 30_000, 'the daemon to start'),
    exited.then((code) => {
      throw new Error(`The daemon exited (${code}) before it started: ${stderr}`);
    }),
  ]);
  const d: Daemon = { proc, port: Number(startLine.port), lines, exited, reportDir, stderr: () => stderr };
  started.push(d);
  return d;
}

/** Kills the daemons the test started (afterEach). */
export async function killStartedDaemons(): Promise<void> {
  for (const d of started.splice(0)) {
    if (d.proc.exitCode === null && d.proc.signalCode === null) {
      d.proc.kill('SIGKILL');
      await d.exited;
    }
  }
}

export function cli(dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, '--data-dir', dataDir, ...args], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** One request to the daemon; a JSON body is sent for POST. */
export function call(port: number, method: string, path: string, token: string | null, body?: unknown): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (data !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)) });
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

export async function get(port: number, path: string, token: string | null): Promise<{ status: number; body: any }> {
  const r = await call(port, 'GET', path, token);
  return { status: r.status, body: r.body };
}

/**
 * For a test's error message when the daemon does not do what it waits for: the daemon's last log
 * lines and, from a diagnostic report Node writes on SIGUSR2, what its main thread is doing (its
 * JavaScript stack) and what it waits on (sockets, timers, worker threads).
 */
export async function diagnose(d: Daemon): Promise<string> {
  const lines = d.lines.slice(-25).map((l) => JSON.stringify(l));
  const status = d.proc.exitCode !== null || d.proc.signalCode !== null ? `it has exited (code ${d.proc.exitCode}, signal ${d.proc.signalCode})` : 'it is running';
  const err = d.stderr().slice(-3000);
  const reports = (): string[] => readdirSync(d.reportDir).filter((f) => f.startsWith('report.') && f.endsWith('.json'));
  const before = new Set(reports());
  let report = '(no diagnostic report)';
  try {
    d.proc.kill('SIGUSR2');
    const file = await waitFor(() => reports().find((f) => !before.has(f)), 15_000, 'a diagnostic report');
    const r = await waitFor(() => {
      try {
        return JSON.parse(readFileSync(join(d.reportDir, file), 'utf8')) as Record<string, any>;
      } catch {
        return undefined; // still being written
      }
    }, 15_000, 'the report written whole');
    const handles = (r.libuv as Array<Record<string, unknown>>).filter((h) => h.is_active);
    const count = new Map<string, number>();
    for (const h of handles) count.set(String(h.type), (count.get(String(h.type)) ?? 0) + 1);
    const sockets = handles.filter((h) => h.type === 'tcp').map((h) => `${JSON.stringify(h.localEndpoint)} -> ${JSON.stringify(h.remoteEndpoint)}`);
    report = [
      `main thread: ${r.javascriptStack?.message ?? ''}\n  ${(r.javascriptStack?.stack ?? []).slice(0, 25).join('\n  ')}`,
      `active handles: ${[...count].map(([t, n]) => `${t} ${n}`).join(', ')}`,
      `tcp: ${sockets.join('; ')}`,
      `workers: ${(r.workers ?? []).length}; their stacks:\n${(r.workers ?? []).map((w: Record<string, any>) => `  ${w.javascriptStack?.message ?? ''} ${(w.javascriptStack?.stack ?? []).slice(0, 6).join(' | ')}`).join('\n')}`,
    ].join('\n');
  } catch (e) {
    report = `(no diagnostic report: ${(e as Error).message})`;
  }
  return `${status}; its last log lines:\n${lines.join('\n')}\nits stderr:\n${err}\n${report}\n${await threadStates(d.proc.pid!)}`;
}

/**
 * What each thread of a process is doing, as the kernel sees it (Linux /proc): its name, state,
 * CPU time used over one second, where it sleeps in the kernel (wchan, kernel stack when readable).
 * A main thread that answers no signal shows here as running (a loop) or asleep (and on what).
 */
async function threadStates(pid: number): Promise<string> {
  const dir = `/proc/${pid}/task`;
  const read = (f: string): string => {
    try {
      return readFileSync(f, 'utf8').trim();
    } catch {
      return '';
    }
  };
  const cpu = (tid: string): number => {
    const f = read(`${dir}/${tid}/stat`).split(') ')[1]?.split(' ') ?? [];
    return Number(f[11] ?? 0) + Number(f[12] ?? 0); // utime + stime, in clock ticks
  };
  let tids: string[];
  try {
    tids = readdirSync(dir);
  } catch {
    return '(no /proc for the process)';
  }
  const before = new Map(tids.map((t) => [t, cpu(t)]));
  await new Promise((r) => setTimeout(r, 1000));
  return tids
    .map((t) => {
      const state = read(`${dir}/${t}/stat`).split(') ')[1]?.split(' ')[0] ?? '?';
      const stack = read(`${dir}/${t}/stack`).split('\n').slice(0, 4).map((l) => l.replace(/^\[<[0-9a-f]+>\] /, '')).join(' < ');
      return `thread ${t}${t === String(pid) ? ' (main)' : ''} ${read(`${dir}/${t}/comm`)} state ${state} cpu ${cpu(t) - (before.get(t) ?? 0)} ticks/s wchan ${read(`${dir}/${t}/wchan`)} ${stack}`;
    })
    .join('\n');
}
