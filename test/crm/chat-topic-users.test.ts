// The users of a chat topic (chat_topic_user) through NSChatAgent: the demo topic's users as
// NSChatTopicAgents, adding, reading, updating and removing a user by login name, the users that
// can serve topics (GetUserAgentList), the topics the run's user is a member of
// (ChatTopicsForUser), opening hours (IsWithinOpeningHours), on every CRM backend.
import { afterAll, expect, it } from 'vitest';
import { describeBackends, runOk, runWithCrm, withFixture } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

afterAll(cleanupTempDirs);

/** Prints the users of topic 1 as "NAME respond notify listen manage" (1/0 each). */
const USERS = `NSChatAgent agent;
NSAssociateAgent associates;
String bit(Bool b) { if (b) return "1"; return "0"; }
Void one(NSChatTopicAgent u) {
  printLine(u.GetTopicId().toString() + " " + u.GetUser().GetName() + " " + bit(u.GetCanRespond()) + bit(u.GetCanNotify()) + bit(u.GetCanListen()) + bit(u.GetCanManage()));
}
Void show(NSChatTopicAgent[] users) {
  for (Integer i = 0; i < users.length(); i++) one(users[i]);
}
`;

describeBackends('chat topic users', (b) => {
  it('the demo topic\'s users; adding, reading, updating and removing one by login name', async () => {
    await withFixture(b.fresh, (f) => {
      expect(
        runOk(
          f,
          `${USERS}show(agent.GetChatTopicUserAgentList(1));
NSChatTopicAgent dave = agent.CreateDefaultChatTopicAgent();
dave.SetUser(associates.GetAssociate(4));
dave.SetCanNotify(true);
one(agent.AddChatTopicUserAgent(1, dave));
NSChatTopicAgent got = agent.GetChatTopicUserAgent(1, "dave");
got.SetCanRespond(false);
got.SetCanManage(true);
one(agent.UpdateChatTopicUserAgent(1, "DAVE", got));
NSChatTopicAgent carol = agent.GetChatTopicUserAgent(1, "carol");
carol.SetCanListen(false);
NSChatTopicAgent[] change;
change.pushBack(carol);
printLine(agent.UpdateChatTopicUserAgents(1, change).length().toString());
agent.DeleteChatTopicUserAgent(1, "bob");
show(agent.GetChatTopicUserAgentList(1));
printLine(agent.GetChatTopicUserAgent(1, "bob").GetTopicId().toString());`,
        ),
      ).toBe('1 ADA 0111\n1 BOB 1100\n1 CAROL 1010\n1 DAVE 1100\n1 DAVE 0101\n4\n1 ADA 0111\n1 CAROL 1000\n1 DAVE 0101\n0\n');
      const error = (src: string): string | null => runWithCrm(f, `${USERS}${src}`).error;
      expect(error('NSChatTopicAgent a = agent.GetChatTopicUserAgent(1, "admin"); agent.AddChatTopicUserAgent(1, a);')).toBe(
        'NSChatAgent.AddChatTopicUserAgent: the user is already a user of chat topic 1 (UpdateChatTopicUserAgent changes its roles)',
      );
      expect(error('agent.GetChatTopicUserAgentList(7);')).toBe('NSChatAgent.GetChatTopicUserAgentList: there is no chat channel (topic) 7');
      expect(error('agent.GetChatTopicUserAgent(1, "nobody");')).toBe('NSChatAgent.GetChatTopicUserAgent: there is no user "nobody"');
      expect(error('NSChatTopicAgent a = agent.CreateDefaultChatTopicAgent(); agent.AddChatTopicUserAgent(1, a);')).toBe(
        'NSChatAgent.AddChatTopicUserAgent: associate 0 is no user of the sandbox CRM (the chat topic agent\'s User)',
      );
    });
  });

  it('the users who can serve topics, present ones; the run\'s user\'s topics; presence lists each user\'s topics', async () => {
    await withFixture(b.fresh, (f) => {
      expect(
        runOk(
          f,
          `${USERS}NSMDOListItem[] all = agent.GetUserAgentList(true, false);
for (Integer i = 0; i < all.length(); i++) print(all[i].GetName() + "=" + all[i].GetFullName() + " ");
printLine("| " + agent.GetUserAgentList(false, true)[0].GetName());
NSChatTopicEntity t = agent.CreateDefaultChatTopicEntity();
t.SetName("Sales chat");
t = agent.SaveChatTopicEntity(t);
printLine(agent.ChatTopicsForUser().length().toString());
NSChatTopicAgent me = agent.CreateDefaultChatTopicAgent();
me.SetUser(associates.GetAssociate(1));
agent.AddChatTopicUserAgent(t.GetChatTopicId(), me);
NSChatTopicEntity[] mine = agent.ChatTopicsForUser();
printLine(mine.length().toString() + " " + mine[1].GetName());
NSChatPresence[] p = agent.GetChatPresence();
for (Integer i = 0; i < p.length(); i++) print(p[i].GetChatTopics().length().toString() + " ");
printLine("");
agent.DeleteChatTopicEntity(t.GetChatTopicId());
show(agent.GetChatTopicUserAgentList(1));
SearchEngine se;
se.addField("chat_topic_user.id", "count");
se.execute();
printLine(se.getField(0));`,
        ),
      ).toBe('ADA=Ada Admin BOB=Bob Berg CAROL=Carol Dahl DAVE=Dave Eik | BOB\n1\n2 Sales chat\n2 1 1 0 \n1 ADA 0111\n1 BOB 1100\n1 CAROL 1010\n3\n');
    });
  });

  it('IsWithinOpeningHours: a topic without opening hours is open; the sandbox keeps no hours for one that has them', async () => {
    await withFixture(b.fresh, (f) => {
      expect(runOk(f, `${USERS}printLine(agent.IsWithinOpeningHours(1).toString());`)).toBe('true\n');
      const r = runWithCrm(f, `${USERS}NSChatTopicEntity t = agent.GetChatTopicEntity(1); t.SetOpeningHoursEnabled(true); agent.SaveChatTopicEntity(t); agent.IsWithinOpeningHours(1);`);
      expect(r.error).toBe('NSChatAgent.IsWithinOpeningHours: chat topic 1 uses opening hours, which the sandbox CRM does not keep (its chat_topic table has no hours)');
    });
  });
});
