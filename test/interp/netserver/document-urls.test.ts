// NSDocumentAgent's URLs and previews of documents on a sandbox CRM with its demo data (SQLite, and
// PostgreSQL when a test server is set): GetDocumentUrl's URL at the installation's address (a key
// made on first use and kept in document_key, the same key after; a version when asked), what it
// refuses (writeable URLs, no such document or version, no content); the previews' name, size,
// type and bytes (HTML sanitized by GetPreviewDocumentStream, not by the unsanitized one); and
// CreateDefaultDocumentPreview. The daemon serving the URLs: test/daemon/document-urls.test.ts.
// The demo has document 2 (welcome-nordic-bikes.txt, one version) and document 1 (no content).
import { it, expect } from 'vitest';
import { describeBackends } from '../../store/backends.js';
import { backendSandbox, ok } from './backend-runs.js';

const PRELUDE = `
NSDocumentAgent agent;
NSStream stream(String s) { NSStream st; st.SetStream(s.toByteArray()); return st; }
Integer newDocument(String name) {
  NSDocumentEntity d = agent.CreateDefaultDocumentEntity();
  d.SetHeader(name);
  d.SetName(name);
  return agent.SaveDocumentEntity(d).GetDocumentId();
}
String shown(NSDocumentPreview p) { return p.GetName() + " " + p.GetSize().toString() + " " + p.GetType() + " [" + String(p.GetStream()) + "]"; }
`;
const BASE = 'https://crm.example/Cust1/CS';

describeBackends('NSDocumentAgent URLs and previews', (b) => {
  const sandbox = backendSandbox(b, PRELUDE);

  it("makes a document's URL at the installation's address with a key kept for the document (and a version when asked)", () => {
    let keys: string[] = [];
    const out = ok(
      sandbox(
        `printLine(agent.GetDocumentUrl(2, "", false));
printLine(agent.GetDocumentUrl(2, "1", false));
agent.SetDocumentStreamFromId(2, stream("second"));
printLine(agent.GetDocumentUrl(2, "2", false));`,
        { cgiUrl: BASE, check: (crm) => void (keys = crm.select('document_key', { where: [{ column: 'document_id', op: '=', value: 2 }] }).map((r) => String(r.auth_key))) },
      ),
    );
    expect(keys).toHaveLength(1);
    const key = keys[0]!;
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    const url = `${BASE}/scripts/ticket.fcgi?action=getDocument&id=2&key=${key}`;
    expect(out).toBe(`${url}\n${url}&version=1\n${url}&version=2\n`);
  });

  it('gives a path on the daemon when no installation address is known', () => {
    expect(ok(sandbox('printLine(agent.GetDocumentUrl(2, "", false));'))).toMatch(/^\/scripts\/ticket\.fcgi\?action=getDocument&id=2&key=[0-9a-f]{32}\n$/);
  });

  it('refuses writeable URLs, documents that do not exist or have no content, and versions they do not have', () => {
    const error = (source: string): string | null => sandbox(source).error;
    expect(error('agent.GetDocumentUrl(2, "", true);')).toBe('NSDocumentAgent.GetDocumentUrl: the sandbox serves documents read-only (store new content with SetDocumentStream or CheckinDocument)');
    expect(error('agent.GetDocumentUrl(99, "", false);')).toBe('NSDocumentAgent.GetDocumentUrl: there is no document with id 99');
    expect(error('agent.GetDocumentUrl(1, "", false);')).toBe("NSDocumentAgent.GetDocumentUrl: document 1 has no content in the sandbox's document archive (store it with SetDocumentStream)");
    expect(error('agent.GetDocumentUrl(2, "7", false);')).toBe('NSDocumentAgent.GetDocumentUrl: document 2 has no version "7" (its versions: 1)');
  });

  it("previews the content the user reads, with its name, size and type; HTML sanitized unless asked unsanitized", () => {
    const out = ok(
      sandbox(`Integer id = newDocument("note.htm");
agent.SetDocumentStreamFromId(id, stream("<p onclick=\\"x()\\">Hi</p><script>alert(1)</script>"));
printLine(shown(agent.GetPreviewDocumentStream(id)));
printLine(shown(agent.GetUnsanitizedPreviewDocumentStream(id)));
Integer t = newDocument("plain.txt");
agent.SetDocumentStreamFromId(t, stream("a <b>"));
printLine(shown(agent.GetPreviewDocumentStream(t)));
printLine(shown(agent.CreateDefaultDocumentPreview()));`),
    );
    const [sanitized, raw, plain, empty] = out.split('\n');
    expect(sanitized).toMatch(/^note\.htm \d+ text\/html \[<p>Hi<\/p>\]$/);
    expect(raw).toBe('note.htm 48 text/html [<p onclick="x()">Hi</p><script>alert(1)</script>]');
    expect(plain).toBe('plain.txt 5 text/plain [a <b>]');
    expect(empty).toBe(' 0  []');
  });

  it('refuses a preview of a document without content', () => {
    expect(sandbox('agent.GetPreviewDocumentStream(1);').error).toBe(
      "NSDocumentAgent.GetPreviewDocumentStream: document 1 has no content in the sandbox's document archive (store it with SetDocumentStream or CreateNewPhysicalDocumentFromTemplate)",
    );
  });
});
