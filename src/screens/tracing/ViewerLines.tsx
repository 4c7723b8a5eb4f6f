/** The trace viewer's one-line parts: the status line, the step slider, the go-to-step field. */
import React from 'react';
import { Box, Text } from 'ink';
import { Field } from '../../tui/components/Field.js';
import { TRACE_VIEW_KEYS, displayMainKey } from '../../tui/keymap.js';
import { useTheme } from '../../tui/theme.js';
import { cellWidth, fit, formatDuration, truncate } from '../../tui/text.js';
import type { TraceRecording, TraceStepView } from '../../interp/trace/reader.js';
import type { TraceRun } from '../../store/schema.js';
import { shortFile } from '../debugger/panes.js';
import { count, joinFitting, runSource, sliderBar, whenText } from './model.js';

export function StatusLine({ rec, run, title, width, step }: { rec: TraceRecording; run: TraceRun | null; title: string; width: number; step: number }): React.ReactElement {
  const t = useTheme();
  const outcome = rec.truncated ? 'cut short' : rec.outcome;
  const tone = outcome === 'ok' ? t.success : outcome === 'failed' ? t.error : t.warning;
  const badge = ` ${outcome.toUpperCase()} `;
  const head = ` Trace of ${title} `;
  const who = run ? runSource(run) : [rec.header.source, rec.header.user].filter(Boolean).join(' · ');
  const atException = rec.exception !== null && rec.exception.step === step;
  const detail = atException
    ? `exception here: ${rec.exception!.message}`
    : joinFitting(
        [
          whenText(rec.header.startedAt),
          who,
          rec.end ? formatDuration(rec.durationMs) : '',
          rec.header.event ? `event ${rec.header.event}` : '',
          rec.exception && rec.exception.step !== null ? `${displayMainKey(TRACE_VIEW_KEYS.exception)}: to the exception` : '',
        ],
        Math.max(width - cellWidth(head) - cellWidth(badge) - 2, 0),
      );
  const headRoom = Math.max(width - cellWidth(badge) - 2, 8);
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        <Text bold>{truncate(head, headRoom)}</Text>
        <Text {...tone} inverse bold>
          {badge}
        </Text>{' '}
        <Text {...(atException ? t.error : t.muted)}>{truncate(detail, Math.max(width - cellWidth(head) - cellWidth(badge) - 1, 0))}</Text>
      </Text>
    </Box>
  );
}

export function SliderLine({ rec, view, step, width }: { rec: TraceRecording; view: TraceStepView; step: number; width: number }): React.ReactElement {
  const t = useTheme();
  const N = rec.steps;
  const label = ` Step ${count(step + 1)} of ${count(N)} `;
  const fn = view.stack[0]?.name ?? '';
  const where = `${view.file !== rec.file ? `${shortFile(view.file)}:` : 'line '}${view.line}`;
  const pct = N <= 1 ? 100 : Math.floor((step / (N - 1)) * 100);
  const info = joinFitting([`${pct}%`, `depth ${view.depth}`, fn === '(main)' ? '' : fn, where], Math.max(Math.floor(width * 0.38), 12));
  const barW = Math.max(width - cellWidth(label) - cellWidth(info) - 4, 3);
  const bar = sliderBar(step, N, barW);
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate">
        <Text bold>{label}</Text>
        <Text {...t.muted}>├</Text>
        <Text {...t.accent}>{bar.done}</Text>
        <Text {...(view.exception ? t.error : t.accent)} bold>
          {bar.knob}
        </Text>
        <Text {...t.muted}>{bar.rest}</Text>
        <Text {...t.muted}>┤ </Text>
        <Text>{fit(info, Math.max(width - cellWidth(label) - barW - 3, 0))}</Text>
      </Text>
    </Box>
  );
}

export function GotoLine({ input, onChange, error, steps, width }: { input: string; onChange: (v: string) => void; error: string | null; steps: number; width: number }): React.ReactElement {
  const t = useTheme();
  const label = ` Go to step (1–${count(steps)}): `;
  const room = Math.max(width - cellWidth(label) - 1, 6);
  const fieldW = Math.min(room, 14);
  return (
    <Box width={width} height={1}>
      <Text {...t.accent}>{label}</Text>
      <Field value={input} onChange={onChange} focused width={fieldW} />
      <Text wrap="truncate">
        {error ? (
          <Text {...t.error}> {truncate(error, Math.max(room - fieldW - 1, 0))}</Text>
        ) : (
          <Text {...t.muted}> {truncate('a number, a percentage (50%), or +N / -N', Math.max(room - fieldW - 1, 0))}</Text>
        )}
      </Text>
    </Box>
  );
}
