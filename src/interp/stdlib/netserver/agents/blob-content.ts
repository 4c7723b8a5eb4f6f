// The bytes of a binary object (BinaryObject.binaryData: BLOB in SQLite, bytea in PostgreSQL). They
// travel to and from the database as hex text (SQLite's hex/unhex, PostgreSQL's encode/decode), so
// the CRM service's values stay text and numbers, and they are never read with the rest of the row.
// What a script can store is bounded: one blob holds at most MAX_BLOB_BYTES, and all the blobs of
// the sandbox together at most MAX_TOTAL_BLOB_BYTES (a script cannot fill the disk); reading and
// writing account the memory they take with the run's budget (runtime/memory.ts) before taking it.
import { reserve } from '../../../runtime/memory.js';
import { db, fail } from './db.js';

const MB = 1024 * 1024;
/** The most one blob holds. */
export const MAX_BLOB_BYTES = 4 * MB;
/** The most all blobs of the sandbox hold together. */
export const MAX_TOTAL_BLOB_BYTES = 32 * MB;

const limitText = (bytes: number): string => `${bytes / MB} MB (${bytes} bytes)`;

const pg = (): boolean => db().dialect === 'postgres';
const size = (expr: string): string => (pg() ? `octet_length(${expr})` : `length(${expr})`);

/** The number of bytes blob `id` holds (0 for none). */
export function storedSize(id: number): number {
  const r = db().query(`SELECT ${size('binaryData')} FROM BinaryObject WHERE BinaryObject_id = ?`, [id]);
  return Number(r.rows[0]?.[0] ?? 0);
}

/** The bytes all blobs of the sandbox hold. */
function totalSize(): number {
  return Number(db().query(`SELECT coalesce(sum(${size('binaryData')}), 0) FROM BinaryObject`).rows[0]?.[0] ?? 0);
}

/** The bytes of blob `id`, as a Byte[] (a number a byte). */
export function readBytes(id: number): number[] {
  const n = storedSize(id);
  // the hex text (a byte a character, two a byte), the buffer, and the array (8 bytes an element)
  reserve(n * 2 + n + n * 8);
  const hex = db().query(`SELECT ${pg() ? "encode(binaryData, 'hex')" : 'hex(binaryData)'} FROM BinaryObject WHERE BinaryObject_id = ?`, [id]).rows[0]?.[0];
  return [...Buffer.from(String(hex ?? ''), 'hex')];
}

/**
 * Replaces the bytes of blob `id` (which must exist) and its sizes, stamping the change; fails
 * naming `where` when the bytes pass a limit.
 */
export function writeBytes(id: number, bytes: number[], where: string): void {
  const n = bytes.length;
  if (n > MAX_BLOB_BYTES) throw fail(where, `the content is ${n} bytes; a blob in the sandbox CRM holds at most ${limitText(MAX_BLOB_BYTES)}`);
  const others = totalSize() - storedSize(id);
  if (others + n > MAX_TOTAL_BLOB_BYTES)
    throw fail(where, `the sandbox CRM's blobs would hold ${others + n} bytes; together they hold at most ${limitText(MAX_TOTAL_BLOB_BYTES)} (delete blobs to make room)`);
  // the buffer and its hex text
  reserve(n + n * 2);
  const hex = Buffer.from(bytes).toString('hex');
  const crm = db();
  const old = crm.select('BinaryObject', { columns: ['updatedCount'], where: [{ column: 'BinaryObject_id', op: '=', value: id }] })[0];
  const count = Number(old?.updatedCount ?? 0) + 1;
  crm.execute(
    `UPDATE BinaryObject SET binaryData = ${pg() ? "decode(?, 'hex')" : 'unhex(?)'}, blobSize = ?, originalSize = ?, updated = ?, updated_associate_id = ?, updatedCount = ? WHERE BinaryObject_id = ?`,
    [hex, n, n, crm.now(), crm.actor().associateId, count, id],
  );
}
