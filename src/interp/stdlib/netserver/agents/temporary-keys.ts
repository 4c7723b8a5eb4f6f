// NSPersonAgent's temporary keys (TemporaryKey): a key handed to a person for a while (to change
// subscriptions, to log in to the customer center, ...), for one domain and target. The key is
// random; the table keeps only its HMAC-SHA256 under the sandbox's own secret (authkey), so the
// rows do not give the keys away. The secret is made on first use and kept as a hard-default
// preference (section crmscript-tui, key TemporaryKeySecret). A key that names no row (unknown,
// altered, deleted) checks as domain 0 (Unknown) with no target or person.
import type { CrmDateTime } from '../../time/values.js';
import { hostCrypto } from '../../../util/lazy-builtins.js';
import { db, dateFromDb, dateToDb, fail } from './db.js';
import { col } from './view.js';
import { make, type Methods } from './define.js';
import { numberCheck } from './sale-extra.js';

const AGENT = 'NSPersonAgent';

/** TemporaryKeyDomain values (Unknown .. ChangePasswordCustomerCenter). */
const DOMAINS = { first: 1, last: 6 } as const;

/** Where the sandbox keeps its secret: a hard-default (level 1) preference of no owner. */
const SECRET = { section: 'crmscript-tui', key: 'TemporaryKeySecret', level: 1 } as const;

/** The sandbox's secret, made (32 random bytes) the first time a key is made. */
function secret(make: boolean): string {
  const crm = db();
  const where = [
    { column: 'prefsection', op: '=' as const, value: SECRET.section },
    { column: 'prefkey', op: '=' as const, value: SECRET.key },
    { column: 'deflevel', op: '=' as const, value: SECRET.level },
  ];
  const row = crm.select('UserPreference', { where, limit: 1 })[0];
  const stored = row ? String(col(row, 'prefvalue') ?? '') : '';
  if (stored || !make) return stored;
  const value = hostCrypto().randomBytes(32).toString('hex');
  crm.insert('UserPreference', { deflevel: SECRET.level, maxlevel: SECRET.level, owner_id: 0, prefsection: SECRET.section, prefkey: SECRET.key, prefvalue: value, registered: crm.now(), registered_associate_id: crm.actor().associateId, updatedCount: 0 });
  return value;
}

/** What the table keeps of a key. */
function authKey(key: string, withSecret: string): string {
  return hostCrypto().createHmac('sha256', withSecret).update(key).digest('hex');
}

export const temporaryKeys: Methods = {
  'CreateTemporaryKey(Integer,Integer,Integer,DateTime)': (_a: unknown, domain: number, targetId: number, personId: number, expires: CrmDateTime) => {
    const where = `${AGENT}.CreateTemporaryKey`;
    if (!(domain >= DOMAINS.first && domain <= DOMAINS.last)) throw fail(where, `${domain} is not a temporary key domain (1 to 6, TemporaryKeyDomain)`);
    if (personId && !db().get('person', personId)) throw fail(where, `there is no person with id ${personId}`);
    const key = hostCrypto().randomBytes(24).toString('base64url');
    const crm = db();
    crm.insert('TemporaryKey', {
      domain,
      target_id: targetId || null,
      person_id: personId || null,
      authkey: authKey(key, secret(true)),
      expires: expires ? dateToDb(expires) : null,
      registered: crm.now(),
      registered_associate_id: crm.actor().associateId,
      updatedCount: 0,
    });
    return key;
  },
  'CheckTemporaryKey(String)': (_a: unknown, key: string) => {
    const s = secret(false);
    const row = s && key ? db().select('TemporaryKey', { where: [{ column: 'authkey', op: '=', value: authKey(String(key), s) }], limit: 1 })[0] : undefined;
    if (!row) return make('NSTemporaryKeyInfo', { Domain: 0, TargetId: 0, PersonId: 0, IsExpired: false });
    const expires = col(row, 'expires');
    return make('NSTemporaryKeyInfo', {
      Domain: Number(col(row, 'domain') ?? 0),
      TargetId: Number(col(row, 'target_id') ?? 0),
      PersonId: Number(col(row, 'person_id') ?? 0),
      IsExpired: !dateFromDb(expires ?? null).isNull && String(expires) < db().now(),
    });
  },
  'DeleteTemporaryKeysOfDomain(Integer,Integer)': (_a: unknown, domain: number, personId: number) => {
    const crm = db();
    for (const r of crm.select('TemporaryKey', { where: [{ column: 'domain', op: '=', value: domain }, { column: 'person_id', op: '=', value: personId }] })) crm.delete('TemporaryKey', Number(col(r, 'temporarykey_id')));
  },
  ...numberCheck(AGENT),
};
