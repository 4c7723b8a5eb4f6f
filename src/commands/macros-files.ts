/**
 * The export directory of macros (`macros export` writes it, `macros import` reads it):
 *   DIR/<folder>/<sub-folder>/<name>.macro.json   one file per macro: its fields, its actions, and
 *                                                 the scripts its "Run a script" actions name
 * Macros outside any folder sit directly in DIR.
 */
import { lstatSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { insideDir, readRegularFile } from './safe-files.js';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import { describeIssues, macroActionSchema, type Macro, type StoreData } from '../store/schema.js';
import { describeFsError } from '../store/errors.js';
import { checkName, createMacro, createScript, ensureFolderPath, findScriptByIncludeId, folderPath, scriptPath, updateMacro } from '../store/repos.js';
import { paramValue } from '../macros/actions.js';
import { CliError } from './common.js';
import { errorMessage } from '../interp/util/error-message.js';

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
      const parts = folder === '' ? [] : folder.split('/');
      mkdirSync(insideDir(dir, ...parts), { recursive: true });
      const data = exportedMacro(d, m);
      scripts += data.scripts.length;
      writeFileSync(insideDir(dir, ...parts, m.name + MACRO_EXT), JSON.stringify(data, null, 2) + '\n', { flag: 'wx' });
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
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
      const st = lstatSync(p);
      // links could lead outside DIR (or in circles), and a FIFO or device would block: refused
      if (st.isSymbolicLink()) throw new CliError(`${p} is a symbolic link; an import reads only plain files and directories.`);
      if (!st.isDirectory() && !st.isFile()) throw new CliError(`${p} is not a plain file or directory (a pipe, socket or device); remove it from the import.`);
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(p);
        continue;
      }
      if (!name.endsWith(MACRO_EXT)) continue;
      const rel = relative(dir, abs);
      const folder = rel === '' ? '' : rel.split(sep).join('/');
      let raw: unknown;
      try {
        raw = JSON.parse(readRegularFile(p));
      } catch (e) {
        if (e instanceof CliError) throw e;
        throw new CliError(`${p} is not valid JSON (${errorMessage(e)}).`);
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
