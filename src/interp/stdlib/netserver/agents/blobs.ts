// NSBLOBAgent: binary objects (blob-views.ts) and their bytes (blob-content.ts). The blob entity's
// cycle (its sizes follow the bytes SetBlobStream stores), its bytes as an NSStream, and the images
// of companies, persons, projects, products (and their thumbnails) and quote lines: each a blob
// linked to its record by a BinaryObjectLink of the image's BlobLinkType. Setting an image stores
// the bytes in the record's image blob (a new blob, linked, when it has none; no bytes remove the
// image); Change…Image links an existing blob. Images are kept as given: the sandbox does not scale
// them (the …WithSize methods fail) nor make product thumbnails. App data (Get/SetAppData) is a blob
// of conceptual type AppData per key (its extraInfo), holding the text as UTF-8.
import { NSObject } from '../object.js';
import { imageTypeOf } from '../../../util/content-types.js';
import { CrmStream } from '../../nsstream.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { lacking, make, type Methods } from './define.js';
import { readBytes, writeBytes } from './blob-content.js';
import { blobEntity, deleteBlob, imageOf, linkImage, mustBlob, mustOwner, newBlob, saveBlob, type Owner } from './blob-views.js';

const AGENT = 'NSBLOBAgent';
const at = (method: string): string => `${AGENT}.${method}`;

/** BlobLinkType values of the images. */
const LINK = { PersonImage: 1, ProjectImage: 2, ProductImage: 7, ProductThumbnail: 8, QuoteLineImage: 9, ContactImage: 17 } as const;
type Kind = keyof typeof LINK;

/** Each image: the table of its owner, what the owner is called in messages. */
const OWNERS: Record<Kind, [table: string, what: string]> = {
  ContactImage: ['contact', 'company'],
  PersonImage: ['person', 'person'],
  ProjectImage: ['project', 'project'],
  ProductImage: ['Product', 'product'],
  ProductThumbnail: ['Product', 'product'],
  QuoteLineImage: ['QuoteLine', 'quote line'],
};

const owner = (kind: Kind, record: number): Owner => ({ table: OWNERS[kind][0], record: record | 0, linkType: LINK[kind] });

const bytesOf = (v: unknown): number[] => (Array.isArray(v) ? (v as number[]) : []);
const imageBytes = (image: unknown): number[] => (image instanceof NSObject ? bytesOf(image.f.Image) : []);

/** The owner's image as NSImage (no bytes when it has none); errors name `where`. */
function getImage(kind: Kind, record: number, where: string): NSObject {
  const blob = imageOf(owner(kind, record), where);
  return make('NSImage', { Image: blob ? readBytes(blob) : [] });
}

/** Stores the owner's image: its image blob's bytes (a new blob when none); no bytes remove it. Errors name `where`. */
function setImage(kind: Kind, record: number, image: unknown, where: string): void {
  const o = owner(kind, record);
  mustOwner(o, OWNERS[kind][1], where);
  const bytes = imageBytes(image);
  const blob = imageOf(o, where);
  if (!bytes.length) {
    if (blob) {
      linkImage(o, 0, where);
      deleteBlob(blob);
    }
    return;
  }
  if (!blob) {
    linkImage(o, newBlob({ ConceptualType: kind, MimeType: imageTypeOf(bytes) }, bytes, where), where);
    return;
  }
  writeBytes(blob, bytes, where);
  db().update('BinaryObject', blob, { mimeType: imageTypeOf(bytes) });
}

/** Makes an existing blob the owner's image (0: no image). */
function changeImage(kind: Kind, record: number, blob: number, method: string): void {
  const where = at(method);
  const o = owner(kind, record);
  mustOwner(o, OWNERS[kind][1], where);
  if (blob) mustBlob(blob, where);
  linkImage(o, blob | 0, where);
}

const onOwner = (kind: Kind, method: string) => (_a: unknown, record: number) => blobEntity(imageOf(owner(kind, record), at(method)));

/** The blob holding app data `key`, or 0. */
function appDataBlob(key: string): number {
  const r = db().select('BinaryObject', { columns: ['BinaryObject_id'], where: [{ column: 'conceptualType', op: '=', value: 'AppData' }, { column: 'extraInfo', op: '=', value: key }], orderBy: [{ column: 'BinaryObject_id' }], limit: 1 })[0];
  return Number(col(r ?? {}, 'BinaryObject_id') ?? 0);
}

export const blobAgent: Methods = {
  'CreateDefaultBlobEntity()': () => make('NSBlobEntity', { BlobId: 0, ConceptualType: '', MimeType: '', Description: '', ExtraInfo: '', OriginalSize: 0, BlobSize: 0, IsZipped: false, IsEncrypted: false }),
  'GetBlobEntity(Integer)': (_a, id: number) => blobEntity(id | 0),
  'SaveBlobEntity(NSBlobEntity)': (_a, o: NSObject) => blobEntity(saveBlob(o, at('SaveBlobEntity'))),
  'DeleteBlobEntity(Integer)': (_a, id: number) => {
    deleteBlob(id | 0);
  },
  'GetBlobStream(Integer)': (_a, id: number) => {
    mustBlob(id | 0, at('GetBlobStream'));
    return new CrmStream(readBytes(id | 0));
  },
  'SetBlobStream(Integer,NSStream)': (_a, id: number, s: CrmStream) => {
    const where = at('SetBlobStream');
    mustBlob(id | 0, where);
    writeBytes(id | 0, s instanceof CrmStream ? s.bytes : [], where);
  },

  'GetBlobEntityOnContact(Integer)': onOwner('ContactImage', 'GetBlobEntityOnContact'),
  'GetBlobEntityOnPerson(Integer)': onOwner('PersonImage', 'GetBlobEntityOnPerson'),
  'GetBlobEntityOnProject(Integer)': onOwner('ProjectImage', 'GetBlobEntityOnProject'),
  'GetBlobEntityOnProduct(Integer)': onOwner('ProductImage', 'GetBlobEntityOnProduct'),
  'ChangeContactImage(Integer,Integer)': (_a, id: number, blob: number) => changeImage('ContactImage', id, blob, 'ChangeContactImage'),
  'ChangePersonImage(Integer,Integer)': (_a, id: number, blob: number) => changeImage('PersonImage', id, blob, 'ChangePersonImage'),
  'ChangeProjectImage(Integer,Integer)': (_a, id: number, blob: number) => changeImage('ProjectImage', id, blob, 'ChangeProjectImage'),
  'ChangeProductImage(Integer,Integer)': (_a, id: number, blob: number) => changeImage('ProductImage', id, blob, 'ChangeProductImage'),

  'GetContactImage(Integer)': (_a, id: number) => getImage('ContactImage', id, at('GetContactImage')),
  'GetPersonImage(Integer)': (_a, id: number) => getImage('PersonImage', id, at('GetPersonImage')),
  'GetProjectImage(Integer)': (_a, id: number) => getImage('ProjectImage', id, at('GetProjectImage')),
  'GetProductImage(Integer)': (_a, id: number) => getImage('ProductImage', id, at('GetProductImage')),
  'GetProductThumbnail(Integer)': (_a, id: number) => getImage('ProductThumbnail', id, at('GetProductThumbnail')),
  'GetQuoteLineImage(Integer)': (_a, id: number) => getImage('QuoteLineImage', id, at('GetQuoteLineImage')),
  'SetContactImage(Integer,NSImage)': (_a, id: number, image: NSObject) => setImage('ContactImage', id, image, at('SetContactImage')),
  'SetPersonImage(Integer,NSImage)': (_a, id: number, image: NSObject) => setImage('PersonImage', id, image, at('SetPersonImage')),
  'SetProjectImage(Integer,NSImage)': (_a, id: number, image: NSObject) => setImage('ProjectImage', id, image, at('SetProjectImage')),
  'SetProductImage(Integer,NSImage)': (_a, id: number, image: NSObject) => setImage('ProductImage', id, image, at('SetProductImage')),
  'SetProductThumbnail(Integer,NSImage)': (_a, id: number, image: NSObject) => setImage('ProductThumbnail', id, image, at('SetProductThumbnail')),

  // images kept without a record: the project image choices, an image of a BlobLinkType
  'SaveProjectImage(String,NSImage)': (_a, description: string, image: NSObject) => {
    const bytes = imageBytes(image);
    newBlob({ ConceptualType: 'ProjectImage', MimeType: imageTypeOf(bytes), Description: String(description ?? '') }, bytes, at('SaveProjectImage'));
  },
  'SaveImageStream(Integer,NSImage,String)': (_a, type: number, image: NSObject, description: string) => {
    const bytes = imageBytes(image);
    const kind = Object.entries(LINK).find(([, v]) => v === type)?.[0] ?? `BlobLinkType ${type}`;
    return newBlob({ ConceptualType: kind, MimeType: imageTypeOf(bytes), Description: String(description ?? '') }, bytes, at('SaveImageStream'));
  },

  'GetAppData(String)': (_a, key: string) => {
    const blob = appDataBlob(String(key ?? ''));
    return blob ? Buffer.from(readBytes(blob)).toString('utf8') : '';
  },
  'SetAppData(String,String)': (_a, key: string, data: string) => {
    const where = at('SetAppData');
    const k = String(key ?? '');
    if (!k) throw fail(where, 'the key is empty');
    const bytes = [...Buffer.from(String(data ?? ''), 'utf8')];
    const blob = appDataBlob(k);
    if (blob) writeBytes(blob, bytes, where);
    else newBlob({ ConceptualType: 'AppData', MimeType: 'text/plain', ExtraInfo: k }, bytes, where);
  },

  ...lacking(AGENT, 'the sandbox CRM does not scale images (GetContactImage, GetPersonImage and GetProjectImage give them as stored)', [
    'GetContactImageWithSize(Integer,Integer,Integer)',
    'GetPersonImageWithSize(Integer,Integer,Integer)',
    'GetProjectImageWithSize(Integer,Integer,Integer)',
  ]),
  ...lacking(AGENT, 'the sandbox CRM keeps no chat topic images (and does not scale images)', ['GetChatImageWithSize(Integer,Integer,Integer)']),
  ...lacking(AGENT, 'the sandbox CRM has no country flags (SuperOffice keeps them outside the database)', ['GetBlobEntityOnCountry(Integer)']),
  ...lacking(AGENT, 'the sandbox CRM has no batch tasks (no BatchTask table)', ['GetOutputFromBatch(Integer)', 'CleanupBatchTask(Integer)']),
};


/**
 * A record's image (as NSBLOBAgent's Get…Image and Set…Image) for the agent of its record:
 * NSProjectAgent's GetProjectImage and SetProjectImage, NSPersonAgent's GetPersonImage and SetPersonImage.
 */
export function recordImage(agent: string, kind: 'ProjectImage' | 'PersonImage'): Methods {
  return {
    [`Get${kind}(Integer)`]: (_a, id: number) => getImage(kind, id, `${agent}.Get${kind}`),
    [`Set${kind}(Integer,NSImage)`]: (_a, id: number, image: NSObject) => setImage(kind, id, image, `${agent}.Set${kind}`),
  };
}

/** A project's image for another agent (NSProjectAgent). */
export const projectImage = (agent: string): Methods => recordImage(agent, 'ProjectImage');
