// The users' credentials in the Credentials table: the credential types the sandbox knows (only
// SuperOffice's own password, SoPassword), a user's password kept as a salted hash
// (password-hash.ts) in an inbound row, and the rows of one user and type.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject, nsObject } from '../object.js';
import { hashPassword, passwordMatches } from '../password-hash.js';
import { db, fail } from './db.js';
import { col } from './view.js';

/** The credential type of SuperOffice's own passwords. */
export const PASSWORD = 'SoPassword';

/** Credentials.isActive (CredentialUsage): outbound credentials for other systems, inbound ones for logging in. */
export const USAGE = { outbound: 0, inbound: 1 };

/** The validTo of credentials that do not run out. */
export const NO_END = '2099-12-31 23:59:59';

/** CredentialControlType of a password field. */
const PASSWORD_CONTROL = 2;

/** The NSCredentialType of a type name (the sandbox describes only SoPassword; others carry just their name). */
export function credentialType(type: string): NSObject {
  if (type !== PASSWORD) return nsObject('NSCredentialType', { Type: type, DisplayType: type, Description: '', ValueControl: 0, IsUserNameSupported: false, CanCreatePerson: false });
  return nsObject('NSCredentialType', {
    Type: PASSWORD,
    DisplayType: 'Password',
    Description: 'A password kept in the CRM database (as a salted hash)',
    ValueControl: PASSWORD_CONTROL,
    IsUserNameSupported: true,
    CanCreatePerson: false,
  });
}

/** The credential rows of a user with a type and usage, oldest first. */
export function credentialRows(associateId: number, type: string, usage: number): CrmRow[] {
  if (!db().table('Credentials')) return [];
  return db().select('Credentials', {
    where: [
      { column: 'associateId', op: '=', value: associateId },
      { column: 'credentialType', op: '=', value: type },
      { column: 'isActive', op: '=', value: usage },
    ],
    orderBy: [{ column: 'Credentials_id' }],
  });
}

function associateRow(associateId: number, where: string): CrmRow {
  const row = associateId ? db().get('associate', associateId) : null;
  if (!row) throw fail(where, `there is no user with id ${associateId}`);
  return row;
}

/** The associate id of a user name (associate.name), or a CRMScript error naming `where`. */
export function userIdOfName(name: string, where: string): number {
  const row = db().select('associate', { where: [{ column: 'name', op: '=', value: name }], limit: 1 })[0];
  if (!row) throw fail(where, `there is no user named "${name}"`);
  return Number(col(row, 'associate_id'));
}

/** Whether a user has a password (an inbound SoPassword row). */
export const hasPassword = (associateId: number): boolean => credentialRows(associateId, PASSWORD, USAGE.inbound).length > 0;

/** Whether `password` is the user's password (a user without one has only the empty password). */
export function passwordIs(associateId: number, password: string): boolean {
  const row = credentialRows(associateId, PASSWORD, USAGE.inbound)[0];
  if (!row) return password === '';
  return passwordMatches(password, String(col(row, 'secret') ?? ''));
}

/** Sets a user's password: its SoPassword row gets a new salted hash (the row is made when the user has none). */
export function savePassword(associateId: number, password: string, where = 'NSUserAgent.SaveUser'): void {
  if (password === '') throw fail(where, 'the new password is empty');
  const crm = db();
  if (!crm.table('Credentials')) throw fail(where, 'the sandbox CRM has no Credentials table');
  const user = associateRow(associateId, where);
  const name = String(col(user, 'name') ?? '');
  const values: CrmRow = { secret: hashPassword(password), searchName: name, displayName: name, updated: crm.now(), updated_associate_id: crm.actor().associateId };
  const old = credentialRows(associateId, PASSWORD, USAGE.inbound)[0];
  if (old) {
    crm.update('Credentials', Number(col(old, 'Credentials_id')), { ...values, updatedCount: Number(col(old, 'updatedCount') ?? 0) + 1 });
    return;
  }
  crm.insert('Credentials', {
    ...values,
    associateId,
    personId: Number(col(user, 'person_id') ?? 0) || null,
    credentialType: PASSWORD,
    isActive: USAGE.inbound,
    validFrom: crm.now(),
    validTo: NO_END,
    encryptedCheck: '',
    displayType: 'Password',
    registered: crm.now(),
    registered_associate_id: crm.actor().associateId,
  });
}

/** Removes a user's inbound credentials of a type; false when it had none. */
export function deleteCredentials(associateId: number, type: string): boolean {
  const rows = credentialRows(associateId, type, USAGE.inbound);
  for (const r of rows) db().delete('Credentials', Number(col(r, 'Credentials_id')));
  return rows.length > 0;
}
