// `crmscript-tui run` and `crmscript-tui check`.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { IncludeResolver, ScriptDiagnostic } from '../interp/compile-script.js';
import { runIsolated, runPool, type IsolatedRun, type RunOutcome } from '../interp/isolation/isolate.js';
import { collectPairList, collectPairs, type GlobalOptions, fail } from './args.js';
import { currentUser } from '../store/who.js';
import { plural } from '../interp/util/plural.js';
import type { OutgoingMail, WebRequest } from '../interp/runtime/context.js';
import { releaseAfterRun, runCrmConfig, wireWorkers } from '../crm/run-config.js';
import { changesText } from '../crm/changes.js';
import { readCompiled, writeCompiled } from './compiled-cache.js';
import type { CompiledProgram } from '../interp/compiler.js';
import { outputBytes } from '../interp/util/output-bytes.js';

// The engine (Ohm, the grammar, the checker) is loaded after the run's worker has been asked
// for, so that the worker starts on the other core while this thread loads and checks.
const engine = () => import('../interp/compile-script.js');

/** Whether a source may include another (a cheap look before parsing: false only when it cannot). */
const INCLUDE = /#\s*include/;

export interface LoadedScript {
  source: string;
  file: string;
  resolveInclude: IncludeResolver;
  /** Stored script settings, when it came from the store. */
  key?: string;
}

/** How a stored script's file name starts (runner.ts scriptFileName). */
const STORED_PREFIX = 'store:';

/** Loads FILE from disk, or the stored script with that include name / name. */
export async function loadScript(target: string, opts: GlobalOptions): Promise<LoadedScript> {
  const { fileIncludeResolver } = await engine();
  // a file without #include runs without opening the store
  if (existsSync(target)) {
    const source = readFileSync(target, 'utf8');
    if (!INCLUDE.test(source)) return { source, file: target, resolveInclude: fileIncludeResolver };
  }
  const storeResolver = await storeIncludeResolver(opts);
  // a stored script includes stored scripts only; a file may include stored scripts or files beside it
  const resolveInclude: IncludeResolver = (name, from) =>
    storeResolver?.(name, from) ?? (from.startsWith(STORED_PREFIX) ? null : fileIncludeResolver(name, from));
  if (existsSync(target)) return { source: readFileSync(target, 'utf8'), file: target, resolveInclude };
  const stored = storeResolver?.(target, '') ?? null;
  if (stored) return { ...stored, resolveInclude };
  throw new Error(`no file '${target}' and no stored script with that include name or name`);
}

/** Include resolution through the store, when a store exists (running a file never creates one). */
async function storeIncludeResolver(opts: GlobalOptions): Promise<IncludeResolver | null> {
  const { resolveDataDir, storeIsSetUp } = await import('../store/paths.js');
  const dir = resolveDataDir(opts.dataDir);
  if (!storeIsSetUp(dir)) return null;
  const { Store } = await import('../store/store.js');
  const { resolveIncludeSource, findScript } = await import('../store/repos.js');
  const store = await Store.open(dir, { seed: false });
  return (name, from) => {
    const d = store.read();
    if (from) return resolveIncludeSource(d, name);
    // the script to run itself may also be named by its name or Folder/Name
    const s = findScript(d, name);
    return s ? { source: s.source, file: `store:${s.includeId || s.name}` } : null;
  };
}

/**
 * The mail a file's run sent (Email.send, Message.send): delivered through the store's SMTP
 * settings or kept in its outbox, as a stored script's is (a file that sends none never opens the
 * store). Stderr says what was not sent and why.
 */
async function deliverFileMail(opts: GlobalOptions, mails: OutgoingMail[]): Promise<void> {
  const { openStoreAt } = await import('../store/store.js');
  const { deliverOutbox } = await import('../macros/outbox.js');
  const store = await openStoreAt(opts.dataDir);
  try {
    const report = await deliverOutbox(store, mails);
    for (const e of report.errors) process.stderr.write(e + '\n');
    if (report.queued > report.errors.length) {
      process.stderr.write(`${plural(report.queued, 'mail')} kept in the outbox: no SMTP server is set up (settings set smtp.host …); the TUI shows the outbox (O in tab 1).\n`);
    }
  } finally {
    await store.close();
  }
}

/** The web request `run --cgi/--post/--body/--cgi-file` describes, or undefined when none is given. */
async function webRequestOf(o: { cgi: Record<string, string>; post?: boolean; body?: string; cgiFile: [string, string][] }): Promise<WebRequest | undefined> {
  const vars = Object.entries(o.cgi);
  if (o.cgiFile.length) return (await import('./multipart-request.js')).multipartRequest(vars, o.cgiFile);
  if (!vars.length && !o.post && o.body === undefined) return undefined;
  const query = new URLSearchParams(vars);
  const body = o.body !== undefined ? readFileSync(o.body, 'utf8') : '';
  const headers: Record<string, string> = {};
  if (o.post) headers['content-type'] = o.body !== undefined ? 'application/octet-stream' : 'application/x-www-form-urlencoded';
  if (o.post && o.body === undefined) {
    // the --cgi values are the posted form
    return { method: 'POST', url: '/scripts/customer.fcgi', variables: vars, content: query.toString(), headers };
  }
  return { method: o.post ? 'POST' : 'GET', url: `/scripts/customer.fcgi?${query}`, variables: vars, content: body, headers };
}

/** `--user`: the login must be a user of the sandbox CRM. */
async function checkCrmUser(opts: GlobalOptions, login: string): Promise<void> {
  const { resolveDataDir } = await import('../store/paths.js');
  const { checkCrmUser: check } = await import('../crm/users.js');
  await check(resolveDataDir(opts.dataDir), login);
}

export async function printDiagnostics(diags: ScriptDiagnostic[]): Promise<void> {
  if (!diags.length) return;
  const { formatDiagnostic } = await engine();
  for (const d of diags) process.stderr.write(formatDiagnostic(d) + '\n');
}

/**
 * Compiles the script file `target` for `run`: a file without #include through the cache of
 * compiled programs (compiled-cache.ts), which spares a repeated run loading the engine at all.
 */
async function compileFile(target: string, cacheDir: string, opts: GlobalOptions): Promise<{ compiled: CompiledProgram | null; diagnostics: ScriptDiagnostic[] }> {
  const source = readFileSync(target, 'utf8');
  const cacheable = !INCLUDE.test(source);
  if (!cacheable) {
    const script = await loadScript(target, opts);
    return (await engine()).compileScript({ source: script.source, file: script.file, resolveInclude: script.resolveInclude });
  }
  const hit = readCompiled(cacheDir, target, source);
  if (hit) return hit;
  // what loadScript gives a file without #include, from the text already read
  const { compileScript, fileIncludeResolver } = await engine();
  const out = compileScript({ source, file: target, resolveInclude: fileIncludeResolver });
  if (out.compiled) writeCompiled(cacheDir, target, source, { compiled: out.compiled, diagnostics: out.diagnostics });
  return out;
}

export function registerRunCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('run')
    .description('run a script file, or a stored script or macro')
    .argument('<script>', 'a .crm file, or a stored script (include name, name or Folder/Name) or macro name')
    .option('--var <name=value>', 'a value getVariable(name) returns (repeatable)', collectPairs, {})
    .option('--input <name=value>', 'an event input value for getEventData() (repeatable)', collectPairs, {})
    .option('--event <name>', 'the trigger event the script runs for')
    .option('--timeout <seconds>', 'wall-clock limit (default 60; stored scripts: the store setting runTimeoutSeconds)')
    .option('--memory <mb>', 'heap limit of the run in MB (default 512; stored scripts: the store setting)')
    .option('--allow-run-program', 'let the script start host programs (runProgram)')
    .option('--allow-file [dir]', 'let the script read and write host files (File), inside DIR (default: the current directory)')
    .option('--cgi <name=value>', 'serve a web request: a CGI variable getCgiVariable(name) returns (repeatable)', collectPairs, {})
    .option('--post', 'serve it as a form-encoded POST (the --cgi values are the form; cgiWasPost() is true)')
    .option('--body <file>', 'serve it with this request body (getCgiContent())')
    .option('--cgi-file <name=file>', 'serve it as a multipart form POST with this file in the file field NAME (saveCgiAttachment(name); repeatable, also with one name)', collectPairList, [])
    .option('--user <login>', 'the CRM user the script runs as (getActiveUser; default: the sandbox default user)')
    .option('--rollback', 'discard what the script writes to the CRM database when it ends')
    .option('--changes', 'print the CRM rows the script inserted, updated or deleted on stderr')
    .action(async (target: string, o) => {
      // a flag given wins; otherwise a file gets 60 s and a stored script the store's runTimeoutSeconds
      const timeout = o.timeout === undefined ? undefined : Number(o.timeout);
      if (timeout !== undefined && !(timeout > 0)) throw new Error(`--timeout must be a positive number of seconds, not '${o.timeout}'`);
      if (o.memory !== undefined && !(Number(o.memory) > 0)) throw new Error(`--memory must be a positive number of MB, not '${o.memory}'`);
      const request = {
        variables: o.var,
        inputs: o.input,
        eventName: o.event ?? '',
        timeoutMs: timeout === undefined ? undefined : timeout * 1000,
        memoryMb: o.memory ? Number(o.memory) : undefined,
        onOutput: (s: string) => process.stdout.write(outputBytes(s)),
        source: 'cli',
        user: o.user ?? currentUser(),
        web: await webRequestOf(o),
        rollback: !!o.rollback,
        crmUser: o.user ?? '',
      };
      if (o.user) await checkCrmUser(globals(), o.user);
      const allow = { runProgram: !!o.allowRunProgram, file: !!o.allowFile, ...(o.allowFile ? { fileDir: resolve(typeof o.allowFile === 'string' ? o.allowFile : '.') } : {}) };
      let run: IsolatedRun;
      const fromFile = existsSync(target);
      if (fromFile) {
        // the run's worker (the CRM's entry) starts while the script is parsed and checked
        wireWorkers();
        runPool.prewarm(request.memoryMb ?? 512);
        const { resolveCacheDir, resolveDataDir } = await import('../store/paths.js');
        const out = await compileFile(target, resolveCacheDir(globals().dataDir), globals());
        await printDiagnostics(out.diagnostics);
        if (!out.compiled) return fail();
        const crm = runCrmConfig(resolveDataDir(globals().dataDir), request);
        const started = runIsolated(out.compiled, { ...request, timeoutMs: request.timeoutMs ?? 60_000, memoryMb: request.memoryMb ?? 512, features: allow, crm });
        run = { stop: started.stop, result: releaseAfterRun(crm, started.result) };
      } else {
        // a stored script (include name, name or Folder/Name), else a macro
        const { openStoreAt } = await import('../store/store.js');
        const { findScript } = await import('../store/repos.js');
        const store = await openStoreAt(globals().dataDir);
        const data = store.read();
        const script = findScript(data, target);
        if (script) {
          const { startScriptRun } = await import('../run/script.js');
          // a run that pauses in debugWait says so (and how to attach) on stderr
          run = startScriptRun(store, script, { ...request, allow, onDebugNotice: (t: string) => process.stderr.write(t + '\n') });
        } else {
          const { findMacroRef } = await import('../macros/lookup.js');
          const macro = findMacroRef(data, target);
          if (!macro) throw new Error(`no file '${target}' and no stored script or macro with that include name or name`);
          const { startMacroRun } = await import('../run/macro.js');
          run = startMacroRun(store, macro, { ...request, allow });
        }
      }
      const stop = (): void => run.stop();
      process.once('SIGINT', stop);
      const r = (await run.result) as RunOutcome & { diagnostics?: ScriptDiagnostic[] };
      process.off('SIGINT', stop);
      // a stored script or macro that did not compile: its diagnostics say why
      const notCompiled = !!r.diagnostics?.some((d) => d.severity === 'error');
      if (notCompiled) await printDiagnostics(r.diagnostics!);
      if (o.changes && !notCompiled) process.stderr.write(changesText(r.changes ?? [], !!o.rollback));
      // a stored script's or macro's run delivered its mail itself (run/script.ts)
      if (fromFile && r.outbox?.length) await deliverFileMail(globals(), r.outbox);
      if (r.error && !notCompiled) {
        const e = r.error;
        process.stderr.write(e.line ? `${e.file}:${e.line}:${e.col}: error: ${e.message}\n` : `${e.file}: error: ${e.message}\n`);
      }
      if (r.error) return fail();
    });

  program
    .command('check')
    .description('parse and type-check scripts without running them')
    .argument('<files...>', '.crm files')
    .option('--syntax-only', 'only parse')
    .option('--json', 'print diagnostics as JSON')
    .action(async (files: string[], o) => {
      const all: ScriptDiagnostic[] = [];
      for (const f of files) {
        const script = await loadScript(f, globals());
        const { compileScript } = await engine();
        const out = compileScript({ source: script.source, file: script.file, resolveInclude: script.resolveInclude, syntaxOnly: !!o.syntaxOnly });
        all.push(...out.diagnostics);
      }
      if (o.json) process.stdout.write(JSON.stringify({ ok: !all.some((d) => d.severity === 'error'), diagnostics: all }, null, 2) + '\n');
      else {
        await printDiagnostics(all);
        if (!all.length) process.stdout.write(`${plural(files.length, 'file')} OK\n`);
      }
      if (all.some((d) => d.severity === 'error')) fail();
    });
}
