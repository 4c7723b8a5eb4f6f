// The crmscript-tui command line. With no command it opens the TUI.
import { Command, CommanderError, Help, type Option } from 'commander';
import { createRequire } from 'node:module';
import type { GlobalOptions } from './commands/common.js';
import { errorMessage } from './interp/util/error-message.js';
import { endQuietlyOnEpipe } from './commands/quiet-epipe.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

/** Repeatable options start from {} or []: their help says "(repeatable)" instead of "(default: {})". */
const emptyDefault = (v: unknown): boolean => v === '' || (Array.isArray(v) ? v.length === 0 : !!v && typeof v === 'object' && Object.keys(v).length === 0);
function optionDescription(this: Help, option: Option): string {
  if (!emptyDefault(option.defaultValue)) return Help.prototype.optionDescription.call(this, option);
  const shown = Object.assign(Object.create(Object.getPrototypeOf(option) as object) as Option, option, { defaultValue: undefined });
  return Help.prototype.optionDescription.call(this, shown);
}

const program = new Command();
program.configureHelp({ optionDescription });
program
  .name('crmscript-tui')
  .description('Terminal administration tool and runtime for CRMScript')
  .version(version, '-V, --version')
  .option('--data-dir <dir>', 'where the store lives (env CRMSCRIPT_TUI_HOME)')
  .option('--store <url>', 'keep the store in PostgreSQL: postgres://user@host/db (env CRMSCRIPT_TUI_STORE)')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const globals = (): GlobalOptions => program.opts<GlobalOptions>();

// Command modules load what they need (the engine, the store, the daemon); only the ones the
// command line names are imported, which keeps `crmscript-tui run x.crm` quick to start.
const openStore = () => import('./store/store.js').then((m) => m.openStoreAt(globals().dataDir));
const listing = () => import('./store/store.js').then((m) => m.listingAt(globals().dataDir));
const modules: Record<string, () => Promise<void>> = {
  run: async () => (await import('./commands/run.js')).registerRunCommands(program, globals),
  scripts: async () => (await import('./commands/scripts.js')).registerScriptsCommands(program, openStore, listing),
  triggers: async () => (await import('./commands/triggers.js')).registerTriggerCommands(program, openStore),
  macros: async () => (await import('./commands/macros.js')).registerMacroCommands(program, openStore),
  tasks: async () => (await import('./commands/tasks.js')).registerTaskCommands(program, openStore),
  settings: async () => (await import('./commands/settings.js')).registerSettingsCommands(program, openStore),
  daemon: async () => (await import('./commands/daemon.js')).registerDaemonCommand(program, globals),
  traces: async () => (await import('./commands/traces.js')).registerTraceCommands(program, openStore),
  debug: async () => (await import('./commands/debug.js')).registerDebugCommands(program, globals),
  crm: async () => (await import('./commands/crm.js')).registerCrmCommands(program, globals),
  chat: async () => (await import('./commands/chat.js')).registerChatCommand(program, openStore),
  store: async () => (await import('./commands/store.js')).registerStoreCommands(program, globals),
};
/** Which module defines each top-level command. */
const commandModule: Record<string, string> = { run: 'run', check: 'run', scripts: 'scripts', fire: 'triggers', triggers: 'triggers', macros: 'macros', tasks: 'tasks', settings: 'settings', daemon: 'daemon', debug: 'debug', traces: 'traces', crm: 'crm', chat: 'chat', store: 'store' };

/** The first word of the command line that is not an option (or an option's value). */
function commandWord(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data-dir' || argv[i] === '--store') i++;
    else if (!argv[i].startsWith('-')) return argv[i];
  }
  return undefined;
}

program.action(async () => {
  const { startTui } = await import('./screens/app.js');
  await startTui(globals().dataDir);
});

/** Registers the commands the arguments need; returns the arguments to parse. */
async function register(argv: string[]): Promise<string[]> {
  const word = commandWord(argv);
  if (word === 'help') {
    // `help [command]` is `[command] --help`
    const rest = argv.slice(argv.indexOf('help') + 1);
    return register([...argv.slice(0, argv.indexOf('help')), ...rest, '--help']);
  }
  if (word && !commandModule[word]) throw new Error(`unknown command '${word}' (see crmscript-tui --help)`);
  if (word) await modules[commandModule[word]]();
  else if (argv.includes('--help') || argv.includes('-h')) for (const load of Object.values(modules)) await load();
  return argv;
}

endQuietlyOnEpipe();

/** `--store URL` reaches every part (and child process) through the environment, like CRMSCRIPT_TUI_STORE. */
function applyStoreFlag(argv: string[]): void {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = a === '--store' ? argv[i + 1] : a.startsWith('--store=') ? a.slice(8) : undefined;
    if (a === '--') break;
    if (value === undefined) continue;
    if (!/^postgres(ql)?:\/\//i.test(value)) {
      process.stderr.write(`--store takes a postgres:// URL (got "${value}"); the JSON store's directory is given with --data-dir.\n`);
      process.exit(2);
    }
    process.env.CRMSCRIPT_TUI_STORE = value;
  }
}

async function main(): Promise<void> {
  applyStoreFlag(process.argv.slice(2));
  try {
    await program.parseAsync(await register(process.argv.slice(2)), { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode;
      return;
    }
    process.stderr.write(`crmscript-tui: ${errorMessage(e)}\n`);
    process.exitCode = 1;
  }
}

void main();
