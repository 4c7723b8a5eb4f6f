// NSAppointmentAgent.RequestForInfo and GenerateLead: a request or a sales lead from outside
// becomes a task (an appointment in the task list, type 2) in the task list of the user
// responsible for the company it concerns. The person is looked for by e-mail address, else by
// first and last name in the companies with the company name given (letter case and outer blanks
// aside; deleted companies left out):
// - the person is found: the task is for that person and company;
// - one company is found but not the person: a new person is made in it (when there is a name or
//   an e-mail address);
// - neither: a new company (responsible: associateIdForNewContact, 0 the run's user) and person are made, when a
//   company name is given (else it fails: there is nothing to put the task on);
// - several companies and no person: they are returned, and nothing is written.
// NSSalesActivity gives the companies, the person and the sales representative (the person of
// the company's responsible user). GenerateLead also relates the lead's company and person to the
// person who sent the lead (creatorsFirstname/-Lastname of the company creatorsContact) by the
// relation definition relationId, or the one whose name is `relation`; the relation's comment is
// `relation`. Everything is checked before anything is written.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, loadRef, lookup } from './view.js';
import { make, saved, type Methods } from './define.js';
import { contactEntityView, personEntityView } from './people-views.js';
import { APPOINTMENT_TYPE, appointmentEntityView } from './activity-views.js';
import { newContact, newPerson } from './contact-person.js';
import { newAppointment } from './appointment-document.js';
import { contactRelationView } from './relations.js';

const AGENT = 'NSAppointmentAgent';

interface Lead {
  contactName: string;
  first: string;
  last: string;
  email: string;
  phone: string;
}

const same = (a: unknown, b: string): boolean => String(a ?? '').trim().toLowerCase() === b.trim().toLowerCase();
const id = (row: CrmRow, column: string): number => Number(col(row, column) ?? 0);

/** The live companies named `name`, by id. */
function companiesNamed(name: string): number[] {
  if (!name.trim()) return [];
  return db()
    .select('contact', { columns: ['contact_id', 'name', 'deleted'], orderBy: [{ column: 'contact_id' }] })
    .filter((r) => same(col(r, 'name'), name) && !Number(col(r, 'deleted') ?? 0))
    .map((r) => id(r, 'contact_id'));
}

/** The first person of these companies with this first and last name (0 when none, or no name). */
function personNamed(companies: number[], first: string, last: string): number {
  if (!companies.length || (!first.trim() && !last.trim())) return 0;
  const row = db()
    .select('person', { where: [{ column: 'contact_id', op: 'in', value: companies }], orderBy: [{ column: 'person_id' }] })
    .find((r) => same(col(r, 'firstname'), first) && same(col(r, 'lastname'), last));
  return row ? id(row, 'person_id') : 0;
}

/** The person with this e-mail address (0 when none). */
function personByEmail(email: string): number {
  if (!email.trim()) return 0;
  const row = db()
    .select('Email', { orderBy: [{ column: 'email_id' }] })
    .find((r) => id(r, 'person_id') && same(col(r, 'email_address'), email));
  return row ? id(row, 'person_id') : 0;
}

/** What was found of a lead, and what is to be made. */
interface Match {
  companies: number[];
  person: number;
  newCompany: boolean;
  newPerson: boolean;
}

function match(where: string, lead: Lead, ownerOfNew: number): Match {
  const byEmail = personByEmail(lead.email);
  if (byEmail) return { companies: [Number(lookup('person', byEmail, 'contact_id') || 0)].filter(Boolean), person: byEmail, newCompany: false, newPerson: false };
  const companies = companiesNamed(lead.contactName);
  const person = personNamed(companies, lead.first, lead.last);
  if (person) return { companies: [Number(lookup('person', person, 'contact_id'))], person, newCompany: false, newPerson: false };
  const enough = !!(lead.first.trim() || lead.last.trim() || lead.email.trim());
  if (companies.length > 1) return { companies, person: 0, newCompany: false, newPerson: false };
  if (companies.length === 1) return { companies, person: 0, newCompany: false, newPerson: enough };
  if (!lead.contactName.trim()) throw fail(where, 'neither the person nor a company was found, and there is no company name to make a new company with');
  if (!db().get('associate', ownerOfNew)) throw fail(where, `there is no associate ${ownerOfNew} to be responsible for the new company (associateIdForNewContact)`);
  return { companies: [], person: 0, newCompany: true, newPerson: enough };
}

const element = (value: string): NSObject => make('NSEntityElement', { Value: value, StrippedValue: value, Description: '' });

/** Writes the new company and person a match asks for; returns the company and person ids. */
function create(method: string, lead: Lead, m: Match, ownerOfNew: number): { contact: number; person: number } {
  let contact = m.companies.length === 1 ? m.companies[0] : 0;
  if (m.newCompany) {
    const c = newContact();
    Object.assign(c.f, { Name: lead.contactName.trim(), Associate: loadRef('NSAssociate', ownerOfNew) });
    if (!m.newPerson && lead.phone.trim()) c.f.Phones = [element(lead.phone.trim())];
    contact = Number(saved(AGENT, method, contactEntityView, c).f.ContactId);
  }
  let person = m.person;
  if (m.newPerson) {
    const p = newPerson(contact);
    Object.assign(p.f, { Firstname: lead.first.trim(), Lastname: lead.last.trim() || lead.email.trim(), Emails: lead.email.trim() ? [element(lead.email.trim())] : [] });
    if (lead.phone.trim()) p.f.OfficePhones = [element(lead.phone.trim())];
    person = Number(saved(AGENT, method, personEntityView, p).f.PersonId);
  }
  return { contact, person };
}

/** The task in the task list of the company's responsible user (else `fallback`, else the run's user). */
function task(method: string, contact: number, person: number, text: string, fallback: number): void {
  const responsible = Number(lookup('contact', contact, 'associate_id') || 0) || fallback || db().actor().associateId;
  const a = newAppointment(APPOINTMENT_TYPE.checklist, responsible);
  Object.assign(a.f, { Contact: loadRef('NSContact', contact), Person: loadRef('NSPerson', person), Description: text });
  saved(AGENT, method, appointmentEntityView, a);
}

function activity(companies: number[], person: number): NSObject {
  const rep = Number(lookup('contact', companies.length === 1 ? companies[0] : 0, 'associate_id') || 0);
  return make('NSSalesActivity', {
    RequestedContacts: companies.map((c) => loadRef('NSContact', c)),
    RequestedPerson: loadRef('NSPerson', person),
    SalesRep: loadRef('NSPerson', Number(lookup('associate', rep, 'person_id') || 0)),
  });
}

/** Handles a lead: finds or makes the company and person, adds the task, then `after` (the relation). */
function handle(method: string, lead: Lead, ownerOfNew: number, text: string, check?: () => (contact: number, person: number) => void): NSObject {
  const where = `${AGENT}.${method}`;
  // 0: the run's user is responsible for a new company
  ownerOfNew = ownerOfNew || db().actor().associateId;
  const m = match(where, lead, ownerOfNew);
  if (m.companies.length > 1 && !m.person) return activity(m.companies, 0);
  const after = check?.();
  const made = create(method, lead, m, ownerOfNew);
  task(method, made.contact, made.person, text, ownerOfNew);
  after?.(made.contact, made.person);
  return activity([made.contact].filter(Boolean), made.person);
}

/** The relation definition of a lead: by id, else by name ('' and 0: none). */
function definition(where: string, relation: string, relationId: number): number {
  if (relationId) {
    if (!db().get('relationdefinition', relationId)) throw fail(where, `there is no relation definition with id ${relationId}`);
    return relationId;
  }
  if (!relation.trim()) return 0;
  const row = db().select('relationdefinition', { orderBy: [{ column: 'reldef_id' }] }).find((r) => same(col(r, 'name'), relation));
  if (!row) throw fail(where, `there is no relation definition named "${relation.trim()}" (give its id as relationId)`);
  return id(row, 'reldef_id');
}

/** Checks the relation a lead asks for; the result writes it once the lead's company and person exist. */
function relationTo(where: string, relation: string, relationId: number, creator: Lead): () => (contact: number, person: number) => void {
  return () => {
    const reldef = definition(where, relation, relationId);
    if (!reldef) return () => {};
    const sender = personNamed(companiesNamed(creator.contactName), creator.first, creator.last);
    if (!sender) throw fail(where, `there is no person "${[creator.first, creator.last].join(' ').trim()}" at a company named "${creator.contactName}" to relate the lead to`);
    return (contact, person) => {
      const r = make('NSContactRelationEntity', {
        RelationId: 0,
        RelationDefinitionId: reldef,
        SourceContactId: contact,
        SourcePersonId: person,
        DestinationContactId: Number(lookup('person', sender, 'contact_id')),
        DestinationPersonId: sender,
        Comment: relation.trim(),
        Reversed: 0,
      });
      saved(AGENT, 'GenerateLead', contactRelationView, r);
    };
  };
}

type S = string;
type N = number;

export const salesLeads: Methods = {
  'RequestForInfo(Integer,String,String,String,String,String,String,String)': (_a: unknown, owner: N, channel: S, regarding: S, contactName: S, first: S, last: S, email: S, phone: S) => {
    const text = [channel?.trim() ? `[${channel.trim()}]` : '', String(regarding ?? '').trim()].filter(Boolean).join(' ');
    return handle('RequestForInfo', { contactName: contactName ?? '', first: first ?? '', last: last ?? '', email: email ?? '', phone: phone ?? '' }, owner, text);
  },
  'GenerateLead(Integer,String,String,Integer,String,String,String,String,String,String,String,String)': (
    _a: unknown,
    owner: N,
    description: S,
    relation: S,
    relationId: N,
    contactName: S,
    first: S,
    last: S,
    email: S,
    phone: S,
    creatorsContact: S,
    creatorsFirst: S,
    creatorsLast: S,
  ) => {
    const lead = { contactName: contactName ?? '', first: first ?? '', last: last ?? '', email: email ?? '', phone: phone ?? '' };
    const creator = { contactName: creatorsContact ?? '', first: creatorsFirst ?? '', last: creatorsLast ?? '', email: '', phone: '' };
    return handle('GenerateLead', lead, owner, String(description ?? '').trim(), relationTo(`${AGENT}.GenerateLead`, relation ?? '', relationId, creator));
  },
};
