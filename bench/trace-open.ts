// Run by bench/trace.ts in a fresh process: opens a recording and shows its last step (what
// `traces show` and the viewer do first: a recording by inputs is replayed on a worker first,
// tracing/expand.ts), and prints how long that took in ms: wall time, then the CPU time of this
// process (the replay's worker is a thread of it).
import { openTrace } from '../src/interp/trace/reader.js';
import { replayedRecording } from '../src/tracing/expand.js';
import { runPool } from '../src/interp/isolation/isolate.js';

const t = performance.now();
const c = process.cpuUsage();
const rec = openTrace((await replayedRecording(process.argv[2]!)).path);
const view = rec.at(rec.last());
const used = process.cpuUsage(c);
if (view.step !== rec.steps - 1) throw new Error('the last step was not shown');
process.stdout.write(`${(performance.now() - t).toFixed(1)} ${((used.user + used.system) / 1000).toFixed(1)}\n`);
runPool.drain();
