// NSWebhookAgent over SuperOffice's webhook table: a named hook listening for events (a
// comma-separated list such as "contact.created,person.changed"), posting them to its target URL
// (type "webhook"; "crmscript" hooks name a script, which the sandbox does not run), with extra
// HTTP headers and payload properties kept as JSON, a shared secret for the signature, and a state
// (WebhookState: 1 active, 2 stopped, 3 too many errors). Calling them is webhook-calls.ts.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { CrmMap } from '../../map.js';
import { NSObject } from '../object.js';
import { db, fail, fromDb } from './db.js';
import { col, loadRef, register, remove, type View } from './view.js';
import { byId, make, saved, type Methods } from './define.js';
import { lastError, signalEvent, testWebhook } from './webhook-calls.js';
import { eventNames, jsonEntries, webhookProblem } from './webhook-rules.js';

const AGENT = 'NSWebhookAgent';

/** A Map as the JSON object the table keeps ('' for an empty one). */
function mapToJson(m: unknown): string {
  return m instanceof CrmMap && m.size ? JSON.stringify(Object.fromEntries(m.data)) : '';
}

function mapFromJson(text: unknown): CrmMap {
  const m = new CrmMap();
  for (const [k, v] of Object.entries(jsonEntries(text))) m.put(k, v);
  return m;
}

export const webhookView: View = {
  cls: 'NSWebhook',
  table: 'webhook',
  key: 'WebhookId',
  cols: 'Name=name:s TargetUrl=target_url:s Type=type:s Secret=secret:s State=state:i',
  required: [
    ['Name', 'the webhook name (SetName)'],
    ['TargetUrl', 'the target URL (SetTargetUrl)'],
  ],
  extra: (o: NSObject) => ({ events: eventNames(o.f.Events).join(','), headers: mapToJson(o.f.Headers), properties: mapToJson(o.f.Properties) }),
  calc: (o: NSObject, row: CrmRow) => {
    o.f.Events = eventNames(col(row, 'events'));
    o.f.Headers = mapFromJson(col(row, 'headers'));
    o.f.Properties = mapFromJson(col(row, 'properties'));
    o.f.Registered = fromDb(col(row, 'registered'), 'd');
    o.f.RegisteredAssociate = loadRef('NSAssociate', Number(col(row, 'registered_associate_id') ?? 0));
    o.f.Updated = fromDb(col(row, 'updated'), 'd');
    o.f.UpdatedAssociate = loadRef('NSAssociate', Number(col(row, 'updated_associate_id') ?? 0));
  },
  beforeDelete: (id: number) => {
    for (const r of db().select('webhook_error', { where: [{ column: 'webhook_id', op: '=', value: id }] })) db().delete('webhook_error', Number(col(r, 'id')));
  },
};
register(webhookView);

function save(o: unknown): NSObject {
  const where = `${AGENT}.SaveWebhook`;
  if (!(o instanceof NSObject)) throw fail(where, 'nothing to save');
  if (!String(o.f.Type ?? '')) o.f.Type = 'webhook';
  const problem = String(o.f.Name ?? '') && String(o.f.TargetUrl ?? '') ? webhookProblem(o) : null;
  if (problem) throw fail(where, problem);
  return saved(AGENT, 'SaveWebhook', webhookView, o);
}

export const webhookAgent: Methods = {
  // an active HTTP hook listening for nothing yet (NetServer's defaults are not documented)
  'CreateDefaultWebhook()': () =>
    make('NSWebhook', { WebhookId: 0, Name: '', Events: [], TargetUrl: '', Type: 'webhook', Secret: '', State: 1, Headers: new CrmMap(), Properties: new CrmMap() }),
  'GetWebhook(Integer)': (_a: unknown, id: number) => byId(webhookView, id),
  'SaveWebhook(NSWebhook)': (_a: unknown, o: unknown) => save(o),
  'DeleteWebhook(Integer)': (_a: unknown, id: number) => {
    remove(webhookView, id);
  },
  // name: a part of the name (any case); event: one the hook listens for; state: 0 any, else that WebhookState
  'GetAllWebhooks(String,String,Integer)': (_a: unknown, name: string, event: string, state: number) => {
    const n = name.trim().toLowerCase();
    const e = event.trim().toLowerCase();
    return db()
      .select('webhook', { orderBy: [{ column: 'webhook_id' }] })
      .filter((r) => !n || String(col(r, 'name') ?? '').toLowerCase().includes(n))
      .filter((r) => !e || eventNames(col(r, 'events')).some((x) => x.toLowerCase() === e))
      .filter((r) => !state || Number(col(r, 'state') ?? 0) === state)
      .map((r) => byId(webhookView, Number(col(r, 'webhook_id'))));
  },
  'GetLastError(Integer)': (_a: unknown, id: number) => lastError(id),
  'TestWebhook(NSWebhook)': (_a: unknown, o: unknown) => testWebhook(o),
  'SignalEvent(String,Integer,Map)': (_a: unknown, event: string, key: number, data: unknown) => signalEvent(event, key, data),
};
