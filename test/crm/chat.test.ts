// Chat sessions in the sandbox CRM: the global functions chatbot scripts call (addChatMessage,
// resetChat, setChatStatus, setUserIsTyping) and NSChatAgent, over the demo channel "Website
// chat" (topic 1) and its finished session 1, on every CRM backend.
import { afterAll, expect, it } from 'vitest';
import { describeBackends, runWithCrm, withFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

afterAll(cleanupTempDirs);

const NEW_SESSION = `NSChatAgent agent;
NSChatSessionEntity s = agent.CreateChatSessionForTopic(1);
Integer id = s.GetChatSessionId();
`;

describeBackends('chat sessions in the sandbox CRM', (b) => {
  it('addChatMessage: a message to the customer makes the user the last to speak, one from the customer the customer; an ended session keeps its status', async () => {
    await withFixture(b.fresh, (f) => {
      const r = runWithCrm(
        f,
        `${NEW_SESSION}printLine(s.GetStatus().toString() + " " + s.GetChatbotIsActive().toString());
addChatMessage(id, "Welcome!", 1, "Bot", 0, "");
printLine(agent.GetChatSessionEntity(id).GetStatus().toString());
addChatMessage(id, "I need help", 2, "Nina", 0, "");
s = agent.GetChatSessionEntity(id);
printLine(s.GetStatus().toString() + " [" + s.GetFirstMessage() + "] [" + s.GetLastMessage() + "]");
addChatMessage(id, "Pick one", 3, "Bot", 17, "[\\"Yes\\",\\"No\\"]", DateTime(2030, 1, 2, 3, 4, 5));
printLine(agent.GetChatSessionEntity(id).GetStatus().toString());
setChatStatus(id, 7);
addChatMessage(id, "Bye", 1, "Bot", 0, "");
s = agent.GetChatSessionEntity(id);
printLine(s.GetStatus().toString() + " ended " + (!s.GetWhenEnded().isNull()).toString());
NSChatMessage[] ms = agent.GetChatMessages(id, 0);
for (Integer i = 0; i < ms.length(); i++)
  printLine(ms[i].GetType().toString() + " " + ms[i].GetAuthor() + ": " + ms[i].GetMessage() + " " + ms[i].GetSpecialType().toString() + " " + ms[i].GetSpecialParam());
printLine(ms[2].GetWhenPosted().toString());
printLine(agent.GetChatMessages(id, ms[2].GetChatMessageId()).length().toString());`,
      );
      expect(r.diagnostics).toEqual([]);
      expect(r.error).toBeNull();
      const lines = r.output.split('\n');
      expect(lines.slice(0, 6)).toEqual(['4 false', '6', '5 [Welcome!] [I need help]', '5', '7 ended true', '1 Bot: Welcome! 0 ']);
      expect(lines.slice(6, 9)).toEqual(['2 Nina: I need help 0 ', '3 Bot: Pick one 17 ["Yes","No"]', '1 Bot: Bye 0 ']);
      expect(lines[9]).toMatch(/^2030-01-02 03:04(:05)?$/);
      expect(lines[10]).toBe('1');
    });
  });

  it('errors name the function and what is wrong: no such session, a status or a type out of range', async () => {
    await withFixture(b.fresh, (f) => {
      expect(runWithCrm(f, 'addChatMessage(999, "x", 1, "Bot", 0, "");').error).toBe('addChatMessage: there is no chat session 999');
      expect(runWithCrm(f, 'setChatStatus(1, 12);').error).toBe('setChatStatus: 12 is not a chat session status (0–11; 7 is finished)');
      expect(runWithCrm(f, 'addChatMessage(1, "x", 4, "Bot", 0, "");').error).toBe('addChatMessage: message type 4 is not 1 (to the customer), 2 (from the customer) or 3 (special)');
      expect(runWithCrm(f, 'resetChat(0);').error).toBe('resetChat: there is no chat session 0');
      const caught = runWithCrm(f, 'try { setChatStatus(-1, 4); } catch { printLine("caught: " + error); }');
      expect(caught.output).toBe('caught: setChatStatus: there is no chat session -1\n');
    });
  });

  it('resetChat hands the session to the users: in the queue when a user is present for chat, else the offline form', async () => {
    await withFixture(b.fresh, (f) => {
      const script = `${NEW_SESSION}s.SetChatbotIsActive(true);
agent.SaveChatSessionEntity(s);
resetChat(id);
s = agent.GetChatSessionEntity(id);
printLine(s.GetStatus().toString() + " " + s.GetChatbotIsActive().toString());`;
      // the demo's Bob is present for chat
      expect(runWithCrm(f, script).output).toBe('4 false\n');
      f.crm.execute('UPDATE ejuser SET chat_status = 0');
      expect(runWithCrm(f, script).output).toBe('3 false\n');
    });
  });

  it('chat presence: who is present, with their ongoing chats and topics; setting it decides where resetChat sends a session (a present user who answers the topic: the queue)', async () => {
    await withFixture(b.fresh, (f) => {
      const r = runWithCrm(
        f,
        `NSChatAgent agent;
NSChatPresence[] all = agent.GetChatPresence();
for (Integer i = 0; i < all.length(); i++)
  printLine(all[i].GetUserId().toString() + " " + all[i].GetDisplayName() + " " + all[i].GetPresent().toString() + " " + all[i].GetOngoingChats().toString() + " " + all[i].GetChatTopics().length().toString());
NSChatPresence bob = all[1];
bob.SetPresent(false);
NSChatPresence[] change;
change.pushBack(bob);
agent.SaveChatPresence(change);
NSChatSessionEntity s = agent.CreateChatSessionForTopic(1);
resetChat(s.GetChatSessionId());
printLine(agent.GetChatSessionEntity(s.GetChatSessionId()).GetStatus().toString());
// Ada manages the topic but does not answer its chats; Carol does
NSChatPresence ada = all[0];
ada.SetPresent(true);
change[0] = ada;
agent.SaveChatPresence(change);
resetChat(s.GetChatSessionId());
printLine(agent.GetChatSessionEntity(s.GetChatSessionId()).GetStatus().toString());
NSChatPresence carol = all[2];
carol.SetPresent(true);
change[0] = carol;
agent.SaveChatPresence(change);
resetChat(s.GetChatSessionId());
printLine(agent.GetChatSessionEntity(s.GetChatSessionId()).GetStatus().toString());`,
      );
      expect(r.diagnostics).toEqual([]);
      expect(r.error).toBeNull();
      expect(r.output).toBe('1 Ada Admin false 0 1\n2 Bob Berg true 0 1\n3 Carol Dahl false 0 1\n4 Dave Eik false 0 0\n3\n3\n4\n');
      expect(runWithCrm(f, 'NSChatAgent a; NSChatPresence p; p.SetUserId(99); NSChatPresence[] l; l.pushBack(p); a.SaveChatPresence(l);').error).toBe('NSChatAgent.SaveChatPresence: user 99 is no user of the sandbox CRM (UserId is an associate id)');
    });
  });

  it('setUserIsTyping sets and clears the session flag, leaving the others', async () => {
    await withFixture(b.fresh, (f) => {
      const r = runWithCrm(
        f,
        `${NEW_SESSION}s.SetFlags(1);
agent.SaveChatSessionEntity(s);
setUserIsTyping(id, true);
printLine(agent.GetChatSessionEntity(id).GetFlags().toString());
setUserIsTyping(id, false);
printLine(agent.GetChatSessionEntity(id).GetFlags().toString());`,
      );
      expect(r.error).toBeNull();
      expect(r.output).toBe('3\n1\n');
    });
  });

  it('NSChatAgent: topics, sessions with their customer, pick-up, transfer, transcript and delete', async () => {
    await withFixture(b.fresh, (f) => {
      const r = runWithCrm(
        f,
        `NSChatAgent agent;
NSChatTopicEntity t = agent.GetChatTopicEntity(1);
printLine(t.GetName() + " | " + t.GetTicketCategory().GetValue() + " | " + t.GetTicketPriority().GetValue() + " | " + t.GetBotEnabled().toString());
NSChatTopicEntity nt = agent.CreateDefaultChatTopicEntity();
nt.SetName("Sales chat");
NSChatBotSettings bs = nt.GetBotSettings();
bs.SetBotName("Salesbot");
nt.SetBotSettings(bs);
nt.SetBotEnabled(true);
nt = agent.SaveChatTopicEntity(nt);
printLine(nt.GetChatTopicId().toString() + " " + nt.GetBotSettings().GetBotName() + " " + agent.ChatTopicsForUser().length().toString());
NSChatSessionEntity old = agent.GetChatSessionEntity(1);
printLine(old.GetCustomerName() + " | " + old.GetPerson().GetFirstname() + " | " + old.GetContact().GetName() + " | " + old.GetUser().GetName());
NSChatSessionEntity s = agent.CreateChatSessionForTopic(nt.GetChatTopicId());
printLine(s.GetStatus().toString() + " " + s.GetChatbotIsActive().toString());
s = agent.PickUpFirstChatSession();
printLine(s.GetStatus().toString() + " " + s.GetUser().GetName() + " " + agent.ChatSessionsForUser().length().toString());
s = agent.TransferChatSession(s.GetChatSessionId(), "bob");
printLine(s.GetTransferTo().GetName());
s = agent.AcceptChatSessionTransfer(s.GetChatSessionId());
printLine(s.GetUser().GetName() + " [" + s.GetTransferTo().GetName() + "]");
print(agent.GetChatTranscript(1, false));
printLine(agent.GetChatTranscript(1, true).subString(0, 40));
agent.DeleteChatSessionEntity(1);
printLine(agent.GetChatSessionEntity(1).GetChatSessionId().toString());`,
      );
      expect(r.diagnostics).toEqual([]);
      expect(r.error).toBeNull();
      expect(r.output.split('\n')).toEqual([
        'Website chat | Support | Medium | false',
        // the new topic has no users yet: Ada is a member of the demo's topic only
        '2 Salesbot 1',
        'Nina Hansen | Nina | Nordic Bikes AS | BOB',
        '4 true',
        '5 ADA 1',
        'BOB',
        'BOB []',
        '2025-03-10 10:00:00 Nina Hansen: Hi, my bike computer shows no speed.',
        '2025-03-10 10:02:00 Bob Berg: Is the magnet on the spoke lined up with the sensor?',
        '2025-03-10 10:05:00 Nina Hansen: Thanks, that fixed it!',
        '<ul><li><span class="when">2025-03-10 10',
        '0',
        '',
      ]);
      expect(f.crm.count('chat_message', [{ column: 'session_id', op: '=', value: 1 }])).toBe(0);
    });
  });
});
