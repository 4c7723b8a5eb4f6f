// NSDocumentAgent over the sandbox's document archive (document-archive.ts): a document's content
// as an NSStream (GetDocumentStream, SetDocumentStream, ...), check-out and check-in with
// versions, the version list, deleting the content and the document's file properties. Writing a
// document that is not checked out adds a version; a checked-out document is written in its
// user's copy until CheckinDocument makes that copy the next version (UndoCheckoutDocument drops
// it). Only the user who checked a document out may write it or check it in.
import type { NSObject } from '../object.js';
import { CrmMap } from '../../map.js';
import { CrmStream } from '../../nsstream.js';
import { reserve } from '../../../runtime/memory.js';
import { dateFromDb, db, fail } from './db.js';
import { found, lacking, make, type Methods } from './define.js';
import { idOf } from './view.js';
import { documentEntityView } from './activity-views.js';
import { associateName } from './people-views.js';
import { addVersion, addWorkingCopy, documentFiles, fileBytes, latestVersion, removeFiles, replaceFile, type ArchiveFile } from './document-archive.js';

const AGENT = 'NSDocumentAgent';
const at = (method: string): string => `${AGENT}.${method}`;

/** CheckoutState: not checked out, checked out by the user, by someone else. */
const STATE = { none: 0, own: 1, other: 2 };
/** ReturnType: None, Message. */
const RETURN = { none: 0, message: 1 };

/** The document's row, or a CRMScript error naming the method. */
function mustExist(method: string, id: number): void {
  if (!id || !db().get('document', id)) throw fail(at(method), `there is no document with id ${id}`);
}

/** An NSStream of these bytes (accounted to the run's memory: a Byte[] holds a number a byte). */
export function streamOf(bytes: Buffer): CrmStream {
  reserve(bytes.length * 8);
  return new CrmStream([...bytes]);
}

/** The bytes of an NSStream argument. */
export function bytesOf(stream: unknown): Buffer {
  return Buffer.from(stream instanceof CrmStream ? stream.bytes : []);
}

/** The content a document's reader gets: the user's checked-out copy, else the newest version. */
function currentFile(method: string, id: number): ArchiveFile {
  mustExist(method, id);
  const { versions, working } = documentFiles(id);
  const file = working && working.associateId === db().actor().associateId ? working : versions.at(-1);
  if (!file) throw fail(at(method), `document ${id} has no content in the sandbox's document archive (store it with SetDocumentStream or CreateNewPhysicalDocumentFromTemplate)`);
  return file;
}

/** The content of a document (for the template and merge methods too). */
export function documentBytes(method: string, id: number): Buffer {
  return fileBytes(currentFile(method, id));
}

/**
 * Stores a document's content: in the user's checked-out copy, else as its next version. A
 * document with content is written over only when `overwrite` is set; one checked out by someone
 * else is not written.
 */
export function writeDocument(method: string, id: number, bytes: Buffer, overwrite: boolean): NSObject {
  mustExist(method, id);
  const { versions, working } = documentFiles(id);
  const me = db().actor().associateId;
  if (working && working.associateId !== me) throw fail(at(method), `document ${id} is checked out by ${associateName(working.associateId) || `associate ${working.associateId}`}`);
  if (working) replaceFile(at(method), working, bytes);
  else if (versions.length && !overwrite) throw fail(at(method), `document ${id} already has content in the document archive (pass true for overwriteExistingData to store a new version)`);
  else addVersion(at(method), id, bytes);
  return found(documentEntityView, id, at(method), 'document');
}

const returnInfo = (success: boolean, value = '', versionId = ''): NSObject =>
  make('NSReturnInfo', { Success: success, Type: success ? RETURN.none : RETURN.message, Value: value, AdditionalInfo: '', VersionId: versionId, ExternalReference: '' });

/** The checked-out copy of a document and whether it is the user's. */
function checkout(method: string, id: number): { working: ArchiveFile | null; mine: boolean; versions: ArchiveFile[] } {
  mustExist(method, id);
  const { versions, working } = documentFiles(id);
  return { working, mine: !!working && working.associateId === db().actor().associateId, versions };
}

const byWhom = (f: ArchiveFile): string => associateName(f.associateId) || `associate ${f.associateId}`;

/** "[d 2025-03-05T12:00:00]": how document plugins give a date property. */
const propertyDate = (v: string): string => `[d ${v.replace(' ', 'T')}]`;

function versionInfo(id: number, f: ArchiveFile): NSObject {
  return make('NSVersionInfo', {
    DocumentId: id,
    VersionId: String(f.version),
    Description: f.description,
    DisplayText: `Version ${f.version}`,
    CheckedInByAssociateId: f.associateId,
    CheckedInByName: associateName(f.associateId),
    CheckedInDate: dateFromDb(f.registered || null),
    ExtraFields: f.extraFields ? f.extraFields.split('\n') : [],
    ExternalReference: '',
  });
}

export const documentFileMethods: Methods = {
  'GetDocumentStream(Integer)': (_a: unknown, id: number) => streamOf(documentBytes('GetDocumentStream', id)),
  'GetDocumentStreamFromEntity(NSDocumentEntity)': (_a: unknown, d: NSObject) => streamOf(documentBytes('GetDocumentStreamFromEntity', idOf(d))),
  'VerifyGetDocumentStream(Integer)': (_a: unknown, id: number) => {
    currentFile('VerifyGetDocumentStream', id);
  },
  'SetDocumentStream(NSDocumentEntity,NSStream,Bool)': (_a: unknown, d: NSObject, stream: unknown, overwrite: boolean) => writeDocument('SetDocumentStream', idOf(d), bytesOf(stream), overwrite),
  'SetDocumentStreamFromId(Integer,NSStream)': (_a: unknown, id: number, stream: unknown) => writeDocument('SetDocumentStreamFromId', id, bytesOf(stream), true),
  'GetCheckoutState(Integer)': (_a: unknown, id: number) => {
    const { working, mine } = checkout('GetCheckoutState', id);
    return make('NSCheckoutInfo', { State: !working ? STATE.none : mine ? STATE.own : STATE.other, AssociateId: working?.associateId ?? 0, Name: working ? byWhom(working) : '' });
  },
  'CheckoutDocument(Integer,String[])': (_a: unknown, id: number) => {
    const { working, mine, versions } = checkout('CheckoutDocument', id);
    if (working) return mine ? returnInfo(true, `document ${id} is already checked out by you`) : returnInfo(false, `document ${id} is checked out by ${byWhom(working)}`);
    const latest = versions.at(-1);
    if (!latest) return returnInfo(false, `document ${id} has no content in the sandbox's document archive to check out`);
    addWorkingCopy(id, fileBytes(latest));
    return returnInfo(true, '', String(latest.version));
  },
  'CheckinDocument(Integer,String[],String,String[])': (_a: unknown, id: number, _types: unknown, description: string, extra: unknown) => {
    const { working, mine } = checkout('CheckinDocument', id);
    if (!working) return returnInfo(false, `document ${id} is not checked out`);
    if (!mine) return returnInfo(false, `document ${id} is checked out by ${byWhom(working)}`);
    const fields = Array.isArray(extra) ? extra.map(String).join('\n') : '';
    const version = addVersion(at('CheckinDocument'), id, fileBytes(working), String(description ?? ''), fields);
    removeFiles([working]);
    return returnInfo(true, '', String(version));
  },
  'UndoCheckoutDocument(Integer,String[])': (_a: unknown, id: number) => {
    const { working, mine } = checkout('UndoCheckoutDocument', id);
    if (!working) return returnInfo(false, `document ${id} is not checked out`);
    if (!mine) return returnInfo(false, `document ${id} is checked out by ${byWhom(working)}`);
    removeFiles([working]);
    return returnInfo(true, '', String(latestVersion(id)?.version ?? ''));
  },
  'GetVersionList(Integer)': (_a: unknown, id: number) => checkout('GetVersionList', id).versions.map((f) => versionInfo(id, f)),
  'DeletePhysicalDocument(Integer,String[])': (_a: unknown, id: number) => {
    const { working, mine, versions } = checkout('DeletePhysicalDocument', id);
    if (working && !mine) return returnInfo(false, `document ${id} is checked out by ${byWhom(working)}`);
    if (!working && !versions.length) return returnInfo(false, `document ${id} has no content in the sandbox's document archive`);
    removeFiles(working ? [...versions, working] : versions);
    return returnInfo(true);
  },
  'GetDocumentProperties(Integer,String[])': (_a: unknown, id: number, requested: unknown) => {
    mustExist('GetDocumentProperties', id);
    const name = String(db().get('document', id)?.name ?? '');
    const latest = latestVersion(id);
    const all: Record<string, string> = {
      'file-name': name,
      'file-type': name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toUpperCase() : '',
      'has-locking': 'True',
      'has-versioning': 'True',
      'preferred-open': 'Stream',
      ...(latest ? { length: String(latest.size), 'last-modified': propertyDate(latest.registered) } : {}),
    };
    const keys = Array.isArray(requested) && requested.length ? requested.map(String) : Object.keys(all);
    const m = new CrmMap();
    for (const k of keys) if (all[k] !== undefined) m.put(k, all[k]);
    return m;
  },
  ...lacking(AGENT, 'the sandbox has no stream that writes into the document archive as it is written (fill an NSStream and pass it to SetDocumentStream)', ['CreateDocumentStream(NSDocumentEntity,Bool)']),
  ...lacking(AGENT, 'give the content: SetDocumentStream(entity, stream, overwrite) or SetDocumentStreamFromId(id, stream)', ['SetDocumentStream(NSDocumentEntity,Bool)', 'SetDocumentStreamFromId(Integer)']),
};
