// Trigger events per second through POST /api/events/:name against real daemon processes on one
// store (issue 18): one daemon on the JSON store, one daemon on PostgreSQL, and three daemons on
// one PostgreSQL behind a round-robin over their ports in the load generator (what a load
// balancer in front of a fleet does). Each request goes to the next daemon with that daemon's
// token; every answer is checked (status 200, the binding ran and echoed this request's input).
import { Agent } from 'node:http';
import pg from 'pg';
import { Store } from '../src/store/store.js';
import { createScript, createTrigger } from '../src/store/repos.js';
import { EVENT, percentile, postEvent, startBenchDaemon, tempHome, type BenchDaemon } from './lib.js';

export interface FleetFigures {
  label: string;
  daemons: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
}



/** A new database on the server of `adminUrl`; returns its URL and a function that drops it. */
async function scratchDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

async function drive(label: string, url: string | undefined, daemons: number, opts: { connections: number; seconds: number; warmupSeconds: number }): Promise<FleetFigures> {
  const first = tempHome('fleet');
  const store = await Store.open(first, { url: url ?? '', seed: false });
  await store.update((d) => {
    d.settings.httpRunsMax = opts.connections; // every request of the load generator may be in flight at once
    const s = createScript(d, { name: 'Echo amount', includeId: 'echo-amount', source: 'print("amount " + getEventData().getInputValue("SaleEntity.Amount"));' });
    createTrigger(d, { event: EVENT, targetKind: 'script', targetId: s.id });
  });
  await store.close();
  const env = { CRMSCRIPT_TUI_STORE: url ?? '' };
  const fleet: BenchDaemon[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  try {
    for (let i = 0; i < daemons; i++) fleet.push(await startBenchDaemon(i === 0 ? first : tempHome('fleet'), env));
    let next = 0;
    const run = async (seconds: number): Promise<number[]> => {
      const until = performance.now() + seconds * 1000;
      const lat: number[] = [];
      let n = 0;
      await Promise.all(
        Array.from({ length: opts.connections }, async () => {
          while (performance.now() < until) {
            const d = fleet[next++ % fleet.length]!;
            lat.push(await postEvent(agent, d.port, d.token, n++));
          }
        }),
      );
      return lat;
    };
    await run(opts.warmupSeconds);
    const t = performance.now();
    const lat = await run(opts.seconds);
    const elapsed = (performance.now() - t) / 1000;
    return { label, daemons, requests: lat.length, perSecond: lat.length / elapsed, p50: percentile(lat, 50), p99: percentile(lat, 99) };
  } finally {
    agent.destroy();
    await Promise.all(fleet.map((d) => d.stop()));
  }
}

/** The three configurations; the PostgreSQL ones need $CRMSCRIPT_TUI_TEST_PG (a server to make a scratch database on). */
export async function benchFleet(opts: { connections?: number; seconds?: number; warmupSeconds?: number; pgUrl?: string } = {}): Promise<FleetFigures[]> {
  const o = { connections: opts.connections ?? 10, seconds: opts.seconds ?? 10, warmupSeconds: opts.warmupSeconds ?? 2 };
  const out = [await drive('JSON store, one daemon', undefined, 1, o)];
  if (opts.pgUrl) {
    for (const n of [1, 3]) {
      const db = await scratchDatabase(opts.pgUrl);
      try {
        out.push(await drive(`PostgreSQL, ${n === 1 ? 'one daemon' : `${n} daemons, round-robin`}`, db.url, n, o));
      } finally {
        await db.drop();
      }
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of await benchFleet({ connections: Number(process.env.CONNECTIONS ?? 10), seconds: Number(process.env.SECONDS ?? 10), pgUrl: process.env.CRMSCRIPT_TUI_TEST_PG })) console.log(JSON.stringify(f));
}
