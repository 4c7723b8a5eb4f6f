/**
 * A script run: while it runs, a spinner, the elapsed time and the output as
 * it arrives (s or Esc stops it); afterwards the Result view with the output
 * (HTML shown as text when the script says so), the error as
 * file:line:col: error: message, the elapsed time and the exit status.
 */
import React, { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { Spinner } from '../../tui/components/Spinner.js';
import { TextView, positionNote, textNavBindings } from '../../tui/components/TextView.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { RUN_KEYS } from '../../tui/keymap.js';
import { useNow, type Size } from '../../tui/hooks.js';
import { useTheme } from '../../tui/theme.js';
import { formatDuration, toLines, wrapText } from '../../tui/text.js';
import { formatDiagnostic } from '../../interp/compile-script.js';
import { htmlToText } from '../../interp/stdlib/global.js';
import type { ScriptRunResult } from '../../run/script.js';
import { runChangesLines } from '../crm/run-changes.js';
import { CRM_KEYS } from '../crm/keys.js';
import { crmRunState, useCrmRunState } from '../crm/run-state.js';

export interface RunState {
  /** Which version ran. */
  staged: boolean;
  startedAt: number;
  /** Output received so far (chunks). */
  chunks: string[];
  stop: () => void;
  result: ScriptRunResult | null;
  /** Set when the operator asked to stop. */
  stopping: boolean;
  /** Date.now() when the result arrived. */
  endedAt?: number;
  /** The run was started with CRM rollback on. */
  rollback?: boolean;
}

/** A run started from a screen: what it needs to start one, watch it and stop it. */
export interface Runner {
  run: RunState | null;
  /** One line about the last finished run ("✓ finished (exit status 0), 12 ms"). */
  lastRun: string | null;
  /** Starts a run unless one is still going; `launch` gets the output sink. */
  start(staged: boolean, launch: (onOutput: (text: string) => void) => { stop: () => void; result: Promise<ScriptRunResult> }): boolean;
  stop(): void;
  running(): boolean;
}

/** The run state of a script or macro screen; a run still going when the screen goes away is stopped. */
export function useRunner(): Runner {
  const [run, setRun] = useState<RunState | null>(null);
  const [lastRun, setLastRun] = useState<string | null>(null);
  const runRef = useRef<RunState | null>(null);
  useEffect(() => () => runRef.current?.stop(), []);
  const set = (r: RunState): void => {
    runRef.current = r;
    setRun(r);
  };
  const running = (): boolean => !!runRef.current && runRef.current.result === null;
  return {
    run,
    lastRun,
    running,
    start(staged, launch) {
      if (running()) return false;
      const chunks: string[] = [];
      const rollback = crmRunState.get().rollback;
      const handle = launch((s) => chunks.push(s));
      set({ staged, startedAt: Date.now(), chunks, stop: handle.stop, result: null, stopping: false, rollback });
      void handle.result.then((result) => {
        const cur = runRef.current;
        if (!cur || cur.chunks !== chunks) return; // a newer run replaced this one
        set({ ...cur, result, endedAt: Date.now() });
        crmRunState.publish(staged ? 'staged run' : 'run', result.changes, rollback);
        const s = summarize(result);
        setLastRun(`${s.ok ? '✓' : '✗'} ${s.status}, ${formatDuration(result.durationMs)}`);
      });
      return true;
    },
    stop() {
      const r = runRef.current;
      if (!r || r.result) return;
      r.stop();
      set({ ...r, stopping: true });
    },
  };
}

export interface RunSummary {
  ok: boolean;
  status: string;
  /** Problems to show, each one line (file:line:col: error: message). */
  errors: string[];
}

/** How a finished run is described. */
export function summarize(r: ScriptRunResult): RunSummary {
  const compileErrors = r.diagnostics.filter((d) => d.severity === 'error');
  if (compileErrors.length > 0) {
    return { ok: false, status: 'not run: the script has errors', errors: r.diagnostics.map(formatDiagnostic) };
  }
  if (r.stopped === 'stopped') return { ok: false, status: 'stopped by you', errors: [] };
  const errors: string[] = [];
  if (r.error) {
    const at = r.error.line > 0 ? `${r.error.file}:${r.error.line}:${r.error.col}: ` : `${r.error.file}: `;
    errors.push(`${at}error: ${r.error.message}`);
  }
  if (r.stopped === 'timeout') return { ok: false, status: 'stopped: time limit reached (exit status 1)', errors };
  if (r.stopped === 'memory') return { ok: false, status: 'stopped: memory limit reached (exit status 1)', errors };
  return r.ok ? { ok: true, status: 'finished (exit status 0)', errors } : { ok: false, status: 'failed (exit status 1)', errors };
}

/** The problems of a finished run as the result view shows them: at most 6, wrapped to `width`. */
export function errorLines(errors: readonly string[], width: number): string[] {
  return errors.slice(0, 6).flatMap((e) => wrapText(e, width));
}

/**
 * Scrolling of a run's text (`count` lines in a view `height` high): it follows the end while
 * the run goes on and starts at the top once it has ended. Returns the first line to show, the
 * sideways scroll and the keys.
 */
export function useRunScroll(count: number, height: number, running: boolean): { top: number; left: number; keys: Binding[] } {
  const [top, setTop] = useState<number | null>(null); // null = follow the end
  const [left, setLeft] = useState(0);
  const maxTop = Math.max(count - height, 0);
  const finished = useRef(false);
  useEffect(() => {
    if (!running && !finished.current) {
      finished.current = true;
      setTop(0);
    }
  }, [running]);
  const scroll = (f: (i: number) => number) => setTop((cur) => Math.max(0, Math.min(f(cur ?? maxTop), maxTop)));
  return {
    top: top === null ? maxTop : Math.min(top, maxTop),
    left,
    keys: textNavBindings(scroll, Math.max(height - 1, 1), maxTop, setLeft),
  };
}

/** The spinner line of a run in progress. */
export function RunSpinner({ run, now, what = '' }: { run: RunState; now: number; what?: string }): React.ReactElement {
  return (
    <Box>
      <Spinner now={now} label={`${run.stopping ? 'Stopping' : 'Running'}${what}… ${formatDuration(now - run.startedAt)}`} />
    </Box>
  );
}

export interface RunViewProps {
  title: string;
  run: RunState;
  html: boolean;
  size: Size;
  onStop: () => void;
  onAgain: () => void;
  onClose: () => void;
}

export function RunView({ title, run, html, size, onStop, onAgain, onClose }: RunViewProps): React.ReactElement {
  const t = useTheme();
  const running = run.result === null;
  const now = useNow(100, running);
  const [raw, setRaw] = useState(false);
  const crm = useCrmRunState();
  const r = run.result;
  const summary = r ? summarize(r) : null;

  const rawOutput = r ? r.output : run.chunks.join('');
  const shown = html && !raw && r ? htmlToText(rawOutput) : rawOutput;
  // While running, splitting on every tick is fine for the tail we show; the final text is split once.
  const lines = useMemo(() => toLines(shown), [shown]);

  const inner = size.width - 2;
  const headLines: React.ReactNode[] = [];
  if (running) {
    headLines.push(<RunSpinner key="spin" run={run} now={now} what={run.staged ? ' the staged version' : ''} />);
  } else if (summary && r) {
    const mark = summary.ok ? '✓' : '✗';
    headLines.push(
      <Text key="status" wrap="truncate" {...(summary.ok ? t.success : t.error)}>
        {mark} {summary.status} · {formatDuration(r.durationMs)}
        {run.endedAt !== undefined && formatDuration(run.endedAt - run.startedAt) !== formatDuration(r.durationMs)
          ? ` (${formatDuration(run.endedAt - run.startedAt)} with start-up)`
          : ''}
        {run.staged ? ' · staged version' : ''}
      </Text>,
    );
    for (const l of errorLines(summary.errors, inner)) {
      headLines.push(
        <Text key={`e${headLines.length}`} {...t.error} wrap="truncate">
          {l}
        </Text>,
      );
    }
    for (const l of runChangesLines(r.changes, !!run.rollback)) {
      headLines.push(
        <Text key={`c${headLines.length}`} wrap="truncate">
          {l}
        </Text>,
      );
    }
    if (r.exitMessage) {
      headLines.push(
        <Text key="exitmsg" wrap="truncate">
          Exit message: {r.exitMessage}
        </Text>,
      );
    }
  }
  const outLabel = `Output${html ? (running ? ' (HTML; shown as text when the run ends)' : raw ? ' (raw HTML)' : ' (HTML shown as text)') : ''}`;
  const viewH = Math.max(size.height - 2 - headLines.length - 1, 1);
  const { top: effTop, left, keys: nav } = useRunScroll(lines.length, viewH, running);
  useKeys({
    title: running ? 'Running' : 'Result',
    bindings: running
      ? [{ def: RUN_KEYS.stop, run: onStop }, ...nav]
      : [
          { def: RUN_KEYS.again, run: onAgain },
          { def: RUN_KEYS.html, run: () => setRaw((x) => !x), when: html },
          { def: RUN_KEYS.back, run: onClose },
          { def: CRM_KEYS.rollback, run: crmRunState.toggleRollback, label: `Rollback ${crm.rollback ? 'on' : 'off'}` },
          ...nav,
        ],
  });

  const panelTitle = running ? `Running: ${title}` : `Result: ${title}`;
  return (
    <Panel title={panelTitle} note={positionNote(effTop, viewH, lines.length)} width={size.width} height={size.height} focused>
      {headLines}
      <Text {...t.muted} wrap="truncate">
        {outLabel}
        {lines.length === 0 ? (running ? ' — nothing yet' : ' — none') : ''}
      </Text>
      <TextView lines={lines} top={effTop} height={viewH} width={inner} left={left} />
    </Panel>
  );
}
