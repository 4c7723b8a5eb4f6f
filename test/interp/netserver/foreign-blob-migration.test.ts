// A sandbox made by an older build (SQLite schema 13, PostgreSQL 12) gains the foreign key and
// binary object tables when opened: a demo sandbox gets the demo's web shop application with its
// device and keys, and blobs can be stored; an older sandbox's own foreign application with the
// demo's id keeps it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { olderPgSandbox, olderSqliteSandbox, runFileOn, runWithCrm } from '../../crm/helpers.js';
import { cleanupTempDirs, requireBuiltCli } from '../../common.js';
import { pgOnlyDescribe } from '../../store/backends.js';
import { openDriver, serviceOver } from '../../../src/crm/open.js';
import { loadSqlite } from '../../../src/crm/sqlite/engine.js';
import { FOREIGN_TABLES } from '../../../src/crm/demo-foreign.js';
import { PG_CRM_VERSION } from '../../../src/crm/pg/ddl.js';

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

describe('a sandbox made by an older build (SQLite)', () => {
  beforeAll(() => loadSqlite());

  const opened = async (sql: string[]): Promise<string> => {
    const file = await olderSqliteSandbox('crm-foreign-old-', [...FOREIGN_TABLES.map((t) => `DROP TABLE "${t}"`), ...sql, 'PRAGMA user_version = 13'].join('; '));
    const driver = await openDriver(file);
    try {
      const r = runWithCrm({ dir: '', driver, crm: serviceOver(driver, { rollback: true }) }, SMOKE);
      expect(r.diagnostics).toEqual([]);
      expect(r.error).toBeNull();
      return r.output;
    } finally {
      driver.close();
    }
  };

  it("gains the foreign key and blob tables, with the demo's foreign application, when opened", async () => {
    expect(await opened([])).toBe(SMOKE_OUT);
  });

  it('gets the tables without the demo rows when it does not hold the demo data', async () => {
    expect(await opened(['DELETE FROM config'])).toBe('0\nAAEC/w== 4\n');
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
