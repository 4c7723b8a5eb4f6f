// NSTicketAgent's messages and attachments: ticket messages are ej_message rows, attachments
// attachment rows, and ticket_attachment says which message holds which attachment (with the
// link's content id and inline flag). Messages follow the same rules as the CRM class Message
// (crm/message-ticket.ts): a new message gets the acting user, plain text, internal, a search
// title from its body, and stamps its request's last_changed; the request's has_attachment
// follows its messages' attachments. An attachment's content lives where Attachment keeps it
// (the sandbox's attachment_content table).
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { CrmStream } from '../../nsstream.js';
import { htmlToText } from '../../global.js';
import { contentOf, putContent } from '../../crm/attachment.js';
import { checkEscalating } from '../../crm/priority.js';
import { mailMessage } from '../../crm/message.js';
import {
  linkAttachments,
  markTicketAttachments,
  messageAdded,
  messageChanged,
  newMessageDefaults,
  searchTitleOf,
  ticketOfMessage,
  unlinkAttachments,
} from '../../crm/message-ticket.js';
import { dateFromDb, db, fail } from './db.js';
import { col, load, register, type View } from './view.js';
import { byId, entityCycle, make, saved, type Methods } from './define.js';
import { fullName, lookup } from './people-views.js';
import { associateOfUser, ticketView, userOfAssociate } from './misc-views.js';
import { sanitizeMail } from './mail-content.js';

const AGENT = 'NSTicketAgent';
// ticket.read_status (TicketReadStatus)
const READ_GREEN = 1;
const READ_RED = 3;
// ticket_priority event columns, as crm/priority.ts numbers them
const EVENT_READ = 0;

// ---- message headers: the lines of email_header ("Name: value", continued on indented lines)

function headerLines(header: string): [name: string, value: string][] {
  const out: [string, string][] = [];
  for (const line of header.split(/\r?\n/)) {
    const last = out[out.length - 1];
    if (/^[ \t]/.test(line) && last) last[1] = `${last[1]} ${line.trim()}`;
    else {
      const m = /^([^:\s][^:]*):\s?(.*)$/.exec(line);
      if (m) out.push([m[1]!.trim(), m[2]!]);
    }
  }
  return out;
}

const headerKey = ([name, value]: [string, string]): string => `${name.toLowerCase()}:${value.trim()}`;

/**
 * The email_header a save writes: EmailHeader, plus the MessageHeaders that neither it nor the
 * stored header has yet (added as lines, as Message.addHeader does).
 */
function headerToStore(o: NSObject): string {
  const given = String(o.f.EmailHeader ?? '');
  const id = Number(o.f.EjMessageId ?? 0);
  const stored = id ? String(db().get('ej_message', id)?.email_header ?? '') : '';
  const known = new Set([...headerLines(given), ...headerLines(stored)].map(headerKey));
  const added: string[] = [];
  for (const h of Array.isArray(o.f.MessageHeaders) ? o.f.MessageHeaders : []) {
    if (!(h instanceof NSObject) || !String(h.f.Name ?? '').trim()) continue;
    const pair: [string, string] = [String(h.f.Name).trim(), String(h.f.Value ?? '')];
    if (known.has(headerKey(pair))) continue;
    known.add(headerKey(pair));
    added.push(`${pair[0]}: ${pair[1]}`);
  }
  return [given, ...added].filter((x) => x).join('\n');
}

const isNew = (o: NSObject): boolean => {
  const id = Number(o.f.EjMessageId ?? 0);
  return !id || !db().get('ej_message', id);
};

export const ticketMessageView: View = {
  cls: 'NSTicketMessageEntity',
  table: 'ej_message',
  key: 'EjMessageId',
  cols: 'SearchTitle=search_title:s CreatedAt=created_at:d Type=type:i MessageCategory=message_category:i Author=author:s Slevel=slevel:i MessageId=message_id:s TimeSpent=time_spent:i Body=body:s HtmlBody=html_body:s EmailHeader=email_header:s DebugInfo=debug_info:s MailSorter=mail_sorter:s Important=important:b',
  refs: 'Ticket=ticket_id>NSTicket Person=customer_id>NSPerson',
  required: [['Ticket', 'the request the message belongs to (SetTicket)']],
  calc: (o, row) => {
    o.f.CreatedBy = associateOfUser(col(row, 'created_by'));
    o.f.MessageHeaders = headerLines(String(o.f.EmailHeader)).map(([Name, Value]) => make('NSTicketMessageHeader', { Name, Value }));
  },
  extra: (o): CrmRow => {
    const values: CrmRow = { created_by: userOfAssociate(o.f.CreatedBy) || db().actor().userId || 1, email_header: headerToStore(o) };
    const body = String(o.f.Body ?? '');
    if (isNew(o) && !String(o.f.SearchTitle ?? '') && body) values.search_title = searchTitleOf(body);
    return values;
  },
  changed: messageChanged,
  afterSave: (_o, id, inserted) => {
    if (inserted) messageAdded(ticketOfMessage(id), false);
  },
  beforeDelete: (id) => {
    // the attachments stay; the request no longer has those this message held
    unlinkAttachments(id);
    markTicketAttachments(ticketOfMessage(id));
  },
};

export const ticketMessageCarrierView: View = {
  cls: 'NSTicketMessage',
  table: 'ej_message',
  key: 'TicketMessageId',
  cols: 'CreatedAt=created_at:d Author=author:s EmailHeader=email_header:s Slevel=slevel:i Important=important:b PersonId=customer_id:i',
  calc: (o) => {
    const person = o.f.PersonId;
    o.f.PersonFullName = fullName(lookup('person', person, 'firstname'), lookup('person', person, 'middleName'), lookup('person', person, 'lastname'));
    const contact = Number(lookup('person', person, 'contact_id') || 0);
    o.f.ContactId = contact;
    o.f.ContactName = lookup('contact', contact, 'name');
    o.f.ContactDepartment = lookup('contact', contact, 'department');
    o.f.NumAttachments = db().count('ticket_attachment', [{ column: 'message_id', op: '=', value: Number(o.f.TicketMessageId) }]);
  },
};

// ---- attachments: the content id and inline flag belong to the link (ticket_attachment)

function linksOf(attachmentId: number): CrmRow[] {
  return db().select('ticket_attachment', { where: [{ column: 'attachment_id', op: '=', value: attachmentId }], orderBy: [{ column: 'id' }] });
}

function withLink(o: NSObject, link: CrmRow | undefined): NSObject {
  o.f.ContentId = String(col(link ?? {}, 'content_id') ?? '');
  o.f.InlineImage = Number(col(link ?? {}, 'inline_image') ?? 0) !== 0;
  return o;
}

export const attachmentView: View = {
  cls: 'NSAttachmentEntity',
  table: 'attachment',
  key: 'AttachmentId',
  cols: 'Name=name:s ContentType=content_type:s AttSize=att_size:i',
  // an attachment on its own shows the link of the first message that holds it
  calc: (o) => void withLink(o, linksOf(Number(o.f.AttachmentId))[0]),
  afterSave: (o, id) => {
    // the content id and inline flag are stored on the links; an attachment no message holds has nowhere to keep them
    const values = { content_id: String(o.f.ContentId ?? ''), inline_image: o.f.InlineImage ? 1 : 0 };
    for (const link of linksOf(id)) {
      if (String(col(link, 'content_id') ?? '') !== values.content_id || Number(col(link, 'inline_image') ?? 0) !== values.inline_image) db().update('ticket_attachment', Number(col(link, 'id')), values);
    }
  },
};

register(ticketMessageView, ticketMessageCarrierView, attachmentView);

/** The attachments the links name, each with its link's content id and inline flag. */
function attachmentsOfLinks(links: CrmRow[]): NSObject[] {
  const out: NSObject[] = [];
  for (const link of links) {
    const a = load(attachmentView, Number(col(link, 'attachment_id') ?? 0));
    if (a) out.push(withLink(a, link));
  }
  return out;
}

function messageLinks(messageIds: number[]): CrmRow[] {
  if (!messageIds.length) return [];
  return db().select('ticket_attachment', { where: [{ column: 'message_id', op: 'in', value: messageIds }], orderBy: [{ column: 'message_id' }, { column: 'id' }] });
}

function newMessage(): NSObject {
  const d = newMessageDefaults();
  return make('NSTicketMessageEntity', {
    EjMessageId: 0,
    CreatedAt: dateFromDb(d.created_at ?? null),
    CreatedBy: associateOfUser(d.created_by),
    Author: String(d.author ?? ''),
    Type: Number(d.type),
    Slevel: Number(d.slevel),
  });
}

function existingMessage(where: string, id: number): CrmRow {
  const row = id ? db().get('ej_message', id) : null;
  if (!row) throw fail(where, `there is no ticket message with id ${id}`);
  return row;
}

function existingAttachment(where: string, id: number): void {
  if (!id || !db().get('attachment', id)) throw fail(where, `there is no attachment with id ${id}`);
}

/** The owner marks the request read (green: read now), or unread again; anyone else changes nothing. */
function setReadByOwner(ticketId: number, readStatus: number, checkEscalation: boolean): NSObject {
  const where = `${AGENT}.SetTicketReadByOwner`;
  const t = db().get('ticket', ticketId);
  if (!t) throw fail(where, `there is no ticket with id ${ticketId}`);
  if (!(readStatus >= READ_GREEN && readStatus <= READ_RED)) throw fail(where, `${readStatus} is not a read status (1 green: read, 2 yellow: new information, 3 red: unread)`);
  const me = db().actor().userId;
  if (me && Number(col(t, 'owned_by') ?? 0) === me) {
    const values: CrmRow = {};
    if (Number(col(t, 'read_status') ?? 0) !== readStatus) values.read_status = readStatus;
    if (readStatus === READ_GREEN) {
      const now = db().now();
      values.read_by_owner = now;
      if (!col(t, 'first_read_by_owner')) values.first_read_by_owner = now;
      if (!col(t, 'first_read_by_user')) values.first_read_by_user = now;
    }
    if (Object.keys(values).length) db().update('ticket', ticketId, values);
    // reading the request is the priority's "read" event: it may stop or restart the escalation
    if (checkEscalation && readStatus === READ_GREEN) checkEscalating(ticketId, EVENT_READ, where);
  }
  return byId(ticketView, ticketId);
}

export const ticketMessageAgent: Methods = {
  ...entityCycle(AGENT, 'TicketMessage', ticketMessageView, newMessage),
  'GetTicketMessage(Integer)': (_a: unknown, id: number) => byId(ticketMessageCarrierView, id),
  // the message by mail (as Message.send); its GDPR source names where consent came from, which the sandbox does not log
  'SendTicketMessage(Integer,String[],String[],String[],String,Integer,String)': (_a: unknown, id: number, to: string[], cc: string[], bcc: string[], subject: string, template: number) => {
    const where = `${AGENT}.SendTicketMessage`;
    const row = db().get('ej_message', id);
    if (!row) throw fail(where, `there is no ticket message with id ${id}`);
    if (template > 0) throw fail(where, 'sending a message with a reply template is not available in the sandbox (send it with 0 as the template)');
    mailMessage(where, row, to ?? [], cc ?? [], bcc ?? [], subject || undefined);
  },
  'SetTicketMessageImportant(Integer,Bool)': (_a: unknown, id: number, important: boolean) => {
    const row = existingMessage(`${AGENT}.SetTicketMessageImportant`, id);
    if ((Number(col(row, 'important') ?? 0) !== 0) !== important) db().update('ej_message', id, { important: important ? 1 : 0, ...messageChanged() });
  },
  'SetTicketReadByOwner(Integer,Integer,Bool)': (_a: unknown, ticketId: number, readStatus: number, checkEscalation: boolean) => setReadByOwner(ticketId, readStatus, checkEscalation),
  'CreateDefaultAttachmentEntity()': () => make('NSAttachmentEntity', { AttachmentId: 0 }),
  'GetAttachmentEntity(Integer)': (_a: unknown, id: number) => byId(attachmentView, id),
  'SaveAttachmentEntity(NSAttachmentEntity)': (_a: unknown, o: NSObject) => saved(AGENT, 'SaveAttachmentEntity', attachmentView, o),
  'GetAttachmentInfo(Integer)': (_a: unknown, messageId: number) => attachmentsOfLinks(messageLinks(messageId ? [messageId] : [])),
  'GetTicketAttachments(Integer)': (_a: unknown, ticketId: number) => {
    const messages = db().select('ej_message', { columns: ['id'], where: [{ column: 'ticket_id', op: '=', value: ticketId }] });
    return attachmentsOfLinks(messageLinks(messages.map((r) => Number(col(r, 'id')))));
  },
  'AddAttachments(Integer,Integer[])': (_a: unknown, messageId: number, ids: number[]) => {
    const where = `${AGENT}.AddAttachments`;
    const message = existingMessage(where, messageId);
    for (const id of ids ?? []) existingAttachment(where, id);
    const have = new Set(messageLinks([messageId]).map((l) => Number(col(l, 'attachment_id'))));
    linkAttachments(messageId, [...new Set(ids ?? [])].filter((id) => !have.has(id)));
    markTicketAttachments(Number(col(message, 'ticket_id') ?? 0));
  },
  // the content as Attachment.getBase64 reads it: no bytes for an attachment whose content the sandbox was never given
  'GetAttachmentStream(Integer)': (_a: unknown, id: number) => {
    existingAttachment(`${AGENT}.GetAttachmentStream`, id);
    return new CrmStream([...contentOf(id)]);
  },
  'UploadAttachment(Integer,NSStream)': (_a: unknown, id: number, stream: CrmStream) => {
    const where = `${AGENT}.UploadAttachment`;
    if (!id) throw fail(where, 'save the attachment first (SaveAttachmentEntity), then upload its content by its id');
    existingAttachment(where, id);
    const bytes = Buffer.from(stream instanceof CrmStream ? stream.bytes : []);
    putContent(id, bytes);
    if (Number(col(db().get('attachment', id) ?? {}, 'att_size') ?? -1) !== bytes.length) db().update('attachment', id, { att_size: bytes.length });
    return id;
  },
  'Html2Text(String)': (_a: unknown, html: string) => htmlToText(html),
  'SanitizeMailContent(String)': (_a: unknown, html: string) => sanitizeMail(html),
  'SanitizeMailContents(String[])': (_a: unknown, list: string[]) => (list ?? []).map((s) => sanitizeMail(String(s))),
};
