// NSListAgent's quick replies on a sandbox CRM with its demo data (SQLite, and PostgreSQL when a
// test server is set): each user's own replies in rank order (Ada has two, Bob one), the user's
// whole set saved — changed, reordered, added, left out and so deleted — without touching another
// user's, the refusals of ids that are not the user's; and a sandbox made by an older build gaining
// the quick_reply and EjCategoryGroupLink tables.
import { it, expect } from 'vitest';
import { describeBackends } from '../../store/backends.js';
import { backendSandbox, ok, olderSandboxSuites } from './backend-runs.js';
import { LIST_ADMIN_TABLES } from '../../../src/crm/list-admin-migration.js';

const PRELUDE = `
NSListAgent la;
String shown() { String s = la.GetQuickReplies().length().toString() + ":"; foreach (NSQuickReply q in la.GetQuickReplies()) s += " " + q.GetQuickReplyId().toString() + "=" + q.GetName() + "<" + q.GetHtmlBody().getLength().toString() + ">"; return s; }
NSQuickReply reply(Integer id, String name, String body) { NSQuickReply q; q.SetQuickReplyId(id); q.SetName(name); q.SetHtmlBody(body); return q; }
`;

describeBackends('NSListAgent quick replies', (b) => {
  const sandbox = backendSandbox(b, PRELUDE);

  it("gives the user's own quick replies in rank order", () => {
    expect(ok(sandbox('printLine(shown()); printLine(la.GetQuickReplies()[0].GetHtmlBody());'))).toBe('2: 1=Thanks<59> 2=Solved<70>\n<p>Thank you for contacting us. We are looking into it.</p>\n');
    expect(ok(sandbox('printLine(shown());', { user: 'bob' }))).toBe('1: 3=Need more info<54>\n');
    expect(ok(sandbox('printLine(shown());', { user: 'carol' }))).toBe('0:\n');
  });

  it("saves the user's whole set: changed, reordered, added, and the ones left out deleted", () => {
    let bobs = 0;
    const r = sandbox(`NSQuickReply[] qs;
qs.pushBack(reply(2, "Solved!", "<p>Done.</p>"));
qs.pushBack(reply(0, "Hello", "<p>Hi</p>"));
la.SaveQuickReplies(qs);
printLine(shown());
NSQuickReply[] none;
la.SaveQuickReplies(none);
printLine(shown());`, { check: (crm) => void (bobs = crm.select('quick_reply', { where: [{ column: 'associate_id', op: '=', value: 2 }] }).length) });
    expect(ok(r).replace(/ \d+=Hello/, ' N=Hello')).toBe('2: 2=Solved!<12> N=Hello<9>\n0:\n');
    // Bob's reply stays
    expect(bobs).toBe(1);
  });

  it("keeps another user's replies out of the user's set", () => {
    expect(ok(sandbox('NSQuickReply[] qs; qs.pushBack(reply(0, "Mine", "")); la.SaveQuickReplies(qs); printLine(shown());', { user: 'bob' }))).toMatch(/^1: \d+=Mine<0>\n$/);
  });

  it('refuses ids that are not the user\'s', () => {
    const error = (source: string, user?: string): string | null => sandbox(source, { user }).error;
    expect(error('NSQuickReply[] qs; qs.pushBack(reply(3, "x", "")); la.SaveQuickReplies(qs);')).toBe("NSListAgent.SaveQuickReplies: quick reply 3 is another user's");
    expect(error('NSQuickReply[] qs; qs.pushBack(reply(99, "x", "")); la.SaveQuickReplies(qs);')).toBe('NSListAgent.SaveQuickReplies: there is no quick reply with id 99');
    expect(error('NSQuickReply[] qs; qs.pushBack(reply(1, "x", "")); qs.pushBack(reply(1, "y", "")); la.SaveQuickReplies(qs);')).toBe('NSListAgent.SaveQuickReplies: quick reply 1 is given twice');
  });
});

olderSandboxSuites({
  what: 'the quick_reply and EjCategoryGroupLink tables',
  prefix: 'crm-quick-',
  tables: LIST_ADMIN_TABLES,
  sqliteVersion: 23,
  pgVersion: 22,
  smoke: `${PRELUDE}\nprintLine(shown());\nInteger[] g; g.pushBack(1); Integer[] c; c.pushBack(1); la.SetTicketCategoriesForUserGroup(1, c); printLine(la.GetTicketCategoriesForUserGroups(g).length().toString());`,
  demo: '2: 1=Thanks<59> 2=Solved<70>\n1\n',
  empty: '0:\n1\n',
});
