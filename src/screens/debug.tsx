/** Tab 4, Debug sessions. Placeholder until the debugger lands. */
import React from 'react';
import type { TabProps } from '../tui/services.js';
import { EmptyState } from '../tui/components/EmptyState.js';
import { useStoreData } from '../tui/hooks.js';

export function DebugTab({ size }: TabProps): React.ReactElement {
  const d = useStoreData();
  const n = d.debugSessions.length;
  return (
    <EmptyState
      title="Debug sessions"
      size={size}
      lines={[
        'The debugger arrives in a later release.',
        n === 0 ? 'There are no debug sessions.' : `The store lists ${n} debug session${n === 1 ? '' : 's'}; attaching to them arrives with the debugger.`,
      ]}
    />
  );
}
