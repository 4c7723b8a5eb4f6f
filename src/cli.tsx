#!/usr/bin/env node
// The crmscript-tui command line: a small launcher in front of the program (cli-program.tsx).
// `crmscript-tui --help` prints the top-level help the build wrote (scripts/help-text.mjs runs the
// real program with CRMSCRIPT_TUI_LIVE_HELP=1 and keeps its output), because producing it live
// means loading every command module; a terminal narrower than that text gets the live help.
// Everything else runs the program; the build points the imports below at their bundles
// (dist/bundle/, scripts/bundle.mjs): a few files instead of the hundred modules Node would
// otherwise resolve and link one by one.
import { readFileSync } from 'node:fs';

const HELP_WIDTH = 80;

/** Whether the arguments ask for the top-level help only (`--help`, `-h`, `help`, with --data-dir or --store). */
function topLevelHelp(argv: string[]): boolean {
  const global = (a: string | undefined): boolean => a === '--data-dir' || a === '--store';
  const rest = argv.filter((a, i) => !global(a) && !global(argv[i - 1]) && !a.startsWith('--store='));
  return rest.length === 1 && ['--help', '-h', 'help'].includes(rest[0]!);
}

function cachedHelp(): string | null {
  if (process.env.CRMSCRIPT_TUI_LIVE_HELP === '1') return null;
  if (process.stdout.isTTY && process.stdout.columns < HELP_WIDTH) return null;
  try {
    return readFileSync(new URL('./help.txt', import.meta.url), 'utf8');
  } catch {
    return null;
  }
}

/** A program that cannot be loaded (a build that is incomplete, or being rewritten): one line, no stack. */
function cannotLoad(e: unknown): void {
  const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
  process.stderr.write(`crmscript-tui: cannot load the program: ${message} (is the build in dist/ complete? run \`npm run build\`)\n`);
  process.exitCode = 1;
}

const help = topLevelHelp(process.argv.slice(2)) ? cachedHelp() : null;
if (help !== null) process.stdout.write(help);
else {
  try {
    // `run FILE`: its worker starts booting before the program loads (see commands/run-early.ts)
    if (process.argv.includes('run')) await import('./commands/run-early.js');
    // a plain `scripts list` is answered without the program (see commands/list-early.ts)
    const listed = process.argv.includes('scripts') && process.argv.includes('list') && (await (await import('./commands/list-early.js')).listEarly(process.argv.slice(2)));
    if (!listed) await import('./cli-program.js');
  } catch (e) {
    cannotLoad(e);
  }
}
