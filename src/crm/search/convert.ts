// A value written by a script (always a String in SearchEngine) → the column's stored value:
// numbers for integer columns (enum names and true/false accepted), text for strings, dates as
// 'YYYY-MM-DD hh:mm:ss' (also accepting 'DD.MM.YYYY' and dates without a time).
import type { CrmColumn, CrmValue } from '../../interp/runtime/crm-service.js';
import type { StorageKind } from '../schema.js';
import { CrmSchema } from '../schema.js';

let enums: CrmSchema | null = null;
function enumValue(enumName: string | undefined, text: string): number | null {
  enums ??= CrmSchema.create();
  const t = text.trim().toLowerCase();
  const lists = enumName ? [enums.enumValues(enumName)] : [];
  for (const list of lists) for (const v of list) if (v.name.toLowerCase() === t) return v.value;
  return null;
}

/** Known enum columns whose reference entry names no enum. */
const IMPLIED_ENUMS: Record<string, string> = { 'ticket.status': 'TicketBaseStatus', 'ticket.read_status': 'TicketReadStatus' };

export function normalizeDate(text: string): string {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  if (!m) {
    const n = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
    if (n) m = [n[0], n[3], n[2], n[1], n[4], n[5], n[6]] as unknown as RegExpExecArray;
  }
  if (!m) return s;
  const p = (v: string | undefined): string => String(Number(v ?? 0)).padStart(2, '0');
  return `${m[1]}-${p(m[2])}-${p(m[3])} ${p(m[4])}:${p(m[5])}:${p(m[6])}`;
}

export function toColumnValue(col: CrmColumn | null, kind: StorageKind, text: string, table?: string): CrmValue {
  switch (kind) {
    case 'text':
      return text;
    case 'datetime':
      return text.trim() === '' ? null : normalizeDate(text);
    case 'real': {
      const n = Number(text.trim().replace(',', '.'));
      return Number.isFinite(n) ? n : 0;
    }
    default: {
      const t = text.trim();
      if (/^[-+]?\d+$/.test(t)) return Number(t);
      if (/^[-+]?\d*\.\d+$/.test(t)) return Math.trunc(Number(t));
      const l = t.toLowerCase();
      if (l === 'true') return 1;
      if (l === 'false' || l === '') return 0;
      const e = enumValue(col?.enum ?? (table && col ? IMPLIED_ENUMS[`${table.toLowerCase()}.${col.name.toLowerCase()}`] : undefined), t);
      if (e !== null) return e;
      return t; // compared as text: matches nothing in an integer column
    }
  }
}
