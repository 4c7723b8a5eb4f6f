/**
 * `crmscript-tui scripts ...`: list, show, add, remove, export and import the
 * scripts of the store (the export directory's format is scripts-files.ts).
 */
import type { Command } from 'commander';
import type { Store } from '../store/store.js';
import type { Listing } from '../store/backend.js';
import type { Script, StoreData } from '../store/schema.js';
import {
  createScript,
  deleteFolder,
  deleteScript,
  ensureFolderPath,
  findFolderByPath,
  folderPath,
  requireScript,
  scriptPath,
} from '../store/repos.js';
import { danglingSentence } from '../store/dangling.js';
import { CliError, action, out, printJson } from './common.js';
import { readText } from './safe-files.js';
import { printScriptList, type ListOptions } from './scripts-list.js';
import { localTime } from './local-time.js';
import type * as ScriptsFiles from './scripts-files.js';
import { plural } from '../interp/util/plural.js';

/**
 * The export directory's format (scripts-files.ts, with the schema of its sidecar files) is loaded
 * by `scripts export` and `scripts import` only: the other commands start without it and zod.
 */
const scriptsFiles = (): Promise<typeof ScriptsFiles> => import('./scripts-files.js');

function scriptJson(d: StoreData, s: Script) {
  return { ...s, folder: folderPath(d, s.folderId), path: scriptPath(d, s) };
}

// ---------------------------------------------------------------- commands

/**
 * `listing`: what `scripts list` shows (the CLI passes listingAt, which lists a JSON store from
 * listing.json when it is current); default: the store's.
 */
export function registerScriptsCommands(program: Command, openStore: () => Promise<Store>, listing: () => Promise<Listing> = async () => (await openStore()).listing()): void {
  const scripts = program
    .command('scripts')
    .description('list, show, add, remove, export and import the scripts in the store');

  scripts
    .command('list')
    .description('list the scripts with their folder, include name and last change')
    .option('--folder <path>', 'only scripts in this folder (e.g. "Examples/Library") and its sub-folders')
    .option('--json', 'print JSON')
    .action(
      action(async (opts: ListOptions) => {
        printScriptList(await listing(), opts);
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
        const { path, dangles } = await store.update((d) => {
          const s = requireScript(d, name);
          const path = scriptPath(d, s);
          const dangles = danglingSentence(d, { kind: 'script', id: s.id });
          deleteScript(d, s.id);
          return { path, dangles };
        });
        out(`Removed script "${path}".`);
        if (dangles) process.stderr.write(`Note: ${dangles}\n`);
      }),
    );

  scripts
    .command('rm-folder')
    .description('remove a folder with its sub-folders, scripts and macros')
    .argument('<path>', 'folder path, e.g. "Examples/Library"')
    .action(
      action(async (path: string) => {
        const store = await openStore();
        const { count, dangles, full } = await store.update((d) => {
          const f = findFolderByPath(d, path);
          if (!f) throw new CliError(`No folder "${path}".`);
          const full = folderPath(d, f.id);
          const dangles = danglingSentence(d, { kind: 'folder', id: f.id });
          return { count: deleteFolder(d, f.id), dangles, full };
        });
        out(`Removed folder "${full}" with ${plural(count.folders, 'sub-folder')}, ${plural(count.scripts, 'script')} and ${plural(count.macros, 'macro')}.`);
        if (dangles) process.stderr.write(`Note: ${dangles}\n`);
      }),
    );

  scripts
    .command('export')
    .description('write all folders and scripts to a directory (one .crm and one .meta.json per script)')
    .argument('<dir>', 'a new or empty directory')
    .option('--json', 'print a JSON summary')
    .action(
      action(async (dir: string, opts: { json?: boolean }) => {
        const { exportScripts } = await scriptsFiles();
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
        const { applyImport, readImportDir } = await scriptsFiles();
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
