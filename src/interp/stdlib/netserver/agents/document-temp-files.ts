// NSDocumentAgent's temporary files: CreateTempFile, GetTempFile and DeleteTempFile keep a file in
// the directory the File class may use (`run --allow-file [DIR]`; disabled, they fail as File
// does), so that a script can download a document, edit it with File and upload it again, as the
// reference's on-site example does. A name already taken gets a number before its extension (the
// actual name is returned); a file is at most the archive's limit of one file.
import { existsSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { reserve } from '../../../runtime/memory.js';
import { confined } from '../../file.js';
import { fail } from './db.js';
import { lacking, type Methods } from './define.js';
import { FILE_LIMIT } from './document-archive.js';
import { bytesOf, streamOf } from './document-files.js';

const at = (method: string): string => `NSDocumentAgent.${method}`;

/** A free name like `name` in the File directory: name, then name-2.ext, name-3.ext, ... */
export function freeName(name: string): string {
  const base = basename(String(name ?? '').trim() || 'tempfile');
  const ext = extname(base);
  const stem = base.slice(0, base.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${stem}-${n}${ext}`;
    if (!existsSync(confined(candidate))) return candidate;
  }
}

function existing(method: string, name: string): string {
  const full = confined(String(name ?? ''));
  if (!existsSync(full)) throw fail(at(method), `there is no temporary file "${name}"`);
  return full;
}

export const documentTempFiles: Methods = {
  'CreateTempFile(String,NSStream)': (_a: unknown, name: string, stream: unknown) => {
    const bytes = bytesOf(stream);
    if (bytes.length > FILE_LIMIT) throw fail(at('CreateTempFile'), `the file is ${bytes.length} bytes; temporary files hold at most ${FILE_LIMIT} bytes`);
    const actual = freeName(name);
    writeFileSync(confined(actual), bytes);
    return actual;
  },
  'GetTempFile(String)': (_a: unknown, name: string) => {
    const full = existing('GetTempFile', name);
    const size = statSync(full).size;
    if (size > FILE_LIMIT) throw fail(at('GetTempFile'), `the file is ${size} bytes; temporary files hold at most ${FILE_LIMIT} bytes`);
    reserve(size);
    return streamOf(readFileSync(full));
  },
  'DeleteTempFile(String)': (_a: unknown, name: string) => {
    unlinkSync(existing('DeleteTempFile', name));
  },
  ...lacking('NSDocumentAgent', 'give the content: CreateTempFile(filename, stream)', ['CreateTempFile(String)']),
};
