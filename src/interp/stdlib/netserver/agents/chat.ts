// NSChatAgent over the sandbox's chat tables (chat_topic, chat_session, chat_message): topics
// (channels), sessions and their messages (the topics' users: chat-users.ts), with the same rules as the global chat functions
// (stdlib/crm/chat.ts): posting a message moves the session's status, a reset hands it from the
// bot to the users.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { CrmDateTime } from '../../time/values.js';
import { CHAT_STATUS, chatEnded, postChatMessage, resetChatSession } from '../../crm/chat.js';
import { db, fail, now } from './db.js';
import { col, listView, load, register, remove, save, type View } from './view.js';
import { byId, entityCycle, make, where, type Methods } from './define.js';
import { associateName } from './people-views.js';
import { associateNamed, memberTopics } from './chat-users.js';

const AGENT = 'NSChatAgent';

export const chatTopicView: View = {
  cls: 'NSChatTopicEntity',
  table: 'chat_topic',
  key: 'ChatTopicId',
  cols: 'Name=name:s Description=description:s WelcomeMessage=welcome_message:s BotEnabled=bot_enabled:b TicketEnabled=ticket_enabled:b OpeningHoursEnabled=opening_hours_enabled:b CollectConsent=collect_consent:b CustomQueueText=custom_queue_text:s CustomQueueTextEnabled=custom_queue_text_enabled:b BadgeHeader=badge_header:s AlertRecipient=alert_recipient:s WarnNewChatMinutes=warn_new_chat_minutes:i WarnManagerNewChatMinutes=warn_manager_new_chat_minutes:i SecondsPrAccept=seconds_pr_accept:i LastAccept=last_accept:d',
  refs: 'TicketCategory=ticket_category>NSTicketCategory TicketPriority=ticket_priority>NSTicketPriority',
  required: [['Name', 'the name of the channel (SetName)']],
  calc: (o, row) => {
    // the bot's scripts are found by name in its folder when a session starts (crmscript-tui chat)
    o.f.BotSettings = make('NSChatBotSettings', { BotName: String(col(row, 'bot_name') ?? ''), BotRegisterScriptId: 0, BotSessionCreatedScriptId: 0, BotSessionChangedScriptId: 0, BotMessageReceivedScriptId: 0 });
  },
  extra: (o): CrmRow => (o.f.BotSettings instanceof NSObject ? { bot_name: String(o.f.BotSettings.f.BotName ?? '') } : {}),
  beforeDelete: (id) => {
    for (const s of db().select('chat_session', { columns: ['id'], where: [{ column: 'topic_id', op: '=', value: id }] })) remove(chatSessionView, Number(col(s, 'id')));
    if (db().table('chat_topic_user')) for (const u of db().select('chat_topic_user', { columns: ['id'], where: [{ column: 'topic_id', op: '=', value: id }] })) db().delete('chat_topic_user', Number(col(u, 'id')));
  },
};

export const chatSessionView: View = {
  cls: 'NSChatSessionEntity',
  table: 'chat_session',
  key: 'ChatSessionId',
  cols: 'TopicId=topic_id:i CustomerAlias=customer_alias:s CustomerName=customer_name:s CustomerEmail=customer_email:s CustomerPhone=customer_phone:s CustomerCompanyName=customer_company_name:s CustomerHost=customer_host:s CustomerConsented=customer_consented:b SessionKey=session_key:s Status=status:i Flags=flags:i Rank=rank:i AlertLevel=alert_level:i InitialQueuePos=initial_queue_pos:i ChatbotIsActive=chatbot_isactive:b FirstMessage=first_message:s LastMessage=last_message:s WhenRequested=when_requested:d WhenStarted=when_started:d WhenFetched=when_fetched:d WhenIdle=when_idle:d WhenEnded=when_ended:d',
  refs: 'User=user_id>NSAssociate TransferTo=transfer_to>NSAssociate Person=person_id>NSPerson Contact=contact_id>NSContact Project=project_id>NSProject Sale=sale_id>NSSale Ticket=ticket_id>NSTicket',
  required: [['TopicId', 'the channel (SetTopicId)']],
  beforeDelete: (id) => {
    for (const m of db().select('chat_message', { columns: ['id'], where: [{ column: 'session_id', op: '=', value: id }] })) db().delete('chat_message', Number(col(m, 'id')));
  },
};

export const chatMessageView: View = {
  cls: 'NSChatMessage',
  table: 'chat_message',
  key: 'ChatMessageId',
  cols: 'ChatSessionId=session_id:i Type=type:i Message=message:s Author=author:s SpecialType=special_type:i SpecialParam=special_param:s ReadByCustomer=read_by_customer:i WhenPosted=when_posted:d',
};

register(chatTopicView, chatSessionView, chatMessageView, listView('NSTicketCategory', 'ej_category'));

function session(method: string, id: number): NSObject {
  const s = load(chatSessionView, id);
  if (!s) throw fail(`${AGENT}.${method}`, `there is no chat session ${id}`);
  return s;
}

function topic(method: string, id: number): NSObject {
  const t = load(chatTopicView, id);
  if (!t) throw fail(`${AGENT}.${method}`, `there is no chat channel (topic) ${id}`);
  return t;
}

/** Changes columns of a session and reads it back. */
function change(id: number, values: CrmRow): NSObject {
  db().update('chat_session', id, values);
  return byId(chatSessionView, id);
}

/** Takes a session for the run's user: its own from now on, the customer spoke last. */
function pickUp(s: NSObject): NSObject {
  const id = Number(s.f.ChatSessionId);
  const values: CrmRow = { user_id: db().actor().associateId, when_fetched: db().now() };
  if (Number(s.f.Status) === CHAT_STATUS.inQueue) values.status = CHAT_STATUS.customerLast;
  if (!(s.f.WhenStarted instanceof CrmDateTime) || s.f.WhenStarted.isNull) values.when_started = db().now();
  return change(id, values);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The messages of a session as lines "YYYY-MM-DD hh:mm:ss author: message" (or an HTML list). */
function transcript(id: number, html: boolean): string {
  const rows = db().select('chat_message', { where: [{ column: 'session_id', op: '=', value: id }], orderBy: [{ column: 'when_posted' }, { column: 'id' }] });
  const line = (r: CrmRow): [string, string, string] => [String(col(r, 'when_posted') ?? ''), String(col(r, 'author') ?? ''), String(col(r, 'message') ?? '')];
  if (!html) return rows.map((r) => { const [at, who, text] = line(r); return `${at} ${who}: ${text}\n`; }).join('');
  return `<ul>${rows.map((r) => { const [at, who, text] = line(r); return `<li><span class="when">${escapeHtml(at)}</span> <b>${escapeHtml(who)}</b>: ${escapeHtml(text)}</li>`; }).join('')}</ul>`;
}

/** Users and whether they are present for chat (ejuser.chat_status 1), by associate, with the topics they are members of. */
function presence(): NSObject[] {
  return db()
    .select('associate', { orderBy: [{ column: 'associate_id' }] })
    .filter((a) => Number(col(a, 'ejuserId') ?? 0) > 0)
    .map((a) => {
      const id = Number(col(a, 'associate_id'));
      const user = db().get('ejuser', Number(col(a, 'ejuserId')));
      const ongoing = db().count('chat_session', [{ column: 'user_id', op: '=', value: id }, { column: 'status', op: '<', value: CHAT_STATUS.finished }]);
      return make('NSChatPresence', { UserId: id, DisplayName: associateName(id), Present: Number(col(user ?? {}, 'chat_status') ?? 0) === 1, OngoingChats: ongoing, ChatTopics: memberTopics(Number(col(a, 'ejuserId'))) });
    });
}

export const chatAgent: Methods = {
  'GetChatPresence()': () => presence(),
  // sets each user present or not for chat (what resetChat looks at to queue a session)
  'SaveChatPresence(NSChatPresence[])': (_a: unknown, list: NSObject[]) => {
    for (const p of list ?? []) {
      const a = db().get('associate', Number(p.f.UserId ?? 0));
      const user = a ? Number(col(a, 'ejuserId') ?? 0) : 0;
      if (!user) throw fail(`${AGENT}.SaveChatPresence`, `user ${Number(p.f.UserId ?? 0)} is no user of the sandbox CRM (UserId is an associate id)`);
      db().update('ejuser', user, { chat_status: p.f.Present ? 1 : 0 });
    }
  },
  ...entityCycle(AGENT, 'ChatSession', chatSessionView, () => make('NSChatSessionEntity', { ChatSessionId: 0, Status: CHAT_STATUS.inQueue, WhenRequested: now() })),
  ...entityCycle(AGENT, 'ChatTopic', chatTopicView, () => make('NSChatTopicEntity', { ChatTopicId: 0, SecondsPrAccept: 60 })),
  'CreateChatSessionForTopic(Integer)': (_a: unknown, topicId: number) => {
    const t = topic('CreateChatSessionForTopic', topicId);
    const s = make('NSChatSessionEntity', { ChatSessionId: 0, TopicId: topicId, Status: CHAT_STATUS.inQueue, ChatbotIsActive: !!t.f.BotEnabled, WhenRequested: now() });
    return byId(chatSessionView, save(chatSessionView, s, `${AGENT}.CreateChatSessionForTopic`));
  },
  'GetChatMessages(Integer,Integer)': (_a: unknown, sessionId: number, after: number) => {
    session('GetChatMessages', sessionId);
    return where(chatMessageView, 'session_id', sessionId).filter((m) => Number(m.f.ChatMessageId) > after);
  },
  'AddChatMessage(Integer,NSChatMessage)': (_a: unknown, sessionId: number, m: NSObject) => {
    if (!(m instanceof NSObject)) throw fail(`${AGENT}.AddChatMessage`, 'no message to add');
    const when = m.f.WhenPosted instanceof CrmDateTime ? m.f.WhenPosted : null;
    const id = postChatMessage(db(), `${AGENT}.AddChatMessage`, sessionId, { message: String(m.f.Message ?? ''), type: Number(m.f.Type ?? 0), author: String(m.f.Author ?? ''), specialType: Number(m.f.SpecialType ?? 0), specialParam: String(m.f.SpecialParam ?? ''), whenPosted: when });
    return byId(chatMessageView, id);
  },
  'GetChatTranscript(Integer,Bool)': (_a: unknown, sessionId: number, html: boolean) => {
    session('GetChatTranscript', sessionId);
    return transcript(sessionId, html);
  },
  'ResetChatSession(Integer)': (_a: unknown, sessionId: number) => {
    resetChatSession(db(), `${AGENT}.ResetChatSession`, sessionId);
    return byId(chatSessionView, sessionId);
  },
  'ChatTopicsForUser()': () => memberTopics(db().actor().userId).map((id) => byId(chatTopicView, id)).filter((t) => Number(t.f.ChatTopicId)),
  'ChatSessionsForUser()': () => where(chatSessionView, 'user_id', db().actor().associateId).filter((s) => !chatEnded(Number(s.f.Status))),
  'PickUpChatSession(Integer)': (_a: unknown, sessionId: number) => pickUp(session('PickUpChatSession', sessionId)),
  'PickUpFirstChatSession()': () => {
    const first = db().select('chat_session', { columns: ['id'], where: [{ column: 'status', op: '=', value: CHAT_STATUS.inQueue }], orderBy: [{ column: 'when_requested' }, { column: 'id' }], limit: 1 })[0];
    return first ? pickUp(session('PickUpFirstChatSession', Number(col(first, 'id')))) : byId(chatSessionView, 0);
  },
  'TransferChatSession(Integer,String)': (_a: unknown, sessionId: number, to: string) => {
    session('TransferChatSession', sessionId);
    return change(sessionId, { transfer_to: associateNamed('TransferChatSession', to) });
  },
  'AcceptChatSessionTransfer(Integer)': (_a: unknown, sessionId: number) => {
    const s = session('AcceptChatSessionTransfer', sessionId);
    const to = Number((s.f.TransferTo as NSObject | undefined)?.f.AssociateId ?? 0);
    if (!to) throw fail(`${AGENT}.AcceptChatSessionTransfer`, `chat session ${sessionId} is not being transferred`);
    return change(sessionId, { user_id: to, transfer_to: null });
  },
  'RejectChatSessionTransfer(Integer)': (_a: unknown, sessionId: number) => {
    session('RejectChatSessionTransfer', sessionId);
    return change(sessionId, { transfer_to: null });
  },
};
