/**
 * A macro run: a spinner and the elapsed time while it runs (s or Esc stops
 * it), then the Result view: the status line and errors (as the script run
 * view shows them), then what the macro did to the event (blocked, message,
 * output values), its output, its log and the variables it set.
 */
import React, { useMemo } from 'react';
import { Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { TextView, positionNote } from '../../tui/components/TextView.js';
import { useKeys } from '../../tui/keys.js';
import { RUN_KEYS } from '../../tui/keymap.js';
import { useNow, type Size } from '../../tui/hooks.js';
import { useTheme } from '../../tui/theme.js';
import { formatDuration, toLines, wrapText } from '../../tui/text.js';
import type { ScriptRunResult } from '../../run/script.js';
import { errorLines, RunSpinner, summarize, useRunScroll, type RunState } from '../scripts/RunView.js';

/** The result body: event outcome, output, log and variables, as plain lines. */
export function macroResultLines(r: ScriptRunResult, variablesBefore: Record<string, string> = {}): string[] {
  const out: string[] = [];
  const ev = r.event;
  const outputs = Object.entries(ev.outputs);
  if (ev.blockExecution || ev.message !== '' || outputs.length > 0 || ev.navigateTo !== '') {
    out.push('Event:');
    if (ev.blockExecution) out.push(`  blocked${ev.message ? `, with the message: ${ev.message}` : ''}`);
    else if (ev.message) out.push(`  message: ${ev.message}`);
    for (const [k, v] of outputs) out.push(`  output ${k} = ${v}`);
    if (ev.navigateTo) out.push(`  navigate to: ${ev.navigateTo}`);
    out.push('');
  }
  const output = toLines(r.output);
  out.push(output.length ? 'Output:' : 'Output: none');
  out.push(...output.map((l) => `  ${l}`));
  const log = toLines(r.log);
  if (log.length) out.push('', 'Log:', ...log.map((l) => `  ${l}`));
  const vars = Object.entries(r.variables).filter(([k, v]) => variablesBefore[k] !== v);
  if (vars.length) out.push('', 'Variables:', ...vars.map(([k, v]) => `  ${k} = ${v}`));
  return out;
}

export interface MacroRunViewProps {
  title: string;
  /** A remark shown at the end of the result. */
  note?: string;
  /** The generated program's file name and which action a line of it belongs to ("action 2 (Log a message)"). */
  locate?: { file: string; action: (line: number) => string | null };
  run: RunState;
  size: Size;
  onStop: () => void;
  onAgain: () => void;
  onClose: () => void;
}

export function MacroRunView({ title, note, locate, run, size, onStop, onAgain, onClose }: MacroRunViewProps): React.ReactElement {
  const t = useTheme();
  const running = run.result === null;
  const now = useNow(100, running);
  const r = run.result;
  const summary = r ? summarize(r) : null;
  const live = running ? run.chunks.join('') : '';
  const inner = size.width - 2;
  const lines = useMemo(
    () => (r ? [...macroResultLines(r), ...(note ? ['', ...wrapText(note, inner - 1)] : [])] : toLines(live)),
    [r, live, note, inner],
  );

  const head: React.ReactNode[] = [];
  if (running) {
    head.push(<RunSpinner key="spin" run={run} now={now} />);
  } else if (summary && r) {
    head.push(
      <Text key="status" wrap="truncate" {...(summary.ok ? t.success : t.error)}>
        {summary.ok ? '✓' : '✗'} {summary.status.replace('the script has errors', 'the macro has errors')} · {formatDuration(r.durationMs)}
      </Text>,
    );
    // A runtime error in the macro's own program is told by action, not only by line.
    const where = r.error && locate && r.error.file === locate.file && r.error.line > 0 ? locate.action(r.error.line) : null;
    const errors = where && r.error ? [`${where[0]!.toUpperCase()}${where.slice(1)}, line ${r.error.line} of the script: ${r.error.message}`] : summary.errors;
    for (const l of errorLines(errors, inner)) {
      head.push(
        <Text key={`e${head.length}`} {...t.error} wrap="truncate">
          {l}
        </Text>,
      );
    }
    if (r.exitMessage) {
      head.push(
        <Text key="exit" wrap="truncate">
          Stopped with the message: {r.exitMessage}
        </Text>,
      );
    }
  }
  const viewH = Math.max(size.height - 2 - head.length, 1);
  const { top: effTop, left, keys: nav } = useRunScroll(lines.length, viewH, running);
  useKeys({
    title: running ? 'Running' : 'Result',
    bindings: running
      ? [{ def: RUN_KEYS.stop, run: onStop }, ...nav]
      : [{ def: RUN_KEYS.again, run: onAgain }, { def: RUN_KEYS.back, run: onClose, help: 'Back to the macro' }, ...nav],
  });
  return (
    <Panel
      title={`${running ? 'Running' : 'Result'}: ${title}`}
      note={positionNote(effTop, viewH, lines.length)}
      width={size.width}
      height={size.height}
      focused
    >
      {head}
      <TextView lines={lines} top={effTop} height={viewH} width={inner} left={left} empty={running ? 'No output yet.' : ''} />
    </Panel>
  );
}
