/**
 * The keys of the Debugger screen: run control (step, continue, run to the cursor, pause, stop,
 * restart), breakpoints, moving between panes and files, each pane's own keys, and the
 * expression field of the Watch pane while it is open.
 */
import { listNavBindings } from '../../tui/components/VirtualList.js';
import { useKeys, type Binding, type LayerSpec } from '../../tui/keys.js';
import { DEBUGGER_KEYS, EVAL_KEYS, NAV_KEYS } from '../../tui/keymap.js';
import { watchText } from './panes.js';
import { useFunctionKeys } from './functionKeys.js';
import { PANES, type DebuggerState, type Pane } from './useDebugger.js';

export function useDebuggerKeys(d: DebuggerState, onRestart: (() => void) | undefined): void {
  const { model, act, pane } = d;
  const spec: LayerSpec = { title: `Debugger — ${paneTitle(pane)}`, bindings: [...runBindings(d, onRestart), ...paneBindings(d)] };
  useKeys(spec);
  useFunctionKeys(spec);

  // The expression field takes the keyboard while open.
  const { input, setInput, setPane, history, historyAt, evalFrom } = d;
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
            d.setWatchSel(model.watches.length);
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
}

/** The keys that work in every pane. */
function runBindings(d: DebuggerState, onRestart: (() => void) | undefined): Binding[] {
  const { model, act, steppable, ended, running, view, source, files, srcH } = d;
  return [
    { def: DEBUGGER_KEYS.stepIn, run: () => act.command('stepIn'), when: steppable },
    { def: DEBUGGER_KEYS.stepOver, run: () => act.command('stepOver'), when: steppable },
    { def: DEBUGGER_KEYS.stepOut, run: () => act.command('stepOut'), when: steppable },
    { def: DEBUGGER_KEYS.continue, run: () => act.command('continue'), when: steppable },
    { def: DEBUGGER_KEYS.restart, run: () => onRestart?.(), when: !!onRestart && ended },
    { def: DEBUGGER_KEYS.pause, run: () => act.pause(), when: running },
    { def: DEBUGGER_KEYS.breakpoint, run: () => act.toggleBreakpoint(view.file, view.cursor), when: source !== null },
    { def: DEBUGGER_KEYS.runToCursor, run: d.runToCursor, when: steppable },
    { def: DEBUGGER_KEYS.stop, run: () => void act.stop(), when: !ended },
    { def: DEBUGGER_KEYS.evaluate, run: d.startEval },
    { def: DEBUGGER_KEYS.back, run: d.leave },
    { def: DEBUGGER_KEYS.runToEnd, run: () => act.command('runToEnd'), when: steppable, footer: false },
    { def: DEBUGGER_KEYS.restart, run: () => onRestart?.(), when: !!onRestart && !ended, footer: false },
    { def: DEBUGGER_KEYS.currentLine, run: () => model.stop && d.showLine(model.stop.file, model.stop.line), when: !!model.stop, footer: false },
    {
      def: DEBUGGER_KEYS.nextFile,
      run: () => {
        const next = files[(files.indexOf(view.file) + 1) % files.length]!;
        const here = model.stop && model.stop.file === next ? model.stop.line : 1;
        d.setView({ file: next, cursor: here, top: Math.max(here - Math.floor(srcH / 3) - 1, 0), left: 0 });
      },
      when: files.length > 1,
      footer: false,
    },
    { def: DEBUGGER_KEYS.nextPane, run: () => d.setPane((p) => PANES[(PANES.indexOf(p) + 1) % PANES.length]!), footer: false },
    { def: DEBUGGER_KEYS.prevPane, run: () => d.setPane((p) => PANES[(PANES.indexOf(p) + PANES.length - 1) % PANES.length]!), footer: false },
  ];
}

/** The keys of the pane with the focus. */
function paneBindings(d: DebuggerState): Binding[] {
  const { pane, model, act, L, moveCursor, lineCount, srcH, setView, varRows, selRow, frameInfo } = d;
  const page = Math.max(srcH - 1, 1);
  if (pane === 'source') {
    return [
      { def: NAV_KEYS.up, run: () => moveCursor((c) => c - 1), footer: false },
      { def: NAV_KEYS.down, run: () => moveCursor((c) => c + 1), footer: false },
      { def: NAV_KEYS.pageUp, run: () => moveCursor((c) => c - page), footer: false },
      { def: NAV_KEYS.pageDown, run: () => moveCursor((c) => c + page), footer: false },
      { def: NAV_KEYS.top, run: () => moveCursor(() => 1), footer: false },
      { def: NAV_KEYS.bottom, run: () => moveCursor(() => lineCount), footer: false },
      { def: NAV_KEYS.left, run: () => setView((v) => ({ ...v, left: Math.max(v.left - 8, 0) })), footer: false },
      { def: NAV_KEYS.right, run: () => setView((v) => ({ ...v, left: v.left + 8 })), footer: false },
    ];
  }
  if (pane === 'vars') {
    const v = selRow?.kind === 'var' ? selRow : null;
    return [
      ...listNavBindings(varRows.length, Math.max(L.varsH - 2, 1), d.setVarIndex),
      { def: DEBUGGER_KEYS.expand, run: () => v && act.setExpanded(v.path, v.v, true), when: !!v && v.v.ref > 0, footer: false },
      {
        def: DEBUGGER_KEYS.collapse,
        run: () => {
          if (v && v.open) act.setExpanded(v.path, v.v, false);
          else if (selRow && selRow.kind !== 'head') {
            // to the parent variable
            const parent = selRow.key.slice(0, selRow.key.lastIndexOf('/'));
            const i = varRows.findIndex((r) => r.key === parent);
            if (i >= 0) d.setVarSel({ key: parent, index: i });
          }
        },
        footer: false,
      },
      { def: DEBUGGER_KEYS.toggle, run: () => v && act.toggleExpand(v.path, v.v), when: !!v && v.v.ref > 0, footer: false },
      {
        def: DEBUGGER_KEYS.showValue,
        run: () => v && (v.v.ref > 0 ? act.toggleExpand(v.path, v.v) : d.showValue(`${v.v.name}: ${v.v.type}`, v.v.value)),
        when: !!v,
        label: v && v.v.ref > 0 ? 'Expand/collapse' : 'Value',
        footer: false,
      },
    ];
  }
  if (pane === 'stack') {
    return [
      ...listNavBindings(model.frames.length, Math.max(L.stackH - 2, 1), (f) => act.selectFrame(Math.max(0, Math.min(f(model.frame), model.frames.length - 1)))),
      { def: DEBUGGER_KEYS.selectFrame, run: () => frameInfo && d.showLine(frameInfo.file, frameInfo.line), footer: false },
    ];
  }
  if (pane === 'watch') {
    const w = model.watches[Math.min(d.watchSel, model.watches.length - 1)];
    return [
      ...listNavBindings(model.watches.length, Math.max(L.bottomH - 3, 1), (f) => d.setWatchSel((i) => Math.max(0, Math.min(f(i), model.watches.length - 1)))),
      { def: DEBUGGER_KEYS.deleteWatch, run: () => w && act.removeWatch(w.id), when: !!w, footer: false },
      { def: DEBUGGER_KEYS.showValue, run: () => w && d.showValue(w.expr, watchText(w, d.paused).value), when: !!w, footer: false },
    ];
  }
  const h = Math.max(L.bottomH - 2, 1);
  const maxTop = Math.max(d.outLines.length - h, 0);
  const scroll = (f: (i: number) => number) =>
    d.setOutTop((cur) => {
      const n = Math.max(0, Math.min(f(cur ?? maxTop), maxTop));
      return n >= maxTop ? null : n;
    });
  return [
    { def: NAV_KEYS.up, run: () => scroll((i) => i - 1), footer: false },
    { def: NAV_KEYS.down, run: () => scroll((i) => i + 1), footer: false },
    { def: NAV_KEYS.pageUp, run: () => scroll((i) => i - h), footer: false },
    { def: NAV_KEYS.pageDown, run: () => scroll((i) => i + h), footer: false },
    { def: NAV_KEYS.top, run: () => scroll(() => 0), footer: false },
    { def: NAV_KEYS.bottom, run: () => d.setOutTop(null), footer: false },
  ];
}

function paneTitle(p: Pane): string {
  return p === 'source' ? 'source' : p === 'vars' ? 'variables' : p === 'stack' ? 'call stack' : p === 'watch' ? 'watch list' : 'output';
}
