// Document templates' files and template variables: the content of a DocTmpl (per language) and of
// named mail templates in the sandbox's document archive, a document's content made from its
// template with the tags filled from its company, person, project, sale and the user
// (CreateNewPhysicalDocumentFromTemplate), and the Substitute* methods over a text or a
// document's content (template-vars.ts). Tags are filled in text, HTML and XML; a template in
// another format (a Word document, a PDF) is refused rather than copied with its tags unfilled.
import type { CrmRow } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { CrmMap } from '../../map.js';
import { db, fail } from './db.js';
import { make, type Methods } from './define.js';
import { col, idOf } from './view.js';
import { customPairs, substituteTags, type TagSources } from './template-vars.js';
import { fileBytes, namedTemplate, putNamedTemplate, putTemplate, templateFile, templateLanguages } from './document-archive.js';
import { bytesOf, documentBytes, streamOf, writeDocument } from './document-files.js';
import { sanitizeMail } from './mail-content.js';
import { encodingOf } from './template-files.js';

const at = (method: string, agent = 'NSDocumentAgent'): string => `${agent}.${method}`;

/** HTML made safe to show (the sanitizer of SanitizeMailContent); other formats as they are. */
export function sanitizedBytes(bytes: Buffer, fileName: string): Buffer {
  return encodingOf(fileName) === 1 ? Buffer.from(sanitizeMail(bytes.toString('utf8')), 'utf8') : bytes;
}

const sanitized = (bytes: Buffer, fileName: string): unknown => streamOf(sanitizedBytes(bytes, fileName));

/** The content of a named mail template (the user's own before the shared one when `personal`). */
function namedBytes(method: string, name: string, personal: boolean): Buffer {
  const file = namedTemplate(String(name ?? ''), personal);
  if (!file) throw fail(at(method), `the sandbox's document archive has no mail template named "${name}" (store one with SetTemplateStream)`);
  return fileBytes(file);
}

/** The DocTmpl row of a template, or a CRMScript error naming the method. */
function templateRow(where: string, id: number): CrmRow {
  const row = id > 0 ? db().get('DocTmpl', id) : null;
  if (!row) throw fail(where, `there is no document template with id ${id}`);
  return row;
}

/** The content of a template in a language (its own file when it has none in that language). */
function templateBytes(where: string, id: number, language: string): { bytes: Buffer; fileName: string } {
  const row = templateRow(where, id);
  const fileName = String(col(row, 'filename') ?? '');
  const file = templateFile(id, String(language ?? ''));
  if (!file) throw fail(where, `document template ${id} (${fileName || String(col(row, 'name') ?? '')}) has no file in the sandbox's document archive (store one with SaveDocumentTemplateStream)`);
  return { bytes: fileBytes(file), fileName };
}

/** A text's tags filled; `fileName` names its format. */
function fill(where: string, bytes: Buffer, fileName: string, src: TagSources, custom: Map<string, string>): Buffer {
  const encoding = encodingOf(fileName);
  if (encoding === null) throw fail(where, `${fileName} is not a text, HTML or XML file: the sandbox fills template variables only in those`);
  return Buffer.from(substituteTags(bytes.toString('utf8'), encoding, src, custom), 'utf8');
}

/** The records of a document's appointment row (its company, person, project, sale and template). */
function documentLinks(documentId: number): TagSources & { templateId: number } {
  const doc = db().get('document', documentId);
  const appointmentId = Number(doc ? (col(doc, 'appointment_id') ?? 0) : 0);
  const a = appointmentId ? db().get('appointment', appointmentId) : null;
  const n = (c: string): number => Number(a ? (col(a, c) ?? 0) : 0) || 0;
  return { contactId: n('contact_id'), personId: n('person_id'), appointmentId, documentId, saleId: n('sale_id'), projectId: n('project_id'), templateId: n('task_idx') };
}

/** CreateNewPhysicalDocumentFromTemplate and its variants: ids of 0 take the document's own. */
function fromTemplate(method: string, ids: number[], custom: Map<string, string>, culture: string, substitute = true): NSObject {
  const [contactId, personId, appointmentId, documentId, saleId, , projectId] = ids.map((v) => Number(v) || 0);
  const where = at(method);
  if (!documentId || !db().get('document', documentId)) throw fail(where, `there is no document with id ${documentId}`);
  const own = documentLinks(documentId);
  if (!own.templateId) throw fail(where, `document ${documentId} has no document template (SetDocumentTemplate)`);
  const { bytes, fileName } = templateBytes(where, own.templateId, culture);
  const src: TagSources = {
    contactId: contactId || own.contactId,
    personId: personId || own.personId,
    appointmentId: appointmentId || own.appointmentId,
    documentId,
    saleId: saleId || own.saleId,
    projectId: projectId || own.projectId,
  };
  return writeDocument(method, documentId, substitute ? fill(where, bytes, fileName, src, custom) : bytes, true);
}

const mapPairs = (m: unknown): Map<string, string> => (m instanceof CrmMap ? new Map(m.data) : new Map());

/** SubstituteTemplateVariables' ids in their order: contact, person, appointment, document, sale, selection, project. */
const sources = (ids: unknown[]): TagSources => {
  const [contactId, personId, appointmentId, documentId, saleId, , projectId] = ids.map((v) => Number(v) || 0);
  return { contactId: contactId!, personId: personId!, appointmentId: appointmentId!, documentId: documentId!, saleId: saleId!, projectId: projectId! };
};

/** A merge document's content with its tags filled (the document's own records unless given). */
function merged(method: string, documentId: number, given: Partial<TagSources>, custom: Map<string, string>): unknown {
  const bytes = documentBytes(method, documentId);
  const own = documentLinks(documentId);
  const pick = (k: keyof TagSources): number => Number(given[k] ?? 0) || Number(own[k] ?? 0);
  const src: TagSources = { contactId: pick('contactId'), personId: pick('personId'), appointmentId: pick('appointmentId'), documentId, saleId: pick('saleId'), projectId: pick('projectId'), associateId: given.associateId };
  return streamOf(fill(at(method), bytes, String(db().get('document', documentId)?.name ?? ''), src, custom));
}

function templateInfo(id: number, pluginId: number): NSObject {
  const row = db().get('DocTmpl', id)!;
  return make('NSTemplateInfo', { Name: String(col(row, 'filename') ?? ''), Description: String(col(row, 'tooltip') ?? ''), PluginId: pluginId, ExternalReference: '' });
}

function saveTemplate(agent: string, id: number, stream: unknown, language: string, pluginId: number): NSObject {
  const where = at('SaveDocumentTemplateStream', agent);
  templateRow(where, id);
  putTemplate(where, id, String(language ?? ''), bytesOf(stream));
  return templateInfo(id, pluginId);
}

export const documentTemplates: Methods = {
  'CreateDefaultTemplateVariablesParameters()': () =>
    make('NSTemplateVariablesParameters', { SourceInput: '', Encoding: 0, ContactId: 0, PersonId: 0, AppointmentId: 0, DocumentId: 0, SaleId: 0, SelectionId: 0, ProjectId: 0, QuoteAlternativeId: 0, QuoteLineId: 0, ProductKey: '', CultureName: '', CustomTags: [] }),
  'GetTemplateStreamFromId(Integer,String)': (_a: unknown, id: number, culture: string) => streamOf(templateBytes(at('GetTemplateStreamFromId'), id, culture).bytes),
  'GetTemplateStream(String,Bool,String)': (_a: unknown, name: string, personal: boolean) => streamOf(namedBytes('GetTemplateStream', name, personal)),
  'GetSanitizedTemplateStreamFromId(Integer,String)': (_a: unknown, id: number, culture: string) => {
    const t = templateBytes(at('GetSanitizedTemplateStreamFromId'), id, culture);
    return sanitized(t.bytes, t.fileName);
  },
  'GetSanitizedTemplateStream(String,Bool,String)': (_a: unknown, name: string, personal: boolean) => sanitized(namedBytes('GetSanitizedTemplateStream', name, personal), String(name)),
  'GetSanitizedDocumentStream(Integer)': (_a: unknown, id: number) => sanitized(documentBytes('GetSanitizedDocumentStream', id), String(db().get('document', id)?.name ?? '')),
  'SetTemplateStream(String,Bool,NSStream)': (_a: unknown, name: string, personal: boolean, stream: unknown) => {
    if (!String(name ?? '').trim()) throw fail(at('SetTemplateStream'), 'the template needs a file name');
    putNamedTemplate(at('SetTemplateStream'), String(name), personal, bytesOf(stream));
  },
  'SaveDocumentTemplateStream(Integer,NSStream,String,Integer)': (_a: unknown, id: number, stream: unknown, language: string, pluginId: number) => saveTemplate('NSDocumentAgent', id, stream, language, pluginId),
  'CreateNewPhysicalDocumentFromTemplate(Integer,Integer,Integer,Integer,Integer,Integer,Integer,String)': (_a: unknown, ...args: unknown[]) =>
    fromTemplate('CreateNewPhysicalDocumentFromTemplate', args.slice(0, 7) as number[], new Map(), String(args[7] ?? '')),
  'CreateNewPhysicalDocumentFromTemplateWithCustomTags(Integer,Integer,Integer,Integer,Integer,Integer,Integer,String[],String[],String)': (_a: unknown, ...args: unknown[]) =>
    fromTemplate('CreateNewPhysicalDocumentFromTemplateWithCustomTags', args.slice(0, 7) as number[], customPairs(args[7], args[8]), String(args[9] ?? '')),
  'CreateNewPhysicalDocumentFromTemplateWithCustomTags2(Integer,Integer,Integer,Integer,Integer,Integer,Integer,Map,String)': (_a: unknown, ...args: unknown[]) =>
    fromTemplate('CreateNewPhysicalDocumentFromTemplateWithCustomTags2', args.slice(0, 7) as number[], mapPairs(args[7]), String(args[8] ?? '')),
  'CreateNewPhysicalDocumentFromTemplateWithCustomTags2(Integer,Integer,Integer,Integer,Integer,Integer,Integer,String)': (_a: unknown, ...args: unknown[]) =>
    fromTemplate('CreateNewPhysicalDocumentFromTemplateWithCustomTags2', args.slice(0, 7) as number[], new Map(), String(args[7] ?? '')),
  'CreateNewPhysicalMailMergeDocumentFromTemplate(Integer,String)': (_a: unknown, documentId: number, culture: string) =>
    fromTemplate('CreateNewPhysicalMailMergeDocumentFromTemplate', [0, 0, 0, documentId, 0, 0, 0], new Map(), culture, false),
  'SubstituteTemplateVariables(String,Integer,Integer,Integer,Integer,Integer,Integer,Integer,Integer,String)': (_a: unknown, source: string, encoding: number, ...ids: unknown[]) =>
    substituteTags(String(source ?? ''), encoding, sources(ids)),
  'SubstituteTemplateVariablesWithCustomTags(String,Integer,String[],String[],Integer,Integer,Integer,Integer,Integer,Integer,Integer,String)': (_a: unknown, source: string, encoding: number, tags: unknown, values: unknown, ...ids: unknown[]) =>
    substituteTags(String(source ?? ''), encoding, sources(ids), customPairs(tags, values)),
  'SubstituteTemplateVariablesWithCustomTags2(String,Integer,Map,Integer,Integer,Integer,Integer,Integer,Integer,Integer,String)': (_a: unknown, source: string, encoding: number, tags: unknown, ...ids: unknown[]) =>
    substituteTags(String(source ?? ''), encoding, sources(ids), mapPairs(tags)),
  'SubstituteTemplateVariablesEx(NSTemplateVariablesParameters)': (_a: unknown, p: NSObject) => {
    const f = p?.f ?? {};
    if (Array.isArray(f.CustomTags) && f.CustomTags.length)
      throw fail(at('SubstituteTemplateVariablesEx'), 'custom tags in NSTemplateVariablesParameters are not available in the sandbox (use SubstituteTemplateVariablesWithCustomTags)');
    const ids = [f.ContactId, f.PersonId, f.AppointmentId, f.DocumentId || idOf(f.DocumentEntity), f.SaleId, f.SelectionId, f.ProjectId];
    return substituteTags(String(f.SourceInput ?? ''), Number(f.Encoding ?? 0), sources(ids));
  },
  'SubstituteMergeDocumentTemplateVariables(Integer,Integer,String[],String[])': (_a: unknown, documentId: number, associateId: number, tags: unknown, values: unknown) =>
    merged('SubstituteMergeDocumentTemplateVariables', documentId, { associateId }, customPairs(tags, values)),
  'SubstituteMergeDocumentTemplateVariables2(Integer,Integer,Map)': (_a: unknown, documentId: number, associateId: number, tags: unknown) =>
    merged('SubstituteMergeDocumentTemplateVariables2', documentId, { associateId }, mapPairs(tags)),
  // the merge document, then contact, person, project, selection, appointment, document and sale
  'SubstituteMergeDocumentTemplateVariablesEx(Integer,Integer,Integer,Integer,Integer,Integer,Integer,Integer,String[],String[])': (_a: unknown, merge: number, contactId: number, personId: number, projectId: number, _sel: number, appointmentId: number, _doc: number, saleId: number, tags: unknown, values: unknown) =>
    merged('SubstituteMergeDocumentTemplateVariablesEx', merge, { contactId, personId, projectId, appointmentId, saleId }, customPairs(tags, values)),
  'SubstituteMergeDocumentTemplateVariablesEx2(Integer,Integer,Integer,Integer,Integer,Integer,Integer,Integer,Map)': (_a: unknown, merge: number, contactId: number, personId: number, projectId: number, _sel: number, appointmentId: number, _doc: number, saleId: number, tags: unknown) =>
    merged('SubstituteMergeDocumentTemplateVariablesEx2', merge, { contactId, personId, projectId, appointmentId, saleId }, mapPairs(tags)),
};

/** NSListAgent's methods over templates' files. */
export const listTemplateFiles: Methods = {
  'GetDocumentTemplateStreamFromId(Integer,String)': (_a: unknown, id: number, culture: string) => streamOf(templateBytes(at('GetDocumentTemplateStreamFromId', 'NSListAgent'), id, culture).bytes),
  'SaveDocumentTemplateStream(Integer,NSStream,String,Integer)': (_a: unknown, id: number, stream: unknown, language: string, pluginId: number) => saveTemplate('NSListAgent', id, stream, language, pluginId),
  'SetDocumentTemplateStream(NSDocumentTemplateEntity,NSStream,String,Integer)': (_a: unknown, t: NSObject, stream: unknown, language: string, pluginId: number) => {
    const id = Number(t?.f.DocumentTemplateId ?? 0) || 0;
    if (!id) throw fail(at('SetDocumentTemplateStream', 'NSListAgent'), 'the template has no id (SetDocumentTemplateId)');
    saveTemplate('NSListAgent', id, stream, language, pluginId);
    return t;
  },
  'GetDocumentTemplateLanguages(Integer)': (_a: unknown, id: number) => {
    templateRow(at('GetDocumentTemplateLanguages', 'NSListAgent'), id);
    return templateLanguages(id).filter(Boolean);
  },
};
