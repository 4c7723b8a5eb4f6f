// Trigger events over HTTP against the real daemon process: POST /api/events/:name with one
// trivial binding, from a bounded loopback client holding `connections` keep-alive connections,
// each sending its next request when the previous answer is in. Every answer is checked (status
// 200, the binding ran and printed what it prints).
import { Agent } from 'node:http';
import { Store } from '../src/store/store.js';
import { createScript, createTrigger } from '../src/store/repos.js';
import { EVENT, percentile, postEvent, startBenchDaemon, tempHome } from './lib.js';

export interface EventsFigures {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  peakRssMb: number;
}



export async function benchEvents(opts: { connections?: number; seconds?: number; warmupSeconds?: number } = {}): Promise<EventsFigures> {
  const connections = opts.connections ?? 10;
  const dir = tempHome('events');
  const store = await Store.open(dir, { seed: false });
  await store.update((d) => {
    d.settings.httpRunsMax = connections; // every request of the load generator may be in flight at once (the default 4 answers the rest 503)
    const s = createScript(d, { name: 'Echo amount', includeId: 'echo-amount', source: 'print("amount " + getEventData().getInputValue("SaleEntity.Amount"));' });
    createTrigger(d, { event: EVENT, targetKind: 'script', targetId: s.id });
    d.settings.httpRunsMax = connections; // admission (503 beyond it) sized for the load, as an operator would
  });
  store.close();
  const daemon = await startBenchDaemon(dir);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  try {
    const drive = async (seconds: number): Promise<number[]> => {
      const until = performance.now() + seconds * 1000;
      const lat: number[] = [];
      let n = 0;
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (performance.now() < until) lat.push(await postEvent(agent, daemon.port, daemon.token, n++));
        }),
      );
      return lat;
    };
    await drive(opts.warmupSeconds ?? 2);
    const seconds = opts.seconds ?? 10;
    const t = performance.now();
    const lat = await drive(seconds);
    const elapsed = (performance.now() - t) / 1000;
    return { requests: lat.length, perSecond: lat.length / elapsed, p50: percentile(lat, 50), p99: percentile(lat, 99), peakRssMb: daemon.peakRssMb() };
  } finally {
    agent.destroy();
    await daemon.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const f = await benchEvents({ connections: Number(process.env.CONNECTIONS ?? 10), seconds: Number(process.env.SECONDS ?? 10) });
  console.log(JSON.stringify(f));
}
