// `crmscript-tui run FILE`: the launcher (cli.tsx) imports this before the program, so that the
// run's worker starts booting (on the other core) while the program, the parser and the checker
// load, instead of after. It only guesses from the arguments; the `run` command (run.ts) parses
// them for real, and the run pool takes this worker when the guess was right (same entry and heap
// limit, see interp/isolation/early-worker.ts) or starts its own. It loads no more than it needs
// for that (its own small chunk of the build), so that the worker is asked for early. An idle
// worker nobody takes does not keep the process alive.
import { startEarlyWorker } from '../interp/isolation/early-worker.js';
import { RUN_TAIL_BYTES } from '../interp/isolation/output-tail.js';
import { crmRunWorkerUrl } from '../crm/run-entry.js';
import { earlyRunMemory } from './run-early-args.js';

const memory = earlyRunMemory(process.argv.slice(2));
if (memory !== null) startEarlyWorker(crmRunWorkerUrl(), memory, RUN_TAIL_BYTES);
