// startMacroRun: macros run as CRMScript in a worker (the built worker in dist/ is used; npm test
// builds first), against a local HTTP server and a local SMTP server started here.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Store } from '../../src/store/store.js';
import type { Macro, MacroAction } from '../../src/store/schema.js';
import { createMacro, createScript, updateSettings } from '../../src/store/repos.js';
import { startMacroRun } from '../../src/run/macro.js';
import { startScriptRun } from '../../src/run/script.js';
import { act, cleanupTempDirs, emptyStore, when } from '../macros/helpers.js';
import { smtpServer } from './smtp-server.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let base: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url === '/missing') {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('no such thing');
        return;
      }
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json', 'X-Reply': 'pong' });
      res.end(JSON.stringify({ got: body, path: req.url, note: 'blåbær' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

afterEach(() => {
  seen.length = 0;
  cleanupTempDirs();
});

async function storeWith(actions: MacroAction[], opts: { http?: boolean; scripts?: Record<string, string> } = {}): Promise<{ store: Store; macro: Macro }> {
  const store = await emptyStore();
  const macro = await store.update((d) => {
    updateSettings(d, { features: { http: !!opts.http } });
    for (const [includeId, source] of Object.entries(opts.scripts ?? {})) createScript(d, { name: includeId, includeId, source });
    return createMacro(d, { name: 'Under test', actions });
  });
  return { store, macro };
}

describe('Send an HTTP request', () => {
  it('sends method, URL, headers and body; status, body and headers are available to later actions', async () => {
    const { store, macro } = await storeWith(
      [
        act('setVariable', { name: 'id', value: '{input.ticketId}' }),
        act('httpRequest', {
          method: 'POST',
          url: `${base}/items/{var.id}`,
          headers: 'X-Token: secret-{var.id}\nAccept: application/json',
          body: '{"id": "{var.id}", "name": "Ærlig"}',
          contentType: 'application/json',
        }),
        act('log', { message: 'status={action2.status} reply={action2.header.X-Reply} error=[{action2.error}]', print: 'yes' }),
        act('setVariable', { name: 'body', value: '{action2.body}' }),
      ],
      { http: true },
    );
    const r = await startMacroRun(store, macro, { inputs: { ticketId: '42' } }).result;
    expect(r.error).toBeNull();
    expect(r.ok).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.url).toBe('/items/42');
    expect(seen[0]!.headers['x-token']).toBe('secret-42');
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]!.body)).toEqual({ id: '42', name: 'Ærlig' });
    expect(r.output).toBe('status=201 reply=pong error=[]\n');
    expect(JSON.parse(r.variables.body!)).toEqual({ got: seen[0]!.body, path: '/items/42', note: 'blåbær' });
  });

  it('an error status is a result, not a failure', async () => {
    const { store, macro } = await storeWith(
      [
        act('httpRequest', { url: `${base}/missing` }),
        act('log', { message: '{action1.status}:{action1.body}', print: 'yes' }, when('{action1.status}', 'notEquals', '200')),
      ],
      { http: true },
    );
    const r = await startMacroRun(store, macro).result;
    expect(r.ok).toBe(true);
    expect(seen[0]!.method).toBe('GET');
    expect(r.output).toBe('404:no such thing\n');
  });

  it('a connection that fails leaves status 0 and an error message, and the macro goes on', async () => {
    const closed = await new Promise<number>((res) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => res(port));
      });
    });
    const { store, macro } = await storeWith(
      [act('httpRequest', { url: `http://127.0.0.1:${closed}/x` }), act('log', { message: '{action1.status} {action1.error}', print: 'yes' }, when('{action1.error}', 'isNotEmpty'))],
      { http: true },
    );
    const r = await startMacroRun(store, macro).result;
    expect(r.ok).toBe(true);
    expect(r.output).toBe(`0 could not connect to 127.0.0.1:${closed}: the connection was refused\n`);
  });

  it('is refused when outgoing HTTP is not enabled in the settings', async () => {
    const { store, macro } = await storeWith([act('log', { message: 'before', print: 'yes' }), act('httpRequest', { url: `${base}/x` }), act('log', { message: 'after', print: 'yes' })]);
    const r = await startMacroRun(store, macro).result;
    expect(r.ok).toBe(false);
    expect(r.output).toBe('before\n');
    expect(r.error?.message).toBe(`Outgoing HTTP is disabled, so HTTP.get cannot request ${base}/x. The operator can enable it in the settings (features.http).`);
    expect(r.error?.file).toBe('macro:Under test');
    expect(r.error?.line).toBeGreaterThan(0);
    expect(seen).toHaveLength(0);
  });
});

describe('events, scripts and validation', () => {
  it('a macro that blocks the event reports it in result.event', async () => {
    const { store, macro } = await storeWith([
      act('setOutputValue', { name: 'chatMessage.message', value: 'cleaned: {input.chatMessage.message}' }),
      act('blockEvent', { message: 'Messages from {input.chatSession.customerName} are blocked' }, when('{input.chatMessage.message}', 'contains', 'spam')),
    ]);
    const inputs = { 'chatMessage.message': 'buy spam now', 'chatSession.customerName': 'Eve' };
    const r = await startMacroRun(store, macro, { eventName: 'ChatBeforeSaveNewMessage', inputs }).result;
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([]);
    expect(r.event).toEqual({
      outputs: { 'chatMessage.message': 'cleaned: buy spam now' },
      state: {},
      message: 'Messages from Eve are blocked',
      blockExecution: true,
      navigateTo: '',
    });
    const ok = await startMacroRun(store, macro, { eventName: 'ChatBeforeSaveNewMessage', inputs: { ...inputs, 'chatMessage.message': 'hello' } }).result;
    expect(ok.event.blockExecution).toBe(false);
  });

  it('runs a stored script by include name, giving it values', async () => {
    const { store, macro } = await storeWith(
      [
        act('runScript', { script: 'greet', values: 'who={var.name}' }),
        act('log', { message: 'returned {action1.return}', print: 'yes' }),
      ],
      { scripts: { greet: 'printLine("Hello, " + getVariable("who"));\nreturn getVariable("who").toUpper();' } },
    );
    const r = await startMacroRun(store, macro, { variables: { name: 'Ada' } }).result;
    expect(r.error).toBeNull();
    expect(r.output).toBe('Hello, Ada\nreturned ADA\n');
  });

  it('does not run a macro with validation errors, and says why', async () => {
    const { store, macro } = await storeWith([act('log', { message: '{var.unset}', print: 'yes' }), act('runScript', { script: 'ghost' })]);
    const r = await startMacroRun(store, macro).result;
    expect(r.ok).toBe(false);
    expect(r.output).toBe('');
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`)).toEqual([
      'macro:Under test:1: Action 1 (Log a message): unknown variable "unset" ({var.unset}): no earlier action sets it.',
      'macro:Under test:2: Action 2 (Run a script): there is no script with the include name "ghost".',
    ]);
    expect(r.error?.message).toBe('Action 1 (Log a message): unknown variable "unset" ({var.unset}): no earlier action sets it.');
  });

  it('does not run when a script it runs does not compile', async () => {
    const { store, macro } = await storeWith([act('runScript', { script: 'broken' })], { scripts: { broken: 'Integer x = "text";' } });
    const r = await startMacroRun(store, macro).result;
    expect(r.ok).toBe(false);
    expect(r.diagnostics.some((d) => d.file === 'store:broken' && d.line === 1 && d.severity === 'error')).toBe(true);
  });
});

// ---------------------------------------------------------------- email

describe('Send an email or SMS', () => {
  const mailAction = act('sendEmail', { to: 'owner@example.com, {var.extra}', subject: 'Ticket {input.ticketId}', body: 'Please look at it.', html: '<p>Please look</p>' });

  it('without SMTP settings the message goes to the store outbox', async () => {
    const { store, macro } = await storeWith([mailAction]);
    const r = await startMacroRun(store, macro, { variables: { extra: 'boss@example.com' }, inputs: { ticketId: '7' } }).result;
    expect(r.error).toBeNull();
    const outbox = store.read().outbox;
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ to: 'owner@example.com, boss@example.com', subject: 'Ticket 7', body: 'Please look at it.', sentAt: null });
  });

  it('with SMTP settings it is sent, and recorded as sent', async () => {
    const smtp = await smtpServer();
    try {
      const { store, macro } = await storeWith([mailAction, act('sendEmail', { sms: '+4799999999', body: 'sms text' })]);
      await store.update((d) => updateSettings(d, { smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: '', password: '', from: 'crm@example.com' } }));
      const r = await startMacroRun(store, macro, { variables: { extra: 'boss@example.com' }, inputs: { ticketId: '8' } }).result;
      expect(r.error).toBeNull();
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]!.from).toBe('MAIL FROM:<crm@example.com>');
      expect(smtp.messages[0]!.rcpt).toEqual(['RCPT TO:<owner@example.com>', 'RCPT TO:<boss@example.com>']);
      expect(smtp.messages[0]!.data).toContain('Subject: Ticket 8');
      expect(smtp.messages[0]!.data).toContain('Please look at it.');
      const outbox = store.read().outbox;
      expect(outbox.map((n) => [n.to, n.sentAt !== null])).toEqual([
        ['owner@example.com, boss@example.com', true],
        ['sms: +4799999999', false],
      ]);
      // the SMS could not go anywhere: the run's log says so
      expect(r.log).toContain('was kept in the outbox: it has only SMS recipients, and no SMS gateway is configured.');
    } finally {
      await smtp.close();
    }
  });

  it('a plain script using Email also delivers through startScriptRun', async () => {
    const store = await emptyStore();
    const script = await store.update((d) =>
      createScript(d, { name: 'mailer', source: 'Email e;\ne.setValue("to", "x@example.com");\ne.setValue("subject", "From a script");\ne.send();' }),
    );
    const r = await startScriptRun(store, script).result;
    expect(r.error).toBeNull();
    expect(store.read().outbox.map((n) => [n.to, n.subject])).toEqual([['x@example.com', 'From a script']]);
  });
});
