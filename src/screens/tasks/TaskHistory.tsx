/**
 * A task's history: its runs (start, duration, outcome) on top, and the
 * selected run's error and output below.
 */
import React, { useEffect, useMemo, useState } from 'react';
import { readFileSync } from 'node:fs';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { VirtualList, listNavBindings } from '../../tui/components/VirtualList.js';
import { TextView, positionNote, clampTop } from '../../tui/components/TextView.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { useTheme } from '../../tui/theme.js';
import { expandTabs, fit } from '../../tui/text.js';
import { useStoreBridge, useStoreData, type Size } from '../../tui/hooks.js';
import { fullOutput } from '../../store/blobs.js';
import { fetchContent, outputFile } from '../../store/files.js';
import { getById, taskRunsFor } from '../../store/repos.js';
import type { TaskRun } from '../../store/schema.js';
import { formatDuration, formatRunTime, outcomeWord, runElapsedMs, taskRow } from '../../tasks/manage.js';
import { TASK_HISTORY_KEYS } from './keys.js';
import { resultLabel } from './model.js';

export interface TaskHistoryProps {
  taskId: string;
  size: Size;
  dataDir: string;
  now: Date;
  onBack: () => void;
  onStartNow: () => void;
  /** Ask to stop the running run (the tab asks first). */
  onStop: () => void;
  onEdit: () => void;
  /** False while a dialog over the history has the keys. */
  active?: boolean;
}

function runLine(r: TaskRun, width: number, now: Date): string {
  const first = (r.error ?? r.output).split('\n').find((l) => l.trim() !== '') ?? '';
  const head = `${formatRunTime(r.startedAt)}  ${fit(resultLabel(r.outcome), 7)}  ${fit(formatDuration(runElapsedMs(r, now)), 10)}  `;
  return fit(head + first, width);
}

export function TaskHistory({ taskId, size, dataDir, now, onBack, onStartNow, onStop, onEdit, active = true }: TaskHistoryProps): React.ReactElement {
  const t = useTheme();
  const d = useStoreData();
  const task = getById(d, 'tasks', taskId);
  const runs = useMemo(() => (task ? taskRunsFor(d, task.id) : []), [d, task]);
  const [selected, setSelected] = useState(0);
  const [top, setTop] = useState(0);
  const [left, setLeft] = useState(0);
  const sel = Math.min(selected, Math.max(runs.length - 1, 0));
  const run = runs[sel];
  // A long output made on another machine of a fleet is fetched into this one's data directory first.
  const bridge = useStoreBridge();
  const [fetched, setFetched] = useState<{ blob: string; text: string } | null>(null);
  const blob = run?.outputBlob ?? null;
  useEffect(() => {
    if (blob === null) return;
    let live = true;
    void fetchContent(bridge.store, outputFile(blob))
      .then((path) => {
        if (live && path) setFetched({ blob, text: readFileSync(path, 'utf8') });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [blob, bridge.store]);

  const listH = Math.max(Math.min(runs.length, Math.floor((size.height - 6) / 2)), 3);
  const detailH = Math.max(size.height - listH - 3, 3);
  const innerW = Math.max(size.width - 2, 10);
  const outH = Math.max(detailH - 2, 1);

  const lines = useMemo(() => {
    if (!run) return [];
    const out: string[] = [];
    const running = run.outcome === 'running';
    const took = formatDuration(runElapsedMs(run, now));
    const ended = run.endedAt ? `ended ${formatRunTime(run.endedAt)} · ${took}` : `running for ${took}`;
    out.push(`Started ${formatRunTime(run.startedAt)} · ${ended} · ${outcomeWord(run.outcome)}${run.stopRequestedBy && running ? ` · stop asked by ${run.stopRequestedBy}` : ''}`);
    if (run.error) out.push(...run.error.split('\n').map((l) => `Error: ${expandTabs(l)}`));
    const text = fetched && fetched.blob === run.outputBlob ? fetched.text : fullOutput(dataDir, run);
    out.push(text === '' ? (running ? '(no output yet)' : '(no output)') : running ? '─ output so far ─' : '─ output ─');
    if (text !== '') out.push(...text.replace(/\n$/, '').split('\n').map((l) => expandTabs(l)));
    return out;
  }, [run, dataDir, now, fetched]);

  const setRun = (f: (i: number) => number) => {
    setSelected((i) => f(Math.min(i, Math.max(runs.length - 1, 0))));
    setTop(0);
    setLeft(0);
  };
  const page = Math.max(outH - 1, 1);
  const bindings: Binding[] = [
    ...listNavBindings(runs.length, listH, setRun).filter((b) => b.def.keys[0] !== 'pgup' && b.def.keys[0] !== 'pgdn'),
    { def: TASK_HISTORY_KEYS.scrollUp, run: () => setTop((x) => clampTop(x - page, lines.length, outH)), footer: false },
    { def: TASK_HISTORY_KEYS.scrollDown, run: () => setTop((x) => clampTop(clampTop(x, lines.length, outH) + page, lines.length, outH)), footer: false },
    { def: TASK_HISTORY_KEYS.left, run: () => setLeft((x) => Math.max(x - 8, 0)), footer: false },
    { def: TASK_HISTORY_KEYS.right, run: () => setLeft((x) => x + 8), footer: false },
    { def: TASK_HISTORY_KEYS.startNow, run: onStartNow, when: task !== undefined },
    { def: TASK_HISTORY_KEYS.stop, run: onStop, when: runs[0]?.outcome === 'running' },
    { def: TASK_HISTORY_KEYS.edit, run: onEdit, when: task !== undefined },
    { def: TASK_HISTORY_KEYS.back, run: onBack },
  ];
  useKeys({ title: 'Task history', bindings, active });

  if (!task) {
    return (
      <Panel title="History" width={size.width} height={size.height} focused>
        <Text {...t.muted}>This task was deleted.</Text>
      </Panel>
    );
  }
  const row = taskRow(d, task, now);
  const summary = `${row.target} · ${row.frequency} · ${row.status}`;
  return (
    <Box flexDirection="column" width={size.width} height={size.height}>
      <Text wrap="truncate" {...t.muted}>
        {fit(summary, size.width)}
      </Text>
      <Panel title={`History of "${task.name}"`} note={runs.length === 0 ? '' : `${sel + 1}/${runs.length}`} width={size.width} height={listH + 2} focused>
        <VirtualList
          items={runs}
          selected={sel}
          height={listH}
          width={innerW}
          empty="No runs yet. Press r to start it now (a daemon must be running)."
          renderRow={(r, _i, st) => {
            const style = r.outcome === 'failed' ? t.error : r.outcome === 'ok' ? {} : t.warning;
            return <Text {...(st.selected ? {} : style)}>{runLine(r, st.width, now)}</Text>;
          }}
        />
      </Panel>
      <Panel title="Run" note={positionNote(top, outH, lines.length)} width={size.width} height={detailH}>
        <TextView lines={lines} top={top} left={left} height={outH} width={innerW} empty="Select a run to see its output." />
      </Panel>
    </Box>
  );
}
