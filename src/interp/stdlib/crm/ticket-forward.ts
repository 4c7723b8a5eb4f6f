// Ticket.sendMessages: forwarding messages of a ticket by mail, as the request screen's Forward
// does. The mail carries the comment on top, then each message asked for (in the order given),
// each under a line that says who wrote it and when, the messages separated by a line. The
// recipients are the rows of a StringMatrix: "To", "Cc" or "Bcc" in the first cell, an address
// ("Name <address>" or the address alone) in the second. From is the ticket's mail address
// (its filter address, else the system's) or, with fromCust, the first e-mail address of the
// ticket's primary customer. The reference's msgId ("ID of added 'forward' message or -1") is
// taken by value, so a script gets nothing back through it: the sandbox adds no message.
import { CrmError } from '../../runtime/values.js';
import type { CrmStringMatrix } from '../stringmatrix.js';
import { queueMail } from '../email.js';
import { htmlEncode } from '../string-markup.js';
import { int, text } from './access.js';
import { emailsOfPerson } from './customer.js';
import { linked } from './entity.js';

const RULE = '-'.repeat(40);

/** The recipients of a StringMatrix by kind; a row of another kind is an error naming it. */
function recipientsOf(m: CrmStringMatrix): { to: string[]; cc: string[]; bcc: string[] } {
  const out = { to: [] as string[], cc: [] as string[], bcc: [] as string[] };
  for (const row of m.rows) {
    const kind = (row[0] ?? '').trim().toLowerCase();
    const address = (row[1] ?? '').trim();
    if (!kind && !address) continue;
    if (kind !== 'to' && kind !== 'cc' && kind !== 'bcc') throw new CrmError(`Ticket.sendMessages: a recipient row starts with "${row[0] ?? ''}"; it should be To, Cc or Bcc`);
    if (!address.includes('@')) throw new CrmError(`Ticket.sendMessages: "${address}" is not an e-mail address`);
    out[kind].push(address);
  }
  return out;
}

/**
 * Forwards messages (a comma-separated list of ids, each a message of the ticket) by mail, from
 * `ticketFrom` (the ticket's address) or with `fromCust` its primary customer's first address;
 * whether it had a recipient.
 */
export function forwardMessages(ticket: number, ticketFrom: string, subject: string, recipients: CrmStringMatrix, fromCust: boolean, messages: string, comment: string): boolean {
  if (!ticket) throw new CrmError('Ticket.sendMessages: load or save the ticket first');
  const ids = messages
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const id = Number(s);
      if (!Number.isInteger(id) || id <= 0) throw new CrmError(`Ticket.sendMessages: "${s}" is not a message id`);
      return id;
    });
  const rows = ids.map((id) => {
    const row = linked('ej_message', id);
    if (!row || int(row.ticket_id) !== ticket) throw new CrmError(`Ticket.sendMessages: ticket ${ticket} has no message ${id}`);
    return row;
  });
  const { to, cc, bcc } = recipientsOf(recipients);
  if (!to.length && !cc.length && !bcc.length) return false;
  const heading = (row: (typeof rows)[number]): string => `${text(row.author) || 'Unknown'}, ${text(row.created_at)}`;
  const plain = rows.map((r) => `${RULE}\n${heading(r)}\n\n${text(r.body)}`);
  const html = rows.map((r) => `<hr><p>${htmlEncode(heading(r))}</p>${text(r.html_body) || `<pre>${htmlEncode(text(r.body))}</pre>`}`);
  queueMail('Ticket.sendMessages', () => ({
    from: (fromCust && emailsOfPerson(int(linked('ticket', ticket)?.cust_id))[0]) || ticketFrom,
    to,
    cc,
    bcc,
    sms: [],
    smsFrom: '',
    subject,
    text: [comment, ...plain].filter(Boolean).join('\n\n'),
    html: `${comment ? `<p>${htmlEncode(comment)}</p>` : ''}${html.join('')}`,
    headers: {},
  }));
  return true;
}
