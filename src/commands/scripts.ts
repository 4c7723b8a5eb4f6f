/**
 * `crmscript-tui scripts ...`: list, show, add, remove, export and import the
 * scripts of the store.
 *
 * Export layout (import reads the same):
 *   DIR/<folder>/<sub-folder>/            one directory per folder (empty ones too)
 *   DIR/<folder>/<name>.crm               the script's source, byte for byte
 *   DIR/<folder>/<name>.meta.json         everything else (include name, description, key, ...)
 * Scripts outside any folder sit directly in DIR. A `.crm` without a sidecar
 * imports as a script with that name and no include name.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { insideDir, readRegularFile } from './safe-files.js';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Store } from '../store/store.js';
import { describeIssues, type Script, type StoreData } from '../store/schema.js';
import { StoreError, describeFsError } from '../store/errors.js';
import {
  checkName,
  createScript,
  deleteScript,
  ensureFolderPath,
  findScriptByIncludeId,
  folderIdForPath,
  folderPath,
  listScripts,
  referencesTo,
  requireScript,
  scriptPath,
  searchScripts,
  updateScript,
} from '../store/repos.js';
import { CliError, action, formatTable, out, printJson } from './common.js';

function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function scriptJson(d: StoreData, s: Script) {
  return { ...s, folder: folderPath(d, s.folderId), path: scriptPath(d, s) };
}

// ---------------------------------------------------------------- export / import format

const SOURCE_EXT = '.crm';
const META_EXT = '.meta.json';
/** Directories an export may sit in that are not folders (version control). */
const SKIP_DIRS = new Set(['.git', '.hg', '.svn']);

const metaSchema = z.object({
  includeId: z.string().default(''),
  description: z.string().default(''),
  key: z.string().default(''),
  showResultAsHtml: z.boolean().default(false),
  stagedSource: z.string().nullable().default(null),
  createdAt: z.iso.datetime({ offset: true }).optional(),
  updatedAt: z.iso.datetime({ offset: true }).optional(),
});
type Meta = z.infer<typeof metaSchema>;

function metaOf(s: Script): Meta {
  // Fixed key order keeps exports byte-identical.
  return {
    includeId: s.includeId,
    description: s.description,
    key: s.key,
    showResultAsHtml: s.showResultAsHtml,
    stagedSource: s.stagedSource,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export interface ExportSummary {
  dir: string;
  scripts: number;
  folders: number;
}

/** Write every folder and script of `d` under `dir`, which must be missing or empty. */
export function exportScripts(d: StoreData, dir: string): ExportSummary {
  let existing: string[] | null = null;
  try {
    if (!statSync(dir).isDirectory()) throw new CliError(`${dir} is not a directory.`);
    existing = readdirSync(dir);
  } catch (e) {
    if (e instanceof CliError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new CliError(`Cannot use ${dir}: ${describeFsError(e)}.`);
  }
  if (existing && existing.length > 0) {
    throw new CliError(`The directory ${dir} is not empty; export into a new or empty directory.`);
  }
  try {
    mkdirSync(dir, { recursive: true });
    // every path is checked to stay inside DIR (names are validated by the schema too)
    for (const f of d.folders) mkdirSync(insideDir(dir, ...folderPath(d, f.id).split('/')), { recursive: true });
    for (const s of d.scripts) {
      const parts = folderPath(d, s.folderId);
      const base = parts === '' ? dir : insideDir(dir, ...parts.split('/'));
      mkdirSync(base, { recursive: true });
      writeFileSync(insideDir(dir, ...(parts === '' ? [] : parts.split('/')), s.name + SOURCE_EXT), s.source, { encoding: 'utf8', flag: 'wx' });
      writeFileSync(insideDir(dir, ...(parts === '' ? [] : parts.split('/')), s.name + META_EXT), JSON.stringify(metaOf(s), null, 2) + '\n', { encoding: 'utf8', flag: 'wx' });
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`Cannot write the export to ${dir}: ${describeFsError(e)}.`);
  }
  return { dir, scripts: d.scripts.length, folders: d.folders.length };
}

interface PlannedScript {
  folder: string; // "A/B" or ''
  name: string;
  source: string;
  meta: Meta | null;
  file: string; // for messages
}

interface ImportPlan {
  folders: string[];
  scripts: PlannedScript[];
}

/** Read an export directory into a plan; throws a CliError naming the file for any problem. */
export function readImportDir(dir: string): ImportPlan {
  try {
    if (!statSync(dir).isDirectory()) throw new CliError(`${dir} is not a directory.`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`Cannot read ${dir}: ${describeFsError(e)}.`);
  }
  const plan: ImportPlan = { folders: [], scripts: [] };
  const walk = (abs: string, folder: string) => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      throw new CliError(`Cannot read ${abs}: ${describeFsError(e)}.`);
    }
    const sources = new Map<string, string>();
    const metas = new Map<string, string>();
    for (const ent of entries) {
      const path = join(abs, ent.name);
      // links could lead outside DIR, and a FIFO or device would block or never end: refused
      if (ent.isSymbolicLink()) throw new CliError(`${path} is a symbolic link; an import reads only plain files and directories.`);
      if (!ent.isDirectory() && !ent.isFile()) throw new CliError(`${path} is not a plain file or directory (a pipe, socket or device); remove it from the import.`);
      if (ent.isDirectory()) {
        if (SKIP_DIRS.has(ent.name)) continue;
        const name = checkedName('folder', ent.name, path);
        const sub = folder === '' ? name : `${folder}/${name}`;
        plan.folders.push(sub);
        walk(path, sub);
      } else if (ent.name.endsWith(META_EXT)) {
        metas.set(ent.name.slice(0, -META_EXT.length), path);
      } else if (ent.name.endsWith(SOURCE_EXT)) {
        sources.set(ent.name.slice(0, -SOURCE_EXT.length), path);
      }
    }
    for (const [base, metaPath] of metas) {
      if (!sources.has(base)) {
        throw new CliError(`${metaPath} has no matching ${base}${SOURCE_EXT} beside it.`);
      }
    }
    for (const [base, path] of sources) {
      const name = checkedName('script', base, path);
      const metaPath = metas.get(base);
      plan.scripts.push({
        folder,
        name,
        source: readText(path),
        meta: metaPath ? readMeta(metaPath) : null,
        file: path,
      });
    }
  };
  walk(dir, '');
  const byInclude = new Map<string, string>();
  for (const s of plan.scripts) {
    const inc = s.meta?.includeId ?? '';
    if (inc === '') continue;
    const other = byInclude.get(inc);
    if (other) throw new CliError(`The include name "${inc}" is used by both ${other} and ${s.file}; include names must be unique.`);
    byInclude.set(inc, s.file);
  }
  return plan;
}

function checkedName(kind: string, name: string, path: string): string {
  try {
    const n = checkName(kind, name);
    if (n !== name) throw new StoreError('bad-input', `The ${kind} name "${name}" has spaces at the start or end.`);
    return n;
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message}`);
  }
}

function readText(path: string): string {
  try {
    return readRegularFile(path);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`Cannot read ${path}: ${describeFsError(e)}.`);
  }
}

function readMeta(path: string): Meta {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(path));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${path} is not valid JSON (${(e as Error).message}).`);
  }
  const parsed = metaSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CliError(`${path} is not valid: ${describeIssues(parsed.error, 1)}.`);
  }
  return parsed.data;
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  foldersCreated: number;
}

/**
 * Apply an import plan to `d` (inside store.update, so it is all or nothing).
 * A script is matched by include name, else by folder and name; matched
 * scripts are updated (and moved to the imported folder), others added.
 */
export function applyImport(d: StoreData, plan: ImportPlan): ImportSummary {
  const foldersBefore = d.folders.length;
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, foldersCreated: 0 };
  for (const f of plan.folders) ensureFolderPath(d, f);
  for (const p of plan.scripts) {
    const folderId = ensureFolderPath(d, p.folder);
    const inc = p.meta?.includeId ?? '';
    const match =
      (inc !== '' ? findScriptByIncludeId(d, inc) : undefined) ??
      d.scripts.find((s) => s.folderId === folderId && s.name === p.name);
    try {
      if (!match) {
        createScript(d, {
          folderId,
          name: p.name,
          source: p.source,
          ...(p.meta
            ? {
                includeId: p.meta.includeId,
                description: p.meta.description,
                key: p.meta.key,
                showResultAsHtml: p.meta.showResultAsHtml,
                stagedSource: p.meta.stagedSource,
                createdAt: p.meta.createdAt,
                updatedAt: p.meta.updatedAt,
              }
            : {}),
        });
        summary.added++;
        continue;
      }
      const patch: Partial<Script> = { folderId, name: p.name, source: p.source };
      if (p.meta) {
        patch.includeId = p.meta.includeId;
        patch.description = p.meta.description;
        patch.key = p.meta.key;
        patch.showResultAsHtml = p.meta.showResultAsHtml;
        patch.stagedSource = p.meta.stagedSource;
      }
      const changed = (Object.keys(patch) as Array<keyof Script>).some((k) => patch[k] !== match[k]);
      if (!changed) {
        summary.unchanged++;
        continue;
      }
      updateScript(d, match.id, patch);
      summary.updated++;
    } catch (e) {
      if (e instanceof StoreError) throw new CliError(`${p.file}: ${e.message}`);
      throw e;
    }
  }
  summary.foldersCreated = d.folders.length - foldersBefore;
  return summary;
}

// ---------------------------------------------------------------- commands

export function registerScriptsCommands(program: Command, openStore: () => Promise<Store>): void {
  const scripts = program
    .command('scripts')
    .description('list, show, add, remove, export and import the scripts in the store');

  scripts
    .command('list')
    .description('list the scripts with their folder, include name and last change')
    .option('--folder <path>', 'only scripts in this folder (e.g. "Examples/Library") and its sub-folders')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: { folder?: string; json?: boolean }) => {
        const store = await openStore();
        const d = store.read();
        let rows = listScripts(d);
        if (opts.folder !== undefined) {
          const folderId = folderIdForPath(d, opts.folder);
          const inScope = new Set(searchScripts(d, folderId, '').map((s) => s.id));
          rows = rows.filter((r) => inScope.has(r.script.id));
        }
        if (opts.json) {
          printJson(
            rows.map(({ script: s, folder }) => ({
              id: s.id,
              folder,
              name: s.name,
              includeId: s.includeId,
              description: s.description,
              staged: s.stagedSource !== null,
              createdAt: s.createdAt,
              updatedAt: s.updatedAt,
            })),
          );
          return;
        }
        if (rows.length === 0) {
          out('No scripts.');
          return;
        }
        out(
          formatTable(
            ['FOLDER', 'NAME', 'INCLUDE NAME', 'UPDATED'],
            rows.map(({ script: s, folder }) => [folder || '-', s.name, s.includeId || '-', localTime(s.updatedAt)]),
          ),
        );
      }),
    );

  scripts
    .command('show')
    .description('show a script\'s details and source')
    .argument('<name>', 'include name, folder path with name ("Examples/Hello world"), name or id')
    .option('--json', 'print JSON')
    .action(
      action(async (name: string, opts: { json?: boolean }) => {
        const store = await openStore();
        const d = store.read();
        const s = requireScript(d, name);
        if (opts.json) {
          printJson(scriptJson(d, s));
          return;
        }
        const fields: Array<[string, string]> = [
          ['Name', s.name],
          ['Folder', folderPath(d, s.folderId) || '(top level)'],
          ['Include name', s.includeId || '(none)'],
          ['Description', s.description || '(none)'],
          ['Key', s.key ? '(set; see --json)' : '(none)'],
          ['Result as HTML', s.showResultAsHtml ? 'yes' : 'no'],
          ['Staged version', s.stagedSource !== null ? 'yes' : 'no'],
          ['Created', localTime(s.createdAt)],
          ['Updated', localTime(s.updatedAt)],
          ['Id', s.id],
        ];
        const w = Math.max(...fields.map(([k]) => k.length)) + 1;
        out(fields.map(([k, v]) => `${(k + ':').padEnd(w)} ${v}`).join('\n'));
        out('');
        process.stdout.write(s.source.endsWith('\n') || s.source === '' ? s.source : s.source + '\n');
      }),
    );

  scripts
    .command('add')
    .description('add a script from a file (folders in --folder are created when missing)')
    .requiredOption('--name <name>', 'the script name')
    .requiredOption('--file <file>', 'the CRMScript source file')
    .option('--include-id <name>', 'include name, for #include "name" in other scripts')
    .option('--folder <path>', 'folder path, e.g. "Examples/Library"', '')
    .option('--description <text>', 'description', '')
    .option('--key <secret>', 'key that callers from outside (HTTP) must give', '')
    .option('--html', 'show the result as HTML')
    .option('--json', 'print the new script as JSON')
    .action(
      action(
        async (opts: {
          name: string;
          file: string;
          includeId?: string;
          folder: string;
          description: string;
          key: string;
          html?: boolean;
          json?: boolean;
        }) => {
          const source = readText(opts.file);
          const store = await openStore();
          const created = await store.update((d) => {
            const folderId = ensureFolderPath(d, opts.folder);
            const s = createScript(d, {
              folderId,
              name: opts.name,
              includeId: opts.includeId ?? '',
              description: opts.description,
              key: opts.key,
              showResultAsHtml: !!opts.html,
              source,
            });
            return scriptJson(d, s);
          });
          if (opts.json) {
            printJson(created);
            return;
          }
          const inc = created.includeId ? ` (include name "${created.includeId}")` : '';
          out(`Added script "${created.path}"${inc}.`);
        },
      ),
    );

  scripts
    .command('rm')
    .description('remove a script')
    .argument('<name>', 'include name, folder path with name, name or id')
    .action(
      action(async (name: string) => {
        const store = await openStore();
        const { path, refs } = await store.update((d) => {
          const s = requireScript(d, name);
          const path = scriptPath(d, s);
          const refs = referencesTo(d, 'script', s.id);
          deleteScript(d, s.id);
          return { path, refs };
        });
        out(`Removed script "${path}".`);
        const dangling = [
          refs.triggers.length ? `${refs.triggers.length} trigger${refs.triggers.length === 1 ? '' : 's'}` : '',
          refs.tasks.length ? `${refs.tasks.length} scheduled task${refs.tasks.length === 1 ? '' : 's'}` : '',
          refs.traceConfigs.length ? `${refs.traceConfigs.length} trace${refs.traceConfigs.length === 1 ? '' : 's'}` : '',
        ].filter(Boolean);
        if (dangling.length > 0) {
          const total = refs.triggers.length + refs.tasks.length + refs.traceConfigs.length;
          process.stderr.write(`Note: ${dangling.join(', ')} still refer${total === 1 ? 's' : ''} to it and will fail until changed.\n`);
        }
      }),
    );

  scripts
    .command('export')
    .description('write all folders and scripts to a directory (one .crm and one .meta.json per script)')
    .argument('<dir>', 'a new or empty directory')
    .option('--json', 'print a JSON summary')
    .action(
      action(async (dir: string, opts: { json?: boolean }) => {
        const store = await openStore();
        const summary = exportScripts(store.read(), dir);
        if (opts.json) printJson(summary);
        else out(`Exported ${plural(summary.scripts, 'script')} and ${plural(summary.folders, 'folder')} to ${dir}.`);
      }),
    );

  scripts
    .command('import')
    .description('read scripts from a directory made by "scripts export"; scripts with the same include name, or the same folder and name, are updated')
    .argument('<dir>', 'the directory to read')
    .option('--json', 'print a JSON summary')
    .action(
      action(async (dir: string, opts: { json?: boolean }) => {
        const plan = readImportDir(dir);
        const store = await openStore();
        const summary = await store.update((d) => applyImport(d, plan));
        if (opts.json) {
          printJson({ dir, ...summary });
          return;
        }
        out(
          `Imported ${plural(plan.scripts.length, 'script')} from ${dir}: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged; ${plural(summary.foldersCreated, 'folder')} created.`,
        );
      }),
    );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
