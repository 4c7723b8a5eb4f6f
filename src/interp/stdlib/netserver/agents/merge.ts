// Merging two companies or two persons into one, and moving a person to another company: what
// NSContactAgent.Merge, NSPersonAgent.Merge and NSPersonAgent.Move do to the tables. The kept
// record gets the other one's activities and memberships (relink.ts), and, where asked, the values
// of the fields it has empty; a record merged away leaves its phones and e-mail addresses that the
// kept one lacks to it, and is deleted.
import type { CrmRow, CrmValue } from '../../../runtime/crm-service.js';
import { db, fail } from './db.js';
import { col, remove, textOf } from './view.js';
import { contactEntityView, fullName, personEntityView } from './people-views.js';
import { ADDRESS, PHONE } from './elements.js';
import { followPerson, mergePersonLinks, relinkCompany, touch } from './relink.js';
import { nextRank, ranked } from './person-rank.js';

type Kind = 'contact' | 'person';

const STAMPS = ['registered', 'registered_associate_id', 'updated', 'updated_associate_id', 'userdef_id', 'userdef2_id', 'dbi_agent_id', 'dbi_key', 'created_by_form_id', 'modified_by_workflow_id'];
/** Columns a merge never fills in from the record merged away (lower case): stamps, rows of its own, links it keeps. */
const NOT_FILLED: Record<Kind, Set<string>> = {
  contact: new Set([...STAMPS, 'mother_id']),
  person: new Set([...STAMPS, 'contact_id', 'associate_id']),
};
/** Fields besides texts and links that a merge fills in: the birth date's parts. */
const ALSO_FILLED = new Set(['year_of_birth', 'month_of_birth', 'day_of_birth']);

const isEmpty = (v: CrmValue | undefined): boolean => v === null || v === undefined || v === '' || v === 0;

const NAME: Record<Kind, string> = { contact: 'company', person: 'person' };

function row(kind: Kind, id: number, where: string): CrmRow {
  const r = id ? db().get(kind, id) : null;
  if (!r) throw fail(where, `there is no ${NAME[kind]} with id ${id}`);
  return r;
}

/** The kept record takes the other one's values for the fields it has empty (a text is copied, not shared). */
function fillEmpty(kind: Kind, from: CrmRow, to: CrmRow): void {
  const values: CrmRow = {};
  // texts and links (not flags, counters or ranks)
  const fillable = new Set(
    (db().table(kind)?.columns ?? [])
      .filter((c) => ['String', 'Clob', 'FK'].includes(c.type) || ALSO_FILLED.has(c.name))
      .map((c) => c.name.toLowerCase())
      .filter((c) => !NOT_FILLED[kind].has(c)),
  );
  for (const [c, v] of Object.entries(from)) {
    if (!fillable.has(c.toLowerCase()) || isEmpty(v) || !isEmpty(to[c])) continue;
    if (c.toLowerCase() !== 'text_id') values[c] = v;
    else if (textOf(v)) values[c] = db().insert('text', { text: textOf(v), registered: db().now(), registered_associate_id: db().actor().associateId });
  }
  if (Object.keys(values).length) touch(kind, to, values);
}

/** Address kinds the kept record has no row for come from the other one. */
function takeAddresses(types: number[], from: number, to: number): void {
  const rows = (owner: number, type: number): CrmRow[] =>
    db().select('address', { where: [{ column: 'owner_id', op: '=', value: owner }, { column: 'atype_idx', op: '=', value: type }] });
  for (const t of types) if (!rows(to, t).length) for (const r of rows(from, t).slice(0, 1)) touch('address', r, { owner_id: to });
}

const maxRank = (rows: CrmRow[]): number => rows.reduce((m, r) => Math.max(m, Number(col(r, 'rank') ?? 0)), 0);

/** Phones and e-mail addresses of `from` that `to` does not have go to `to`, after its own. */
function takeElements(kind: Kind, from: number, to: number, toContact: number): void {
  const types = kind === 'contact' ? [PHONE.contact, PHONE.contactFax] : [PHONE.direct, PHONE.directFax, PHONE.private, PHONE.mobile, PHONE.pager];
  const phones = (owner: number, type: number): CrmRow[] =>
    db().select('phone', { where: [{ column: 'owner_id', op: '=', value: owner }, { column: 'ptype_idx', op: '=', value: type }], orderBy: [{ column: 'rank' }, { column: 'phone_id' }] });
  const digits = (r: CrmRow): string => String(col(r, 'phone') ?? '').replace(/\D/g, '');
  for (const t of types) {
    const theirs = phones(to, t);
    const have = new Set(theirs.map(digits));
    let rank = maxRank(theirs);
    for (const r of phones(from, t)) if (!have.has(digits(r))) touch('phone', r, { owner_id: to, rank: ++rank });
  }
  const emails = (owner: number): CrmRow[] =>
    db()
      .select('Email', { where: [{ column: kind === 'person' ? 'person_id' : 'contact_id', op: '=', value: owner }], orderBy: [{ column: 'rank' }, { column: 'email_id' }] })
      .filter((r) => kind === 'person' || !Number(col(r, 'person_id') ?? 0));
  const address = (r: CrmRow): string => String(col(r, 'email_address') ?? '').toLowerCase();
  const theirs = emails(to);
  const have = new Set(theirs.map(address));
  let rank = maxRank(theirs);
  for (const r of emails(from)) if (!have.has(address(r))) touch('Email', r, { person_id: kind === 'person' ? to : null, contact_id: toContact || null, rank: ++rank });
}

/** A person becomes one of company `contactId`'s (last in its order), with its e-mail addresses. */
function joinCompany(person: CrmRow, contactId: number): void {
  const id = Number(col(person, 'person_id'));
  touch('person', person, { contact_id: contactId, rank: nextRank(contactId) });
  for (const e of db().select('Email', { where: [{ column: 'person_id', op: '=', value: id }] })) touch('Email', e, { contact_id: contactId });
}

/**
 * Person `fromId` into person `toId`: activities dated `after` or later (all of them when `after`
 * is null or the source is deleted) and memberships move. The source is then deleted, leaving its
 * phones and addresses `toId` lacks and its consents for purposes `toId` has none for, or, when
 * kept, marked as retired (a former employee).
 */
export function mergePersons(where: string, fromId: number, toId: number, after: string | null, deleteSource: boolean, replaceEmpty: boolean): void {
  const from = row('person', fromId, where);
  const to = row('person', toId, where);
  if (fromId === toId) throw fail(where, `person ${fromId} cannot be merged into itself`);
  const toContact = Number(col(to, 'contact_id') ?? 0);
  if (replaceEmpty) {
    fillEmpty('person', from, to);
    takeAddresses([ADDRESS.personPrivate], fromId, toId);
  }
  mergePersonLinks(fromId, toId, toContact, deleteSource ? null : after);
  if (!deleteSource) {
    touch('person', from, { retired: 1 });
    return;
  }
  takeElements('person', fromId, toId, toContact);
  takeConsents(fromId, toId);
  for (const c of db().select('contact', { where: [{ column: 'supportPersonId', op: '=', value: fromId }] })) touch('contact', c, { supportPersonId: toId });
  remove(personEntityView, fromId);
}

/** The source's consents (GDPR) for purposes the destination has none for go to the destination; the rest go with the source. */
function takeConsents(fromId: number, toId: number): void {
  if (!db().table('ConsentPerson')) return;
  const of = (id: number): CrmRow[] => db().select('ConsentPerson', { where: [{ column: 'person_id', op: '=', value: id }] });
  const purposes = new Set(of(toId).map((r) => Number(col(r, 'consentPurpose_id') ?? 0)));
  for (const r of of(fromId)) if (!purposes.has(Number(col(r, 'consentPurpose_id') ?? 0))) touch('ConsentPerson', r, { person_id: toId });
}

/** A person to company `toContact`, with its activities dated `after` or later (all when null) and its memberships. */
export function movePerson(where: string, personId: number, toContact: number, after: string | null): void {
  const p = row('person', personId, where);
  row('contact', toContact, where);
  if (Number(col(p, 'contact_id') ?? 0) === toContact) return;
  joinCompany(p, toContact);
  followPerson(personId, toContact, after);
}

/**
 * Company `fromId` into company `toId`: its persons join `toId` (or, with `mergeIdentical`, are
 * merged into the person of `toId` with the same full name), everything linked to it moves, and it
 * is deleted.
 */
export function mergeCompanies(where: string, fromId: number, toId: number, mergeIdentical: boolean, replaceEmpty: boolean): void {
  const from = row('contact', fromId, where);
  const to = row('contact', toId, where);
  if (fromId === toId) throw fail(where, `company ${fromId} cannot be merged into itself`);
  if (replaceEmpty) {
    fillEmpty('contact', from, to);
    takeAddresses([ADDRESS.postal, ADDRESS.street], fromId, toId);
  }
  const nameOf = (p: CrmRow): string => fullName(col(p, 'firstname'), col(p, 'middleName'), col(p, 'lastname')).toLowerCase();
  const theirs = new Map(ranked(toId).map((p) => [nameOf(p), Number(col(p, 'person_id'))]));
  for (const p of ranked(fromId)) {
    const same = mergeIdentical ? theirs.get(nameOf(p)) : undefined;
    if (same) mergePersons(where, Number(col(p, 'person_id')), same, null, true, replaceEmpty);
    else joinCompany(p, toId);
  }
  relinkCompany(fromId, toId);
  takeElements('contact', fromId, toId, toId);
  remove(contactEntityView, fromId);
}
