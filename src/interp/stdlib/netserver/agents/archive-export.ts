// NSArchiveAgent.ExportArchive: an archive's rows (the providers of find-archive.ts, restricted,
// sorted and with the entities asked for, or only the selected rows' ids) written at once as a CSV
// file (RFC 4180: comma-separated, quoted where needed, CRLF line ends, a header line of the
// column names) into the directory the File class may use, where NSDocumentAgent.GetTempFile and
// File read it. The sandbox runs no batch tasks, so BatchTaskId is always 0 whatever the estimated
// row count; it writes no other format (Excel and the like). The shortened overload has no sort
// order and no restrictions. With File disabled it fails as File does.
import { writeFileSync } from 'node:fs';
import { confined } from '../../file.js';
import { fail } from './db.js';
import { make, type Methods } from './define.js';
import { items } from './find-archive.js';
import { FILE_LIMIT } from './document-archive.js';
import { freeName } from './document-temp-files.js';
import type { NSObject } from '../object.js';
import type { CrmMap } from '../../map.js';

const WHERE = 'NSArchiveAgent.ExportArchive';
const CSV_TYPES = ['csv', 'text/csv', '.csv'];

/** Names given as a String[] whose entries may each be comma-separated. */
const names = (list: unknown): string[] =>
  (Array.isArray(list) ? list : [])
    .flatMap((s) => String(s ?? '').split(','))
    .map((s) => s.trim())
    .filter(Boolean);

const cell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

interface Export {
  provider: string;
  entities: unknown;
  columns: unknown;
  order: unknown;
  restrictions: unknown;
  exportType: string;
  selected: unknown;
}

function exportArchive(x: Export): NSObject {
  const type = String(x.exportType ?? '').trim().toLowerCase();
  if (type && !CSV_TYPES.includes(type)) throw fail(WHERE, `the sandbox exports archives as CSV only (exportType "csv"), not "${x.exportType}"`);
  const columns = names(x.columns);
  const all = items(WHERE, x.provider, columns, x.order, x.restrictions, names(x.entities), 0, 0).rows;
  const picked = new Set(names(x.selected).map(Number));
  const rows = picked.size ? all.filter((o) => picked.has(Number(o.f.PrimaryKey))) : all;
  const header = columns.length ? columns : rows.length ? [...(rows[0].f.ColumnData as CrmMap).data.keys()] : [];
  const lines = [header.map(cell).join(','), ...rows.map((o) => header.map((c) => cell((o.f.ColumnData as CrmMap).data.get(c) ?? '')).join(','))];
  const content = Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
  if (content.length > FILE_LIMIT) throw fail(WHERE, `the export is ${content.length} bytes; a file holds at most ${FILE_LIMIT} bytes (restrict the rows)`);
  const fileName = freeName(`${x.provider.trim() || 'archive'}.csv`);
  writeFileSync(confined(fileName), content);
  return make('NSExportArchiveResult', { BatchTaskId: 0, FileName: fileName, Message: `${rows.length} row${rows.length === 1 ? '' : 's'} exported to ${fileName}` });
}

type S = string;
type A = unknown;

export const archiveExport: Methods = {
  'ExportArchive(String,String,String[],String[],NSArchiveOrderByInfo[],NSArchiveRestrictionInfo[],String,String[],Integer)': (
    _a: A,
    provider: S,
    _context: S,
    entities: A,
    columns: A,
    order: A,
    restrictions: A,
    exportType: S,
    selected: A,
  ) => exportArchive({ provider, entities, columns, order, restrictions, exportType, selected }),
  'ExportArchive(String,String,String[],String[],String,String[],Integer)': (_a: A, provider: S, _context: S, entities: A, columns: A, exportType: S, selected: A) =>
    exportArchive({ provider, entities, columns, order: [], restrictions: [], exportType, selected }),
};
