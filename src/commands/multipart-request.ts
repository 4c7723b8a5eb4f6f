// `run --cgi-file NAME=FILE`: the web request a browser sends for a form with file fields, a
// multipart/form-data POST of the --cgi fields and the files, read back the way the daemon reads
// one (so the script sees the same CGI variables and files).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { WebRequest } from '../interp/runtime/context.js';
import { cgiForm } from '../interp/stdlib/web.js';
import { contentTypeOfName } from '../interp/util/content-types.js';

/** A header parameter value in quotes, with the characters that would end it percent-encoded (as browsers do). */
function quoted(s: string): string {
  return `"${s.replace(/["\r\n]/g, (c) => encodeURIComponent(c))}"`;
}

export function multipartRequest(fields: [string, string][], files: [string, string][]): WebRequest {
  const boundary = `----crmscript-tui-${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`));
  for (const [name, path] of files) {
    const type = contentTypeOfName(path);
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}; filename=${quoted(basename(path))}\r\nContent-Type: ${type}\r\n\r\n`), readFileSync(path), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(parts);
  const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
  const form = cgiForm(new URLSearchParams(), headers['content-type'], body);
  return { method: 'POST', url: '/scripts/customer.fcgi', variables: form.variables, content: body.toString('utf8'), headers, files: form.files };
}
