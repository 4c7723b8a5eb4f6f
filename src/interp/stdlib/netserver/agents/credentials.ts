// NSUserAgent's credentials and passwords: the credential types (SoPassword only), saving and
// deleting a user's credential, changing and setting passwords (kept only as salted hashes,
// credential-store.ts; a change must give the old password), who may change whose password (a
// user their own; a user whose role holds admin-all or admin-users anyone's), a user's outbound
// credentials for other systems, and what needs services the sandbox cannot have.
import { randomBytes } from 'node:crypto';
import { NSObject, nsObject } from '../object.js';
import { db, fail, fromDb } from './db.js';
import { col } from './view.js';
import { lacking, type Methods } from './define.js';
import { userHasRight } from './roles.js';
import { USER_TYPE, userTypeOf } from './user-views.js';
import { credentialRows, credentialType, deleteCredentials, passwordIs, PASSWORD, savePassword, USAGE, userIdOfName } from './credential-store.js';

/** The functional rights that let a user change other users' passwords. */
export const ADMIN_RIGHTS = ['admin-all', 'admin-users'];

const me = (): number => db().actor().associateId;

/** Whether the run's user may change the password of user `id` (false when there is no such user). */
function canChange(id: number): boolean {
  if (!id || !db().get('associate', id)) return false;
  return id === me() || userHasRight(me(), ADMIN_RIGHTS);
}

/** Fails unless the run's user may change user `id`'s credentials. */
export function mayChange(id: number, where: string): void {
  if (!id || !db().get('associate', id)) throw fail(where, `there is no user with id ${id}`);
  if (!canChange(id)) throw fail(where, `the run's user may not change the credentials of user ${id} (its role holds neither ${ADMIN_RIGHTS.join(' nor ')})`);
}

/** ChangePassword: sets the new password when the old one is right; false (nothing changed) when it is not. */
function change(id: number, oldPassword: string, newPassword: string, where: string): boolean {
  mayChange(id, where);
  if (!passwordIs(id, String(oldPassword ?? ''))) return false;
  savePassword(id, String(newPassword ?? ''), where);
  return true;
}

function setPassword(id: number, password: string, where: string): boolean {
  mayChange(id, where);
  savePassword(id, String(password ?? ''), where);
  return true;
}

/** Sets a new random password for user `id` (who may change it: mayChange) and returns it. */
export function generated(id: number, where: string): string {
  const password = randomBytes(9).toString('base64url');
  setPassword(id, password, where);
  return password;
}

/** The credential types users of a type can have: a password for those who log on (employees, external and system users). */
function typesFor(type: number): NSObject[] {
  const t = Number(type);
  if (!(t >= USER_TYPE.employee && t <= USER_TYPE.system)) throw fail('NSUserAgent.GetCredentialTypesForUserType', `${type} is not a user type (1 employee, 2 resource, 3 external, 4 anonymous, 5 system)`);
  return t === USER_TYPE.resource || t === USER_TYPE.anonymous ? [] : [credentialType(PASSWORD)];
}

/** A user's outbound credentials of a type; the secret only for the run's own user or a system user. */
function untrusted(id: number, type: string, where: string): NSObject[] {
  if (!id || !db().get('associate', id)) throw fail(where, `there is no user with id ${id}`);
  const showSecret = id === me() || userTypeOf(db().get('associate', me())?.type) === USER_TYPE.system;
  const now = db().now();
  return credentialRows(id, String(type ?? ''), USAGE.outbound).map((r) => {
    const from = String(col(r, 'validFrom') ?? '');
    const to = String(col(r, 'validTo') ?? '');
    return nsObject('NSUntrustedCredentials', {
      PublicValue: String(col(r, 'searchName') ?? ''),
      SecretValue: showSecret ? String(col(r, 'secret') ?? '') : '',
      Comment: String(col(r, 'comment') ?? ''),
      ValidFrom: fromDb(col(r, 'validFrom'), 'd'),
      ValidTo: fromDb(col(r, 'validTo'), 'd'),
      IsActive: (!from || from <= now) && (!to || now <= to),
    });
  });
}

function credentialTypeName(c: unknown): string {
  if (!(c instanceof NSObject)) return '';
  return c.f.Type instanceof NSObject ? String(c.f.Type.f.Type ?? '') : String(c.f.Type ?? '');
}

const NO_GATEWAY = "the sandbox has no SuperOffice Online access gateway (it issues the sandbox's tokens)";
const NO_TOKENS = 'the sandbox keeps no external tokens (they come from the access gateway and identity providers)';
const NO_SERVICE_AUTH = 'the sandbox has no service authentication (ServiceAuth) of integrations to external services';

export const credentialMethods: Methods = {
  'GetCredentialTypes()': () => [credentialType(PASSWORD)],
  'GetCredentialTypesForUserType(Integer)': (_a: unknown, type: number) => typesFor(type),
  'SaveCredential(Integer,NSCredential)': (_a: unknown, id: number, c: NSObject) => {
    const where = 'NSUserAgent.SaveCredential';
    const type = credentialTypeName(c);
    if (type !== PASSWORD) throw fail(where, `the sandbox has no credential type "${type}" (it has ${PASSWORD})`);
    return setPassword(id, String(c.f.Value ?? ''), where);
  },
  'DeleteCredential(Integer,String)': (_a: unknown, id: number, type: string) => {
    mayChange(id, 'NSUserAgent.DeleteCredential');
    return deleteCredentials(id, String(type ?? ''));
  },
  'CanChangePassword(Integer)': (_a: unknown, id: number) => canChange(Number(id)),
  'ChangePassword(Integer,String,String)': (_a: unknown, id: number, oldPassword: string, newPassword: string) => change(id, oldPassword, newPassword, 'NSUserAgent.ChangePassword'),
  'ChangeOwnPassword(String,String)': (_a: unknown, oldPassword: string, newPassword: string) => change(me(), oldPassword, newPassword, 'NSUserAgent.ChangeOwnPassword'),
  'ChangePasswordFromName(String,String,String)': (_a: unknown, name: string, oldPassword: string, newPassword: string) => {
    const where = 'NSUserAgent.ChangePasswordFromName';
    return change(userIdOfName(name, where), oldPassword, newPassword, where);
  },
  'SetPassword(Integer,String)': (_a: unknown, id: number, password: string) => setPassword(id, password, 'NSUserAgent.SetPassword'),
  'SetPasswordFromName(String,String)': (_a: unknown, name: string, password: string) => {
    const where = 'NSUserAgent.SetPasswordFromName';
    return setPassword(userIdOfName(name, where), password, where);
  },
  'SetGeneratedPassword(Integer)': (_a: unknown, id: number) => generated(id, 'NSUserAgent.SetGeneratedPassword'),
  'SetGeneratedPasswordFromName(String)': (_a: unknown, name: string) => {
    const where = 'NSUserAgent.SetGeneratedPasswordFromName';
    return generated(userIdOfName(name, where), where);
  },
  'GetUntrustedCredentials(String)': (_a: unknown, type: string) => untrusted(me(), type, 'NSUserAgent.GetUntrustedCredentials'),
  'GetUntrustedCredentialsForAssociate(Integer,String)': (_a: unknown, id: number, type: string) => untrusted(id, type, 'NSUserAgent.GetUntrustedCredentialsForAssociate'),
  ...lacking('NSUserAgent', NO_GATEWAY, ['GetAccessToken(String,Bool)', 'GetAccessGatewayInfo()', 'RegisterWithAccessGateway(String)', 'CheckAccessGatewayRegistration()']),
  ...lacking('NSUserAgent', NO_TOKENS, ['GetExternalTokens(String)', 'SaveExternalTokens(NSTokenManagementInfo)', 'DecryptAndSaveExternalTokens(NSTokenManagementInfo)']),
  ...lacking('NSUserAgent', NO_SERVICE_AUTH, ['CreateDefaultServiceAuth()', 'GetServiceAuth(Integer)', 'SaveServiceAuth(NSServiceAuth)', 'DeleteServiceAuth(Integer)']),
};
