/**
 * The export directory of scripts (`scripts export` writes it, `scripts import` reads it):
 *   DIR/<folder>/<sub-folder>/            one directory per folder (empty ones too)
 *   DIR/<folder>/<name>.crm               the script's source, byte for byte
 *   DIR/<folder>/<name>.meta.json         everything else (include name, description, key, ...)
 * Scripts outside any folder sit directly in DIR. A `.crm` without a sidecar
 * imports as a script with that name and no include name.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { insideDir, readText } from './safe-files.js';
import { z } from 'zod';
import { describeIssues, type Script, type StoreData } from '../store/schema.js';
import { StoreError, describeFsError } from '../store/errors.js';
import { checkName, createScript, ensureFolderPath, findScriptByIncludeId, folderPath, updateScript } from '../store/repos.js';
import { CliError } from './common.js';
import { errorMessage } from '../interp/util/error-message.js';

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
    throw new CliError(`${path}: ${errorMessage(e)}`);
  }
}

function readMeta(path: string): Meta {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(path));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${path} is not valid JSON (${errorMessage(e)}).`);
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
