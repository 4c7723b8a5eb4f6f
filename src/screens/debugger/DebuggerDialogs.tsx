/** The dialogs of the Debugger screen: a value shown whole, and leaving a run that has not ended. */
import React from 'react';
import { ConfirmDialog } from '../../tui/components/Dialog.js';
import type { Size } from '../../tui/hooks.js';
import { ValueDialog } from './ValueDialog.js';
import type { DebuggerState } from './useDebugger.js';

export function DebuggerDialogs({ d, size, title, onBack }: { d: DebuggerState; size: Size; title: string; onBack: () => void }): React.ReactElement {
  const { valueOf, setValueOf, askLeave, setAskLeave } = d;
  return (
    <>
      {valueOf ? <ValueDialog title={valueOf.title} text={valueOf.text} area={size} onClose={() => setValueOf(null)} /> : null}
      {askLeave ? (
        <ConfirmDialog
          title="Leave the debugger?"
          message={`The debug run of "${title}" has not ended; leaving stops it.`}
          area={size}
          yesLabel="Stop and leave"
          noLabel="Stay"
          danger
          onYes={() => {
            setAskLeave(false);
            onBack();
          }}
          onNo={() => setAskLeave(false)}
        />
      ) : null}
    </>
  );
}
