// Document templates as text: the format of a template file by its name (the GeneratorEncoding its
// tags are filled in) and a template's text in a language from the sandbox's document archive, for
// the agents that fill one (quote documents, consent confirmation mails; document-templates.ts
// hands out the bytes themselves).
import { db, fail } from './db.js';
import { col } from './view.js';
import { fileBytes, templateFile } from './document-archive.js';

/** GeneratorEncoding of a file by its name: 0 text, 1 HTML, 2 XML; null for formats whose tags the sandbox cannot fill (Word, PDF, …). */
export function encodingOf(fileName: string): number | null {
  const ext = fileName.includes('.') ? fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase() : 'txt';
  if (['htm', 'html', 'xhtml'].includes(ext)) return 1;
  if (ext === 'xml') return 2;
  return ['txt', 'text', 'csv', 'md', 'rtf', 'ics', 'vcf', 'eml'].includes(ext) ? 0 : null;
}

/** A template's file: its name, text, encoding and the template's mail subject. */
export interface Template {
  id: number;
  fileName: string;
  text: string;
  encoding: number;
  subject: string;
}

/** The text of template `id` in `language` (its own file when it has none in that language); `where` names the caller in errors. */
export function templateText(where: string, id: number, language = ''): Template {
  const row = id > 0 ? db().get('DocTmpl', id) : null;
  if (!row) throw fail(where, `there is no document template with id ${id}`);
  const fileName = String(col(row, 'filename') ?? '') || `template-${id}.txt`;
  const file = templateFile(id, language);
  if (!file) throw fail(where, `document template ${id} (${fileName}) has no file in the sandbox's document archive (store one with NSDocumentAgent.SaveDocumentTemplateStream)`);
  const encoding = encodingOf(fileName);
  if (encoding === null) throw fail(where, `document template ${id} (${fileName}) is not a text, HTML or XML file: the sandbox fills template variables only in those`);
  return { id, fileName, text: fileBytes(file).toString('utf8'), encoding, subject: String(col(row, 'emailSubject') ?? '') };
}
