// GDPR consents: NSPersonAgent's consent methods (SetConsent, RemoveConsent, HasConsent,
// GetConsentInfos and the NSConsentPerson cycle), the Consents of NSPersonEntity (read with the
// person and written by its save), and NSListAgent's saves of purposes, legal bases and sources
// (their getters come from the list getters every list has, quote-list.ts).
//
// A person has at most one consent per purpose (ConsentPerson's unique index): setting a consent
// of a purpose the person has replaces its legal base, source and comment. Removing a consent
// keeps the row with the legal base WITHDRAWN (so the history stays, as SuperOffice shows
// withdrawn consents), and a withdrawn consent is no consent for HasConsent.
import type { CrmRow } from '../../../runtime/crm-service.js';
import type { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, loadWhere, remove, updateChanged, type View } from './view.js';
import { byId, make, saved, type Methods } from './define.js';
import { consentInfoView, consentPersonView, consentPurposeView, consentSourceView, legalBaseView } from './consent-views.js';

const AGENT = 'NSPersonAgent';
const WITHDRAWN = 'WITHDRAWN';

const num = (row: CrmRow | null | undefined, column: string): number => Number(row ? (col(row, column) ?? 0) : 0);
const norm = (key: unknown): string => String(key ?? '').trim().toUpperCase();

/** The row of a keyed list (ConsentPurpose, LegalBase, ConsentSource) with this key, any case; null when none. */
function byKey(table: string, key: unknown): CrmRow | null {
  const want = norm(key);
  if (!want || !db().table(table)) return null;
  return db().select(table).find((r) => norm(col(r, 'key')) === want) ?? null;
}

/** The keys a list has, for error messages. */
function keysOf(table: string): string {
  const keys = db().table(table) ? db().select(table, { orderBy: [{ column: 'rank' }] }).map((r) => String(col(r, 'key') ?? '')) : [];
  return keys.length ? keys.join(', ') : 'none';
}

/** The row of key `key` in `table`, or an error naming the keys there are. */
function mustKey(where: string, table: string, what: string, key: unknown): CrmRow {
  const r = byKey(table, key);
  if (!r) throw fail(where, `there is no ${what} with key "${String(key ?? '')}" (the keys are: ${keysOf(table)})`);
  return r;
}

function mustPerson(where: string, personId: number): void {
  if (!personId || !db().get('person', personId)) throw fail(where, `there is no person with id ${personId}`);
}

/** The person's consent row of a purpose, null when none. */
function consentRow(personId: number, purposeId: number): CrmRow | null {
  if (!db().table('ConsentPerson')) return null;
  const rows = db().select('ConsentPerson', {
    where: [
      { column: 'person_id', op: '=', value: personId },
      { column: 'consentPurpose_id', op: '=', value: purposeId },
    ],
    limit: 1,
  });
  return rows[0] ?? null;
}

/** Writes the person's consent of a purpose: replaces the one there is, or adds it. */
function putConsent(personId: number, purposeId: number, legalBaseId: number, sourceId: number, comment: string): void {
  const row = { legalBase_id: legalBaseId || null, consentSource_id: sourceId || null, comment };
  const old = consentRow(personId, purposeId);
  if (old) updateChanged('ConsentPerson', num(old, 'consentperson_id'), old, row);
  else db().insert('ConsentPerson', { person_id: personId, consentPurpose_id: purposeId, ...row, registered: db().now(), registered_associate_id: db().actor().associateId, updatedCount: 0 });
}

/** A person's consents as NSConsentInfo, in the order they were given. */
export function consentInfos(personId: number): NSObject[] {
  return personId ? loadWhere(consentInfoView, { person_id: personId }) : [];
}

/** Deletes a person's consents (the person is being deleted). */
export function deleteConsents(personId: number): void {
  for (const r of db().table('ConsentPerson') ? db().select('ConsentPerson', { where: [{ column: 'person_id', op: '=', value: personId }] }) : [])
    db().delete('ConsentPerson', num(r, 'consentperson_id'));
}

/** The id a consent info names for one of its lists: its id when it names a row, else the row of its key. */
function infoRef(where: string, info: NSObject, prop: string, table: string, what: string): number {
  const id = Number(info.f[`${prop}Id`] ?? 0);
  if (id && db().get(table, id)) return id;
  const key = String(info.f[`${prop}Key`] ?? '');
  if (!key) {
    if (id) throw fail(where, `there is no ${what} with id ${id}`);
    return 0;
  }
  return num(mustKey(where, table, what, key), db().table(table)!.primaryKey);
}

/**
 * Saves `list` (NSConsentInfo[]) as the person's consents: each one set for its purpose, the
 * person's consents of purposes the list leaves out deleted. A list never set leaves them as they are.
 */
export function writeConsents(personId: number, list: unknown): void {
  if (!Array.isArray(list) || !db().table('ConsentPerson')) return;
  const where = `${AGENT}.SavePersonEntity`;
  const keep = new Set<number>();
  for (const info of list as NSObject[]) {
    if (!info?.f) continue;
    const purpose = infoRef(where, info, 'ConsentPurpose', 'ConsentPurpose', 'consent purpose');
    if (!purpose) throw fail(where, 'a consent in Consents names no purpose (SetConsentPurposeKey or SetConsentPurposeId)');
    const legal = infoRef(where, info, 'LegalBase', 'LegalBase', 'legal base');
    const source = infoRef(where, info, 'ConsentSource', 'ConsentSource', 'consent source');
    putConsent(personId, purpose, legal, source, String(info.f.Comment ?? ''));
    keep.add(purpose);
  }
  for (const r of db().select('ConsentPerson', { where: [{ column: 'person_id', op: '=', value: personId }] }))
    if (!keep.has(num(r, 'consentPurpose_id'))) db().delete('ConsentPerson', num(r, 'consentperson_id'));
}

/** Saves a consent person row: the person must exist, and have no other consent of the purpose. */
function saveConsentPerson(o: NSObject): NSObject {
  const where = `${AGENT}.SaveConsentPerson`;
  if (!o?.f) throw fail(where, 'nothing to save');
  const personId = Number(o.f.PersonId ?? 0);
  if (personId) mustPerson(where, personId);
  const purpose = (o.f.ConsentPurpose as NSObject | undefined)?.f.ConsentPurposeId;
  const other = consentRow(personId, Number(purpose ?? 0));
  if (other && num(other, 'consentperson_id') !== Number(o.f.ConsentPersonId ?? 0))
    throw fail(where, `person ${personId} already has a consent for purpose ${Number(purpose)} (ConsentPerson ${num(other, 'consentperson_id')}); change that one`);
  return saved(AGENT, 'SaveConsentPerson', consentPersonView, o);
}

export const personConsents: Methods = {
  'SetConsent(Integer,String,String,String,String)': (_a: unknown, personId: number, purposeKey: string, sourceKey: string, legalBaseKey: string, comment: string) => {
    const where = `${AGENT}.SetConsent`;
    mustPerson(where, personId);
    const purpose = mustKey(where, 'ConsentPurpose', 'consent purpose', purposeKey);
    if (!norm(legalBaseKey)) throw fail(where, `the legal base key is empty (the keys are: ${keysOf('LegalBase')})`);
    const legal = mustKey(where, 'LegalBase', 'legal base', legalBaseKey);
    const source = norm(sourceKey) ? mustKey(where, 'ConsentSource', 'consent source', sourceKey) : null;
    putConsent(personId, num(purpose, 'consentpurpose_id'), num(legal, 'legalbase_id'), num(source, 'consentsource_id'), String(comment ?? ''));
  },
  'RemoveConsent(Integer,String)': (_a: unknown, personId: number, purposeKey: string) => {
    const where = `${AGENT}.RemoveConsent`;
    const purpose = mustKey(where, 'ConsentPurpose', 'consent purpose', purposeKey);
    const old = consentRow(personId, num(purpose, 'consentpurpose_id'));
    if (!old) return;
    const withdrawn = byKey('LegalBase', WITHDRAWN);
    if (withdrawn) updateChanged('ConsentPerson', num(old, 'consentperson_id'), old, { legalBase_id: num(withdrawn, 'legalbase_id') });
    else db().delete('ConsentPerson', num(old, 'consentperson_id'));
  },
  'HasConsent(Integer,String)': (_a: unknown, personId: number, purposeKey: string) => {
    const purpose = byKey('ConsentPurpose', purposeKey);
    const row = purpose ? consentRow(personId, num(purpose, 'consentpurpose_id')) : null;
    const legal = row ? db().get('LegalBase', num(row, 'legalBase_id')) : null;
    return !!legal && norm(col(legal, 'key')) !== WITHDRAWN;
  },
  'GetConsentInfos(Integer)': (_a: unknown, personId: number) => consentInfos(personId),
  'GetConsentPerson(Integer)': (_a: unknown, id: number) => byId(consentPersonView, id),
  'CreateDefaultConsentPerson()': () => make('NSConsentPerson', { ConsentPersonId: 0, PersonId: 0, Comment: '' }),
  'SaveConsentPerson(NSConsentPerson)': (_a: unknown, o: NSObject) => saveConsentPerson(o),
  'DeleteConsentPerson(Integer)': (_a: unknown, id: number) => {
    remove(consentPersonView, id);
  },
};

/** Saves a keyed list item, refusing a key another item of the list has. */
function savedKeyed(method: string, v: View, o: NSObject): NSObject {
  const other = o?.f ? byKey(v.table, o.f.Key) : null;
  const pk = db().table(v.table)?.primaryKey ?? '';
  if (other && num(other, pk) !== Number(o.f[v.key] ?? 0)) throw fail(`NSListAgent.${method}`, `another ${v.table} row (${num(other, pk)}) has the key "${String(o.f.Key)}"`);
  return saved('NSListAgent', method, v, o);
}

export const consentLists: Methods = {
  'SaveConsentPurpose(NSConsentPurpose)': (_a: unknown, o: NSObject) => savedKeyed('SaveConsentPurpose', consentPurposeView, o),
  'SaveLegalBase(NSLegalBase)': (_a: unknown, o: NSObject) => savedKeyed('SaveLegalBase', legalBaseView, o),
  'SaveConsentSource(NSConsentSource)': (_a: unknown, o: NSObject) => savedKeyed('SaveConsentSource', consentSourceView, o),
};
