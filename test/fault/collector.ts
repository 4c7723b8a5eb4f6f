// The scripts' own record of what ran, outside the store: a loopback HTTP server the task scripts
// POST to. Every request is numbered when it arrives and answered `holdMs` later with its number,
// which the script prints, so a run's output names the request it made; requests still being held
// are runs in flight (a daemon killed then dies mid-run).
import { createServer, type ServerResponse } from 'node:http';

export interface Hit {
  n: number;
  task: string;
  at: number;
}

export interface Collector {
  port: number;
  hits: Hit[];
  /** Requests received and not yet answered. */
  pending: Map<number, Hit>;
  close(): Promise<void>;
}

export async function startCollector(holdMs: number): Promise<Collector> {
  const hits: Hit[] = [];
  const pending = new Map<number, Hit>();
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const hit: Hit = { n: hits.length + 1, task: new URLSearchParams(body).get('task') ?? '', at: Date.now() };
      hits.push(hit);
      pending.set(hit.n, hit);
      open.add(res);
      const t = setTimeout(() => {
        pending.delete(hit.n);
        open.delete(res);
        res.end(String(hit.n));
      }, holdMs);
      res.on('close', () => {
        clearTimeout(t);
        pending.delete(hit.n);
        open.delete(res);
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    hits,
    pending,
    close: () =>
      new Promise<void>((r) => {
        for (const res of open) res.destroy();
        server.close(() => r());
      }),
  };
}
