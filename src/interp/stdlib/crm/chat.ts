// Chat sessions and their messages (tables chat_session, chat_message, chat_topic of the sandbox):
// the global functions chatbot scripts call (addChatMessage, resetChat, setChatStatus,
// setUserIsTyping) and the rules NSChatAgent shares with them. Status and type numbers are
// NetServer's ChatSessionStatus and ChatMessageType.
import type { NativeGlobals } from '../registry.js';
import type { CrmRow, CrmService } from '../../runtime/crm-service.js';
import { CrmError } from '../../runtime/values.js';
import { CrmDateTime } from '../time/values.js';
import { crm, int, storedDateTime } from './access.js';

export const CHAT_STATUS = {
  invalid: 0,
  preChatForm: 1,
  faq: 2,
  offlineForm: 3,
  inQueue: 4,
  customerLast: 5,
  userLast: 6,
  finished: 7,
  deleted: 8,
  closed: 9,
  requestPosted: 10,
  closedFromQueue: 11,
} as const;

/** ChatMessageType: 1 from the user (or bot) to the customer, 2 from the customer, 3 special. */
export const CHAT_MESSAGE_TYPE = { toCustomer: 1, toUser: 2, special: 3 } as const;

/** ChatSessionFlags are bit numbers. */
const USER_IS_TYPING = 1 << 1;

/** Whether a status means the session has ended (nothing moves it back to talking). */
export function chatEnded(status: number): boolean {
  return status >= CHAT_STATUS.finished;
}

function sessionRow(c: CrmService, where: string, id: number): CrmRow {
  const row = id > 0 ? c.get('chat_session', id) : null;
  if (!row) throw new CrmError(`${where}: there is no chat session ${id}`);
  return row;
}

export interface ChatMessageIn {
  message: string;
  type: number;
  author: string;
  specialType: number;
  specialParam: string;
  /** Null DateTime: now. */
  whenPosted: CrmDateTime | null;
}

/**
 * Adds a message to a session. A message to the customer makes the user (or the bot) the last to
 * speak (status 6), and one from the customer makes the customer the last (5), unless the session
 * has ended; the session keeps its first and last message. Returns the message's id.
 */
export function postChatMessage(c: CrmService, where: string, sessionId: number, m: ChatMessageIn): number {
  const s = sessionRow(c, where, sessionId);
  if (m.type < CHAT_MESSAGE_TYPE.toCustomer || m.type > CHAT_MESSAGE_TYPE.special) throw new CrmError(`${where}: message type ${m.type} is not 1 (to the customer), 2 (from the customer) or 3 (special)`);
  const at = m.whenPosted && !m.whenPosted.isNull ? storedDateTime(m.whenPosted) : c.now();
  const id = c.insert('chat_message', { session_id: sessionId, type: m.type, message: m.message, author: m.author, special_type: m.specialType, special_param: m.specialParam, read_by_customer: 0, when_posted: at });
  const status = int(s.status);
  const next = chatEnded(status) || m.type === CHAT_MESSAGE_TYPE.special ? status : m.type === CHAT_MESSAGE_TYPE.toCustomer ? CHAT_STATUS.userLast : CHAT_STATUS.customerLast;
  const change: CrmRow = { last_message: m.message };
  if (!s.first_message) change.first_message = m.message;
  if (next !== status) change.status = next;
  if (!s.when_started && m.type === CHAT_MESSAGE_TYPE.toCustomer) change.when_started = at;
  c.update('chat_session', sessionId, change);
  return id;
}

/** Sets a session's status (0–11); an ended session gets its end time. Returns the old status. */
export function setChatSessionStatus(c: CrmService, where: string, sessionId: number, status: number): number {
  const s = sessionRow(c, where, sessionId);
  if (!Number.isInteger(status) || status < CHAT_STATUS.invalid || status > CHAT_STATUS.closedFromQueue) throw new CrmError(`${where}: ${status} is not a chat session status (0–11; 7 is finished)`);
  const change: CrmRow = { status };
  if (chatEnded(status) && !s.when_ended) change.when_ended = c.now();
  c.update('chat_session', sessionId, change);
  return int(s.status);
}

/**
 * Hands a session from the bot to the users: the bot is no longer called, and the session waits
 * in the queue when a user who answers its topic's chats (chat_topic_user.can_respond) is present
 * for chat (ejuser.chat_status 1), else it shows the offline form.
 */
export function resetChatSession(c: CrmService, where: string, sessionId: number): void {
  const topic = int(sessionRow(c, where, sessionId).topic_id);
  const responders = c.select('chat_topic_user', { columns: ['user_id'], where: [{ column: 'topic_id', op: '=', value: topic }, { column: 'can_respond', op: '=', value: 1 }] }).map((r) => int(r.user_id));
  const present = responders.length > 0 && c.count('ejuser', [{ column: 'chat_status', op: '=', value: 1 }, { column: 'id', op: 'in', value: responders }]) > 0;
  c.update('chat_session', sessionId, { chatbot_isactive: 0, status: present ? CHAT_STATUS.inQueue : CHAT_STATUS.offlineForm, user_id: null });
}

function post(sessionId: number, message: string, type: number, author: string, specialType: number, specialParam: string, whenPosted: CrmDateTime | null): void {
  postChatMessage(crm(), 'addChatMessage', sessionId, { message, type, author, specialType, specialParam, whenPosted });
}

export const chatGlobals: NativeGlobals = {
  'addChatMessage(Integer,String,Integer,String,Integer,String)': (id: number, message: string, type: number, author: string, specialType: number, specialParam: string) => post(id, message, type, author, specialType, specialParam, null),
  'addChatMessage(Integer,String,Integer,String,Integer,String,DateTime)': (id: number, message: string, type: number, author: string, specialType: number, specialParam: string, when: CrmDateTime) =>
    post(id, message, type, author, specialType, specialParam, when),
  'resetChat(Integer)': (id: number) => resetChatSession(crm(), 'resetChat', id),
  'setChatStatus(Integer,Integer)': (id: number, status: number) => {
    setChatSessionStatus(crm(), 'setChatStatus', id, status);
  },
  'setUserIsTyping(Integer,Bool)': (id: number, typing: boolean) => {
    const flags = int(sessionRow(crm(), 'setUserIsTyping', id).flags);
    crm().update('chat_session', id, { flags: typing ? flags | USER_IS_TYPING : flags & ~USER_IS_TYPING });
  },
};
