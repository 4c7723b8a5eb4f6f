// A customer's web login (Customer Centre): the `username` and `password` fields of Customer and
// its login()/logout(). The login lives in the user_candidate table (secret_key is the user name,
// secret_value the password's hash), where SuperOffice's own library (lib-auth) looks for it; a
// password is never stored or read back as typed: setValue("password", p) keeps its hash, and
// getValue("password") hands the hash back, so a script can hash a typed password with a fresh
// Customer and compare. As with the customer's other fields, the login is written by save().
import type { CrmRow } from '../../runtime/crm-service.js';
import { CrmError } from '../../runtime/values.js';
import { hostCrypto } from '../../util/lazy-builtins.js';
import { crm, int, text } from './access.js';
import type { CrmEntity, VirtualField } from './entity.js';

/** What a customer holds of its web login until it is saved, and the session login() made. */
export interface WebLogin {
  username?: string;
  /** The hash of the password set, or '' when the password was cleared. */
  passwordHash?: string;
  /** The key of the session login() created ('' when there is none). */
  sessionKey: string;
}

export interface WithWebLogin extends CrmEntity {
  webLogin: WebLogin;
}

/** The hash kept for a password: SHA-256 of its UTF-8 bytes, as 64 lower-case hex digits. */
export function passwordHash(password: string): string {
  return hostCrypto().createHash('sha256').update(password, 'utf8').digest('hex');
}

function storedLogin(personId: number): CrmRow | undefined {
  if (!personId) return undefined;
  return crm().select('user_candidate', { where: [{ column: 'person_id', op: '=', value: personId }], orderBy: [{ column: 'id' }], limit: 1 })[0];
}

export const usernameField: VirtualField<WithWebLogin> = {
  get: (c) => c.webLogin.username ?? text(storedLogin(c.id)?.secret_key),
  set: (c, v) => {
    c.webLogin.username = v.trim();
  },
};

export const passwordField: VirtualField<WithWebLogin> = {
  get: (c) => c.webLogin.passwordHash ?? text(storedLogin(c.id)?.secret_value),
  set: (c, v) => {
    c.webLogin.passwordHash = v === '' ? '' : passwordHash(v);
  },
};

export const sessionKeyField: VirtualField<WithWebLogin> = { get: (c) => c.webLogin.sessionKey };

/** The customer other than `personId` whose login has this user name (letter case aside), or 0. */
function usernameOwner(username: string, personId: number): number {
  const wanted = username.toLowerCase();
  const rows = crm().select('user_candidate', { columns: ['person_id', 'secret_key'], where: [{ column: 'person_id', op: '<>', value: personId }] });
  const hit = rows.find((r) => text(r.secret_key).toLowerCase() === wanted);
  return hit ? int(hit.person_id) : 0;
}

/** Writes what setValue changed of the login (after the person row is saved, so it has its id). */
export function saveWebLogin(c: WithWebLogin): void {
  const { username, passwordHash: hash } = c.webLogin;
  if (username === undefined && hash === undefined) return;
  if (username) {
    const owner = usernameOwner(username, c.id);
    if (owner) throw new CrmError(`Customer.save: the username "${username}" is already the web login of customer ${owner}`);
  }
  const values: CrmRow = {};
  if (username !== undefined) values.secret_key = username || null;
  if (hash !== undefined) values.secret_value = hash || null;
  const row = storedLogin(c.id);
  if (row) crm().update('user_candidate', int(row.id), values);
  else crm().insert('user_candidate', { person_id: c.id, ...values });
  forgetLogin(c);
}

/** Drops what setValue changed of the login and was not saved. */
export function forgetLogin(c: WithWebLogin): void {
  delete c.webLogin.username;
  delete c.webLogin.passwordHash;
}

export const loginMethods = {
  'login()': (c: WithWebLogin) => {
    if (!c.id) throw new CrmError('Customer.login: load or save the customer first');
    c.webLogin.sessionKey = hostCrypto().randomBytes(16).toString('hex');
  },
  'logout()': (c: WithWebLogin) => {
    c.webLogin.sessionKey = '';
  },
};
