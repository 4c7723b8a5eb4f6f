// Limits on the real path (a run in its worker, measured from the caller): how close to its time
// limit a run under GC pressure is reported stopped (target: within 10%), and how soon a memory
// hog and an output flood end. Medians of a few runs; each run's outcome is checked.
import { compileScript } from '../src/interp/compile-script.js';
import { runIsolated, type RunOptions } from '../src/interp/isolation/isolate.js';

type Row = [string, string, string];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed(source: string, opts: RunOptions, expected: RegExp): Promise<number> {
  const c = compileScript({ source, file: 'bench.crm' });
  if (!c.compiled) throw new Error(c.diagnostics[0]?.message);
  const t = performance.now();
  const r = await runIsolated(c.compiled, opts).result;
  const ms = performance.now() - t;
  if (!r.error || !expected.test(r.error.message)) throw new Error(`unexpected outcome: ${r.error?.message ?? 'ok'}`);
  return ms;
}

// keeps ~100 MB live and churns it: many full collections while the limit runs out
const GC_PRESSURE = 'String[] keep;\nInteger i = 0;\nwhile (true) { keep.pushBack("abcdefghijklmnop" + i.toString()); i++; if (keep.length() > 1500000) { keep.clear(); } }';
const HOG = 'Map m;\nInteger i = 0;\nwhile (true) { m.insert(i.toString(), ""); i++; }';
const FLOOD = 'String s = "0123456789abcdef";\nInteger i = 0;\nwhile (i < 20) { s = s + s; i++; }\nwhile (true) { print(s); }';

export async function benchLimits(rows: Row[]): Promise<void> {
  const limitMs = 3000;
  const stops: number[] = [];
  for (let i = 0; i < 3; i++) stops.push(await timed(GC_PRESSURE, { timeoutMs: limitMs, memoryMb: 256 }, /time limit/));
  const m = median(stops);
  rows.push([`time limit ${limitMs / 1000} s under GC pressure: reported stopped after`, `${m.toFixed(0)} ms (+${(((m - limitMs) / limitMs) * 100).toFixed(1)}%)`, 'target within 10%']);
  const hog: number[] = [];
  for (let i = 0; i < 3; i++) hog.push(await timed(HOG, { memoryMb: 256, timeoutMs: 120_000 }, /memory limit of 256 MB/));
  rows.push(['Map growing without end, 256 MB limit: ended after', `${median(hog).toFixed(0)} ms`, '']);
  const flood: number[] = [];
  for (let i = 0; i < 3; i++) flood.push(await timed(FLOOD, { timeoutMs: 120_000 }, /output limit of 16 MB/));
  rows.push(['output flood, 16 MB limit: ended after', `${median(flood).toFixed(0)} ms`, '']);
}
