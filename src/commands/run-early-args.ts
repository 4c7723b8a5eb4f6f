// Which worker `crmscript-tui run FILE` will ask for, guessed from the raw arguments before the
// program (and commander) load: see run-early.ts.
import { existsSync } from 'node:fs';
import { DEFAULT_LIMITS } from '../interp/limits.js';

/** The options of `run` that take a value (the target is the first word that is none of them). */
const VALUED = new Set(['--var', '--input', '--event', '--timeout', '--memory', '--cgi', '--cgi-file', '--body', '--user', '--data-dir', '--store']);

/** The heap limit of the file run the arguments ask for, or null when they ask for none (or the guess is unsure). */
export function earlyRunMemory(argv: string[]): number | null {
  let memory = DEFAULT_LIMITS.memoryMb;
  let command: string | undefined;
  let target: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return null;
    if (a === '--memory' || a.startsWith('--memory=')) {
      memory = Number(a === '--memory' ? argv[i + 1] : a.slice('--memory='.length));
      if (!(memory > 0)) return null;
    }
    if (VALUED.has(a)) i++;
    // an optional value: commander takes the next word when it is not an option
    else if (a === '--allow-file') i += argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('-') ? 1 : 0;
    else if (!a.startsWith('-')) {
      if (!command) command = a;
      else target ??= a;
    }
  }
  return command === 'run' && target !== undefined && existsSync(target) ? memory : null;
}
