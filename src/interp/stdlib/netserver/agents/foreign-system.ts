// NSForeignSystemAgent: the external ids an integration keeps for CRM records (foreign-views.ts).
// Applications and devices are found by name (a device also by its identifier: '' is a device
// without one); methods that write a device or a key make its application and device when they
// are not there yet. Reading a device by name only (GetDeviceByName, GetKey, GetDeviceKeys, ...)
// takes every device of that name; GetDeviceByName prefers the one without an identifier. A key
// belongs to a table (its name; '' for none) and a record; finding keys, a blank table name or a
// record id of 0 takes any.
import { NSObject } from '../object.js';
import { CrmMap } from '../../map.js';
import { db, fail } from './db.js';
import { col, load, lookup, remove, save } from './view.js';
import { byId, empty, entityCycle, make, saved, where, type Methods } from './define.js';
import { tableNumber } from './table-numbers.js';
import { appId, appRow, appView, deleteKeyRows, deviceId, deviceIds, deviceRows, deviceView, keyOf, keyRows, writeKey, type KeyFilter } from './foreign-views.js';

const AGENT = 'NSForeignSystemAgent';
const at = (method: string): string => `${AGENT}.${method}`;
const S = (v: unknown): string => String(v ?? '');

/** The device row `row` as NSForeignDevice (an empty one for none). */
const device = (row: Record<string, unknown> | undefined): NSObject => (row ? byId(deviceView, Number(col(row as never, 'foreigndevice_id'))) : empty(deviceView));

/** The keys of devices `ids` the filter picks, as NSForeignKey[]. */
const keys = (ids: number[], f: KeyFilter = {}): NSObject[] => keyRows(ids, f).map((r) => keyOf(r));
/** The first key of devices `ids` the filter picks (an empty NSForeignKey for none). */
const firstKey = (ids: number[], f: KeyFilter): NSObject => keyOf(keyRows(ids, f, 1)[0]);

/** What a read's table name and record id pick (the table must exist). */
const on = (method: string, table: unknown, record?: unknown): KeyFilter => ({ table: tableNumber(S(table), at(method)), record: Number(record ?? 0) | 0 });

const appDevices = (app: string): number[] => {
  const id = appId(app, '', false);
  return id ? deviceIds(db().select('foreigndevice', { columns: ['foreigndevice_id'], where: [{ column: 'foreignapp_id', op: '=', value: id }] })) : [];
};

function deleteDevices(ids: number[]): void {
  for (const id of ids) remove(deviceView, id);
}

export const foreignSystemAgent: Methods = {
  ...entityCycle(AGENT, 'ForeignApp', appView, () => make('NSForeignAppEntity', { ForeignAppId: 0, Name: '', Devices: [] })),
  'GetAppByName(String)': (_a, app: string) => {
    const row = appRow(app);
    return row ? byId(appView, Number(col(row, 'foreignapp_id'))) : empty(appView);
  },
  'GetApplicationDevices(String)': (_a, app: string) => {
    const id = appId(app, '', false);
    return id ? where(deviceView, 'foreignapp_id', id) : [];
  },
  'GetApplicationKeys(String)': (_a, app: string) => keys(appDevices(app)),
  'GetForeignDevice(Integer)': (_a, id: number) => byId(deviceView, id),

  // -- devices
  'AddDeviceByIdentifier(String,String,String)': (_a, app: string, name: string, ident: string) => byId(deviceView, deviceId(app, name, ident, at('AddDeviceByIdentifier'))),
  'GetDeviceByIdentifier(String,String,String)': (_a, app: string, name: string, ident: string) => device(deviceRows(app, name, ident)[0]),
  'GetDeviceByName(String,String)': (_a, app: string, name: string) => {
    const rows = deviceRows(app, name);
    return device(rows.find((r) => !S(col(r, 'device_id'))) ?? rows[0]);
  },
  'SaveDeviceByIdentifier(String,String,String,NSForeignDevice)': (_a, app: string, name: string, ident: string, d: NSObject) => {
    const where = at('SaveDeviceByIdentifier');
    if (!(d instanceof NSObject)) throw fail(where, 'no device to save');
    const id = deviceId(app, name, ident, where);
    const stored = load(deviceView, id)!;
    stored.f.Name = S(d.f.Name) || S(stored.f.Name);
    stored.f.DeviceIdentifier = S(d.f.DeviceIdentifier);
    return saved(AGENT, 'SaveDeviceByIdentifier', deviceView, stored);
  },
  'SaveForeignDevice(NSForeignDevice,String)': (_a, d: NSObject, app: string) => {
    const where = at('SaveForeignDevice');
    if (!(d instanceof NSObject)) throw fail(where, 'no device to save');
    const id = Number(d.f.ForeignDeviceId ?? 0) | 0;
    const appOf = id ? Number(load(deviceView, id)?.f.ForeignAppId ?? 0) : 0;
    if (id && !appOf) throw fail(where, `there is no foreign device with id ${id}`);
    const target = appId(app, where, true);
    if (appOf && appOf !== target) throw fail(where, `device ${id} belongs to another application than ${app}`);
    d.f.ForeignAppId = target;
    return byId(deviceView, save(deviceView, d, where));
  },
  'DeleteDeviceByIdentifier(String,String,String)': (_a, app: string, name: string, ident: string) => deleteDevices(deviceIds(deviceRows(app, name, ident))),
  'DeleteForeignDevice(NSForeignDevice,String)': (_a, d: NSObject, app: string) => {
    if (!(d instanceof NSObject)) throw fail(at('DeleteForeignDevice'), 'no device to delete');
    const id = Number(d.f.ForeignDeviceId ?? 0) | 0;
    const rows = id ? deviceRows(app, S(load(deviceView, id)?.f.Name), undefined).filter((r) => Number(col(r, 'foreigndevice_id')) === id) : deviceRows(app, S(d.f.Name), S(d.f.DeviceIdentifier));
    deleteDevices(deviceIds(rows));
  },

  // -- keys of a device
  'GetDeviceKeys(String,String)': (_a, app: string, name: string) => keys(deviceIds(deviceRows(app, name))),
  'GetDeviceKeysOnDeviceIdentifier(String,String,String)': (_a, app: string, name: string, ident: string) => keys(deviceIds(deviceRows(app, name, ident))),
  'GetDeviceKeysOnDeviceIdentifierTable(String,String,String,String)': (_a, app: string, name: string, ident: string, table: string) =>
    keys(deviceIds(deviceRows(app, name, ident)), on('GetDeviceKeysOnDeviceIdentifierTable', table)),
  'GetDeviceKeysOnDeviceIdentifierTableRecordId(String,String,String,String,Integer)': (_a, app: string, name: string, ident: string, table: string, record: number) =>
    keys(deviceIds(deviceRows(app, name, ident)), on('GetDeviceKeysOnDeviceIdentifierTableRecordId', table, record)),

  // -- one key
  'GetKey(String,String,String,String,Integer)': (_a, app: string, name: string, key: string, table: string, record: number) =>
    firstKey(deviceIds(deviceRows(app, name)), { key: S(key), ...on('GetKey', table, record) }),
  'GetKeyOnDeviceIdentifier(String,String,String,String,String,Integer)': (_a, app: string, name: string, ident: string, key: string, table: string, record: number) =>
    firstKey(deviceIds(deviceRows(app, name, ident)), { key: S(key), ...on('GetKeyOnDeviceIdentifier', table, record) }),
  'GetKeyValue(String,String,String,String,Integer)': (_a, app: string, name: string, key: string, table: string, record: number) =>
    S(firstKey(deviceIds(deviceRows(app, name)), { key: S(key), ...on('GetKeyValue', table, record) }).f.Value),
  'GetKeyValueOnDeviceIdentifier(String,String,String,String,String,Integer)': (_a, app: string, name: string, ident: string, key: string, table: string, record: number) =>
    S(firstKey(deviceIds(deviceRows(app, name, ident)), { key: S(key), ...on('GetKeyValueOnDeviceIdentifier', table, record) }).f.Value),
  'GetKeyByValue(String,String,String,String,String)': (_a, app: string, name: string, key: string, value: string, table: string) =>
    firstKey(deviceIds(deviceRows(app, name)), { key: S(key), value: S(value), ...on('GetKeyByValue', table) }),
  'GetKeyByValueAndIdentifier(String,String,String,String,String,String)': (_a, app: string, name: string, ident: string, key: string, value: string, table: string) =>
    firstKey(deviceIds(deviceRows(app, name, ident)), { key: S(key), value: S(value), ...on('GetKeyByValueAndIdentifier', table) }),

  // -- writing keys
  'AddForeignKey(NSForeignKey,String,String,String)': (_a, k: NSObject, app: string, name: string, ident: string) => {
    const where = at('AddForeignKey');
    return writeKey(k, deviceId(app, name, ident, where), false, where);
  },
  'SaveForeignKey(NSForeignKey,String,String,String)': (_a, k: NSObject, app: string, name: string, ident: string) => {
    const where = at('SaveForeignKey');
    return writeKey(k, deviceId(app, name, ident, where), true, where);
  },
  'DeleteForeignKey(NSForeignKey,String,String,String,String,Integer)': (_a, k: NSObject, app: string, name: string, ident: string, table: string, record: number) => {
    if (!(k instanceof NSObject)) throw fail(at('DeleteForeignKey'), 'no key to delete');
    deleteKeyRows(deviceIds(deviceRows(app, name, ident)), { key: S(k.f.Key), ...on('DeleteForeignKey', table, record) });
  },
  'DeleteForeignKeyOnName(String,String,String,String,String,Integer)': (_a, app: string, name: string, ident: string, key: string, table: string, record: number) =>
    deleteKeyRows(deviceIds(deviceRows(app, name, ident)), { key: S(key), ...on('DeleteForeignKeyOnName', table, record) }),

  // -- every key of a record
  'GetAllForeignKeysOnEntity(String,Integer)': (_a, entity: string, id: number) => {
    const table = tableNumber(S(entity), at('GetAllForeignKeysOnEntity'));
    const m = new CrmMap();
    if (!table) return m;
    const rows = db().select('foreignkey', { where: [{ column: 'table_id', op: '=', value: table }, { column: 'record_id', op: '=', value: id | 0 }], orderBy: [{ column: 'foreignkey_id' }] });
    for (const r of rows) {
      const dev = load(deviceView, Number(col(r, 'foreigndevice_id') ?? 0));
      const name = `${lookup('foreignapp', dev?.f.ForeignAppId, 'name')}.${S(dev?.f.Name)}.${S(col(r, 'subkey'))}`;
      if (!m.data.has(name)) m.put(name, S(col(r, 'subvalue')));
    }
    return m;
  },
};

