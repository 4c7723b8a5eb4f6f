/**
 * The state of the trace lists: the traces (of one script or macro, or all) and the filter over
 * them, the selected trace and recording, which list has the focus, the open dialog, opening a
 * recording, and the operations the keys call (switch tracing, enable a trace, ask to delete).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { filterItems, useListFilter } from '../../tui/components/VirtualList.js';
import { TRACING_KEYS, displayMainKey } from '../../tui/keymap.js';
import { useStoreBridge, useStoreData } from '../../tui/hooks.js';
import type { TuiServices } from '../../tui/services.js';
import { plural } from '../../tui/text.js';
import type { TraceConfig, TraceRun } from '../../store/schema.js';
import { listTraces, loadRecording, setTraceEnabled, setTracing } from '../../tracing/manage.js';
import type { TraceRecording } from '../../interp/trace/reader.js';
import { outcomeText, pendingTraceNotifications, traceSearchText, whenText, type TraceRow, type TraceTarget } from './model.js';
import { errorMessage } from '../../interp/util/error-message.js';

export type TraceListsDialog =
  | { kind: 'new' }
  | { kind: 'edit'; id: string }
  | { kind: 'deleteTrace'; id: string; message: string }
  | { kind: 'deleteRun'; id: string; message: string };

export function useTraceLists({
  tui,
  target,
  onOpen,
}: {
  tui: TuiServices;
  target?: TraceTarget;
  onOpen: (rec: TraceRecording, run: TraceRun, title: string) => void;
}) {
  const data = useStoreData();
  const bridge = useStoreBridge();
  const all = useMemo<TraceRow[]>(
    () => listTraces(data).filter((r) => !target || (r.config.targetKind === target.kind && r.config.targetId === target.id)),
    [data, target],
  );
  const filter = useListFilter();
  const rows = useMemo(() => filterItems(all, filter.value, traceSearchText), [all, filter.value]);
  const [focus, setFocus] = useState<'traces' | 'runs'>(() => (target && all.length === 1 ? 'runs' : 'traces'));
  // A script without a trace: its Trace action opens the form for a new one straight away.
  const [dialog, setDialog] = useState<TraceListsDialog | null>(() => (target && all.length === 0 ? { kind: 'new' } : null));
  const [traceSel, setTraceSel] = useState<{ id: string | null; index: number }>({ id: null, index: 0 });
  const [runSel, setRunSel] = useState<{ id: string | null; index: number }>({ id: null, index: 0 });
  const [opening, setOpening] = useState<TraceRun | null>(null);

  let index = traceSel.id === null ? -1 : rows.findIndex((r) => r.config.id === traceSel.id);
  if (index < 0) index = Math.max(0, Math.min(traceSel.index, rows.length - 1));
  const row: TraceRow | undefined = rows[index];
  const runs = row?.recordings ?? [];
  let runIndex = runSel.id === null ? -1 : runs.findIndex((r) => r.id === runSel.id);
  if (runIndex < 0) runIndex = Math.max(0, Math.min(runSel.index, runs.length - 1));
  const run: TraceRun | undefined = runs[runIndex];
  const tracingOn = data.settings.tracingEnabled;
  const pending = pendingTraceNotifications(data).length;

  const failed = (e: unknown) => tui.flash(errorMessage(e), 'error');

  // ---- opening a recording (a big one takes a moment: say so first)
  const openRef = useRef<TraceRun | null>(null);
  useEffect(() => {
    if (!opening) return;
    openRef.current = opening;
    const timer = setTimeout(() => {
      const r = opening;
      loadRecording(bridge.store, r)
        .then((rec) => {
          if (openRef.current === r) onOpen(rec, r, row ? `${row.config.targetKind} ${row.target}` : 'a recording');
        })
        .catch(failed)
        .finally(() => {
          openRef.current = null;
          setOpening(null);
        });
    }, 15);
    return () => clearTimeout(timer);
    // Opens once per request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opening]);

  const selectTrace = (f: (i: number) => number) =>
    setTraceSel(() => {
      const i = Math.max(0, Math.min(f(index), rows.length - 1));
      return { id: rows[i]?.config.id ?? null, index: i };
    });
  const selectRun = (f: (i: number) => number) =>
    setRunSel(() => {
      const i = Math.max(0, Math.min(f(runIndex), runs.length - 1));
      return { id: runs[i]?.id ?? null, index: i };
    });

  // ---- actions
  const toggleTracing = () => {
    setTracing(bridge.store, !tracingOn).then(
      () => {
        bridge.notify();
        tui.flash(!tracingOn ? 'Tracing scripts is on: enabled traces record runs.' : 'Tracing scripts is off: no runs are recorded.', 'success');
      },
      failed,
    );
  };
  const toggleTrace = (c: TraceConfig) => {
    setTraceEnabled(bridge.store, c.id, !c.enabled).then(
      () => {
        bridge.notify();
        const off = !tracingOn && !c.enabled ? ` Tracing scripts is off, though: ${displayMainKey(TRACING_KEYS.tracing)} starts it.` : '';
        tui.flash(`${c.enabled ? 'Disabled' : 'Enabled'} the trace.${off}`, 'success');
      },
      failed,
    );
  };
  const askDeleteTrace = (r: TraceRow) => {
    const n = r.recordings.length;
    const what = r.config.description ? `the trace "${r.config.description}" of` : 'the trace of';
    setDialog({
      kind: 'deleteTrace',
      id: r.config.id,
      message: `Delete ${what} ${r.config.targetKind} "${r.target}"${n ? ` and its ${plural(n, 'recording')}` : ''}? This cannot be undone.`,
    });
  };
  const askDeleteRun = (r: TraceRun) =>
    setDialog({ kind: 'deleteRun', id: r.id, message: `Delete the recording of ${runLabel(r)}? This cannot be undone.` });

  return {
    data,
    bridge,
    all,
    filter,
    rows,
    focus,
    setFocus,
    dialog,
    setDialog,
    setTraceSel,
    opening,
    setOpening,
    index,
    row,
    runs,
    runIndex,
    run,
    tracingOn,
    pending,
    selectTrace,
    selectRun,
    toggleTracing,
    toggleTrace,
    askDeleteTrace,
    askDeleteRun,
  };
}

export type TraceListsState = ReturnType<typeof useTraceLists>;

/** "01-31 14:05:09 (failed: boom)". */
function runLabel(r: TraceRun): string {
  return `${whenText(r.startedAt)} (${outcomeText(r)})`;
}
