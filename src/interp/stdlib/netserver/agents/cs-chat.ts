// NSCustomerServiceAgent's chat checks for the current user (an ejuser; chat_topic_user holds their
// roles per topic): HasChatNotify — whether a chat waits in the queue (ChatSessionStatus InQueue)
// of a topic that notifies them; ChatSessionsForUser — the chat sessions (not deleted) of the
// topics they are a member of (with any role), as NSChatSession carriers, oldest first.
import { db } from './db.js';
import { col } from './view.js';
import { make, type Methods } from './define.js';
import { memberTopics } from './chat-users.js';

const IN_QUEUE = 4;
const DELETED = 8;

function notifyingTopics(user: number): number[] {
  if (!user || !db().table('chat_topic_user')) return [];
  return db()
    .select('chat_topic_user', { where: [{ column: 'user_id', op: '=', value: user }] })
    .filter((r) => Number(col(r, 'notifications') ?? 0) !== 0)
    .map((r) => Number(col(r, 'topic_id')));
}

export const serviceChat: Methods = {
  'HasChatNotify()': () => {
    const topics = notifyingTopics(db().actor().userId);
    return topics.length > 0 && db().count('chat_session', [{ column: 'topic_id', op: 'in', value: topics }, { column: 'status', op: '=', value: IN_QUEUE }]) > 0;
  },
  'ChatSessionsForUser()': () => {
    const user = db().actor().userId;
    const topics = user ? memberTopics(user) : [];
    if (!topics.length) return [];
    return db()
      .select('chat_session', { where: [{ column: 'topic_id', op: 'in', value: topics }], orderBy: [{ column: 'id' }] })
      .filter((r) => Number(col(r, 'status') ?? 0) !== DELETED)
      .map((r) => make('NSChatSession', { ChatSessionId: Number(col(r, 'id')) }));
  },
};
