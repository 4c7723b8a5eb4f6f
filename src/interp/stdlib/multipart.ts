// A multipart/form-data request body (RFC 7578), as a web form with file fields posts it: its
// text fields become CGI variables and its files are kept for saveCgiAttachment. A body that is
// not well formed gives what was read up to the fault.
import type { CgiFile } from '../runtime/context.js';

export interface MultipartForm {
  fields: [string, string][];
  files: CgiFile[];
}

/** The boundary of a multipart/form-data Content-Type, or null for another type. */
export function multipartBoundary(contentType: string): string | null {
  if (!/^\s*multipart\/form-data\s*;/i.test(contentType)) return null;
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** A header parameter (name="x", filename="y") of a part's Content-Disposition. */
function param(header: string, name: string): string | null {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s;]+))`, 'i').exec(header);
  if (!m) return null;
  // browsers write ", CR and LF in a quoted value as %22, %0D and %0A (the HTML form encoding)
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1').replace(/%22|%0D|%0A/gi, (c) => decodeURIComponent(c)) : (m[2] ?? null);
}

export function parseMultipart(body: Uint8Array, boundary: string): MultipartForm {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const form: MultipartForm = { fields: [], files: [] };
  const delimiter = Buffer.from(`--${boundary}`);
  let at = buf.indexOf(delimiter);
  while (at >= 0) {
    let start = at + delimiter.length;
    if (buf[start] === 0x2d && buf[start + 1] === 0x2d) break; // "--": the closing delimiter
    if (buf[start] === 0x0d && buf[start + 1] === 0x0a) start += 2;
    const headerEnd = buf.indexOf('\r\n\r\n', start);
    if (headerEnd < 0) break;
    const next = buf.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) break;
    const headers = new Map<string, string>();
    for (const line of buf.subarray(start, headerEnd).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get('content-disposition') ?? '';
    const name = param(disposition, 'name');
    const data = buf.subarray(headerEnd + 4, next);
    const filename = param(disposition, 'filename');
    if (name !== null && filename !== null) {
      // a file field left empty in the form posts an empty part with an empty file name
      if (filename !== '' || data.length) form.files.push({ field: name, name: filename, contentType: headers.get('content-type') || 'application/octet-stream', data: new Uint8Array(data) });
      form.fields.push([name, filename]);
    } else if (name !== null) form.fields.push([name, data.toString('utf8')]);
    at = next + 2;
  }
  return form;
}
