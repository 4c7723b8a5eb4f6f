/**
 * `crmscript-tui macros ...`: list, show, remove, export, import and run the macros of the store
 * (the export directory's format is macros-files.ts).
 */
import type { Command } from 'commander';
import type { Store } from '../store/store.js';
import type { Macro } from '../store/schema.js';
import { deleteMacro, folderPath } from '../store/repos.js';
import { formatDiagnostic } from '../interp/compile-script.js';
import { findActionType, isAlways, paramValue } from '../macros/actions.js';
import { describeCondition, generateMacroProgram } from '../macros/generate.js';
import { validateMacro } from '../macros/validate.js';
import { macroPath, requireMacroRef } from '../macros/lookup.js';
import { startMacroRun } from '../run/macro.js';
import type { ScriptRunResult } from '../run/script.js';
import { changesText } from '../crm/changes.js';
import { action, collectPairs, formatTable, out, printJson } from './common.js';
import { applyMacroImport, exportMacros, readMacroImportDir } from './macros-files.js';
import { plural } from '../interp/util/plural.js';
import { danglingSentence } from '../store/dangling.js';
import { currentUser } from '../store/who.js';
import { outputBytes } from '../interp/util/output-bytes.js';

// ---------------------------------------------------------------- lookup


// ---------------------------------------------------------------- showing

/** One line per action, e.g. `2. Send an HTTP request: method=POST, url=https://…  (only if {var.x} equals 1)`. */
export function describeActions(m: Pick<Macro, 'actions'>): string[] {
  return m.actions.map((a, i) => {
    const type = findActionType(a.type);
    const params = (type?.params.map((p) => p.name) ?? Object.keys(a.params))
      .map((name) => [name, paramValue(a, name)] as const)
      .filter(([, v]) => v !== '')
      .map(([k, v]) => `${k}=${v.includes('\n') ? JSON.stringify(v) : v}`);
    const cond = isAlways(a.condition) ? '' : `  (only if ${describeCondition(a.condition)})`;
    return `${i + 1}. ${type?.label ?? a.type}${params.length ? ': ' + params.join(', ') : ''}${cond}`;
  });
}

// ---------------------------------------------------------------- commands

export function registerMacroCommands(program: Command, openStore: () => Promise<Store>): void {
  const macros = program.command('macros').description('list, show, run, remove, export and import the macros in the store');

  macros
    .command('list')
    .description('list the macros with their folder and number of actions')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const store = await openStore();
        const d = store.read();
        const rows = d.macros
          .map((m) => ({ m, folder: folderPath(d, m.folderId) }))
          .sort((a, b) => a.folder.localeCompare(b.folder) || a.m.name.localeCompare(b.m.name));
        if (opts.json) {
          printJson(
            rows.map(({ m, folder }) => ({
              id: m.id,
              folder,
              name: m.name,
              description: m.description,
              actions: m.actions.length,
              problems: validateMacro(m, { data: d }).filter((p) => p.severity === 'error').length,
              updatedAt: m.updatedAt,
            })),
          );
          return;
        }
        if (rows.length === 0) {
          out('No macros.');
          return;
        }
        out(
          formatTable(
            ['FOLDER', 'NAME', 'ACTIONS', 'DESCRIPTION'],
            rows.map(({ m, folder }) => [folder || '-', m.name, String(m.actions.length), m.description.split('\n')[0] ?? '']),
          ),
        );
      }),
    );

  macros
    .command('show')
    .description("show a macro's actions, or the CRMScript it runs as")
    .argument('<name>', 'folder path with name ("Examples/Escalate"), name or id')
    .option('--script', 'print the equivalent CRMScript program')
    .option('--json', 'print JSON')
    .action(
      action(async (name: string, opts: { script?: boolean; json?: boolean }) => {
        const store = await openStore();
        const d = store.read();
        const m = requireMacroRef(d, name);
        if (opts.script) {
          process.stdout.write(generateMacroProgram(m, d).source);
          return;
        }
        const problems = validateMacro(m, { data: d });
        if (opts.json) {
          printJson({ ...m, folder: folderPath(d, m.folderId), path: macroPath(d, m), problems });
          return;
        }
        out(
          [
            `Name:        ${m.name}`,
            `Folder:      ${folderPath(d, m.folderId) || '(top level)'}`,
            `Description: ${m.description || '(none)'}`,
            `Id:          ${m.id}`,
            '',
            ...(m.actions.length ? describeActions(m) : ['(no actions)']),
            ...(problems.length ? ['', ...problems.map((p) => `${p.severity}: ${p.message}`)] : []),
          ].join('\n'),
        );
      }),
    );

  macros
    .command('rm')
    .description('remove a macro')
    .argument('<name>', 'folder path with name, name or id')
    .action(
      action(async (name: string) => {
        const store = await openStore();
        const { path, dangles } = await store.update((d) => {
          const m = requireMacroRef(d, name);
          const path = macroPath(d, m);
          const dangles = danglingSentence(d, { kind: 'macro', id: m.id });
          deleteMacro(d, m.id);
          return { path, dangles };
        });
        out(`Removed macro "${path}".`);
        if (dangles) process.stderr.write(`Note: ${dangles}\n`);
      }),
    );

  macros
    .command('export')
    .description('write every macro, with the scripts it runs, to a directory (one .macro.json per macro)')
    .argument('<dir>', 'a new or empty directory')
    .option('--json', 'print a JSON summary')
    .action(
      action(async (dir: string, opts: { json?: boolean }) => {
        const store = await openStore();
        const summary = exportMacros(store.read(), dir);
        if (opts.json) printJson(summary);
        else out(`Exported ${plural(summary.macros, 'macro')} (with ${plural(summary.scripts, 'script')} they run) to ${dir}.`);
      }),
    );

  macros
    .command('import')
    .description('add the macros of an export directory (same folder and name: replaced; scripts they run: added when missing)')
    .argument('<dir>', 'a directory written by "macros export"')
    .option('--json', 'print a JSON summary')
    .action(
      action(async (dir: string, opts: { json?: boolean }) => {
        const plan = readMacroImportDir(dir);
        const store = await openStore();
        const summary = await store.update((d) => applyMacroImport(d, plan));
        if (opts.json) {
          printJson(summary);
          return;
        }
        out(`Imported ${summary.created + summary.updated} macro${summary.created + summary.updated === 1 ? '' : 's'} (${summary.created} new, ${summary.updated} replaced) and ${plural(summary.scriptsCreated, 'script')}.`);
        for (const n of summary.notes) process.stderr.write(`Note: ${n}\n`);
      }),
    );

  macros
    .command('run')
    .description('run a macro (as its CRMScript program), printing its output')
    .argument('<name>', 'folder path with name, name or id')
    .option('--var <name=value>', 'a variable the macro can use as {var.name} (repeatable)', collectPairs, {})
    .option('--input <name=value>', 'an event input value, {input.name} (repeatable)', collectPairs, {})
    .option('--event <name>', 'the trigger event the macro runs for')
    .option('--staged', 'use the staged versions of the scripts it runs')
    .option('--user <login>', 'the CRM user the macro runs as (default: the sandbox default user)')
    .option('--rollback', 'discard what the macro writes to the CRM database when it ends')
    .option('--changes', 'print the CRM rows the macro changed on stderr')
    .option('--json', 'print the outcome as JSON instead of the output')
    .action(
      action(async (name: string, opts: { var: Record<string, string>; input: Record<string, string>; event?: string; staged?: boolean; json?: boolean; user?: string; rollback?: boolean; changes?: boolean }) => {
        const store = await openStore();
        const m = requireMacroRef(store.read(), name);
        const run = startMacroRun(store, m, {
          variables: opts.var,
          inputs: opts.input,
          eventName: opts.event ?? '',
          staged: !!opts.staged,
          source: 'cli',
          user: opts.user ?? currentUser(),
          crmUser: opts.user ?? '',
          rollback: !!opts.rollback,
          onOutput: opts.json ? undefined : (s) => process.stdout.write(outputBytes(s)),
          onLog: opts.json ? undefined : (s) => process.stderr.write(`log: ${s}\n`),
        });
        const stop = (): void => run.stop();
        process.once('SIGINT', stop);
        let r: ScriptRunResult;
        try {
          r = await run.result;
        } finally {
          process.off('SIGINT', stop);
        }
        if (opts.json) {
          printJson({
            ok: r.ok,
            output: r.output,
            log: r.log,
            error: r.error,
            exitMessage: r.exitMessage ?? null,
            event: r.event,
            variables: r.variables,
            durationMs: Math.round(r.durationMs),
            diagnostics: r.diagnostics,
            changes: r.changes ?? [],
            rolledBack: !!opts.rollback,
          });
        } else {
          // validation problems concern the macro, not a line of its program
          for (const dgn of r.diagnostics) process.stderr.write((dgn.col === 0 ? `${dgn.file}: ${dgn.severity}: ${dgn.message}` : formatDiagnostic(dgn)) + '\n');
          if (r.event.blockExecution) process.stderr.write(`The event was blocked${r.event.message ? `: ${r.event.message}` : '.'}\n`);
          if (r.error && !r.diagnostics.some((dgn) => dgn.severity === 'error')) {
            const e = r.error;
            process.stderr.write(e.line ? `${e.file}:${e.line}:${e.col}: error: ${e.message}\n` : `${e.file}: error: ${e.message}\n`);
          }
        }
        if (opts.changes) process.stderr.write(changesText(r.changes ?? [], !!opts.rollback));
        if (!r.ok) process.exitCode = 1;
      }),
    );
}
