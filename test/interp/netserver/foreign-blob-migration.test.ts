// A sandbox made by an older build (SQLite schema 13, PostgreSQL 12) gains the foreign key and
// binary object tables when opened: a demo sandbox gets the demo's web shop application with its
// device and keys, and blobs can be stored; an older sandbox's own foreign application with the
// demo's id keeps it.
import { afterAll, describe, expect, it } from 'vitest';
import { dirname } from 'node:path';
import { olderPgSandbox, olderSqliteSandbox, runFileOn } from '../../crm/helpers.js';
import { cleanupTempDirs, requireBuiltCli } from '../../common.js';
import { pgOnlyDescribe } from '../../store/backends.js';
import { loadSqlite } from '../../../src/crm/sqlite/engine.js';
import { FOREIGN_TABLES } from '../../../src/crm/demo-foreign.js';
import { PG_CRM_VERSION } from '../../../src/crm/pg/ddl.js';
import { backendCrm } from './backend-runs.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

/** What shows a sandbox has the demo's foreign application and keeps blobs. */
const SMOKE = `NSForeignSystemAgent fa;
String line = fa.GetAppByName("Webshop").GetForeignAppId().toString();
foreach (NSForeignKey k in fa.GetDeviceKeys("Webshop", "Sync")) line += " " + k.GetKey() + "=" + k.GetValue();
printLine(line);
NSBLOBAgent ba;
NSBlobEntity e = ba.CreateDefaultBlobEntity();
e.SetConceptualType("T");
Integer id = ba.SaveBlobEntity(e).GetBlobId();
ba.SetBlobStream(id, decodeBase64AsStream("AAEC/w=="));
printLine(encodeBase64(ba.GetBlobStream(id).GetStream()) + " " + ba.GetBlobEntity(id).GetBlobSize().toString());`;
const SMOKE_OUT = '1 CustomerNo=WS-1002 CustomerNo=WS-1003 ShopUserId=u-5501\nAAEC/w== 4\n';

/** A suite on an SQLite sandbox an older build left: this build's with the foreign tables dropped, then `sql`, at schema 13. */
function olderSqlite(sql: string[]): ReturnType<typeof backendCrm> {
  return backendCrm({
    name: 'json',
    fresh: async () => {
      await loadSqlite();
      return { dir: dirname(await olderSqliteSandbox('crm-foreign-old-', [...FOREIGN_TABLES.map((t) => `DROP TABLE "${t}"`), ...sql, 'PRAGMA user_version = 13'].join('; '))) };
    },
  });
}

describe('a demo sandbox made by an older build (SQLite)', () => {
  const sandbox = olderSqlite([]);
  it("gains the foreign key and blob tables, with the demo's foreign application, when opened", () => {
    expect(sandbox(SMOKE)).toMatchObject({ error: null, out: SMOKE_OUT });
  });
});

describe('a sandbox of other data made by an older build (SQLite)', () => {
  const sandbox = olderSqlite(['DELETE FROM config']);
  it('gains the tables without the demo rows', () => {
    expect(sandbox(SMOKE)).toMatchObject({ error: null, out: '0\nAAEC/w== 4\n' });
  });
});

pgOnlyDescribe('a sandbox made by an older build (PostgreSQL)', () => {
  it("gains the foreign key and blob tables, with the demo's foreign application, when a process of this build opens it", async () => {
    const { url, admin } = await olderPgSandbox([`DROP TABLE ${FOREIGN_TABLES.map((t) => `crm."${t.toLowerCase()}"`).join(', ')}`], 12);
    try {
      expect(await runFileOn(url, 'crm-foreign-pg-', SMOKE, ['--rollback'])).toBe(SMOKE_OUT);
      expect((await admin.query("SELECT v FROM crm.crm_meta WHERE k = 'schema'")).rows[0].v).toBe(String(PG_CRM_VERSION));
      expect((await admin.query("SELECT data_type FROM information_schema.columns WHERE table_schema = 'crm' AND table_name = 'binaryobject' AND column_name = 'binarydata'")).rows[0].data_type).toBe('bytea');
    } finally {
      await admin.end();
    }
  });
});
