// NSUserAgent's untrusted credentials: a user's outbound Credentials rows (isActive = outbound),
// its own keys to other systems, by credential type (any name but the sandbox's own password
// type) and public value (searchName). A save replaces the secret, comment and validity of the
// row with that type and public value, or adds one; whether a row is active follows its validity
// (GetUntrustedCredentials), so a saved IsActive is not stored. Another user's rows only for a
// user whose role holds admin-all or admin-users (mayChange).
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject, nsObject } from '../object.js';
import { db, fail, fromDb, now, toDb } from './db.js';
import { col } from './view.js';
import type { Methods } from './define.js';
import { credentialRows, NO_END, PASSWORD, USAGE } from './credential-store.js';
import { mayChange } from './credentials.js';

const me = (): number => db().actor().associateId;

function outboundType(type: string, where: string): string {
  const t = String(type ?? '').trim();
  if (!t) throw fail(where, 'a credential type is required');
  if (t === PASSWORD) throw fail(where, `${PASSWORD} is the password users log on with, not a credential for another system`);
  return t;
}

/** The user's outbound row of a type with a public value, or undefined. */
const rowOf = (id: number, type: string, publicValue: string): CrmRow | undefined => credentialRows(id, type, USAGE.outbound).find((r) => String(col(r, 'searchName') ?? '') === publicValue);

function saveUntrusted(id: number, type: string, c: unknown, where: string): void {
  mayChange(id, where);
  const t = outboundType(type, where);
  if (!(c instanceof NSObject)) throw fail(where, 'no credentials to save');
  const publicValue = String(c.f.PublicValue ?? '');
  if (!publicValue) throw fail(where, 'the public value (SetPublicValue) is required');
  const crm = db();
  const from = toDb(c.f.ValidFrom, 'd') ?? crm.now();
  const to = toDb(c.f.ValidTo, 'd') ?? NO_END;
  if (to < from) throw fail(where, `the credentials end (${to}) before they begin (${from})`);
  const values: CrmRow = { secret: String(c.f.SecretValue ?? ''), comment: String(c.f.Comment ?? ''), validFrom: from, validTo: to, displayName: publicValue, updated: crm.now(), updated_associate_id: me() };
  const old = rowOf(id, t, publicValue);
  if (old) {
    crm.update('Credentials', Number(col(old, 'Credentials_id')), { ...values, updatedCount: Number(col(old, 'updatedCount') ?? 0) + 1 });
    return;
  }
  const personId = Number(col(crm.get('associate', id) ?? {}, 'person_id') ?? 0);
  crm.insert('Credentials', {
    ...values,
    associateId: id,
    personId: personId || null,
    credentialType: t,
    searchName: publicValue,
    isActive: USAGE.outbound,
    displayType: t,
    encryptedCheck: '',
    extraId: 0,
    registered: crm.now(),
    registered_associate_id: me(),
  });
}

function removeUntrusted(id: number, type: string, publicValue: string, where: string): void {
  mayChange(id, where);
  const old = rowOf(id, outboundType(type, where), String(publicValue ?? ''));
  if (!old) throw fail(where, `the user ${id} has no ${String(type).trim()} credentials with the public value "${String(publicValue ?? '')}"`);
  db().delete('Credentials', Number(col(old, 'Credentials_id')));
}

export const untrustedCredentials: Methods = {
  'CreateDefaultUntrustedCredentials()': () =>
    nsObject('NSUntrustedCredentials', { PublicValue: '', SecretValue: '', Comment: '', ValidFrom: now(), ValidTo: fromDb(null, 'd'), IsActive: true }),
  'SaveUntrustedCredentials(String,NSUntrustedCredentials)': (_a: unknown, type: string, c: NSObject) => saveUntrusted(me(), type, c, 'NSUserAgent.SaveUntrustedCredentials'),
  'SaveUntrustedCredentialsForAssociate(Integer,String,NSUntrustedCredentials)': (_a: unknown, id: number, type: string, c: NSObject) =>
    saveUntrusted(Number(id), type, c, 'NSUserAgent.SaveUntrustedCredentialsForAssociate'),
  'RemoveUntrustedCredentials(String,String)': (_a: unknown, type: string, publicValue: string) => removeUntrusted(me(), type, publicValue, 'NSUserAgent.RemoveUntrustedCredentials'),
  'RemoveUntrustedCredentialsForAssociate(Integer,String,String)': (_a: unknown, id: number, type: string, publicValue: string) =>
    removeUntrusted(Number(id), type, publicValue, 'NSUserAgent.RemoveUntrustedCredentialsForAssociate'),
};
