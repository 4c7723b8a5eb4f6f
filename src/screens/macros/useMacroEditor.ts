/**
 * The state of the macro editor: the working copy of the macro (kept until
 * saved), the view and the selected action, the open dialog, the run, and the
 * operations the keys call (save, run, add/edit/move/delete an action).
 */
import { useEffect, useMemo, useState } from 'react';
import { useStoreBridge, useStoreData } from '../../tui/hooks.js';
import { useTui, useUnsaved } from '../../tui/services.js';
import { MACRO_EDIT_KEYS, displayMainKey } from '../../tui/keymap.js';
import { plural } from '../../tui/text.js';
import { getById, updateMacro } from '../../store/repos.js';
import type { Macro, MacroAction } from '../../store/schema.js';
import { actionsReferringTo, moveAction, newAction, validateMacro, type MacroProblem } from '../../macros/index.js';
import { startMacroRun } from '../../run/macro.js';
import { crmRunState } from '../crm/run-state.js';
import { errorMessage } from '../../interp/util/error-message.js';
import { useRunner } from '../scripts/RunView.js';
import { useRunInputs, type RunValues } from '../scripts/runInputs.js';
import { boundEvents, countProblems, draftChanged, draftMacro, draftOf, problemsByAction, type MacroDraft } from './model.js';

export type View = 'actions' | 'info' | 'script';
export const VIEWS: View[] = ['actions', 'info', 'script'];

export type MacroDialog =
  | { kind: 'type' }
  | { kind: 'edit'; index: number; isNew: boolean; actions: MacroAction[]; insertAt: number }
  | { kind: 'deleteAction'; index: number; referrers: number[] }
  | { kind: 'problems'; title: string; intro?: string }
  | { kind: 'event' }
  | { kind: 'info' }
  | { kind: 'deleteMacro' }
  | { kind: 'leave' }
  | { kind: 'revert' }
  | { kind: 'runWith' };

export function useMacroEditor(macro: Macro) {
  const tui = useTui();
  const bridge = useStoreBridge();
  const data = useStoreData();
  const [draft, setDraft] = useState<MacroDraft>(() => draftOf(macro));
  const [base, setBase] = useState<Macro>(macro);
  const [view, setView] = useState<View>('actions');
  const [sel, setSel] = useState(0);
  const [top, setTop] = useState(0);
  const [left, setLeft] = useState(0);
  const bound = useMemo(() => boundEvents(data, macro.id), [data, macro.id]);
  const [event, setEvent] = useState<string | null>(() => bound[0] ?? null);
  const [dialog, setDialog] = useState<MacroDialog | null>(null);
  const runner = useRunner();
  const runInputs = useRunInputs('macro', macro.id);
  const [showRun, setShowRun] = useState(false);
  const [tracing, setTracing] = useState(false);
  const [debugging, setDebugging] = useState(false);

  // Another process saved the macro: take its version when nothing here is unsaved.
  useEffect(() => {
    if (macro.updatedAt === base.updatedAt) return;
    if (!draftChanged(draft, base)) setDraft(draftOf(macro));
    else tui.flash(`The macro "${macro.name}" was changed elsewhere; saving here replaces that change.`, 'error');
    setBase(macro);
    // Only a new stored version matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [macro.updatedAt]);

  const dirty = draftChanged(draft, base);
  useUnsaved(dirty ? `the changes to the macro "${draft.name}"` : null);
  const current = useMemo(() => draftMacro(draft, macro), [draft, macro]);
  const problems = useMemo(() => validateMacro(current, { data, eventName: event ?? undefined, variables: Object.keys(runInputs.values.variables) }), [current, data, event, runInputs.values]);
  const byAction = problemsByAction(problems);
  const { errors, warnings } = countProblems(problems);
  const errorCount = errors;
  const actions = draft.actions;
  const index = Math.max(0, Math.min(sel, actions.length - 1));
  const selected: MacroAction | undefined = actions[index];

  const setActions = (next: MacroAction[]) => setDraft((d) => ({ ...d, actions: next }));
  const failed = (e: unknown) => tui.flash(errorMessage(e), 'error');

  /** Checks and saves; true when saved. */
  const save = async (): Promise<boolean> => {
    if (errors > 0) {
      const intro = `Not saved: the macro has ${plural(errors, 'error')}. Fix ${errors === 1 ? 'it' : 'them'} first; Enter edits the action a problem is about.`;
      tui.flash(`Not saved: the macro has ${plural(errors, 'error')} (${displayMainKey(MACRO_EDIT_KEYS.check)} lists them).`, 'error');
      setDialog({ kind: 'problems', title: 'The macro cannot be saved yet', intro });
      return false;
    }
    try {
      const d = draft;
      await bridge.update((doc) => updateMacro(doc, macro.id, { name: d.name, folderId: d.folderId, description: d.description, actions: d.actions }));
      const fresh = getById(bridge.store.read(), 'macros', macro.id);
      if (fresh) {
        setBase(fresh);
        setDraft(draftOf(fresh));
      }
      tui.flash(`Saved the macro "${d.name}"${warnings ? ` (${plural(warnings, 'warning')}: ${displayMainKey(MACRO_EDIT_KEYS.check)} lists them)` : ''}.`, 'success');
      return true;
    } catch (e) {
      failed(e);
      return false;
    }
  };

  const startRun = (given?: RunValues) => {
    if (runner.running()) return;
    if (given) runInputs.set(given);
    const { variables, inputs } = given ?? runInputs.values;
    // Values just entered count at once (the store has them only after the write).
    const errors = given ? countProblems(validateMacro(current, { data, eventName: event ?? undefined, variables: Object.keys(variables) })).errors : errorCount;
    if (errors > 0) {
      tui.flash(`Not run: the macro has ${plural(errors, 'error')}.`, 'error');
      setDialog({ kind: 'problems', title: 'The macro cannot run yet', intro: `Not run: the macro has ${plural(errors, 'error')}. Fix ${errors === 1 ? 'it' : 'them'} first.` });
      return;
    }
    if (runner.start(false, (onOutput) => startMacroRun(bridge.store, current, { source: 'tui', user: tui.user, onOutput, variables, inputs, rollback: crmRunState.get().rollback }))) setShowRun(true);
  };

  const editAction = (i: number) => {
    if (!actions[i]) return;
    setDialog({ kind: 'edit', index: i, isNew: false, actions: actions.map((a) => a), insertAt: i });
  };
  const addAction = (type: string) => {
    const at = actions.length === 0 ? 0 : index + 1;
    const withNew = moveAction([...actions, newAction(type)], actions.length, at);
    setDialog({ kind: 'edit', index: at, isNew: true, actions: withNew, insertAt: at });
  };
  const moveSelected = (d: number) => {
    const to = index + d;
    if (!selected || to < 0 || to >= actions.length) return;
    setActions(moveAction(actions, index, to));
    setSel(to);
  };
  const askDeleteAction = () => {
    if (!selected) return;
    setDialog({ kind: 'deleteAction', index, referrers: actionsReferringTo(actions, index).filter((i) => i !== index) });
  };
  const fixProblem = (p: MacroProblem) => {
    if (p.action === null || !actions[p.action]) {
      setDialog(null);
      return;
    }
    setView('actions');
    setSel(p.action);
    editAction(p.action);
  };
  const switchView = (v: View) => {
    setView(v);
    setTop(0);
    setLeft(0);
  };
  const revert = () => {
    const fresh = getById(bridge.store.read(), 'macros', macro.id) ?? base;
    setBase(fresh);
    setDraft(draftOf(fresh));
  };

  return {
    macro,
    data,
    bridge,
    tui,
    draft,
    setDraft,
    base,
    view,
    top,
    setTop,
    left,
    setLeft,
    bound,
    event,
    setEvent,
    dialog,
    setDialog,
    runner,
    runInputs,
    showRun,
    setShowRun,
    tracing,
    setTracing,
    debugging,
    setDebugging,
    dirty,
    current,
    problems,
    byAction,
    errors,
    warnings,
    actions,
    index,
    selected,
    setSel,
    setActions,
    failed,
    save,
    startRun,
    editAction,
    addAction,
    moveSelected,
    askDeleteAction,
    fixProblem,
    switchView,
    revert,
  };
}

export type MacroEditorState = ReturnType<typeof useMacroEditor>;
