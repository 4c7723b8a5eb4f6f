// What the values of a DAP launch request's arguments mean to a run.
import type { Json } from './dap-wire.js';

/** An object's values as strings (launch "variables", "inputs"); {} for anything else. */
export function stringMap(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v as Json).map(([k, x]) => [k, String(x)]));
}

/** launch "args": ["name=value", ...] (as `--var`) or an object. */
export function pairs(v: unknown): Record<string, string> {
  if (!Array.isArray(v)) return stringMap(v);
  const out: Record<string, string> = {};
  for (const x of v) {
    const s = String(x);
    const i = s.indexOf('=');
    if (i > 0) out[s.slice(0, i)] = s.slice(i + 1);
  }
  return out;
}
