/**
 * What `crmscript-tui scripts list` prints for a listing (Store.listing, listingAt): a table of the
 * scripts in list order, or JSON, optionally only a folder and its sub-folders. Shared by the
 * command (scripts.ts) and the launcher's early path (list-early.ts), which loads only this, the
 * store and the printing helpers.
 */
import type { Listing } from '../store/backend.js';
import { descendantFolderIds, folderIdForPath } from '../store/repos/folders.js';
import { listScripts } from '../store/repos/scripts.js';
import { formatTable, out, printJson } from './output.js';

export interface ListOptions {
  folder?: string;
  json?: boolean;
}

/** An instant as local "YYYY-MM-DD hh:mm" (what cannot be read as a date is shown as it is). */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function printScriptList(d: Listing, opts: ListOptions): void {
  let rows = listScripts(d);
  if (opts.folder !== undefined) {
    const folderId = folderIdForPath(d, opts.folder);
    const scope = folderId === null ? null : descendantFolderIds(d, folderId);
    if (scope) rows = rows.filter((r) => r.script.folderId !== null && scope.has(r.script.folderId));
  }
  if (opts.json) {
    printJson(
      rows.map(({ script: s, folder }) => ({
        id: s.id,
        folder,
        name: s.name,
        includeId: s.includeId,
        description: s.description,
        staged: s.staged,
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
}
