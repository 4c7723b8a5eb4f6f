// The HTTP class in plain scripts, run in a worker (dist/) against a local server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { compileScript } from '../../src/interp/compile-script.js';
import { runIsolated } from '../../src/interp/isolation/isolate.js';
import { runCrmConfig } from '../../src/crm/run-config.js';
import { cleanupTempDirs, tempDir } from '../common.js';

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('latin1');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/redirect') {
        res.writeHead(302, { Location: '/echo?from=redirect' });
        res.end();
        return;
      }
      if (req.url === '/slow') return; // never answers: the client's timeout ends the request
      res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Mixed-Case': 'Value', 'Set-Cookie': ['a=1', 'b=2'] });
      res.end(`${req.method} ${req.url} auth=${req.headers.authorization ?? '-'} type=${req.headers['content-type'] ?? '-'} body=${body}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  cleanupTempDirs();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

async function run(source: string, httpOn = true) {
  const c = compileScript({ source: source.replaceAll('BASE', base), file: 'http.crm' });
  if (!c.compiled) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
  return runIsolated(c.compiled, { features: { http: httpOn }, timeoutMs: 20_000 }).result;
}

describe('HTTP', () => {
  it('GET sends setValue pairs as the query string; status and headers are readable', async () => {
    const r = await run(`HTTP h;
h.setValue("q", "a b&c");
h.setValue("n", "1");
Byte[] b = h.get("BASE/echo");
printLine(String(b));
printLine(h.getValue("statusCode") + " " + h.hasError().toString() + " [" + h.getErrorMessage() + "]");
printLine(h.getResponseHeader("x-MIXED-case"));
Map m = h.getResponseHeaders();
printLine(m.get("x-mixed-case") + " " + m.get("set-cookie") + " " + m.exists("X-Mixed-Case").toString());`);
    expect(r.error).toBeNull();
    expect(r.output).toBe('GET /echo?q=a%20b%26c&n=1 auth=- type=- body=\n200 false []\nValue\nValue a=1, b=2 false\n');
  });

  // The server reads bodies as Latin-1 and answers in UTF-8, so "æ" sent as Latin-1 comes back as
  // "æ" and sent as UTF-8 comes back as its two Latin-1 characters.
  it('POST sends setValue pairs as a form, or the "parameters" option without its first character', async () => {
    const r = await run(`HTTP form;
form.setValue("x", "1");
form.setValue("y", "æ");
printLine(String(form.post("BASE/form"), "UTF-8"));
HTTP raw;
raw.addHeader("Content-Type", "application/json");
raw.setOption("parameters", "_{\\"k\\": \\"æ\\"}");
printLine(String(raw.put("BASE/raw"), "UTF-8"));
HTTP utf;
utf.setOption("parametersUTF8", "1");
utf.setOption("parameters", " æ");
printLine(String(utf.patch("BASE/utf"), "UTF-8"));`);
    expect(r.error).toBeNull();
    expect(r.output.split('\n')).toEqual([
      'POST /form auth=- type=application/x-www-form-urlencoded body=x=1&y=%C3%A6',
      'PUT /raw auth=- type=application/json body={"k": "\u00e6"}',
      'PATCH /utf auth=- type=application/x-www-form-urlencoded body=\u00c3\u00a6',
      '',
    ]);
  });

  it('DELETE, open and the stream variants; basic authentication from the options', async () => {
    const r = await run(`HTTP h;
h.setOption("username", "ann");
h.setOption("password", "pw");
printLine(String(h.delete("BASE/d")));
NSStream s = h.getAsStream("BASE/s");
printLine(String(s));
HTTP o;
printLine(String(o.open("BASE/o")));`);
    expect(r.error).toBeNull();
    const basic = 'Basic ' + Buffer.from('ann:pw').toString('base64');
    expect(r.output).toBe(`DELETE /d auth=${basic} type=- body=\nGET /s auth=${basic} type=- body=\nGET /o auth=- type=- body=\n`);
  });

  it('follows redirects only with followLocation', async () => {
    const r = await run(`HTTP h;
h.get("BASE/redirect");
printLine(h.getValue("statusCode") + " " + h.getResponseHeader("location"));
HTTP f;
f.setOption("followLocation", "true");
printLine(String(f.get("BASE/redirect")) + " " + f.getValue("statusCode"));`);
    expect(r.error).toBeNull();
    expect(r.output).toBe('302 /echo?from=redirect\nGET /echo?from=redirect auth=- type=- body= 200\n');
  });

  it('reports a timeout through hasError, and records a transcript in debug mode', async () => {
    const r = await run(`HTTP h;
h.setDebugMode(true);
h.setOption("timeout", "0.3");
Byte[] b = h.get("BASE/slow");
printLine(h.hasError().toString() + " " + h.getValue("statusCode") + " " + b.length().toString());
printLine(h.getErrorMessage());
printLine(h.getDebug());`);
    expect(r.error).toBeNull();
    const lines = r.output.split('\n');
    expect(lines[0]).toBe('true 0 0');
    expect(lines[1]).toMatch(/^the request to 127\.0\.0\.1:\d+ took longer than 0\.3 s and was stopped$/);
    expect(lines[2]).toBe('> GET /slow HTTP/1.1');
  });

  it('rejects URLs and headers it cannot use, without throwing', async () => {
    const r = await run(`HTTP h;
h.get("not a url");
printLine(h.getErrorMessage());
h.get("ftp://example.com/x");
printLine(h.getErrorMessage());
HTTP bad;
bad.addHeader("X-Split", "a\\nb");
bad.get("BASE/x");
printLine(bad.hasError().toString() + " " + bad.getValue("statusCode"));`);
    expect(r.output).toBe('"not a url" is not a valid URL\nthe URL scheme "ftp" is not supported; use http or https\ntrue 0\n');
  });

  it('addAttachmentData sends an attachment of the sandbox CRM as the body, typed as it was saved; a later Content-Type wins', async () => {
    const dir = tempDir('crm-http-att-');
    const c = compileScript({
      source: `Attachment a;
a.setValue("name", "note.txt");
a.setValue("contentType", "text/csv");
a.saveBase64("YSxiDQox");
HTTP h;
h.addHeader("Content-Type", "application/json");
printLine(h.addAttachmentData(a.getValue("id").toInteger()).toString());
printLine(String(h.post("${base}/upload")));
HTTP o;
o.addAttachmentData(a.getValue("id").toInteger());
o.addHeader("content-type", "application/octet-stream");
printLine(String(o.put("${base}/upload")));
printLine(o.addAttachmentData(9999).toString());`,
      file: 'att.crm',
    });
    const r = await runIsolated(c.compiled!, { features: { http: true }, timeoutMs: 20_000, crm: runCrmConfig(dir, { rollback: true }) }).result;
    expect(r.error).toBeNull();
    expect(r.output).toBe('true\nPOST /upload auth=- type=text/csv body=a,b\r\n1\nPUT /upload auth=- type=application/octet-stream body=a,b\r\n1\nfalse\n');
  });

  it("addDocumentData sends a CRM document's newest version as the body, typed by its file name; copyCRMDocumentToAttachment copies it", async () => {
    const dir = tempDir('crm-http-doc-');
    // the demo's document 2 (welcome-nordic-bikes.txt) gets a second version: that one is sent
    const c = compileScript({
      source: `NSDocumentAgent agent;
agent.SetDocumentStream(agent.GetDocumentEntity(2), decodeBase64AsStream(encodeBase64(String("second,version").toByteArray())), true);
HTTP h;
printLine(h.addDocumentData(2).toString() + " " + h.addDocumentData(999).toString());
printLine(String(h.post("${base}/upload")));
Integer id = copyCRMDocumentToAttachment(2);
Attachment a; a.load(id);
printLine(a.getValue("name") + " " + a.getValue("contentType") + " " + a.getValue("size") + " " + a.getRaw());
printLine(copyCRMDocumentToAttachment(999).toString());`,
      file: 'doc.crm',
    });
    expect(c.diagnostics).toEqual([]);
    const r = await runIsolated(c.compiled!, { features: { http: true }, timeoutMs: 20_000, crm: runCrmConfig(dir, { rollback: true }) }).result;
    expect(r.error).toBeNull();
    expect(r.output).toBe('true false\nPOST /upload auth=- type=text/plain body=second,version\nwelcome-nordic-bikes.txt text/plain 14 second,version\n0\n');
  });

  it('is an error the script can catch when outgoing HTTP is off', async () => {
    const r = await run(`HTTP h;
try {
  h.post("BASE/x");
} catch {
  printLine("caught: " + error);
}`, false);
    expect(r.error).toBeNull();
    expect(r.output).toBe(`caught: Outgoing HTTP is disabled, so HTTP.post cannot request ${base}/x. The operator can enable it in the settings (features.http).\n`);
  });
});
