// Trigger events carry the ids of the entities they are about (NewTicket: ticketId, personId,
// contactId). Firing an event from the CLI or the TUI checks the ids given against the sandbox
// CRM and fills the ones not given with a sensible demo row (the newest ticket, its customer,
// the customer's company, ...), or says which input is missing when the table has no rows.
import type { CrmValue } from '../interp/runtime/crm-service.js';
import { CrmDatabaseError } from './errors.js';
import type { CrmDriver } from './driver.js';
import { fillChatInputs } from './chat-inputs.js';

/** Input names that are entity ids, and the table each points to. */
const ENTITY_INPUTS: Record<string, string> = {
  ticketid: 'ticket',
  personid: 'person',
  customerid: 'person',
  custid: 'person',
  contactid: 'contact',
  messageid: 'ej_message',
  projectid: 'project',
  selectionid: 'selection',
  categoryid: 'ej_category',
  ticketcategoryid: 'ej_category',
  ticketpriorityid: 'ticket_priority',
  ticketstatusid: 'ticket_status',
  filterid: 'mail_in_filter',
  mailboxid: 'mail_in_filter',
  'personentity.personid': 'person',
  'contactentity.contactid': 'contact',
  currentcontactid: 'contact',
  'saleentity.saleid': 'sale',
  'appointmententity.appointmentid': 'appointment',
  'documententity.documentid': 'document',
  'projectentity.projectid': 'project',
  'chatsession.id': 'chat_session',
  'chatmessage.sessionid': 'chat_session',
  'chatmessage.id': 'chat_message',
  'chatsession.topicid': 'chat_topic',
};

/** The entity a group's `entryId` means. */
const ENTRY_OF_GROUP: Record<string, string> = { ticket: 'ticket', mail: 'ticket', system: 'ticket' };

export interface FilledInputs {
  inputs: Record<string, string>;
  /** Inputs this filled in, with where the value came from. */
  picked: { name: string; value: string; why: string }[];
}

function one(d: CrmDriver, sql: string, params: CrmValue[] = []): CrmValue[] | null {
  return d.all(sql, params).rows[0] ?? null;
}

/** Fills and checks the entity-id inputs of an event (`group` as in the trigger catalog). */
export function fillEntityInputs(d: CrmDriver, event: { name: string; group: string; inputs: string[] }, given: Record<string, string>): FilledInputs {
  const out = { ...given };
  const picked: FilledInputs['picked'] = [];
  const tableOf = (name: string): string | undefined => (name === 'entryId' ? ENTRY_OF_GROUP[event.group] : ENTITY_INPUTS[name.toLowerCase()]);
  const q = d.dialect.quote;
  // ids given: the row must exist
  for (const name of event.inputs) {
    const table = tableOf(name);
    const v = given[name];
    if (!table || v === undefined || v === '' || v === '0') continue;
    const t = d.schema().mustFind(table);
    if (!/^\d+$/.test(v.trim())) throw new CrmDatabaseError(`${event.name}: input ${name} must be an id (a number), not "${v}"`);
    if (!one(d, `SELECT 1 FROM ${q(t.name)} WHERE ${q(t.primaryKey)} = ?`, [Number(v)])) throw new CrmDatabaseError(`${event.name}: input ${name}=${v}, but the sandbox CRM has no ${t.name} ${v} (see \`crmscript-tui crm show ${t.name}\`)`);
  }
  const set = (name: string, value: CrmValue, why: string): void => {
    if (!event.inputs.includes(name) || (out[name] !== undefined && out[name] !== '')) return;
    if (value === null || value === undefined || Number(value) <= 0) return;
    out[name] = String(value);
    picked.push({ name, value: String(value), why });
  };
  const ticketInput = event.inputs.includes('ticketId') ? 'ticketId' : event.inputs.includes('entryId') && ENTRY_OF_GROUP[event.group] === 'ticket' ? 'entryId' : null;
  if (ticketInput) {
    const newest = one(d, 'SELECT max(id) FROM ticket')?.[0] ?? null;
    set('ticketId', newest, 'the newest ticket');
    set('entryId', out.ticketId ?? newest, 'the ticket');
    const ticket = Number(out.ticketId ?? out.entryId ?? 0);
    if (ticket) {
      const row = one(d, 'SELECT cust_id, category, priority, ticket_status FROM ticket WHERE id = ?', [ticket]);
      set('personId', row?.[0] ?? null, "the ticket's customer");
      set('customerId', row?.[0] ?? null, "the ticket's customer");
      set('ticketCategoryId', row?.[1] ?? null, "the ticket's category");
      set('ticketPriorityId', row?.[2] ?? null, "the ticket's priority");
      set('ticketStatusId', row?.[3] ?? null, "the ticket's status");
      set('messageId', one(d, 'SELECT max(id) FROM ej_message WHERE ticket_id = ?', [ticket])?.[0] ?? null, "the ticket's newest message");
    }
  }
  const setText = (name: string, value: CrmValue, why: string): void => {
    if (!event.inputs.includes(name) || (out[name] !== undefined && out[name] !== '') || value === null || value === '') return;
    out[name] = String(value);
    picked.push({ name, value: String(value), why });
  };
  fillChatInputs(d, event.inputs, out, set, setText);
  const person = Number(out.personId ?? out.customerId ?? 0);
  if (person) set('contactId', one(d, 'SELECT contact_id FROM person WHERE person_id = ?', [person])?.[0] ?? null, "the person's company");
  // any other entity input: the table's newest row
  for (const name of event.inputs) {
    const table = tableOf(name);
    if (!table || (out[name] !== undefined && out[name] !== '')) continue;
    const t = d.schema().find(table);
    if (!t) continue;
    set(name, one(d, `SELECT max(${q(t.primaryKey)}) FROM ${q(t.name)}`)?.[0] ?? null, `the newest ${t.name}`);
  }
  // the event's main entity must be known
  for (const main of ['ticketId', 'entryId']) {
    if (event.inputs.includes(main) && ticketInput && !out[main]) throw new CrmDatabaseError(`${event.name} needs input ${main}: the sandbox CRM has no ticket to pick (add one, run \`crmscript-tui crm reset\`, or give --input ${main}=ID)`);
  }
  return { inputs: out, picked };
}
