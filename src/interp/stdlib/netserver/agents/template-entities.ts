// NSListAgent's document template entities: SuperOffice's DocTmpl rows as NSDocumentTemplateEntity
// (created, read, listed and saved; a name must be free, as DocTmpl's unique name index wants),
// a template made from another one with copies of its files, its file's extension and properties,
// and its language variants — the files the sandbox's document archive keeps per language for a
// template (document-archive.ts; '' is the template's own file, which a variant starts from).
import type { CrmRow } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { CrmMap } from '../../map.js';
import { db, fail, hasTable } from './db.js';
import { byId, lacking, make, saved, type Methods } from './define.js';
import { col, LIST_TABLE_COLS, loadWhere, register, type View } from './view.js';
import { ARCHIVE, fileBytes, putTemplate, templateFile, templateLanguages } from './document-archive.js';

const AGENT = 'NSListAgent';
const at = (method: string): string => `${AGENT}.${method}`;

/** DocTmplType Document and DocTmplDirection Outgoing: what a new template is unless told. */
const DOCUMENT = 2;
const OUTGOING = 2;

export const documentTemplateEntityView: View = {
  cls: 'NSDocumentTemplateEntity',
  table: 'DocTmpl',
  key: 'DocumentTemplateId',
  cols: [
    LIST_TABLE_COLS,
    'Filename=filename:s AutoeventId=autoevent_id:i RecordType=record_type:i Direction=direction:i SaveInDb=saveInDb:i DefaultOref=default_oref:s',
    'IsDefaultPublished=defaultPublishType:b IntentId=intentId:i MimeType=mimeType:s LoadTemplateFromPlugin=loadTemplateFromPlugin:i',
    'QuoteDocType=quoteDocType:i PrivacyDocType=privacyDocType:i InvitationDocType=invitationDocType:i EmailSubject=emailSubject:s',
    'IncludeSignature=includeSignature:b ShowCurrents=showCurrents:b SenderEmailMode=senderEmailMode:i SenderEmailAddress=senderEmailAddress:s',
  ].join(' '),
  required: [['Name', 'the template name (SetName)']],
  calc: (o) => {
    // a sales or project guide suggests documents from it (SuggestedDocument)
    const id = Number(o.f.DocumentTemplateId);
    o.f.IsInUseInGuides = hasTable('SuggestedDocument') && db().count('SuggestedDocument', [{ column: 'doctmpl_id', op: '=', value: id }]) > 0;
  },
};

register(documentTemplateEntityView);

const num = (row: CrmRow, c: string): number => Number(col(row, c) ?? 0) || 0;

/** The DocTmpl row of a template, or a CRMScript error naming the method. */
function templateRow(method: string, id: number): CrmRow {
  const row = id > 0 ? db().get('DocTmpl', id) : null;
  if (!row) throw fail(at(method), `there is no document template with id ${id}`);
  return row;
}

/** Saves a template entity; its name must be one no other template has. */
function saveTemplate(method: string, o: NSObject): NSObject {
  if (!o?.f) throw fail(at(method), 'nothing to save');
  const id = Number(o.f.DocumentTemplateId ?? 0) | 0;
  if (id && !db().get('DocTmpl', id)) throw fail(at(method), `there is no document template with id ${id}`);
  const name = String(o.f.Name ?? '').trim().toLowerCase();
  const clash = name ? db().select('DocTmpl', { orderBy: [{ column: 'DocTmpl_id' }] }).find((r) => String(col(r, 'name') ?? '').trim().toLowerCase() === name && num(r, 'DocTmpl_id') !== id) : undefined;
  if (clash) throw fail(at(method), `there is already a document template named "${String(col(clash, 'name'))}" (id ${num(clash, 'DocTmpl_id')})`);
  // a new template without a rank goes last, as the list administration adds it
  if (!id && !Number(o.f.Rank ?? 0)) o.f.Rank = Math.max(0, ...db().select('DocTmpl', { columns: ['rank'] }).map((r) => num(r, 'rank'))) + 1;
  return saved(AGENT, method, documentTemplateEntityView, o);
}

/** The templates in rank order (then id), deleted ones only when asked for. */
function allTemplates(includeDeleted: boolean): NSObject[] {
  const all = loadWhere(documentTemplateEntityView, {}).sort((a, b) => Number(a.f.Rank) - Number(b.f.Rank) || Number(a.f.DocumentTemplateId) - Number(b.f.DocumentTemplateId));
  return includeDeleted ? all : all.filter((t) => !t.f.Deleted);
}

/** A file name's extension with its dot ('.docx'), '' for none. */
function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  return base.lastIndexOf('.') > 0 ? base.slice(base.lastIndexOf('.')).toLowerCase() : '';
}

/** GetDocumentProperties' keys for a template's own file (its length and date when the archive has it). */
function properties(id: number, requested: unknown): CrmMap {
  const row = templateRow('GetDocumentTemplateProperties', id);
  const fileName = String(col(row, 'filename') ?? '');
  const file = hasTable(ARCHIVE) ? templateFile(id, '') : null;
  const all: Record<string, string> = {
    'file-name': fileName,
    'file-type': extensionOf(fileName).slice(1).toUpperCase(),
    'mime-type': String(col(row, 'mimeType') ?? ''),
    'preferred-open': 'Stream',
    ...(file ? { length: String(file.size), 'last-modified': `[d ${file.registered.replace(' ', 'T')}]` } : {}),
  };
  const keys = Array.isArray(requested) && requested.length ? requested.map(String) : Object.keys(all);
  const m = new CrmMap();
  for (const k of keys) if (all[k] !== undefined) m.put(k, all[k]);
  return m;
}

/** The stored file of a template in exactly that language ('' its own), or null. */
function exactFile(id: number, language: string): ReturnType<typeof templateFile> {
  const lang = language.toLowerCase();
  if (!templateLanguages(id).some((l) => l.toLowerCase() === lang)) return null;
  return templateFile(id, language);
}

const languageOf = (method: string, code: unknown): string => {
  const lang = String(code ?? '').trim();
  if (!lang) throw fail(at(method), "the language code is empty (a template's own file has none; name a language such as en-US)");
  return lang;
};

/** A new template from an entity, with copies of every file of template `sourceId`. */
function fromTemplate(sourceId: number, o: NSObject): NSObject {
  const method = 'SetDocumentTemplateFromDocumentTemplate';
  const source = templateRow(method, sourceId);
  if (!o?.f) throw fail(at(method), 'nothing to save');
  const entity = make('NSDocumentTemplateEntity', { ...o.f, DocumentTemplateId: 0 });
  for (const [prop, column] of [['Filename', 'filename'], ['MimeType', 'mimeType']] as const) if (!String(entity.f[prop] ?? '')) entity.f[prop] = String(col(source, column) ?? '');
  const out = saveTemplate(method, entity);
  const id = Number(out.f.DocumentTemplateId);
  for (const language of templateLanguages(sourceId)) {
    const file = exactFile(sourceId, language);
    if (file) putTemplate(at(method), id, language, fileBytes(file));
  }
  return out;
}

export const templateEntities: Methods = {
  'CreateDefaultDocumentTemplateEntity()': () =>
    make('NSDocumentTemplateEntity', { DocumentTemplateId: 0, Name: '', Tooltip: '', Rank: 0, Deleted: false, Filename: '', RecordType: DOCUMENT, Direction: OUTGOING, SaveInDb: 1, IsInUseInGuides: false }),
  'GetDocumentTemplateEntity(Integer)': (_a: unknown, id: number) => byId(documentTemplateEntityView, id),
  'SaveDocumentTemplateEntity(NSDocumentTemplateEntity)': (_a: unknown, o: NSObject) => saveTemplate('SaveDocumentTemplateEntity', o),
  'GetAllDocumentTemplates(Bool)': (_a: unknown, includeDeleted: boolean) => allTemplates(includeDeleted === true),
  'GetDocumentTemplateExtension(Integer)': (_a: unknown, id: number) => extensionOf(String(col(templateRow('GetDocumentTemplateExtension', id), 'filename') ?? '')),
  'GetDocumentTemplateProperties(Integer,String[])': (_a: unknown, id: number, requested: unknown) => properties(id, requested),
  'SetDocumentTemplateFromDocumentTemplate(Integer,NSDocumentTemplateEntity)': (_a: unknown, sourceId: number, o: NSObject) => fromTemplate(sourceId, o),
  // the language variant starts as a copy of the template's own file
  'CreateDefaultDocumentTemplateLanguage(Integer,String)': (_a: unknown, id: number, code: string) => {
    const method = 'CreateDefaultDocumentTemplateLanguage';
    const row = templateRow(method, id);
    const lang = languageOf(method, code);
    if (exactFile(id, lang)) throw fail(at(method), `document template ${id} already has a file in language ${lang}`);
    const own = exactFile(id, '') ?? templateFile(id, '');
    if (!own) throw fail(at(method), `document template ${id} (${String(col(row, 'name') ?? '')}) has no file in the sandbox's document archive to start the language from (store one with SaveDocumentTemplateStream)`);
    putTemplate(at(method), id, lang, fileBytes(own));
  },
  'DeleteDocumentTemplateLanguage(Integer,String)': (_a: unknown, id: number, code: string) => {
    const method = 'DeleteDocumentTemplateLanguage';
    templateRow(method, id);
    const lang = languageOf(method, code);
    const file = exactFile(id, lang);
    if (!file) throw fail(at(method), `document template ${id} has no file in language ${lang}`);
    db().delete(ARCHIVE, file.id);
  },
  ...lacking(AGENT, "the sandbox's document archive is a table, not a web folder: it has no URLs for template files (read one with GetDocumentTemplateStreamFromId)", ['GetDocumentTemplateUrl(Integer,Bool,String)']),
};

