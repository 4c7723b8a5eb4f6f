// The users of a chat topic (SuperOffice's chat_topic_user): who answers its chats (can_respond),
// gets notified of them (notifications), may listen in (can_listen) and manages it (manager).
// NSChatAgent's methods over it hand each membership out as an NSChatTopicAgent whose User is the
// associate of the row's user (user_id is an ejuser id, as in SuperOffice). A user is a member of a
// topic with at least one of the four (ChatTopicsForUser, GetChatPresence).
import type { CrmRow } from '../../../runtime/crm-service.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col, idOf, loadRef } from './view.js';
import { make, type Methods } from './define.js';
import { mdoItems } from './mdo.js';

const AGENT = 'NSChatAgent';
const TABLE = 'chat_topic_user';
const FLAGS = [
  ['CanRespond', 'can_respond'],
  ['CanNotify', 'notifications'],
  ['CanListen', 'can_listen'],
  ['CanManage', 'manager'],
] as const;

/** The associate a name means: its associate name (BOB) or the user's login name (bob). */
export function associateNamed(method: string, name: string): number {
  const rows = db().select('associate', { where: [{ column: 'name', op: '=', value: name.toUpperCase() }], limit: 1 });
  const row = rows[0] ?? db().select('associate', { where: [{ column: 'userName', op: '=', value: name }], limit: 1 })[0];
  if (!row) throw fail(`${AGENT}.${method}`, `there is no user "${name}"`);
  return Number(col(row, 'associate_id'));
}

/** The ejuser id of an associate, or a failure when the associate is no user of the sandbox. */
function userOf(method: string, associateId: number): number {
  const a = associateId ? db().get('associate', associateId) : null;
  const user = a ? Number(col(a, 'ejuserId') ?? 0) : 0;
  if (!user) throw fail(`${AGENT}.${method}`, `associate ${associateId} is no user of the sandbox CRM (the chat topic agent's User)`);
  return user;
}

const associateOfUser = (user: number): number => Number(col(db().select('associate', { columns: ['associate_id'], where: [{ column: 'ejuserId', op: '=', value: user }], limit: 1 })[0] ?? {}, 'associate_id') ?? 0);

const isMember = (r: CrmRow): boolean => FLAGS.some(([, c]) => Number(col(r, c) ?? 0) !== 0);

function rowsOf(where: { column: string; value: number }[]): CrmRow[] {
  return db().select(TABLE, { where: where.map((w) => ({ ...w, op: '=' as const })), orderBy: [{ column: 'id' }] });
}

/** The topics (ids) the user (ejuser id) is a member of. */
export function memberTopics(user: number): number[] {
  if (!db().table(TABLE)) return [];
  return [...new Set(rowsOf([{ column: 'user_id', value: user }]).filter(isMember).map((r) => Number(col(r, 'topic_id'))))].sort((a, b) => a - b);
}

function topicAgent(r: CrmRow | null, topicId = 0): NSObject {
  const o = make('NSChatTopicAgent', { TopicId: r ? Number(col(r, 'topic_id')) : topicId, User: loadRef('NSAssociate', r ? associateOfUser(Number(col(r, 'user_id'))) : 0) });
  for (const [p, c] of FLAGS) o.f[p] = r ? Number(col(r, c) ?? 0) !== 0 : false;
  return o;
}

function topicChecked(method: string, id: number): number {
  if (!id || !db().get('chat_topic', id)) throw fail(`${AGENT}.${method}`, `there is no chat channel (topic) ${id}`);
  return id;
}

/** The topic's row of the user `name` (associate or login name), or null. */
function memberRow(method: string, topicId: number, name: string): CrmRow | null {
  const user = userOf(method, associateNamed(method, name));
  return rowsOf([{ column: 'topic_id', value: topicId }, { column: 'user_id', value: user }])[0] ?? null;
}

const flagsOf = (o: NSObject): CrmRow => Object.fromEntries(FLAGS.map(([p, c]) => [c, o.f[p] ? 1 : 0]));

function agentArg(method: string, o: unknown): NSObject {
  if (!(o instanceof NSObject)) throw fail(`${AGENT}.${method}`, 'no chat topic agent (NSChatTopicAgent) given');
  return o;
}

/**
 * Writes a user's roles in a topic: the row of that user is updated, or added when the user is no
 * member yet (how NetServer treats an update of a non-member is not documented). Returns the row.
 */
function upsert(method: string, topicId: number, user: number, o: NSObject): CrmRow {
  const old = rowsOf([{ column: 'topic_id', value: topicId }, { column: 'user_id', value: user }])[0];
  const id = old ? Number(col(old, 'id')) : db().insert(TABLE, { topic_id: topicId, user_id: user });
  db().update(TABLE, id, flagsOf(agentArg(method, o)));
  return db().get(TABLE, id)!;
}

/** Gives each agent's user its roles in a topic (`method` names the caller in errors); returns the topic's users. */
export function updateTopicUsers(method: string, topicId: number, list: NSObject[]): NSObject[] {
  topicChecked(method, topicId);
  for (const o of list ?? []) upsert(method, topicId, userOf(method, idOf(agentArg(method, o).f.User)), o);
  return rowsOf([{ column: 'topic_id', value: topicId }]).map((r) => topicAgent(r));
}

export const chatTopicUsers: Methods = {
  // a new member answers the topic's chats (NetServer's defaults are not documented)
  'CreateDefaultChatTopicAgent()': () => make('NSChatTopicAgent', { TopicId: 0, User: loadRef('NSAssociate', 0), CanRespond: true, CanNotify: false, CanListen: false, CanManage: false }),
  'AddChatTopicUserAgent(Integer,NSChatTopicAgent)': (_a: unknown, topicId: number, o: NSObject) => {
    const method = 'AddChatTopicUserAgent';
    topicChecked(method, topicId);
    const user = userOf(method, idOf(agentArg(method, o).f.User));
    if (rowsOf([{ column: 'topic_id', value: topicId }, { column: 'user_id', value: user }]).length)
      throw fail(`${AGENT}.${method}`, `the user is already a user of chat topic ${topicId} (UpdateChatTopicUserAgent changes its roles)`);
    return topicAgent(upsert(method, topicId, user, o));
  },
  'DeleteChatTopicUserAgent(Integer,String)': (_a: unknown, topicId: number, name: string) => {
    const r = memberRow('DeleteChatTopicUserAgent', topicChecked('DeleteChatTopicUserAgent', topicId), name);
    if (r) db().delete(TABLE, Number(col(r, 'id')));
  },
  // a user who is no member: an agent with the topic's id and no roles, User empty
  'GetChatTopicUserAgent(Integer,String)': (_a: unknown, topicId: number, name: string) => {
    const r = memberRow('GetChatTopicUserAgent', topicChecked('GetChatTopicUserAgent', topicId), name);
    return topicAgent(r, 0);
  },
  'GetChatTopicUserAgentList(Integer)': (_a: unknown, topicId: number) => rowsOf([{ column: 'topic_id', value: topicChecked('GetChatTopicUserAgentList', topicId) }]).map((r) => topicAgent(r)),
  'UpdateChatTopicUserAgent(Integer,String,NSChatTopicAgent)': (_a: unknown, topicId: number, name: string, o: NSObject) => {
    const method = 'UpdateChatTopicUserAgent';
    topicChecked(method, topicId);
    return topicAgent(upsert(method, topicId, userOf(method, associateNamed(method, name)), o));
  },
  // each agent's user gets its roles; users the list leaves out keep theirs (the reference says
  // only that it updates roles). Returns the topic's users.
  'UpdateChatTopicUserAgents(Integer,NSChatTopicAgent[])': (_a: unknown, topicId: number, list: NSObject[]) => updateTopicUsers('UpdateChatTopicUserAgents', topicId, list),
  // SuperOffice's 'chatuser' list (users with a chat licence: every user of the sandbox, which
  // keeps no licences); the sandbox's user lists are flat, grouped or not
  'GetUserAgentList(Bool,Bool)': (_a: unknown, flat: boolean, onlyPresent: boolean) =>
    mdoItems('chatuser', flat).filter((item) => !onlyPresent || Number(col(db().get('ejuser', userOf('GetUserAgentList', Number(item.f.Id))) ?? {}, 'chat_status') ?? 0) === 1),
  // a topic that does not use opening hours is always open; the sandbox keeps no opening hours
  // (chat_topic has only the flag), so a topic that uses them cannot be answered for
  'IsWithinOpeningHours(Integer)': (_a: unknown, topicId: number) => {
    const t = db().get('chat_topic', topicChecked('IsWithinOpeningHours', topicId))!;
    if (Number(col(t, 'opening_hours_enabled') ?? 0)) throw fail(`${AGENT}.IsWithinOpeningHours`, `chat topic ${topicId} uses opening hours, which the sandbox CRM does not keep (its chat_topic table has no hours)`);
    return true;
  },
};
