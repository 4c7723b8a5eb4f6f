// The crmscript-tui command line run in this process: the same commands, global options and
// error handling as src/cli-program.tsx, without starting a Node process (and loading the engine,
// the store and sql.js again) for each call. For tests about what the commands do; tests about the
// process itself (exit on a signal, two processes at once, stdin) run the built CLI instead.
import { vi } from 'vitest';
import { Command, CommanderError } from 'commander';
import { Store, openStoreAt } from '../src/store/store.js';
import { errorMessage } from '../src/interp/util/error-message.js';
import type { GlobalOptions } from '../src/commands/common.js';
import { registerRunCommands } from '../src/commands/run.js';
import { registerScriptsCommands } from '../src/commands/scripts.js';
import { registerTriggerCommands } from '../src/commands/triggers.js';
import { registerMacroCommands } from '../src/commands/macros.js';
import { registerTaskCommands } from '../src/commands/tasks.js';
import { registerSettingsCommands } from '../src/commands/settings.js';
import { registerTraceCommands } from '../src/commands/traces.js';
import { registerCrmCommands } from '../src/commands/crm.js';
import { registerStoreCommands } from '../src/commands/store.js';
import { registerChatCommand } from '../src/commands/chat.js';
import type { CliResult } from './common.js';

function program(): Command {
  const p = new Command('crmscript-tui').exitOverride();
  p.option('--data-dir <dir>').option('--store <url>');
  const globals = (): GlobalOptions => p.opts<GlobalOptions>();
  const openStore = () => openStoreAt(globals().dataDir);
  registerRunCommands(p, globals);
  registerScriptsCommands(p, openStore);
  registerTriggerCommands(p, openStore);
  registerMacroCommands(p, openStore);
  registerTaskCommands(p, openStore);
  registerSettingsCommands(p, openStore);
  registerTraceCommands(p, openStore);
  registerCrmCommands(p, globals);
  registerStoreCommands(p, globals);
  registerChatCommand(p, openStore);
  return p;
}

/**
 * Runs `crmscript-tui <args>` in this process with `env` set for the call (CRMSCRIPT_TUI_HOME,
 * CRMSCRIPT_TUI_STORE); returns stdout, stderr and the exit status. The stores the command opened
 * are closed afterwards, as the end of its process would.
 */
export async function runCliHere(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  let out = '';
  let err = '';
  const saved = Object.fromEntries([...new Set([...Object.keys(env), 'CRMSCRIPT_TUI_STORE'])].map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const opened: Store[] = [];
  const open = Store.open.bind(Store);
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true)),
    vi.spyOn(Store, 'open').mockImplementation(async (...a: Parameters<typeof Store.open>) => {
      const s = await open(...a);
      opened.push(s);
      return s;
    }),
  ];
  process.exitCode = undefined;
  try {
    const store = args.find((a, i) => args[i - 1] === '--store');
    if (store !== undefined) process.env.CRMSCRIPT_TUI_STORE = store; // as cli-program's applyStoreFlag
    await program().parseAsync(args, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) process.exitCode = e.exitCode;
    else {
      err += `crmscript-tui: ${errorMessage(e)}\n`;
      process.exitCode = 1;
    }
  } finally {
    for (const s of spies) s.mockRestore();
    for (const s of opened) await s.close().catch(() => undefined);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = undefined;
  return { out, err, code };
}
