// A chat channel (chat_topic row) as the chat simulation uses it: found by id or name, its chatbot
// registered or taken off (the bot's "register" script is run with action "register" or
// "unregister", as SuperOffice does when a channel's bot is saved), the input values its scripts
// read, and how statuses are named.
import type { Store } from '../store/store.js';
import type { Script } from '../store/schema.js';
import type { CrmRow, CrmValue } from '../interp/runtime/crm-service.js';
import type { CrmDriver } from '../crm/driver.js';
import { DriverCrmService } from '../crm/service.js';
import { CrmDatabaseError } from '../crm/errors.js';
import { CHAT_STATUS } from '../interp/stdlib/crm/chat.js';
import { startScriptRun, type ScriptRunResult } from './script.js';
import { findChatbot, type Chatbot } from './chatbot.js';

/** A column value as text ('' for NULL) and as a number (0 for NULL). */
export const str = (v: CrmValue | undefined): string => (v === null || v === undefined ? '' : String(v));
export const num = (v: CrmValue | undefined): number => Number(v ?? 0) || 0;

export interface ChatScriptContext {
  crmUser?: string;
  user?: string;
  onLine: (line: { kind: 'note' | 'problem'; text: string }) => void;
}

const STATUS_NAMES = Object.fromEntries(Object.entries(CHAT_STATUS).map(([k, v]) => [v, k.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)]));

/** "4 (in queue)". */
export function statusName(status: number): string {
  return `${status} (${STATUS_NAMES[status] ?? 'unknown'})`;
}

/** The channel with this id or name (any case); the first channel when none is named. */
export function chatTopic(d: CrmDriver, ref: string | undefined): CrmRow {
  const all = service(d, {}).select('chat_topic', { orderBy: [{ column: 'id' }] });
  const want = ref?.trim() ?? '';
  const found = !want ? all[0] : /^\d+$/.test(want) ? all.find((t) => num(t.id) === Number(want)) : all.find((t) => str(t.name).toLowerCase() === want.toLowerCase());
  if (found) return found;
  const names = all.map((t) => `${num(t.id)} "${str(t.name)}"`).join(', ');
  throw new CrmDatabaseError(want ? `there is no chat channel "${want}" in the sandbox CRM${names ? ` (there are: ${names})` : ''}` : 'the sandbox CRM has no chat channel (chat_topic): add one with NSChatAgent.SaveChatTopicEntity, `crm import` or `crm reset`');
}

export function service(d: CrmDriver, opts: { crmUser?: string }): DriverCrmService {
  return new DriverCrmService(() => d, { rollback: false, user: opts.crmUser ?? '' });
}

/** Runs CRM writes in one transaction, committed before any script runs. */
export function write<T>(d: CrmDriver, opts: { crmUser?: string }, fn: (c: DriverCrmService) => T): T {
  const c = service(d, opts);
  try {
    const r = fn(c);
    c.finish();
    return r;
  } catch (e) {
    if (d.writing) d.rollback();
    throw e;
  }
}

/** The values every chat script can read with getInputValue (and getVariable). */
export function sessionInputs(s: CrmRow, topic: CrmRow): Record<string, string> {
  const bot = num(s.chatbot_isactive) ? '1' : '0';
  return {
    'chatSession.id': String(num(s.id)),
    'chatSession.topicId': String(num(s.topic_id)),
    'chatSession.status': String(num(s.status)),
    'chatSession.customerAlias': str(s.customer_alias),
    'chatSession.sessionKey': str(s.session_key),
    'chatSession.customerHost': str(s.customer_host),
    'chatSession.chatbot_isactive': bot,
    'chatSession.botActive': bot,
    'chatSession.userId': String(num(s.user_id)),
    'chatSession.customerId': String(num(s.person_id)),
    'chatSession.contactId': String(num(s.contact_id)),
    'chatSession.projectId': String(num(s.project_id)),
    'chatSession.saleId': String(num(s.sale_id)),
    'chatSession.ticketId': String(num(s.ticket_id)),
    'chatSession.customerName': str(s.customer_name),
    'chatSession.customerEmail': str(s.customer_email),
    'chatSession.companyName': str(s.customer_company_name),
    'chatSession.customerPhone': str(s.customer_phone),
    'chatTopic.id': String(num(topic.id)),
    'chatTopic.name': str(topic.name),
    'chatTopic.botName': str(topic.bot_name),
    foundAgents: '0',
  };
}

/** A run's error as "file:line:col: error: message" (a compile error first). */
export function runErrorText(r: ScriptRunResult): string {
  const e = r.diagnostics.find((x) => x.severity === 'error') ?? r.error;
  if (!e) return r.stopped ? `stopped (${r.stopped})` : 'failed';
  return e.line ? `${e.file}:${e.line}:${e.col}: error: ${e.message}` : `${e.file}: error: ${e.message}`;
}

/** Runs one of a chatbot's scripts with these input values; what it printed and how it failed are told. */
export async function runChatScript(store: Store, script: Script, inputs: Record<string, string>, ctx: ChatScriptContext): Promise<void> {
  const r = await startScriptRun(store, script, { source: 'chatbot', user: ctx.user ?? '', crmUser: ctx.crmUser ?? '', inputs, variables: inputs }).result;
  if (r.output.trim()) ctx.onLine({ kind: 'note', text: `${script.name} printed: ${r.output.trimEnd()}` });
  if (!r.ok) ctx.onLine({ kind: 'problem', text: `${script.name}: ${runErrorText(r)}` });
}

/**
 * Makes the scripts of the folder `opts.bot` the channel's chatbot, or (`noBot`) takes the bot
 * off: the old bot's register script is run with action "unregister", the new one's with
 * "register". Returns the channel as it is now.
 */
export async function configureBot(store: Store, d: CrmDriver, topic: CrmRow, opts: ChatScriptContext & { bot?: string; botName?: string; noBot?: boolean }): Promise<CrmRow> {
  const data = store.read();
  const id = num(topic.id);
  const inputs = (action: string): Record<string, string> => ({ action, topicid: String(id) });
  let next: Chatbot | null = null;
  if (opts.bot !== undefined && !opts.noBot) {
    next = findChatbot(data, opts.bot);
    if (!next) throw new CrmDatabaseError(`there is no folder "${opts.bot}" in the store (see \`crmscript-tui scripts list\`)`);
    if (!next.scripts.register) throw new CrmDatabaseError(`the folder "${next.folder}" has no bot register script: a folder is a chatbot when it has a script named like "… bot register …"`);
  }
  const oldFolder = num(topic.bot_enabled) ? str(topic.bot_folder) : '';
  if (oldFolder && (!next || next.folder !== oldFolder)) {
    const old = findChatbot(data, oldFolder)?.scripts.register;
    if (old) await runChatScript(store, old, inputs('unregister'), opts);
  }
  if (next) await runChatScript(store, next.scripts.register!, inputs('register'), opts);
  const name = opts.botName ?? (next && next.folder === str(topic.bot_folder) && str(topic.bot_name) ? str(topic.bot_name) : (next?.name ?? ''));
  const values: CrmRow = next ? { bot_enabled: 1, bot_folder: next.folder, bot_name: name } : { bot_enabled: 0 };
  write(d, opts, (c) => c.update('chat_topic', id, values));
  opts.onLine({ kind: 'note', text: next ? `the chatbot ${name} (${next.folder}) is on the channel "${str(topic.name)}"` : `the channel "${str(topic.name)}" has no chatbot now` });
  return service(d, {}).get('chat_topic', id) ?? topic;
}
