// Stored scripts served as web endpoints: the real `crmscript-tui daemon` process (dist/) on a
// loopback port, called over real HTTP at SuperOffice's URL, without the daemon token; and the
// same request from the CLI with `run --cgi`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import { createScript } from '../../src/store/repos.js';
import { cleanupTempDirs, tempDir, waitFor } from './helpers.js';
import { CLI, requireBuiltCli, runBuiltCli } from '../common.js';

requireBuiltCli();

// A JSON endpoint in the style of SuperOffice's custom REST article, as a template script.
const ENDPOINT = `%EJSCRIPT_START%
<%
#setLanguageLevel 3;
Map _headers;
_headers.insert("Content-Type", "application/json;charset=utf-8");
_headers.insert("X-Custom-Header", "abc");
Map result;
Integer personId = getCgiVariable("personId").toInteger();
if (personId == 0)
  _headers.insert("Status", "406 Bad Request - No personId found");
else {
  result.insert("personId", personId.toString());
  if (cgiWasPost()) result.insert("method", "POST"); else result.insert("method", "GET");
  result.insert("body", getCgiContent());
  _headers.insert("Status", "200 OK");
}
String h;
for (_headers.first(); !_headers.eof(); _headers.next())
  h += _headers.getKey() + ": " + _headers.getVal() + "\\n";
setParserVariable("ej.headers", h);
%><% printLine(result.toJson()); %>
%EJSCRIPT_END%`;

// A form with file fields: saveCgiAttachment / saveAllCgiAttachments keep the files as attachments.
const UPLOAD = `Integer id = saveCgiAttachment("cv");
Attachment a;
a.load(id);
printLine(getCgiVariable("name") + " " + getCgiVariable("cv") + " " + a.getValue("name") + " " + a.getValue("contentType") + " " + a.getValue("size") + " " + a.getBase64());
Integer[] ids = saveAllCgiAttachments("photos");
for (Integer i = 0; i < ids.length(); i++) { Attachment p; p.load(ids[i]); printLine(p.getValue("name") + " " + p.getBase64()); }
printLine(saveCgiAttachment("missing").toString() + " " + saveAllCgiAttachments("missing").length().toString());`;

let dataDir: string;
let daemon: ChildProcess;
let port = 0;
let exited: Promise<unknown>;

beforeAll(async () => {
  dataDir = tempDir('crms-web-');
  const store = await Store.open(dataDir, { seed: false });
  await store.update((d) => {
    createScript(d, { name: 'Person API', includeId: 'simple', key: 'abcde', source: ENDPOINT });
    createScript(d, { name: 'No key', includeId: 'open', source: 'printLine("should not be served");' });
    createScript(d, { name: 'Broken', includeId: 'broken', key: 'k', source: 'Integer z = 0;\nprintLine("half");\nInteger q = 1 / z;' });
    createScript(d, { name: 'Upload', includeId: 'upload', key: 'up', source: UPLOAD });
    // the headers through the global Parser, its name in another case
    createScript(d, { name: 'Parser headers', includeId: 'viaparser', key: 'p', source: 'Parser p = getParser();\np.setVariable("EJ.Headers", "Content-Type: text/plain\\nStatus: 202 Accepted\\nX-From: parser");\nprint(getParserVariableCount("ej.headers").toString() + " " + getParserVariable("EJ.HEADERS").split("\\n")[1]);' });
    // a file served as bytes: Attachment.dump(true) after the script's own header lines
    createScript(d, {
      name: 'Download',
      includeId: 'download',
      key: 'dl',
      source: 'Attachment a;\na.setValue("name", "pixel ø.png");\na.setValue("contentType", "image/png");\na.saveBase64("iVBORw0KGgr/AA==");\nsetParserVariable("ej.headers", "Content-Type: text/html\\nX-Keep: 1\\n");\nif (!a.dump(getCgiVariable("save") == "1")) printLine("no file");',
    });
    createScript(d, { name: 'Bytes', includeId: 'bytes', key: 'b', source: 'setParserVariable("ej.headers", "Content-Type: application/octet-stream\\n");\nprintBinary(decodeBase64("/wBhgA=="));' });
    // download URLs of a new attachment, and a message whose inline image becomes one
    createScript(d, {
      name: 'Attachment links',
      includeId: 'attlinks',
      key: 'al',
      source: [
        'Attachment a;',
        'a.setValue("name", "logo.png");',
        'a.setValue("contentType", "image/png");',
        'a.saveBase64("iVBORw0KGgr/AA==");',
        'printLine(a.getDownloadUrl(true, false));',
        'printLine(a.getDownloadUrl(false, true));',
        'Message m;',
        'm.setValue("ticketId", "1");',
        'm.setValue("bodyHtml", "<p>Hi <img src=\\"cid:logo@mail\\"> <img src=\\"cid:other@mail\\"></p>");',
        'm.save();',
        'Vector v; v.pushBack(a.getValue("id"));',
        'm.setAttachments(v);',
        'NSTicketAgent t;',
        'NSAttachmentEntity e = t.GetAttachmentEntity(a.getValue("id").toInteger());',
        'e.SetContentId("logo@mail"); e.SetInlineImage(true); t.SaveAttachmentEntity(e);',
        'm.convertInlineImages();',
        'm.save();',
        'Message back; back.load(m.getValue("id").toInteger());',
        'printLine(back.getValue("bodyHtml"));',
      ].join('\n'),
    });
    createScript(d, { name: 'Links', includeId: 'links', key: 'l', source: 'printLine(getCgiUrl() + "/scripts/customer.fcgi?action=safeParse&includeId=simple&key=abcde&personId=3");' });
  });
  store.close();
  daemon = spawn(process.execPath, [CLI, '--data-dir', dataDir, 'daemon', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  exited = new Promise((res) => daemon.on('exit', res));
  let out = '';
  daemon.stdout!.on('data', (c) => (out += c));
  const line = await waitFor(() => out.split('\n').find((l) => l.includes('"daemon started"')), 20_000, 'the daemon to start');
  port = Number(JSON.parse(line).port);
}, 30_000);

afterAll(async () => {
  daemon.kill('SIGTERM');
  await exited;
  cleanupTempDirs();
});

const url = (query: string): string => `http://127.0.0.1:${port}/scripts/customer.fcgi?action=safeParse&${query}`;

describe('GET/POST /scripts/customer.fcgi', () => {
  it('answers a GET with the body the script printed and the headers and status it set, without the daemon token', async () => {
    const r = await fetch(url('includeId=simple&key=abcde&personId=12'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(r.headers.get('x-custom-header')).toBe('abc');
    const body = await r.text();
    expect(JSON.parse(body)).toEqual({ personId: '12', method: 'GET', body: '' });
  });

  it('gives the status line the script chose', async () => {
    const r = await fetch(url('includeId=simple&key=abcde'));
    expect(r.status).toBe(406);
    expect(r.statusText).toBe('Bad Request - No personId found');
    expect(JSON.parse(await r.text())).toEqual({});
  });

  it('takes the headers set on the global Parser (getParser()), whatever the case of the name', async () => {
    const r = await fetch(url('includeId=viaparser&key=p'));
    expect(r.status).toBe(202);
    expect(r.headers.get('content-type')).toBe('text/plain');
    expect(r.headers.get('x-from')).toBe('parser');
    expect(await r.text()).toBe('1 Status: 202 Accepted');
  });

  it('serves bytes as bytes: printBinary, and Attachment.dump with its type and file name (inline, or to download)', async () => {
    const bytes = await fetch(url('includeId=bytes&key=b'));
    expect(bytes.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await bytes.arrayBuffer()).toString('hex')).toBe('ff006180');
    const png = Buffer.from('iVBORw0KGgr/AA==', 'base64');
    const shown = await fetch(url('includeId=download&key=dl'));
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(shown.headers.get('x-keep')).toBe('1');
    expect(shown.headers.get('content-disposition')).toBe(`inline; filename="pixel _.png"; filename*=UTF-8''pixel%20%C3%B8.png`);
    expect(Buffer.from(await shown.arrayBuffer()).equals(png)).toBe(true);
    const saved = await fetch(url('includeId=download&key=dl&save=1'));
    expect(saved.headers.get('content-disposition')).toMatch(/^attachment; filename="pixel _\.png"/);
    expect(Number(saved.headers.get('content-length'))).toBe(png.length);
  });

  it('serves attachments at the URLs getDownloadUrl makes (by key), and convertInlineImages points cid: images at them', async () => {
    const lines = (await (await fetch(url('includeId=attlinks&key=al'))).text()).trim().split('\n');
    const [external, internal, html] = lines;
    expect(external).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/scripts/customer\\.fcgi\\?action=getAttachment&id=\\d+&key=[0-9a-f]{32}$`));
    expect(internal).toMatch(/\/scripts\/ticket\.fcgi\?action=getAttachment&id=\d+&key=[0-9a-f]{32}&download=1$/);
    const png = Buffer.from('iVBORw0KGgr/AA==', 'base64');
    const shown = await fetch(external);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(shown.headers.get('content-disposition')).toBe(`inline; filename="logo.png"; filename*=UTF-8''logo.png`);
    expect(Buffer.from(await shown.arrayBuffer()).equals(png)).toBe(true);
    const saved = await fetch(internal);
    expect(saved.headers.get('content-disposition')).toMatch(/^attachment; filename="logo\.png"/);
    expect(Buffer.from(await saved.arrayBuffer()).equals(png)).toBe(true);
    // the key is the secret: a wrong one, none, or an attachment without a key answer alike
    expect((await fetch(external.replace(/key=[0-9a-f]+/, 'key=0000'))).status).toBe(404);
    expect((await fetch(external.replace(/&key=[0-9a-f]+/, ''))).status).toBe(404);
    expect((await fetch(url('action=getAttachment&id=999999&key=x').replace('action=safeParse&', ''))).status).toBe(404);
    expect((await fetch(external, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`http://127.0.0.1:${port}/scripts/ticket.fcgi?action=safeParse&includeId=attlinks&key=al`)).status).toBe(400);
    // the message's own inline image now points at the internal URL; an unknown cid stays
    const id = /id=(\d+)/.exec(external)![1];
    expect(html).toMatch(new RegExp(`^<p>Hi <img src="[^"]*/scripts/ticket\\.fcgi\\?action=getAttachment&id=${id}&key=[0-9a-f]{32}"> <img src="cid:other@mail"></p>$`));
  });

  it('reads a form POST with cgiWasPost, getCgiVariable and getCgiContent', async () => {
    const r = await fetch(url('includeId=simple&key=abcde'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'personId=7&name=New+Name',
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(await r.text())).toEqual({ personId: '7', method: 'POST', body: 'personId=7&name=New+Name' });
  });

  it('serves a script only with its key, and never one without a key', async () => {
    for (const q of ['includeId=simple&key=wrong', 'includeId=simple', 'includeId=open&key=', 'includeId=nosuch&key=abcde']) {
      const r = await fetch(url(q));
      expect(r.status, q).toBe(404);
      expect(await r.text()).toBe('No script is served with that includeId and key.\n');
    }
  });

  it('getCgiUrl gives the base URL the request reached, which links to other endpoints build on', async () => {
    const link = (await (await fetch(url('includeId=links&key=l'))).text()).trim();
    expect(link).toBe(`http://127.0.0.1:${port}/scripts/customer.fcgi?action=safeParse&includeId=simple&key=abcde&personId=3`);
    expect(JSON.parse(await (await fetch(link)).text())).toEqual({ personId: '3', method: 'GET', body: '' });
    // behind a proxy, under a path prefix
    const proxied = await fetch(`http://127.0.0.1:${port}/cust1234/scripts/customer.fcgi?action=safeParse&includeId=links&key=l`, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'ignored.example' } });
    expect((await proxied.text()).trim()).toBe(`https://127.0.0.1:${port}/cust1234/scripts/customer.fcgi?action=safeParse&includeId=simple&key=abcde&personId=3`);
    // the operator's public URL (settings cgiUrl) wins over the Host a client sends
    const store = await Store.open(dataDir, { seed: false });
    await store.update((d) => {
      d.settings.cgiUrl = 'https://crm.example.com/';
    });
    store.close();
    const set = await fetch(url('includeId=links&key=l'), { headers: { host: 'evil.example' } });
    expect((await set.text()).trim()).toBe('https://crm.example.com/scripts/customer.fcgi?action=safeParse&includeId=simple&key=abcde&personId=3');
  });

  it('refuses other actions and methods', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/scripts/customer.fcgi?action=parse&includeId=simple&key=abcde`)).status).toBe(400);
    expect((await fetch(url('includeId=simple&key=abcde'), { method: 'DELETE' })).status).toBe(405);
  });

  it('answers 500 with the output and the error position when the script fails', async () => {
    const r = await fetch(url('includeId=broken&key=k'));
    expect(r.status).toBe(500);
    expect(await r.text()).toBe('half\nerror: store:broken:3:15: division by zero\n');
  });

  it('reads a multipart form: its text fields are CGI variables, its files become attachments with their names, types and bytes', async () => {
    const form = new FormData();
    form.append('name', 'Nina Hansen');
    form.append('cv', new Blob([Buffer.from('a\r\n--b\u0000\xff', 'latin1')], { type: 'application/pdf' }), 'cv "2025".pdf');
    form.append('photos', new Blob([Buffer.from([1, 2, 3])], { type: 'image/png' }), 'one.png');
    form.append('photos', new Blob([Buffer.from([4, 5])], { type: 'image/png' }), 'two.png');
    const r = await fetch(url('includeId=upload&key=up'), { method: 'POST', body: form });
    expect(r.status).toBe(200);
    const cv = Buffer.from('a\r\n--b\u0000\xff', 'latin1');
    expect((await r.text()).split('\n')).toEqual([`Nina Hansen cv "2025".pdf cv "2025".pdf application/pdf ${cv.length} ${cv.toString('base64')}`, 'one.png AQID', 'two.png BAU=', '0 0', '']);
  });

  it('keeps the token on the API itself', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(401);
  });
});

describe('run FILE --cgi', () => {
  it('runs the same endpoint from the CLI with CGI variables, a form POST or a body', () => {
    const dir = tempDir('crms-cgi-');
    const file = join(dir, 'endpoint.crm');
    writeFileSync(file, ENDPOINT);
    const get = runBuiltCli(['run', file, '--cgi', 'personId=3']);
    expect(JSON.parse(get.out)).toEqual({ personId: '3', method: 'GET', body: '' });
    const post = runBuiltCli(['run', file, '--cgi', 'personId=4', '--post']);
    expect(JSON.parse(post.out)).toEqual({ personId: '4', method: 'POST', body: 'personId=4' });
    const body = join(dir, 'body.json');
    writeFileSync(body, '{"a":1}');
    const raw = runBuiltCli(['run', file, '--cgi', 'personId=5', '--post', '--body', body]);
    expect(JSON.parse(raw.out)).toEqual({ personId: '5', method: 'GET', body: '{"a":1}' });
    // without a request the CGI globals see an empty one
    expect(JSON.parse(runBuiltCli(['run', file]).out)).toEqual({});
    // buildUrl(): the GET and POST variables as one query string
    const url = join(dir, 'url.crm');
    writeFileSync(url, 'printLine("[" + buildUrl() + "]");');
    expect(runBuiltCli(['run', url, '--cgi', 'a=1', '--cgi', 'name=Ola Nordmann', '--cgi', 'q=x&y']).out).toBe('[a=1&name=Ola%20Nordmann&q=x%26y]\n');
    expect(runBuiltCli(['run', url]).out).toBe('[]\n');
  });

  it('--cgi-file posts a multipart form with files, as a browser does', () => {
    const dir = tempDir('crms-cgi-file-');
    const file = join(dir, 'upload.crm');
    writeFileSync(file, UPLOAD);
    writeFileSync(join(dir, 'cv.pdf'), Buffer.from('%PDF-1.4\r\n'));
    writeFileSync(join(dir, 'one.png'), Buffer.from([1, 2, 3]));
    writeFileSync(join(dir, 'two.png'), Buffer.from([4, 5]));
    const r = runBuiltCli(['--data-dir', dir, 'run', file, '--cgi', 'name=Ola', '--cgi-file', `cv=${join(dir, 'cv.pdf')}`, '--cgi-file', `photos=${join(dir, 'one.png')}`, '--cgi-file', `photos=${join(dir, 'two.png')}`, '--rollback']);
    expect(r.err).toBe('');
    expect(r.out.split('\n')).toEqual([`Ola cv.pdf cv.pdf application/pdf 10 ${Buffer.from('%PDF-1.4\r\n').toString('base64')}`, 'one.png AQID', 'two.png BAU=', '0 0', '']);
  });
});
