// Notify: telling users about requests, as Service does. A pop-up notification is a row of the
// notify table (who is told, who caused it, the request and its category, for a take-over the
// user who took it, for a custom one its text); a mail notification is a mail on the run's outbox
// (sent when the run ends, as Email.send's). Which of the two a user gets for an event follows
// the user's notify configuration: ejuser.notify_mask (pop-ups) and email_mask (mails), one bit
// per event. SuperOffice documents neither those bits nor notify.type's numbers, so the sandbox's
// own are used (EVENTS below); a NULL mask is 0, no notification. Who is told: of a new request
// its owner and, when its category says so (NotifyMembers) and the caller does not skip them, the
// category's members and its notification address (a mail); of a new message the users with the
// request on their hotlist and, unless only those, its owner; of an activated request its owner;
// of a take-over the user who had it. Deleted users are never told.
import type { NativeClass } from '../registry.js';
import type { CrmRow } from '../../runtime/crm-service.js';
import { CrmError } from '../../runtime/values.js';
import { queueMail } from '../email.js';
import { crm, int, systemMailFrom, text } from './access.js';

/** The events: the notify_mask / email_mask bit and the notify.type of each. */
const EVENTS = {
  newTicket: { bit: 1, type: 1, what: 'New request' },
  newMessage: { bit: 2, type: 2, what: 'New message in request' },
  activated: { bit: 4, type: 3, what: 'Request activated' },
  takenOver: { bit: 8, type: 4, what: 'Request taken over' },
} as const;
type Event = (typeof EVENTS)[keyof typeof EVENTS];

const CUSTOM_TYPE = 5;
/** ej_category.flags: notify the members about a new request (TicketCategoryFlags.NotifyMembers). */
const NOTIFY_MEMBERS = 256;
/** ejuser.status: Deleted. */
const DELETED = 3;
const MESSAGE_LENGTH = 255;

export class CrmNotify {}

function ticketOf(method: string, id: number): CrmRow {
  const row = id > 0 ? crm().get('ticket', id) : null;
  if (!row) throw new CrmError(`Notify.${method}: there is no request with id ${id}`);
  return row;
}

function userOf(method: string, id: number): CrmRow {
  const row = id > 0 ? crm().get('ejuser', id) : null;
  if (!row) throw new CrmError(`Notify.${method}: there is no user with id ${id}`);
  return row;
}

/** A notify row for user `userId` (the actor caused it). */
function popup(userId: number, type: number, values: CrmRow): void {
  const c = crm();
  const actor = c.actor();
  c.insert('notify', { type, user_id: userId, owner_id: actor.userId, registered: c.now(), registered_associate_id: actor.associateId, ...values });
}

function mail(to: string, subject: string, body: string): void {
  queueMail('Notify', () => ({ from: systemMailFrom(), to: [to], cc: [], bcc: [], sms: [], smsFrom: '', subject, text: body, html: '', headers: {} }));
}

function describe(ticket: CrmRow, event: Event, extra = ''): { subject: string; body: string } {
  const id = int(ticket.id);
  const category = text(crm().get('ej_category', int(ticket.category))?.fullname);
  const subject = `${event.what} #${id}: ${text(ticket.title)}`;
  return { subject, body: [subject, category ? `Category: ${category}` : '', extra].filter(Boolean).join('\n') + '\n' };
}

/** Tells each user (once; deleted users and unknown ids are skipped) about the event, as their masks say. */
function tell(users: number[], ticket: CrmRow, event: Event, values: CrmRow = {}, extra = ''): void {
  const seen = new Set<number>();
  for (const id of users) {
    if (id <= 0 || seen.has(id)) continue;
    seen.add(id);
    const user = crm().get('ejuser', id);
    if (!user || int(user.status) === DELETED) continue;
    if (int(user.notify_mask) & event.bit) popup(id, event.type, { ticket_id: int(ticket.id), category_id: int(ticket.category) || null, ...values });
    const address = text(user.email).trim();
    if (int(user.email_mask) & event.bit && address) {
      const { subject, body } = describe(ticket, event, extra);
      mail(address, subject, body);
    }
  }
}

/** Tells of new request `id` (Notify.sendNewTicket; NSTicketAgent.NotifyNewTicket). */
export function newTicket(id: number, skipMembers: boolean): void {
  const ticket = ticketOf('sendNewTicket', id);
  const users = [int(ticket.owned_by)];
  const category = crm().get('ej_category', int(ticket.category));
  const members = !skipMembers && category && int(category.flags) & NOTIFY_MEMBERS;
  if (members) users.push(...crm().select('category_membership', { where: [{ column: 'category_id', op: '=', value: int(category.id) }], orderBy: [{ column: 'id' }] }).map((r) => int(r.user_id)));
  tell(users, ticket, EVENTS.newTicket);
  const address = members ? text(category.notification_email).trim() : '';
  if (address) {
    const { subject, body } = describe(ticket, EVENTS.newTicket);
    for (const to of address.split(/[,;]/).map((s) => s.trim()).filter(Boolean)) mail(to, subject, body);
  }
}

/** Tells of a new message in request `id` (Notify.sendNewTicketMessage; NSTicketAgent.NotifyNewTicketMessage). */
export function newMessage(id: number, onlyHotlist: boolean): void {
  const ticket = ticketOf('sendNewTicketMessage', id);
  const hot = crm().select('hotlist', { where: [{ column: 'ticket_id', op: '=', value: id }], orderBy: [{ column: 'id' }] }).map((r) => int(r.user_id));
  tell(onlyHotlist ? hot : [int(ticket.owned_by), ...hot], ticket, EVENTS.newMessage);
}

function takenOver(id: number, oldUser: number, newUser: number): void {
  const ticket = ticketOf('sendTicketTakenOver', id);
  userOf('sendTicketTakenOver', oldUser);
  const taker = userOf('sendTicketTakenOver', newUser);
  tell([oldUser], ticket, EVENTS.takenOver, { user2_id: newUser }, `Taken over by ${text(taker.username)}`);
}

function custom(userId: number, message: string): void {
  userOf('sendCustomMessage', userId);
  if (message.length > MESSAGE_LENGTH) throw new CrmError(`Notify.sendCustomMessage: the message has ${message.length} characters; a notification holds at most ${MESSAGE_LENGTH}`);
  popup(userId, CUSTOM_TYPE, { custom_message: message });
}

export const NotifyClass: NativeClass = {
  name: 'Notify',
  defaultValue: () => new CrmNotify(),
  ctors: { '()': () => new CrmNotify() },
  methods: {
    'sendCustomMessage(Integer,String)': (_self: CrmNotify, user: number, message: string) => custom(user, message),
    'sendNewTicket(Integer)': (_self: CrmNotify, id: number) => newTicket(id, false),
    'sendNewTicket(Integer,Bool)': (_self: CrmNotify, id: number, skip: boolean) => newTicket(id, skip),
    'sendNewTicketMessage(Integer,Bool)': (_self: CrmNotify, id: number, onlyHotlist: boolean) => newMessage(id, onlyHotlist),
    'sendTicketActivated(Integer)': (_self: CrmNotify, id: number) => {
      const ticket = ticketOf('sendTicketActivated', id);
      tell([int(ticket.owned_by)], ticket, EVENTS.activated);
    },
    'sendTicketTakenOver(Integer,Integer,Integer)': (_self: CrmNotify, id: number, oldUser: number, newUser: number) => takenOver(id, oldUser, newUser),
  },
};
