// What a webhook must be to be saved or called (webhooks.ts, webhook-calls.ts): a known type, a
// WebhookState, an http(s) target for an HTTP hook, at least one event; and how its headers and
// properties are kept (a JSON object of strings).
import type { NSObject } from '../object.js';

const TYPES = ['webhook', 'crmscript'];

/** The event names of a list or a comma-separated text: trimmed, empty ones left out. */
export function eventNames(v: unknown): string[] {
  const list = Array.isArray(v) ? v.map(String) : String(v ?? '').split(',');
  return list.map((e) => e.trim()).filter(Boolean);
}

/** What a save refuses beyond the required properties: an unknown type or state, a target that is no http(s) URL, no events. */
export function webhookProblem(o: NSObject): string | null {
  const type = String(o.f.Type ?? '') || 'webhook';
  if (!TYPES.includes(type)) return `the type "${type}" is none of ${TYPES.join(', ')}`;
  const state = Number(o.f.State ?? 0);
  if (!(state >= 0 && state <= 3)) return `the state ${state} is no WebhookState (0..3)`;
  if (type === 'webhook' && String(o.f.TargetUrl ?? '') && !/^https?:\/\/[^\s/]+/i.test(String(o.f.TargetUrl))) return `the target URL "${String(o.f.TargetUrl)}" is no http or https URL`;
  if (!eventNames(o.f.Events).length) return 'the webhook listens for no events (SetEvents)';
  return null;
}

/** The entries of a headers or properties column (a JSON object); text that is no JSON object has none. */
export function jsonEntries(text: unknown): Record<string, string> {
  try {
    const o = JSON.parse(String(text || '{}')) as unknown;
    if (!o || typeof o !== 'object' || Array.isArray(o)) return {};
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  } catch {
    return {};
  }
}
