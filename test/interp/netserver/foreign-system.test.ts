// NSForeignSystemAgent on a sandbox CRM with its demo data (SQLite, and PostgreSQL when a test
// server is set): the demo's web shop application (device Sync, identifier shop-01, keys
// CustomerNo of companies 2 and 3 and ShopUserId of person 5), applications and devices found by
// name and identifier, keys read by name, value, table and record, keys saved, added and deleted
// (with the application and device made when missing), deleting devices and applications with
// their keys, and the errors of what cannot be done.
import { describe, it, expect } from 'vitest';
import { describeBackends } from '../../store/backends.js';
import { backendCrm, withPrelude } from './backend-runs.js';

/** Helpers every script has: a key to write, a key as text, a list of keys as text. */
const PRELUDE = `
NSForeignSystemAgent fa;
NSForeignKey key(String name, String value, String table, Integer record) {
  NSForeignKey k;
  k.SetKey(name); k.SetValue(value); k.SetTableName(table); k.SetRecordId(record);
  return k;
}
String shown(NSForeignKey k) { return k.GetKey() + "=" + k.GetValue() + "@" + k.GetTableName() + "/" + k.GetRecordId().toString(); }
String all(NSForeignKey[] ks) {
  String line = ks.length().toString() + ":";
  foreach (NSForeignKey k in ks) line += " " + shown(k);
  return line;
}
String devices(NSForeignDevice[] ds) {
  String line = ds.length().toString() + ":";
  foreach (NSForeignDevice d in ds) line += " " + d.GetName() + "[" + d.GetDeviceIdentifier() + "]";
  return line;
}
`;

describeBackends('NSForeignSystemAgent', (b) => {
  const sandbox = backendCrm(b);
  const { run, error } = withPrelude(sandbox, PRELUDE);

  it("reads the demo's application, its device and keys", () => {
    expect(
      run(`NSForeignAppEntity app = fa.GetAppByName("Webshop");
printLine(app.GetForeignAppId().toString() + " " + app.GetName() + " " + app.GetCreatedBy().GetName() + " " + devices(app.GetDevices()));
NSForeignDevice d = fa.GetDeviceByName("Webshop", "Sync");
printLine(d.GetForeignDeviceId().toString() + " " + d.GetDeviceIdentifier() + " " + d.GetForeignAppId().toString() + " " + d.GetAssociateFullName() + " " + d.GetCreatedBy() + " " + d.GetCreatedDate().toString());
printLine(fa.GetDeviceByIdentifier("Webshop", "Sync", "shop-01").GetForeignDeviceId().toString() + " " + fa.GetDeviceByIdentifier("Webshop", "Sync", "").GetForeignDeviceId().toString() + " " + fa.GetForeignDevice(1).GetName());
printLine(all(fa.GetApplicationKeys("Webshop")));
printLine(all(fa.GetDeviceKeys("Webshop", "Sync")));
printLine(all(fa.GetDeviceKeysOnDeviceIdentifierTable("Webshop", "Sync", "shop-01", "contact")));
printLine(all(fa.GetDeviceKeysOnDeviceIdentifierTableRecordId("Webshop", "Sync", "shop-01", "person", 5)));
printLine(fa.GetKeyValue("Webshop", "Sync", "CustomerNo", "contact", 3) + " " + fa.GetKeyValueOnDeviceIdentifier("Webshop", "Sync", "shop-01", "ShopUserId", "person", 5) + " [" + fa.GetKeyValue("Webshop", "Sync", "CustomerNo", "contact", 4) + "]");
printLine(shown(fa.GetKey("Webshop", "Sync", "CustomerNo", "", 0)) + " " + shown(fa.GetKeyByValue("Webshop", "Sync", "CustomerNo", "WS-1003", "contact")) + " " + shown(fa.GetKeyByValueAndIdentifier("Webshop", "Sync", "shop-01", "CustomerNo", "WS-1002", "")));
Map m = fa.GetAllForeignKeysOnEntity("contact", 2);
for (m.first(); !m.eof(); m.next()) printLine(m.getKey() + " -> " + m.getVal());
printLine(fa.GetAppByName("Nothing").GetForeignAppId().toString() + " " + devices(fa.GetApplicationDevices("Nothing")) + " " + all(fa.GetApplicationKeys("Nothing")) + " " + shown(fa.GetKey("Webshop", "Other", "CustomerNo", "", 0)));`),
    ).toBe(
      '1 Webshop ADA 1: Sync[shop-01]\n' +
        '1 shop-01 1 Ada Admin ADA 2025-01-06 09:00:00\n' +
        '1 0 Sync\n' +
        '3: CustomerNo=WS-1002@contact/2 CustomerNo=WS-1003@contact/3 ShopUserId=u-5501@person/5\n' +
        '3: CustomerNo=WS-1002@contact/2 CustomerNo=WS-1003@contact/3 ShopUserId=u-5501@person/5\n' +
        '2: CustomerNo=WS-1002@contact/2 CustomerNo=WS-1003@contact/3\n' +
        '1: ShopUserId=u-5501@person/5\n' +
        'WS-1003 u-5501 []\n' +
        'CustomerNo=WS-1002@contact/2 CustomerNo=WS-1003@contact/3 CustomerNo=WS-1002@contact/2\n' +
        'Webshop.Sync.CustomerNo -> WS-1002\n' +
        '0 0: 0: =@/0\n',
    );
  });

  it('saves a key of a new application and device, replaces its value, adds and deletes keys', () => {
    const r = sandbox(
      PRELUDE +
        `NSForeignKey k = fa.SaveForeignKey(key("ErpId", "E-7", "person", 7), "ERP", "Main", "");
printLine(shown(k) + " " + k.GetCreatedBy() + " " + devices(fa.GetApplicationDevices("ERP")));
fa.SaveForeignKey(key("ErpId", "E-8", "person", 7), "ERP", "Main", "");
printLine(all(fa.GetDeviceKeysOnDeviceIdentifier("ERP", "Main", "")));
fa.AddForeignKey(key("ErpId", "E-9", "person", 8), "ERP", "Main", "");
fa.AddForeignKey(key("ErpId", "E-10", "contact", 3), "ERP", "Main", "");
fa.AddForeignKey(key("Note", "x", "", 0), "ERP", "Main", "");
printLine(all(fa.GetDeviceKeys("ERP", "Main")));
fa.DeleteForeignKeyOnName("ERP", "Main", "", "ErpId", "person", 8);
printLine(all(fa.GetDeviceKeys("ERP", "Main")));
fa.DeleteForeignKey(key("ErpId", "", "", 0), "ERP", "Main", "", "person", 0);
printLine(all(fa.GetDeviceKeys("ERP", "Main")));
fa.DeleteForeignKeyOnName("ERP", "Main", "", "ErpId", "", 0);
printLine(all(fa.GetDeviceKeys("ERP", "Main")) + " | " + all(fa.GetDeviceKeys("Webshop", "Sync")));`,
    );
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'ErpId=E-7@person/7 ADA 1: Main[]\n' +
        '1: ErpId=E-8@person/7\n' +
        '4: ErpId=E-8@person/7 ErpId=E-9@person/8 ErpId=E-10@contact/3 Note=x@/0\n' +
        '3: ErpId=E-8@person/7 ErpId=E-10@contact/3 Note=x@/0\n' +
        '2: ErpId=E-10@contact/3 Note=x@/0\n' +
        '1: Note=x@/0 | 3: CustomerNo=WS-1002@contact/2 CustomerNo=WS-1003@contact/3 ShopUserId=u-5501@person/5\n',
    );
    expect([...new Set(r.changes.map((c) => `${c.kind} ${c.table}`))]).toEqual(['insert foreignapp', 'insert foreigndevice', 'insert foreignkey']);
  });

  it('adds, finds, renames and deletes devices, and deletes an application with its devices and keys', () => {
    expect(
      run(`NSForeignDevice d = fa.AddDeviceByIdentifier("Webshop", "Sync", "shop-02");
printLine(d.GetName() + " " + d.GetDeviceIdentifier() + " " + (d.GetForeignDeviceId() > 1).toString() + " " + (fa.AddDeviceByIdentifier("Webshop", "Sync", "shop-02").GetForeignDeviceId() == d.GetForeignDeviceId()).toString());
fa.SaveForeignKey(key("CustomerNo", "B-1", "contact", 4), "Webshop", "Sync", "shop-02");
printLine(devices(fa.GetApplicationDevices("Webshop")) + " " + all(fa.GetDeviceKeysOnDeviceIdentifier("Webshop", "Sync", "shop-02")) + " " + fa.GetKeyValue("Webshop", "Sync", "CustomerNo", "contact", 4));
NSForeignDevice n; n.SetName("Sync2"); n.SetDeviceIdentifier("shop-02b");
printLine(fa.SaveDeviceByIdentifier("Webshop", "Sync", "shop-02", n).GetName() + " " + devices(fa.GetApplicationDevices("Webshop")));
NSForeignDevice t; t.SetName("Tablet");
t = fa.SaveForeignDevice(t, "Field");
printLine(t.GetName() + " " + fa.GetAppByName("Field").GetName() + " " + (t.GetForeignAppId() == fa.GetAppByName("Field").GetForeignAppId()).toString());
fa.DeleteDeviceByIdentifier("Webshop", "Sync2", "shop-02b");
printLine(devices(fa.GetApplicationDevices("Webshop")) + " " + all(fa.GetDeviceKeys("Webshop", "Sync2")));
fa.DeleteForeignDevice(t, "Field");
printLine(devices(fa.GetApplicationDevices("Field")));
fa.DeleteForeignAppEntity(1);
printLine(fa.GetAppByName("Webshop").GetForeignAppId().toString() + " " + fa.GetForeignDevice(1).GetForeignDeviceId().toString());
Map m = fa.GetAllForeignKeysOnEntity("contact", 2);
printLine(m.size().toString());`),
    ).toBe('Sync shop-02 true true\n2: Sync[shop-01] Sync[shop-02] 1: CustomerNo=B-1@contact/4 B-1\nSync2 2: Sync[shop-01] Sync2[shop-02b]\nTablet Field true\n1: Sync[shop-01] 0:\n0:\n0 0\n0\n');
  });

  it('creates, saves and reads application entities with their devices', () => {
    expect(
      run(`NSForeignAppEntity a = fa.CreateDefaultForeignAppEntity();
printLine(a.GetForeignAppId().toString() + " [" + a.GetName() + "] " + a.GetDevices().length().toString());
a.SetName("CRM sync");
NSForeignDevice d; d.SetName("Laptop"); d.SetDeviceIdentifier("L-1");
NSForeignDevice[] ds; ds.pushBack(d);
a.SetDevices(ds);
a = fa.SaveForeignAppEntity(a);
printLine(a.GetName() + " " + a.GetCreatedBy().GetName() + " " + devices(a.GetDevices()) + " " + fa.GetDeviceByIdentifier("CRM sync", "Laptop", "L-1").GetName());
a.SetName("CRM sync 2");
a = fa.SaveForeignAppEntity(a);
printLine(fa.GetForeignAppEntity(a.GetForeignAppId()).GetName() + " " + a.GetUpdatedBy().GetName() + " " + fa.GetForeignAppEntity(999).GetForeignAppId().toString());`),
    ).toBe('0 [] 0\nCRM sync ADA 1: Laptop[L-1] Laptop\nCRM sync 2 ADA 0\n');
  });

  it('says what it cannot do', () => {
    expect(error('fa.SaveForeignAppEntity(fa.CreateDefaultForeignAppEntity());')).toBe("NSForeignSystemAgent.SaveForeignAppEntity: the application's name (SetName) is required");
    expect(error('fa.GetKey("Webshop", "Sync", "CustomerNo", "nosuch", 1);')).toBe('NSForeignSystemAgent.GetKey: there is no table "nosuch" in the sandbox CRM');
    expect(error('fa.SaveForeignKey(key("", "v", "contact", 1), "Webshop", "Sync", "shop-01");')).toBe("NSForeignSystemAgent.SaveForeignKey: the key's name (SetKey) is required");
    expect(error('fa.AddForeignKey(key("k", "v", "chat_topic", 1), "Webshop", "Sync", "shop-01");')).toBe('NSForeignSystemAgent.AddForeignKey: the table chat_topic has no table number in the sandbox CRM (only SuperOffice\'s own tables have one)');
    expect(error('NSForeignDevice d; d.SetForeignDeviceId(99); d.SetName("x"); fa.SaveForeignDevice(d, "Webshop");')).toBe('NSForeignSystemAgent.SaveForeignDevice: there is no foreign device with id 99');
    expect(error('NSForeignDevice d; fa.SaveForeignDevice(d, "Webshop");')).toBe("NSForeignSystemAgent.SaveForeignDevice: the device's name (SetName) is required");
    expect(error('fa.AddDeviceByIdentifier("", "Sync", "");')).toBe('NSForeignSystemAgent.AddDeviceByIdentifier: the application name is empty');
  });
});

describe('NSForeignSystemAgent without a CRM', () => {
  it('is registered as an agent of the sandbox CRM', async () => {
    const { CRM_AGENTS } = await import('../../../src/interp/stdlib/netserver/agent-names.js');
    expect(CRM_AGENTS).toContain('NSForeignSystemAgent');
  });
});
