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
 * The lists: TraceLists.tsx; the viewer: Viewer.tsx; the outbox: macros/OutboxScreen.tsx.
 */
import React, { useState } from 'react';
import { Box } from 'ink';
import { KeyScope } from '../../tui/keys.js';
import type { TraceRun } from '../../store/schema.js';
import type { TraceRecording } from '../../interp/trace/reader.js';
import { OutboxScreen } from '../macros/OutboxScreen.js';
import { TraceViewer } from './Viewer.js';
import { TraceLists, type TraceListsProps } from './TraceLists.js';

/** What the Tracing tab or a script's Trace action shows (see TraceListsProps). */
export type TraceManagerProps = Omit<TraceListsProps, 'onOutbox' | 'onOpen'>;

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
