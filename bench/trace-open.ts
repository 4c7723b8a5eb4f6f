// Run by bench/trace.ts in a fresh process: opens a recording and shows its last step (what
// `traces show` and the viewer do first), and prints how long that took in ms.
import { openTrace } from '../src/interp/trace/reader.js';

const t = performance.now();
const rec = openTrace(process.argv[2]!);
rec.at(rec.last());
process.stdout.write(`${(performance.now() - t).toFixed(1)}\n`);
