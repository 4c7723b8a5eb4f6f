/**
 * The Debugger on a run this TUI starts (the script screen's Debug): starts
 * the run stopped at its first statement, restarts it on request (keeping
 * the watch list), keeps breakpoints with the script, and stops the run when
 * the screen is left.
 */
import React, { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { Debugger } from './Debugger.js';
import { storeBreakpoints } from './breakpoints.js';
import { startLocalDebug, type DebugTarget, type LocalDebugRun } from './local.js';
import type { KeptView } from './model.js';
import { Panel } from '../../tui/components/Panel.js';
import { useKeys } from '../../tui/keys.js';
import { DEBUGGER_KEYS } from '../../tui/keymap.js';
import { useStoreBridge, type Size } from '../../tui/hooks.js';
import { useTui } from '../../tui/services.js';
import { useTheme } from '../../tui/theme.js';
import { truncate } from '../../tui/text.js';
import { crmRunState } from '../crm/run-state.js';
import { describeRunValues } from '../scripts/runInputs.js';
import { getRunValues } from '../../store/repos.js';

export interface LocalDebuggerProps {
  target: DebugTarget;
  size: Size;
  onBack: () => void;
}

export function LocalDebugger({ target, size, onBack }: LocalDebuggerProps): React.ReactElement {
  const bridge = useStoreBridge();
  const tui = useTui();
  const [run, setRun] = useState<{ seq: number; run: LocalDebugRun } | { seq: number; error: string; problems: string[] } | null>(null);
  const current = useRef<LocalDebugRun | null>(null);
  const keep = useRef<KeptView>({ watches: [], expanded: [] });
  const bpStore = useMemo(() => storeBreakpoints(bridge.store, (fn) => bridge.update(fn)), [bridge]);

  const start = () => {
    const prev = current.current;
    current.current = null;
    if (prev) void prev.session.stop();
    // Read the script again: it may have been edited or had its breakpoints changed since.
    const d = bridge.store.read();
    const fresh: DebugTarget =
      target.kind === 'script'
        ? { ...target, script: d.scripts.find((s) => s.id === target.script.id) ?? target.script }
        : { ...target, macro: d.macros.find((m) => m.id === target.macro.id) ?? target.macro };
    const r = startLocalDebug(bridge.store, fresh, { user: tui.user, rollback: crmRunState.get().rollback });
    setRun((old) => {
      const seq = (old?.seq ?? 0) + 1;
      if (!r.ok) return { seq, error: r.message, problems: r.problems };
      current.current = r.run;
      return { seq, run: r.run };
    });
  };

  useEffect(() => {
    start();
    return () => {
      void current.current?.session.stop();
      current.current = null;
    };
    // Starts once; restarts go through start().
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const leave = () => {
    void current.current?.session.stop();
    current.current = null;
    onBack();
  };

  if (!run) return <Box width={size.width} height={size.height} />;
  if ('error' in run) return <CannotDebug message={run.error} problems={run.problems} size={size} onBack={onBack} />;
  return (
    <Debugger
      key={run.seq}
      session={run.run.session}
      debugSource={run.run.debugSource}
      title={withValues(run.run.title, describeRunValues(getRunValues(bridge.store.read(), target.kind, target.kind === 'script' ? target.script.id : target.macro.id)))}
      size={size}
      bpStore={bpStore}
      onRestart={start}
      onBack={leave}
      leaving="stop"
      keep={keep.current}
    />
  );
}

/** "Hello · with who=world" when the run has remembered values. */
function withValues(title: string, values: string): string {
  return values ? `${title} · with ${values}` : title;
}

function CannotDebug({ message, problems, size, onBack }: { message: string; problems: string[]; size: Size; onBack: () => void }): React.ReactElement {
  const t = useTheme();
  useKeys({ title: 'Debugger', bindings: [{ def: DEBUGGER_KEYS.back, run: onBack }] });
  const room = Math.max(size.height - 5, 1);
  return (
    <Panel title="Debugger" width={size.width} height={size.height} focused>
      <Text {...t.error} wrap="truncate">
        {' '}
        {message}
      </Text>
      {problems.slice(0, room).map((p, i) => (
        <Text key={i} wrap="truncate">
          {' '}
          {truncate(p, size.width - 4)}
        </Text>
      ))}
      {problems.length > room ? <Text {...t.muted}> …and {problems.length - room} more</Text> : null}
      <Text {...t.muted}> Esc goes back; fix the script and try again.</Text>
    </Panel>
  );
}
