// Priority and escalation: what a ticket event (read, new owner, new info, closed, changed
// priority, new) does to the ticket's escalation chain, as its priority (ticket_priority) says:
// nothing, stop (keep the time left in alert_stop), continue (from the time left) or restart from
// the first level of the priority's chain (ticket_alert). Used by Priority.checkEscalating and
// Ticket.checkEscalating.
import type { NativeClass } from '../registry.js';
import { CrmError } from '../../runtime/values.js';
import { formatDateTime } from '../time/format.js';
import { dateTimeFromUnix } from '../time/values.js';
import { crm, dateTime, int } from './access.js';

/** The ticket_priority column each action (0..5) reads. */
const EVENT_COLUMN = ['ticket_read', 'changed_owner', 'ticket_newinfo', 'ticket_closed', 'ticket_changed_priority', 'ticket_new'];
const STOP = 0;
const CONTINUE = 1;
const RESTART = 2;

const at = (unix: number): string => formatDateTime(dateTimeFromUnix(unix));

export function checkEscalating(ticketId: number, action: number, what: string): void {
  const c = crm();
  const column = EVENT_COLUMN[action];
  if (column === undefined) throw new CrmError(`${what}: unknown action ${action} (0 read, 1 changed owner, 2 new info, 3 closed, 4 changed priority, 5 new)`);
  const t = c.get('ticket', ticketId);
  if (!t) throw new CrmError(`${what}: there is no ticket ${ticketId}`);
  const p = c.get('ticket_priority', int(t.priority));
  if (!p) return;
  const event = p[column] === null ? -1 : int(p[column]);
  const now = dateTime(c.now()).unix;
  const running = int(t.alert_stop) === -1 && t.alert_timeout !== null && t.alert_timeout !== '';
  if (event === STOP && running) {
    c.update('ticket', ticketId, { alert_stop: Math.max(0, dateTime(t.alert_timeout).unix - now) });
  } else if (event === CONTINUE && int(t.alert_stop) >= 0 && t.alert_timeout !== null) {
    c.update('ticket', ticketId, { alert_timeout: at(now + int(t.alert_stop)), alert_stop: -1 });
  } else if (event === RESTART) {
    const first = c.select('ticket_alert', { where: [{ column: 'priority', op: '=', value: int(t.priority) }], orderBy: [{ column: 'alert_level' }], limit: 1 })[0];
    c.update('ticket', ticketId, first ? { alert_level: int(first.alert_level), alert_timeout: at(now + int(first.alert_timeout) * 60), alert_stop: -1 } : { alert_level: 0, alert_timeout: null, alert_stop: -1 });
  }
}

export const PriorityClass: NativeClass = {
  name: 'Priority',
  defaultValue: () => ({}),
  ctors: { '()': () => ({}) },
  methods: {
    'checkEscalating(Integer,Integer)': (_self: unknown, ticketId: number, action: number) => checkEscalating(ticketId, action, 'Priority.checkEscalating'),
  },
};
