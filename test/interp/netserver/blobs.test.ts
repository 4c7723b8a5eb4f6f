// NSBLOBAgent on a sandbox CRM with its demo data (SQLite, and PostgreSQL when a test server is
// set): blob entities and their bytes through NSStream (stored as bytes: BLOB / bytea, logged in
// the run's changes as their size), the images of companies, persons, projects and products as
// blobs linked to their records, images kept without a record, app data, the limits on what a
// script can store, and the methods the sandbox cannot do.
import { it, expect } from 'vitest';
import { describeBackends } from '../../store/backends.js';
import type { CrmService } from '../../../src/interp/runtime/crm-service.js';
import { backendCrm, withPrelude } from './backend-runs.js';

/** Helpers every script has: a stream and an image of base64 bytes, an entity as text. */
const PRELUDE = `
NSBLOBAgent ba;
NSImage image(String base64) { NSImage i; i.SetImage(decodeBase64(base64)); return i; }
String shown(NSBlobEntity e) {
  return e.GetBlobId().toString() + " " + e.GetConceptualType() + " " + e.GetMimeType() + " [" + e.GetDescription() + "] " + e.GetBlobSize().toString() + "/" + e.GetOriginalSize().toString();
}
`;
/** The bytes of a PNG file's signature, and of a JPEG's start. */
const PNG = 'iVBORw0KGgo=';
const JPEG = '/9j/4AAQ';

/** The storage type and bytes (hex) of the newest blob, as the database has them. */
function newestBytes(crm: CrmService): string {
  const sql =
    crm.dialect === 'postgres'
      ? "SELECT pg_typeof(binarydata)::text, upper(encode(binarydata, 'hex')) FROM binaryobject ORDER BY binaryobject_id DESC LIMIT 1"
      : 'SELECT typeof(binaryData), hex(binaryData) FROM BinaryObject ORDER BY BinaryObject_id DESC LIMIT 1';
  return crm.query(sql).rows[0]!.join(' ');
}

describeBackends('NSBLOBAgent', (b) => {
  const sandbox = backendCrm(b);
  const { run, error } = withPrelude(sandbox, PRELUDE);

  it('saves a blob entity, stores its bytes from a stream as bytes and reads them back', () => {
    let stored = '';
    const r = sandbox(
      PRELUDE +
        `NSBlobEntity e = ba.CreateDefaultBlobEntity();
printLine(shown(e));
e.SetConceptualType("REPORT"); e.SetMimeType("application/octet-stream"); e.SetDescription("Monthly export"); e.SetExtraInfo("run 7");
e.SetBlobSize(999);
e = ba.SaveBlobEntity(e);
Integer id = e.GetBlobId();
printLine((id > 0).toString() + " " + e.GetConceptualType() + " " + e.GetBlobSize().toString() + " " + e.GetCreatedBy().GetName() + " " + e.GetExtraInfo() + " " + encodeBase64(ba.GetBlobStream(id).GetStream()) + ".");
ba.SetBlobStream(id, decodeBase64AsStream("AAEC/w=="));
NSBlobEntity g = ba.GetBlobEntity(id);
printLine(g.GetDescription() + " " + g.GetBlobSize().toString() + "/" + g.GetOriginalSize().toString() + " " + g.GetIsZipped().toString() + " " + encodeBase64(ba.GetBlobStream(id).GetStream()));
g.SetDescription("Monthly export (March)");
printLine(shown(ba.SaveBlobEntity(g)).after(" "));
printLine(encodeBase64(ba.GetBlobStream(id).GetStream()) + " " + ba.GetBlobEntity(id + 100).GetBlobId().toString());`,
      { check: (crm) => (stored = newestBytes(crm)) },
    );
    expect(r.error).toBeNull();
    expect(r.out).toBe('0   [] 0/0\ntrue REPORT 0 ADA run 7 .\nMonthly export 4/4 false AAEC/w==\nREPORT application/octet-stream [Monthly export (March)] 4/4\nAAEC/w== 0\n');
    expect(stored).toBe(b.name === 'postgres' ? 'bytea 000102FF' : 'blob 000102FF');
    const bytes = r.changes.find((c) => c.table.toLowerCase() === 'binaryobject')!.columns.find((c) => c.name.toLowerCase() === 'binarydata');
    expect(bytes?.new).toBe('4 bytes');
  });

  it("sets, reads, changes and removes the images of companies, persons, projects and products", () => {
    expect(
      run(`ba.SetContactImage(2, image("${PNG}"));
NSBlobEntity c = ba.GetBlobEntityOnContact(2);
printLine(shown(c).after(" ") + " " + encodeBase64(ba.GetContactImage(2).GetImage()) + " " + ba.GetBlobEntityOnContact(3).GetBlobId().toString() + " [" + encodeBase64(ba.GetContactImage(3).GetImage()) + "]");
ba.SetContactImage(2, image("${JPEG}"));
printLine((ba.GetBlobEntityOnContact(2).GetBlobId() == c.GetBlobId()).toString() + " " + ba.GetBlobEntityOnContact(2).GetMimeType() + " " + encodeBase64(ba.GetContactImage(2).GetImage()));
ba.ChangePersonImage(5, c.GetBlobId());
printLine(encodeBase64(ba.GetPersonImage(5).GetImage()) + " " + (ba.GetBlobEntityOnPerson(5).GetBlobId() == c.GetBlobId()).toString());
ba.SetProjectImage(1, image("${PNG}"));
ba.SetProductImage(1, image("${PNG}"));
ba.SetProductThumbnail(1, image("${JPEG}"));
printLine(encodeBase64(ba.GetProjectImage(1).GetImage()) + " " + ba.GetBlobEntityOnProject(1).GetConceptualType() + " " + encodeBase64(ba.GetProductImage(1).GetImage()) + " " + encodeBase64(ba.GetProductThumbnail(1).GetImage()) + " " + ba.GetBlobEntityOnProduct(1).GetMimeType() + " [" + encodeBase64(ba.GetQuoteLineImage(1).GetImage()) + "]");
ba.ChangePersonImage(5, 0);
ba.SetContactImage(2, image(""));
printLine(ba.GetBlobEntityOnPerson(5).GetBlobId().toString() + " " + ba.GetBlobEntityOnContact(2).GetBlobId().toString() + " " + ba.GetBlobEntity(c.GetBlobId()).GetBlobId().toString());
Integer p = ba.GetBlobEntityOnProject(1).GetBlobId();
ba.ChangeContactImage(3, p);
ba.DeleteBlobEntity(p);
printLine(ba.GetBlobEntityOnProject(1).GetBlobId().toString() + " " + ba.GetBlobEntityOnContact(3).GetBlobId().toString());`),
    ).toBe(
      'ContactImage image/png [] 8/8 iVBORw0KGgo= 0 []\n' +
        'true image/jpeg /9j/4AAQ\n' +
        '/9j/4AAQ true\n' +
        'iVBORw0KGgo= ProjectImage iVBORw0KGgo= /9j/4AAQ image/png []\n' +
        '0 0 0\n' +
        '0 0\n',
    );
  });

  it('keeps images without a record, and app data by key', () => {
    expect(
      run(`Integer id = ba.SaveImageStream(1, image("${PNG}"), "Portrait");
printLine(shown(ba.GetBlobEntity(id)).after(" "));
ba.SaveProjectImage("Harbour", image("${JPEG}"));
SearchEngine se; se.addField("BinaryObject.description"); se.addField("BinaryObject.conceptualType"); se.addOrder("BinaryObject.BinaryObject_id", true);
for (se.execute(); !se.eof(); se.next()) printLine(se.getField(0) + " " + se.getField(1));
printLine("[" + ba.GetAppData("sync.state") + "]");
ba.SetAppData("sync.state", "cursor=42 ✓");
ba.SetAppData("sync.state", "cursor=43 ✓");
ba.SetAppData("other", "x");
printLine(ba.GetAppData("sync.state") + " " + ba.GetAppData("other"));`),
    ).toBe('PersonImage image/png [Portrait] 8/8\nPortrait PersonImage\nHarbour ProjectImage\n[]\ncursor=43 ✓ x\n');
  });

  it('refuses a blob over the size limit, saying the limit', () => {
    const r = sandbox(
      PRELUDE +
        `String s = "a";
for (Integer i = 0; i < 22; i++) s = s + s;
NSStream big; big.SetStream((s + "b").toByteArray());
NSBlobEntity e = ba.CreateDefaultBlobEntity();
e.SetConceptualType("BIG");
Integer id = ba.SaveBlobEntity(e).GetBlobId();
ba.SetBlobStream(id, big);`,
    );
    expect(r.error).toBe('NSBLOBAgent.SetBlobStream: the content is 4194305 bytes; a blob in the sandbox CRM holds at most 4 MB (4194304 bytes)');
  });

  if (b.name === 'json')
    it("refuses bytes that would take the sandbox's blobs over their total, saying it", () => {
      const r = sandbox(PRELUDE + `ba.SetContactImage(2, image("${PNG}"));`, {
        seed: (crm) => {
          crm.execute("INSERT INTO BinaryObject (conceptualType, binaryData, blobSize, originalSize) VALUES ('FILLER', zeroblob(33554430), 33554430, 33554430)");
        },
      });
      expect(r.error).toBe("NSBLOBAgent.SetContactImage: the sandbox CRM's blobs would hold 33554438 bytes; together they hold at most 32 MB (33554432 bytes) (delete blobs to make room)");
    });

  it('says what it cannot do', () => {
    expect(error('ba.GetBlobStream(99);')).toBe('NSBLOBAgent.GetBlobStream: there is no blob with id 99');
    expect(error('ba.SetBlobStream(99, decodeBase64AsStream("AA=="));')).toBe('NSBLOBAgent.SetBlobStream: there is no blob with id 99');
    expect(error(`ba.SetContactImage(99, image("${PNG}"));`)).toBe('NSBLOBAgent.SetContactImage: there is no company with id 99');
    expect(error('ba.ChangePersonImage(5, 99);')).toBe('NSBLOBAgent.ChangePersonImage: there is no blob with id 99');
    expect(error('NSBlobEntity e; e.SetBlobId(99); ba.SaveBlobEntity(e);')).toBe('NSBLOBAgent.SaveBlobEntity: there is no blob with id 99');
    expect(error('ba.GetContactImageWithSize(2, 64, 64);')).toBe('NSBLOBAgent.GetContactImageWithSize: the sandbox CRM does not scale images (GetContactImage, GetPersonImage and GetProjectImage give them as stored)');
    expect(error('ba.GetBlobEntityOnCountry(1);')).toBe('NSBLOBAgent.GetBlobEntityOnCountry: the sandbox CRM has no country flags (SuperOffice keeps them outside the database)');
    expect(error('ba.GetOutputFromBatch(1);')).toBe('NSBLOBAgent.GetOutputFromBatch: the sandbox CRM has no batch tasks (no BatchTask table)');
    expect(error('ba.SetAppData("", "x");')).toBe('NSBLOBAgent.SetAppData: the key is empty');
  });
});
