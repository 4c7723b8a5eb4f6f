// How CRM-backed natives reach the database of the run (rt.crm), and small conversions they share.
import { rt } from '../../runtime/context.js';
import { NO_CRM_MESSAGE, type CrmService, type CrmValue } from '../../runtime/crm-service.js';
import { CrmError } from '../../runtime/values.js';
import { parseDateTime } from '../time/parse.js';
import { formatDateTime } from '../time/format.js';
import type { CrmDateTime } from '../time/values.js';

export function crm(): CrmService {
  if (!rt.crm) throw new CrmError(NO_CRM_MESSAGE);
  return rt.crm;
}

/** The system's sender address (config.default_mail), '' when none is set. */
export function systemMailFrom(): string {
  return text(crm().get('config', 1)?.default_mail);
}

/** A stored value as CRMScript text ('' for NULL). */
export function text(v: CrmValue | undefined): string {
  if (v === null || v === undefined) return '';
  return String(v);
}

export function int(v: CrmValue | undefined): number {
  if (v === null || v === undefined || v === '') return 0;
  const n = Number(v);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/** A stored date ('YYYY-MM-DD hh:mm:ss' or NULL) as a DateTime value. */
export function dateTime(v: CrmValue | undefined): CrmDateTime {
  return parseDateTime(v === null || v === undefined ? '' : String(v));
}

/** A DateTime as stored (NULL for the null DateTime). */
export function storedDateTime(dt: CrmDateTime): string | null {
  return dt.isNull ? null : formatDateTime(dt);
}
