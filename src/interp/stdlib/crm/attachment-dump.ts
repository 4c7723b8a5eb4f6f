// Attachment.dump([download]): the attachment's bytes as the run's output, with its content type
// and a Content-Disposition (inline, or attachment when the browser is to download it) as the
// response headers — what a web endpoint script serves a file with. The headers go where a
// script's own go, the global Parser's "ej.headers" (replacing a Content-Type or
// Content-Disposition line set before); the bytes go out as bytes (util/output-bytes.ts).
import { rt } from '../../runtime/context.js';
import { reserve } from '../../runtime/memory.js';
import { binaryChars } from '../../util/output-bytes.js';
import { contentDisposition } from '../../util/content-types.js';
import { globalParser } from '../parser/global-parser.js';

const HEADERS = 'ej.headers';
const REPLACED = /^\s*(content-type|content-disposition)\s*:/i;

/** Sets response header lines, replacing those of the same names. */
function setHeaders(lines: string[]): void {
  const p = globalParser();
  const kept = p
    .get(HEADERS)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !REPLACED.test(l));
  p.set(HEADERS, [...kept, ...lines].join('\n') + '\n');
}

/** Writes an attachment's file to the output; false when there is none (not saved, no row). */
export function dumpFile(file: { name: string; contentType: string; data: Buffer } | null, download: boolean): boolean {
  if (!file) return false;
  // the output holds the bytes as characters, two bytes each in a JavaScript string
  reserve(file.data.length * 2);
  setHeaders([`Content-Type: ${file.contentType.replace(/[\r\n]/g, '')}`, `Content-Disposition: ${contentDisposition(download, file.name)}`]);
  rt.out(binaryChars(file.data));
  return true;
}
