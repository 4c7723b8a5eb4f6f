/**
 * The trace viewer: replays one recording. The source with the current statement marked, the
 * variables at that step (expanded lazily), the call stack (select a frame to see its variables),
 * the output written up to the step, and a position slider. Moves: one step either way, a tenth
 * of the recording, a typed step, first/last/exception, and the depth-aware moves of the reader
 * (step back, in, next, out, out of scope).
 *
 * Layout (the Debugger's panes):
 *
 *   status line: what was recorded, when, by whom, how it ended
 *   ╭ Source ─────────────╮╭ Variables ─╮
 *   │                     ││            │
 *   │                     │╰────────────╯
 *   │                     │╭ Call stack ╮
 *   ╰─────────────────────╯╰────────────╯
 *   ╭ Output ──────────────────────────╮
 *   ╰──────────────────────────────────╯
 *   Step 57 of 120 ├━━━━━●───────┤ depth 2 · fib · line 14
 *
 * Only the current step is reconstructed (TraceRecording.at is fast at any step); the output is
 * wrapped from its tail, so a recording of millions of steps moves as quickly as a small one.
 */
import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { DEBUGGER_KEYS, GOTO_STEP_KEYS, NAV_KEYS, TRACE_VIEW_KEYS, displayMainKey } from '../../tui/keymap.js';
import type { Size } from '../../tui/hooks.js';
import { useTui } from '../../tui/services.js';
import { useTheme } from '../../tui/theme.js';
import { cellWidth, wrapText } from '../../tui/text.js';
import { sourceLineCount } from '../../tui/components/SourceView.js';
import type { TraceRecording } from '../../interp/trace/reader.js';
import type { TraceRun } from '../../store/schema.js';
import { debuggerLayout } from '../debugger/layout.js';
import { ValueDialog } from '../debugger/ValueDialog.js';
import { OutputPane, SourcePane, StackPane, VariablesPane, shortFile, variableRows } from '../debugger/panes.js';
import { count, parseStepInput, tailLines } from './model.js';
import { GotoLine, SliderLine, StatusLine } from './ViewerLines.js';
import { expandedChildren, outcomeLine } from './replay.js';
import { useKeptSelection } from '../../tui/kept-selection.js';

export type ViewerPane = 'source' | 'vars' | 'stack' | 'output';
const PANES: ViewerPane[] = ['source', 'vars', 'stack', 'output'];
const PANE_TITLE: Record<ViewerPane, string> = { source: 'source', vars: 'variables', stack: 'call stack', output: 'output' };

export interface TraceViewerProps {
  rec: TraceRecording;
  /** The store's index entry (source, user, when), when the recording came from the store. */
  run?: TraceRun | null;
  /** What was traced, e.g. "script Examples/Hello". */
  title: string;
  size: Size;
  onClose: () => void;
  /** The step to open at (0-based); default the first. */
  initialStep?: number;
}

export function TraceViewer(props: TraceViewerProps): React.ReactElement {
  if (props.rec.steps === 0) return <EmptyRecording {...props} />;
  return <Viewer {...props} />;
}

function EmptyRecording({ title, size, onClose, rec }: TraceViewerProps): React.ReactElement {
  const t = useTheme();
  useKeys({ title: 'Trace viewer', bindings: [{ def: TRACE_VIEW_KEYS.close, run: onClose }] });
  const why =
    rec.end === null
      ? 'Its run was ended before it recorded a statement.'
      : rec.outcome === 'interrupted'
        ? 'The run was stopped before its first block of steps was saved.'
        : 'The run ended before its first statement (for example a problem at start-up).';
  return (
    <Panel title={`Trace of ${title}`} width={size.width} height={size.height} focused>
      <Text wrap="truncate"> This recording holds no steps.</Text>
      <Text {...t.muted} wrap="truncate">
        {' '}
        {why}
      </Text>
      {rec.exception ? (
        <Text {...t.error} wrap="truncate">
          {' '}
          {rec.exception.message}
        </Text>
      ) : null}
    </Panel>
  );
}

function Viewer({ rec, run, title, size, onClose, initialStep = 0 }: TraceViewerProps): React.ReactElement {
  const tui = useTui();
  const N = rec.steps;
  const last = N - 1;
  const [step, setStepState] = useState(() => Math.max(0, Math.min(initialStep, last)));
  const [frame, setFrame] = useState(0);
  const [pane, setPane] = useState<ViewerPane>('source');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [outTop, setOutTop] = useState<number | null>(null);
  const [goto, setGoto] = useState<{ input: string; error: string | null } | null>(null);
  const [dialog, setDialog] = useState<{ title: string; text: string; fromEnd?: boolean } | null>(null);

  const files = useMemo(() => {
    const all = Object.keys(rec.sources);
    return all.includes(rec.file) ? [rec.file, ...all.filter((f) => f !== rec.file)] : all;
  }, [rec]);

  // ---- the step
  const view = useMemo(() => rec.at(step), [rec, step]);
  const frameIdx = Math.max(0, Math.min(frame, view.stack.length - 1));
  const selFrame = view.stack[frameIdx];
  const fv = view.frames[frameIdx];
  const vars = useMemo(() => (fv ? { locals: fv.locals, globals: fv.globals } : { locals: [], globals: [] }), [fv]);
  const children = useMemo(() => expandedChildren(view, vars, expanded), [view, vars, expanded]);
  const varRows = useMemo(() => variableRows({ vars, children, expanded }), [vars, children, expanded]);

  const go = (s: number) => {
    const n = Math.max(0, Math.min(Math.trunc(s), last));
    setStepState(n);
    setFrame(0);
  };

  // ---- layout
  const L = debuggerLayout(size.width, size.height - 1);
  const srcH = Math.max(L.topH - 2, 1);
  const srcW = Math.max(L.leftW - 2, 1);
  const outW = Math.max(size.width - 2, 1);
  const outH = Math.max(L.bottomH - 2, 1);

  // ---- the source follows the step (and the selected frame)
  const [src, setSrc] = useState<{ file: string; cursor: number; top: number; left: number }>(() => ({ file: view.file, cursor: view.line, top: Math.max(view.line - Math.floor(srcH / 3) - 1, 0), left: 0 }));
  const showLine = (file: string, line: number) =>
    setSrc((v) => {
      const top = v.file === file && line > v.top && line <= v.top + srcH ? v.top : Math.max(line - Math.floor(srcH / 3) - 1, 0);
      return { file, cursor: line, top, left: v.file === file ? v.left : 0 };
    });
  const [followed, setFollowed] = useState({ step, frame: frameIdx });
  if (followed.step !== step || followed.frame !== frameIdx) {
    setFollowed({ step, frame: frameIdx });
    const at = selFrame ?? view;
    showLine(at.file, at.line);
  }
  const source = rec.sources[src.file] ?? null;
  const lineCount = source === null ? 0 : Math.max(sourceLineCount(source), 1);

  // ---- variables selection (kept on the same variable across steps when it is still there)
  const varSel = useKeptSelection(varRows);
  const { index: varIndex, row: selRow, move: setVarIndex } = varSel;
  const setOpen = (path: string, open: boolean) =>
    setExpanded((s) => {
      if (s.has(path) === open) return s;
      const n = new Set(s);
      if (open) n.add(path);
      else n.delete(path);
      return n;
    });

  // ---- output up to the step (at the last step: all of it, and how the run ended)
  const atEnd = step === last;
  const outText = atEnd ? rec.output : view.output;
  const ending = atEnd ? outcomeLine(rec) : null;
  const endingLines = useMemo(() => (ending ? wrapText(`── ${ending.text}`, outW).map((text) => ({ text, tone: ending.ok ? ('success' as const) : ('error' as const) })) : []), [ending?.text, outW]); // eslint-disable-line react-hooks/exhaustive-deps
  const scrolled = outTop !== null;
  const allOut = useMemo(() => (scrolled ? wrapText(outText, outW) : null), [scrolled, outText, outW]);
  const outLines = useMemo(() => {
    const body = allOut ?? tailLines(outText, outH, outW);
    return [...body.map((text) => ({ text })), ...endingLines];
  }, [allOut, outText, outH, outW, endingLines]);

  // ---- moves
  const move = (to: number, nowhere: string) => {
    if (to === step) tui.flash(nowhere);
    else go(to);
  };
  const tenth = Math.max(Math.round(N / 10), 1);
  const toLine = () => {
    if (source === null) return;
    const line = src.cursor;
    for (let j = step + 1; j < N; j++) {
      const p = rec.positionAt(j);
      if (p.line === line && p.file === src.file) return go(j);
    }
    tui.flash(`No step after this one runs line ${line}.`);
  };
  const exceptionStep = rec.exceptionStep();
  const toException = () => {
    if (exceptionStep !== null) return go(exceptionStep);
    tui.flash(rec.exception ? 'The recording stopped before the run raised its exception.' : 'This run ended without an unhandled exception.');
  };

  // ---- keys
  const moveCursor = (f: (c: number) => number) =>
    setSrc((v) => {
      const cursor = Math.max(1, Math.min(f(v.cursor), lineCount));
      let top = v.top;
      if (cursor - 1 < top) top = cursor - 1;
      else if (cursor > top + srcH) top = cursor - srcH;
      return { ...v, cursor, top: Math.max(top, 0) };
    });

  const paneBindings: Binding[] = [];
  if (pane === 'source') {
    paneBindings.push(
      { def: NAV_KEYS.up, run: () => moveCursor((c) => c - 1), footer: false, help: 'Move the cursor up in the source' },
      { def: NAV_KEYS.down, run: () => moveCursor((c) => c + 1), footer: false, help: 'Move the cursor down in the source' },
      { def: TRACE_VIEW_KEYS.toLine, run: toLine, when: source !== null, footer: false },
    );
  } else if (pane === 'vars') {
    const v = selRow?.kind === 'var' ? selRow : null;
    paneBindings.push(
      { def: NAV_KEYS.up, run: () => setVarIndex((i) => i - 1), footer: false },
      { def: NAV_KEYS.down, run: () => setVarIndex((i) => i + 1), footer: false },
      { def: DEBUGGER_KEYS.expand, run: () => v && setOpen(v.path, true), when: !!v && v.v.ref > 0, footer: false },
      {
        def: DEBUGGER_KEYS.collapse,
        run: () => {
          if (v && v.open) setOpen(v.path, false);
          else if (selRow && selRow.kind !== 'head') {
            const parent = selRow.key.slice(0, selRow.key.lastIndexOf('/'));
            const i = varRows.findIndex((r) => r.key === parent);
            if (i >= 0) varSel.select({ key: parent, index: i });
          }
        },
        footer: false,
      },
      { def: DEBUGGER_KEYS.toggle, run: () => v && setOpen(v.path, !v.open), when: !!v && v.v.ref > 0, footer: false },
      {
        def: DEBUGGER_KEYS.showValue,
        run: () => v && (v.v.ref > 0 ? setOpen(v.path, !v.open) : setDialog({ title: `${v.v.name}: ${v.v.type}`, text: v.v.value })),
        when: !!v,
        label: v && v.v.ref > 0 ? 'Expand/collapse' : 'Value',
        footer: false,
      },
    );
  } else if (pane === 'stack') {
    const n = view.stack.length;
    paneBindings.push(
      { def: NAV_KEYS.up, run: () => setFrame(() => Math.max(frameIdx - 1, 0)), footer: false, help: 'Select the frame above (inner)' },
      { def: NAV_KEYS.down, run: () => setFrame(() => Math.min(frameIdx + 1, n - 1)), footer: false, help: 'Select the frame below (the caller)' },
      { def: TRACE_VIEW_KEYS.selectFrame, run: () => selFrame && go(selFrame.step), when: !!selFrame && frameIdx > 0, footer: false },
    );
  } else {
    const scroll = (f: (i: number) => number) =>
      setOutTop((cur) => {
        const full = allOut ?? wrapText(outText, outW);
        const mt = Math.max(full.length + endingLines.length - outH, 0);
        const next = Math.max(0, Math.min(f(cur ?? mt), mt));
        return next >= mt ? null : next;
      });
    paneBindings.push(
      { def: NAV_KEYS.up, run: () => scroll((i) => i - 1), footer: false, help: 'Scroll the output up' },
      { def: NAV_KEYS.down, run: () => scroll((i) => i + 1), footer: false, help: 'Scroll the output down' },
      {
        def: DEBUGGER_KEYS.showValue,
        run: () =>
          setDialog({
            title: atEnd ? 'Output of the whole run' : `Output up to step ${count(step + 1)}`,
            text: outText + (ending ? `${outText === '' || outText.endsWith('\n') ? '' : '\n'}── ${ending.text}` : ''),
            fromEnd: true,
          }),
        label: 'Show all',
        help: 'Show the output up to this step in full',
        footer: false,
      },
    );
  }

  const bindings: Binding[] = [
    ...(pane === 'vars' ? paneBindings : []),
    { def: TRACE_VIEW_KEYS.stepBack, run: () => move(rec.stepBack(step), 'No earlier statement at this depth.') },
    { def: TRACE_VIEW_KEYS.stepIn, run: () => move(rec.stepIn(step), 'This is the last step.') },
    { def: TRACE_VIEW_KEYS.stepNext, run: () => move(rec.stepNext(step), 'This is the last step.') },
    { def: TRACE_VIEW_KEYS.stepOut, run: () => move(rec.stepOut(step), 'This is the last step.') },
    { def: TRACE_VIEW_KEYS.stepOutOfScope, run: () => move(rec.stepOutOfScope(step), 'This is the last step.') },
    { def: TRACE_VIEW_KEYS.exception, run: toException, when: rec.exception !== null },
    { def: TRACE_VIEW_KEYS.goTo, run: () => setGoto({ input: '', error: null }) },
    { def: TRACE_VIEW_KEYS.nextPane, run: () => setPane((p) => PANES[(PANES.indexOf(p) + 1) % PANES.length]!) },
    { def: TRACE_VIEW_KEYS.close, run: onClose },
    { def: TRACE_VIEW_KEYS.prevPane, run: () => setPane((p) => PANES[(PANES.indexOf(p) + PANES.length - 1) % PANES.length]!), footer: false },
    // In the variables pane ← and → collapse and expand.
    { def: TRACE_VIEW_KEYS.prev, run: () => move(rec.prev(step), 'This is the first step.'), when: pane !== 'vars', footer: false },
    { def: TRACE_VIEW_KEYS.next, run: () => move(rec.stepIn(step), 'This is the last step.'), when: pane !== 'vars', footer: false },
    { def: TRACE_VIEW_KEYS.first, run: () => go(rec.first()), footer: false },
    { def: TRACE_VIEW_KEYS.last, run: () => go(rec.last()), footer: false },
    { def: TRACE_VIEW_KEYS.back10, run: () => go(step - tenth), footer: false },
    { def: TRACE_VIEW_KEYS.forward10, run: () => go(step + tenth), footer: false },
    { def: TRACE_VIEW_KEYS.current, run: () => showLine((selFrame ?? view).file, (selFrame ?? view).line), footer: false },
    {
      def: TRACE_VIEW_KEYS.nextFile,
      run: () => {
        const next = files[(files.indexOf(src.file) + 1) % files.length]!;
        const here = view.file === next ? view.line : 1;
        setSrc({ file: next, cursor: here, top: Math.max(here - Math.floor(srcH / 3) - 1, 0), left: 0 });
      },
      when: files.length > 1,
      footer: false,
    },
    ...(pane === 'vars' ? [] : paneBindings),
  ];
  useKeys({ title: `Trace viewer — ${PANE_TITLE[pane]}`, bindings, active: dialog === null });

  useKeys({
    title: 'Go to step',
    level: 'modal',
    active: goto !== null,
    bindings: [
      {
        def: GOTO_STEP_KEYS.go,
        run: () => {
          if (!goto) return;
          const r = parseStepInput(goto.input, N, step);
          if ('error' in r) setGoto({ ...goto, error: r.error });
          else {
            setGoto(null);
            go(r.step);
          }
        },
      },
      { def: GOTO_STEP_KEYS.cancel, run: () => setGoto(null) },
    ],
    capture: true,
  });

  // ---- render
  const focus = (p: ViewerPane) => pane === p && goto === null;
  const currentHere = view.file === src.file ? view.line : null;
  const frameHere = frameIdx > 0 && selFrame && selFrame.file === src.file ? selFrame.line : null;
  const x = rec.exception;
  const errorLine = x && x.line > 0 && x.file === src.file ? x.line : null;
  const stackFrames = useMemo(() => view.stack.map((f, i) => ({ index: i, name: f.name, file: f.file, line: f.line, col: f.col })), [view]);
  const varsNote = pane === 'vars' && selRow?.kind === 'var' ? selRow.v.type + (selRow.v.count !== undefined ? ` (${selRow.v.count})` : '') : selFrame ? (frameIdx === 0 ? selFrame.name : `#${frameIdx} ${selFrame.name}`) : '';

  return (
    <Box flexDirection="column" width={size.width} height={size.height}>
      <StatusLine rec={rec} run={run ?? null} title={title} width={size.width} step={step} />
      <Box height={L.topH} width={size.width}>
        <Panel title={`Source ${shortFile(src.file)}`} note={source === null ? '' : `${src.cursor}/${lineCount}`} width={L.leftW} height={L.topH} focused={focus('source')}>
          <SourcePane
            source={source}
            top={src.top}
            height={srcH}
            width={srcW}
            left={src.left}
            cursor={src.cursor}
            current={currentHere}
            frameLine={frameHere}
            breakpoints={[]}
            focused={focus('source')}
            exception={view.exception !== null}
            errorLine={errorLine}
          />
        </Panel>
        <Box flexDirection="column" width={L.rightW} height={L.topH}>
          <Panel title="Variables" note={varsNote} width={L.rightW} height={L.varsH} focused={focus('vars')}>
            <VariablesPane rows={varRows} selected={varIndex} height={Math.max(L.varsH - 2, 1)} width={L.rightW - 2} focused={focus('vars')} stale={false} message={null} />
          </Panel>
          <Panel title="Call stack" note={String(view.stack.length)} width={L.rightW} height={L.stackH} focused={focus('stack')}>
            <StackPane frames={stackFrames} selected={frameIdx} height={Math.max(L.stackH - 2, 1)} width={L.rightW - 2} focused={focus('stack')} entryFile={rec.file} message={null} />
          </Panel>
        </Box>
      </Box>
      <Panel
        title={atEnd ? 'Output of the whole run' : `Output up to step ${count(step + 1)}`}
        note={scrolled ? 'scrolled' : cellWidth(outText) > 0 && pane === 'output' ? `${displayMainKey(DEBUGGER_KEYS.showValue)}: all` : ''}
        width={size.width}
        height={L.bottomH}
        focused={focus('output')}
      >
        <OutputPane lines={outLines} top={outTop} height={outH} width={outW} tail="(no output yet)" />
      </Panel>
      {goto ? (
        <GotoLine input={goto.input} onChange={(input) => setGoto((g) => (g ? { input, error: null } : g))} error={goto.error} steps={N} width={size.width} />
      ) : (
        <SliderLine rec={rec} view={view} step={step} width={size.width} />
      )}
      {dialog ? <ValueDialog title={dialog.title} text={dialog.text} area={size} fromEnd={dialog.fromEnd} onClose={() => setDialog(null)} /> : null}
    </Box>
  );
}

// ---------------------------------------------------------------- status and slider lines
