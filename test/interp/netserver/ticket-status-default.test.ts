// NSTicketStatusEntity's IsDefault on the sandbox (SQLite, and PostgreSQL when a test server is
// set): the first status of a base status that is not deleted (by rank) is its default, the one a
// request gets when only its base status is set; SetIsDefault and a save move a status first, or
// the default after the next one, swapping the ranks of that base status's statuses only.
import { it, expect } from 'vitest';
import { describeBackends } from '../../store/backends.js';
import { backendSandbox, ok } from './backend-runs.js';

const PRELUDE = `
NSListAgent la;
String flags() { String s; for (Integer i = 1; i <= 5; i++) { NSTicketStatusEntity e = la.GetTicketStatusEntity(i); s += e.GetTicketStatusId().toString(); if (e.GetIsDefault()) s += "*"; s += " "; } return s; }
String ranks() { SearchEngine r; r.addField("ticket_status.id"); r.addField("ticket_status.ts_rank"); r.addOrder("ticket_status.id", true); r.execute(); String s; while (!r.eof()) { s += r.getField(0) + ":" + r.getField(1) + " "; r.next(); } return s; }
`;

describeBackends('NSTicketStatusEntity IsDefault', (b) => {
  const sandbox = backendSandbox(b, PRELUDE);

  it("tells each base status's default: the first of its statuses by rank", () => {
    // demo: Active 1 (rank 1) and Waiting for customer 5 (rank 5) are both Active
    expect(ok(sandbox('printLine(flags());'))).toBe('1* 2* 3* 4* 5 \n');
  });

  it('SetIsDefault(true) and a save make a status the default; new requests of its base status get it', () => {
    const out = ok(
      sandbox(`NSTicketStatusEntity w = la.GetTicketStatusEntity(5); w.SetIsDefault(true); w = la.SaveTicketStatusEntity(w);
printLine(flags() + "| " + ranks());
Ticket t; t.load(1); t.setValue("status", "2"); t.save(); t.setValue("status", "1"); t.save(); printLine(t.getValue("ticketStatus"));
NSTicketStatusEntity a = la.GetTicketStatusEntity(5); a.SetIsDefault(false); la.SaveTicketStatusEntity(a);
printLine(flags() + "| " + ranks());`),
    );
    expect(out).toBe('1 2* 3* 4* 5* | 1:5 2:2 3:3 4:4 5:1 \n5\n1* 2* 3* 4* 5 | 1:1 2:2 3:3 4:4 5:5 \n');
  });

  it("a new status saved as not the default does not take the default's place", () => {
    const out = ok(
      sandbox(`NSTicketStatusEntity n = la.CreateDefaultTicketStatusEntity(); n.SetName("Triage"); n.SetStatus(1); n = la.SaveTicketStatusEntity(n);
printLine(n.GetIsDefault().toString() + " " + la.GetTicketStatusEntity(n.GetTicketStatusId()).GetIsDefault().toString() + " " + la.GetTicketStatusEntity(1).GetIsDefault().toString());
NSTicketStatusEntity only = la.GetTicketStatusEntity(3); only.SetIsDefault(false); la.SaveTicketStatusEntity(only); printLine(la.GetTicketStatusEntity(3).GetIsDefault().toString());`),
    );
    expect(out).toBe('false false true\ntrue\n');
  });
});
