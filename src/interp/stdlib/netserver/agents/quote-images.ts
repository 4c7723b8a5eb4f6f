// NSQuoteAgent's images of quote lines and products: blobs (BinaryObject) linked to the line or
// product by a BinaryObjectLink of type QuoteLineImage or ProductImage, one per rank (NSBLOBAgent's
// image methods use rank 1). A line without an image of its own shows its product's (the product
// of its ERP product key in the quote's connection). Product images come from SuperOffice's own
// product register: the sandbox has no ERP system to ask.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { imageTypeOf } from '../../../util/content-types.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { found, make, type Methods } from './define.js';
import { tableNumber } from './table-numbers.js';
import { deleteBlob, newBlob } from './blob-views.js';
import { readBytes, writeBytes } from './blob-content.js';
import { connectionOfAlternative, quoteConnectionView, quoteLineView } from './quote-views.js';
import { productOfKey } from './quote-products.js';
import { at } from './quote-state.js';

const LINKS = 'BinaryObjectLink';
const QUOTE_LINE_IMAGE = 9;
const PRODUCT_IMAGE = 7;

function link(table: string, record: number, type: number, rank: number, where: string): CrmRow | null {
  return (
    db().select(LINKS, {
      where: [
        { column: 'ownerTable', op: '=', value: tableNumber(table, where) },
        { column: 'ownerRecord', op: '=', value: record },
        { column: 'linkType', op: '=', value: type },
        { column: 'rank', op: '=', value: rank },
      ],
      limit: 1,
    })[0] ?? null
  );
}

const blobOf = (row: CrmRow | null): number => Number(col(row ?? {}, 'binaryObjectId') ?? 0) || 0;
const rankOf = (rank: number): number => Math.max(1, Number(rank) | 0);

/** The image bytes of a line's rank: its own, else its product's. */
function lineImage(method: string, lineId: number, rank: number): number[] {
  const where = at(method);
  const line = found(quoteLineView, lineId, where, 'quote line');
  const own = blobOf(link('QuoteLine', lineId, QUOTE_LINE_IMAGE, rankOf(rank), where));
  if (own) return readBytes(own);
  const product = productOfKey(connectionOfAlternative(Number(line.f.QuoteAlternativeId)), String(line.f.ERPProductKey ?? ''));
  const blob = product ? blobOf(link('Product', Number(product.f.ProductId), PRODUCT_IMAGE, rankOf(rank), where)) : 0;
  return blob ? readBytes(blob) : [];
}

function saveLineImage(method: string, lineId: number, image: unknown, rank: number): void {
  const where = at(method);
  found(quoteLineView, lineId, where, 'quote line');
  const bytes = image instanceof NSObject && Array.isArray(image.f.Image) ? (image.f.Image as number[]) : [];
  const r = rankOf(rank);
  const old = link('QuoteLine', lineId, QUOTE_LINE_IMAGE, r, where);
  const blob = blobOf(old);
  if (!bytes.length) {
    if (old) {
      db().delete(LINKS, Number(col(old, 'BinaryObjectLink_id')));
      if (blob) deleteBlob(blob);
    }
    return;
  }
  if (blob) {
    writeBytes(blob, bytes, where);
    return;
  }
  const id = newBlob({ ConceptualType: 'QuoteLineImage', MimeType: imageTypeOf(bytes) }, bytes, where);
  const crm = db();
  const stamp = crm.now();
  const who = crm.actor().associateId;
  crm.insert(LINKS, { binaryObjectId: id, ownerTable: tableNumber('QuoteLine', where), ownerRecord: lineId, linkType: QUOTE_LINE_IMAGE, rank: r, linkComment: '', registered: stamp, registered_associate_id: who, updated: stamp, updated_associate_id: who, updatedCount: 0 });
}

export const quoteImages: Methods = {
  'GetQuoteLineImage(Integer,Integer)': (_a: unknown, lineId: number, rank: number) => make('NSImage', { Image: lineImage('GetQuoteLineImage', lineId, rank) }),
  'SaveQuoteLineImage(Integer,NSImage,Integer)': (_a: unknown, lineId: number, image: unknown, rank: number) => saveLineImage('SaveQuoteLineImage', lineId, image, rank),
  // the image as base64 ('' when the product has none at that rank)
  'GetProductImage(Integer,String,Integer)': (_a: unknown, connectionId: number, key: string, rank: number) => {
    const where = at('GetProductImage');
    found(quoteConnectionView, connectionId, where, 'quote connection');
    const product = productOfKey(connectionId, String(key ?? ''));
    if (!product) throw fail(where, `quote connection ${connectionId} has no product with key "${key}"`);
    const blob = blobOf(link('Product', Number(product.f.ProductId), PRODUCT_IMAGE, rankOf(rank), where));
    return blob ? Buffer.from(readBytes(blob)).toString('base64') : '';
  },
};
