// `crmscript-tui chat`: a customer's chat on a channel of the sandbox CRM, with a chatbot made of a
// store folder's scripts (SuperOffice's echobot: register, session created, message received) and
// the chat triggers bound to scripts, on every backend (the JSON store with SQLite, and
// PostgreSQL). The messages typed are read from stdin in a child process, or given with --say.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, requireBuiltCli, tempDir } from '../common.js';
import { cli, cliProcess, describeBackends, type Place } from './helpers.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

const REGISTER = `String action = getEventData().getInputValue("action");
printLine(action + " on topic " + getEventData().getInputValue("topicid"));`;

// quiet while the customer fills in a pre-chat form: the session changed script greets then
const SESSION_CREATED = `#setLanguageLevel 3;
EventData ed = getEventData();
Integer sessionId = ed.getInputValue("chatSession.id").toInteger();
if (ed.getInputValue("chatSession.status") == "4")
  addChatMessage(sessionId, "Hello " + ed.getInputValue("chatSession.customerAlias") + "! Say 'human' or 'quit'.", 1, ed.getInputValue("chatTopic.botName"), 0, "");`;

const SESSION_CHANGED = `#setLanguageLevel 3;
EventData ed = getEventData();
if (getVariable("status.old") == "1" && ed.getInputValue("status.new") == "4")
  addChatMessage(ed.getInputValue("chatSession.id").toInteger(), "Thanks for the form, " + ed.getInputValue("chatSession.customerName") + ".", 1, ed.getInputValue("chatTopic.botName"), 0, "");`;

const MESSAGE_RECEIVED = `#setLanguageLevel 3;
EventData ed = getEventData();
String botName = ed.getInputValue("chatTopic.botName");
Integer sessionId = ed.getInputValue("chatMessage.sessionId").toInteger();
String message = ed.getInputValue("chatMessage.message");
if (message == "human") {
  addChatMessage(sessionId, "Transferring to human...", 1, botName, 0, "");
  resetChat(sessionId);
}
else if (message == "quit") {
  addChatMessage(sessionId, "Bye bye - closing chat.", 1, botName, 0, "");
  setChatStatus(sessionId, 7);
}
else if (message == "broken") {
  Integer n = 1 / 0;
}
else addChatMessage(sessionId, "Echo: " + message + " (status " + ed.getInputValue("chatSession.status") + ")", 1, botName, 0, "");`;

describeBackends('crmscript-tui chat', (b) => {
  let home: Place;
  let files: string;
  const file = (name: string, src: string): string => {
    const p = join(files, name);
    writeFileSync(p, src);
    return p;
  };
  const add = async (args: string[]): Promise<void> => {
    const r = await cli(args, home);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  };

  beforeAll(async () => {
    home = await b.fresh();
    files = tempDir('chat-files-');
    await add(['scripts', 'add', '--folder', 'Bots/Echobot', '--name', 'echobot register', '--file', file('r.crm', REGISTER)]);
    await add(['scripts', 'add', '--folder', 'Bots/Echobot', '--name', 'echobot session created', '--file', file('c.crm', SESSION_CREATED)]);
    await add(['scripts', 'add', '--folder', 'Bots/Echobot', '--name', 'echobot message received', '--file', file('m.crm', MESSAGE_RECEIVED)]);
    await add(['scripts', 'add', '--folder', 'Bots/Echobot', '--name', 'Echobot Session Changed', '--file', file('s.crm', SESSION_CHANGED)]);
  }, 60_000);

  it('registers the folder as the channel\'s bot, which greets, answers each message and hands over to a human', async () => {
    const r = await cli(['chat', '--bot', 'Bots/Echobot', '--name', 'Nina Hansen', '--email', 'nina@nordicbikes.example', '--say', 'hello', '--say', 'human', '--say', 'anyone there?'], home);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      '· echobot register printed: register on topic 1',
      '· the chatbot Echobot (Bots/Echobot) is on the channel "Website chat"',
      '· chat session 2 on "Website chat" with the chatbot Echobot (Bots/Echobot): status 4 (in queue)',
      "Echobot: Hello Nina! Say 'human' or 'quit'.",
      '· status 6 (user last)',
      'Nina Hansen: hello',
      'Echobot: Echo: hello (status 5)',
      'Nina Hansen: human',
      'Echobot: Transferring to human...',
      // the demo's Bob is present for chat
      '· the bot handed the session to the users: status 4 (in queue)',
      'Nina Hansen: anyone there?',
      '· status 5 (customer last)',
      '',
    ]);
    // the session is in the CRM, linked to the person with that address
    const s = JSON.parse((await cli(['crm', 'show', 'chat_session', '--where', 'id=2', '--json'], home)).out)[0];
    expect(s).toMatchObject({ topic_id: 1, person_id: 5, contact_id: 2, customer_name: 'Nina Hansen', customer_company_name: 'Nordic Bikes AS', status: 5, chatbot_isactive: 0 });
    const messages = JSON.parse((await cli(['crm', 'show', 'chat_message', '--where', 'session_id=2', '--json'], home)).out) as { type: number; message: string }[];
    expect(messages.map((m) => `${m.type} ${m.message}`)).toEqual(["1 Hello Nina! Say 'human' or 'quit'.", '2 hello', '1 Echo: hello (status 5)', '2 human', '1 Transferring to human...', '2 anyone there?']);
  }, 60_000);

  it('reads the messages from stdin, and stops when the bot closes the session', async () => {
    const r = await cliProcess(['chat', '--name', 'Ola'], home, 'hi\n\nquit\nnever read\n');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain("Echobot: Hello Ola! Say 'human' or 'quit'.");
    expect(r.out).toContain('Ola: hi\nEchobot: Echo: hi (status 5)\n');
    expect(r.out).toMatch(/Ola: quit\nEchobot: Bye bye - closing chat\.\n· the session ended: status 7 \(finished\)\n$/);
    expect(r.out).not.toContain('never read');
  }, 60_000);

  it('--pre-chat-form: the session starts in the form; when the customer has filled it in it goes to the queue and the bot\'s session changed script runs', async () => {
    const r = await cli(['chat', '--pre-chat-form', '--name', 'Grace Miller', '--say', 'hi'], home);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^· chat session \d+ on "Website chat" with the chatbot Echobot \(Bots\/Echobot\): status 1 \(pre chat form\)\n· the customer fills in the pre-chat form\n· status 4 \(in queue\)\nEchobot: Thanks for the form, Grace Miller\.\n· status 6 \(user last\)\nGrace Miller: hi\nEchobot: Echo: hi \(status 5\)\n$/);
  }, 60_000);

  it('the chat triggers fire: a before-save binding blocks or rewrites a message, an after-save one sees its id; a failing bot script is told with its line', async () => {
    await add(['scripts', 'add', '--name', 'chat filter', '--file', file('f.crm', `EventData ed = getEventData();
String m = ed.getInputValue("chatMessage.message");
if (m.find("spam") >= 0) { ed.setBlockExecution(true); ed.setMessage("no spam here"); }
else if (m == "shout") ed.setOutputValue("chatMessage.message", "SHOUT");`)]);
    await add(['scripts', 'add', '--name', 'chat log', '--file', file('l.crm', 'printLine("saved " + getEventData().getInputValue("chatMessage.message") + " #" + getEventData().getInputValue("chatMessage.id"));')]);
    await add(['triggers', 'add', 'ChatBeforeSaveNewMessage', '--script', 'chat filter']);
    await add(['triggers', 'add', 'ChatAfterSaveNewMessage', '--script', 'chat log']);
    const r = await cli(['chat', '--say', 'buy spam', '--say', 'shout', '--say', 'broken'], home);
    expect(r.code).toBe(1);
    expect(r.out).toContain('· a trigger blocked the message: no spam here\n');
    expect(r.out).not.toContain('Customer: buy spam');
    expect(r.out).toMatch(/· a trigger changed the message to: SHOUT\nCustomer: SHOUT\n· ChatAfterSaveNewMessage: script chat log printed: saved SHOUT #\d+\nEchobot: Echo: SHOUT \(status 5\)\n/);
    expect(r.err).toBe('chat: echobot message received: store:echobot message received:15:17: error: division by zero\n');
    // the blocked message was not saved; the rewritten one was saved as rewritten
    const count = async (like: string): Promise<number> => Number(JSON.parse((await cli(['crm', 'sql', `SELECT count(*) AS n FROM chat_message WHERE message LIKE '${like}'`, '--json'], home)).out)[0].n);
    expect(await count('%spam%')).toBe(0);
    expect(await count('SHOUT')).toBe(1);
  }, 60_000);

  it('fire picks a chat event\'s inputs from the newest session, or the one given, and its newest message', async () => {
    // inputs are filled in when the event has a binding
    await add(['scripts', 'add', '--name', 'chat event', '--file', file('e.crm', 'printLine("session " + getEventData().getInputValue("chatSession.id") + getEventData().getInputValue("chatMessage.sessionId") + " says " + getEventData().getInputValue("chatMessage.message"));')]);
    for (const event of ['ChatAfterSaveNewMessage', 'ChatSessionChangedStatus', 'ChatNewSession']) await add(['triggers', 'add', event, '--script', 'chat event']);
    const r = await cli(['fire', 'ChatAfterSaveNewMessage', '--input', 'chatMessage.sessionId=1', '--json', '--rollback'], home);
    const o = JSON.parse(r.out);
    expect(o.inputs).toMatchObject({ 'chatMessage.sessionId': '1', 'chatSession.topicId': '1', 'chatSession.customerId': '5', 'chatSession.customerName': 'Nina Hansen', 'chatMessage.id': '3', 'chatMessage.message': 'Thanks, that fixed it!', 'chatMessage.type': '2', 'chatMessage.author': 'Nina Hansen' });
    expect(o.runs.at(-1).output).toBe('session 1 says Thanks, that fixed it!\n');
    const newest = JSON.parse((await cli(['fire', 'ChatSessionChangedStatus', '--json'], home)).out);
    expect(Number(newest.inputs['chatSession.id'])).toBeGreaterThan(1);
    expect(newest.picked).toContainEqual({ name: 'chatSession.id', value: newest.inputs['chatSession.id'], why: 'the newest chat session' });
    const bad = await cli(['fire', 'ChatNewSession', '--input', 'chatSession.id=999'], home);
    expect(bad.err).toContain('input chatSession.id=999, but the sandbox CRM has no chat_session 999');
  }, 60_000);

  it('goes on with a session, takes the bot off the channel, and names what is not there', async () => {
    const again = await cli(['chat', '--session', '2', '--say', 'hello again'], home);
    expect(again.out).toMatch(/^· chat session 2 on "Website chat": status 5 \(customer last\)\nCustomer: hello again\n|^· chat session 2 on "Website chat": status 5 \(customer last\)\nNina Hansen: hello again\n/);
    const off = await cli(['chat', '--no-bot', '--say', 'hi'], home);
    expect(off.out).toContain('· echobot register printed: unregister on topic 1\n· the channel "Website chat" has no chatbot now\n');
    expect(off.out).not.toContain('Echobot:');
    const topic = await cli(['chat', '--topic', 'Sales', '--say', 'x'], home);
    expect(topic.code).toBe(1);
    expect(topic.err).toContain('there is no chat channel "Sales" in the sandbox CRM (there are: 1 "Website chat")');
    const folder = await cli(['chat', '--bot', 'Nope'], home);
    expect(folder.err).toContain('there is no folder "Nope" in the store');
    const notBot = await cli(['chat', '--bot', 'Examples'], home);
    expect(notBot.err).toContain('the folder "Examples" has no bot register script');
    const session = await cli(['chat', '--session', '999'], home);
    expect(session.err).toContain('there is no chat session 999');
  }, 60_000);

  it('a bot whose session changed script keeps changing the status is followed ten times, then the chat says so and stops following', async () => {
    await add(['scripts', 'add', '--folder', 'Bots/Bouncer', '--name', 'bouncer bot register', '--file', file('br.crm', 'printLine("ok");')]);
    await add(['scripts', 'add', '--folder', 'Bots/Bouncer', '--name', 'bouncer bot session changed', '--file', file('bc.crm', `EventData ed = getEventData();
Integer id = ed.getInputValue("chatSession.id").toInteger();
if (ed.getInputValue("status.new") == "3") setChatStatus(id, 4); else setChatStatus(id, 3);`)]);
    const r = await cliProcess(['chat', '--bot', 'Bots/Bouncer', '--pre-chat-form'], home, '');
    expect(r.code).toBe(1);
    expect(r.err).toBe("chat: the session's status changed 10 times in one step; not following it further\n");
    expect(r.out.match(/^· status [34] /gm)).toHaveLength(10);
  }, 60_000);
});
