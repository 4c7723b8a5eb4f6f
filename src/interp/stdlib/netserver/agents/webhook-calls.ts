// Calling webhooks (NSWebhookAgent.TestWebhook, SignalEvent) over the product's HTTP layer, only
// when the operator enabled outgoing HTTP (features.http, as the HTTP class requires). A call is a
// JSON POST to the hook's target URL in the form SuperOffice's webhook documentation shows: EventId,
// Timestamp, Changes, Event, PrimaryKey, Entity, ContextIdentifier, ChangedByAssociateId,
// WebhookName, with the signalled data as Values and the hook's own properties as Properties; the
// headers X-Superoffice-Event and X-Superoffice-Eventid, X-Superoffice-Signature (the body's
// HMAC-SHA256 with the hook's secret, base64) when the hook has a secret, and the hook's headers.
// A call that fails (no answer, or a status outside 2xx) is the hook's last error (GetLastError,
// the sandbox's webhook_error table).
import { createHmac, randomUUID } from 'node:crypto';
import { rt } from '../../../runtime/context.js';
import { requestSync } from '../../http-transport.js';
import { CrmMap } from '../../map.js';
import { NSObject } from '../object.js';
import { db, fail } from './db.js';
import { col } from './view.js';
import { make } from './define.js';
import { eventNames, jsonEntries, webhookProblem } from './webhook-rules.js';

const AGENT = 'NSWebhookAgent';
const TIMEOUT_MS = 30_000;

interface Hook {
  id: number;
  name: string;
  url: string;
  type: string;
  secret: string;
  headers: Record<string, string>;
  properties: Record<string, string>;
}

const entries = (m: unknown): Record<string, string> => (m instanceof CrmMap ? Object.fromEntries(m.data) : {});

function requireHttp(method: string, url: string): void {
  if (!rt.features.http)
    throw fail(`${AGENT}.${method}`, `outgoing HTTP is disabled, so the webhook cannot post to ${url}. The operator can enable it in the settings (features.http).`);
}

function refuseScriptHook(method: string, h: Hook): void {
  if (h.type !== 'webhook') throw fail(`${AGENT}.${method}`, `webhook "${h.name}" is of type ${h.type}: the sandbox runs no CRMScript webhooks, only HTTP ones (type webhook)`);
}

/** Posts one event to a hook: whether the target answered with a 2xx status, and what it said (or what went wrong). */
function post(h: Hook, event: string, key: number, values: Record<string, string>): { ok: boolean; message: string } {
  const id = randomUUID();
  const payload = {
    EventId: id,
    Timestamp: new Date().toISOString(),
    Changes: [] as string[],
    Event: event,
    PrimaryKey: key,
    Entity: event.includes('.') ? event.slice(0, event.indexOf('.')) : event,
    ContextIdentifier: 'Default',
    ChangedByAssociateId: db().actor().associateId,
    WebhookName: h.name,
    Values: values,
    Properties: h.properties,
  };
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  const headers: Array<[string, string]> = [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['User-Agent', 'crmscript-tui-webhook'],
    ['X-Superoffice-Event', event],
    ['X-Superoffice-Eventid', id],
  ];
  if (h.secret) headers.push(['X-Superoffice-Signature', createHmac('sha256', h.secret).update(body).digest('base64')]);
  for (const [k, v] of Object.entries(h.headers)) headers.push([k, v]);
  const res = requestSync({ method: 'POST', url: h.url, headers, body: new Uint8Array(body), timeoutMs: TIMEOUT_MS, followRedirects: false, verifyPeer: true, verifyHost: true, debug: false, maxBodyBytes: 1024 * 1024 });
  const text = Buffer.from(res.body).toString('utf8');
  if (res.error) return { ok: false, message: res.error };
  if (res.status < 200 || res.status > 299) return { ok: false, message: `the target answered with status ${res.status}${text ? `: ${text}` : ''}` };
  return { ok: true, message: text };
}

function hookOf(o: NSObject): Hook {
  return {
    id: Number(o.f.WebhookId ?? 0),
    name: String(o.f.Name ?? ''),
    url: String(o.f.TargetUrl ?? ''),
    type: String(o.f.Type ?? '') || 'webhook',
    secret: String(o.f.Secret ?? ''),
    headers: entries(o.f.Headers),
    properties: entries(o.f.Properties),
  };
}

/** Keeps a hook's most recent error (one row per hook). */
function recordError(id: number, message: string): void {
  const old = db().select('webhook_error', { where: [{ column: 'webhook_id', op: '=', value: id }], limit: 1 })[0];
  const row = { error: message, happened: db().now() };
  if (old) db().update('webhook_error', Number(col(old, 'id')), row);
  else db().insert('webhook_error', { webhook_id: id, ...row });
}

/** TestWebhook: posts a "test" event to the hook (saved or not); the result says whether it answered with 2xx, and what it answered. */
export function testWebhook(o: unknown): NSObject {
  if (!(o instanceof NSObject)) throw fail(`${AGENT}.TestWebhook`, 'no webhook given');
  const h = hookOf(o);
  if (!h.url) throw fail(`${AGENT}.TestWebhook`, 'the webhook has no target URL (SetTargetUrl)');
  refuseScriptHook('TestWebhook', h);
  const problem = webhookProblem(make('NSWebhook', { ...o.f, Events: ['test'] }));
  if (problem) throw fail(`${AGENT}.TestWebhook`, problem);
  requireHttp('TestWebhook', h.url);
  const r = post(h, 'test', 0, {});
  return make('NSWebhookResult', { Success: r.ok, Message: r.message });
}

/** SignalEvent: posts the event to every active hook listening for it; a failed call is that hook's last error. */
export function signalEvent(event: string, key: number, data: unknown): void {
  const name = event.trim();
  if (!name) throw fail(`${AGENT}.SignalEvent`, 'no event name given');
  const hooks = db()
    .select('webhook', { where: [{ column: 'state', op: '=', value: 1 }], orderBy: [{ column: 'webhook_id' }] })
    .filter((r) => eventNames(col(r, 'events')).some((e) => e.toLowerCase() === name.toLowerCase()))
    .map((r): Hook => ({
      id: Number(col(r, 'webhook_id')),
      name: String(col(r, 'name') ?? ''),
      url: String(col(r, 'target_url') ?? ''),
      type: String(col(r, 'type') ?? '') || 'webhook',
      secret: String(col(r, 'secret') ?? ''),
      headers: jsonEntries(col(r, 'headers')),
      properties: jsonEntries(col(r, 'properties')),
    }));
  for (const h of hooks) refuseScriptHook('SignalEvent', h);
  if (hooks.length) requireHttp('SignalEvent', hooks[0].url);
  const values = entries(data);
  for (const h of hooks) {
    const r = post(h, name, key, values);
    if (!r.ok) recordError(h.id, r.message);
  }
}

/** GetLastError: the most recent error a call of the hook got ('' when none failed). */
export function lastError(id: number): string {
  if (!id || !db().get('webhook', id)) throw fail(`${AGENT}.GetLastError`, `there is no webhook with id ${id}`);
  const row = db().select('webhook_error', { where: [{ column: 'webhook_id', op: '=', value: id }], limit: 1 })[0];
  return row ? String(col(row, 'error') ?? '') : '';
}
