// NSListAgent's document template entities and list administration on a sandbox CRM with its demo
// data (SQLite, and PostgreSQL when a test server is set): the demo's DocTmpl rows as
// NSDocumentTemplateEntity, new and changed templates (names kept unique, new ones ranked last),
// a template made from another with copies of its files, extensions and file properties, language
// variants made from and deleted beside the template's own file; moving and sorting user-defined
// list items, deleting a project status with its guide links, moving references from one ticket
// status and tickets from one category to another, categories' fullnames written again, ticket
// categories linked to user groups, the hierarchy's domains; and the clear errors of what cannot be
// done or what the sandbox lacks.
import { it, expect } from 'vitest';
import { describeBackends } from '../../store/backends.js';
import { backendCrm, ok, withPrelude } from './backend-runs.js';

const PRELUDE = `
NSListAgent la;
String[] none;
String t(NSDocumentTemplateEntity e) {
  return e.GetDocumentTemplateId().toString() + " " + e.GetName() + " [" + e.GetFilename() + "] " + e.GetRecordType().toString() + "/" + e.GetDirection().toString() + "/" + e.GetSaveInDb().toString()
    + " q" + e.GetQuoteDocType().toString() + " " + e.GetMimeType() + " '" + e.GetEmailSubject() + "' guides=" + e.GetIsInUseInGuides().toString() + " deleted=" + e.GetDeleted().toString() + " rank=" + e.GetRank().toString();
}
String langs(Integer id) { String s = la.GetDocumentTemplateLanguages(id).length().toString() + ":"; foreach (String l in la.GetDocumentTemplateLanguages(id)) s += " " + l; return s; }
String text(Integer id, String lang) { return String(la.GetDocumentTemplateStreamFromId(id, lang).GetStream()); }
NSStream stream(String s) { NSStream st; st.SetStream(s.toByteArray()); return st; }
String items(Integer def) { String s; foreach (NSListItemEntity i in la.GetAllFromListDefinition(def, true)) s += " " + i.GetName() + ":" + i.GetRank().toString(); return s; }
`;

describeBackends('NSListAgent document template entities', (b) => {
  const sandbox = backendCrm(b);
  const { run, error } = withPrelude(sandbox, PRELUDE);

  it("reads the demo's templates, all or by id, with their columns", () => {
    expect(
      run(`foreach (NSDocumentTemplateEntity e in la.GetAllDocumentTemplates(false)) printLine(t(e));
printLine(t(la.GetDocumentTemplateEntity(99)));
printLine(t(la.CreateDefaultDocumentTemplateEntity()));`),
    ).toBe(
      [
        "1 Quote [quote.docx] 2/2/1 q0 application/vnd.openxmlformats-officedocument.wordprocessingml.document '' guides=true deleted=false rank=1",
        "2 Letter [letter.docx] 2/2/1 q0 application/vnd.openxmlformats-officedocument.wordprocessingml.document '' guides=true deleted=false rank=2",
        "3 E-mail [mail.htm] 3/2/1 q0 text/html '' guides=false deleted=false rank=3",
        "4 Plain letter [letter.txt] 2/2/1 q0 text/plain '' guides=false deleted=false rank=4",
        "5 Quote mail [quote-mail.htm] 3/2/1 q1 text/html 'Our quote {quote.number}' guides=false deleted=false rank=5",
        "6 Quoted products [quoted-products.htm] 2/2/1 q3 text/html '' guides=false deleted=false rank=6",
        "7 Order confirmation [order-confirmation.txt] 2/2/1 q5 text/plain '' guides=false deleted=false rank=7",
        "0  [] 0/0/0 q0  '' guides=false deleted=false rank=0",
        "0  [] 2/2/1 q0  '' guides=false deleted=false rank=0",
        '',
      ].join('\n'),
    );
  });

  it('saves a new template last, changes it, and lists a deleted one only when asked', () => {
    const out = run(`NSDocumentTemplateEntity e = la.CreateDefaultDocumentTemplateEntity();
e.SetName("Invitation"); e.SetFilename("invite.htm"); e.SetRecordType(3); e.SetMimeType("text/html"); e.SetEmailSubject("Welcome, {atfn}"); e.SetIncludeSignature(true); e.SetInvitationDocType(1);
e = la.SaveDocumentTemplateEntity(e);
Integer id = e.GetDocumentTemplateId();
printLine((id > 7).toString() + " " + e.GetRank().toString() + " " + e.GetIncludeSignature().toString() + " " + e.GetInvitationDocType().toString());
e.SetTooltip("Invites a customer"); e.SetDeleted(true);
la.SaveDocumentTemplateEntity(e);
NSDocumentTemplateEntity again = la.GetDocumentTemplateEntity(id);
printLine(again.GetTooltip() + " " + again.GetDeleted().toString() + " " + again.GetEmailSubject());
printLine(la.GetAllDocumentTemplates(false).length().toString() + " " + la.GetAllDocumentTemplates(true).length().toString() + " " + la.GetDocumentTemplate(id).GetName());`);
    expect(out).toBe('true 8 true 1\nInvites a customer true Welcome, {atfn}\n7 8 Invitation\n');
  });

  it('gives extensions and file properties', () => {
    expect(
      run(`printLine(la.GetDocumentTemplateExtension(1) + " " + la.GetDocumentTemplateExtension(3) + " " + la.GetDocumentTemplateExtension(7));
Map m = la.GetDocumentTemplateProperties(4, none);
for (m.first(); !m.eof(); m.next()) printLine(m.getKey() + " = " + m.getVal());
String[] keys; keys.pushBack("file-type"); keys.pushBack("length"); keys.pushBack("nothing");
m = la.GetDocumentTemplateProperties(1, keys);
for (m.first(); !m.eof(); m.next()) printLine(m.getKey() + " = " + m.getVal());`),
    ).toBe('.docx .htm .txt\nfile-name = letter.txt\nfile-type = TXT\nlast-modified = [d 2025-01-06T09:00:00]\nlength = 155\nmime-type = text/plain\npreferred-open = Stream\nfile-type = DOCX\n');
  });

  it('makes a template from another, with copies of its files in every language', () => {
    const out = run(`la.SaveDocumentTemplateStream(4, stream("Hei {atfn}"), "nb-NO", 0);
NSDocumentTemplateEntity e = la.CreateDefaultDocumentTemplateEntity();
e.SetName("Plain letter (copy)");
e = la.SetDocumentTemplateFromDocumentTemplate(4, e);
Integer id = e.GetDocumentTemplateId();
printLine(t(e).subString(e.GetDocumentTemplateId().toString().getLength(), 100));
printLine(langs(id) + " | " + text(id, "nb-NO") + " | " + (text(id, "") == text(4, "")).toString());`);
    expect(out).toBe(" Plain letter (copy) [letter.txt] 2/2/1 q0 text/plain '' guides=false deleted=false rank=8\n1: nb-NO | Hei {atfn} | true\n");
  });

  it("adds a language variant from the template's own file and deletes it", () => {
    const out = run(`la.CreateDefaultDocumentTemplateLanguage(4, "sv-SE");
printLine(langs(4) + " " + (text(4, "sv-SE") == text(4, "")).toString());
la.SaveDocumentTemplateStream(4, stream("Hej {atfn}"), "sv-SE", 0);
printLine(text(4, "sv-SE"));
la.DeleteDocumentTemplateLanguage(4, "sv-SE");
printLine(langs(4) + " " + text(4, "sv-SE").subString(0, 6));`);
    expect(out).toBe('1: sv-SE true\nHej {atfn}\n0: {name}\n');
  });

  it('refuses what cannot be done', () => {
    expect(error('NSDocumentTemplateEntity e = la.CreateDefaultDocumentTemplateEntity(); la.SaveDocumentTemplateEntity(e);')).toBe('NSListAgent.SaveDocumentTemplateEntity: the template name (SetName) is required');
    expect(error('NSDocumentTemplateEntity e = la.GetDocumentTemplateEntity(2); e.SetName("quote"); la.SaveDocumentTemplateEntity(e);')).toBe('NSListAgent.SaveDocumentTemplateEntity: there is already a document template named "Quote" (id 1)');
    expect(error('NSDocumentTemplateEntity e = la.CreateDefaultDocumentTemplateEntity(); e.SetDocumentTemplateId(99); e.SetName("X"); la.SaveDocumentTemplateEntity(e);')).toBe('NSListAgent.SaveDocumentTemplateEntity: there is no document template with id 99');
    expect(error('la.GetDocumentTemplateExtension(99);')).toBe('NSListAgent.GetDocumentTemplateExtension: there is no document template with id 99');
    expect(error('la.GetDocumentTemplateProperties(0, none);')).toBe('NSListAgent.GetDocumentTemplateProperties: there is no document template with id 0');
    expect(error('NSDocumentTemplateEntity e = la.CreateDefaultDocumentTemplateEntity(); e.SetName("Y"); la.SetDocumentTemplateFromDocumentTemplate(99, e);')).toBe('NSListAgent.SetDocumentTemplateFromDocumentTemplate: there is no document template with id 99');
    expect(error('la.CreateDefaultDocumentTemplateLanguage(1, "sv-SE");')).toBe(
      "NSListAgent.CreateDefaultDocumentTemplateLanguage: document template 1 (Quote) has no file in the sandbox's document archive to start the language from (store one with SaveDocumentTemplateStream)",
    );
    expect(error('la.CreateDefaultDocumentTemplateLanguage(4, "");')).toBe(
      "NSListAgent.CreateDefaultDocumentTemplateLanguage: the language code is empty (a template's own file has none; name a language such as en-US)",
    );
    expect(error('la.CreateDefaultDocumentTemplateLanguage(4, "sv-SE"); la.CreateDefaultDocumentTemplateLanguage(4, "SV-se");')).toBe('NSListAgent.CreateDefaultDocumentTemplateLanguage: document template 4 already has a file in language SV-se');
    expect(error('la.DeleteDocumentTemplateLanguage(4, "de-DE");')).toBe('NSListAgent.DeleteDocumentTemplateLanguage: document template 4 has no file in language de-DE');
    expect(error('la.GetDocumentTemplateUrl(4, false, "");')).toBe(
      "NSListAgent.GetDocumentTemplateUrl: the sandbox's document archive is a table, not a web folder: it has no URLs for template files (read one with GetDocumentTemplateStreamFromId)",
    );
  });
});

describeBackends('NSListAgent list administration', (b) => {
  const sandbox = backendCrm(b);
  const { run, error } = withPrelude(sandbox, PRELUDE);

  it('moves an item of a user-defined list up and down among its shown items', () => {
    expect(
      run(`printLine(items(1));
la.MoveListItem(1, 3, -1); printLine(items(1));
la.MoveListItem(1, 1, -1); printLine(items(1));
la.MoveListItem(1, 1, 5); printLine(items(1));
la.MoveListItem(1, 2, 1); printLine(items(1));`),
    ).toBe(' Gold:1 Silver:2 Bronze:3 Platinum:4\n Gold:1 Bronze:2 Silver:3 Platinum:4\n Gold:1 Bronze:2 Silver:3 Platinum:4\n Bronze:1 Gold:2 Silver:3 Platinum:4\n Bronze:1 Gold:2 Silver:3 Platinum:4\n');
  });

  it("sorts a user-defined list's items by name in a culture's alphabetical order", () => {
    expect(
      run(`NSListItemEntity e = la.CreateDefaultListItemEntity(); e.SetName("Ærlig"); la.AddFromListDefinition(1, e);
la.SortListItems(1, "nb-NO"); printLine(items(1));
la.SortListItems(1, "en-US"); printLine(items(1));
printLine(items(2));`),
    ).toBe(' Bronze:1 Gold:2 Platinum:3 Silver:4 Ærlig:5\n Ærlig:1 Bronze:2 Gold:3 Platinum:4 Silver:5\n Tablet 10":1 Tablet 12":2 Bike computer:3 Wall mount:4\n');
  });

  it('links ticket categories to user groups and gives the categories of groups', () => {
    expect(
      run(`String c(NSMDOListItem[] l) { String s = l.length().toString() + ":"; foreach (NSMDOListItem i in l) s += " " + i.GetId().toString() + "=" + i.GetFullName(); return s; }
Integer[] g; g.pushBack(2); g.pushBack(1);
printLine(c(la.GetTicketCategoriesForUserGroups(g)));
Integer[] support; support.pushBack(3); support.pushBack(1); support.pushBack(2); support.pushBack(3);
la.SetTicketCategoriesForUserGroup(2, support);
Integer[] sales; sales.pushBack(4); sales.pushBack(1);
la.SetTicketCategoriesForUserGroup(1, sales);
printLine(c(la.GetTicketCategoriesForUserGroups(g)));
Integer[] one; one.pushBack(1);
printLine(c(la.GetTicketCategoriesForUserGroups(one)));
Integer[] no;
la.SetTicketCategoriesForUserGroup(2, no);
printLine(c(la.GetTicketCategoriesForUserGroups(g)) + " | " + c(la.GetTicketCategoriesForUserGroups(no)));`),
    ).toBe('0:\n4: 4=Sales 1=Support 2=Support/Hardware 3=Support/Software\n2: 4=Sales 1=Support\n2: 4=Sales 1=Support | 0:\n');
  });

  it('deletes a project status with its project types\' links and their suggestions', () => {
    const r = sandbox(`${PRELUDE}
la.DeleteProjectStatus(1);
printLine(la.GetProjectStatus(1).GetId().toString() + " " + la.GetProjectStatuses().length().toString());
foreach (NSSelectableMDOListItem s in la.GetProjectTypeEntity(1).GetStages()) printLine(s.GetId().toString() + " " + s.GetName());`);
    expect(ok(r)).toBe('0 3\n2 In progress\n3 Completed\n');
    const deleted = (table: string): number => r.changes.filter((c) => c.table.toLowerCase() === table.toLowerCase() && c.kind === 'delete').length;
    expect([deleted('ProjStatus'), deleted('ProjectTypeStatusLink'), deleted('SuggestedAppointment'), deleted('SuggestedDocument')]).toEqual([1, 3, 2, 1]);
  });

  it('moves every reference from one ticket status to another, and every ticket from one category to another', () => {
    const r = sandbox(`${PRELUDE}
SearchEngine se; se.addField("ticket.id"); se.addField("ticket.ticket_status"); se.addField("ticket.status"); se.addField("ticket.category"); se.addCriteria("ticket.id", "lte", "5"); se.addOrder("ticket.id", true);
la.GlobalChangeTicketStatus(1, 3);
la.GlobalChangeTicketStatus(2, 5);
la.GlobalChangeTicketStatus(4, 4);
la.MoveAllTickets(3, 1);
for (se.execute(); !se.eof(); se.next()) printLine(se.getField(0) + " " + se.getField(1) + " " + se.getField(2) + " " + se.getField(3));
printLine(la.GetTicketCategoryEntity(1).GetClosingStatus().toString() + " " + la.GetTicketStatusEntity(2).GetName());`);
    expect(ok(r)).toBe('1 3 3 2\n2 5 1 5\n3 3 3 1\n4 3 3 4\n5 5 1 1\n5 Closed\n');
  });

  it("writes the categories' fullnames again from their parents' names", () => {
    expect(
      run(`NSTicketCategoryEntity c = la.GetTicketCategoryEntity(1); c.SetName("Help"); la.SaveTicketCategoryEntity(c);
NSTicketCategoryEntity d = la.GetTicketCategoryEntity(5); d.SetParentId(4); la.SaveTicketCategoryEntity(d);
la.RebuildFullnames();
for (Integer id = 1; id <= 5; id++) printLine(la.GetTicketCategoryEntity(id).GetFullname());`),
    ).toBe('Help\nHelp/Hardware\nHelp/Software\nSales\nSales/Billing\n');
  });

  it("gives the hierarchy's domains and a domain's folders, as trees or all of them", () => {
    expect(
      run(`Integer[] d = la.GetAllDomains(); String s; foreach (Integer x in d) s += " " + x.toString(); printLine(s);
la.AddHierarchyToPath(3, "", "A"); la.AddHierarchyToPath(3, "A", "B"); la.AddHierarchyToPath(3, "", "C"); la.AddHierarchyToPath(4, "", "D");
foreach (NSHierarchyEntity h in la.GetAllInDomain(3, true)) printLine(h.GetFullname() + " " + h.GetChildren().length().toString());
foreach (NSHierarchyEntity h in la.GetAllInDomain(3, false)) printLine(h.GetFullname() + " " + h.GetChildren().length().toString());
printLine(la.GetAllInDomain(7, true).length().toString());`),
    ).toBe(' 1 2 3 4 5 6 7 8\nA 1\nC 0\nA 0\nA/B 0\nC 0\n0\n');
  });

  it('refuses what cannot be done and says what the sandbox lacks', () => {
    expect(error('la.MoveListItem(9, 1, 1);')).toBe('NSListAgent.MoveListItem: there is no user-defined list with id 9 (UDListDefinition)');
    expect(error('la.MoveListItem(1, 5, 1);')).toBe('NSListAgent.MoveListItem: the list item 5 is not in the list "Customer tier"');
    expect(error('la.MoveListItem(1, 4, -1);')).toBe('NSListAgent.MoveListItem: the list item 4 is deleted from the list "Customer tier"');
    expect(error('la.MoveListItem(1, 1, 0);')).toBe('NSListAgent.MoveListItem: the direction is 0 (give a negative number to move the item up, a positive one to move it down)');
    expect(error('la.DeleteProjectStatus(9);')).toBe('NSListAgent.DeleteProjectStatus: there is no project status with id 9');
    expect(error('la.GlobalChangeTicketStatus(1, 9);')).toBe('NSListAgent.GlobalChangeTicketStatus: there is no ticket status with id 9');
    expect(error('la.MoveAllTickets(0, 1);')).toBe('NSListAgent.MoveAllTickets: there is no ticket category with id 0');
    expect(error('la.SortListItems(7, "en-US");')).toBe('NSListAgent.SortListItems: there is no user-defined list with id 7 (UDListDefinition)');
    expect(error('la.SortListItems(1, "not a culture!");')).toBe('NSListAgent.SortListItems: "not a culture!" is not a culture name (such as en-US or nb-NO)');
    expect(error('Integer[] c; c.pushBack(1); la.SetTicketCategoriesForUserGroup(9, c);')).toBe('NSListAgent.SetTicketCategoriesForUserGroup: there is no user group with id 9');
    expect(error('Integer[] c; c.pushBack(1); c.pushBack(77); la.SetTicketCategoriesForUserGroup(1, c);')).toBe('NSListAgent.SetTicketCategoriesForUserGroup: there is no ticket category with id 77');
    expect(error('la.GetPluginList();')).toMatch(/^NSListAgent\.GetPluginList is not available/);
  });
});

