// Shared pieces of `npm run bench`: medians, percentiles, the built CLI, and a daemon started as
// the real `crmscript-tui daemon` process on a temporary data directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLI = new URL('../src/cli.js', import.meta.url).pathname;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The p-th percentile (0..100) by nearest rank. */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** The bench's temporary stores and recordings, removed when the process exits (BENCH_KEEP=1 keeps them). */
const homes: string[] = [];

export function tempHome(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `crm-bench-${prefix}-`));
  if (homes.length === 0 && process.env.BENCH_KEEP !== '1') {
    // a pass of the trace rows alone writes some hundred MB of recordings
    process.once('exit', () => {
      for (const d of homes) rmSync(d, { recursive: true, force: true });
    });
  }
  homes.push(dir);
  return dir;
}

/** Wall time of one whole process (spawn to exit), with its exit checked. */
export function processMs(args: string[], env: NodeJS.ProcessEnv, check?: (stdout: string) => void): number {
  const t = performance.now();
  const r = spawnSync(args[0], args.slice(1), { env, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  check?.(r.stdout);
  return ms;
}

export interface BenchDaemon {
  port: number;
  token: string;
  child: ChildProcess;
  /** Peak resident memory of the daemon process so far (MB), sampled from /proc. */
  peakRssMb(): number;
  /** The daemon's log lines (JSON) so far. */
  log(): string[];
  stop(): Promise<void>;
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Starts `crmscript-tui daemon --port 0` on `dataDir` and waits until it serves. */
export async function startBenchDaemon(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<BenchDaemon> {
  const child = spawn(process.execPath, [...(process.env.BENCH_DAEMON_NODE_ARGS?.split(' ').filter(Boolean) ?? []), CLI, '--data-dir', dataDir, 'daemon', '--port', '0', '--grace', '2'], {
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buf = '';
  let peak = 0;
  child.stdout!.on('data', (c: Buffer) => {
    buf += c.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const sample = setInterval(() => {
    const v = rssMb(child.pid!);
    if (v > peak) peak = v;
  }, 500);
  const port = await new Promise<number>((resolve, reject) => {
    const t = setInterval(() => {
      const started = lines.find((l) => l.includes('"daemon started"'));
      if (started) {
        clearInterval(t);
        resolve(JSON.parse(started).port as number);
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(t);
      reject(new Error(`the daemon ended (${code}) before it served: ${err}`));
    });
  });
  const token = readFileSync(join(dataDir, 'daemon.token'), 'utf8').trim();
  return {
    port,
    token,
    child,
    peakRssMb: () => Math.max(peak, rssMb(child.pid!)),
    log: () => lines,
    stop: () =>
      new Promise<void>((resolve) => {
        clearInterval(sample);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function builtCliExists(): boolean {
  return existsSync(CLI);
}

/** The event both events benches fire (one binding that echoes the amount). */
export const EVENT = 'SalesBeforeSaveSale';

/**
 * One POST /api/events/:name to a daemon; resolves with its latency in ms after checking the
 * answer (status 200, the binding ran and echoed this request's input).
 */
export function postEvent(agent: Agent, port: number, token: string, n: number): Promise<number> {
  const body = JSON.stringify({ inputs: { 'SaleEntity.Amount': String(n) } });
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: `/api/events/${EVENT}`, agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          const ms = performance.now() - t;
          if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}: ${text}`));
          const out = JSON.parse(text) as { runs: Array<{ ok: boolean; output: string }> };
          // the checksum: the binding ran and echoed this request's input
          if (out.runs.length !== 1 || !out.runs[0].ok || out.runs[0].output !== `amount ${n}`) return reject(new Error(`wrong answer: ${text}`));
          resolve(ms);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
