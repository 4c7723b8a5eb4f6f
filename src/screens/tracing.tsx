/** Tab 5, Tracing. Placeholder until tracing lands. */
import React from 'react';
import type { TabProps } from '../tui/services.js';
import { EmptyState } from '../tui/components/EmptyState.js';
import { useStoreData } from '../tui/hooks.js';

export function TracingTab({ size }: TabProps): React.ReactElement {
  const d = useStoreData();
  const n = d.traceConfigs.length;
  const r = d.traceRuns.length;
  return (
    <EmptyState
      title="Tracing"
      size={size}
      lines={[
        'Recording and replaying traces arrives in a later release.',
        `The store has ${n} trace configuration${n === 1 ? '' : 's'} and ${r} recorded run${r === 1 ? '' : 's'}.`,
      ]}
    />
  );
}
