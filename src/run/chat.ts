// A customer's chat on a channel (chat topic) of the sandbox CRM, run the way SuperOffice runs one:
// the session is created in the CRM and ChatNewSession fires; each message of the customer fires
// ChatBeforeSaveNewMessage (which may block or rewrite it), is saved, fires
// ChatAfterSaveNewMessage, and goes to the channel's chatbot while the bot is active; a change of
// the session's status fires ChatSessionChangedStatus and the bot's "session changed" script.
// What the bot and the users post is handed to `onLine` as it appears in the CRM.
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { CrmRow } from '../interp/runtime/crm-service.js';
import type { CrmDriver } from '../crm/driver.js';
import type { DriverCrmService } from '../crm/service.js';
import { CrmDatabaseError } from '../crm/errors.js';
import { sharedDriver } from '../crm/shared.js';
import { crmLocation } from '../crm/location.js';
import { CHAT_MESSAGE_TYPE, CHAT_STATUS, chatEnded, postChatMessage, setChatSessionStatus } from '../interp/stdlib/crm/chat.js';
import { fireEvent, type FireOutcome } from './fire.js';
import { findChatbot, type BotRole, type Chatbot } from './chatbot.js';
import { chatTopic, configureBot, num, runChatScript, service, sessionInputs, statusName, str, write } from './chat-topic.js';

export type ChatLine =
  | { kind: 'message'; id: number; author: string; text: string; type: number; specialType: number; specialParam: string; at: string }
  | { kind: 'note'; text: string }
  | { kind: 'problem'; text: string };

export interface ChatOptions {
  /** The channel: its id or name (default: the first). */
  topic?: string;
  /** Make the scripts of this store folder the channel's chatbot first. */
  bot?: string;
  /** The bot's name when `bot` registers it (default: the folder's name). */
  botName?: string;
  /** Take the chatbot off the channel first. */
  noBot?: boolean;
  customer?: { name?: string; email?: string; phone?: string; company?: string };
  /** Start the session in the pre-chat form (status 1); the customer fills it in and it goes to the queue. */
  preChatForm?: boolean;
  /** Go on with this session instead of starting one. */
  session?: number;
  /** Login name of the CRM user the scripts act as ('' = the sandbox default). */
  crmUser?: string;
  /** Who runs the chat (run history). */
  user?: string;
  onLine: (line: ChatLine) => void;
  /** Hand the customer's own messages to onLine too (when they are not on the screen already). */
  echo?: boolean;
}

/** Status changes that are the conversation itself, not a change of the session's state. */
const TALKING = new Set<number>([CHAT_STATUS.customerLast, CHAT_STATUS.userLast]);
/** Status changes followed in one step before the chat stops following (scripts that bounce it). */
const MAX_CHANGES = 10;

export class ChatSession {
  private lastShown = 0;
  private status = 0;
  private botActive = false;

  private constructor(
    private readonly store: Store,
    private readonly d: CrmDriver,
    private readonly opts: ChatOptions,
    private topic: CrmRow,
    readonly bot: Chatbot | null,
    readonly id: number,
  ) {}

  /** Opens the channel (registering or removing its bot first when asked) and starts or resumes a session. */
  static async open(store: Store, opts: ChatOptions): Promise<ChatSession> {
    const d = await sharedDriver(crmLocation(store.dataDir, store.databaseUrl));
    // going on with a session: on its own channel unless one is named
    const resumed = opts.session ? service(d, opts).get('chat_session', opts.session) : null;
    if (opts.session && !resumed) throw new CrmDatabaseError(`there is no chat session ${opts.session}`);
    let topic = chatTopic(d, opts.topic ?? (resumed ? String(num(resumed.topic_id)) : undefined));
    if (opts.bot !== undefined || opts.noBot) topic = await configureBot(store, d, topic, opts);
    const folder = num(topic.bot_enabled) ? str(topic.bot_folder) : '';
    const bot = folder ? findChatbot(store.read(), folder) : null;
    if (folder && !bot) opts.onLine({ kind: 'problem', text: `the channel's chatbot folder "${folder}" is not in the store: chatting without a bot` });
    if (resumed && opts.session) {
      if (num(resumed.topic_id) !== num(topic.id)) throw new CrmDatabaseError(`there is no chat session ${opts.session} on the channel "${str(topic.name)}"`);
      const s = new ChatSession(store, d, opts, topic, bot, opts.session);
      s.follow(resumed, false);
      s.lastShown = s.newestMessage();
      opts.onLine({ kind: 'note', text: `chat session ${s.id} on "${str(topic.name)}"${s.botActive ? ' with its chatbot' : ''}: status ${statusName(s.status)}` });
      return s;
    }
    const id = write(d, opts, (c) => c.insert('chat_session', { ...newSession(c, topic, !!bot, opts.customer ?? {}), status: opts.preChatForm ? CHAT_STATUS.preChatForm : CHAT_STATUS.inQueue }));
    const s = new ChatSession(store, d, opts, topic, bot, id);
    const row = s.row();
    s.follow(row, false);
    opts.onLine({ kind: 'note', text: `chat session ${id} on "${str(topic.name)}"${bot ? ` with the chatbot ${str(topic.bot_name) || bot.name} (${bot.folder})` : ''}: status ${statusName(s.status)}` });
    await s.fire('ChatNewSession', sessionInputs(row, topic));
    await s.runBot('sessionCreated', sessionInputs(row, topic));
    await s.settle();
    if (opts.preChatForm && s.status === CHAT_STATUS.preChatForm) {
      // the customer fills in the form (name and e-mail address as given) and the session goes to the queue
      s.say('note', 'the customer fills in the pre-chat form');
      write(d, opts, (c) => setChatSessionStatus(c, 'chat', id, CHAT_STATUS.inQueue));
      await s.settle();
    }
    return s;
  }

  get ended(): boolean {
    return chatEnded(this.status);
  }

  /** The session's status as this chat last saw it (ChatSessionStatus). */
  get currentStatus(): number {
    return this.status;
  }

  /** The customer says `text`. */
  async send(text: string): Promise<void> {
    if (this.ended) {
      this.say('problem', `the session has ended (status ${statusName(this.status)}): start a new one`);
      return;
    }
    const author = this.row().customer_name ? str(this.row().customer_name) : 'Customer';
    const message = { 'chatMessage.sessionId': String(this.id), 'chatMessage.message': text, 'chatMessage.type': String(CHAT_MESSAGE_TYPE.toUser), 'chatMessage.specialType': '0', 'chatMessage.specialParam': '', 'chatMessage.author': author };
    const before = await this.fire('ChatBeforeSaveNewMessage', { ...sessionInputs(this.row(), this.topic), ...message });
    if (before?.blocked) {
      this.say('note', `a trigger blocked the message${before.message ? `: ${before.message}` : ''}`);
      return;
    }
    const said = before?.outputs['chatMessage.message'] ?? text;
    const special = Number(before?.outputs['chatMessage.specialType'] ?? 0) || 0;
    if (said !== text) this.say('note', `a trigger changed the message to: ${said}`);
    const id = write(this.d, this.opts, (c) => postChatMessage(c, 'chat', this.id, { message: said, type: CHAT_MESSAGE_TYPE.toUser, author, specialType: special, specialParam: '', whenPosted: null }));
    if (this.opts.echo) this.opts.onLine({ kind: 'message', id, author, text: said, type: CHAT_MESSAGE_TYPE.toUser, specialType: special, specialParam: '', at: '' });
    this.lastShown = Math.max(this.lastShown, id);
    const saved = { ...sessionInputs(this.row(), this.topic), ...message, 'chatMessage.message': said, 'chatMessage.specialType': String(special), 'chatMessage.id': String(id) };
    await this.fire('ChatAfterSaveNewMessage', saved);
    if (this.botActive) await this.runBot('messageReceived', saved);
    await this.settle();
  }

  /** Shows what was posted since, and follows status changes until the session stays put. */
  private async settle(): Promise<void> {
    for (let i = 0; i < MAX_CHANGES; i++) {
      this.showMessages();
      const row = this.row();
      const old = this.status;
      if (!this.follow(row, true)) return;
      if (TALKING.has(old) && TALKING.has(this.status)) continue;
      const inputs = { ...sessionInputs(row, this.topic), 'status.old': String(old), 'status.new': String(this.status) };
      await this.fire('ChatSessionChangedStatus', inputs);
      if (this.botActive) await this.runBot('sessionChanged', inputs);
    }
    this.showMessages();
    this.say('problem', `the session's status changed ${MAX_CHANGES} times in one step; not following it further`);
  }

  /** Takes in the session's status and bot flag; true when the status changed. */
  private follow(row: CrmRow, tell: boolean): boolean {
    const status = num(row.status);
    const active = num(row.chatbot_isactive) !== 0 && !!this.bot;
    const handedOver = tell && this.botActive && !active;
    if (handedOver) this.say('note', `the bot handed the session to the users: status ${statusName(status)}`);
    this.botActive = active;
    if (status === this.status) return false;
    if (tell && !handedOver) this.say('note', chatEnded(status) ? `the session ended: status ${statusName(status)}` : `status ${statusName(status)}`);
    this.status = status;
    return true;
  }

  private showMessages(): void {
    const rows = this.d.all(`SELECT id, author, message, type, special_type, special_param, when_posted FROM chat_message WHERE session_id = ? AND id > ? ORDER BY when_posted, id`, [this.id, this.lastShown]).rows;
    for (const [id, author, text, type, specialType, specialParam, at] of rows) {
      this.opts.onLine({ kind: 'message', id: num(id), author: str(author), text: str(text), type: num(type), specialType: num(specialType), specialParam: str(specialParam), at: str(at) });
      this.lastShown = Math.max(this.lastShown, num(id));
    }
  }

  private newestMessage(): number {
    return num(this.d.all('SELECT max(id) FROM chat_message WHERE session_id = ?', [this.id]).rows[0]?.[0]);
  }

  private row(): CrmRow {
    const row = service(this.d, this.opts).get('chat_session', this.id);
    if (!row) throw new CrmDatabaseError(`chat session ${this.id} was deleted`);
    return row;
  }

  private say(kind: 'note' | 'problem', text: string): void {
    this.opts.onLine({ kind, text });
  }

  /** Fires a chat event; its failed bindings are told as problems. */
  private async fire(event: string, inputs: Record<string, string>): Promise<FireOutcome | null> {
    const outcome = await fireEvent(this.store, event, inputs, { user: this.opts.user ?? '', crmUser: this.opts.crmUser ?? '', source: 'chat' });
    for (const r of outcome.runs) {
      if (r.output.trim()) this.say('note', `${event}: ${r.target} printed: ${r.output.trimEnd()}`);
      if (!r.ok) this.say('problem', `${event}: ${r.target}: ${r.error ?? 'failed'}`);
    }
    for (const w of outcome.warnings ?? []) this.say('problem', w);
    return outcome.runs.length ? outcome : null;
  }

  private async runBot(role: BotRole, inputs: Record<string, string>): Promise<void> {
    const script = this.bot?.scripts[role];
    if (script) await runChatScript(this.store, script, inputs, this.opts);
  }
}

/** A new session's row (waiting in the queue), the customer matched to a person by e-mail address. */
function newSession(c: DriverCrmService, topic: CrmRow, bot: boolean, who: NonNullable<ChatOptions['customer']>): CrmRow {
  const name = who.name?.trim() || 'Customer';
  const email = who.email?.trim() ?? '';
  const match = email ? c.select('Email', { columns: ['person_id', 'contact_id'], where: [{ column: 'email_address', op: '=', value: email }], limit: 1 })[0] : undefined;
  const contact = num(match?.contact_id);
  const company = who.company ?? (contact ? str(c.get('contact', contact)?.name) : '');
  return {
    topic_id: num(topic.id),
    person_id: num(match?.person_id) || null,
    contact_id: contact || null,
    customer_alias: name.split(/\s+/)[0],
    customer_name: name,
    customer_email: email,
    customer_phone: who.phone ?? '',
    customer_company_name: company,
    customer_host: '127.0.0.1',
    session_key: randomUUID().replace(/-/g, '').slice(0, 16),
    status: CHAT_STATUS.inQueue,
    chatbot_isactive: bot ? 1 : 0,
    when_requested: c.now(),
  };
}
