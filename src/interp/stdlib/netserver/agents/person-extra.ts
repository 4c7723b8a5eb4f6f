// NSPersonAgent beyond the entity cycle and the getters (contact-person.ts): validation, ranks
// (person-rank.ts), moving and merging (merge.ts), e-mail addresses and their bounces, colleagues
// by department, owners and sales representatives, the person summary, country changes, and
// finding (or creating) a person from what is known of it.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { CrmDateTime } from '../../time/values.js';
import { dateFromDb, dateToDb, db, fail, hasTable } from './db.js';
import { col, loadRef, loadWhere } from './view.js';
import { byId, byIds, empty, lacking, make, validation, saved, where, type Methods } from './define.js';
import { fullName, personEntityView, personView } from './people-views.js';
import { appointmentView, documentView } from './activity-views.js';
import { saleView } from './sales-views.js';
import { PERSON_ADDRESS, PHONE } from './elements.js';
import { activityItem, newPerson, saleItem } from './contact-person.js';
import { addressForCountry, inCountry } from './country.js';
import { mergePersons, movePerson } from './merge.js';
import { personRanks } from './person-rank.js';
import { touch } from './relink.js';

const AGENT = 'NSPersonAgent';
const PERSON_PHONES = [PHONE.direct, PHONE.directFax, PHONE.private, PHONE.mobile, PHONE.pager];

const lower = (v: unknown): string => String(v ?? '').trim().toLowerCase();
const digits = (v: unknown): string => String(v ?? '').replace(/\D/g, '');

function person(method: string, id: number): CrmRow {
  const p = id ? db().get('person', id) : null;
  if (!p) throw fail(`${AGENT}.${method}`, `there is no person with id ${id}`);
  return p;
}

/** The run's user's company, 0 when none. */
function myCompany(): number {
  return Number(loadRef('NSPerson', db().actor().personId).f.ContactId ?? 0);
}

/**
 * The id of the person of the associate responsible for a person: its company's owner (contact.
 * associate_id); a person with no company has its own (person.associate_id). 0 when none.
 */
function ownerPersonId(personId: number): number {
  const p = personId ? db().get('person', personId) : null;
  if (!p) return 0;
  const contactId = Number(col(p, 'contact_id') ?? 0);
  const c = contactId ? db().get('contact', contactId) : null;
  const associateId = Number((c ? col(c, 'associate_id') : col(p, 'associate_id')) ?? 0);
  const a = associateId ? db().get('associate', associateId) : null;
  return a ? Number(col(a, 'person_id') ?? 0) : 0;
}

/**
 * The first person (among those `among` lets through) with one of these e-mail addresses, else
 * with one of these phone numbers, else whose name `named` accepts; 0 when none.
 */
function recognise(among: (id: number) => boolean, emails: string[], phones: string[], named?: (r: CrmRow) => boolean): number {
  const wantEmails = new Set(emails.map(lower).filter(Boolean));
  if (wantEmails.size)
    for (const r of db().select('Email', { orderBy: [{ column: 'email_id' }] })) {
      const id = Number(col(r, 'person_id') ?? 0);
      if (id && among(id) && wantEmails.has(lower(col(r, 'email_address')))) return id;
    }
  const wantPhones = new Set(phones.map(digits).filter(Boolean));
  if (wantPhones.size)
    for (const r of db().select('phone', { where: [{ column: 'ptype_idx', op: 'in', value: PERSON_PHONES }], orderBy: [{ column: 'phone_id' }] })) {
      const id = Number(col(r, 'owner_id') ?? 0);
      if (among(id) && wantPhones.has(digits(col(r, 'phone')))) return id;
    }
  if (named)
    for (const r of db().select('person', { orderBy: [{ column: 'person_id' }] })) {
      const id = Number(col(r, 'person_id'));
      if (among(id) && named(r)) return id;
    }
  return 0;
}

/** A filter of person ids: the persons of these companies (everyone when null). */
function ofCompanies(contactIds: number[] | null): (id: number) => boolean {
  if (!contactIds) return () => true;
  const ids = new Set(contactIds.length ? db().select('person', { where: [{ column: 'contact_id', op: 'in', value: contactIds }] }).map((r) => Number(col(r, 'person_id'))) : []);
  return (id) => ids.has(id);
}

function addBounces(address: string, count: number): void {
  const want = lower(address);
  if (!want || !(count > 0)) return;
  for (const r of db().select('Email', { orderBy: [{ column: 'email_id' }] }))
    if (lower(col(r, 'email_address')) === want)
      db().update('Email', Number(col(r, 'email_id')), { bounceCount: Number(col(r, 'bounceCount') ?? 0) + count, lastBounce: db().now() });
}

const elements = (values: unknown): NSObject[] =>
  (Array.isArray(values) ? values : []).map((v) => String(v ?? '').trim()).filter(Boolean).map((v) => make('NSEntityElement', { Value: v, Description: '' }));

export const personExtra: Methods = {
  ...personRanks,
  'ValidatePersonEntity(NSPersonEntity)': (_a: unknown, o: NSObject) => validation(AGENT, 'ValidatePersonEntity', personEntityView, o),
  'ChangeCountry(NSPersonEntity,Integer)': (_a: unknown, o: NSObject, countryId: number) => inCountry(`${AGENT}.ChangeCountry`, o, countryId),
  'GetAddressByCountry(Integer,Integer)': (_a: unknown, id: number, countryId: number) => addressForCountry(`${AGENT}.GetAddressByCountry`, id, PERSON_ADDRESS, countryId),
  'Move(Integer,Integer,DateTime)': (_a: unknown, personId: number, contactId: number, after: CrmDateTime) => movePerson(`${AGENT}.Move`, personId, contactId, dateToDb(after)),
  'Merge(Integer,Integer,DateTime,Bool,Bool)': (_a: unknown, from: number, to: number, after: CrmDateTime, deleteSource: boolean, replaceEmpty: boolean) =>
    mergePersons(`${AGENT}.Merge`, from, to, dateToDb(after), deleteSource, replaceEmpty),
  'AddEmailAddressToPerson(Integer,String,Bool)': (_a: unknown, personId: number, address: string, primary: boolean) => {
    const p = person('AddEmailAddressToPerson', personId);
    const value = String(address ?? '').trim();
    if (!value) throw fail(`${AGENT}.AddEmailAddressToPerson`, 'the e-mail address is empty');
    const rows = db().select('Email', { where: [{ column: 'person_id', op: '=', value: personId }], orderBy: [{ column: 'rank' }, { column: 'email_id' }] });
    const at = rows.findIndex((r) => lower(col(r, 'email_address')) === value.toLowerCase());
    if (at >= 0 && !primary) return;
    const others = rows.filter((_r, i) => i !== at);
    const order: (CrmRow | null)[] = primary ? [at >= 0 ? rows[at] : null, ...others] : [...others, null];
    order.forEach((r, i) => {
      if (r && Number(col(r, 'rank') ?? 0) !== i + 1) touch('Email', r, { rank: i + 1 });
      if (!r)
        db().insert('Email', {
          contact_id: Number(col(p, 'contact_id') ?? 0) || null,
          person_id: personId,
          email_address: value,
          description: '',
          protocol: 'SMTP',
          type: 0,
          rank: i + 1,
          registered: db().now(),
          registered_associate_id: db().actor().associateId,
        });
    });
  },
  'AddBounce(String)': (_a: unknown, address: string) => addBounces(address, 1),
  'AddBounceWithCount(String,Integer)': (_a: unknown, address: string, count: number) => addBounces(address, count),
  'GetColleaguesByDepartment(Integer)': (_a: unknown, departmentId: number) => {
    const mine = myCompany();
    if (!mine) return [];
    const ids = db()
      .select('associate', { where: [{ column: 'group_idx', op: '=', value: departmentId }], orderBy: [{ column: 'associate_id' }] })
      .map((r) => Number(col(r, 'person_id') ?? 0))
      .filter((id) => id !== db().actor().personId);
    return byIds(personView, ids).filter((p) => Number(p.f.ContactId) === mine);
  },
  'GetMyOwner()': () => byId(personView, ownerPersonId(db().actor().personId)),
  'GetOwnerOnPersonId(Integer)': (_a: unknown, personId: number) => byId(personView, ownerPersonId(personId)),
  'GetSalesRep(String,String,String,String,String)': (_a: unknown, contactName: string, first: string, last: string, email: string, phone: string) => {
    const given = [contactName, first, last, email, phone].map((x) => String(x ?? '').trim());
    // a user of the CRM is known without being described
    let id = given.some(Boolean) ? 0 : db().actor().personId;
    if (!id && (given[1] || given[2])) {
      const companies = given[0] ? db().select('contact').filter((c) => lower(col(c, 'name')) === lower(given[0])).map((c) => Number(col(c, 'contact_id'))) : null;
      const named = (r: CrmRow): boolean => (!given[1] || lower(col(r, 'firstname')) === lower(given[1])) && (!given[2] || lower(col(r, 'lastname')) === lower(given[2]));
      id = recognise(ofCompanies(companies), [], [], named);
    }
    if (!id) id = recognise(() => true, [given[3]], [given[4]]);
    const owner = ownerPersonId(id);
    return owner ? byId(personEntityView, owner) : empty(personEntityView);
  },
  'GetPersonSummary(Integer,Integer)': (_a: unknown, id: number, limit: number) => {
    const max = limit > 0 ? limit : undefined;
    const tickets = db()
      .select('ticket', { where: [{ column: 'cust_id', op: '=', value: id }], orderBy: [{ column: 'id' }], limit: max })
      .map((t) => make('NSTicketSummaryItem', { TicketId: Number(col(t, 'id')), Title: String(col(t, 'title') ?? ''), TicketStatus: Number(col(t, 'ticket_status') ?? 0), Registered: dateFromDb(col(t, 'created_at') ?? null) }));
    const chats = hasTable('chat_session')
      ? db()
          .select('chat_session', { where: [{ column: 'person_id', op: '=', value: id }], orderBy: [{ column: 'id' }], limit: max })
          .map((c) =>
            make('NSChatSummaryItem', {
              ChatSessionId: Number(col(c, 'id')),
              Name: String(col(c, 'customer_name') ?? ''),
              CompanyName: String(col(c, 'customer_company_name') ?? ''),
              FirstMessage: String(col(c, 'first_message') ?? ''),
              LastMessage: String(col(c, 'last_message') ?? ''),
              WhenRequested: dateFromDb(col(c, 'when_requested') ?? null),
              WhenEnded: dateFromDb(col(c, 'when_ended') ?? null),
            }),
          )
      : [];
    return make('NSPersonSummary', {
      Person: byId(personView, id),
      Followups: where(appointmentView, 'person_id', id)
        .filter((a) => Number(a.f.Type) !== 4)
        .slice(0, max)
        .map((a) => activityItem(a, 'StartDate')),
      Documents: loadWhere(documentView, {})
        .filter((d) => Number(d.f.PersonId) === id)
        .slice(0, max)
        .map((d) => activityItem(d, 'CreatedDate')),
      Sales: where(saleView, 'person_id', id, max).map(saleItem),
      Tickets: tickets,
      Chats: chats,
    });
  },
  'ResolvePersonFromInfo(Integer,String,String[],String[])': (_a: unknown, contactId: number, name: string, phones: unknown, emails: unknown) => {
    const method = `${AGENT}.ResolvePersonFromInfo`;
    if (contactId && !db().get('contact', contactId)) throw fail(method, `there is no company with id ${contactId}`);
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x ?? '')) : []);
    const named = (r: CrmRow): boolean => !!lower(name) && lower(fullName(col(r, 'firstname'), col(r, 'middleName'), col(r, 'lastname'))) === lower(name);
    const found = recognise(ofCompanies(contactId ? [contactId] : null), list(emails), list(phones), named);
    if (found) return make('NSResolvedPerson', { Person: byId(personEntityView, found), PersonCreated: false });
    const words = String(name ?? '').trim().split(/\s+/).filter(Boolean);
    if (!words.length) throw fail(method, 'no person matches, and a new one needs a name');
    const p = newPerson(contactId);
    p.f.Firstname = words.length > 1 ? words.slice(0, -1).join(' ') : words[0];
    p.f.Lastname = words.length > 1 ? words[words.length - 1] : '';
    p.f.Emails = elements(emails);
    p.f.OfficePhones = elements(phones);
    return make('NSResolvedPerson', { Person: saved(AGENT, 'ResolvePersonFromInfo', personEntityView, p), PersonCreated: true });
  },
  ...lacking(AGENT, 'the sandbox CRM deletes persons for good (DeletePersonEntity removes the row), so there is none to undelete', ['Undelete(Integer)']),
};
