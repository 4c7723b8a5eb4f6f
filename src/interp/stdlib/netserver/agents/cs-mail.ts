// NSCustomerServiceAgent.CreateTicketFromMailData and AddMessageFromMailData: an e-mail (RFC 822
// text, mail-parse.ts) becomes a request with its first message, or a message of an existing
// request, through NSTicketAgent's own methods (CreateDefault/Save of NSTicketEntity and
// NSTicketMessageEntity, SaveAttachmentEntity, UploadAttachment, AddAttachments), so that they
// write what a script's NSTicketAgent calls write. As Service's mail import does: the request gets
// the mailbox's category and priority, origin Email and the sender's address; the message is
// external, holds the mail's header, Message-ID and bodies (HTML type when the mail has an HTML
// body), and its files become attachments. The sender is the customer when a person has that
// e-mail address; the sandbox adds no person for an unknown sender. A message added to a request
// marks it unread for its owner (new information, yellow).
import { NSObject } from '../object.js';
import { CrmStream } from '../../nsstream.js';
import type { NativeFn } from '../../registry.js';
import { db, fail } from './db.js';
import { col, loadRef } from './view.js';
import { make, type Methods } from './define.js';
import { parseMail, type ParsedMail } from './mail-parse.js';
import { ticketAgent } from './ticket-user-pref.js';
import { ticketMessageAgent } from './ticket-message.js';
import { ticketInfo } from './cs-tickets.js';

const AGENT = 'NSCustomerServiceAgent';
const ORIGIN_EMAIL = 1;
const SLEVEL_EXTERNAL = 2;
const TYPE_PLAIN = 1;
const TYPE_HTML = 2;
const READ_YELLOW = 2;

const call = (methods: Methods, key: string, ...args: unknown[]): unknown => (methods[key] as NativeFn)(null, ...args);

function mailOf(where: string, data: string): ParsedMail {
  try {
    return parseMail(String(data ?? ''));
  } catch (e) {
    throw fail(where, (e as Error).message);
  }
}

/** The person whose e-mail address the sender's is (any case), 0 when none. */
function personOf(address: string): number {
  if (!address) return 0;
  const lower = address.toLowerCase();
  const rows = db().select('Email', { where: [{ column: 'email_address', op: '=', value: address }], orderBy: [{ column: 'email_id' }] });
  const row = rows.find((r) => Number(col(r, 'person_id') ?? 0) > 0) ?? db().select('Email', { orderBy: [{ column: 'email_id' }] }).find((r) => String(col(r, 'email_address') ?? '').toLowerCase() === lower && Number(col(r, 'person_id') ?? 0) > 0);
  return row ? Number(col(row, 'person_id')) : 0;
}

/** Saves the mail as a message of the request, with its files as attachments; returns the message id. */
function addMessage(ticketId: number, mail: ParsedMail, person: number): number {
  const m = call(ticketMessageAgent, 'CreateDefaultTicketMessageEntity()') as NSObject;
  Object.assign(m.f, {
    Ticket: loadRef('NSTicket', ticketId),
    Body: mail.text,
    HtmlBody: mail.html,
    Type: mail.html ? TYPE_HTML : TYPE_PLAIN,
    Slevel: SLEVEL_EXTERNAL,
    Author: mail.from,
    MessageId: mail.messageId,
    EmailHeader: mail.header,
    ...(person ? { Person: loadRef('NSPerson', person) } : {}),
  });
  const saved = call(ticketMessageAgent, 'SaveTicketMessageEntity(NSTicketMessageEntity)', m) as NSObject;
  const messageId = Number(saved.f.EjMessageId);
  const files = mail.files.map((f) => {
    const a = call(ticketMessageAgent, 'SaveAttachmentEntity(NSAttachmentEntity)', make('NSAttachmentEntity', { AttachmentId: 0, Name: f.name, ContentType: f.contentType, AttSize: f.data.length })) as NSObject;
    const id = Number(a.f.AttachmentId);
    call(ticketMessageAgent, 'UploadAttachment(Integer,NSStream)', id, new CrmStream([...f.data]));
    return id;
  });
  if (files.length) call(ticketMessageAgent, 'AddAttachments(Integer,Integer[])', messageId, files);
  return messageId;
}

/**
 * Makes a request with its first message from a mail that came in by a mailbox (Inbox.addSmtpMail
 * too); `where` names the caller in errors. Returns the request's and the message's ids.
 */
export function ticketFromMail(where: string, mailboxId: number, data: string): { ticketId: number; messageId: number } {
  const mailbox = mailboxId ? db().get('mail_in_filter', mailboxId) : null;
  if (!mailbox) throw fail(where, `there is no mailbox with id ${mailboxId} (GetMailboxes lists them)`);
  const mail = mailOf(where, data);
  const person = personOf(mail.fromAddress);
  const t = call(ticketAgent, 'CreateDefaultTicketEntity()') as NSObject;
  const category = Number(col(mailbox, 'category_id') ?? 0);
  const priority = Number(col(mailbox, 'priority') ?? 0);
  Object.assign(t.f, {
    Title: mail.subject.trim() || '(no subject)',
    Origin: ORIGIN_EMAIL,
    Slevel: SLEVEL_EXTERNAL,
    FromAddress: mail.fromAddress,
    ...(category ? { Category: make('NSTicketCategoryEntity', { TicketCategoryId: category }) } : {}),
    ...(priority ? { Priority: make('NSTicketPriorityEntity', { TicketPriorityId: priority }) } : {}),
    ...(person ? { Person: loadRef('NSPerson', person) } : {}),
  });
  const ticketId = Number((call(ticketAgent, 'SaveTicketEntity(NSTicketEntity)', t) as NSObject).f.TicketId);
  // which mailbox the request came in by (columns NSTicketEntity does not carry)
  db().update('ticket', ticketId, { filter_id: mailboxId, filter_address: String(col(mailbox, 'address') ?? '') });
  return { ticketId, messageId: addMessage(ticketId, mail, person) };
}

/** Adds a mail as a new message of a request, marking it unread for its owner; returns the message's id. */
export function messageFromMail(where: string, ticketId: number, data: string): number {
  const ticket = ticketId ? db().get('ticket', ticketId) : null;
  if (!ticket) throw fail(where, `there is no ticket with id ${ticketId}`);
  const mail = mailOf(where, data);
  const messageId = addMessage(ticketId, mail, personOf(mail.fromAddress));
  if (Number(col(ticket, 'read_status') ?? 0) !== READ_YELLOW) db().update('ticket', ticketId, { read_status: READ_YELLOW });
  return messageId;
}

function createTicket(mailboxId: number, data: string): NSObject {
  const { ticketId } = ticketFromMail(`${AGENT}.CreateTicketFromMailData`, mailboxId, data);
  return ticketInfo(db().get('ticket', ticketId)!);
}

function addToTicket(ticketId: number, data: string): NSObject {
  messageFromMail(`${AGENT}.AddMessageFromMailData`, ticketId, data);
  return ticketInfo(db().get('ticket', ticketId)!);
}

export const serviceMail: Methods = {
  'CreateTicketFromMailData(Integer,String)': (_a: unknown, mailboxId: number, data: string) => createTicket(mailboxId, data),
  'AddMessageFromMailData(Integer,String)': (_a: unknown, ticketId: number, data: string) => addToTicket(ticketId, data),
};
