// `npm run bench`: performance figures, each CRMScript workload as a ratio against the same
// algorithm written directly in JavaScript and measured in the same run.
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileScript } from '../src/interp/compile-script.js';
import { execute } from '../src/interp/execute.js';
import { newRunContext } from '../src/interp/runtime/context.js';
import { generateScript } from './generate.js';
import { budgetRows } from './budgets.js';
import { MessageChannel } from 'node:worker_threads';
import { createAgent } from '../src/interp/debugger/agent.js';
import { CTL_WORDS } from '../src/interp/debugger/protocol.js';
import { recordRun } from '../src/interp/trace/execute.js';
import { openTrace } from '../src/interp/trace/reader.js';
import { benchLimits } from './limits.js';
import { crmBench } from './crm.js';
import { crmPgBench } from './crm-pg.js';
import { storeBench } from './store.js';

function best(runs: number, f: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

function crm(source: string): () => void {
  const out = compileScript({ source, file: 'bench.crm' });
  if (!out.compiled) throw new Error(out.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n'));
  const compiled = out.compiled;
  return () => {
    const r = execute(compiled, newRunContext({ out: () => {} }));
    if (r.error) throw new Error(r.error.message);
  };
}

const rows: [string, string, string][] = [];
function ratio(name: string, crmMs: number, jsMs: number, target: string): void {
  rows.push([name, `${crmMs.toFixed(1)} ms vs ${jsMs.toFixed(1)} ms native`, `${(crmMs / jsMs).toFixed(2)}× (target ${target})`]);
}

// fib(30)
const fibSrc = `Integer fib(Integer n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }
Integer r = fib(30);
if (r != 832040) throw "wrong result";`;
function fibJs(n: number): number {
  return n < 2 ? n : (fibJs(n - 1) + fibJs(n - 2)) | 0;
}
const fibCrm = crm(fibSrc);
const jsFib = best(5, () => {
  if (fibJs(30) !== 832040) throw new Error('wrong');
});
ratio('fib(30)', best(5, fibCrm), jsFib, '≤ 5×');

// loop / string / Map workload
const mixSrc = `Map m;
String acc = "";
Integer total = 0;
for (Integer i = 0; i < 200000; i++) {
  String k = "k" + (i % 1000).toString();
  if (m.exists(k)) m.insert(k, (m.get(k).toInteger() + 1).toString());
  else m.insert(k, "1");
  if (i % 100 == 0) acc += k.subString(0, 2);
  total += k.getLength();
}
if (m.size() != 1000) throw "wrong size";`;
function mixJs(): void {
  const m = new Map<string, string>();
  let acc = '';
  let total = 0;
  for (let i = 0; i < 200000; i++) {
    const k = 'k' + String(i % 1000);
    if (m.has(k)) m.set(k, String(parseInt(m.get(k)!, 10) + 1));
    else m.set(k, '1');
    if (i % 100 === 0) acc += k.substring(0, 2);
    total = (total + k.length) | 0;
  }
  if (m.size !== 1000 || !acc || !total) throw new Error('wrong');
}
const mixCrm = crm(mixSrc);
ratio('loop/string/Map', best(5, mixCrm), best(5, mixJs), '≤ 5×');

// fib(30) compiled for debugging (statement hooks, call stack) with the debug agent attached and
// no breakpoint hit: the cost of running under the debugger until it pauses.
{
  const out = compileScript({ source: fibSrc, file: 'bench.crm', mode: 'hooked' });
  if (!out.compiled) throw new Error(out.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n'));
  const compiled = out.compiled;
  const { port1, port2 } = new MessageChannel();
  const agent = createAgent({
    compiled,
    port: port2,
    post: () => {},
    flush: () => {},
    ctl: new Int32Array(new SharedArrayBuffer(CTL_WORDS * 4)),
    bp: new Uint8Array(new SharedArrayBuffer(compiled.debug!.stmts.length)),
    stopOnEntry: false,
  });
  const debugMs = best(5, () => {
    const r = execute(compiled, newRunContext({ out: () => {} }), agent.hooks as never);
    if (r.error) throw new Error(r.error.message);
  });
  port1.close();
  ratio('fib(30) under the debugger, no stop', debugMs, jsFib, '≤ 30×');
}

// Tracing: recording every statement (statement positions, call depth, variable writes, output)
// into a trace file, as a ratio against the same program's untraced run; then the time to show a
// step of a recording of more than a million statements (open the file, replay to the step).
{
  const traceDir = mkdtempSync(join(tmpdir(), 'crm-bench-trace-'));
  const traced = (name: string, source: string): { ms: number; steps: number; path: string } => {
    const out = compileScript({ source, file: 'bench.crm', mode: 'hooked' });
    if (!out.compiled) throw new Error(out.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n'));
    const path = join(traceDir, `${name}.trace`);
    let steps = 0;
    const ms = best(5, () => {
      const r = recordRun(out.compiled!, out.sources, path, newRunContext({ out: () => {} }), { maxSteps: 1e8 });
      if (r.error) throw new Error(r.error.message);
      steps = r.trace.steps;
    });
    return { ms, steps, path };
  };
  const untraced = (source: string): number => best(5, crm(source));
  const traceRow = (name: string, t: { ms: number; steps: number }, plain: number): void => {
    rows.push([`${name}, every statement recorded`, `${t.ms.toFixed(1)} ms vs ${plain.toFixed(1)} ms untraced (${(t.steps / 1e6).toFixed(2)} M steps)`, `${(t.ms / plain).toFixed(2)}× (target ≤ 10×)`]);
  };
  // untraced first: recording patches Map's mutating methods (a null check when not recording)
  const fibPlain = untraced(fibSrc);
  const mixPlain = untraced(mixSrc);
  const fibT = traced('fib', fibSrc);
  traceRow('fib(30)', fibT, fibPlain);
  const mixT = traced('mix', mixSrc);
  traceRow('loop/string/Map', mixT, mixPlain);
  // a fresh open of the recording and the first visit of its last step (a full replay), then
  // visits of random steps
  let at = 0;
  const firstMs = best(3, () => {
    const rec = openTrace(mixT.path);
    at = rec.steps;
    rec.at(rec.last());
  });
  const rec = openTrace(mixT.path);
  rec.at(rec.last());
  let seed = 12345;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % rec.steps;
  let worst = 0;
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    rec.at(rnd());
    worst = Math.max(worst, performance.now() - t);
  }
  rows.push([`trace of ${(at / 1e6).toFixed(2)} M statements: open + show the last step`, `${firstMs.toFixed(0)} ms`, 'target < 100 ms']);
  rows.push([`trace of ${(at / 1e6).toFixed(2)} M statements: show a random step (worst of 50)`, `${worst.toFixed(1)} ms`, 'target < 100 ms']);
  rmSync(traceDir, { recursive: true, force: true });
}

// parse + check of a 5,000-line script
const big = generateScript(5000);
const parseMs = best(3, () => {
  const r = compileScript({ source: big, file: 'big.crm' });
  if (!r.compiled) throw new Error(r.diagnostics[0]?.message);
});
rows.push(['parse + check + compile, 5,000 lines', `${parseMs.toFixed(0)} ms`, 'target < 1000 ms']);

rows.push(...budgetRows());

// process start-up
const dir = mkdtempSync(join(tmpdir(), 'crm-bench-'));
const hello = join(dir, 'hello.crm');
writeFileSync(hello, 'printLine("Hello, world");\n');
const cli = new URL('../src/cli.js', import.meta.url).pathname;
const env = { ...process.env, CRMSCRIPT_TUI_HOME: join(dir, 'home') };
const time = (args: string[]): number =>
  best(5, () => {
    const r = spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  });
rows.push(['crmscript-tui --help', `${time(['--help']).toFixed(0)} ms`, 'target < 300 ms']);
rows.push(['crmscript-tui run hello.crm', `${time(['run', hello]).toFixed(0)} ms`, 'target < 300 ms']);
await crmBench(rows, cli);
if (process.env.CRMSCRIPT_TUI_TEST_PG) await crmPgBench(rows, cli, process.env.CRMSCRIPT_TUI_TEST_PG);
await storeBench(rows, cli);

await benchLimits(rows);

const w = Math.max(...rows.map((r) => r[0].length));
const w2 = Math.max(...rows.map((r) => r[1].length));
console.log(`node ${process.version}, best of several runs\n`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w)}  ${b.padEnd(w2)}  ${c}`);
