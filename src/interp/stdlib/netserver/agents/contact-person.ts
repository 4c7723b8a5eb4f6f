// NSContactAgent and NSPersonAgent over the contact and person tables.
import type { NSObject } from '../object.js';
import { CrmDateTime } from '../../time/values.js';
import { db, dateToDb } from './db.js';
import { col, loadRef, loadWhere } from './view.js';
import { byId, byIds, carrierGets, entityCycle, make, where, type Methods } from './define.js';
import { contactEntityView, contactView, personEntityView, personView } from './people-views.js';
import { appointmentView, documentView } from './activity-views.js';
import { saleView } from './sales-views.js';
import { readAddress, readPhones, CONTACT_ADDRESS, PERSON_ADDRESS, PHONE } from './elements.js';

/** The run's user as an NSAssociate. */
export function me(): NSObject {
  return loadRef('NSAssociate', db().actor().associateId);
}

/** The country new companies get: the one of the company that owns the database, else the first. */
export function defaultCountry(): NSObject {
  const rows = db().select('country', { orderBy: [{ column: 'country_id' }], limit: 1 });
  return loadRef('NSCountry', rows[0] ? Number(col(rows[0], 'country_id')) : 0);
}

/** A new company as CreateDefaultContactEntity gives it: owned by the run's user, in the default country. */
export function newContact(): NSObject {
  return make('NSContactEntity', { ContactId: 0, Associate: me(), Country: defaultCountry(), Address: readAddress(0, CONTACT_ADDRESS), Emails: [], Phones: [], Faxes: [], Persons: [] });
}

export const contactAgent: Methods = {
  ...entityCycle('NSContactAgent', 'Contact', contactEntityView, newContact),
  ...carrierGets('Contact', contactView),
  'GetContactWithPersons(Integer)': (_a: unknown, id: number) => byId(contactEntityView, id),
  'GetPersons(Integer)': (_a: unknown, id: number) => where(personView, 'contact_id', id),
  'GetMyContacts()': () => where(contactView, 'associate_id', db().actor().associateId),
  'GetMyContact()': () => byId(contactEntityView, Number(loadRef('NSPerson', db().actor().personId).f.ContactId ?? 0)),
  'GetAddress(Integer)': (_a: unknown, id: number) => readAddress(id, CONTACT_ADDRESS),
  'GetMyActiveContacts(DateTime,Integer[],Integer)': (_a: unknown, since: CrmDateTime, categories: number[]) => {
    const me = db().actor().associateId;
    const from = dateToDb(since) ?? '0000-00-00 00:00:00';
    const rows = db().select('contact', { where: [{ column: 'updated', op: '>=', value: from }], orderBy: [{ column: 'updated', descending: true }] });
    const rowsRegistered = db().select('contact', { where: [{ column: 'registered', op: '>=', value: from }, { column: 'registered_associate_id', op: '=', value: me }] });
    const seen = new Set<number>();
    const out: NSObject[] = [];
    for (const r of [...rows, ...rowsRegistered]) {
      const id = Number(col(r, 'contact_id'));
      if (seen.has(id) || (categories?.length && !categories.includes(Number(col(r, 'category_idx') ?? 0)))) continue;
      seen.add(id);
      const c = byId(contactView, id);
      const updated = String(col(r, 'updated') ?? '') >= from;
      const by = Number(col(r, updated ? 'updated_associate_id' : 'registered_associate_id') ?? 0);
      out.push(
        make('NSContactActivity', {
          ContactId: id,
          Name: c.f.Name,
          Department: c.f.Department,
          OrgNr: c.f.OrgNr,
          Category: c.f.CategoryName,
          AssociateId: c.f.AssociateId,
          AssociateFullName: c.f.AssociateFullName,
          ActionTime: byId(contactEntityView, id).f[updated ? 'UpdatedDate' : 'CreatedDate'],
          ActivityPersonId: Number(loadRef('NSAssociate', by).f.PersonId ?? 0),
          ActivityPersonName: loadRef('NSAssociate', by).f.FullName ?? '',
        }),
      );
    }
    return out;
  },
  'GetContactSummary(Integer,Integer)': (_a: unknown, id: number, limit: number) => {
    const max = limit > 0 ? limit : undefined;
    const followups = where(appointmentView, 'contact_id', id, max).filter((a) => Number(a.f.Type) !== 4);
    const docs = loadWhere(documentView, {}).filter((d) => Number(d.f.ContactId) === id).slice(0, max);
    return make('NSContactSummary', {
      Contact: byId(contactView, id),
      Followups: followups.map((a) => activityItem(a, 'StartDate')),
      Documents: docs.map((d) => activityItem(d, 'CreatedDate')),
      Sales: where(saleView, 'contact_id', id, max).map(saleItem),
    });
  },
};

/** An appointment or document as an item of a contact's or person's summary. */
export function activityItem(o: NSObject, date: string): NSObject {
  return make('NSActivitySummaryItem', { AppointmentId: o.f.AppointmentId ?? 0, DocumentId: o.f.DocumentId ?? 0, Date: o.f[date], Description: o.f.Description ?? o.f.Header ?? '', Completed: o.f.Completed ?? 0, Registered: o.f.CreatedDate ?? o.f[date] });
}

/** A sale (NSSale) as an item of a contact's or person's summary. */
export function saleItem(s: NSObject): NSObject {
  return make('NSSaleSummaryItem', { SaleId: s.f.SaleId, Heading: s.f.Title, Amount: s.f.Amount, Currency: s.f.Currency, SaleDate: s.f.SaleDate, Status: s.f.Status, Probability: s.f.Probability, Completed: s.f.Completed });
}

export const personAgent: Methods = {
  ...entityCycle('NSPersonAgent', 'Person', personEntityView, () => newPerson(0)),
  ...carrierGets('Person', personView),
  'CreateDefaultByContactId(Integer)': (_a: unknown, contactId: number) => newPerson(contactId),
  'GetPersonsFromContact(Integer)': (_a: unknown, id: number) => where(personView, 'contact_id', id),
  'GetMyPerson()': () => byId(personEntityView, db().actor().personId),
  'GetColleagues()': () => {
    const mine = Number(loadRef('NSPerson', db().actor().personId).f.ContactId ?? 0);
    return mine ? where(personView, 'contact_id', mine).filter((p) => Number(p.f.PersonId) !== db().actor().personId) : [];
  },
  'GetPhones(Integer)': (_a: unknown, id: number) => [PHONE.direct, PHONE.mobile, PHONE.private].flatMap((t) => readPhones(id, t)),
  'GetAddress(Integer)': (_a: unknown, id: number) => readAddress(id, PERSON_ADDRESS),
  'GetPersonsFromProject(Integer)': (_a: unknown, projectId: number) => {
    const ids = db()
      .select('projectmember', { where: [{ column: 'project_id', op: '=', value: projectId }] })
      .map((r) => Number(col(r, 'person_id') ?? 0));
    return byIds(personView, ids);
  },
};

/** A new person as CreateDefaultByContactId gives it: of that company, in its country (else the default one). */
export function newPerson(contactId: number): NSObject {
  const contact = loadRef('NSContact', contactId);
  const country = Number(contact.f.CountryId ?? 0) ? loadRef('NSCountry', Number(contact.f.CountryId)) : defaultCountry();
  return make('NSPersonEntity', { PersonId: 0, Contact: contact, Country: country, Associate: me(), Address: readAddress(0, PERSON_ADDRESS), Emails: [], OfficePhones: [], MobilePhones: [] });
}


