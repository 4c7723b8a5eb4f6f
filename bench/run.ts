// `npm run bench`: every figure measured on the product's real path, the median of several runs,
// with the workload's checksum checked, and ratios against plain JavaScript (or bare Node, or the
// untraced run) measured in the same run. Tests never assert time; this is where timing lives.
//
//   BENCH_ONLY=kernels,trace,debug,parse,startup,events,fleet,tasks,budgets,crm,store,limits   run some sections only
//   BENCH_FLEET_SECONDS=10                                the fleet section (PostgreSQL rows need CRMSCRIPT_TUI_TEST_PG)
//   BENCH_TASK_MINUTES=10  BENCH_TASKS=1000               the scheduled-tasks section (default 10 min)
//   BENCH_EVENT_SECONDS=10                                the events section
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileScript } from '../src/interp/compile-script.js';
import { generateScript } from './generate.js';
import { KERNELS, benchKernel } from './kernels.js';
import { TRACED, benchTrace, firstOpenMs } from './trace.js';
import { traceFloor } from './trace-floor.js';
import { DEBUGGED, benchDebug } from './debug.js';
import { benchEvents } from './events.js';
import { benchFleet } from './fleet.js';
import { benchTasks } from './tasks.js';
import { CLI, median, processMs, tempHome } from './lib.js';
import { budgetRows } from './budgets.js';
import { benchLimits } from './limits.js';
import { crmBench } from './crm.js';
import { crmPgBench } from './crm-pg.js';
import { storeBench } from './store.js';

const only = process.env.BENCH_ONLY?.split(',');
const want = (s: string): boolean => !only || only.includes(s);
const rows: string[][] = [];
const row = (...cells: string[]): void => {
  rows.push(cells);
  console.log(cells.join('  |  '));
};
const x = (r: number): string => `${r.toFixed(2)}×`;

if (want('kernels')) {
  for (const k of KERNELS) {
    const f = await benchKernel(k);
    row(f.name, `${f.crmMs.toFixed(1)} ms`, `${f.jsMs.toFixed(1)} ms plain JS`, x(f.ratio), `≤ ${f.target}×`);
  }
}

if (want('trace')) {
  const recordings: { path: string; steps: number; how: string }[] = [];
  for (const how of ['product', 'steps'] as const) {
    for (const w of TRACED) {
      const f = await benchTrace(w, 5, how);
      const kind = f.how === 'inputs' ? 'recorded by its inputs, as the product records it' : 'recorded step by step, as the product records a program that calls other built-ins';
      const what = `${f.name}, ${kind} (${(f.steps / 1e6).toFixed(2)} M steps${f.truncated ? ', CUT at the step limit' : ''})`;
      // the targets are for the workloads as the product records them; step by step is shown for what it costs
      const target = f.how === 'inputs' ? '≤ 5×' : '';
      row(`${what}, pooled workers`, `${f.tracedMs.toFixed(1)} ms`, `${f.plainMs.toFixed(1)} ms untraced`, x(f.ratio), target);
      row(`${what}, each run on a new worker`, `${f.coldTracedMs.toFixed(1)} ms`, `${f.coldPlainMs.toFixed(1)} ms untraced`, x(f.coldRatio), target);
      row(`${f.name}, ${f.how === 'inputs' ? 'its replay' : 'step by step'}: recording size`, `${f.mbPerMillion.toFixed(1)} MB per million statements`, '', '', '≤ 8 MB');
      recordings.push({ path: f.path, steps: f.steps, how: f.how });
    }
  }
  // no target: the floor under the step-by-step new-worker rows (bench/trace-floor.ts)
  const floor = await traceFloor();
  row('fib(27) in plain JavaScript with the token writes of a step-by-step recording by hand, no file, each run on a new worker (the floor, no product code)', `${floor.tracedMs.toFixed(1)} ms`, `${floor.plainMs.toFixed(1)} ms plain`, x(floor.ratio), '');
  // the target is for 1 M steps: each recording (fib's is 1.27 M, the nested loop's 2 M)
  for (const r of recordings.sort((a, b) => a.steps - b.steps)) {
    const open = firstOpenMs(r.path);
    const what = r.how === 'inputs' ? 'recording by inputs (its replay made on a worker) + its last step' : 'step-by-step recording + its last step';
    row(`first open of a ${(r.steps / 1e6).toFixed(2)} M-step ${what} (fresh process)`, `${open.wallMs.toFixed(0)} ms`, `${open.cpuMs.toFixed(0)} ms CPU`, '', '≤ 300 ms (1 M steps)');
  }
}

if (want('debug')) {
  for (const w of DEBUGGED) {
    const f = await benchDebug(w);
    row(`${f.name} in a debug session, no breakpoint hit`, `${f.debugMs.toFixed(1)} ms`, `${f.plainMs.toFixed(1)} ms untraced`, x(f.ratio), '≤ 3×');
  }
}

if (want('parse')) {
  const big = generateScript(5000);
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = compileScript({ source: big, file: 'big.crm' });
    ms.push(performance.now() - t);
    if (!r.compiled) throw new Error(r.diagnostics[0]?.message);
  }
  row('parse + check + compile, 5,000 lines (in a warm process)', `${median(ms).toFixed(0)} ms`, '', '', '< 1000 ms');
  // the user's path: `crmscript-tui check big.crm` in a fresh process (spawn to exit)
  const dir = tempHome('parse');
  const file = join(dir, 'big.crm');
  writeFileSync(file, big);
  const env = { ...process.env, CRMSCRIPT_TUI_HOME: join(dir, 'home') };
  const whole: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 5; i++) {
    bare.push(processMs([process.execPath, '-e', '0'], env));
    whole.push(processMs([process.execPath, CLI, 'check', file], env));
  }
  row('crmscript-tui check on 5,000 lines (whole process)', `${median(whole).toFixed(0)} ms`, `${median(bare).toFixed(0)} ms node -e 0`, '', '< 1000 ms');
}

if (want('startup')) {
  const dir = tempHome('startup');
  const hello = join(dir, 'hello.crm');
  writeFileSync(hello, 'printLine("Hello, world");\n');
  const env = { ...process.env, CRMSCRIPT_TUI_HOME: join(dir, 'home') };
  // `fresh` runs a file whose text no run has seen, so it is compiled (the others find their compile
  // in the cache of compiled programs, as a script run again does: src/commands/compiled-cache.ts)
  let n = 0;
  const fresh = (): string[] => {
    const f = join(dir, `fresh-${n++}.crm`);
    writeFileSync(f, `printLine("Hello, world"); // ${n}\n`);
    return [process.execPath, CLI, 'run', f];
  };
  const hi = (o: string): void => void (o === 'Hello, world\n' || fail('run hello.crm'));
  const cases: Record<string, { args: () => string[]; check?: (out: string) => void }> = {
    bare: { args: () => [process.execPath, '-e', '0'] },
    help: { args: () => [process.execPath, CLI, '--help'], check: (o) => void (o.includes('Usage: crmscript-tui') || fail('--help')) },
    run: { args: () => [process.execPath, CLI, 'run', hello], check: hi },
    fresh: { args: fresh, check: hi },
  };
  const ms: Record<string, number[]> = { bare: [], help: [], run: [], fresh: [] };
  // alternating, so that a change in the machine's load hits all of them alike
  for (let i = 0; i < 11; i++) for (const [k, c] of Object.entries(cases)) ms[k]!.push(processMs(c.args(), env, c.check));
  const bare = median(ms.bare!);
  row('crmscript-tui --help (whole process)', `${median(ms.help!).toFixed(0)} ms`, `${bare.toFixed(0)} ms node -e 0`, x(median(ms.help!) / bare), '≤ 1.5×');
  row('crmscript-tui run hello.crm (whole process)', `${median(ms.run!).toFixed(0)} ms`, `${bare.toFixed(0)} ms node -e 0`, x(median(ms.run!) / bare), '≤ 2×');
  row('crmscript-tui run of a file not run before (compiled)', `${median(ms.fresh!).toFixed(0)} ms`, `${bare.toFixed(0)} ms node -e 0`, x(median(ms.fresh!) / bare), '');
}

if (want('events')) {
  const f = await benchEvents({ connections: 10, seconds: Number(process.env.BENCH_EVENT_SECONDS ?? 10) });
  row('POST /api/events/:name, one binding, 10 connections (real daemon)', `${f.perSecond.toFixed(0)} req/s`, `p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms`, `${f.requests} requests, daemon peak ${f.peakRssMb.toFixed(0)} MB`, '≥ 500/s, p99 ≤ 50 ms');
}

if (want('fleet')) {
  const pgUrl = process.env.CRMSCRIPT_TUI_TEST_PG?.trim() || undefined;
  for (const f of await benchFleet({ connections: 10, seconds: Number(process.env.BENCH_FLEET_SECONDS ?? 10), pgUrl })) {
    row(`POST /api/events/:name, 10 connections: ${f.label}`, `${f.perSecond.toFixed(0)} req/s`, `p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms`, `${f.requests} requests`, '');
  }
  if (!pgUrl) row('POST /api/events/:name on PostgreSQL (one and three daemons)', 'skipped', 'set CRMSCRIPT_TUI_TEST_PG', '', '');
}

if (want('tasks')) {
  const f = await benchTasks({ count: Number(process.env.BENCH_TASKS ?? 1000), minutes: Number(process.env.BENCH_TASK_MINUTES ?? 10) });
  row(
    `${f.tasks} tasks due every minute for ${f.minutes} min (real daemon)`,
    `${f.started}/${f.due} started, ${f.missed} missed, ${f.okWithOutput} ok with the right output`,
    `lateness p50 ${(f.p50LateMs / 1000).toFixed(2)} s, p99 ${(f.p99LateMs / 1000).toFixed(2)} s, max ${(f.maxLateMs / 1000).toFixed(2)} s`,
    `daemon peak ${f.peakRssMb.toFixed(0)} MB; ${f.keepUpWarnings} 'cannot keep up' log lines`,
    'all start, p99 ≤ 2 s, ≤ 500 MB',
  );
}

function fail(what: string): never {
  throw new Error(`${what}: wrong output`);
}

if (want('budgets')) for (const r of budgetRows()) row(...r);

if (want('crm') || want('store')) {
  const more: [string, string, string][] = [];
  if (want('crm')) await crmBench(more, CLI);
  if (want('crm') && process.env.CRMSCRIPT_TUI_TEST_PG) await crmPgBench(more, CLI, process.env.CRMSCRIPT_TUI_TEST_PG);
  if (want('store')) await storeBench(more, CLI);
  for (const r of more) row(...r);
}

if (want('limits')) {
  const more: [string, string, string][] = [];
  await benchLimits(more);
  for (const r of more) row(...r);
}

console.log(`\nnode ${process.version}; medians; markdown:\n`);
console.log('| workload | measured | compared with | ratio / notes | target |\n| --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${[...r, '', '', '', ''].slice(0, 5).join(' | ')} |`);
