// NSResourceAgent over SuperOffice's ResourceOverride table: a text resource (SR_CONTACT, named
// without brackets) given another value in a .NET culture (NB-NO, EN-US), active or not. Names and
// cultures compare in any letter case; a blank culture stands for every culture of the resource.
// The override system's master switch (ActivateResourceSubstitution and IsResourceSubstitutionActive
// with a blank resource name) is kept as the row with a blank name and culture; without that row
// the overrides are on.
import type { CrmRow } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, updateChanged } from './view.js';
import { make, type Methods } from './define.js';

const AGENT = 'NSResourceAgent';
const at = (m: string): string => `${AGENT}.${m}`;
const TABLE = 'ResourceOverride';

/** A resource name without surrounding brackets or braces, and outer blanks. */
const bare = (name: unknown): string => String(name ?? '').trim().replace(/^[[{]+|[\]}]+$/g, '').trim();
const same = (a: unknown, b: string): boolean => String(a ?? '').toLowerCase() === b.toLowerCase();
const str = (r: CrmRow, c: string): string => String(col(r, c) ?? '');
const idOf = (r: CrmRow): number => Number(col(r, db().table(TABLE)!.primaryKey) ?? 0);

function all(): CrmRow[] {
  return db().select(TABLE, { orderBy: [{ column: 'ResourceName' }, { column: 'Culture' }] });
}

const isMaster = (r: CrmRow): boolean => !str(r, 'ResourceName') && !str(r, 'Culture');

/** The overrides of these resources (all when none named) in a culture ('' : every culture). */
function matching(names: string[], culture: string): CrmRow[] {
  const wanted = names.map(bare).filter(Boolean);
  return all().filter((r) => !isMaster(r) && (!wanted.length || wanted.some((n) => same(col(r, 'ResourceName'), n))) && (!culture || same(col(r, 'Culture'), culture)));
}

function asOverride(r: CrmRow): NSObject {
  return make('NSResourceOverride', { ResourceName: str(r, 'ResourceName'), Culture: str(r, 'Culture'), ResourceValue: str(r, 'ResourceValue'), IsActive: Number(col(r, 'IsActive') ?? 0) !== 0 });
}

const names = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function setActive(row: CrmRow, on: boolean): void {
  updateChanged(TABLE, idOf(row), row, { IsActive: on ? 1 : 0 });
}

function insert(row: CrmRow): void {
  db().insert(TABLE, { ...row, registered: db().now(), registered_associate_id: db().actor().associateId, updatedCount: 0 });
}

/** The master switch: on unless its row says off. */
function master(): boolean {
  const row = all().find(isMaster);
  return !row || Number(col(row, 'IsActive') ?? 0) !== 0;
}

function activate(name: string, culture: string, on: boolean): void {
  const resource = bare(name);
  if (!resource) {
    const row = all().find(isMaster);
    if (row) setActive(row, on);
    else insert({ ResourceName: '', Culture: '', ResourceValue: '', IsActive: on ? 1 : 0 });
    return;
  }
  const rows = matching([resource], String(culture ?? '').trim());
  if (!rows.length) throw fail(at('ActivateResourceSubstitution'), `there is no substitution of ${resource}${culture ? ` in ${culture}` : ''}`);
  for (const r of rows) setActive(r, on);
}

function set(name: string, value: string, cultureArg: string, on: boolean): void {
  const where = at('SetResourceSubstitution');
  const resource = bare(name);
  const culture = String(cultureArg ?? '').trim();
  const text = String(value ?? '');
  if (!resource) throw fail(where, 'no resource name given (such as SR_CONTACT)');
  if (!culture) throw fail(where, `no culture given for ${resource} (such as EN-US or NB-NO)`);
  if (resource.length > 254) throw fail(where, 'the resource name is longer than 254 characters');
  if (culture.length > 9) throw fail(where, `"${culture}" is longer than a culture code (9 characters)`);
  if (text.length > 2047) throw fail(where, `the value is ${text.length} characters; a substitution holds at most 2047`);
  const old = matching([resource], culture)[0];
  if (old) updateChanged(TABLE, idOf(old), old, { ResourceValue: text, IsActive: on ? 1 : 0 });
  else insert({ ResourceName: resource, Culture: culture, ResourceValue: text, IsActive: on ? 1 : 0 });
}

export const resourceOverrides: Methods = {
  'ActivateResourceSubstitution(String,String,Bool)': (_a: unknown, name: string, culture: string, on: boolean) => activate(name, culture, !!on),
  'DeleteResourceSubstitution(String,String)': (_a: unknown, name: string, culture: string) => {
    const resource = bare(name);
    if (!resource) throw fail(at('DeleteResourceSubstitution'), 'no resource name given (such as SR_CONTACT)');
    for (const r of matching([resource], String(culture ?? '').trim())) db().delete(TABLE, idOf(r));
  },
  'GetResourceSubstitutions(String[],String,Bool)': (_a: unknown, list: unknown, culture: string, activeOnly: boolean) =>
    matching(names(list), String(culture ?? '').trim())
      .filter((r) => !activeOnly || Number(col(r, 'IsActive') ?? 0) !== 0)
      .map(asOverride),
  'IsResourceSubstitutionActive(String[],String)': (_a: unknown, list: unknown, culture: string) => {
    // no names: the master switch
    if (!names(list).map(bare).filter(Boolean).length) return [make('NSResourceOverride', { ResourceName: '', Culture: '', ResourceValue: '', IsActive: master() })];
    return matching(names(list), String(culture ?? '').trim()).map(asOverride);
  },
  'SetResourceSubstitution(String,String,String,Bool)': (_a: unknown, name: string, value: string, culture: string, on: boolean) => set(name, value, culture, !!on),
};
