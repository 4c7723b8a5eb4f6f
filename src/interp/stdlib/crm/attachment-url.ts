// Download URLs of attachments, which the daemon answers (src/daemon/attachment-downloads.ts):
//   <base>/scripts/customer.fcgi?action=getAttachment&id=ID&key=KEY[&download=1]  (external: customers)
//   <base>/scripts/ticket.fcgi?action=getAttachment&id=ID&key=KEY[&download=1]    (internal: users)
// The key is the attachment's auth_key (one is made the first time a URL is asked for an
// attachment without one); the daemon serves the file to whoever has the URL, as SuperOffice's
// keyed attachment links do. <base> is the installation's URL (getCgiUrl(): the cgiUrl setting or
// the request's host), '' when neither is known (then the URL is a path on the daemon).
// Message.convertInlineImages points a message's `cid:` images at these URLs.
import { randomBytes } from 'node:crypto';
import { CrmError } from '../../runtime/values.js';
import { cgiUrl } from '../web.js';
import { crm, text } from './access.js';

/** The download URL of attachment `id`; `where` names the caller in errors. */
export function attachmentUrl(id: number, external: boolean, saveToDisk: boolean, where: string): string {
  const row = id ? crm().get('attachment', id) : null;
  if (!row) throw new CrmError(`${where}: ${id ? `there is no attachment with id ${id}` : 'load or save the attachment first'}`);
  let key = text(row.auth_key);
  if (!key) {
    key = randomBytes(16).toString('hex');
    crm().update('attachment', id, { auth_key: key });
  }
  const program = external ? 'customer.fcgi' : 'ticket.fcgi';
  return `${cgiUrl()}/scripts/${program}?action=getAttachment&id=${id}&key=${encodeURIComponent(key)}${saveToDisk ? '&download=1' : ''}`;
}

/** A message's HTML with each `cid:` reference to one of its inline attachments replaced by the attachment's URL. */
export function inlineImagesAsUrls(messageId: number, html: string): string {
  if (!messageId || !html.includes('cid:')) return html;
  const byCid = new Map<string, number>();
  for (const link of crm().select('ticket_attachment', { columns: ['attachment_id', 'content_id'], where: [{ column: 'message_id', op: '=', value: messageId }] })) {
    const cid = text(link.content_id).replace(/^<|>$/g, '');
    if (cid) byCid.set(cid.toLowerCase(), Number(link.attachment_id));
  }
  if (!byCid.size) return html;
  return html.replace(/cid:([^"'\s>)]+)/gi, (whole, cid: string) => {
    const id = byCid.get(cid.toLowerCase());
    return id ? attachmentUrl(id, false, false, 'Message.convertInlineImages') : whole;
  });
}
