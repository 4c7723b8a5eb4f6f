/**
 * What `crmscript-tui scripts list` prints for a listing (Store.listing, listingAt): a table of the
 * scripts in list order, or JSON, optionally only a folder and its sub-folders. Shared by the
 * command (scripts.ts) and the launcher's early path (list-early.ts), which loads only this, the
 * store and the printing helpers.
 */
import type { Listing } from '../store/backend.js';
import { descendantFolderIds, folderIdForPath } from '../store/repos/folders.js';
import { listScripts } from '../store/repos/scripts.js';
import { formatTable, jsonText, out } from './output.js';
import { localTime } from './local-time.js';

export interface ListOptions {
  folder?: string;
  json?: boolean;
}

/** What the command prints, with its final newline. */
export function scriptListText(d: Listing, opts: ListOptions): string {
  let rows = listScripts(d);
  if (opts.folder !== undefined) {
    const folderId = folderIdForPath(d, opts.folder);
    const scope = folderId === null ? null : descendantFolderIds(d, folderId);
    if (scope) rows = rows.filter((r) => r.script.folderId !== null && scope.has(r.script.folderId));
  }
  if (opts.json) {
    return jsonText(
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
  }
  if (rows.length === 0) return 'No scripts.\n';
  return (
    formatTable(
      ['FOLDER', 'NAME', 'INCLUDE NAME', 'UPDATED'],
      rows.map(({ script: s, folder }) => [folder || '-', s.name, s.includeId || '-', localTime(s.updatedAt)]),
    ) + '\n'
  );
}

export function printScriptList(d: Listing, opts: ListOptions): void {
  out(scriptListText(d, opts));
}
