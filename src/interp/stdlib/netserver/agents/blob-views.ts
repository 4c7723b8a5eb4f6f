// Binary objects over SuperOffice's BinaryObject and BinaryObjectLink tables: the blob's
// description (NSBlobEntity: its type, MIME type, description, sizes, flags), read and written
// without its bytes (blob-content.ts keeps those), and the links that make a blob the image of a
// record (an owner table by number, a record, a BlobLinkType and a rank; the image is rank 1).
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail, toDb } from './db.js';
import { col, fromRow, updateChanged, type View } from './view.js';
import { empty } from './define.js';
import { tableNumber } from './table-numbers.js';
import { writeBytes } from './blob-content.js';

const TABLE = 'BinaryObject';
const LINKS = 'BinaryObjectLink';

export const blobView: View = {
  cls: 'NSBlobEntity',
  table: TABLE,
  key: 'BlobId',
  cols: 'ConceptualType=conceptualType:s MimeType=mimeType:s Description=description:s OriginalSize=originalSize:i BlobSize=blobSize:i IsZipped=isZipped:b IsEncrypted=isEncrypted:b ExtraInfo=extraInfo:s',
  audit: true,
};

/** The columns of BinaryObject other than the bytes. */
const described = (): string[] => (db().table(TABLE)?.columns ?? []).filter((c) => c.type !== 'Blob').map((c) => c.name);

/** The description row of blob `id`, or null. */
export function blobRow(id: number): CrmRow | null {
  if (!id) return null;
  return db().select(TABLE, { columns: described(), where: [{ column: 'BinaryObject_id', op: '=', value: id }] })[0] ?? null;
}

/** Blob `id` as NSBlobEntity (id 0 when there is none). */
export function blobEntity(id: number): NSObject {
  const row = blobRow(id);
  return row ? fromRow(blobView, row) : empty(blobView);
}

/** Blob `id`'s row, or a CRMScript error naming `where`. */
export function mustBlob(id: number, where: string): CrmRow {
  const row = blobRow(id);
  if (!row) throw fail(where, `there is no blob with id ${id}`);
  return row;
}

/** The columns a save writes from an entity (the sizes follow the stored bytes: SetBlobStream). */
function columnsOf(o: NSObject): CrmRow {
  return {
    conceptualType: toDb(o.f.ConceptualType, 's'),
    mimeType: toDb(o.f.MimeType, 's'),
    description: toDb(o.f.Description, 's'),
    extraInfo: toDb(o.f.ExtraInfo, 's'),
    isZipped: toDb(o.f.IsZipped, 'b'),
    isEncrypted: toDb(o.f.IsEncrypted, 'b'),
  };
}

/** Writes an entity's description (a new blob when its id is 0, without bytes); returns the id. */
export function saveBlob(o: unknown, where: string): number {
  if (!(o instanceof NSObject)) throw fail(where, 'nothing to save');
  const id = Number(o.f.BlobId ?? 0) | 0;
  const row = columnsOf(o);
  if (id) {
    updateChanged(TABLE, id, mustBlob(id, where), row);
    return id;
  }
  const crm = db();
  const at = crm.now();
  const who = crm.actor().associateId;
  return crm.insert(TABLE, { ...row, originalSize: 0, blobSize: 0, registered: at, registered_associate_id: who, updated: at, updated_associate_id: who, updatedCount: 0 });
}

/** A new blob with these properties and bytes; returns its id. */
export function newBlob(props: Record<string, unknown>, bytes: number[], where: string): number {
  const o = new NSObject('NSBlobEntity');
  Object.assign(o.f, props);
  const id = saveBlob(o, where);
  writeBytes(id, bytes, where);
  return id;
}

/** Deletes blob `id` with its links (false when there was none). */
export function deleteBlob(id: number): boolean {
  if (!blobRow(id)) return false;
  for (const l of db().select(LINKS, { columns: ['BinaryObjectLink_id'], where: [{ column: 'binaryObjectId', op: '=', value: id }] })) db().delete(LINKS, Number(col(l, 'BinaryObjectLink_id')));
  return db().delete(TABLE, id);
}

/** An owner of linked blobs: a record of a table, the link type of its image. */
export interface Owner {
  table: string;
  record: number;
  linkType: number;
}

function linkWhere(o: Owner, where: string): { column: string; op: '='; value: number }[] {
  return [
    { column: 'ownerTable', op: '=', value: tableNumber(o.table, where) },
    { column: 'ownerRecord', op: '=', value: o.record },
    { column: 'linkType', op: '=', value: o.linkType },
  ];
}

/** The link of the owner's image (its first by rank), or null. */
export function imageLink(o: Owner, where: string): CrmRow | null {
  return db().select(LINKS, { where: linkWhere(o, where), orderBy: [{ column: 'rank' }, { column: 'BinaryObjectLink_id' }], limit: 1 })[0] ?? null;
}

/** The id of the blob that is the owner's image (0 for none). */
export function imageOf(o: Owner, where: string): number {
  return Number(col(imageLink(o, where) ?? {}, 'binaryObjectId') ?? 0);
}

/** Fails naming `where` when the owner's record does not exist. */
export function mustOwner(o: Owner, what: string, where: string): void {
  if (!o.record || !db().get(o.table, o.record)) throw fail(where, `there is no ${what} with id ${o.record}`);
}

/** Makes blob `blob` the owner's image (rank 1), replacing the link it had; 0 removes the link. */
export function linkImage(o: Owner, blob: number, where: string): void {
  const crm = db();
  const old = imageLink(o, where);
  const oldId = old ? Number(col(old, 'BinaryObjectLink_id')) : 0;
  if (!blob) {
    if (oldId) crm.delete(LINKS, oldId);
    return;
  }
  if (old) {
    updateChanged(LINKS, oldId, old, { binaryObjectId: blob });
    return;
  }
  const at = crm.now();
  const who = crm.actor().associateId;
  const [table] = linkWhere(o, where);
  crm.insert(LINKS, { binaryObjectId: blob, ownerTable: table!.value, ownerRecord: o.record, linkType: o.linkType, rank: 1, linkComment: '', registered: at, registered_associate_id: who, updated: at, updated_associate_id: who, updatedCount: 0 });
}
