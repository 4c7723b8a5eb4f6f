// NSSelectionAgent's tasks on the members of a selection of any kind (selection-dynamic.ts):
// deleting what they are (through the delete methods of the agents that own those records, so what
// those take with them goes too), a follow-up for each company or person, and how many of them
// can be reached by post, e-mail or fax (also for a list of companies and persons, or a project's
// members).
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, loadRef } from './view.js';
import { make, saved, type Methods } from './define.js';
import { contactAgent, me, personAgent } from './contact-person.js';
import { projectAgent, saleAgent } from './sale-project.js';
import { appointmentAgent, documentAgent } from './appointment-document.js';
import { ticketAgent } from './ticket-user-pref.js';
import { appointmentEntityView } from './activity-views.js';
import { ADDRESS, PHONE } from './elements.js';
import { AGENT } from './selection-views.js';
import { contactPersons } from './selection-members.js';
import { selected } from './selection-dynamic.js';
import { CONTACT_TARGET, pairsOf, projectMembers, removeMemberRows, targetByNumber, type Member, type Target } from '../../crm/selections.js';

/** Each target table's delete method: the agent and its method key. */
const DELETE: Record<string, [Methods, string]> = {
  contact: [contactAgent, 'DeleteContactEntity(Integer)'],
  person: [personAgent, 'DeletePersonEntity(Integer)'],
  appointment: [appointmentAgent, 'DeleteAppointmentEntity(Integer)'],
  document: [documentAgent, 'DeleteDocumentEntity(Integer)'],
  project: [projectAgent, 'DeleteProjectEntity(Integer)'],
  sale: [saleAgent, 'DeleteSaleEntity(Integer)'],
  ticket: [ticketAgent, 'DeleteTicketEntity(Integer)'],
};

const PERSON_TABLE = 6;
const unique = (list: number[]): number[] => [...new Set(list.filter((n) => n > 0))];

/**
 * Deletes records of `table` as its agent does, and then the memberships they leave behind in
 * every selection: a deleted company's or person's rows in selections of companies and persons,
 * a deleted record's rows in selections of its table. (A sale's row in a sale selection stays when
 * its person goes: the sale is still there.)
 */
function deleteRecords(target: Target, ids: number[]): void {
  const [agent, key] = DELETE[target.name];
  for (const id of ids) agent[key](agent, id);
  if (!ids.length) return;
  const of = (r: CrmRow): number => Number(col(r, 'targetTableNumber') ?? 0);
  const contactRow = (r: CrmRow): boolean => [0, CONTACT_TARGET.number, PERSON_TABLE].includes(of(r));
  const gone = new Set(ids);
  const rows = (column: string, keep: (r: CrmRow) => boolean): CrmRow[] =>
    db()
      .select('selectionmember', { where: [{ column, op: 'in', value: ids }] })
      .filter((r) => gone.has(Number(col(r, column) ?? 0)) && keep(r));
  if (target === CONTACT_TARGET) removeMemberRows(rows('contact_id', contactRow));
  else if (target.number === PERSON_TABLE) removeMemberRows(rows('person_id', contactRow));
  else removeMemberRows(rows('targetRecordId', (r) => of(r) === target.number));
}

const PERSONS = targetByNumber(PERSON_TABLE)!;

/** The companies and persons of a selection's members. */
const pairsIn = (where: string, id: number): Member[] => pairsOf(selected(where, id).members);

function hasAddressLine(rows: CrmRow[]): boolean {
  return rows.some((r) => ['address1', 'address2', 'address3', 'zipcode', 'city'].some((c) => String(col(r, c) ?? '').trim() !== ''));
}

function addressRows(owner: number, type: number): CrmRow[] {
  return owner ? db().select('address', { where: [{ column: 'owner_id', op: '=', value: owner }, { column: 'atype_idx', op: '=', value: type }] }) : [];
}

function phones(owner: number, type: number): boolean {
  return !!owner && db().count('phone', [{ column: 'owner_id', op: '=', value: owner }, { column: 'ptype_idx', op: '=', value: type }, { column: 'phone', op: '<>', value: '' }]) > 0;
}

function emails(p: Member): boolean {
  const rows = p.person
    ? db().select('Email', { where: [{ column: 'person_id', op: '=', value: p.person }] })
    : db().select('Email', { where: [{ column: 'contact_id', op: '=', value: p.contact }] }).filter((r) => !Number(col(r, 'person_id') ?? 0));
  return rows.some((r) => /^[^@\s]+@[^@\s]+$/.test(String(col(r, 'email_address') ?? '').trim()));
}

/**
 * How the companies and persons can be reached: each is one recipient (a person, else a
 * company). A person's post goes to their own address, else their company's postal address; a
 * company's e-mail addresses and fax are its own, not its persons'.
 */
function statistics(pairs: Member[]): NSObject {
  let postal = 0;
  let email = 0;
  let fax = 0;
  let neither = 0;
  for (const p of pairs) {
    const post = hasAddressLine(p.person ? addressRows(p.person, ADDRESS.personPrivate) : []) || hasAddressLine(addressRows(p.contact, ADDRESS.postal));
    const mail = emails(p);
    const faxes = p.person ? phones(p.person, PHONE.directFax) : phones(p.contact, PHONE.contactFax);
    if (post) postal++;
    if (mail) email++;
    if (faxes) fax++;
    if (!mail && !faxes) neither++;
  }
  return make('NSRecipientStatistics', { Total: pairs.length, ValidPostalAddresses: postal, NoAddresses: pairs.length - postal, ValidEmailAddresses: email, ValidFaxNumbers: fax, NoFaxOrEmails: neither });
}

/** The follow-up of one company and person, made from the template: its owner the company's when asked and it has one, else `owner`. */
function followUp(template: NSObject, p: Member, owner: NSObject, onContactOwner: boolean): NSObject {
  const contactOwner = onContactOwner && p.contact ? Number(col(db().get('contact', p.contact) ?? {}, 'associate_id') ?? 0) : 0;
  const a = make('NSAppointmentEntity', { ...template.f, AppointmentId: 0, Contact: loadRef('NSContact', p.contact), Person: loadRef('NSPerson', p.person) });
  a.f.Associate = contactOwner ? loadRef('NSAssociate', contactOwner) : owner;
  return saved(AGENT, 'GenerateFollowUps', appointmentEntityView, a);
}

export const selectionTasks: Methods = {
  'DeleteContacts(Integer)': (_a: unknown, id: number) => deleteRecords(CONTACT_TARGET, unique(pairsIn(`${AGENT}.DeleteContacts`, id).map((p) => p.contact))),
  'DeletePersons(Integer)': (_a: unknown, id: number) => deleteRecords(PERSONS, unique(pairsIn(`${AGENT}.DeletePersons`, id).map((p) => p.person))),
  'DeleteEntities(Integer)': (_a: unknown, id: number) => {
    const where = `${AGENT}.DeleteEntities`;
    const { target, members } = selected(where, id);
    if (target === CONTACT_TARGET) deleteRecords(CONTACT_TARGET, unique(pairsOf(members).map((p) => p.contact)));
    else if (target.number === PERSON_TABLE) deleteRecords(PERSONS, unique(pairsOf(members).map((p) => p.person)));
    else deleteRecords(target, unique(members.map((m) => m.record ?? 0)));
  },
  'GenerateFollowUps(Integer,NSAppointmentEntity,Integer,Bool,Bool)': (_a: unknown, id: number, template: NSObject, associateId: number, onContactOwner: boolean, uniqueContact: boolean) => {
    const where = `${AGENT}.GenerateFollowUps`;
    const pairs = pairsIn(where, id);
    if (!(template instanceof NSObject)) throw fail(where, 'there is no follow-up to copy (an NSAppointmentEntity, e.g. from CreateDefaultAppointmentEntity)');
    if (associateId > 0 && !db().get('associate', associateId)) throw fail(where, `there is no associate with id ${associateId}`);
    const owner = associateId > 0 ? loadRef('NSAssociate', associateId) : template.f.Associate instanceof NSObject && Number(template.f.Associate.f.AssociateId ?? 0) ? template.f.Associate : me();
    const seen = new Set<number>();
    for (const p of pairs) {
      if (uniqueContact && p.contact && seen.has(p.contact)) continue;
      seen.add(p.contact);
      followUp(template, p, owner, onContactOwner);
    }
  },
  'GetRecipientStatistics(Integer)': (_a: unknown, id: number) => statistics(pairsIn(`${AGENT}.GetRecipientStatistics`, id)),
  'GetRecipientStatisticsFromContactPersonIds(NSContactPersonId[])': (_a: unknown, list: unknown) =>
    statistics(contactPersons(`${AGENT}.GetRecipientStatisticsFromContactPersonIds`, list)),
  'GetRecipientStatisticsFromProjectMembers(Integer)': (_a: unknown, projectId: number) => {
    if (!(projectId > 0 && db().get('project', projectId))) throw fail(`${AGENT}.GetRecipientStatisticsFromProjectMembers`, `there is no project with id ${projectId}`);
    return statistics(projectMembers(projectId));
  },
};
