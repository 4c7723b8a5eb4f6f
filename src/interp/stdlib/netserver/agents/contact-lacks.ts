// NSContactAgent's company number check (number-validity.ts) and the methods that need what the
// sandbox lacks: soft deletion (DeleteContactEntity removes the row at once) and SuperOffice's
// duplicate rules.
import { lacking, type Methods } from './define.js';
import { numberValidity } from './number-validity.js';

const AGENT = 'NSContactAgent';

export const contactNumber: Methods = {
  ...numberValidity(AGENT),
  ...lacking(AGENT, 'the sandbox CRM deletes companies at once (DeleteContactEntity): it keeps no soft-deleted companies whose retention could expire', ['DeleteExpired()']),
  ...lacking(AGENT, "the sandbox CRM has no duplicate rules (SuperOffice's are plug-ins of its application server, and it documents no table that keeps them)", [
    'GetDuplicateRules()',
    'GetDuplicates(String)',
    'SetDuplicateRulesStatus(NSDuplicateRule[])',
  ]),
};
