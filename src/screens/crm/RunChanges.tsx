// The CRM part of a run's result: how many rows it changed (or that it kept nothing), and the
// first few changes, one line each.
import React from 'react';
import { Text } from 'ink';
import type { CrmChange } from '../../interp/runtime/crm-service.js';
import { changeLine } from '../../crm/changes.js';
import { useTheme } from '../../tui/theme.js';

export function runChangesLines(changes: CrmChange[] | undefined, rolledBack: boolean, max = 3): string[] {
  const list = changes ?? [];
  if (!list.length) return rolledBack ? ['CRM: no rows changed (rollback on)'] : [];
  const head = `CRM: ${list.length} row${list.length === 1 ? '' : 's'} changed${rolledBack ? ' — rolled back, nothing kept' : ''} (C: CRM data view)`;
  const more = list.length > max ? [`  … and ${list.length - max} more`] : [];
  return [head, ...list.slice(0, max).map((c) => '  ' + changeLine(c)), ...more];
}

export function RunChanges({ changes, rolledBack }: { changes: CrmChange[] | undefined; rolledBack: boolean }): React.ReactElement | null {
  const t = useTheme();
  const lines = runChangesLines(changes, rolledBack);
  if (!lines.length) return null;
  return (
    <>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate" {...(i === 0 ? t.muted : {})}>
          {l}
        </Text>
      ))}
    </>
  );
}
