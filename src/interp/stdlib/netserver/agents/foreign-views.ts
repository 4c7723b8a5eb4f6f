// The foreign key system over SuperOffice's foreignapp, foreigndevice and foreignkey tables: an
// application (NSForeignAppEntity), its devices (NSForeignDevice: a name and an optional device
// identifier) and the devices' keys (NSForeignKey: a name and a value for a record of a table, the
// table by its number). Finding applications and devices by name, the keys of devices, and writing
// keys; NSForeignSystemAgent's methods (foreign-system.ts) are built from these.
import type { CrmCondition, CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, dateFromDb, fail } from './db.js';
import { col, loadWhere, lookup, register, save, type View } from './view.js';
import { associateName } from './people-views.js';
import { tableName, tableNumber } from './table-numbers.js';

const num = (row: CrmRow, c: string): number => Number(col(row, c) ?? 0);
const associateLogin = (id: unknown): string => lookup('associate', id, 'name');

export const deviceView: View = {
  cls: 'NSForeignDevice',
  table: 'foreigndevice',
  key: 'ForeignDeviceId',
  cols: 'Name=name:s DeviceIdentifier=device_id:s ForeignAppId=foreignapp_id:i',
  required: [['Name', "the device's name (SetName)"]],
  calc: (o, row) => {
    o.f.AssociateFullName = associateName(col(row, 'owner_id'));
    o.f.CreatedBy = associateLogin(col(row, 'registered_associate_id'));
    o.f.CreatedDate = dateFromDb(col(row, 'registered') ?? null);
    o.f.UpdatedBy = associateLogin(col(row, 'updated_associate_id'));
    o.f.UpdatedDate = dateFromDb(col(row, 'updated') ?? null);
  },
  // a new device is the user's
  extra: (_o, old): CrmRow => (old ? {} : { owner_id: db().actor().associateId }),
  beforeDelete: (id) => deleteKeys([{ column: 'foreigndevice_id', op: '=', value: id }]),
};

export const appView: View = {
  cls: 'NSForeignAppEntity',
  table: 'foreignapp',
  key: 'ForeignAppId',
  cols: 'Name=name:s',
  audit: true,
  required: [['Name', "the application's name (SetName)"]],
  calc: (o) => {
    o.f.Devices = loadWhere(deviceView, { foreignapp_id: Number(o.f.ForeignAppId) });
  },
  // the devices the entity carries are saved as the application's
  afterSave: (o, id) => {
    for (const d of Array.isArray(o.f.Devices) ? o.f.Devices : []) {
      if (!(d instanceof NSObject)) continue;
      d.f.ForeignAppId = id;
      save(deviceView, d, 'NSForeignSystemAgent.SaveForeignAppEntity');
    }
  },
  beforeDelete: (id) => {
    for (const d of db().select('foreigndevice', { columns: ['foreigndevice_id'], where: [{ column: 'foreignapp_id', op: '=', value: id }] })) {
      deleteKeys([{ column: 'foreigndevice_id', op: '=', value: num(d, 'foreigndevice_id') }]);
      db().delete('foreigndevice', num(d, 'foreigndevice_id'));
    }
  },
};

register(deviceView, appView);

/** The application named `name` (the first by id), or null. */
export function appRow(name: string): CrmRow | null {
  return db().select('foreignapp', { where: [{ column: 'name', op: '=', value: String(name ?? '') }], orderBy: [{ column: 'foreignapp_id' }], limit: 1 })[0] ?? null;
}

/** The id of the application named `name`, made when there is none and `create` says so (else 0). */
export function appId(name: string, where: string, create: boolean): number {
  const row = appRow(name);
  if (row) return num(row, 'foreignapp_id');
  if (!create) return 0;
  if (!String(name ?? '').trim()) throw fail(where, 'the application name is empty');
  const at = db().now();
  const who = db().actor().associateId;
  return db().insert('foreignapp', { name, registered: at, registered_associate_id: who, updated: at, updated_associate_id: who, updatedCount: 0 });
}

/**
 * The devices of application `app` named `name`, by id; with `identifier` only those with that
 * device identifier ('' : those without one). No such application: none.
 */
export function deviceRows(app: string, name: string, identifier?: string): CrmRow[] {
  const id = appId(app, '', false);
  if (!id) return [];
  const where: CrmCondition[] = [
    { column: 'foreignapp_id', op: '=', value: id },
    { column: 'name', op: '=', value: String(name ?? '') },
  ];
  if (identifier !== undefined) {
    const ident = String(identifier ?? '');
    where.push(ident ? { column: 'device_id', op: '=', value: ident } : { anyOf: [[{ column: 'device_id', op: 'is null' }], [{ column: 'device_id', op: '=', value: '' }]] });
  }
  return db().select('foreigndevice', { where, orderBy: [{ column: 'foreigndevice_id' }] });
}

/** The device of `app` named `name` with `identifier`, made (with the application) when there is none. */
export function deviceId(app: string, name: string, identifier: string, where: string): number {
  const found = deviceRows(app, name, identifier)[0];
  if (found) return num(found, 'foreigndevice_id');
  const d = new NSObject('NSForeignDevice');
  Object.assign(d.f, { Name: String(name ?? ''), DeviceIdentifier: String(identifier ?? ''), ForeignAppId: appId(app, where, true) });
  return save(deviceView, d, where);
}

export const deviceIds = (rows: CrmRow[]): number[] => rows.map((r) => num(r, 'foreigndevice_id'));

/** What keys are picked by: a name, a value, a table (its number; 0: any), a record (0: any). */
export interface KeyFilter {
  key?: string;
  value?: string;
  table?: number;
  record?: number;
}

function keyConditions(devices: number[], f: KeyFilter): CrmCondition[] {
  const where: CrmCondition[] = [{ column: 'foreigndevice_id', op: 'in', value: devices }];
  if (f.key !== undefined) where.push({ column: 'subkey', op: '=', value: f.key });
  if (f.value !== undefined) where.push({ column: 'subvalue', op: '=', value: f.value });
  if (f.table) where.push({ column: 'table_id', op: '=', value: f.table });
  if (f.table && f.record) where.push({ column: 'record_id', op: '=', value: f.record });
  return where;
}

/** A foreignkey row as NSForeignKey. */
export function keyOf(row: CrmRow | undefined): NSObject {
  const o = new NSObject('NSForeignKey');
  if (!row) return o;
  Object.assign(o.f, {
    Key: String(col(row, 'subkey') ?? ''),
    Value: String(col(row, 'subvalue') ?? ''),
    TableName: tableName(num(row, 'table_id')),
    RecordId: num(row, 'record_id'),
    CreatedBy: associateLogin(col(row, 'registered_associate_id')),
    CreatedDate: dateFromDb(col(row, 'registered') ?? null),
    UpdatedBy: associateLogin(col(row, 'updated_associate_id')),
    UpdatedDate: dateFromDb(col(row, 'updated') ?? null),
  });
  return o;
}

/** The keys of these devices that the filter picks, by id. */
export function keyRows(devices: number[], f: KeyFilter = {}, limit?: number): CrmRow[] {
  if (!devices.length) return [];
  return db().select('foreignkey', { where: keyConditions(devices, f), orderBy: [{ column: 'foreignkey_id' }], limit });
}

function deleteKeys(where: CrmCondition[]): void {
  for (const r of db().select('foreignkey', { columns: ['foreignkey_id'], where })) db().delete('foreignkey', num(r, 'foreignkey_id'));
}

/** Deletes the keys of these devices that the filter picks. */
export function deleteKeyRows(devices: number[], f: KeyFilter): void {
  if (devices.length) deleteKeys(keyConditions(devices, f));
}

/**
 * Writes key `k` (an NSForeignKey) on device `device`: a new row, or with `replace` the device's key
 * of that name for that table and record when there is one. Returns the key as stored.
 */
export function writeKey(k: unknown, device: number, replace: boolean, where: string): NSObject {
  if (!(k instanceof NSObject)) throw fail(where, 'no key to save');
  const key = String(k.f.Key ?? '');
  if (!key) throw fail(where, "the key's name (SetKey) is required");
  const table = tableNumber(String(k.f.TableName ?? ''), where);
  const record = Number(k.f.RecordId ?? 0) | 0;
  const value = String(k.f.Value ?? '');
  const crm = db();
  const at = crm.now();
  const who = crm.actor().associateId;
  const old = replace
    ? crm.select('foreignkey', { where: [{ column: 'foreigndevice_id', op: '=', value: device }, { column: 'subkey', op: '=', value: key }, { column: 'table_id', op: '=', value: table }, { column: 'record_id', op: '=', value: record }], orderBy: [{ column: 'foreignkey_id' }], limit: 1 })[0]
    : undefined;
  let id: number;
  if (old) {
    id = num(old, 'foreignkey_id');
    if (String(col(old, 'subvalue') ?? '') !== value) crm.update('foreignkey', id, { subvalue: value, updated: at, updated_associate_id: who, updatedCount: num(old, 'updatedCount') + 1 });
  } else {
    id = crm.insert('foreignkey', { foreigndevice_id: device, table_id: table, record_id: record, seqno: 0, subkey: key, subvalue: value, registered: at, registered_associate_id: who, updated: at, updated_associate_id: who, updatedCount: 0 });
  }
  return keyOf(crm.get('foreignkey', id) ?? undefined);
}
