// NSDocumentAgent's lists by person and project membership, validation and the methods that say
// what the sandbox lacks (the files: document-files.test.ts; by template heading: document-headings.test.ts): CRMScript programs on a sandbox CRM
// with its demo data (SQLite in a temporary directory; every run rolls back).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { agentClass } from '../../../src/interp/stdlib/netserver/agents/index.js';
import { sandboxCrm } from './sandbox-run.js';

const sandbox = sandboxCrm('crms-nsdocument-');

/** Runs a program and reports its output and error. */
function run(source: string): { out: string; error: string | null } {
  const r = sandbox(source);
  return { out: r.out, error: r.error };
}

// documents of person 9 (a member of project 1 in the demo data), of project 1 with person 3, and of person 5
const DOCUMENTS = `
NSDocumentAgent agent;
NSPersonAgent pa;
NSProjectAgent pr;
NSContactAgent ca;
Integer doc(String header, Integer person, Integer project, String date) {
  NSDocumentEntity d = agent.CreateDefaultDocumentEntity();
  d.SetHeader(header);
  d.SetName(header + ".docx");
  d.SetPerson(pa.GetPerson(person));
  d.SetContact(ca.GetContact(pa.GetPerson(person).GetContactId()));
  if (project > 0) d.SetProject(pr.GetProject(project));
  d.SetDate(String(date).toDateTime());
  return agent.SaveDocumentEntity(d).GetDocumentId();
}
Void show(NSDocument[] docs) {
  String s;
  for (Integer i = 0; i < docs.length(); i++) s.append("[" + docs[i].GetHeader() + "]");
  printLine(s);
}
doc("own", 9, 0, "2025-01-10 09:00:00");
doc("project", 3, 1, "2025-01-05 09:00:00");
doc("other", 5, 0, "2025-01-07 09:00:00");
doc("own later", 9, 0, "2025-02-01 09:00:00");
`;

describe('NSDocumentAgent beyond the entity cycle', () => {
  it('lists a person\'s documents by date, with those of the person\'s projects when asked, and project members\' documents', () => {
    const r = run(`${DOCUMENTS}
show(agent.GetPersonDocumentsByDate(9, false, 0));
show(agent.GetPersonDocumentsByDate(9, true, -1));
show(agent.GetPersonDocumentsByDate(9, true, 2));
DateTime from = String("2025-01-06 00:00:00").toDateTime();
DateTime to = String("2025-01-31 00:00:00").toDateTime();
show(agent.GetPersonDocumentsByDate(9, true, from, to, 10));
show(agent.GetProjectMemberDocuments(9, 0));
show(agent.GetProjectMemberDocuments(3, from, to, 0));
show(agent.GetProjectMemberDocuments(5, 0));
show(agent.GetProjectDocuments(1, String("2025-01-01 00:00:00").toDateTime(), to, 5));
Integer c = pa.GetPerson(9).GetContactId();
printLine(agent.GetContactDocuments(c, 0).length().toString() + " " + agent.GetContactDocuments(c, 1).length().toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      // the demo data's document (person 9, 2025-03-05) comes last
      '[own][own later][Quote: guest-room tablets]\n' +
        '[project][own][own later][Quote: guest-room tablets]\n' +
        '[project][own]\n' +
        '[own]\n' +
        '[project]\n' +
        '\n' +
        '\n' +
        '[project]\n' +
        '3 1\n',
    );
  });

  it('validates a document as a save would', () => {
    const r = run(`
NSDocumentAgent agent;
NSDocumentEntity d = agent.CreateDefaultDocumentEntity();
Map m = agent.ValidateDocumentEntity(d);
printLine(m.size().toString() + " " + m.get("Header") + " / " + m.get("Name"));
d.SetHeader("Offer");
d.SetName("offer.docx");
printLine(agent.ValidateDocumentEntity(d).size().toString());
d.SetName("");
printLine(agent.ValidateDocumentEntity(d).size().toString() + " " + agent.ValidateDocumentEntity(d).exists("Header").toString());
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe('2 the document heading (SetHeader) is required / the file name (SetName) is required\n0\n1 false\n');
  });

  it('says which table the sandbox lacks for publishing', () => {
    const r = run(`
NSDocumentAgent agent;
try { agent.GetPublishedDocument(1); } catch { printLine(error); }
`);
    expect(r.error).toBeNull();
    expect(r.out).toBe(
      'NSDocumentAgent.GetPublishedDocument: the sandbox CRM has no Publish table (which documents are published, and when)\n',
    );
  });
});

describe('the document agent\'s method keys', () => {
  it('are all methods of the catalog (a typo would make a method unreachable)', () => {
    const catalog: unknown = JSON.parse(readFileSync(new URL('../../../src/interp/catalog.json', import.meta.url), 'utf8'));
    const classes = (catalog as { classes: Record<string, { members: [string, string, string, string[]][] }> }).classes;
    for (const name of ['NSDocumentAgent']) {
      const known = new Set(classes[name].members.filter((m) => m[0] === 'M').map((m) => `${m[1]}(${m[3].join(',')})`));
      const keys = Object.keys(agentClass(name, { name, methods: {} }, []).methods ?? {});
      expect(keys.filter((k) => !known.has(k))).toEqual([]);
      expect(keys.length).toBeGreaterThan(20);
    }
  });
});
