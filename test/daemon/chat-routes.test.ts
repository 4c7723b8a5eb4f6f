// The chat endpoints through a real daemon (in this process, on a loopback port, with its token):
// a chat window starts a session, the channel's chatbot greets, each message of the customer
// gets the bot's answer in the same response, the transcript is readable, and messages sent to
// one session at once are handled one after the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { Store } from '../../src/store/store.js';
import { createScript, ensureFolderPath } from '../../src/store/repos.js';
import { startDaemon, type DaemonHandle } from '../../src/daemon/daemon.js';
import { Router } from '../../src/daemon/http.js';
import { silentLogger } from '../../src/daemon/log.js';
import { ChatSession } from '../../src/run/chat.js';
import { cleanupTempDirs, tempDir } from '../triggers/helpers.js';

interface Reply {
  status: number;
  body: any;
}

function call(port: number, method: string, path: string, body: unknown, token: string | null): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const CREATED = `EventData ed = getEventData();
addChatMessage(ed.getInputValue("chatSession.id").toInteger(), "Hi " + ed.getInputValue("chatSession.customerAlias") + "!", 1, ed.getInputValue("chatTopic.botName"), 0, "");`;
const RECEIVED = `EventData ed = getEventData();
Integer id = ed.getInputValue("chatMessage.sessionId").toInteger();
String m = ed.getInputValue("chatMessage.message");
if (m == "bye") { addChatMessage(id, "Bye!", 1, "Helper", 0, ""); setChatStatus(id, 7); }
else addChatMessage(id, "You said: " + m, 1, "Helper", 0, "");`;

describe('the chat endpoints (in-process daemon)', () => {
  let daemon: DaemonHandle;

  beforeAll(async () => {
    const dir = tempDir();
    const store = await Store.open(dir, { seed: false });
    await store.update((d) => {
      const folder = ensureFolderPath(d, 'Helper');
      createScript(d, { name: 'helper bot register', folderId: folder, source: 'printLine("registered");' });
      createScript(d, { name: 'helper bot session created', folderId: folder, source: CREATED });
      createScript(d, { name: 'helper bot message received', folderId: folder, source: RECEIVED });
    });
    // the operator puts the bot on the channel from the command line (chat --bot)
    await ChatSession.open(store, { bot: 'Helper', onLine: () => undefined });
    store.close();
    const router = new Router();
    daemon = await startDaemon({ dataDir: dir, host: '127.0.0.1', port: 0, log: silentLogger, router, tickMs: 500, graceSeconds: 1 });
  }, 60_000);
  afterAll(async () => {
    await daemon?.stop();
    cleanupTempDirs();
  });

  it('starts a session the bot greets, answers each message in the response, and ends it', async () => {
    const start = await call(daemon.port, 'POST', '/api/chat/sessions', { name: 'Ola Nordmann', email: 'ola@nordicbikes.example' }, daemon.token);
    expect(start.status).toBe(201);
    expect(start.body).toMatchObject({ status: 6, ended: false });
    const id = start.body.session as number;
    expect(start.body.lines.filter((l: { kind: string }) => l.kind === 'message')).toEqual([expect.objectContaining({ author: 'Helper', text: 'Hi Ola!', type: 1 })]);

    const hello = await call(daemon.port, 'POST', `/api/chat/sessions/${id}/messages`, { text: 'hello' }, daemon.token);
    expect(hello.status).toBe(200);
    expect(hello.body.lines.filter((l: { kind: string }) => l.kind === 'message').map((l: { author: string; text: string }) => `${l.author}: ${l.text}`)).toEqual(['Ola Nordmann: hello', 'Helper: You said: hello']);

    const bye = await call(daemon.port, 'POST', `/api/chat/sessions/${id}/messages`, { text: 'bye' }, daemon.token);
    expect(bye.body).toMatchObject({ session: id, status: 7, ended: true });
    expect(bye.body.lines).toContainEqual({ kind: 'note', text: 'the session ended: status 7 (finished)' });

    const after = await call(daemon.port, 'POST', `/api/chat/sessions/${id}/messages`, { text: 'anyone?' }, daemon.token);
    expect(after.body.lines).toEqual([{ kind: 'problem', text: 'the session has ended (status 7 (finished)): start a new one' }]);

    const transcript = await call(daemon.port, 'GET', `/api/chat/sessions/${id}`, undefined, daemon.token);
    expect(transcript.body).toMatchObject({ session: id, topic: 1, status: 7, ended: true, botActive: true });
    expect(transcript.body.messages.map((m: { text: string }) => m.text)).toEqual(['Hi Ola!', 'hello', 'You said: hello', 'bye', 'Bye!']);
  }, 60_000);

  it('handles messages sent to one session at once one after the other', async () => {
    const id = (await call(daemon.port, 'POST', '/api/chat/sessions', {}, daemon.token)).body.session as number;
    const replies = await Promise.all(['one', 'two', 'three'].map((text) => call(daemon.port, 'POST', `/api/chat/sessions/${id}/messages`, { text }, daemon.token)));
    for (const [i, r] of replies.entries()) expect(r.body.lines.filter((l: { kind: string }) => l.kind === 'message').map((l: { text: string }) => l.text)).toContain(`You said: ${['one', 'two', 'three'][i]}`);
    const transcript = await call(daemon.port, 'GET', `/api/chat/sessions/${id}`, undefined, daemon.token);
    // each message is followed by its own answer (the connections may arrive in any order)
    const texts = transcript.body.messages.map((m: { text: string }) => m.text) as string[];
    expect(texts[0]).toBe('Hi Customer!');
    const pairs = [1, 3, 5].map((i) => [texts[i], texts[i + 1]]);
    expect(pairs.map(([said, answer]) => answer === `You said: ${said}`)).toEqual([true, true, true]);
    expect(pairs.map(([said]) => said).sort()).toEqual(['one', 'three', 'two']);
  }, 60_000);

  it('404 for a channel or session that is not there, 400 for a bad body, 401 without the token', async () => {
    expect((await call(daemon.port, 'POST', '/api/chat/sessions', { topic: 'Nope' }, daemon.token)).status).toBe(404);
    const missing = await call(daemon.port, 'POST', '/api/chat/sessions/999/messages', { text: 'x' }, daemon.token);
    expect(missing).toEqual({ status: 404, body: { error: 'there is no chat session 999' } });
    expect((await call(daemon.port, 'GET', '/api/chat/sessions/abc', undefined, daemon.token)).status).toBe(404);
    expect((await call(daemon.port, 'POST', '/api/chat/sessions/1/messages', { text: '' }, daemon.token)).status).toBe(400);
    expect((await call(daemon.port, 'POST', '/api/chat/sessions', { preChatForm: 'yes' }, daemon.token)).status).toBe(400);
    expect((await call(daemon.port, 'POST', '/api/chat/sessions', {}, null)).status).toBe(401);
  });
});
