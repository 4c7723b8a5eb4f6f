// Two overloads of NSChatAgent the reference lists beside the usual ones: UpdateChatTopicUserAgent
// with a topic and a list of chat topic agents, which the reference shows as
// UpdateChatTopicUserAgents (each agent's user gets its roles in the topic: chat-users.ts), and
// SaveChatTopicEntity given a chat session, which cannot be saved as a topic: it fails naming the
// methods that save each.
import type { NSObject } from '../object.js';
import { fail } from './db.js';
import type { Methods } from './define.js';
import { updateTopicUsers } from './chat-users.js';

const AGENT = 'NSChatAgent';

export const chatOverloads: Methods = {
  'UpdateChatTopicUserAgent(Integer,NSChatTopicAgent[])': (_a: unknown, topicId: number, list: NSObject[]) => updateTopicUsers('UpdateChatTopicUserAgent', topicId | 0, list),
  'SaveChatTopicEntity(NSChatSessionEntity)': () => {
    throw fail(`${AGENT}.SaveChatTopicEntity`, 'a chat session (NSChatSessionEntity) is not a chat topic: SaveChatSessionEntity saves a session, SaveChatTopicEntity an NSChatTopicEntity');
  },
};
