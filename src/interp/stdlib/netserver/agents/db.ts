// How the agents reach the sandbox CRM (only through the run's CrmService) and how column values
// become CRMScript values and back.
import { rt } from '../../../runtime/context.js';
import { CrmError } from '../../../runtime/values.js';
import { NO_CRM_MESSAGE, type CrmService, type CrmValue } from '../../../runtime/crm-service.js';
import { CrmDateTime, makeDateTime, nullDateTime } from '../../time/values.js';

/** The run's CRM database, or a CRMScript error saying that none is attached. */
export function db(): CrmService {
  const crm = rt.crm;
  if (!crm) throw new CrmError(NO_CRM_MESSAGE);
  return crm;
}

/** Whether the sandbox has a table (its schema is SuperOffice's documented subset). */
export function hasTable(table: string): boolean {
  return db().table(table) !== null;
}

/** Value kinds of mapped properties: Integer, Float, Bool, String, DateTime. */
export type Kind = 'i' | 'f' | 'b' | 's' | 'd';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** 'YYYY-MM-DD hh:mm:ss' (how the CRM stores DateTime columns) or null for a null DateTime. */
export function dateToDb(dt: CrmDateTime): string | null {
  if (dt.isNull) return null;
  return `${pad(dt.year, 4)}-${pad(dt.month)}-${pad(dt.day)} ${pad(dt.hour)}:${pad(dt.minute)}:${pad(dt.second)}`;
}

export function dateFromDb(v: CrmValue): CrmDateTime {
  if (v === null || v === '' || v === 0) return nullDateTime();
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?/.exec(String(v));
  if (!m || m[1] === '0000') return nullDateTime();
  return makeDateTime(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

/** A column value as the CRMScript value of a property of kind `k`. */
export function fromDb(v: CrmValue | undefined, k: Kind): unknown {
  switch (k) {
    case 'i':
      return v === null || v === undefined || v === '' ? 0 : Number(v) | 0;
    case 'f':
      return v === null || v === undefined || v === '' ? 0 : Number(v);
    case 'b':
      return v !== null && v !== undefined && v !== '' && v !== '0' && Number(v) !== 0;
    case 's':
      return v === null || v === undefined ? '' : String(v);
    case 'd':
      return dateFromDb(v ?? null);
  }
}

/** A property value as a column value. */
export function toDb(v: unknown, k: Kind): CrmValue {
  switch (k) {
    case 'i':
    case 'f':
      return typeof v === 'number' ? v : Number(v ?? 0) || 0;
    case 'b':
      return v ? 1 : 0;
    case 's':
      return v === undefined || v === null ? '' : String(v);
    case 'd':
      return v instanceof CrmDateTime ? dateToDb(v) : null;
  }
}

/** Now, as a DateTime value (the CRM's clock, so that it agrees with what it stores). */
export function now(): CrmDateTime {
  return dateFromDb(db().now());
}

/** A CRMScript error naming the agent method: "NSSaleAgent.SaveSaleEntity: …". */
export function fail(where: string, message: string): CrmError {
  return new CrmError(`${where}: ${message}`);
}
