// NSTicketAgent's notifications of users about a new request and a new message in one, as Service
// tells them and as the Notify class does (stdlib/crm/notify.ts): a pop-up (a notify row) and a
// mail on the run's outbox to each user whose notify configuration asks for one. Of a new request
// its owner is told and, when its category says so, the category's members (and its notification
// address); of a new message its owner and the users with the request on their hotlist.
import { newMessage, newTicket } from '../../crm/notify.js';
import { db, fail } from './db.js';
import type { Methods } from './define.js';

const AGENT = 'NSTicketAgent';

function mustTicket(method: string, id: number): number {
  if (!(id > 0 && db().get('ticket', id))) throw fail(`${AGENT}.${method}`, `there is no ticket with id ${id}`);
  return id;
}

export const ticketNotify: Methods = {
  'NotifyNewTicket(Integer)': (_a: unknown, id: number) => newTicket(mustTicket('NotifyNewTicket', id | 0), false),
  'NotifyNewTicketMessage(Integer)': (_a: unknown, id: number) => newMessage(mustTicket('NotifyNewTicketMessage', id | 0), false),
};
