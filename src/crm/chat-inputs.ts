// The chat events' inputs (ChatNewSession, ChatSessionChangedStatus, Chat…SaveNewMessage) filled
// from the sandbox CRM when an event is fired by hand: the newest chat session unless one is given,
// what the session says about its channel and customer, and its newest message.
import type { CrmValue } from '../interp/runtime/crm-service.js';
import type { CrmDriver } from './driver.js';

type Setter = (name: string, value: CrmValue, why: string) => void;

const SESSION_VALUES: [input: string, column: string][] = [
  ['chatSession.topicId', 'topic_id'],
  ['chatSession.status', 'status'],
  ['chatSession.userId', 'user_id'],
  ['chatSession.customerId', 'person_id'],
  ['chatSession.customerAlias', 'customer_alias'],
  ['chatSession.customerName', 'customer_name'],
  ['chatSession.customerEmail', 'customer_email'],
  ['chatSession.companyName', 'customer_company_name'],
  ['chatSession.customerPhone', 'customer_phone'],
  ['chatSession.sessionKey', 'session_key'],
  ['chatSession.customerHost', 'customer_host'],
];

const MESSAGE_VALUES: [input: string, column: string][] = [
  ['chatMessage.message', 'message'],
  ['chatMessage.type', 'type'],
  ['chatMessage.specialType', 'special_type'],
  ['chatMessage.specialParam', 'special_param'],
  ['chatMessage.author', 'author'],
];

/** Fills the chat inputs of `inputs` (those given stay); `set` keeps ids, `setText` any value. */
export function fillChatInputs(d: CrmDriver, inputs: string[], out: Record<string, string>, set: Setter, setText: Setter): void {
  const sessionInput = ['chatSession.id', 'chatMessage.sessionId'].find((n) => inputs.includes(n));
  if (!sessionInput || !d.schema().find('chat_session')) return;
  const first = (sql: string, params: CrmValue[] = []): CrmValue[] | null => d.all(sql, params).rows[0] ?? null;
  set(sessionInput, first('SELECT max(id) FROM chat_session')?.[0] ?? null, 'the newest chat session');
  const session = Number(out[sessionInput] ?? 0);
  if (!session) return;
  const row = first(`SELECT ${SESSION_VALUES.map(([, c]) => c).join(', ')} FROM chat_session WHERE id = ?`, [session]);
  if (row) SESSION_VALUES.forEach(([input, column], i) => (/_id$/.test(column) ? set : setText)(input, row[i], `chat session ${session}`));
  const messageId = Number(out['chatMessage.id'] ?? 0) || Number(first('SELECT max(id) FROM chat_message WHERE session_id = ?', [session])?.[0] ?? 0);
  if (!messageId) return;
  set('chatMessage.id', messageId, `the newest message of chat session ${session}`);
  const message = first(`SELECT ${MESSAGE_VALUES.map(([, c]) => c).join(', ')} FROM chat_message WHERE id = ?`, [messageId]);
  if (message) MESSAGE_VALUES.forEach(([input], i) => setText(input, message[i], `chat message ${messageId}`));
}
