// `crmscript-tui run FILE`: the launcher (cli.tsx) imports this before the program, so that the
// run's worker starts booting (on the other core) while the program, the parser and the checker
// load, instead of after. It only guesses from the arguments; the `run` command (run.ts) parses
// them for real and takes this worker from the pool when the guess was right (same heap limit),
// or starts its own. An idle worker nobody takes does not keep the process alive.
import { runPool } from '../interp/isolation/isolate.js';
import { wireWorkers } from '../crm/run-config.js';
import { earlyRunMemory } from './run-early-args.js';

const memory = earlyRunMemory(process.argv.slice(2));
if (memory !== null) {
  wireWorkers();
  runPool.prewarm(memory);
}
