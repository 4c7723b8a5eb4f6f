/**
 * Tab 3, Scheduled tasks: the list (name, script or macro, frequency, status,
 * last run and result, next run), the create/edit form, a task's history,
 * Start now, disable/enable and delete. The panel's note says whether a
 * daemon serves this store; next runs are shown either way.
 */
import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import type { TabProps } from '../../tui/services.js';
import { Panel } from '../../tui/components/Panel.js';
import { ConfirmDelete, ConfirmDialog } from '../../tui/components/Dialog.js';
import { VirtualList, filterItems, listNavBindings, useListFilter } from '../../tui/components/VirtualList.js';
import { Field } from '../../tui/components/Field.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { NAV_KEYS } from '../../tui/keymap.js';
import { useTheme } from '../../tui/theme.js';
import { fit, truncate } from '../../tui/text.js';
import { useNow, useStoreBridge, useStoreData } from '../../tui/hooks.js';
import { deleteContent, outputFile } from '../../store/files.js';
import { StoreError } from '../../store/errors.js';
import { getById } from '../../store/repos.js';
import { formatDateTime } from '../../tasks/schedule.js';
import { daemonStatus } from '../../daemon/status.js';
import { formatDuration, formatRunTime, outcomeWord, removeTask, requestStartNow, requestTaskStop, runElapsedMs, setTaskEnabled, taskRows, type TaskRow } from '../../tasks/manage.js';
import { TaskForm } from './TaskForm.js';
import { TaskHistory } from './TaskHistory.js';
import { TASK_LIST_KEYS } from './keys.js';
import { columnsFor, resultLabel, shortDateTime, statusLabel, type Columns } from './model.js';
import { errorMessage } from '../../interp/util/error-message.js';

type View = { kind: 'list' } | { kind: 'new' } | { kind: 'edit'; taskId: string; back: 'list' | 'history' } | { kind: 'history'; taskId: string };

export interface TasksTabProps extends TabProps {
  /** The clock (tests). */
  now?: () => Date;
}

function rowText(r: TaskRow, c: Columns, now: Date): string {
  return [
    fit(r.task.name, c.name),
    fit(r.frequency, c.freq),
    fit(statusLabel(r.status), c.status),
    ...(c.last ? [fit(shortDateTime(r.lastRun ? new Date(r.lastRun.startedAt) : null, now, c.wide), c.last)] : []),
    fit(resultLabel(r.lastResult), c.result),
    shortDateTime(r.nextRun, now, c.wide),
  ].join(' ');
}

function headerText(c: Columns): string {
  return [fit('NAME', c.name), fit('FREQUENCY', c.freq), fit('STATUS', c.status), ...(c.last ? [fit('LAST RUN', c.last)] : []), fit('LAST', c.result), 'NEXT RUN'].join(' ');
}

export function TasksTab({ store, active, size, tui, now: clock }: TasksTabProps): React.ReactElement {
  const t = useTheme();
  const d = useStoreData();
  const bridge = useStoreBridge();
  // Each second while a run is going (its elapsed time and output so far), else every 5 s.
  const tick = useNow(d.taskRuns.some((r) => r.outcome === 'running') ? 1000 : 5000, active);
  const now = useMemo(() => (clock ? clock() : new Date(tick)), [clock, tick, d]); // eslint-disable-line react-hooks/exhaustive-deps
  const daemon = useMemo(() => daemonStatus(store.dataDir, new Date()), [store.dataDir, tick, d]); // eslint-disable-line react-hooks/exhaustive-deps
  const [view, setView] = useState<View>({ kind: 'list' });
  const [selected, setSelected] = useState(0);
  const filter = useListFilter(() => setSelected(0));
  const [confirmDelete, setConfirmDelete] = useState<TaskRow | null>(null);
  const [confirmStop, setConfirmStop] = useState<{ taskId: string; name: string } | null>(null);

  const rows = useMemo(() => taskRows(d, now), [d, now]);
  const shown = useMemo(() => filterItems(rows, filter.value, (r) => `${r.task.name} ${r.target} ${r.frequency} ${r.status}`), [rows, filter.value]);
  const sel = Math.min(selected, Math.max(shown.length - 1, 0));
  const current: TaskRow | undefined = shown[sel];

  const act = async (what: () => Promise<string>) => {
    try {
      tui.flash(await what(), 'success');
    } catch (e) {
      tui.flash(e instanceof StoreError ? e.message : `That did not work: ${errorMessage(e)}`, 'error');
    }
  };
  const startNow = (taskId: string) =>
    void act(async () => {
      const task = await bridge.update((x) => requestStartNow(x, taskId));
      return daemonStatus(store.dataDir).running
        ? `"${task.name}" will start within a few seconds.`
        : `"${task.name}" will start when a daemon runs (crmscript-tui daemon); none is running now.`;
    });
  const stopRun = (taskId: string) =>
    void act(async () => {
      const name = await bridge.update((x) => {
        requestTaskStop(x, taskId, `${tui.user || 'someone'} (tui)`);
        return getById(x, 'tasks', taskId)?.name ?? '';
      });
      return `Asked to stop "${name}"; the daemon running it stops it within seconds.`;
    });
  const toggle = (row: TaskRow) =>
    void act(async () => {
      const task = await bridge.update((x) => setTaskEnabled(x, row.task.id, !row.task.enabled));
      return task.enabled ? `Enabled "${task.name}".` : `Disabled "${task.name}"; it runs only when started by hand.`;
    });
  const remove = (row: TaskRow) =>
    void act(async () => {
      const removed = await bridge.update((x) => removeTask(x, row.task.id));
      await deleteContent(store, removed.blobs.map(outputFile)).catch(() => undefined); // a leftover output file does no harm
      const chains = removed.orphanedChains.map((c) => `"${c.name}"`).join(', ');
      return chains ? `Deleted "${removed.task.name}"; ${chains} ran after it and now never run.` : `Deleted "${removed.task.name}".`;
    });

  const listH = Math.max(size.height - 6, 1);
  const innerW = Math.max(size.width - 2, 10);
  const cols = columnsFor(innerW - 2, { name: Math.max(0, ...rows.map((r) => r.task.name.length)), freq: Math.max(0, ...rows.map((r) => r.frequency.length)) });
  const inList = view.kind === 'list' && !confirmDelete && !confirmStop;

  const listBindings: Binding[] = [
    ...listNavBindings(shown.length, listH, setSelected),
    // First, so the footer shows it at 80 columns while the selected task runs.
    { def: TASK_LIST_KEYS.stop, run: () => current && setConfirmStop({ taskId: current.task.id, name: current.task.name }), when: current?.status === 'running' },
    { def: TASK_LIST_KEYS.newTask, run: () => setView({ kind: 'new' }) },
    { def: TASK_LIST_KEYS.edit, run: () => current && setView({ kind: 'edit', taskId: current.task.id, back: 'list' }), when: !!current },
    { def: TASK_LIST_KEYS.history, run: () => current && setView({ kind: 'history', taskId: current.task.id }), when: !!current },
    { def: TASK_LIST_KEYS.startNow, run: () => current && startNow(current.task.id), when: !!current },
    { def: TASK_LIST_KEYS.toggle, run: () => current && toggle(current), when: !!current, label: current?.task.enabled === false ? 'Enable' : 'Disable' },
    { def: TASK_LIST_KEYS.delete, run: () => current && setConfirmDelete(current), when: !!current },
    { def: NAV_KEYS.filter, run: filter.start },
    filter.clearKey(),
  ];
  useKeys({ title: 'Scheduled tasks', bindings: listBindings, active: inList && !filter.typing });
  useKeys({
    title: 'Filter tasks',
    active: inList && filter.typing,
    capture: true,
    bindings: filter.typingKeys((by) => setSelected((i) => Math.max(Math.min(i + by, shown.length - 1), 0))),
  });

  const stopDialog = confirmStop ? (
    <ConfirmDialog
      title={`Stop the run of "${confirmStop.name}"?`}
      message="The script does not finish; the run is recorded as stopped by you."
      area={size}
      yesLabel="Stop"
      noLabel="Let it run"
      danger
      onYes={() => {
        stopRun(confirmStop.taskId);
        setConfirmStop(null);
      }}
      onNo={() => setConfirmStop(null)}
    />
  ) : null;

  if (view.kind === 'history') {
    return (
      <Box width={size.width} height={size.height}>
      <TaskHistory
        taskId={view.taskId}
        size={size}
        dataDir={store.dataDir}
        now={now}
        onBack={() => setView({ kind: 'list' })}
        onStartNow={() => startNow(view.taskId)}
        onStop={() => setConfirmStop({ taskId: view.taskId, name: d.tasks.find((x) => x.id === view.taskId)?.name ?? '' })}
        onEdit={() => setView({ kind: 'edit', taskId: view.taskId, back: 'history' })}
        active={!confirmStop}
      />
      {stopDialog}
      </Box>
    );
  }

  const editTask = view.kind === 'edit' ? d.tasks.find((x) => x.id === view.taskId) : undefined;
  const detail = current ? detailLines(current, now) : [];
  const note = `${daemon.running ? `daemon on ${daemon.info!.host}:${daemon.info!.port}` : 'no daemon running'} · ${shown.length === rows.length ? rows.length : `${shown.length}/${rows.length}`}`;

  return (
    <Box flexDirection="column" width={size.width} height={size.height}>
      <Panel title="Scheduled tasks" note={note} width={size.width} height={size.height - 3} focused={inList}>
        <Text {...t.muted} wrap="truncate">
          {' ' + fit(headerText(cols), innerW - 1)}
        </Text>
        <VirtualList
          items={shown}
          selected={sel}
          height={listH}
          width={innerW}
          focused={inList}
          empty={rows.length === 0 ? 'No scheduled tasks yet. Press n to create one.' : 'No task matches the filter.'}
          renderRow={(r, _i, st) => {
            const style = r.lastResult === 'failed' ? t.error : r.task.enabled ? {} : t.muted;
            return <Text {...(st.selected ? {} : style)}>{fit(rowText(r, cols, now), st.width)}</Text>;
          }}
        />
      </Panel>
      <Box flexDirection="column" height={3} width={size.width} paddingX={1}>
        {filter.shown ? (
          <Box height={1}>
            <Text {...t.accent}>Filter: </Text>
            <Field value={filter.value} onChange={filter.set} focused={filter.typing} width={Math.max(size.width - 12, 4)} placeholder="type to filter" />
          </Box>
        ) : (
          <Text wrap="truncate" {...(daemon.running && !daemon.info!.behind ? t.muted : t.warning)}>
            {truncate(
              daemon.running
                ? daemon.info!.behind
                  ? `The daemon (pid ${daemon.info!.pid}) is ${daemon.info!.behind}; scheduled times it skips are recorded as missed.`
                  : `Tasks run in the daemon (pid ${daemon.info!.pid}).`
                : 'No daemon serves this store: tasks run only while "crmscript-tui daemon" runs.',
              size.width - 2,
            )}
          </Text>
        )}
        {detail.map((l, i) => (
          <Text key={i} wrap="truncate" {...(l.tone === 'error' ? t.error : t.muted)}>
            {truncate(l.text, size.width - 2)}
          </Text>
        ))}
      </Box>
      {view.kind === 'new' || (view.kind === 'edit' && editTask) ? (
        <TaskForm
          area={size}
          task={editTask}
          now={clock}
          onCancel={() => setView(view.kind === 'edit' && view.back === 'history' ? { kind: 'history', taskId: view.taskId } : { kind: 'list' })}
          onDone={(task) => {
            tui.flash(view.kind === 'new' ? `Created the task "${task.name}".` : `Saved the task "${task.name}".`, 'success');
            if (view.kind === 'edit' && view.back === 'history') setView({ kind: 'history', taskId: task.id });
            else {
              setView({ kind: 'list' });
              const i = taskRows(bridge.store.read(), now).findIndex((r) => r.task.id === task.id);
              if (i >= 0 && filter.value === '') setSelected(i);
            }
          }}
        />
      ) : null}
      {stopDialog}
      {confirmDelete ? (
        <ConfirmDelete
          flash={tui.flash}
          title={`Delete the task "${confirmDelete.task.name}"?`}
          message="The task and its run history are deleted. The script or macro it runs is kept."
          area={size}
          onClose={() => setConfirmDelete(null)}
          remove={() => remove(confirmDelete)}
        />
      ) : null}
    </Box>
  );
}

function detailLines(r: TaskRow, now: Date): Array<{ text: string; tone: 'muted' | 'error' }> {
  const task = r.task;
  const settings = [
    `${task.name} → ${task.targetKind === 'macro' ? `macro ${r.target.replace(/^macro:/, '')}` : r.target}`,
    r.frequency,
    `lock ${task.lockMinutes} min`,
    task.restartAfterMinutes > 0 ? `restart after error ${task.restartAfterMinutes} min` : 'no restart',
  ].join(' · ');
  const lines: Array<{ text: string; tone: 'muted' | 'error' }> = [{ text: settings, tone: 'muted' }];
  const last = r.lastRun;
  if (!last) lines.push({ text: `Not run yet. Next run: ${r.nextRun ? formatDateTime(r.nextRun) : '-'}`, tone: 'muted' });
  else {
    const took = formatDuration(runElapsedMs(last, now));
    const head = last.endedAt
      ? `Last run ${formatRunTime(last.startedAt)}: ${outcomeWord(last.outcome)} in ${took}`
      : `Running since ${formatRunTime(last.startedAt)}, for ${took}${lastLine(last.output) ? ` — ${lastLine(last.output)}` : ''}`;
    lines.push(last.error ? { text: `${head} — ${last.error.split('\n')[0]}`, tone: 'error' } : { text: head, tone: 'muted' });
  }
  return lines;
}

/** The last line a running task printed. */
function lastLine(output: string): string {
  return output.trimEnd().split('\n').at(-1) ?? '';
}
