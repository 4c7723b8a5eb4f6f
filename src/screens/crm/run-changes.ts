// The CRM lines of a run's result: how many rows it changed (or that it kept nothing), and the
// first few changes, one line each.
import type { CrmChange } from '../../interp/runtime/crm-service.js';
import { changeLine } from '../../crm/changes.js';

export function runChangesLines(changes: CrmChange[] | undefined, rolledBack: boolean, max = 3): string[] {
  const list = changes ?? [];
  if (!list.length) return rolledBack ? ['CRM: no rows changed (rollback on)'] : [];
  const head = `CRM: ${list.length} row${list.length === 1 ? '' : 's'} changed${rolledBack ? ' — rolled back, nothing kept' : ''} (C: CRM data view)`;
  const more = list.length > max ? [`  … and ${list.length - max} more`] : [];
  return [head, ...list.slice(0, max).map((c) => '  ' + changeLine(c)), ...more];
}
