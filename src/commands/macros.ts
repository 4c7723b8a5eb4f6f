/**
 * `crmscript-tui macros ...`: list, show, remove, export, import and run the macros of the store.
 *
 * Export layout (import reads the same):
 *   DIR/<folder>/<sub-folder>/<name>.macro.json   one file per macro: its fields, its actions, and
 *                                                 the scripts its "Run a script" actions name
 * Macros outside any folder sit directly in DIR.
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Store } from '../store/store.js';
import { describeIssues, macroActionSchema, type Macro, type StoreData } from '../store/schema.js';
import { StoreError, describeFsError } from '../store/errors.js';
import {
  checkName,
  createMacro,
  createScript,
  deleteMacro,
  ensureFolderPath,
  findFolderByPath,
  findScriptByIncludeId,
  folderPath,
  getById,
  referencesTo,
  scriptPath,
  updateMacro,
} from '../store/repos.js';
import { formatDiagnostic } from '../interp/engine.js';
import { findActionType, isAlways, paramValue } from '../macros/actions.js';
import { describeCondition, generateMacroProgram } from '../macros/generate.js';
import { validateMacro } from '../macros/validate.js';
import { findMacroRef, macroPath, requireMacroRef } from '../macros/lookup.js';
import { startMacroRun } from '../run/macro.js';
import type { ScriptRunResult } from '../run/script.js';
import { CliError, action, collectPairs, formatTable, out, printJson } from './common.js';

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

// ---------------------------------------------------------------- export / import

const MACRO_EXT = '.macro.json';
const SKIP_DIRS = new Set(['.git', '.hg', '.svn']);

const exportedScriptSchema = z.object({
  includeId: z.string().min(1),
  name: z.string().min(1),
  folder: z.string().default(''),
  description: z.string().default(''),
  source: z.string(),
});

const exportedMacroSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  actions: z.array(macroActionSchema).default([]),
  createdAt: z.iso.datetime({ offset: true }).optional(),
  updatedAt: z.iso.datetime({ offset: true }).optional(),
  /** The scripts the macro's "Run a script" actions name. */
  scripts: z.array(exportedScriptSchema).default([]),
});
type ExportedMacro = z.infer<typeof exportedMacroSchema>;

function scriptsRunBy(m: Macro): string[] {
  const names = m.actions.filter((a) => a.type === 'runScript').map((a) => paramValue(a, 'script').trim());
  return [...new Set(names.filter((n) => n !== ''))];
}

function exportedMacro(d: StoreData, m: Macro): ExportedMacro {
  const scripts = scriptsRunBy(m).flatMap((inc) => {
    const s = findScriptByIncludeId(d, inc);
    return s ? [{ includeId: s.includeId, name: s.name, folder: folderPath(d, s.folderId), description: s.description, source: s.source }] : [];
  });
  return { name: m.name, description: m.description, actions: m.actions, createdAt: m.createdAt, updatedAt: m.updatedAt, scripts };
}

export interface MacroExportSummary {
  dir: string;
  macros: number;
  scripts: number;
}

/** Writes one JSON file per macro under `dir` (which must be new or empty). */
export function exportMacros(d: StoreData, dir: string): MacroExportSummary {
  try {
    if (statSync(dir).isDirectory()) {
      if (readdirSync(dir).length > 0) throw new CliError(`The directory ${dir} is not empty; export into a new or empty directory.`);
    } else throw new CliError(`${dir} exists and is not a directory.`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new CliError(`Cannot use ${dir}: ${describeFsError(e)}.`);
  }
  let scripts = 0;
  try {
    mkdirSync(dir, { recursive: true });
    for (const m of d.macros) {
      const folder = folderPath(d, m.folderId);
      const target = folder === '' ? dir : join(dir, ...folder.split('/'));
      mkdirSync(target, { recursive: true });
      const data = exportedMacro(d, m);
      scripts += data.scripts.length;
      writeFileSync(join(target, m.name + MACRO_EXT), JSON.stringify(data, null, 2) + '\n');
    }
  } catch (e) {
    throw new CliError(`Cannot write the export to ${dir}: ${describeFsError(e)}.`);
  }
  return { dir, macros: d.macros.length, scripts };
}

export interface MacroImportPlan {
  macros: Array<{ folder: string; data: ExportedMacro; file: string }>;
}

/** Reads every *.macro.json under `dir`. Throws a CliError naming the first bad file. */
export function readMacroImportDir(dir: string): MacroImportPlan {
  const plan: MacroImportPlan = { macros: [] };
  const walk = (abs: string): void => {
    let names: string[];
    try {
      names = readdirSync(abs).sort();
    } catch (e) {
      throw new CliError(`Cannot read ${abs}: ${describeFsError(e)}.`);
    }
    for (const name of names) {
      const p = join(abs, name);
      if (statSync(p).isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(p);
        continue;
      }
      if (!name.endsWith(MACRO_EXT)) continue;
      const rel = relative(dir, abs);
      const folder = rel === '' ? '' : rel.split(sep).join('/');
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(p, 'utf8'));
      } catch (e) {
        throw new CliError(`${p} is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
      }
      const parsed = exportedMacroSchema.safeParse(raw);
      if (!parsed.success) throw new CliError(`${p} is not a macro export: ${describeIssues(parsed.error)}.`);
      plan.macros.push({ folder, data: parsed.data, file: p });
    }
  };
  try {
    if (!statSync(dir).isDirectory()) throw new CliError(`${dir} is not a directory.`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`Cannot read ${dir}: ${describeFsError(e)}.`);
  }
  walk(dir);
  return plan;
}

export interface MacroImportSummary {
  created: number;
  updated: number;
  scriptsCreated: number;
  /** Sentences about what was left as it was. */
  notes: string[];
}

/**
 * Adds the macros of the plan. A macro with the same folder and name is replaced; a script is
 * added only when no script has its include name (an existing one is kept, with a note when its
 * source differs).
 */
export function applyMacroImport(d: StoreData, plan: MacroImportPlan): MacroImportSummary {
  const summary: MacroImportSummary = { created: 0, updated: 0, scriptsCreated: 0, notes: [] };
  for (const { folder, data } of plan.macros) {
    for (const s of data.scripts) {
      const existing = findScriptByIncludeId(d, s.includeId);
      if (existing) {
        if (existing.source !== s.source) {
          summary.notes.push(`The script "${scriptPath(d, existing)}" (include name "${s.includeId}") already exists with a different source; it was kept as it is.`);
        }
        continue;
      }
      createScript(d, { name: s.name, folderId: ensureFolderPath(d, s.folder), description: s.description, includeId: s.includeId, source: s.source });
      summary.scriptsCreated++;
    }
    const name = checkName('macro', data.name);
    const folderId = ensureFolderPath(d, folder);
    const existing = d.macros.find((m) => m.folderId === folderId && m.name === name);
    if (existing) {
      updateMacro(d, existing.id, { description: data.description, actions: data.actions });
      summary.updated++;
    } else {
      const m = createMacro(d, { name, folderId, description: data.description, actions: data.actions });
      if (data.createdAt) m.createdAt = data.createdAt;
      if (data.updatedAt) m.updatedAt = data.updatedAt;
      summary.created++;
    }
  }
  return summary;
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
        const { path, refs } = await store.update((d) => {
          const m = requireMacroRef(d, name);
          const path = macroPath(d, m);
          const refs = referencesTo(d, 'macro', m.id);
          deleteMacro(d, m.id);
          return { path, refs };
        });
        out(`Removed macro "${path}".`);
        const total = refs.triggers.length + refs.tasks.length + refs.traceConfigs.length;
        if (total > 0) {
          const parts = [
            refs.triggers.length ? `${refs.triggers.length} trigger${refs.triggers.length === 1 ? '' : 's'}` : '',
            refs.tasks.length ? `${refs.tasks.length} scheduled task${refs.tasks.length === 1 ? '' : 's'}` : '',
            refs.traceConfigs.length ? `${refs.traceConfigs.length} trace${refs.traceConfigs.length === 1 ? '' : 's'}` : '',
          ].filter(Boolean);
          process.stderr.write(`Note: ${parts.join(', ')} still refer${total === 1 ? 's' : ''} to it and will fail until changed.\n`);
        }
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
        else out(`Exported ${summary.macros} macro${summary.macros === 1 ? '' : 's'} (with ${summary.scripts} script${summary.scripts === 1 ? '' : 's'} they run) to ${dir}.`);
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
        out(`Imported ${summary.created + summary.updated} macro${summary.created + summary.updated === 1 ? '' : 's'} (${summary.created} new, ${summary.updated} replaced) and ${summary.scriptsCreated} script${summary.scriptsCreated === 1 ? '' : 's'}.`);
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
    .option('--json', 'print the outcome as JSON instead of the output')
    .action(
      action(async (name: string, opts: { var: Record<string, string>; input: Record<string, string>; event?: string; staged?: boolean; json?: boolean }) => {
        const store = await openStore();
        const m = requireMacroRef(store.read(), name);
        const run = startMacroRun(store, m, {
          variables: opts.var,
          inputs: opts.input,
          eventName: opts.event ?? '',
          staged: !!opts.staged,
          source: 'cli',
          user: process.env.USER ?? '',
          onOutput: opts.json ? undefined : (s) => process.stdout.write(s),
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
        if (!r.ok) process.exitCode = 1;
      }),
    );
}
