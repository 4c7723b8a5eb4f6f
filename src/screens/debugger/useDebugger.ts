/**
 * The state of the Debugger screen: the session's model (useDebugModel), the pane with the
 * focus, the source view (file, cursor, scroll) that follows the run, the selections of the
 * variables and watch panes, the output's scroll, the expression field with its history, the
 * open dialog, and the operations the keys call.
 */
import { useMemo, useRef, useState } from 'react';
import { useNow, type Size } from '../../tui/hooks.js';
import { useTui, useUnsaved } from '../../tui/services.js';
import { wrapText } from '../../tui/text.js';
import { sourceLineCount } from '../../tui/components/SourceView.js';
import type { KeptView } from './model.js';
import { useDebugModel } from './useDebugModel.js';
import { variableRows } from './panes.js';
import { outcomeText } from './status.js';
import { debuggerLayout } from './layout.js';
import type { BreakpointStore, DebuggerSession, DebugSource, StoppedEvent } from './types.js';
import { useKeptSelection } from '../../tui/kept-selection.js';

export type Pane = 'source' | 'vars' | 'stack' | 'watch' | 'output';
export const PANES: Pane[] = ['source', 'vars', 'stack', 'watch', 'output'];

export interface DebuggerStateProps {
  session: DebuggerSession;
  /** Shown in the status line, e.g. the script's name. */
  title: string;
  size: Size;
  /** The script's sources; default: the session's own (remote sessions have them). */
  debugSource?: DebugSource;
  bpStore?: BreakpointStore;
  /** Leave the screen. The owner stops or detaches the session. */
  onBack: () => void;
  /** What leaving does to a run that has not ended ('stop' asks first). */
  leaving: 'stop' | 'detach' | 'keep';
  /** Carried over a restart. */
  keep?: KeptView;
}

export function useDebugger({ session, title, size, debugSource, bpStore, onBack, leaving, keep }: DebuggerStateProps) {
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
  const running = model.phase === 'running';
  useUnsaved(!ended && leaving === 'stop' ? `the debug run of "${title}"` : null);

  const [pane, setPane] = useState<Pane>('source');
  const [view, setView] = useState<{ file: string; cursor: number; top: number; left: number }>(() => ({
    file: session.lastStop?.file ?? session.file,
    cursor: session.lastStop?.line ?? 1,
    top: 0,
    left: 0,
  }));
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
  const varSel = useKeptSelection(varRows);
  const { index: varIndex, row: selRow, move: setVarIndex } = varSel;

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

  // ---- operations
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

  return {
    session,
    model,
    act,
    files,
    paused,
    steppable,
    ended,
    running,
    pane,
    setPane,
    view,
    setView,
    setVarSel: varSel.select,
    watchSel,
    setWatchSel,
    outTop,
    setOutTop,
    input,
    setInput,
    history,
    historyAt,
    evalFrom,
    valueOf,
    setValueOf,
    askLeave,
    setAskLeave,
    now,
    L,
    srcH,
    srcW,
    source,
    lineCount,
    frameInfo,
    showLine,
    varRows,
    varIndex,
    selRow,
    setVarIndex,
    outW,
    outLines,
    leave,
    moveCursor,
    runToCursor,
    startEval,
    showValue,
  };
}

export type DebuggerState = ReturnType<typeof useDebugger>;
