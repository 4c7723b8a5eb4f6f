// NSQuoteAgent's quote attachments: documents a sale type gives every quote of its sales
// (SaleTypeQuoteAttachment, included by default or not) and the attachments of a quote version
// (QuoteVersionAttachment), each included in the next sending or not. CreateOrUpdateQuoteVersionAttachments
// brings a draft version's attachments in line with its sale's type: new ones come in with the
// sale type's default, ones the type no longer has go. A sent, archived, lost or sold version's
// attachments do not change.
import type { CrmRow } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { db, fail, hasTable } from './db.js';
import { col } from './view.js';
import { make, type Methods } from './define.js';
import { at, mustBeDraft, records, DRAFTS } from './quote-state.js';

const VERSION_LINKS = 'QuoteVersionAttachment';
const TYPE_LINKS = 'SaleTypeQuoteAttachment';

const eq = (column: string, value: number): { column: string; op: '='; value: number } => ({ column, op: '=', value });
const n = (r: CrmRow, c: string): number => Number(col(r, c) ?? 0) || 0;
const stamp = (): CrmRow => ({ registered: db().now(), registered_associate_id: db().actor().associateId, updated: db().now(), updated_associate_id: db().actor().associateId, updatedCount: 0 });

function mustTables(method: string): void {
  if (!hasTable(VERSION_LINKS) || !hasTable(TYPE_LINKS)) throw fail(at(method), 'this sandbox has no quote attachment tables (open it with this build to add them)');
}

const versionRows = (versionId: number): CrmRow[] => db().select(VERSION_LINKS, { where: [eq('QuoteVersionId', versionId)], orderBy: [{ column: 'quoteversionattachment_id' }] });
const asCarrier = (r: CrmRow): NSObject => make('NSQuoteVersionAttachment', { DocumentId: n(r, 'DocumentId'), Included: !!n(r, 'Included') });

/** Flips a flag column, answering its new value. */
function flip(table: string, id: number, column: string): boolean {
  const row = db().get(table, id)!;
  const next = n(row, column) ? 0 : 1;
  db().update(table, id, { [column]: next, updated: db().now(), updated_associate_id: db().actor().associateId });
  return next === 1;
}

/** The version's attachments in line with its sale type's (a locked version's as they are). */
function sync(method: string, versionId: number): NSObject[] {
  mustTables(method);
  const r = records(method, versionId);
  if (!DRAFTS.includes(Number(r.version.f.State))) return versionRows(versionId).map(asCarrier);
  const typeId = r.saleType ? Number(col(r.saleType, 'SaleType_Id') ?? col(r.saleType, 'saletype_id') ?? 0) : 0;
  const wanted = typeId ? db().select(TYPE_LINKS, { where: [eq('SaleTypeId', typeId)] }).filter((t) => db().get('document', n(t, 'DocumentId'))) : [];
  const have = versionRows(versionId);
  for (const row of have) if (!wanted.some((t) => n(t, 'DocumentId') === n(row, 'DocumentId'))) db().delete(VERSION_LINKS, n(row, 'quoteversionattachment_id'));
  for (const t of wanted)
    if (!have.some((row) => n(row, 'DocumentId') === n(t, 'DocumentId'))) db().insert(VERSION_LINKS, { QuoteVersionId: versionId, DocumentId: n(t, 'DocumentId'), Included: n(t, 'DefaultIncluded') ? 1 : 0, ...stamp() });
  return versionRows(versionId).map(asCarrier);
}

/** The documents to send with a version: its included attachments (none when the sandbox lacks the tables). */
export function includedAttachments(versionId: number): number[] {
  if (!hasTable(VERSION_LINKS)) return [];
  return versionRows(versionId).filter((r) => n(r, 'Included') && db().get('document', n(r, 'DocumentId'))).map((r) => n(r, 'DocumentId'));
}

/** CreateOrUpdateQuoteVersionAttachments for the quote documents (quote-documents.ts). */
export const syncAttachments = (method: string, versionId: number): NSObject[] => sync(method, versionId);

export const quoteAttachments: Methods = {
  'CreateOrUpdateQuoteVersionAttachments(Integer)': (_a: unknown, versionId: number) => sync('CreateOrUpdateQuoteVersionAttachments', versionId),
  'IncludeQuoteVersionAttachment(Integer,Integer,Bool)': (_a: unknown, versionId: number, documentId: number, include: boolean) => {
    const method = 'IncludeQuoteVersionAttachment';
    mustTables(method);
    mustBeDraft(method, records(method, versionId).version);
    const row = versionRows(versionId).find((r) => n(r, 'DocumentId') === Number(documentId));
    if (!row) throw fail(at(method), `document ${documentId} is not an attachment of quote version ${versionId} (CreateOrUpdateQuoteVersionAttachments adds the sale type's)`);
    db().update(VERSION_LINKS, n(row, 'quoteversionattachment_id'), { Included: include ? 1 : 0, updated: db().now(), updated_associate_id: db().actor().associateId });
    return !!include;
  },
  'ToggleQuoteVersionAttachmentIncluded(Integer)': (_a: unknown, id: number) => {
    const method = 'ToggleQuoteVersionAttachmentIncluded';
    mustTables(method);
    const row = id ? db().get(VERSION_LINKS, id) : null;
    if (!row) throw fail(at(method), `there is no quote version attachment with id ${id}`);
    mustBeDraft(method, records(method, n(row, 'QuoteVersionId')).version);
    return flip(VERSION_LINKS, id, 'Included');
  },
  // a document the sale type has already is not added twice: its link's id is the answer
  'AddSaleTypeQuoteAttachment(Integer,Integer)': (_a: unknown, saleTypeId: number, documentId: number) => {
    const method = 'AddSaleTypeQuoteAttachment';
    mustTables(method);
    if (!saleTypeId || !db().get('SaleType', saleTypeId)) throw fail(at(method), `there is no sale type with id ${saleTypeId}`);
    if (!documentId || !db().get('document', documentId)) throw fail(at(method), `there is no document with id ${documentId}`);
    const old = db().select(TYPE_LINKS, { where: [eq('SaleTypeId', saleTypeId), eq('DocumentId', documentId)], limit: 1 })[0];
    if (old) return n(old, 'saletypequoteattachment_id');
    return db().insert(TYPE_LINKS, { SaleTypeId: saleTypeId, DocumentId: documentId, DefaultIncluded: 1, ...stamp() });
  },
  'DeleteSaleTypeQuoteAttachment(Integer)': (_a: unknown, id: number) => {
    mustTables('DeleteSaleTypeQuoteAttachment');
    if (id) db().delete(TYPE_LINKS, id);
  },
  'ToggleSaleTypeQuoteAttachmentDefaultIncluded(Integer)': (_a: unknown, id: number) => {
    const method = 'ToggleSaleTypeQuoteAttachmentDefaultIncluded';
    mustTables(method);
    if (!id || !db().get(TYPE_LINKS, id)) throw fail(at(method), `there is no sale type quote attachment with id ${id}`);
    return flip(TYPE_LINKS, id, 'DefaultIncluded');
  },
};
