/**
 * The daemon's chat endpoints, for a chat window on a web page (or anything else that talks for
 * the customer): the same chat as `crmscript-tui chat` (run/chat.ts), over HTTP with the daemon
 * token.
 *
 *   POST /api/chat/sessions                 body {"topic", "name", "email", "preChatForm"} (all optional)
 *                                           → 201 {session, status, ended, lines}
 *   POST /api/chat/sessions/:id/messages    body {"text": "..."} → {session, status, ended, lines}
 *   GET  /api/chat/sessions/:id             → {session, topic, status, ended, botActive, messages}
 *
 * `lines` are what happened while the request ran, in order: messages posted (by the bot, a
 * user, or the customer's own), notes (status changes, a trigger blocking a message) and
 * problems (a failing script). The messages of one session are handled one at a time. 404 for
 * a channel or session that does not exist, 400 for a malformed body.
 */
import { z } from 'zod';
import { HttpError, type ApiContext, type Router } from './http.js';
import type { TargetRun } from '../run/target.js';
import { ChatSession, type ChatLine, type ChatOptions } from '../run/chat.js';
import { CrmError } from '../interp/runtime/values.js';
import { chatEnded } from '../interp/stdlib/crm/chat.js';
import { admitHttpRun } from './admission.js';
import { errorMessage } from '../interp/util/error-message.js';
import { serialize } from '../interp/util/serialize.js';
import { sharedDriver } from '../crm/shared.js';
import { crmLocation } from '../crm/location.js';

const startSchema = z.object({
  topic: z.union([z.string(), z.number()]).transform(String).optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  preChatForm: z.boolean().default(false),
});
const messageSchema = z.object({ text: z.string().min(1) });

function sessionId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw new HttpError(404, `there is no chat session ${raw ?? ''}`);
  return id;
}

/** Runs a chat step as one of the daemon's HTTP runs (admitted, waited for at shutdown); CRM errors are 404s. */
async function chatStep<T>(ctx: ApiContext, step: (lines: ChatLine[]) => Promise<T>): Promise<{ lines: ChatLine[]; value: T }> {
  if (ctx.shuttingDown()) throw new HttpError(503, 'The daemon is shutting down and takes no new work.');
  admitHttpRun(ctx);
  const runs = (ctx as { httpRuns?: Set<TargetRun> }).httpRuns;
  const lines: ChatLine[] = [];
  const started = performance.now();
  const work = step(lines);
  const tracked: TargetRun = {
    result: work.then(
      () => ({ ok: true, output: '', error: null, durationMs: performance.now() - started }),
      (e: unknown) => ({ ok: false, output: '', error: errorMessage(e), durationMs: performance.now() - started }),
    ),
    stop: () => undefined,
  };
  runs?.add(tracked);
  try {
    return { lines, value: await work };
  } catch (e) {
    if (e instanceof CrmError && /^there is no /.test(e.message)) throw new HttpError(404, e.message);
    if (e instanceof CrmError) throw new HttpError(400, e.message);
    throw e;
  } finally {
    runs?.delete(tracked);
  }
}

function options(lines: ChatLine[], extra: Partial<ChatOptions>): ChatOptions {
  return { user: 'http', onLine: (l) => lines.push(l), echo: true, ...extra };
}

const state = (s: ChatSession): { session: number; status: number; ended: boolean } => ({ session: s.id, status: s.currentStatus, ended: s.ended });

export function registerChatRoutes(router: Router): void {
  router.add('POST', '/api/chat/sessions', async (req, ctx) => {
    const parsed = startSchema.safeParse(req.body ?? {});
    if (!parsed.success) throw new HttpError(400, 'The body must be {"topic": id or name, "name": "...", "email": "...", "phone": "...", "preChatForm": true/false}, every field optional.');
    const b = parsed.data;
    const { lines, value } = await chatStep(ctx, async (out) => state(await ChatSession.open(ctx.store, options(out, { topic: b.topic, customer: { name: b.name, email: b.email, phone: b.phone }, preChatForm: b.preChatForm }))));
    ctx.log.info('chat session started over http', { session: value.session, status: value.status });
    return { status: 201, body: { ...value, lines } };
  });

  router.add('POST', '/api/chat/sessions/:id/messages', async (req, ctx) => {
    const id = sessionId(req.params.id);
    const parsed = messageSchema.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'The body must be {"text": "the customer\'s message"}.');
    const { lines, value } = await chatStep(ctx, (out) =>
      serialize(`chat-session-${id}`, async () => {
        const s = await ChatSession.open(ctx.store, options(out, { session: id }));
        out.length = 0; // the resumed session's own note says nothing new
        await s.send(parsed.data.text);
        return state(s);
      }),
    );
    return { body: { ...value, lines } };
  });

  router.add('GET', '/api/chat/sessions/:id', async (req, ctx) => {
    const id = sessionId(req.params.id);
    const d = await sharedDriver(crmLocation(ctx.store.dataDir, ctx.store.databaseUrl));
    const row = d.all('SELECT topic_id, status, chatbot_isactive FROM chat_session WHERE id = ?', [id]).rows[0];
    if (!row) throw new HttpError(404, `there is no chat session ${id}`);
    const messages = d
      .all('SELECT id, type, author, message, special_type, special_param, when_posted FROM chat_message WHERE session_id = ? ORDER BY when_posted, id', [id])
      .rows.map(([mid, type, author, text, specialType, specialParam, at]) => ({ id: Number(mid), type: Number(type), author: String(author ?? ''), text: String(text ?? ''), specialType: Number(specialType ?? 0), specialParam: String(specialParam ?? ''), at: String(at ?? '') }));
    const status = Number(row[1] ?? 0);
    return { body: { session: id, topic: Number(row[0] ?? 0), status, ended: chatEnded(status), botActive: Number(row[2] ?? 0) !== 0, messages } };
  });
}
