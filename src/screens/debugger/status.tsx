/** The Debugger's status line: the run's state, why it stopped, how it ended. */
import React from 'react';
import { Box, Text } from 'ink';
import { Spinner } from '../../tui/components/Spinner.js';
import { useTheme } from '../../tui/theme.js';
import { DEBUGGER_KEYS, displayMainKey } from '../../tui/keymap.js';
import { cellWidth, formatDuration, truncate } from '../../tui/text.js';
import type { DebugOutcome, StoppedEvent } from './types.js';
import type { DebugModel } from './model.js';

export function stopReasonText(s: StoppedEvent): string {
  switch (s.reason) {
    case 'entry':
      return 'first statement';
    case 'breakpoint':
      return 'breakpoint';
    case 'step':
      return 'step';
    case 'pause':
      return 'paused by you';
    case 'runTo':
      return 'run to cursor';
    case 'exception':
      return `exception: ${s.error ?? 'error'}`;
    case 'debugWait':
      return s.info ? `debugWait: ${s.info}` : 'debugWait';
    default:
      return String(s.reason);
  }
}

/** How a run ended: `text` for the output pane, `short` for the status line (after "ENDED"). */
export function outcomeText(o: DebugOutcome, entryFile?: string): { text: string; short: string; ok: boolean } {
  if (o.stopped === 'stopped') return { text: 'Stopped by you', short: 'stopped by you', ok: false };
  const err = o.error;
  const at = err && err.line > 0 ? ` at line ${err.line}${err.file && err.file !== entryFile ? ` of ${err.file}` : ''}` : '';
  if (o.stopped === 'timeout') return { text: `Stopped: time limit reached${at}`, short: `time limit reached${at}`, ok: false };
  if (o.stopped === 'memory') return { text: `Stopped: memory limit reached${at}`, short: `memory limit reached${at}`, ok: false };
  if (o.ok) {
    // No duration: under the debugger it is mostly time spent paused.
    const how = `finished${o.exitMessage ? ` (${o.exitMessage})` : ''}`;
    return { text: `Ended: ${how}`, short: how, ok: true };
  }
  const msg = err?.message ?? 'unknown error';
  return { text: `Ended with an error${at}: ${msg}`, short: `error${at}: ${msg}`, ok: false };
}

export function StatusLine({
  model,
  width,
  title,
  now,
  entryFile,
}: {
  model: DebugModel;
  width: number;
  title: string;
  now: number;
  entryFile: string;
}): React.ReactElement {
  const t = useTheme();
  let badge: string;
  let tone = t.warning;
  let detail: string;
  if (model.phase === 'paused' && model.stop) {
    const s = model.stop;
    badge = ' PAUSED ';
    tone = s.reason === 'exception' ? t.error : t.warning;
    const fn = s.stack[0] && s.stack[0].name !== '(main)' ? ` in ${s.stack[0].name}` : '';
    const file = s.file === entryFile ? '' : ` of ${s.file}`;
    detail = `at line ${s.line}${file}${fn} (${stopReasonText(s)})`;
  } else if (model.phase === 'terminated') {
    const o = model.outcome ? outcomeText(model.outcome, entryFile) : { short: '', ok: false };
    badge = ' ENDED ';
    tone = o.ok ? t.success : t.error;
    detail = o.short;
  } else {
    badge = ' RUNNING ';
    tone = t.accent;
    detail = `for ${formatDuration(now - model.runningSince)} · ${displayMainKey(DEBUGGER_KEYS.pause)} pauses, ${displayMainKey(DEBUGGER_KEYS.stop)} stops`;
  }
  const left = ` ${title} `;
  const room = Math.max(width - cellWidth(left) - cellWidth(badge) - 3, 0);
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        <Text bold>{truncate(left, Math.max(width - cellWidth(badge) - 4, 8))}</Text>
        <Text {...tone} inverse bold>
          {badge}
        </Text>{' '}
        {model.phase === 'running' ? <Spinner now={now} /> : null}
        {model.phase === 'running' ? ' ' : ''}
        <Text {...(model.phase === 'terminated' ? tone : {})}>{truncate(detail, Math.max(room - (model.phase === 'running' ? 2 : 0), 0))}</Text>
      </Text>
    </Box>
  );
}
