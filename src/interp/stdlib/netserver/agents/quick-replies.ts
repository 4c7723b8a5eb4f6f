// NSListAgent's quick replies: the user's own short named HTML texts for answering requests,
// SuperOffice's quick_reply rows of the user's associate in their rank order. SaveQuickReplies
// saves the user's whole set: the replies given, in the order given (ranks 1, 2, 3, …), new ones
// (id 0) added and the user's replies left out deleted; another user's reply is refused.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import type { Methods } from './define.js';
import { col, loadWhere, register, updateChanged, type View } from './view.js';

const TABLE = 'quick_reply';
const at = (method: string): string => `NSListAgent.${method}`;

export const quickReplyView: View = { cls: 'NSQuickReply', table: TABLE, key: 'QuickReplyId', cols: 'Name=name:s HtmlBody=html_body:s' };

register(quickReplyView);

const num = (row: CrmRow, c: string): number => Number(col(row, c) ?? 0) || 0;

/** The user's quick replies in rank order. */
function mine(): NSObject[] {
  const me = db().actor().associateId;
  const rank = new Map(db().select(TABLE, { columns: ['quick_reply_id', 'rank'], where: [{ column: 'associate_id', op: '=', value: me }] }).map((r) => [num(r, 'quick_reply_id'), num(r, 'rank')]));
  return loadWhere(quickReplyView, { associate_id: me }).sort((a, b) => (rank.get(Number(a.f.QuickReplyId)) ?? 0) - (rank.get(Number(b.f.QuickReplyId)) ?? 0) || Number(a.f.QuickReplyId) - Number(b.f.QuickReplyId));
}

function saveAll(replies: unknown): void {
  const method = 'SaveQuickReplies';
  const crm = db();
  const me = crm.actor().associateId;
  const list = (Array.isArray(replies) ? replies : []).filter((r): r is NSObject => r instanceof NSObject);
  // every id must be one of the user's replies, and given once, before anything is written
  const seen = new Set<number>();
  for (const r of list) {
    const id = Number(r.f.QuickReplyId ?? 0) | 0;
    if (!id) continue;
    const row = crm.get(TABLE, id);
    if (!row) throw fail(at(method), `there is no quick reply with id ${id}`);
    if (num(row, 'associate_id') !== me) throw fail(at(method), `quick reply ${id} is another user's`);
    if (seen.has(id)) throw fail(at(method), `quick reply ${id} is given twice`);
    seen.add(id);
  }
  for (const old of crm.select(TABLE, { columns: ['quick_reply_id'], where: [{ column: 'associate_id', op: '=', value: me }] }))
    if (!seen.has(num(old, 'quick_reply_id'))) crm.delete(TABLE, num(old, 'quick_reply_id'));
  list.forEach((r, i) => {
    const values = { name: String(r.f.Name ?? ''), html_body: String(r.f.HtmlBody ?? ''), rank: i + 1 };
    const id = Number(r.f.QuickReplyId ?? 0) | 0;
    if (id) updateChanged(TABLE, id, crm.get(TABLE, id)!, values);
    else r.f.QuickReplyId = crm.insert(TABLE, { ...values, associate_id: me, registered: crm.now(), registered_associate_id: me, updated: crm.now(), updated_associate_id: me, updatedCount: 0 });
  });
}

export const quickReplies: Methods = {
  'GetQuickReplies()': () => mine(),
  'SaveQuickReplies(NSQuickReply[])': (_a: unknown, replies: unknown) => saveAll(replies),
};
