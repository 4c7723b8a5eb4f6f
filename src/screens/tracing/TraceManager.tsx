/**
 * Trace configurations and their recordings: the Tracing tab, and (limited to one script or
 * macro) the screen its Trace action opens. Above the lists: the global Start/Stop tracing switch
 * and the notifications the traces left in the outbox. Everything is live: recordings that other
 * processes (the daemon, the CLI) make appear as they are saved.
 *
 *   Tracing scripts: ON — enabled traces record runs         1 notification pending (O)
 *   ╭ Traces ──────────────────────────────────────────────╮
 *   │ ON  TARGET            DESCRIPTION        RUNS LAST RUN │
 *   │›on  Examples/Hello    why four              3 …        │
 *   │ Records every run by anyone · keeps recordings 7 days  │
 *   │ No notifications                                       │
 *   ╰──────────────────────────────────────────────────────╯
 *   ╭ Recordings of Examples/Hello ────────────────────────╮
 *   │ WHEN           SOURCE (USER)  DURATION  STEPS OUTCOME  │
 *   ╰──────────────────────────────────────────────────────╯
 *
 * Enter on a trace goes to its recordings, Enter on a recording replays it in the trace viewer.
 */
import React, { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { VirtualList, filterItems, listNavBindings, useListFilter } from '../../tui/components/VirtualList.js';
import { ConfirmDelete } from '../../tui/components/Dialog.js';
import { Field } from '../../tui/components/Field.js';
import { KeyScope, useKeys, type Binding } from '../../tui/keys.js';
import { NAV_KEYS, TRACING_KEYS, displayMainKey } from '../../tui/keymap.js';
import { useStoreBridge, useStoreData, type Size } from '../../tui/hooks.js';
import type { TuiServices } from '../../tui/services.js';
import { useTheme } from '../../tui/theme.js';
import { cellWidth, fit, plural, truncate } from '../../tui/text.js';
import type { TargetKind, TraceConfig, TraceRun } from '../../store/schema.js';
import { listTraces, loadRecording, removeRecording, removeTrace, setTraceEnabled, setTracing } from '../../tracing/manage.js';
import type { TraceRecording } from '../../interp/trace/reader.js';
import { OutboxScreen } from '../macros/OutboxScreen.js';
import { TraceForm } from './TraceForm.js';
import { TraceViewer } from './Viewer.js';
import {
  configSummary,
  outcomeText,
  pendingTraceNotifications,
  runColumns,
  runHeader,
  runLine,
  traceColumns,
  traceHeader,
  traceLine,
  traceSearchText,
  whenText,
  type TraceRow,
} from './model.js';
import { errorMessage } from '../../interp/util/error-message.js';

export interface TraceTarget {
  kind: TargetKind;
  id: string;
  name: string;
}

export interface TraceManagerProps {
  size: Size;
  tui: TuiServices;
  /** Only this script's or macro's traces (its Trace action); a new trace is for it. */
  target?: TraceTarget;
  /** Leaving (Esc on the trace list); absent in the tab, which has nowhere to go back to. */
  onBack?: () => void;
}

interface Viewing {
  key: number;
  rec: TraceRecording;
  run: TraceRun;
  title: string;
}

let viewSeq = 0;

/** The lists, the trace viewer over them, and the outbox. */
export function TraceManager({ size, tui, target, onBack }: TraceManagerProps): React.ReactElement {
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const [outbox, setOutbox] = useState(false);
  const covered = viewing !== null || outbox;
  return (
    <Box width={size.width} height={size.height}>
      <Box display={covered ? 'none' : 'flex'} width={size.width} height={size.height}>
        <KeyScope active={!covered}>
          <TraceLists
            size={size}
            tui={tui}
            target={target}
            onBack={onBack}
            onOutbox={() => setOutbox(true)}
            onOpen={(rec, run, title) => setViewing({ key: ++viewSeq, rec, run, title })}
          />
        </KeyScope>
      </Box>
      {viewing ? <TraceViewer key={viewing.key} rec={viewing.rec} run={viewing.run} title={viewing.title} size={size} onClose={() => setViewing(null)} /> : null}
      {outbox && !viewing ? <OutboxScreen size={size} onBack={() => setOutbox(false)} /> : null}
    </Box>
  );
}

type Dialog = { kind: 'new' } | { kind: 'edit'; id: string } | { kind: 'deleteTrace'; id: string; message: string } | { kind: 'deleteRun'; id: string; message: string };

function TraceLists({
  size,
  tui,
  target,
  onBack,
  onOutbox,
  onOpen,
}: TraceManagerProps & { onOutbox: () => void; onOpen: (rec: TraceRecording, run: TraceRun, title: string) => void }): React.ReactElement {
  const t = useTheme();
  const data = useStoreData();
  const bridge = useStoreBridge();
  const all = useMemo<TraceRow[]>(
    () => listTraces(data).filter((r) => !target || (r.config.targetKind === target.kind && r.config.targetId === target.id)),
    [data, target],
  );
  const filter = useListFilter();
  const filtering = filter.typing;
  const rows = useMemo(() => filterItems(all, filter.value, traceSearchText), [all, filter.value]);
  const [focus, setFocus] = useState<'traces' | 'runs'>(() => (target && all.length === 1 ? 'runs' : 'traces'));
  // A script without a trace: its Trace action opens the form for a new one straight away.
  const [dialog, setDialog] = useState<Dialog | null>(() => (target && all.length === 0 ? { kind: 'new' } : null));
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

  // ---- layout
  const inner = Math.max(size.width - 2, 10);
  const switchH = 1;
  const filterShown = filter.shown;
  const bodyH = Math.max(size.height - switchH, 8);
  const wantTraceRows = Math.max(rows.length, 1);
  const maxTraceRows = Math.max(Math.floor(bodyH * 0.45) - 5 - (filterShown ? 1 : 0), 1);
  const traceRows = Math.min(wantTraceRows, maxTraceRows);
  const tracesH = traceRows + 5 + (filterShown ? 1 : 0);
  const runsH = Math.max(bodyH - tracesH, 4);
  const runRows = Math.max(runsH - 4, 1);
  const tcols = traceColumns(inner - 2);
  const rcols = runColumns(inner - 2);

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

  // ---- keys
  const toRuns = () => row && setFocus('runs');
  const tracingBinding: Binding = { def: TRACING_KEYS.tracing, run: toggleTracing, label: tracingOn ? 'Stop tracing' : 'Start tracing', help: TRACING_KEYS.tracing.help };
  const outboxBinding: Binding = { def: TRACING_KEYS.outbox, run: onOutbox };
  const traceKeys: Binding[] = [
    { def: TRACING_KEYS.recordings, when: !!row, run: toRuns },
    { def: TRACING_KEYS.newTrace, run: () => setDialog({ kind: 'new' }), label: 'New', help: TRACING_KEYS.newTrace.help },
    { def: TRACING_KEYS.edit, when: !!row, run: () => row && setDialog({ kind: 'edit', id: row.config.id }) },
    tracingBinding,
    { def: TRACING_KEYS.toggle, when: !!row, run: () => row && toggleTrace(row.config), label: row?.config.enabled ? 'Disable' : 'Enable', help: TRACING_KEYS.toggle.help },
    { def: TRACING_KEYS.deleteTrace, when: !!row, run: () => row && askDeleteTrace(row) },
    outboxBinding,
    { def: NAV_KEYS.filter, run: filter.start, footer: all.length > 3 },
    filter.clearKey(),
    { def: TRACING_KEYS.back, when: filter.value === '' && !!onBack, run: () => onBack?.() },
    ...listNavBindings(rows.length, traceRows, selectTrace),
  ];
  const runKeys: Binding[] = [
    { def: TRACING_KEYS.replay, when: !!run && !opening, run: () => run && setOpening(run) },
    { def: TRACING_KEYS.deleteRecording, when: !!run, run: () => run && askDeleteRun(run) },
    tracingBinding,
    { def: TRACING_KEYS.edit, when: !!row, run: () => row && setDialog({ kind: 'edit', id: row.config.id }), label: 'Edit trace', help: 'Edit the trace configuration' },
    outboxBinding,
    // From a script's Trace, Esc goes back to the script; in the tab, to the traces.
    ...(onBack
      ? [{ def: TRACING_KEYS.tracesPane, run: () => setFocus('traces') }, { def: TRACING_KEYS.back, run: onBack }]
      : [{ def: TRACING_KEYS.toTraces, run: () => setFocus('traces') }]),
    ...listNavBindings(runs.length, runRows, selectRun),
  ];
  const filterKeys: Binding[] = filter.typingKeys((by) => selectTrace((i) => i + by));
  const runsFocused = focus === 'runs' && !!row;
  useKeys({
    title: filtering ? 'Filter traces' : runsFocused ? 'Recordings' : 'Traces',
    bindings: filtering ? filterKeys : runsFocused ? runKeys : traceKeys,
    capture: filtering,
  });

  // ---- render
  const traceNote = filter.value ? `${rows.length} of ${all.length}` : all.length ? `${all.length}, ${all.filter((r) => r.config.enabled).length} on` : '';
  const [sum1, sum2] = row ? configSummary(row.config) : ['', ''];
  const emptyTraces =
    all.length === 0
      ? target
        ? `No trace for this ${target.kind} yet. Press ${displayMainKey(TRACING_KEYS.newTrace)} to create one.`
        : `No traces yet. Press ${displayMainKey(TRACING_KEYS.newTrace)} to trace a script or macro.`
      : 'No trace matches the filter.';
  const emptyRuns = !row
    ? ''
    : !tracingOn
      ? `No recordings. Tracing scripts is off: ${displayMainKey(TRACING_KEYS.tracing)} starts it.`
      : !row.config.enabled
        ? `No recordings. This trace is disabled: ${displayMainKey(TRACING_KEYS.toggle)} on it enables it.`
        : `No recordings yet. Runs of this ${row.config.targetKind} are recorded from now on${row.config.onlyOnException ? ' (kept only when they end with an exception)' : ''}.`;
  const runDetail = opening
    ? 'Opening the recording…'
    : run
      ? run.exception
        ? run.exception
        : `Recording ${run.id} · ${run.file}`
      : '';
  const runsTitle = row ? `Recordings of ${row.config.targetKind === 'macro' ? 'macro ' : ''}${row.target}` : 'Recordings';

  return (
    <Box flexDirection="column" width={size.width} height={size.height}>
      <SwitchLine on={tracingOn} pending={pending} width={size.width} />
      <Panel title={target ? `Traces of ${target.kind} "${target.name}"` : 'Traces'} note={traceNote} width={size.width} height={tracesH} focused={!runsFocused && !dialog}>
        {filterShown ? (
          <Box height={1}>
            <Text {...t.muted}>/</Text>
            <Field value={filter.value} onChange={filter.set} focused={filtering} width={inner - 2} placeholder="filter by target, description, user" />
          </Box>
        ) : null}
        <Text {...t.muted} wrap="truncate">
          {' '}
          {traceHeader(tcols)}
        </Text>
        <VirtualList
          items={rows}
          selected={index}
          height={traceRows}
          width={inner}
          focused={!runsFocused && !dialog}
          renderRow={(r, _i, st) => <Text {...(r.config.enabled || st.selected ? {} : t.muted)}>{fit(traceLine(r, tcols), st.width)}</Text>}
          empty={emptyTraces}
        />
        <Text wrap="truncate" {...(row?.config.enabled ? {} : t.muted)}>
          {' '}
          {fit(sum1, inner - 1)}
        </Text>
        <Text wrap="truncate" {...t.muted}>
          {' '}
          {fit(sum2, inner - 1)}
        </Text>
      </Panel>
      <Panel title={runsTitle} note={row ? String(runs.length) : ''} width={size.width} height={runsH} focused={runsFocused && !dialog}>
        <Text {...t.muted} wrap="truncate">
          {' '}
          {runHeader(rcols)}
        </Text>
        <VirtualList
          items={runs}
          selected={runIndex}
          height={runRows}
          width={inner}
          focused={runsFocused && !dialog}
          renderRow={(r, _i, st) => <Text {...(r.outcome !== 'ok' && !st.selected ? t.error : {})}>{fit(runLine(r, rcols), st.width)}</Text>}
          empty={emptyRuns}
        />
        <Text wrap="truncate" {...(run?.exception && !opening ? t.error : t.muted)}>
          {' '}
          {fit(runsFocused || opening ? runDetail : row && runs.length ? `${displayMainKey(TRACING_KEYS.recordings)} goes to the recordings; ${displayMainKey(TRACING_KEYS.replay)} on one replays it.` : '', inner - 1)}
        </Text>
      </Panel>
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
    </Box>
  );
}

/** "01-31 14:05:09 (failed: boom)". */
function runLabel(r: TraceRun): string {
  return `${whenText(r.startedAt)} (${outcomeText(r)})`;
}

function SwitchLine({ on, pending, width }: { on: boolean; pending: number; width: number }): React.ReactElement {
  const t = useTheme();
  const right = pending > 0 ? `${plural(pending, 'trace notification')} pending: ${displayMainKey(TRACING_KEYS.outbox)} shows the outbox ` : '';
  const badge = on ? ' ON ' : ' OFF ';
  const lead = ' Tracing scripts ';
  const say = on ? 'enabled traces record runs' : `nothing is recorded; ${displayMainKey(TRACING_KEYS.tracing)} starts it`;
  const room = Math.max(width - cellWidth(lead) - cellWidth(badge) - cellWidth(right) - 2, 0);
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        <Text bold>{lead}</Text>
        <Text {...(on ? t.success : t.warning)} inverse bold>
          {badge}
        </Text>{' '}
        <Text {...t.muted}>{fit(truncate(say, room), room)}</Text>
        <Text {...t.warning}>{right}</Text>
      </Text>
    </Box>
  );
}
