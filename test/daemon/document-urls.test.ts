// Documents served by key: the real `crmscript-tui daemon` process (dist/) on a loopback port,
// called over real HTTP at the URLs NSDocumentAgent.GetDocumentUrl makes (a stored web script
// makes a document with two versions and prints its URLs), without the daemon token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { createScript } from '../../src/store/repos.js';
import { cleanupTempDirs, tempDir } from './helpers.js';
import { killStartedDaemons, startDaemon } from './process.js';
import { requireBuiltCli } from '../common.js';

requireBuiltCli();

const MAKE = `NSDocumentAgent agent;
NSStream stream(String s) { NSStream st; st.SetStream(s.toByteArray()); return st; }
NSDocumentEntity d = agent.CreateDefaultDocumentEntity();
d.SetHeader("Report");
d.SetName("report ø.txt");
Integer id = agent.SaveDocumentEntity(d).GetDocumentId();
agent.SetDocumentStreamFromId(id, stream("first"));
agent.SetDocumentStreamFromId(id, stream("second"));
printLine(agent.GetDocumentUrl(id, "", false));
printLine(agent.GetDocumentUrl(id, "1", false));`;

const DELETE = 'NSDocumentAgent agent;\nagent.DeleteDocumentEntity(getCgiVariable("id").toInteger());\nprintLine("deleted");';

let port = 0;

beforeAll(async () => {
  const dataDir = tempDir('crms-docurl-');
  const store = await Store.open(dataDir, { seed: false });
  await store.update((d) => {
    createScript(d, { name: 'Document links', includeId: 'doclinks', key: 'dk', source: MAKE });
    createScript(d, { name: 'Delete document', includeId: 'docdelete', key: 'dd', source: DELETE });
  });
  store.close();
  port = (await startDaemon(dataDir)).port;
}, 40_000);

afterAll(async () => {
  await killStartedDaemons();
  cleanupTempDirs();
});

const script = (query: string): string => `http://127.0.0.1:${port}/scripts/customer.fcgi?action=safeParse&${query}`;

describe('GET /scripts/ticket.fcgi?action=getDocument', () => {
  it("serves a document's newest version at the URL GetDocumentUrl makes, and the version it names", async () => {
    const [newest, first] = (await (await fetch(script('includeId=doclinks&key=dk'))).text()).trim().split('\n');
    expect(newest).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/scripts/ticket\\.fcgi\\?action=getDocument&id=\\d+&key=[0-9a-f]{32}$`));
    expect(first).toBe(`${newest}&version=1`);
    const shown = await fetch(newest!);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('text/plain');
    expect(shown.headers.get('content-disposition')).toBe(`inline; filename="report _.txt"; filename*=UTF-8''report%20%C3%B8.txt`);
    expect(shown.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await shown.arrayBuffer()).toString('utf8')).toBe('second');
    expect(await (await fetch(first!)).text()).toBe('first');
    const saved = await fetch(`${newest}&download=1`);
    expect(saved.headers.get('content-disposition')).toMatch(/^attachment; filename="report _\.txt"/);
    // the same document at customer.fcgi, as attachments are served at both
    expect(await (await fetch(newest!.replace('ticket.fcgi', 'customer.fcgi'))).text()).toBe('second');
  });

  it('answers alike (404) for a wrong key, no key, no such document or version; GET only', async () => {
    const [newest] = (await (await fetch(script('includeId=doclinks&key=dk'))).text()).trim().split('\n');
    const url = newest!;
    for (const bad of [url.replace(/key=[0-9a-f]+/, 'key=0000'), url.replace(/&key=[0-9a-f]+/, ''), url.replace(/id=\d+/, 'id=999999'), `${url}&version=9`, `${url}&version=abc`, url.replace(/id=\d+/, 'id=-1')]) {
      const r = await fetch(bad);
      expect(r.status, bad).toBe(404);
      expect(await r.text()).toBe('No document is served with that id and key.\n');
    }
    expect((await fetch(url, { method: 'POST' })).status).toBe(405);
  });

  it('stops serving a document once it is deleted', async () => {
    const [url] = (await (await fetch(script('includeId=doclinks&key=dk'))).text()).trim().split('\n');
    expect((await fetch(url!)).status).toBe(200);
    const id = /id=(\d+)/.exec(url!)![1];
    expect(await (await fetch(script(`includeId=docdelete&key=dd&id=${id}`))).text()).toBe('deleted\n');
    expect((await fetch(url!)).status).toBe(404);
  });
});
