// `crmscript-tui run FILE`: the launcher (cli.tsx) imports this before the program, so that the
// run's worker starts booting (on the other core) while the program, the parser and the checker
// load, instead of after. It only guesses from the arguments; the `run` command (run.ts) parses
// them for real and its pool adopts this worker when the guess was right (same heap limit and
// entry), or starts its own (interp/isolation/early-worker.ts). This module loads nothing of the
// run command itself: the worker is asked for as soon as Node gets here.
import { startEarlyWorker } from '../interp/isolation/early-worker.js';
import { crmRunWorkerEntry } from '../crm/run-worker-entry.js';
import { earlyRunMemory } from './run-early-args.js';

const memory = earlyRunMemory(process.argv.slice(2));
if (memory !== null) startEarlyWorker(crmRunWorkerEntry(), memory);
