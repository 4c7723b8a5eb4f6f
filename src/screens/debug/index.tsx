/**
 * Tab 4, Debug sessions: every active debug session in the store (runs
 * paused by debugWait in the daemon or a CLI run, and runs this TUI debugs),
 * live as other processes change them; Enter opens the Debugger on one. The
 * tab also holds the global "Start/Stop tracing scripts" switch.
 */
import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { VirtualList, listNavBindings } from '../../tui/components/VirtualList.js';
import { ConfirmDialog } from '../../tui/components/Dialog.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { DEBUG_SESSIONS_KEYS, displayMainKey } from '../../tui/keymap.js';
import { useNow, useStoreBridge, useStoreData } from '../../tui/hooks.js';
import type { TabProps } from '../../tui/services.js';
import { useTheme } from '../../tui/theme.js';
import { fit, plural, wrapText } from '../../tui/text.js';
import { removeDeadDebugSessions, updateSettings } from '../../store/repos.js';
import type { DebugSession as SessionRecord, StoreData } from '../../store/schema.js';
import { pidAlive } from '../../store/lease.js';
import { Debugger } from '../debugger/Debugger.js';
import { applyKeptBreakpoints, sourceFiles, storeBreakpoints } from '../debugger/breakpoints.js';
import { localDebugRun } from '../debugger/local.js';
import type { BreakpointStore, DebuggerSession, DebugSource } from '../debugger/types.js';
import { sessionWho } from '../../store/who.js';
import { attach as attachRemoteSession } from '../../debug-sessions/client.js';
import { errorMessage } from '../../interp/util/error-message.js';

// ---------------------------------------------------------------- rows

export interface SessionRow {
  rec: SessionRecord;
  alive: boolean;
}

/** "daemon task:Nightly", "tui (anna)": see sessionWho. */
export function startedByText(rec: Pick<SessionRecord, 'source' | 'startedBy'>): string {
  return sessionWho(rec);
}

export function stateText(rec: Pick<SessionRecord, 'state' | 'line'>, alive = true): string {
  if (!alive) return 'gone (its process ended)';
  const at = rec.line !== null ? ` at line ${rec.line}` : '';
  switch (rec.state) {
    case 'waiting':
      return `waiting for attach${at}`;
    case 'paused':
      return `paused${at}`;
    case 'running':
      return 'running';
    default:
      return `${rec.state}${at}`;
  }
}

/** "12 s", "5 min", "3 h", "2 d". */
export function ageText(createdAt: string, now: number): string {
  const s = Math.max(0, Math.floor((now - Date.parse(createdAt)) / 1000));
  if (!Number.isFinite(s)) return '';
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

export function sessionRows(d: StoreData, isAlive: (pid: number) => boolean = pidAlive): SessionRow[] {
  return [...d.debugSessions]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((rec) => ({ rec, alive: rec.pid === process.pid || isAlive(rec.pid) }));
}

interface Columns {
  script: number;
  by: number;
  state: number;
  age: number;
}

function columns(width: number): Columns {
  const age = 7;
  const rest = Math.max(width - age - 3, 12);
  const script = Math.max(Math.floor(rest * 0.3), 6);
  const by = Math.max(Math.floor(rest * 0.27), 6);
  return { script, by, state: Math.max(rest - script - by, 6), age };
}

// ---------------------------------------------------------------- the tab

type Open = { id: string; title: string; session: DebuggerSession; debugSource?: DebugSource; leaving: 'keep' | 'detach'; detach?: () => void };

export function DebugTab({ size, tui }: TabProps): React.ReactElement {
  const bridge = useStoreBridge();
  const [open, setOpen] = useState<Open | null>(null);
  const bpStore = useMemo(() => storeBreakpoints(bridge.store, (fn) => bridge.update(fn)), [bridge]);

  if (open) {
    return (
      <Debugger
        key={open.id}
        session={open.session}
        debugSource={open.debugSource}
        title={open.title}
        size={size}
        bpStore={bpStore}
        leaving={open.leaving}
        onBack={() => {
          open.detach?.();
          setOpen(null);
        }}
      />
    );
  }
  return <SessionList size={size} tui={tui} bpStore={bpStore} onOpen={setOpen} />;
}

function SessionList({ size, tui, bpStore, onOpen }: Pick<TabProps, 'size' | 'tui'> & { bpStore: BreakpointStore; onOpen: (o: Open) => void }): React.ReactElement {
  const t = useTheme();
  const data = useStoreData();
  const bridge = useStoreBridge();
  const now = useNow(1000);
  const rows = useMemo(() => sessionRows(data), [data]);
  const [selId, setSelId] = useState<string | null>(null);
  const [attaching, setAttaching] = useState<string | null>(null);
  const [askStop, setAskStop] = useState<SessionRecord | null>(null);
  const found = selId === null ? -1 : rows.findIndex((r) => r.rec.id === selId);
  const sel = found >= 0 ? found : 0;
  const row = rows[sel];
  const tracing = data.settings.tracingEnabled;

  const headH = 3;
  const listPanelH = Math.max(size.height - headH, 4);
  const listH = Math.max(listPanelH - 3, 1);
  const inner = size.width - 2;
  const cols = columns(inner - 2);

  const setSel = (f: (i: number) => number) =>
    setSelId(() => {
      const i = Math.max(0, Math.min(f(sel), rows.length - 1));
      return rows[i]?.rec.id ?? null;
    });

  const toggleTracing = () => {
    bridge.update((d) => updateSettings(d, { tracingEnabled: !d.settings.tracingEnabled })).then(
      (s) => tui.flash(s.tracingEnabled ? 'Tracing scripts is on: enabled traces record runs.' : 'Tracing scripts is off: no runs are recorded.', 'success'),
      (e: unknown) => tui.flash(errorMessage(e), 'error'),
    );
  };

  /** Connect to a session of another process (or one this process hosts for others). */
  const attachRemote = async (rec: SessionRecord): Promise<Open | null> => {
    const s = await attachRemoteSession(rec.id, { store: bridge.store });
    const session: DebuggerSession = s;
    // Breakpoints kept with the script apply when nobody set any in this run yet.
    await applyKeptBreakpoints(session, bpStore, sourceFiles(s.debugSource, s.file));
    return { id: `${rec.id}:${Date.now()}`, title: rec.scriptName, session, debugSource: s.debugSource, leaving: 'detach', detach: () => void s.detach() };
  };

  const attach = (rec: SessionRecord, alive: boolean) => {
    if (attaching) return;
    const local = localDebugRun(rec.id);
    if (local) {
      // A run this TUI debugs (from the script screen): a second view on it; leaving keeps it going.
      onOpen({ id: `${rec.id}:${Date.now()}`, title: local.title, session: local.session, debugSource: local.debugSource, leaving: 'keep' });
      return;
    }
    if (!alive) {
      tui.flash(`The process that ran "${rec.scriptName}" has ended; ${displayMainKey(DEBUG_SESSIONS_KEYS.cleanUp)} removes such sessions.`, 'error');
      return;
    }
    if (!rec.endpoint) {
      tui.flash(`"${rec.scriptName}" has no address to attach to yet; try again in a moment.`, 'error');
      return;
    }
    setAttaching(rec.id);
    attachRemote(rec).then(
      (o) => {
        setAttaching(null);
        if (o) onOpen(o);
      },
      (e: unknown) => {
        setAttaching(null);
        tui.flash(errorMessage(e), 'error');
      },
    );
  };

  const stopSession = (rec: SessionRecord) => {
    const local = localDebugRun(rec.id);
    if (local) {
      void local.session.stop();
      tui.flash(`Stopped the debug run of "${rec.scriptName}".`, 'success');
      return;
    }
    setAttaching(rec.id);
    attachRemote(rec)
      .then(async (o) => {
        if (!o) return;
        await o.session.stop();
        o.detach?.();
        tui.flash(`Stopped the debug run of "${rec.scriptName}".`, 'success');
      })
      .catch((e: unknown) => tui.flash(errorMessage(e), 'error'))
      .finally(() => setAttaching(null));
  };

  const cleanUp = () => {
    bridge.update((d) => removeDeadDebugSessions(d, (pid) => pid === process.pid || pidAlive(pid))).then(
      (gone) => tui.flash(gone.length === 0 ? 'Every listed session is still alive.' : `Removed ${plural(gone.length, 'session')} whose process had ended.`, 'success'),
      (e: unknown) => tui.flash(errorMessage(e), 'error'),
    );
  };

  const deadCount = rows.filter((r) => !r.alive).length;
  const bindings: Binding[] = [
    { def: DEBUG_SESSIONS_KEYS.attach, run: () => row && attach(row.rec, row.alive), when: !!row },
    { def: DEBUG_SESSIONS_KEYS.tracing, run: toggleTracing, label: tracing ? 'Stop tracing' : 'Start tracing' },
    { def: DEBUG_SESSIONS_KEYS.stopSession, run: () => row && setAskStop(row.rec), when: !!row && row.alive },
    { def: DEBUG_SESSIONS_KEYS.cleanUp, run: cleanUp, when: deadCount > 0 },
    ...listNavBindings(rows.length, listH, setSel),
  ];
  useKeys({ title: 'Debug sessions', bindings });

  const header =
    fit('Script', cols.script) + ' ' + fit('Started by', cols.by) + ' ' + fit('State', cols.state) + ' ' + fit('Age', cols.age, 'right');
  const emptyLines = wrapText(
    'No debug sessions. Debug (b) on a script in tab 1 starts one here; so does a script run by the daemon or the CLI that calls enableDebug(key) and then debugWait(info), while the key is enabled.',
    Math.max(inner - 2, 10),
  );

  return (
    <Box flexDirection="column" width={size.width} height={size.height}>
      <Panel title="Tracing scripts" width={size.width} height={headH} focused={false}>
        <Text wrap="truncate">
          {' '}
          <Text {...(tracing ? t.success : t.warning)} inverse bold>
            {tracing ? ' ON ' : ' OFF '}
          </Text>{' '}
          {tracing ? 'Enabled traces record the runs they match.' : 'No traces are recorded, whatever their settings.'}{' '}
          <Text {...t.muted}>
            {displayMainKey(DEBUG_SESSIONS_KEYS.tracing)} {tracing ? 'stops' : 'starts'} tracing
          </Text>
        </Text>
      </Panel>
      <Panel title="Debug sessions" note={attaching ? 'attaching…' : rows.length > 0 ? `${sel + 1}/${rows.length}` : ''} width={size.width} height={listPanelH} focused>
        {rows.length === 0 ? (
          <Box flexDirection="column" paddingX={1}>
            {emptyLines.map((l, i) => (
              <Text key={i} {...t.muted} wrap="truncate">
                {l}
              </Text>
            ))}
          </Box>
        ) : (
          <>
            <Text {...t.muted} wrap="truncate">
              {' '}
              {header}
            </Text>
            <VirtualList
              items={rows}
              selected={sel}
              height={listH}
              width={inner}
              renderRow={(r, _i, st) => {
                const line =
                  fit(r.rec.scriptName, cols.script) +
                  ' ' +
                  fit(startedByText(r.rec), cols.by) +
                  ' ' +
                  fit(stateText(r.rec, r.alive), cols.state) +
                  ' ' +
                  fit(ageText(r.rec.createdAt, now), cols.age, 'right');
                const tone = !r.alive ? t.muted : r.rec.state === 'waiting' ? t.warning : {};
                return <Text {...(st.selected ? {} : tone)}>{fit(line, st.width)}</Text>;
              }}
            />
          </>
        )}
      </Panel>
      {askStop ? (
        <ConfirmDialog
          title="Stop the run?"
          message={`Stop the debug run of "${askStop.scriptName}" (${startedByText(askStop)})? The script does not finish.`}
          area={size}
          yesLabel="Stop it"
          noLabel="Keep"
          danger
          onYes={() => {
            const rec = askStop;
            setAskStop(null);
            stopSession(rec);
          }}
          onNo={() => setAskStop(null)}
        />
      ) : null}
    </Box>
  );
}

