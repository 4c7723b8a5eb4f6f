// What a ticket message (ej_message) does to the rows around it, shared by the Message class and
// NSTicketAgent so that both write the same: a new message's defaults, its search title, its
// links to attachments (ticket_attachment), and its request's last_changed and has_attachment.
import type { CrmRow } from '../../runtime/crm-service.js';
import { crm, int } from './access.js';
import { linked } from './entity.js';

/** ej_message.type (TicketMessageType) of a plain-text message. */
export const MESSAGE_PLAIN = 1;
/** ej_message.slevel (TicketSecurityLevel) of an internal message. */
export const SLEVEL_INTERNAL = 1;

/** The columns of a new message nobody set: posted now by the acting user, plain text, internal. */
export function newMessageDefaults(): CrmRow {
  const c = crm();
  const me = c.actor();
  return { created_at: c.now(), created_by: me.userId || 1, author: me.name, type: MESSAGE_PLAIN, slevel: SLEVEL_INTERNAL };
}

/** The search title of a new message that was given none: the start of its body. */
export function searchTitleOf(body: string): string {
  return body.slice(0, 40);
}

/** What an update of a message also writes: when and by whom it was changed. */
export function messageChanged(): CrmRow {
  const c = crm();
  return { changed_at: c.now(), changed_by: c.actor().userId || 1 };
}

/** Links attachments to a message (ticket_attachment rows, not inline images). */
export function linkAttachments(messageId: number, attachmentIds: number[]): void {
  const c = crm();
  for (const id of attachmentIds) c.insert('ticket_attachment', { attachment_id: id, message_id: messageId, inline_image: 0 });
}

/** The attachment ids a message holds, in the order they were linked. */
export function attachmentsOf(messageId: number): number[] {
  if (!messageId) return [];
  return crm()
    .select('ticket_attachment', { columns: ['attachment_id'], where: [{ column: 'message_id', op: '=', value: messageId }], orderBy: [{ column: 'id' }] })
    .map((r) => int(r.attachment_id));
}

/** A new message changes its request (last_changed); one that came with attachments gives the request attachments. */
export function messageAdded(ticketId: number, attached: boolean): void {
  const c = crm();
  if (ticketId) c.update('ticket', ticketId, { last_changed: c.now(), ...(attached ? { has_attachment: 1 } : {}) });
}

/** ticket.has_attachment follows whether any message of the ticket has an attachment. */
export function markTicketAttachments(ticketId: number): void {
  const c = crm();
  const ticket = linked('ticket', ticketId);
  if (!ticket) return;
  const messages = c.select('ej_message', { columns: ['id'], where: [{ column: 'ticket_id', op: '=', value: ticketId }] }).map((r) => int(r.id));
  const has = messages.length > 0 && c.count('ticket_attachment', [{ column: 'message_id', op: 'in', value: messages }]) > 0 ? 1 : 0;
  if (int(ticket.has_attachment) !== has) c.update('ticket', ticketId, { has_attachment: has });
}

/** The ticket a message belongs to (0 when there is no such message). */
export function ticketOfMessage(messageId: number): number {
  return int(linked('ej_message', messageId)?.ticket_id);
}

/** Removes a message's links to its attachments (the attachments stay). */
export function unlinkAttachments(messageId: number): void {
  const c = crm();
  for (const r of c.select('ticket_attachment', { columns: ['id'], where: [{ column: 'message_id', op: '=', value: messageId }] })) c.delete('ticket_attachment', int(r.id));
}
