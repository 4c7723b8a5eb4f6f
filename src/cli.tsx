#!/usr/bin/env node
// The crmscript-tui command line. With no command it opens the TUI.
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { registerRunCommands } from './commands/run.js';
import { registerScriptsCommands } from './commands/scripts.js';
import { registerTriggerCommands } from './commands/triggers.js';
import { registerMacroCommands } from './commands/macros.js';
import { registerTaskCommands } from './commands/tasks.js';
import { registerDaemonCommand } from './commands/daemon.js';
import { openStoreAt } from './store/store.js';
import type { GlobalOptions } from './commands/common.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

const program = new Command();
program
  .name('crmscript-tui')
  .description('Terminal administration tool and runtime for CRMScript')
  .version(version, '-V, --version')
  .option('--data-dir <dir>', 'where the store lives (env CRMSCRIPT_TUI_HOME)')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const globals = (): GlobalOptions => program.opts<GlobalOptions>();

registerRunCommands(program, globals);
registerScriptsCommands(program, () => openStoreAt(globals().dataDir));
registerTriggerCommands(program, () => openStoreAt(globals().dataDir));
registerMacroCommands(program, () => openStoreAt(globals().dataDir));
registerTaskCommands(program, () => openStoreAt(globals().dataDir));
registerDaemonCommand(program, globals);
program.action(async () => {
  const { startTui } = await import('./tui/app.js');
  await startTui(globals().dataDir);
});

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    process.stderr.write(`crmscript-tui: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

void main();
