// NSContactAgent.IsNumberValid: whether a company number may be saved as its company's, by the
// rules the number's counter holds (NSNumberAllocationAgent's RefCounts row of contact.number2,
// the company card's Number field, the common one: RecordId 0). A counter marked Unique refuses a
// number another company has (the company `contactId` itself aside; letter case and surrounding
// spaces do not count); one not marked AllowBlank refuses an empty number. With no counter the
// number is neither unique nor required, so any is valid. What the sandbox cannot do fails saying
// what it lacks: soft deletion and SuperOffice's duplicate rules.
import type { CrmRow } from '../../../runtime/crm-service.js';
import { db } from './db.js';
import { col } from './view.js';
import { lacking, type Methods } from './define.js';
import { fieldIdOf } from './number-allocation.js';

const AGENT = 'NSContactAgent';
const FIELD = 'contact.number2';

/** RefcountFlags: Unique 2, AllowBlank 8. */
const UNIQUE = 2;
const ALLOW_BLANK = 8;

/** The common counter of the company number, or null. */
function counter(): CrmRow | null {
  if (!db().table('RefCounts')) return null;
  const fieldId = fieldIdOf(FIELD, `${AGENT}.IsNumberValid`);
  const rows = db().select('RefCounts', { where: [{ column: 'fieldId', op: '=', value: fieldId }], orderBy: [{ column: 'RefCounts_id' }] });
  return rows.find((r) => !Number(col(r, 'recordId') ?? 0)) ?? null;
}

function numberValid(contactId: number, number: string): boolean {
  const rule = counter();
  if (!rule) return true;
  const flags = Number(col(rule, 'flags') ?? 0);
  const wanted = number.trim().toLowerCase();
  if (!wanted) return (flags & ALLOW_BLANK) !== 0;
  if (!(flags & UNIQUE)) return true;
  // the number's other companies (compared without case and spaces around)
  const others = db()
    .select('contact', { columns: ['contact_id', 'number2'], where: [{ column: 'number2', op: '<>', value: '' }, { column: 'contact_id', op: '<>', value: contactId }] })
    .filter((r) => String(col(r, 'number2') ?? '').trim().toLowerCase() === wanted);
  return others.length === 0;
}

export const contactNumber: Methods = {
  'IsNumberValid(Integer,String)': (_a: unknown, contactId: number, number: string) => numberValid(contactId | 0, String(number ?? '')),
  ...lacking(AGENT, 'the sandbox CRM deletes companies at once (DeleteContactEntity): it keeps no soft-deleted companies whose retention could expire', ['DeleteExpired()']),
  ...lacking(AGENT, "the sandbox CRM has no duplicate rules (SuperOffice's are plug-ins of its application server, and it documents no table that keeps them)", [
    'GetDuplicateRules()',
    'GetDuplicates(String)',
    'SetDuplicateRulesStatus(NSDuplicateRule[])',
  ]),
};
