/**
 * The Debugger screen: source with the current line, breakpoints and a
 * cursor; variables of the selected frame (expandable); the call stack; a
 * watch list of expressions evaluated in the selected frame at every stop;
 * the output so far; and a status line saying what the run is doing.
 *
 * Layout (any size from 80×21 cells up):
 *
 *   status line
 *   ╭ Source ─────────────╮╭ Variables ─╮
 *   │                     ││            │
 *   │                     │╰────────────╯
 *   │                     │╭ Call stack ╮
 *   ╰─────────────────────╯╰────────────╯
 *   ╭ Output ─────────────╮╭ Watch ─────╮
 *   ╰─────────────────────╯╰────────────╯
 *
 * It drives any DebuggerSession (local or remote); the owner decides what
 * leaving means (stop the run, detach) through onBack.
 *
 * State and operations: useDebugger; keys: useDebuggerKeys; the panes: panes.tsx; dialogs:
 * DebuggerDialogs. This file lays the panes out.
 */
import React from 'react';
import { Box } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { DEBUGGER_KEYS, displayMainKey } from '../../tui/keymap.js';
import { OutputPane, SourcePane, StackPane, VariablesPane, WatchPane } from './panes.js';
import { StatusLine } from './status.js';
import { useDebugger, type DebuggerStateProps, type Pane } from './useDebugger.js';
import { useDebuggerKeys } from './useDebuggerKeys.js';
import { DebuggerDialogs } from './DebuggerDialogs.js';

export interface DebuggerProps extends DebuggerStateProps {
  /** Start again (a new session); absent = no restart (e.g. an attached remote run). */
  onRestart?: () => void;
}

export function Debugger(props: DebuggerProps): React.ReactElement {
  const { session, title, size, onRestart, onBack } = props;
  const d = useDebugger(props);
  useDebuggerKeys(d, onRestart);
  const { model, pane, input, view, L, srcH, srcW, source, lineCount, frameInfo, varRows, varIndex, selRow, ended, running, paused, outLines, outTop, outW, watchSel, now, setInput } = d;

  // ---- render
  const currentHere = model.phase === 'paused' && model.stop && model.stop.file === view.file ? model.stop.line : null;
  const frameHere = model.phase === 'paused' && model.frame > 0 && frameInfo && frameInfo.file === view.file ? frameInfo.line : null;
  const breakpointsHere = model.breakpoints.get(view.file) ?? session.breakpoints(view.file);
  const focus = (p: Pane) => pane === p && input === null;
  const frameName = frameInfo ? (model.frame === 0 ? frameInfo.name : `#${model.frame} ${frameInfo.name}`) : '';
  const varsNote = ended
    ? ''
    : pane === 'vars' && selRow?.kind === 'var'
      ? selRow.v.type + (selRow.v.count !== undefined ? ` (${selRow.v.count})` : '')
      : model.varsStale
        ? 'running…'
        : frameName;
  const varsMessage = ended
    ? 'The run has ended.'
    : model.varsError
      ? model.varsError
      : !model.vars
        ? running
          ? 'Shown when the run pauses.'
          : '…'
        : null;
  const stackMessage = ended ? 'The run has ended.' : model.frames.length === 0 ? (running ? 'Shown when the run pauses.' : '…') : null;
  const hint = `${displayMainKey(DEBUGGER_KEYS.evaluate)}: evaluate${model.frames.length > 1 ? ` in ${frameName}` : ''}`;
  const srcTitle = `Source ${view.file}`;
  const srcNote = source === null ? '' : `${view.cursor}/${lineCount}`;
  const outH = Math.max(L.bottomH - 2, 1);

  return (
    <Box flexDirection="column" width={size.width} height={size.height}>
      <StatusLine model={model} width={size.width} title={title} now={now} entryFile={session.file} />
      <Box height={L.topH} width={size.width}>
        <Panel title={srcTitle} note={srcNote} width={L.leftW} height={L.topH} focused={focus('source')}>
          <SourcePane
            source={source}
            top={view.top}
            height={srcH}
            width={srcW}
            left={view.left}
            cursor={view.cursor}
            current={currentHere}
            frameLine={frameHere}
            breakpoints={breakpointsHere}
            focused={focus('source')}
            exception={model.stop?.reason === 'exception'}
            errorLine={model.outcome && !model.outcome.ok && model.outcome.error && model.outcome.error.file === view.file ? model.outcome.error.line : null}
          />
        </Panel>
        <Box flexDirection="column" width={L.rightW} height={L.topH}>
          <Panel title="Variables" note={varsNote} width={L.rightW} height={L.varsH} focused={focus('vars')}>
            <VariablesPane
              rows={varRows}
              selected={varIndex}
              height={Math.max(L.varsH - 2, 1)}
              width={L.rightW - 2}
              focused={focus('vars')}
              stale={model.varsStale}
              message={varsMessage}
            />
          </Panel>
          <Panel title="Call stack" note={running && model.frames.length > 0 ? 'running…' : model.frames.length > 0 ? String(model.frames.length) : ''} width={L.rightW} height={L.stackH} focused={focus('stack')}>
            <StackPane
              frames={model.frames}
              selected={model.frame}
              height={Math.max(L.stackH - 2, 1)}
              width={L.rightW - 2}
              focused={focus('stack')}
              entryFile={session.file}
              message={stackMessage}
              stale={running}
            />
          </Panel>
        </Box>
      </Box>
      <Box height={L.bottomH} width={size.width}>
        <Panel title="Output" note={outLines.length > outH ? `${outLines.length} lines` : ''} width={L.leftW} height={L.bottomH} focused={focus('output')}>
          <OutputPane lines={outLines} top={outTop} height={outH} width={outW} tail={ended ? '(no output)' : '(no output yet)'} />
        </Panel>
        <Panel title="Watch" note={model.watches.length > 0 ? String(model.watches.length) : ''} width={L.rightW} height={L.bottomH} focused={pane === 'watch'}>
          <WatchPane
            watches={model.watches}
            selected={watchSel}
            height={outH}
            width={L.rightW - 2}
            focused={focus('watch')}
            paused={paused}
            input={input}
            onInput={(v) => setInput((s) => (s === null ? s : v))}
            hint={hint}
          />
        </Panel>
      </Box>
      <DebuggerDialogs d={d} size={size} title={title} onBack={onBack} />
    </Box>
  );
}
