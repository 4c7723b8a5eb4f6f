// NSNumberAllocationAgent on every CRM backend (SQLite, and PostgreSQL when a test server is set):
// number counters kept in SuperOffice's RefCounts table (a field as "table.column", its current
// value and flags), the numbers new projects, sales and documents get from them, and numbering
// each document template on its own. Every run rolls back.
import { afterAll, expect, it } from 'vitest';
import { describeBackends } from '../../crm/helpers.js';
import { cleanupTempDirs } from '../../common.js';
import { backendSandbox, ok } from './backend-runs.js';

afterAll(cleanupTempDirs);

/** A counter of a field saved by the script, from `value`, allocating numbers or not. */
const counter = (v: string, field: string, value: number, allocate = true): string =>
  `NSRefCountEntity ${v} = n.CreateDefaultRefCountEntity();
${v}.SetField("${field}");
${v}.SetCurrentValue(${value});
${v}.SetAllocate(${allocate});
${v} = n.SaveRefCountEntity(${v});`;

/** A document of a template saved by the script. */
const doc = (v: string, header: string, template: string): string =>
  `NSDocumentEntity ${v} = da.CreateDefaultDocumentEntity();
${v}.SetHeader("${header}");
${v}.SetName("${header}.docx");
${v}.SetDocumentTemplate(${template});
${v} = da.SaveDocumentEntity(${v});`;

describeBackends('NSNumberAllocationAgent', (b) => {
  const run = backendSandbox(b, 'NSNumberAllocationAgent n;\nNSProjectAgent pa;\nNSSaleAgent sa;\nNSDocumentAgent da;\nNSDocumentTemplate quote; quote.SetDocumentTemplateId(1);\nNSDocumentTemplate letter; letter.SetDocumentTemplateId(2);');

  it('creates, reads, changes and deletes counters', () => {
    const out = ok(
      run,
      `NSRefCountEntity r = n.CreateDefaultRefCountEntity();
printLine(r.GetRefCountsId().toString() + " [" + r.GetField() + "] " + r.GetCurrentValue().toString() + " " + r.GetAllocate().toString() + " " + r.GetUnique().toString() + " " + r.GetReadOnly().toString() + " " + r.GetAllowBlank().toString());
r.SetField("contact.number1");
r.SetCurrentValue(1000);
r.SetUnique(true);
r.SetAllowBlank(true);
r.SetTravelPrefix(2);
r = n.SaveRefCountEntity(r);
Integer id = r.GetRefCountsId();
NSRefCountEntity g = n.GetRefCountEntity(id);
printLine((id > 0).toString() + " " + g.GetField() + " " + g.GetCurrentValue().toString() + " " + g.GetAllocate().toString() + " " + g.GetUnique().toString() + " " + g.GetReadOnly().toString() + " " + g.GetAllowBlank().toString() + " " + g.GetTravelPrefix().toString() + " " + g.GetRecordId().toString());
g.SetField("Project.Project_Number");
g.SetReadOnly(true);
g.SetAllocate(false);
n.SaveRefCountEntity(g);
g = n.GetRefCountEntity(id);
printLine(g.GetField() + " " + g.GetAllocate().toString() + " " + g.GetReadOnly().toString());
n.DeleteRefCountEntity(id);
printLine(n.GetRefCountEntity(id).GetRefCountsId().toString());
NSRefCountEntity bad = n.CreateDefaultRefCountEntity();
try { n.SaveRefCountEntity(bad); } catch { printLine(error); }
bad.SetField("nothing.here");
try { n.SaveRefCountEntity(bad); } catch { printLine(error); }
bad.SetField("project.nothing");
try { n.SaveRefCountEntity(bad); } catch { printLine(error); }`,
    );
    expect(out).toBe(
      '0 [] 0 true false false false\n' +
        'true contact.number1 1000 true true false true 2 0\n' +
        'project.project_number false true\n' +
        '0\n' +
        'NSNumberAllocationAgent.SaveRefCountEntity: the field it numbers (SetField, "table.column") is required\n' +
        'NSNumberAllocationAgent.SaveRefCountEntity: there is no table "nothing" in the sandbox CRM (the field is "table.column")\n' +
        'NSNumberAllocationAgent.SaveRefCountEntity: the table project has no column "nothing"\n',
    );
  });

  it('numbers new projects and sales from their counters when these allocate', () => {
    const out = ok(
      run,
      `${counter('pc', 'project.project_number', 100)}
${counter('sc', 'sale.number1', 7, false)}
NSProjectEntity p = pa.CreateDefaultProjectEntity();
p.SetName("First");
p = pa.SaveProjectEntity(p);
NSProjectEntity q = pa.CreateDefaultProjectEntity();
q.SetName("Own number");
q.SetProjectNumber("X-1");
q = pa.SaveProjectEntity(q);
NSProjectEntity r = pa.CreateDefaultProjectEntity();
r.SetName("Second");
r = pa.SaveProjectEntity(r);
printLine(p.GetProjectNumber() + " " + q.GetProjectNumber() + " " + r.GetProjectNumber() + " " + n.GetRefCountEntity(pc.GetRefCountsId()).GetCurrentValue().toString());
r.SetName("Second, renamed");
r = pa.SaveProjectEntity(r);
printLine(r.GetProjectNumber() + " " + n.GetRefCountEntity(pc.GetRefCountsId()).GetCurrentValue().toString());
NSSaleEntity s = sa.CreateDefaultSaleEntity();
s.SetHeading("Unnumbered");
s = sa.SaveSaleEntity(s);
printLine("[" + s.GetNumber() + "]");
sc.SetAllocate(true);
n.SaveRefCountEntity(sc);
NSSaleEntity t = sa.CreateDefaultSaleEntity();
t.SetHeading("Numbered");
t = sa.SaveSaleEntity(t);
printLine(t.GetNumber() + " " + sa.GetSale(t.GetSaleId()).GetNumber());`,
    );
    expect(out).toBe('101 X-1 102 102\n102 102\n[]\n8 8\n');
  });

  it('numbers documents per template when each template is numbered on its own', () => {
    const out = ok(
      run,
      `${counter('dc', 'document.snum', 50)}
printLine(n.GetNumberEachTemplate().toString());
${doc('d', 'Common', 'letter')}
printLine(d.GetSnum().toString());
n.SetNumberEachTemplate(true);
printLine(n.GetNumberEachTemplate().toString());
${doc('e', 'Letter', 'letter')}
${doc('f', 'Letter 2', 'letter')}
${doc('g', 'Quote', 'quote')}
printLine(e.GetSnum().toString() + " " + f.GetSnum().toString() + " " + g.GetSnum().toString() + " " + n.GetRefCountEntity(dc.GetRefCountsId()).GetCurrentValue().toString());
n.SetNumberEachTemplate(false);
printLine(n.GetNumberEachTemplate().toString());`,
    );
    expect(out).toBe('false\n51\ntrue\n52 53 52 51\nfalse\n');
  });
});
