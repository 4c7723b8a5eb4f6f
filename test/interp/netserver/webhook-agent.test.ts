// NSWebhookAgent over the sandbox CRM (SQLite, and PostgreSQL when CRMSCRIPT_TUI_TEST_PG is set):
// webhooks kept in SuperOffice's webhook table (create, read, filter, change, delete, what a save
// refuses), and TestWebhook / SignalEvent posting to a real HTTP server on this machine when
// outgoing HTTP is on — the JSON payload, the SuperOffice headers and signature, the hook's own
// headers and properties, the last error of a failed call — and failing clearly when it is off.
// Every run rolls back.
import { afterAll, beforeAll, expect, it } from 'vitest';
import http from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { compileScript } from '../../../src/interp/compile-script.js';
import { runIsolated } from '../../../src/interp/isolation/isolate.js';
import { runCrmConfig } from '../../../src/crm/run-config.js';
import { describeBackends } from '../../crm/helpers.js';
import { cleanupTempDirs } from '../../common.js';

afterAll(cleanupTempDirs);

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const received: Received[] = [];
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (req.url === '/fail') {
        res.writeHead(500);
        res.end('broken');
      } else {
        res.writeHead(200);
        res.end('thanks');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** A hook saved by the script: name, URL path, events, state, secret. */
const hook = (v: string, name: string, path: string, events: string[], state = 1, secret = ''): string =>
  `NSWebhook ${v} = a.CreateDefaultWebhook();
${v}.SetName("${name}");
${v}.SetTargetUrl("BASE${path}");
String[] ${v}Events;
${events.map((e) => `${v}Events.pushBack("${e}");`).join('\n')}
${v}.SetEvents(${v}Events);
${v}.SetState(${state});
${v}.SetSecret("${secret}");
${v} = a.SaveWebhook(${v});`;

describeBackends('NSWebhookAgent', (b) => {
  let place: { dir: string; url?: string };
  beforeAll(async () => {
    place = await b.fresh();
  });

  async function run(source: string, httpOn = true): Promise<{ output: string; error: string | null }> {
    const c = compileScript({ source: `NSWebhookAgent a;\n${source}`.replaceAll('BASE', base), file: 'hook.crm' });
    if (!c.compiled) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
    const r = await runIsolated(c.compiled, { features: { http: httpOn }, timeoutMs: 30_000, crm: runCrmConfig(place.dir, { rollback: true }, place.url) }).result;
    return { output: r.output, error: r.error?.message ?? null };
  }

  it('creates, reads, filters, changes and deletes webhooks', async () => {
    const r = await run(
      `NSWebhook d = a.CreateDefaultWebhook();
printLine(d.GetWebhookId().toString() + " " + d.GetType() + " " + d.GetState().toString() + " " + d.GetEvents().length().toString());
${hook('h', 'Contacts', '/ok', ['contact.created', 'contact.changed'])}
Map headers;
headers.insert("X-Key", "abc");
h.SetHeaders(headers);
Map props;
props.insert("tenant", "t1");
h.SetProperties(props);
h = a.SaveWebhook(h);
${hook('s', 'Sales hook', '/ok', ['sale.created'], 2)}
NSWebhook g = a.GetWebhook(h.GetWebhookId());
printLine(g.GetName() + "|" + g.GetTargetUrl().after("127.0.0.1:").after("/") + "|" + g.GetEvents()[0] + "," + g.GetEvents()[1] + "|" + g.GetHeaders().get("X-Key") + "|" + g.GetProperties().get("tenant") + "|" + (g.GetRegisteredAssociate().GetAssociateId() > 0).toString() + "|" + g.GetRegistered().isNull().toString());
printLine(a.GetAllWebhooks("", "", 0).length().toString() + " " + a.GetAllWebhooks("sales", "", 0)[0].GetName() + " " + a.GetAllWebhooks("", "contact.changed", 0)[0].GetName() + " " + a.GetAllWebhooks("", "", 2)[0].GetName() + " " + a.GetAllWebhooks("", "person.created", 0).length().toString());
g.SetState(2);
g.SetName("Contacts (off)");
printLine(a.SaveWebhook(g).GetName() + " " + a.GetWebhook(h.GetWebhookId()).GetState().toString() + " " + a.GetWebhook(h.GetWebhookId()).GetUpdated().isNull().toString());
printLine("[" + a.GetLastError(h.GetWebhookId()) + "]");
a.DeleteWebhook(h.GetWebhookId());
printLine(a.GetWebhook(h.GetWebhookId()).GetWebhookId().toString() + " " + a.GetAllWebhooks("", "", 0).length().toString());`,
      false,
    );
    expect(r.error).toBeNull();
    expect(r.output).toBe('0 webhook 1 0\nContacts|ok|contact.created,contact.changed|abc|t1|true|false\n2 Sales hook Contacts Sales hook 0\nContacts (off) 2 false\n[]\n0 1\n');
  });

  it('refuses a webhook without a name, target or events, of an unknown type, or with a target that is no http URL', async () => {
    const save = (set: string) => run(`NSWebhook h = a.CreateDefaultWebhook();\n${set}\na.SaveWebhook(h);`, false);
    const events = 'String[] e; e.pushBack("contact.created"); h.SetEvents(e);';
    expect((await save('h.SetTargetUrl("BASE/ok");')).error).toBe('NSWebhookAgent.SaveWebhook: the webhook name (SetName) is required');
    expect((await save('h.SetName("x");')).error).toBe('NSWebhookAgent.SaveWebhook: the target URL (SetTargetUrl) is required');
    expect((await save('h.SetName("x"); h.SetTargetUrl("BASE/ok");')).error).toBe('NSWebhookAgent.SaveWebhook: the webhook listens for no events (SetEvents)');
    expect((await save(`h.SetName("x"); h.SetTargetUrl("ftp://example.com/x"); ${events}`)).error).toBe('NSWebhookAgent.SaveWebhook: the target URL "ftp://example.com/x" is no http or https URL');
    expect((await save(`h.SetName("x"); h.SetTargetUrl("BASE/ok"); h.SetType("zapier"); ${events}`)).error).toBe('NSWebhookAgent.SaveWebhook: the type "zapier" is none of webhook, crmscript');
    expect((await run('a.GetLastError(424242);', false)).error).toBe('NSWebhookAgent.GetLastError: there is no webhook with id 424242');
  });

  it('TestWebhook posts a signed "test" event with the hook\'s headers and says what the target answered', async () => {
    received.length = 0;
    const r = await run(`NSWebhook h = a.CreateDefaultWebhook();
h.SetName("Probe");
h.SetTargetUrl("BASE/ok");
h.SetSecret("s3cret");
Map headers;
headers.insert("X-Key", "abc");
h.SetHeaders(headers);
NSWebhookResult ok = a.TestWebhook(h);
printLine(ok.GetSuccess().toString() + " " + ok.GetMessage());
h.SetTargetUrl("BASE/fail");
NSWebhookResult bad = a.TestWebhook(h);
printLine(bad.GetSuccess().toString() + " " + bad.GetMessage());
h.SetTargetUrl("http://127.0.0.1:1/none");
printLine(a.TestWebhook(h).GetSuccess().toString());`);
    expect(r.error).toBeNull();
    expect(r.output).toMatch(/^true thanks\nfalse the target answered with status 500: broken\nfalse\n$/);
    expect(received.map((x) => x.path)).toEqual(['/ok', '/fail']);
    const first = received[0]!;
    const payload = JSON.parse(first.body) as Record<string, unknown>;
    expect(payload).toMatchObject({ Event: 'test', PrimaryKey: 0, Entity: 'test', WebhookName: 'Probe', Changes: [], Values: {}, Properties: {} });
    expect(payload.EventId).toBe(first.headers['x-superoffice-eventid']);
    expect(first.headers['x-superoffice-event']).toBe('test');
    expect(first.headers['x-key']).toBe('abc');
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers['x-superoffice-signature']).toBe(createHmac('sha256', 's3cret').update(first.body).digest('base64'));
  });

  it('SignalEvent posts to the active hooks listening for the event; a failed call is the hook\'s last error', async () => {
    received.length = 0;
    const r = await run(`${hook('c', 'Contacts', '/ok', ['contact.created'])}
Map props;
props.insert("tenant", "t1");
c.SetProperties(props);
c = a.SaveWebhook(c);
${hook('f', 'Failing', '/fail', ['contact.created', 'person.created'])}
${hook('s', 'Stopped', '/ok', ['contact.created'], 2)}
${hook('p', 'People', '/ok', ['person.created'])}
Map data;
data.insert("name", "Acme");
a.SignalEvent("contact.created", 42, data);
printLine("[" + a.GetLastError(c.GetWebhookId()) + "] [" + a.GetLastError(f.GetWebhookId()) + "] [" + a.GetLastError(s.GetWebhookId()) + "]");
a.SignalEvent("sale.created", 1, data);
printLine("done");`);
    expect(r.error).toBeNull();
    expect(r.output).toBe('[] [the target answered with status 500: broken] []\ndone\n');
    expect(received.map((x) => x.path)).toEqual(['/ok', '/fail']);
    const payload = JSON.parse(received[0]!.body) as Record<string, unknown>;
    expect(payload).toMatchObject({ Event: 'contact.created', PrimaryKey: 42, Entity: 'contact', WebhookName: 'Contacts', Values: { name: 'Acme' }, Properties: { tenant: 't1' }, ContextIdentifier: 'Default' });
    expect(typeof payload.ChangedByAssociateId).toBe('number');
    expect(received[0]!.headers['x-superoffice-signature']).toBeUndefined();
  });

  it('fails clearly when outgoing HTTP is off, and for CRMScript hooks, which the sandbox does not run', async () => {
    received.length = 0;
    const off = await run(`${hook('c', 'Contacts', '/ok', ['contact.created'])}
Map data;
a.SignalEvent("person.deleted", 1, data);
printLine("nobody listens");
a.SignalEvent("contact.created", 1, data);`, false);
    expect(off.output).toBe('nobody listens\n');
    expect(off.error).toBe(`NSWebhookAgent.SignalEvent: outgoing HTTP is disabled, so the webhook cannot post to ${base}/ok. The operator can enable it in the settings (features.http).`);
    const test = await run('NSWebhook h = a.CreateDefaultWebhook();\nh.SetName("x");\nh.SetTargetUrl("BASE/ok");\na.TestWebhook(h);', false);
    expect(test.error).toBe(`NSWebhookAgent.TestWebhook: outgoing HTTP is disabled, so the webhook cannot post to ${base}/ok. The operator can enable it in the settings (features.http).`);
    const script = await run(`NSWebhook h = a.CreateDefaultWebhook();
h.SetName("Script");
h.SetType("crmscript");
h.SetTargetUrl("12");
String[] e; e.pushBack("contact.created"); h.SetEvents(e);
a.SaveWebhook(h);
Map data;
a.SignalEvent("contact.created", 1, data);`);
    expect(script.error).toBe('NSWebhookAgent.SignalEvent: webhook "Script" is of type crmscript: the sandbox runs no CRMScript webhooks, only HTTP ones (type webhook)');
    expect(received).toEqual([]);
  });
});
