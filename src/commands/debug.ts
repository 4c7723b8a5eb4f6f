// `crmscript-tui debug ...`: debug one run (the Debugger screen, or a line-mode REPL), list and
// attach to sessions paused in other processes, enable debug keys, and serve the Debug Adapter
// Protocol on stdio.
import type { Command } from 'commander';
import { collectPairs, fail, formatTable, out, type GlobalOptions } from './common.js';
import type { DebugSessionApi } from '../debug-sessions/types.js';
import type { DebugSource } from '../interp/debugger/evaluate.js';
import type { Store } from '../store/store.js';
import { currentUser, sessionWho } from '../store/who.js';

interface ScreenArgs {
  session: DebugSessionApi;
  title: string;
  debugSource: DebugSource;
  /** Set for an attached session: leave it without ending the run. */
  detach?: () => Promise<void>;
  /** A fresh run of the same script (local runs only). */
  restart?: () => DebugSessionApi;
  store?: Store;
}

/** The full-screen Debugger when the terminal is interactive; else the line-mode REPL. */
async function drive(args: ScreenArgs, o: { repl?: boolean }): Promise<void> {
  const interactive = !!process.stdin.isTTY && !!process.stdout.isTTY;
  if (!o.repl && interactive) {
    const { runDebugger } = await import('../screens/debugger/standalone.js');
    await runDebugger({
      session: args.session,
      title: args.title,
      debugSource: args.debugSource,
      store: args.store,
      restart: args.restart,
      leaving: args.detach ? 'detach' : 'stop',
    });
    const outcome = args.session.outcome;
    if (outcome && !outcome.ok && outcome.stopped !== 'stopped') fail();
    return;
  }
  const { runRepl } = await import('./debug-repl.js');
  const r = await runRepl(args.session, {
    input: process.stdin,
    output: process.stdout,
    debugSource: args.debugSource,
    title: args.title,
    detach: args.detach,
    prompt: interactive,
  });
  // a run the user stopped is not a failure of the command
  if (!r.detached && r.outcome && !r.outcome.ok && r.outcome.stopped !== 'stopped') fail();
  process.stdin.pause();
}

function positiveNumber(name: string, v: string): number {
  const n = Number(v);
  if (!(n > 0) || !Number.isFinite(n)) throw new Error(`${name} must be a positive number, not '${v}'`);
  return n;
}

export function registerDebugCommands(program: Command, globals: () => GlobalOptions): void {
  const dataDir = async (): Promise<string> => (await import('../store/paths.js')).resolveDataDir(globals().dataDir);

  const debug = program
    .command('debug')
    .description('debug a script (stops at its first line), or manage debug sessions of other processes')
    .argument('[script]', 'a .crm file, or a stored script (include name, name or Folder/Name)')
    .option('--var <name=value>', 'a value getVariable(name) returns (repeatable)', collectPairs, {})
    .option('--input <name=value>', 'an event input value for getEventData() (repeatable)', collectPairs, {})
    .option('--event <name>', 'the trigger event the script runs for')
    .option('-b, --break <line>', 'a breakpoint on a line of the script (repeatable)', (v: string, acc: number[]) => [...acc, Math.floor(positiveNumber('--break', v))], [] as number[])
    .option('--no-stop-on-entry', 'run to the first breakpoint instead of stopping at the first line')
    .option('--timeout <seconds>', 'limit on running time (time spent paused does not count)')
    .option('--allow-run-program', 'let the script start host programs (runProgram)')
    .option('--allow-file', 'let the script read and write host files (File)')
    .option('--repl', 'use the line-mode debugger even in an interactive terminal')
    .option('--user <login>', 'the CRM user the script runs as (default: the sandbox default user)')
    .option('--rollback', 'discard what the script writes to the CRM database when it ends')
    .option('--changes', 'print the CRM rows the script inserted, updated or deleted on stderr when it ends')
    .addHelpText(
      'after',
      `
Without the full-screen Debugger (or with --repl, or when input is not a terminal) a line-mode
debugger reads commands: s step, n next, o out, c continue, r N run to line, e run to end,
b N breakpoint, d N delete it, p EXPR evaluate, v variables, bt stack, f N frame, l list, q quit.

Scripts run by the daemon or the CLI pause at debugWait(info) after enableDebug(KEY) when KEY is
enabled ("debug enable KEY"); "debug sessions" lists them and "debug attach ID" drives one.`,
    )
    .action(async (target: string | undefined, o) => {
      if (!target) {
        debug.outputHelp();
        return;
      }
      const { loadDebugTarget, startLocalDebugRun } = await import('../run/debug-target.js');
      const { resolveDataDir } = await import('../store/paths.js');
      const { runCrmConfig } = await import('../crm/run-config.js');
      const t = await loadDebugTarget(target, globals().dataDir);
      const features = Object.fromEntries(Object.entries({ runProgram: !!o.allowRunProgram, file: !!o.allowFile }).filter(([, v]) => v));
      const runOptions = {
        stopOnEntry: o.stopOnEntry !== false,
        breakpoints: o.break,
        variables: o.var,
        inputs: o.input,
        eventName: o.event ?? '',
        source: 'cli',
        user: o.user ?? currentUser(),
        features,
        ...(o.timeout ? { timeoutMs: positiveNumber('--timeout', o.timeout) * 1000 } : {}),
        // a paused run may hold the CRM write lock a long time: it counts as abandoned after a day
        crm: runCrmConfig(resolveDataDir(globals().dataDir), { rollback: !!o.rollback, crmUser: o.user ?? '', timeoutMs: 24 * 3600_000 }),
      };
      const started = startLocalDebugRun(t, runOptions);
      // the session of the last (re)start: its outcome holds the CRM changes of the run
      let last = started.session;
      const restart = (): DebugSessionApi => {
        const again = startLocalDebugRun(t, runOptions);
        if (!again.session) throw new Error(`${t.title} no longer compiles.`);
        last = again.session;
        return again.session;
      };
      const { formatDiagnostic } = await import('../interp/compile-script.js');
      for (const d of started.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
      if (!started.session) return fail();
      const session = started.session;
      const stop = (): void => void session.stop();
      process.once('SIGINT', stop);
      try {
        await drive({ session, title: t.title, debugSource: (started as { debugSource: DebugSource }).debugSource, restart, store: t.store }, o);
      } finally {
        process.off('SIGINT', stop);
        if (session.state !== 'terminated') await session.stop();
        if (last && last !== session && last.state !== 'terminated') await last.stop();
      }
      if (o.changes && last) {
        const { changesText } = await import('../crm/changes.js');
        process.stderr.write(changesText(last.outcome?.changes ?? [], !!o.rollback));
      }
    });

  debug
    .command('sessions')
    .description('list debug sessions waiting or attached in other processes (the daemon, CLI runs)')
    .option('--json', 'print them as JSON')
    .action(async (o: { json?: boolean }) => {
      const { Store } = await import('../store/store.js');
      const { storeIsSetUp } = await import('../store/paths.js');
      const dir = await dataDir();
      if (!storeIsSetUp(dir)) {
        process.stdout.write(o.json ? '[]\n' : 'There are no debug sessions.\n');
        return;
      }
      const store = await Store.open(dir, { seed: false });
      const { listDebugSessions, describeSessionState } = await import('../debug-sessions/sessions.js');
      const list = await listDebugSessions(store);
      store.close();
      if (o.json) {
        process.stdout.write(JSON.stringify(list.map((s) => ({ ...s, status: describeSessionState(s) })), null, 2) + '\n');
        return;
      }
      if (list.length === 0) {
        process.stdout.write('There are no debug sessions.\n');
        return;
      }
      out(formatTable(['ID', 'SCRIPT', 'STATE', 'STARTED BY', 'PID', 'CREATED'], list.map((s) => [s.id, s.scriptName, describeSessionState(s), sessionWho(s), String(s.pid), s.createdAt])));
    });

  debug
    .command('attach')
    .description('attach to a debug session of another process (see "debug sessions")')
    .argument('<id>', 'the session id (or a unique start of it), or its address tcp://HOST:PORT/ID')
    .option('--repl', 'use the line-mode debugger even in an interactive terminal')
    .action(async (id: string, opts: { repl?: boolean }) => {
      // "debug" has a --repl of its own, which commander gives "debug attach ID --repl" to: take either.
      const o = { repl: !!opts.repl || !!debug.opts().repl };
      const { attach } = await import('../debug-sessions/client.js');
      const s = await attach(id, { dataDir: await dataDir() });
      try {
        await drive({ session: s, title: `${s.info.scriptName} (session ${s.info.id}, ${s.info.startedBy})`, debugSource: s.debugSource, detach: () => s.detach() }, o);
      } finally {
        if (s.connected) await s.detach();
      }
    });

  debug
    .command('enable')
    .description('let scripts that call enableDebug(KEY) pause at debugWait for a debugger')
    .argument('<key>', 'the key the scripts pass to enableDebug')
    .option('--minutes <n>', 'disable the key again after this many minutes')
    .action(async (key: string, o: { minutes?: string }) => {
      const { enableDebugKey, readDebugConfig } = await import('../debug-sessions/access-keys.js');
      const dir = await dataDir();
      const { mkdirSync } = await import('node:fs');
      mkdirSync(dir, { recursive: true });
      const k = enableDebugKey(dir, key, o.minutes !== undefined ? positiveNumber('--minutes', o.minutes) : undefined);
      const c = readDebugConfig(dir);
      process.stdout.write(
        `Debug key "${k.key}" is enabled${k.until ? ` until ${k.until}` : ''}. A paused run waits ${c.waitSeconds} s for a debugger, then ${c.onTimeout === 'stop' ? 'is stopped' : 'goes on'}.\n`,
      );
    });

  debug
    .command('disable')
    .description('disable a debug key')
    .argument('<key>')
    .action(async (key: string) => {
      const { disableDebugKey } = await import('../debug-sessions/access-keys.js');
      if (!disableDebugKey(await dataDir(), key)) {
        process.stderr.write(`crmscript-tui: the debug key "${key}" is not enabled\n`);
        return fail();
      }
      process.stdout.write(`Debug key "${key}" is disabled.\n`);
    });

  debug
    .command('keys')
    .description('list the enabled debug keys and the wait for an unattended session')
    .option('--json', 'print them as JSON')
    .action(async (o: { json?: boolean }) => {
      const { readDebugConfig, isKeyActive } = await import('../debug-sessions/access-keys.js');
      const c = readDebugConfig(await dataDir());
      const keys = c.keys.filter((k) => isKeyActive(k));
      if (o.json) {
        process.stdout.write(JSON.stringify({ ...c, keys }, null, 2) + '\n');
        return;
      }
      if (keys.length === 0) process.stdout.write('No debug keys are enabled.\n');
      for (const k of keys) process.stdout.write(`${k.key}${k.until ? `  (until ${k.until})` : ''}\n`);
      process.stdout.write(`An unattended paused run waits ${c.waitSeconds} s, then ${c.onTimeout === 'stop' ? 'is stopped' : 'goes on'}.\n`);
    });

  debug
    .command('config')
    .description('how long a paused run waits for a debugger, and what happens then')
    .option('--wait <seconds>', 'seconds a paused run waits for someone to attach')
    .option('--on-timeout <action>', '"resume" (run on to the end) or "stop"')
    .action(async (o: { wait?: string; onTimeout?: string }) => {
      if (o.onTimeout !== undefined && o.onTimeout !== 'resume' && o.onTimeout !== 'stop') throw new Error(`--on-timeout must be "resume" or "stop", not '${o.onTimeout}'`);
      const wait = o.wait !== undefined ? Number(o.wait) : undefined;
      if (wait !== undefined && !(wait >= 0 && Number.isFinite(wait))) throw new Error(`--wait must be a number of seconds, not '${o.wait}'`);
      const { setDebugTimeout } = await import('../debug-sessions/access-keys.js');
      const dir = await dataDir();
      const { mkdirSync } = await import('node:fs');
      mkdirSync(dir, { recursive: true });
      const c = setDebugTimeout(dir, { waitSeconds: wait, onTimeout: o.onTimeout as 'resume' | 'stop' | undefined });
      process.stdout.write(`A paused run waits ${c.waitSeconds} s for a debugger, then ${c.onTimeout === 'stop' ? 'is stopped' : 'goes on'}.\n`);
    });

  debug
    .command('dap')
    .description('serve the Debug Adapter Protocol on stdin/stdout (for VS Code, nvim-dap, ...)')
    .addHelpText(
      'after',
      `
launch arguments: program (a .crm file or a stored script), stopOnEntry, args (["name=value"]) or
variables ({name: value}), inputs, eventName, dataDir. attach arguments: sessionId, dataDir.`,
    )
    .action(async () => {
      const { serveDap } = await import('./debug-dap.js');
      await serveDap({ input: process.stdin, output: process.stdout, dataDir: globals().dataDir });
      process.stdin.pause();
      process.exitCode = 0;
      // a client that went away leaves nothing to wait for
      setTimeout(() => process.exit(0), 500).unref();
    });
}
