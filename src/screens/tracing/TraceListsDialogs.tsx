/** The dialogs of the trace lists: the trace form (new or edit), delete a trace, delete a recording. */
import React from 'react';
import { ConfirmDelete } from '../../tui/components/Dialog.js';
import { TRACING_KEYS, displayMainKey } from '../../tui/keymap.js';
import type { Size } from '../../tui/hooks.js';
import type { TuiServices } from '../../tui/services.js';
import { plural } from '../../tui/text.js';
import { removeRecording, removeTrace } from '../../tracing/manage.js';
import { TraceForm } from './TraceForm.js';
import type { TraceTarget } from './model.js';
import type { TraceListsState } from './useTraceLists.js';

export function TraceListsDialogs({
  s,
  size,
  tui,
  target,
  onBack,
}: {
  s: TraceListsState;
  size: Size;
  tui: TuiServices;
  target?: TraceTarget;
  onBack?: () => void;
}): React.ReactElement {
  const { dialog, setDialog, all, bridge, setTraceSel, setFocus } = s;
  return (
    <>
      {dialog?.kind === 'new' || dialog?.kind === 'edit' ? (
        <TraceForm
          area={size}
          config={dialog.kind === 'edit' ? (all.find((r) => r.config.id === dialog.id)?.config ?? null) : null}
          target={target}
          onCancel={() => {
            setDialog(null);
            if (target && all.length === 0) onBack?.();
          }}
          onSaved={(c, created) => {
            setDialog(null);
            setTraceSel({ id: c.id, index: 0 });
            if (created && target) setFocus('runs');
            const off = !bridge.store.read().settings.tracingEnabled ? ` Tracing scripts is off, though: ${displayMainKey(TRACING_KEYS.tracing)} starts it.` : '';
            tui.flash(`${created ? 'Created' : 'Saved'} the trace.${c.enabled ? off : ' It is disabled.'}`, 'success');
          }}
        />
      ) : null}
      {dialog?.kind === 'deleteTrace' ? (
        <ConfirmDelete
          flash={tui.flash}
          title="Delete trace"
          message={dialog.message}
          area={size}
          onClose={() => setDialog(null)}
          remove={() => {
            setFocus('traces');
            return removeTrace(bridge.store, dialog.id).then((r) => (bridge.notify(), r));
          }}
          done={(r) => `Deleted the trace${r.runs.length ? ` and ${plural(r.runs.length, 'recording')}` : ''}.`}
        />
      ) : null}
      {dialog?.kind === 'deleteRun' ? (
        <ConfirmDelete
          flash={tui.flash}
          title="Delete recording"
          message={dialog.message}
          area={size}
          onClose={() => setDialog(null)}
          remove={() => removeRecording(bridge.store, dialog.id).then(() => bridge.notify())}
          done="Deleted the recording."
        />
      ) : null}
    </>
  );
}
