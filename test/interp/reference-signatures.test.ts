// Where the API reference's parameter lists lost entries or disagree with its own pages, the
// checker accepts the form real scripts and the reference's examples use (found by running
// SuperOffice's published scripts and the reference's code blocks through `check`).
import { describe, expect, it } from 'vitest';
import { diagnose, runScript } from '../helpers.js';

describe('signatures as real code calls them', () => {
  it('NetServer methods whose listed parameters dropped DateTime/NSStream ones take the full signature', () => {
    // the reference lists these as (Integer, Integer), (String), (NSDocumentEntity, Bool); their
    // signature lines (and the document pages) have the dropped parameters
    const src = `NSDocumentAgent agent;
DateTime from;
DateTime to;
from.addMonth(-6);
NSDocument[] docs = agent.GetContactDocuments(4, from, to, 10);
NSDocument[] byType = agent.GetContactDocumentsByTemplateType(4, from, to, 10, 106);
NSStream stream;
String temp = agent.CreateTempFile("a.txt", stream);
NSDocumentEntity doc = agent.CreateDefaultDocumentEntity();
doc = agent.SetDocumentStream(doc, stream, true);
NSAppointmentAgent appointments;
appointments.Move(1, from, 0);`;
    expect(diagnose(src)).toEqual([]);
  });

  it('the short forms the reference lists still type-check, and a wrong arity is still an error', () => {
    expect(diagnose('NSDocumentAgent agent;\nNSDocument[] d = agent.GetContactDocuments(4, 10);')).toEqual([]);
    const errs = diagnose('NSDocumentAgent agent;\nDateTime t;\nNSDocument[] d = agent.GetContactDocuments(4, t, 10);');
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^3:18: no method NSDocumentAgent\.GetContactDocuments takes \(Integer, DateTime, Integer\)/);
  });

  it('a form without an implementation fails at run time with a clear message, catchable', () => {
    // the full form of the signature line (the reference's parameter list lost the DateTimes); the
    // sandbox has no Publish table, which the error says
    const r = runScript(`NSDocumentAgent agent;
DateTime from;
DateTime to;
try { agent.GetPublishedDocumentsByDate(2, false, from, to, 10); } catch { printLine("caught: " + error); }`);
    expect(r.diagnostics).toEqual([]);
    expect(r.output).toMatch(/^caught: NSDocumentAgent\.GetPublishedDocumentsByDate: the sandbox CRM has no Publish table/);
  });

  it('User.setValue(column, value) as the user pages call it (the reference lists a third, garbled parameter)', () => {
    expect(diagnose('User u;\nu.setValue("email", "bob@example.com");')).toEqual([]);
  });

  it('DateTime.getDate() gives the date part (SuperOffice\'s published scripts call it; getTime() is the time part)', () => {
    const r = runScript(`DateTime dt = DateTime(2024, 2, 29, 23, 59, 58);
Date d = dt.getDate();
printLine(d.toString() + " " + dt.getTime().toString());
d = d.addDay(1);
printLine(d.toString() + " " + dt.toString());`);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    expect(r.output).toBe('2024-02-29 23:59:58\n2024-03-01 2024-02-29 23:59:58\n');
  });
});
