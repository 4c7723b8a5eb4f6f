// NSMDOAgent: SuperOffice's lists by name over the sandbox's tables (the demo data's users,
// ticket categories, statuses and priorities), on every CRM backend.
import { afterAll, expect, it } from 'vitest';
import { crmFixture, describeBackends, runWithCrm } from './helpers.js';
import { cleanupTempDirs } from '../common.js';

afterAll(cleanupTempDirs);

describeBackends('NSMDOAgent', (b) => {
  it('lists by name: a tree of ticket categories unless flat, users with full names, one item by id, a restriction, selectable items', async () => {
    const f = await crmFixture({ rollback: true }, await b.fresh());
    try {
      f.crm.insert('Business', { name: 'Retail', rank: 2 });
      f.crm.insert('Business', { name: 'Hotels', rank: 1 });
      f.crm.insert('Business', { name: 'Gone', rank: 3, deleted: 1 });
      const r = runWithCrm(
        f,
        `NSMDOAgent a;
NSMDOListItem[] tree = a.GetList("ejCategory", false, "", false);
for (Integer i = 0; i < tree.length(); i++) {
  printLine(tree[i].GetId().toString() + " " + tree[i].GetName() + " " + tree[i].GetChildItems().length().toString());
  NSMDOListItem[] kids = tree[i].GetChildItems();
  for (Integer j = 0; j < kids.length(); j++) printLine("  " + kids[j].GetFullName());
}
printLine(a.GetList("ejcategory", true, "", false).length().toString());
NSMDOListItem[] users = a.GetSimpleList("associate");
printLine(users[1].GetName() + " = " + users[1].GetFullName() + " of " + users.length().toString());
NSMDOListItem[] biz = a.GetSimpleList("business");
printLine(biz[0].GetName() + "," + biz[1].GetName() + " of " + biz.length().toString());
printLine(a.GetListItem("business", biz[0].GetId() + 1).GetName() + " " + a.GetListItem("business", biz[0].GetId() + 1).GetDeleted().toString());
printLine(a.GetListItem("ticketpriority", 3).GetName() + " [" + a.GetListItem("ticketpriority", 99).GetId().toString() + "]");
printLine(a.GetListWithRestriction("ticketstatus", "", "CLO")[0].GetName());
NSSelectableMDOListItem[] sel = a.GetSelectableSimpleList("ticketstatus");
printLine(sel[0].GetName() + " " + sel[0].GetSelected().toString() + " " + a.GetListNames().length().toString());`,
      );
      expect(r.diagnostics).toEqual([]);
      expect(r.error).toBeNull();
      expect(r.output).toBe('5 Billing 0\n4 Sales 0\n1 Support 2\n  Support/Hardware\n  Support/Software\n5\nBOB = Bob Berg of 4\nHotels,Retail of 2\nGone true\nHigh [0]\nClosed\nActive false 36\n');
      expect(runWithCrm(f, 'NSMDOAgent a; a.GetList("busines", false, "", false);').error).toBe('NSMDOAgent.GetList: the sandbox CRM has no list "busines" (did you mean business?) (it has: associate, chatuser, business, category, country, currency, ejcategory, ticketstatus, ticketpriority, comptr, consentpurpose, consentsource, credited, doctmpl, legalbase, perspos, pmembtype, priority, prob, productcategory, productfamily, producttype, saleprobability, projstatus, projtype, reason, reasonsold, reasonstalled, saletype, searchcat, source, stakeholderrole, suggestedappointment, suggesteddocument, task, usergroup)');
    } finally {
      f.driver.close();
    }
  });
});
