/**
 * The trace lists: the global Start/Stop tracing switch, the traces (with a filter) and the
 * recordings of the selected one. State and operations: useTraceLists; dialogs:
 * TraceListsDialogs. This file binds the keys and lays the lists out.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { VirtualList, listNavBindings } from '../../tui/components/VirtualList.js';
import { Field } from '../../tui/components/Field.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { NAV_KEYS, TRACING_KEYS, displayMainKey } from '../../tui/keymap.js';
import { useTheme } from '../../tui/theme.js';
import { cellWidth, fit, plural, truncate } from '../../tui/text.js';
import type { TraceRun } from '../../store/schema.js';
import type { TraceRecording } from '../../interp/trace/reader.js';
import { configSummary, runColumns, runHeader, runLine, traceColumns, traceHeader, traceLine, type TraceTarget } from './model.js';
import type { Size } from '../../tui/hooks.js';
import type { TuiServices } from '../../tui/services.js';
import { useTraceLists } from './useTraceLists.js';
import { TraceListsDialogs } from './TraceListsDialogs.js';
import { stepsUnknown } from '../../tracing/steps-text.js';

export interface TraceListsProps {
  size: Size;
  tui: TuiServices;
  /** Only this script's or macro's traces (its Trace action); a new trace is for it. */
  target?: TraceTarget;
  /** Leaving (Esc on the trace list); absent in the tab, which has nowhere to go back to. */
  onBack?: () => void;
  /** Show the outbox. */
  onOutbox: () => void;
  /** Replay a recording in the trace viewer. */
  onOpen: (rec: TraceRecording, run: TraceRun, title: string) => void;
}

export function TraceLists({ size, tui, target, onBack, onOutbox, onOpen }: TraceListsProps): React.ReactElement {
  const t = useTheme();
  const s = useTraceLists({ tui, target, onOpen });
  const { all, filter, rows, focus, setFocus, dialog, setDialog, opening, setOpening, index, row, runs, runIndex, run, tracingOn, pending, selectTrace, selectRun } = s;
  const filtering = filter.typing;

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

  // ---- keys
  const toRuns = () => row && setFocus('runs');
  const tracingBinding: Binding = { def: TRACING_KEYS.tracing, run: s.toggleTracing, label: tracingOn ? 'Stop tracing' : 'Start tracing', help: TRACING_KEYS.tracing.help };
  const outboxBinding: Binding = { def: TRACING_KEYS.outbox, run: onOutbox };
  const traceKeys: Binding[] = [
    { def: TRACING_KEYS.recordings, when: !!row, run: toRuns },
    { def: TRACING_KEYS.newTrace, run: () => setDialog({ kind: 'new' }), label: 'New', help: TRACING_KEYS.newTrace.help },
    { def: TRACING_KEYS.edit, when: !!row, run: () => row && setDialog({ kind: 'edit', id: row.config.id }) },
    tracingBinding,
    { def: TRACING_KEYS.toggle, when: !!row, run: () => row && s.toggleTrace(row.config), label: row?.config.enabled ? 'Disable' : 'Enable', help: TRACING_KEYS.toggle.help },
    { def: TRACING_KEYS.deleteTrace, when: !!row, run: () => row && s.askDeleteTrace(row) },
    outboxBinding,
    { def: NAV_KEYS.filter, run: filter.start, footer: all.length > 3 },
    filter.clearKey(),
    { def: TRACING_KEYS.back, when: filter.value === '' && !!onBack, run: () => onBack?.() },
    ...listNavBindings(rows.length, traceRows, selectTrace),
  ];
  const runKeys: Binding[] = [
    { def: TRACING_KEYS.replay, when: !!run && !opening, run: () => run && setOpening(run) },
    { def: TRACING_KEYS.deleteRecording, when: !!run, run: () => run && s.askDeleteRun(run) },
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
    ? stepsUnknown(opening)
      ? 'Replaying the run from its recorded inputs (the first open makes its steps)…'
      : 'Opening the recording…'
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
      <TraceListsDialogs s={s} size={size} tui={tui} target={target} onBack={onBack} />
    </Box>
  );
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
