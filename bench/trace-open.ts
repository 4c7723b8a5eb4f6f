// Run by bench/trace.ts in a fresh process: opens a recording and shows its last step (what
// `traces show` and the viewer do first), and prints how long that took in ms: wall time, then
// the CPU time of this process.
import { openTrace } from '../src/interp/trace/reader.js';

const t = performance.now();
const c = process.cpuUsage();
const rec = openTrace(process.argv[2]!);
const view = rec.at(rec.last());
const used = process.cpuUsage(c);
if (view.step !== rec.steps - 1) throw new Error('the last step was not shown');
process.stdout.write(`${(performance.now() - t).toFixed(1)} ${((used.user + used.system) / 1000).toFixed(1)}\n`);
