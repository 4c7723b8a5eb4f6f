// NSDocumentAgent's document lists by template heading, over SuperOffice's DocTmplHeadingLink on a
// sandbox CRM with its demo data (SQLite, and PostgreSQL when a test server is set): the demo files
// its templates under "Sales documents" (heading 3: Quote, Quote mail, Quoted products, Order
// confirmation) and "Correspondence" (heading 4: Letter, E-mail, Plain letter: the demo's letter to
// Nordic Bikes is a Plain letter); a document counts
// under a heading when its template is filed there (NSListAgent's heading methods of the doctmpl
// list file them). And a sandbox made by an older build gaining
// the schema step's tables (DocTmplHeadingLink, document_key, ResourceOverride).
import { it, expect } from 'vitest';
import { describeBackends } from '../../store/backends.js';
import { backendSandbox, ok, olderSandboxSuites } from './backend-runs.js';
import { DOC_HEADING_TABLES } from '../../../src/crm/doc-heading-migration.js';

const PRELUDE = `
NSDocumentAgent agent;
NSPersonAgent pa;
// a document made from a template, for a person (and the person's company), dated
Integer doc(String header, Integer template, Integer person, String date) {
  NSListAgent la; NSContactAgent ca;
  NSPerson p = pa.GetPerson(person);
  NSDocumentEntity d = agent.CreateDefaultDocumentEntity();
  d.SetDocumentTemplate(la.GetDocumentTemplate(template));
  d.SetPerson(p); d.SetContact(ca.GetContact(p.GetContactId()));
  d.SetHeader(header); d.SetName(header + ".txt"); d.SetDate(String(date).toDateTime());
  return agent.SaveDocumentEntity(d).GetDocumentId();
}
String show(NSDocument[] docs) {
  String s = docs.length().toString() + ":";
  for (Integer i = 0; i < docs.length(); i++) s.append(" [" + docs[i].GetHeader() + "]");
  return s;
}
`;

// a letter and an order of Ingrid Lie (person 9), a mail to Kari (person 5)
const THREE = `
doc("Letter to Ingrid", 2, 9, "2025-01-10 09:00:00");
doc("Order for Ingrid", 7, 9, "2025-01-20 09:00:00");
doc("Mail to Kari", 3, 5, "2025-02-01 09:00:00");
`;

describeBackends('NSDocumentAgent lists by template heading', (b) => {
  const sandbox = backendSandbox(b, PRELUDE);

  it("lists the documents made from the templates a heading groups, and none for a heading that groups none", () => {
    const out = ok(
      sandbox(`${THREE}
printLine(show(agent.GetDocumentsByTemplateHeading(3)));
printLine(show(agent.GetDocumentsByTemplateHeading(4)));
printLine(show(agent.GetDocumentsByTemplateHeading(1)));
printLine(show(agent.GetDocumentsByTemplateHeading(99)));`),
    );
    expect(out).toBe('2: [Order for Ingrid] [Quote: guest-room tablets]\n3: [Letter to Ingrid] [Mail to Kari] [Letter: what we agreed on]\n0:\n0:\n');
  });

  it("lists a contact's, person's, project's and project member's documents under a heading, by date, at most count", () => {
    const out = ok(
      sandbox(`${THREE}
Integer c = pa.GetPerson(9).GetContactId();
printLine(show(agent.GetContactDocumentsByTemplateHeading(c, 10, 3)));
printLine(show(agent.GetContactDocumentsByTemplateHeading(c, 1, 3)));
printLine(show(agent.GetContactDocumentsByTemplateHeading(c, String("2025-01-15 00:00:00").toDateTime(), String("2025-12-31 00:00:00").toDateTime(), 10, 4)));
printLine(show(agent.GetPersonDocumentsByTemplateHeading(9, false, 10, 4)));
printLine(show(agent.GetPersonDocumentsByTemplateHeading(5, false, 10, 4)));
printLine(show(agent.GetProjectDocumentsByTemplateHeading(1, 10, 3)));
printLine(show(agent.GetProjectMemberDocumentsByTemplateHeading(9, 10, 3)));`),
    );
    expect(out).toBe(
      [
        '2: [Order for Ingrid] [Quote: guest-room tablets]',
        '1: [Order for Ingrid]',
        '0:',
        '1: [Letter to Ingrid]',
        '2: [Mail to Kari] [Letter: what we agreed on]',
        '0:',
        '0:',
        '',
      ].join('\n'),
    );
  });

  it('drops the links of a document template that is deleted', () => {
    let links = -1;
    const out = ok(
      sandbox('NSListAgent la;\nla.DeleteFromListName(3, "doctmpl");\nprintLine(la.GetListItemsForHeadingFromListName("doctmpl", 4).length().toString());', {
        check: (crm) => void (links = crm.select('DocTmplHeadingLink', { where: [{ column: 'doctmpl_id', op: '=', value: 3 }] }).length),
      }),
    );
    expect(out).toBe('6\n');
    expect(links).toBe(0);
  });

  it('follows the links when a template is filed under another heading', () => {
    const out = ok(
      sandbox(`doc("Letter to Ingrid", 2, 9, "2025-01-10 09:00:00");
printLine(show(agent.GetDocumentsByTemplateHeading(3)));`, {
        seed: (crm) => void crm.insert('DocTmplHeadingLink', { doctmpl_id: 2, heading_id: 3 }),
      }),
    );
    expect(out).toBe('2: [Letter to Ingrid] [Quote: guest-room tablets]\n');
  });

  it("files templates under headings with NSListAgent's heading methods of the doctmpl list, which the lists by heading follow", () => {
    const out = ok(
      sandbox(`NSListAgent la;
String sel(NSSelectableMDOListItem[] list) { String s; foreach (NSSelectableMDOListItem i in list) { s += " " + i.GetId().toString(); if (i.GetSelected()) s += "*"; } return s; }
foreach (NSHeadingEntity h in la.GetHeadingsFromName("doctmpl")) printLine(h.GetHeadingId().toString() + " " + h.GetName());
printLine(sel(la.GetHeadingsForListItemFromListName("doctmpl", 2, false)));
printLine(sel(la.GetListItemsForHeadingFromListName("doctmpl", 3)));
doc("Letter to Ingrid", 2, 9, "2025-01-10 09:00:00");
NSSelectableMDOListItem[] hs = la.GetHeadingsForListItemFromListName("doctmpl", 2, false);
hs[0].SetSelected(true);
hs[1].SetSelected(false);
printLine(sel(la.SaveHeadingsForListItemFromListName("doctmpl", 2, hs)));
printLine(show(agent.GetDocumentsByTemplateHeading(3)));
Integer[] items; items.pushBack(4);
la.SetListItemsForHeadingFromListName("doctmpl", 4, items, false);
printLine(show(agent.GetDocumentsByTemplateHeading(4)));`),
    );
    expect(out).toBe(
      [
        '3 Sales documents',
        '4 Correspondence',
        ' 3 4*',
        ' 1* 2 3 4 5* 6* 7*',
        ' 3* 4',
        '2: [Letter to Ingrid] [Quote: guest-room tablets]',
        '0:',
        '',
      ].join('\n'),
    );
  });
});

olderSandboxSuites({
  what: 'the DocTmplHeadingLink, document_key and ResourceOverride tables',
  prefix: 'crm-dochead-',
  tables: DOC_HEADING_TABLES,
  sqliteVersion: 25,
  pgVersion: 24,
  smoke: `${PRELUDE}
printLine(show(agent.GetDocumentsByTemplateHeading(3)));
SearchEngine se; se.addField("ResourceOverride.ResourceName"); se.addField("ResourceOverride.Culture"); se.execute();
for (se.first(); !se.eof(); se.next()) printLine(se.getField(0) + " " + se.getField(1));
SearchEngine k; k.addField("document_key.auth_key"); k.execute(); printLine(k.eof().toString());`,
  demo: '1: [Quote: guest-room tablets]\nSR_CONTACT EN-US\nSR_CONTACT NB-NO\ntrue\n',
  empty: '0:\ntrue\n',
});
