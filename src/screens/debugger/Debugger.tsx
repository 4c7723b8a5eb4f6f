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
 */
import React, { useMemo, useRef, useState } from 'react';
import { Box } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { ConfirmDialog } from '../../tui/components/Dialog.js';
import { listNavBindings } from '../../tui/components/VirtualList.js';
import { useKeys, type Binding, type LayerSpec } from '../../tui/keys.js';
import { DEBUGGER_KEYS, EVAL_KEYS, NAV_KEYS, displayMainKey } from '../../tui/keymap.js';
import { useNow, type Size } from '../../tui/hooks.js';
import { useTui, useUnsaved } from '../../tui/services.js';
import { wrapText } from '../../tui/text.js';
import { sourceLineCount } from '../../tui/components/SourceView.js';
import { useDebugModel, type KeptView } from './model.js';
import { OutputPane, SourcePane, StackPane, VariablesPane, WatchPane, variableRows, watchText } from './panes.js';
import { StatusLine, outcomeText } from './status.js';
import { debuggerLayout } from './layout.js';
import { useFunctionKeys } from './functionKeys.js';
import { ValueDialog } from './ValueDialog.js';

import type { BreakpointStore, DebuggerSession, DebugSource, StoppedEvent } from './types.js';
export { debuggerLayout, type DebuggerLayout } from './layout.js';
export { ValueDialog } from './ValueDialog.js';

export type Pane = 'source' | 'vars' | 'stack' | 'watch' | 'output';
const PANES: Pane[] = ['source', 'vars', 'stack', 'watch', 'output'];

export interface DebuggerProps {
  session: DebuggerSession;
  /** Shown in the status line, e.g. the script's name. */
  title: string;
  size: Size;
  /** The script's sources; default: the session's own (remote sessions have them). */
  debugSource?: DebugSource;
  bpStore?: BreakpointStore;
  /** Start again (a new session); absent = no restart (e.g. an attached remote run). */
  onRestart?: () => void;
  /** Leave the screen. The owner stops or detaches the session. */
  onBack: () => void;
  /** What leaving does to a run that has not ended ('stop' asks first). */
  leaving: 'stop' | 'detach' | 'keep';
  /** Carried over a restart. */
  keep?: KeptView;
}

export function Debugger({ session, title, size, debugSource, bpStore, onRestart, onBack, leaving, keep }: DebuggerProps): React.ReactElement {
  const tui = useTui();
  const src = debugSource ?? session.debugSource;
  const sources = useMemo(() => {
    const m = new Map<string, string>();
    if (src) {
      m.set(src.file, src.source);
      for (const inc of Object.values(src.includes)) m.set(inc.file, inc.source);
    }
    return m;
  }, [src]);
  const files = useMemo(() => [...sources.keys()], [sources]);
  const [model, act] = useDebugModel(session, { bpStore, onError: (m, kind = 'error') => tui.flash(m, kind), files, keep });
  const paused = model.phase === 'paused' && !model.busy;
  /** Step keys work while paused, and queue up while a step is under way. */
  const steppable = model.phase === 'paused' || model.busy;
  const ended = model.phase === 'terminated';
  useUnsaved(!ended && leaving === 'stop' ? `the debug run of "${title}"` : null);

  const [pane, setPane] = useState<Pane>('source');
  const [view, setView] = useState<{ file: string; cursor: number; top: number; left: number }>(() => ({
    file: session.lastStop?.file ?? session.file,
    cursor: session.lastStop?.line ?? 1,
    top: 0,
    left: 0,
  }));
  const [varSel, setVarSel] = useState<{ key: string | null; index: number }>({ key: null, index: 0 });
  const [watchSel, setWatchSel] = useState(0);
  const [outTop, setOutTop] = useState<number | null>(null);
  const [input, setInput] = useState<string | null>(null);
  const history = useRef<string[]>([]);
  const historyAt = useRef(-1);
  const [valueOf, setValueOf] = useState<{ title: string; text: string } | null>(null);
  const [askLeave, setAskLeave] = useState(false);
  const now = useNow(200, model.phase === 'running');

  // ---- layout
  const L = debuggerLayout(size.width, size.height);
  const srcH = Math.max(L.topH - 2, 1);
  const srcW = Math.max(L.leftW - 2, 1);
  const source = sources.get(view.file) ?? null;
  const lineCount = source === null ? 0 : Math.max(sourceLineCount(source), 1);

  /** Show `line` of `file` with the cursor on it, scrolling only when it is off screen. */
  const showLine = (file: string, line: number) => {
    setView((v) => {
      const top = v.file === file && line > v.top && line <= v.top + srcH ? v.top : Math.max(line - Math.floor(srcH / 3) - 1, 0);
      return { file, cursor: line, top, left: v.file === file ? v.left : 0 };
    });
  };

  // Follow the run: a new stop shows its line, a frame selection the frame's line. Done while
  // rendering (not in an effect) so that the cursor is on the new line in the same frame as the
  // status line that announces it.
  const frameInfo = model.frames[model.frame];
  const [followed, setFollowed] = useState<{ stop: StoppedEvent | null; frame: number }>({ stop: null, frame: 0 });
  if (model.stop !== followed.stop || (model.stop !== null && model.frame !== followed.frame)) {
    setFollowed({ stop: model.stop, frame: model.frame });
    const at = model.frame > 0 && frameInfo ? frameInfo : model.stop;
    if (at) showLine(at.file, at.line);
  }

  // ---- derived rows
  const varRows = useMemo(() => variableRows(model), [model.vars, model.children, model.expanded]); // eslint-disable-line react-hooks/exhaustive-deps
  const varIndex = (() => {
    if (varRows.length === 0) return 0;
    const byKey = varSel.key === null ? -1 : varRows.findIndex((r) => r.key === varSel.key);
    return byKey >= 0 ? byKey : Math.min(varSel.index, varRows.length - 1);
  })();
  const selRow = varRows[varIndex];
  const setVarIndex = (f: (i: number) => number) =>
    setVarSel(() => {
      const i = Math.max(0, Math.min(f(varIndex), varRows.length - 1));
      return { key: varRows[i]?.key ?? null, index: i };
    });

  const outW = Math.max(L.leftW - 2, 1);
  const outLines = useMemo(() => {
    // Wrapped to the pane: output and the outcome are read whole, not scrolled sideways.
    const out: Array<{ text: string; tone?: 'error' | 'muted' | 'success' }> = wrapText(model.output, outW).map((text) => ({ text }));
    if (model.outcome) {
      const o = outcomeText(model.outcome, session.file);
      for (const text of wrapText(`── ${o.text}`, outW)) out.push({ text, tone: o.ok ? 'success' : 'error' });
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model.output, model.outcome, outW]);

  const currentHere = model.phase === 'paused' && model.stop && model.stop.file === view.file ? model.stop.line : null;
  const frameHere = model.phase === 'paused' && model.frame > 0 && frameInfo && frameInfo.file === view.file ? frameInfo.line : null;
  const breakpointsHere = model.breakpoints.get(view.file) ?? session.breakpoints(view.file);

  // ---- actions
  const leave = () => {
    if (!ended && leaving === 'stop') setAskLeave(true);
    else onBack();
  };
  const moveCursor = (f: (c: number) => number) =>
    setView((v) => {
      const cursor = Math.max(1, Math.min(f(v.cursor), lineCount));
      let top = v.top;
      if (cursor - 1 < top) top = cursor - 1;
      else if (cursor > top + srcH) top = cursor - srcH;
      return { ...v, cursor, top: Math.max(top, 0) };
    });
  const runToCursor = () => act.runTo(view.cursor, view.file);
  // The field is drawn in the Watch pane; focus goes back where it was when it closes.
  const evalFrom = useRef<Pane>('source');
  const startEval = () => {
    if (input === null) evalFrom.current = pane;
    setPane('watch');
    historyAt.current = -1;
    setInput('');
  };
  const showValue = (title: string, text: string) => setValueOf({ title, text });

  // ---- keys
  const page = Math.max(srcH - 1, 1);
  const paneBindings: Binding[] = [];
  if (pane === 'source') {
    paneBindings.push(
      { def: NAV_KEYS.up, run: () => moveCursor((c) => c - 1), footer: false },
      { def: NAV_KEYS.down, run: () => moveCursor((c) => c + 1), footer: false },
      { def: NAV_KEYS.pageUp, run: () => moveCursor((c) => c - page), footer: false },
      { def: NAV_KEYS.pageDown, run: () => moveCursor((c) => c + page), footer: false },
      { def: NAV_KEYS.top, run: () => moveCursor(() => 1), footer: false },
      { def: NAV_KEYS.bottom, run: () => moveCursor(() => lineCount), footer: false },
      { def: NAV_KEYS.left, run: () => setView((v) => ({ ...v, left: Math.max(v.left - 8, 0) })), footer: false },
      { def: NAV_KEYS.right, run: () => setView((v) => ({ ...v, left: v.left + 8 })), footer: false },
    );
  } else if (pane === 'vars') {
    const v = selRow?.kind === 'var' ? selRow : null;
    paneBindings.push(
      ...listNavBindings(varRows.length, Math.max(L.varsH - 2, 1), setVarIndex),
      { def: DEBUGGER_KEYS.expand, run: () => v && act.setExpanded(v.path, v.v, true), when: !!v && v.v.ref > 0, footer: false },
      {
        def: DEBUGGER_KEYS.collapse,
        run: () => {
          if (v && v.open) act.setExpanded(v.path, v.v, false);
          else if (selRow && selRow.kind !== 'head') {
            // to the parent variable
            const parent = selRow.key.slice(0, selRow.key.lastIndexOf('/'));
            const i = varRows.findIndex((r) => r.key === parent);
            if (i >= 0) setVarSel({ key: parent, index: i });
          }
        },
        footer: false,
      },
      { def: DEBUGGER_KEYS.toggle, run: () => v && act.toggleExpand(v.path, v.v), when: !!v && v.v.ref > 0, footer: false },
      {
        def: DEBUGGER_KEYS.showValue,
        run: () => v && (v.v.ref > 0 ? act.toggleExpand(v.path, v.v) : showValue(`${v.v.name}: ${v.v.type}`, v.v.value)),
        when: !!v,
        label: v && v.v.ref > 0 ? 'Expand/collapse' : 'Value',
        footer: false,
      },
    );
  } else if (pane === 'stack') {
    paneBindings.push(...listNavBindings(model.frames.length, Math.max(L.stackH - 2, 1), (f) => act.selectFrame(Math.max(0, Math.min(f(model.frame), model.frames.length - 1)))));
    paneBindings.push({ def: DEBUGGER_KEYS.selectFrame, run: () => frameInfo && showLine(frameInfo.file, frameInfo.line), footer: false });
  } else if (pane === 'watch') {
    const w = model.watches[Math.min(watchSel, model.watches.length - 1)];
    paneBindings.push(...listNavBindings(model.watches.length, Math.max(L.bottomH - 3, 1), (f) => setWatchSel((i) => Math.max(0, Math.min(f(i), model.watches.length - 1)))));
    paneBindings.push(
      { def: DEBUGGER_KEYS.deleteWatch, run: () => w && act.removeWatch(w.id), when: !!w, footer: false },
      { def: DEBUGGER_KEYS.showValue, run: () => w && showValue(w.expr, watchText(w, paused).value), when: !!w, footer: false },
    );
  } else {
    const h = Math.max(L.bottomH - 2, 1);
    const maxTop = Math.max(outLines.length - h, 0);
    const scroll = (f: (i: number) => number) =>
      setOutTop((cur) => {
        const n = Math.max(0, Math.min(f(cur ?? maxTop), maxTop));
        return n >= maxTop ? null : n;
      });
    paneBindings.push(
      { def: NAV_KEYS.up, run: () => scroll((i) => i - 1), footer: false },
      { def: NAV_KEYS.down, run: () => scroll((i) => i + 1), footer: false },
      { def: NAV_KEYS.pageUp, run: () => scroll((i) => i - h), footer: false },
      { def: NAV_KEYS.pageDown, run: () => scroll((i) => i + h), footer: false },
      { def: NAV_KEYS.top, run: () => scroll(() => 0), footer: false },
      { def: NAV_KEYS.bottom, run: () => setOutTop(null), footer: false },
    );
  }

  const running = model.phase === 'running';
  const bindings: Binding[] = [
    { def: DEBUGGER_KEYS.stepIn, run: () => act.command('stepIn'), when: steppable },
    { def: DEBUGGER_KEYS.stepOver, run: () => act.command('stepOver'), when: steppable },
    { def: DEBUGGER_KEYS.stepOut, run: () => act.command('stepOut'), when: steppable },
    { def: DEBUGGER_KEYS.continue, run: () => act.command('continue'), when: steppable },
    { def: DEBUGGER_KEYS.restart, run: () => onRestart?.(), when: !!onRestart && ended },
    { def: DEBUGGER_KEYS.pause, run: () => act.pause(), when: running },
    { def: DEBUGGER_KEYS.breakpoint, run: () => act.toggleBreakpoint(view.file, view.cursor), when: source !== null },
    { def: DEBUGGER_KEYS.runToCursor, run: runToCursor, when: steppable },
    { def: DEBUGGER_KEYS.stop, run: () => void act.stop(), when: !ended },
    { def: DEBUGGER_KEYS.evaluate, run: startEval },
    { def: DEBUGGER_KEYS.back, run: leave },
    { def: DEBUGGER_KEYS.runToEnd, run: () => act.command('runToEnd'), when: steppable, footer: false },
    { def: DEBUGGER_KEYS.restart, run: () => onRestart?.(), when: !!onRestart && !ended, footer: false },
    { def: DEBUGGER_KEYS.currentLine, run: () => model.stop && showLine(model.stop.file, model.stop.line), when: !!model.stop, footer: false },
    {
      def: DEBUGGER_KEYS.nextFile,
      run: () => {
        const next = files[(files.indexOf(view.file) + 1) % files.length]!;
        const here = model.stop && model.stop.file === next ? model.stop.line : 1;
        setView({ file: next, cursor: here, top: Math.max(here - Math.floor(srcH / 3) - 1, 0), left: 0 });
      },
      when: files.length > 1,
      footer: false,
    },
    { def: DEBUGGER_KEYS.nextPane, run: () => setPane((p) => PANES[(PANES.indexOf(p) + 1) % PANES.length]!), footer: false },
    { def: DEBUGGER_KEYS.prevPane, run: () => setPane((p) => PANES[(PANES.indexOf(p) + PANES.length - 1) % PANES.length]!), footer: false },
    ...paneBindings,
  ];
  const spec: LayerSpec = { title: `Debugger — ${paneTitle(pane)}`, bindings };
  useKeys(spec);
  useFunctionKeys(spec);

  // The expression field takes the keyboard while open.
  useKeys({
    title: 'Evaluate',
    level: 'modal',
    active: input !== null,
    bindings: [
      {
        def: EVAL_KEYS.add,
        run: () => {
          const e = input?.trim() ?? '';
          if (e !== '') {
            act.addWatch(e);
            history.current = [e, ...history.current.filter((h) => h !== e)].slice(0, 50);
            setWatchSel(model.watches.length);
          }
          setInput(null);
          setPane(evalFrom.current);
        },
      },
      {
        def: EVAL_KEYS.cancel,
        run: () => {
          setInput(null);
          setPane(evalFrom.current);
        },
      },
      {
        def: EVAL_KEYS.history,
        run: (_i, key) => {
          const hs = history.current;
          if (hs.length === 0) return;
          historyAt.current = key.upArrow ? Math.min(historyAt.current + 1, hs.length - 1) : Math.max(historyAt.current - 1, -1);
          setInput(historyAt.current < 0 ? '' : hs[historyAt.current]!);
        },
        footer: false,
      },
    ],
    capture: true,
  });

  // ---- render
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
      {valueOf ? <ValueDialog title={valueOf.title} text={valueOf.text} area={size} onClose={() => setValueOf(null)} /> : null}
      {askLeave ? (
        <ConfirmDialog
          title="Leave the debugger?"
          message={`The debug run of "${title}" has not ended; leaving stops it.`}
          area={size}
          yesLabel="Stop and leave"
          noLabel="Stay"
          danger
          onYes={() => {
            setAskLeave(false);
            onBack();
          }}
          onNo={() => setAskLeave(false)}
        />
      ) : null}
    </Box>
  );
}

function paneTitle(p: Pane): string {
  return p === 'source' ? 'source' : p === 'vars' ? 'variables' : p === 'stack' ? 'call stack' : p === 'watch' ? 'watch list' : 'output';
}
