/**
 * The macro editor: the Actions view (add, edit, reorder, delete actions),
 * the Information view (folder, name, description, event, bindings) and the
 * Script view (the equivalent CRMScript). Changes are kept in a working copy
 * until saved; saving checks the macro first and is refused while it has
 * errors. Run runs the macro as shown, like a script's run.
 */
import { crmRunState } from '../crm/run-state.js';
import React, { useEffect, useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { SourceView, sourceLineCount } from '../../tui/components/SourceView.js';
import { TextView, positionNote, textNavBindings } from '../../tui/components/TextView.js';
import { ConfirmDialog } from '../../tui/components/Dialog.js';
import { VirtualList, listNavBindings } from '../../tui/components/VirtualList.js';
import { Form, type FieldSpec } from '../../tui/components/Form.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { FORM_KEYS, MACRO_ACTION_KEYS, MACRO_EDIT_KEYS, MACRO_KEYS, displayKeys, displayMainKey } from '../../tui/keymap.js';
import { useStoreBridge, useStoreData, type Size } from '../../tui/hooks.js';
import { useTheme } from '../../tui/theme.js';
import { useTui, useUnsaved } from '../../tui/services.js';
import { fit, formatDateTime, plural, wrapText } from '../../tui/text.js';
import { StoreError } from '../../store/errors.js';
import { checkName, deleteMacro, getById, updateMacro } from '../../store/repos.js';
import type { Macro, MacroAction } from '../../store/schema.js';
import {
  actionsReferringTo,
  describeCondition,
  findActionType,
  generateMacroProgram,
  generateMacroScript,
  isAlways,
  macroFileName,
  moveAction,
  newAction,
  removeAction,
  validateMacro,
  type MacroProblem,
} from '../../macros/index.js';
import { startMacroRun } from '../../run/macro.js';
import { useRunner } from '../scripts/RunView.js';
import { folderIndex, folderOptions } from '../scripts/model.js';
import {
  actionGist,
  actionLabel,
  boundEvents,
  conditionSuffix,
  countProblems,
  draftChanged,
  draftMacro,
  draftOf,
  oneLine,
  problemsByAction,
  type MacroDraft,
} from './model.js';
import { TypePicker } from './TypePicker.js';
import { ActionEditor } from './ActionEditor.js';
import { EventChooser } from './EventChooser.js';
import { ProblemsDialog, problemMark } from './ProblemsDialog.js';
import { MacroRunView } from './MacroRunView.js';
import { TargetTraces } from '../tracing/index.js';
import { LocalDebugger } from '../debugger/LocalDebugger.js';
import { errorMessage } from '../../interp/util/error-message.js';

type View = 'actions' | 'info' | 'script';
const VIEWS: View[] = ['actions', 'info', 'script'];
const VIEW_LABEL: Record<View, string> = { actions: 'Actions', info: 'Information', script: 'Script' };

type Dialog =
  | { kind: 'type' }
  | { kind: 'edit'; index: number; isNew: boolean; actions: MacroAction[]; insertAt: number }
  | { kind: 'deleteAction'; index: number; referrers: number[] }
  | { kind: 'problems'; title: string; intro?: string }
  | { kind: 'event' }
  | { kind: 'info' }
  | { kind: 'deleteMacro' }
  | { kind: 'leave' }
  | { kind: 'revert' };

export interface MacroEditorProps {
  macro: Macro;
  size: Size;
  onBack: () => void;
}

/** "actions 3 and 4", "action 3". */
function actionNumbers(indexes: number[]): string {
  const n = indexes.map((i) => String(i + 1));
  if (n.length === 1) return `action ${n[0]}`;
  return `actions ${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
}

export function MacroEditor({ macro, size, onBack }: MacroEditorProps): React.ReactElement {
  const t = useTheme();
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
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const runner = useRunner();
  const { run, lastRun } = runner;
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
  const problems = useMemo(() => validateMacro(current, { data, eventName: event ?? undefined }), [current, data, event]);
  const byAction = problemsByAction(problems);
  const { errors, warnings } = countProblems(problems);
  const actions = draft.actions;
  const index = Math.max(0, Math.min(sel, actions.length - 1));
  const selected: MacroAction | undefined = actions[index];

  const setActions = (next: MacroAction[]) => setDraft((d) => ({ ...d, actions: next }));
  const failed = (e: unknown) => tui.flash(errorMessage(e), 'error');

  // ---- save
  const save = async (): Promise<void> => {
    if (errors > 0) {
      const intro = `Not saved: the macro has ${plural(errors, 'error')}. Fix ${errors === 1 ? 'it' : 'them'} first; Enter edits the action a problem is about.`;
      tui.flash(`Not saved: the macro has ${plural(errors, 'error')} (${displayMainKey(MACRO_EDIT_KEYS.check)} lists them).`, 'error');
      setDialog({ kind: 'problems', title: 'The macro cannot be saved yet', intro });
      return;
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
    } catch (e) {
      failed(e);
    }
  };

  // ---- run
  const startRun = () => {
    if (runner.running()) return;
    if (errors > 0) {
      tui.flash(`Not run: the macro has ${plural(errors, 'error')}.`, 'error');
      setDialog({ kind: 'problems', title: 'The macro cannot run yet', intro: `Not run: the macro has ${plural(errors, 'error')}. Fix ${errors === 1 ? 'it' : 'them'} first.` });
      return;
    }
    if (runner.start(false, (onOutput) => startMacroRun(bridge.store, current, { source: 'tui', user: tui.user, onOutput, rollback: crmRunState.get().rollback }))) setShowRun(true);
  };
  const stopRun = runner.stop;

  // ---- actions
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

  // ---- layout
  const inner = size.width - 2;
  const bodyH = Math.max(size.height - 3, 1);
  const script = useMemo(() => (view === 'script' ? generateMacroScript(current, data) : ''), [view, current, data]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- infoText reads exactly these
  const infoLines = useMemo(() => (view === 'info' ? infoText() : []), [view, draft, data, event, bound, problems, lastRun]);
  function infoText(): string[] {
    const w = Math.max(inner - 15, 10);
    const row = (label: string, text: string) => wrapText(text, w).map((l, i) => ` ${fit(i === 0 ? label : '', 13)} ${l}`);
    const folder = draft.folderId === null ? '/ (top level)' : folderIndex(data).path(draft.folderId);
    const triggers = data.triggers.filter((x) => x.targetKind === 'macro' && x.targetId === macro.id);
    return [
      ...row('Name', draft.name),
      ...row('Folder', folder),
      ...row('Description', draft.description || '(none)'),
      '',
      ...row('Event', `${event ?? 'none'} — Choose parameter offers its input values and the checks use it (${displayMainKey(MACRO_EDIT_KEYS.event)} changes it)`),
      ...row('Bound to', triggers.length ? triggers.map((x) => `${x.event}${x.enabled ? '' : ' (disabled)'}`).join(', ') : 'no trigger (bind the macro to an event in the Triggers tab)'),
      ...row('Actions', String(draft.actions.length)),
      ...row('Problems', problems.length ? `${[errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ')} (${displayMainKey(MACRO_EDIT_KEYS.check)} lists them)` : 'none'),
      ...row('Created', formatDateTime(macro.createdAt)),
      ...row('Updated', formatDateTime(base.updatedAt)),
      ...(lastRun ? row('Last run', lastRun) : []),
    ];
  }
  const lineCount = view === 'script' ? sourceLineCount(script) : infoLines.length;
  const maxTop = Math.max(lineCount - bodyH, 0);
  const effTop = Math.min(top, maxTop);
  const scroll = (f: (i: number) => number) => setTop((cur) => Math.max(0, Math.min(f(Math.min(cur, maxTop)), maxTop)));
  const page = Math.max(bodyH - 1, 1);

  const listH = Math.max(Math.min(actions.length, bodyH - 8), 1);
  const detailH = Math.max(bodyH - listH - 1, 1);

  // ---- keys
  const k = {
    save: { def: MACRO_EDIT_KEYS.save, run: () => void save() },
    run: { def: MACRO_EDIT_KEYS.run, run: startRun },
    lastResult: { def: MACRO_EDIT_KEYS.lastResult, when: !!run && !showRun, run: () => setShowRun(true) },
    view: { def: MACRO_EDIT_KEYS.view, run: () => switchView(VIEWS[(VIEWS.indexOf(view) + 1) % VIEWS.length]!) },
    script: {
      def: MACRO_EDIT_KEYS.script,
      run: () => switchView(view === 'script' ? 'actions' : 'script'),
      label: view === 'script' ? 'Actions' : 'As script',
      help: view === 'script' ? 'Back to the Actions view' : MACRO_EDIT_KEYS.script.help,
    },
    event: { def: MACRO_EDIT_KEYS.event, run: () => setDialog({ kind: 'event' }) },
    check: {
      def: MACRO_EDIT_KEYS.check,
      run: () => setDialog({ kind: 'problems', title: problems.length ? `Problems of the macro "${draft.name}"` : `The macro "${draft.name}" has no problems` }),
    },
    info: { def: MACRO_KEYS.properties, run: () => setDialog({ kind: 'info' }), label: 'Edit info', help: 'Edit the name, folder and description' },
    revert: { def: MACRO_EDIT_KEYS.revert, when: dirty, run: () => setDialog({ kind: 'revert' }) },
    back: { def: MACRO_KEYS.back, run: () => (dirty ? setDialog({ kind: 'leave' }) : onBack()) },
    trace: { def: MACRO_EDIT_KEYS.trace, run: () => setTracing(true) },
    debug: {
      def: MACRO_EDIT_KEYS.debug,
      run: () => {
        if (dirty) tui.flash('The Debugger runs the saved macro; your unsaved changes are not in it.');
        setDebugging(true);
      },
    },
  } satisfies Record<string, Binding>;
  const listKeys: Binding[] = [
    { def: MACRO_ACTION_KEYS.add, run: () => setDialog({ kind: 'type' }), label: 'Add', help: MACRO_ACTION_KEYS.add.help },
    { def: MACRO_ACTION_KEYS.edit, when: !!selected, run: () => editAction(index) },
    k.save,
    k.run,
    k.lastResult,
    { def: MACRO_ACTION_KEYS.remove, when: !!selected, run: askDeleteAction, label: 'Delete', help: MACRO_ACTION_KEYS.remove.help },
    { def: MACRO_ACTION_KEYS.moveUp, when: !!selected && index > 0, run: () => moveSelected(-1) },
    { def: MACRO_ACTION_KEYS.moveDown, when: !!selected && index < actions.length - 1, run: () => moveSelected(1) },
    k.script,
    k.event,
    k.check,
    k.view,
    k.info,
    k.revert,
    k.back,
    k.trace,
    k.debug,
    ...listNavBindings(actions.length, listH, (f) => setSel((i) => f(Math.max(0, Math.min(i, actions.length - 1))))),
  ];
  const scrollKeys = textNavBindings(scroll, page, maxTop, setLeft);
  const infoKeys: Binding[] = [
    k.info,
    k.save,
    k.run,
    k.lastResult,
    { def: MACRO_KEYS.delete, run: () => setDialog({ kind: 'deleteMacro' }), label: 'Delete macro', help: MACRO_KEYS.delete.help },
    k.view,
    k.script,
    k.event,
    k.check,
    k.revert,
    k.back,
    k.trace,
    k.debug,
    ...scrollKeys,
  ];
  const scriptKeys: Binding[] = [k.script, k.save, k.run, k.lastResult, k.view, k.event, k.check, k.info, k.revert, k.back, k.trace, k.debug, ...scrollKeys];
  const bindings = view === 'actions' ? listKeys : view === 'info' ? infoKeys : scriptKeys;
  const editing = dialog?.kind === 'edit';
  useKeys({ title: `Macro "${draft.name}"`, bindings, active: !showRun && !editing && !tracing && !debugging });

  // ---- sub-screens that take the whole area
  if (tracing) return <TargetTraces kind="macro" id={macro.id} name={macro.name} size={size} onBack={() => setTracing(false)} />;
  if (debugging) return <LocalDebugger target={{ kind: 'macro', macro }} size={size} onBack={() => setDebugging(false)} />;
  if (run && showRun) {
    const usesInputs = draft.actions.some((a) => JSON.stringify(a).includes('{input.'));
    const note = usesInputs
      ? 'A run from here has no event input values, so every {input.…} was empty. To give some, test-fire the event in the Triggers tab (f or F).'
      : undefined;
    const { actionLines } = generateMacroProgram(current, data);
    const locate = {
      file: macroFileName(current),
      action: (line: number) => {
        let i = -1;
        actionLines.forEach((start, k) => {
          if (start <= line) i = k;
        });
        const a = draft.actions[i];
        return a ? `action ${i + 1} (${actionLabel(a)})` : null;
      },
    };
    return <MacroRunView title={draft.name} run={run} size={size} note={note} locate={locate} onStop={stopRun} onAgain={startRun} onClose={() => setShowRun(false)} />;
  }
  if (dialog?.kind === 'edit') {
    const d = dialog;
    return (
      <ActionEditor
        key={`${d.index}-${d.isNew}`}
        area={size}
        data={data}
        index={d.index}
        actions={d.actions}
        isNew={d.isNew}
        macroName={draft.name}
        eventName={event}
        boundEvents={bound}
        onEventChange={setEvent}
        onCancel={() => setDialog(null)}
        onDone={(a) => {
          setDraft((cur) => {
            if (!d.isNew) return { ...cur, actions: cur.actions.map((x, i) => (i === d.index ? a : x)) };
            return { ...cur, actions: moveAction([...cur.actions, a], cur.actions.length, d.insertAt) };
          });
          setSel(d.index);
          setDialog(null);
        }}
      />
    );
  }

  // ---- rendering
  const viewTabs = (
    <Text wrap="truncate">
      {VIEWS.map((v, i) => (
        <Text key={v}>
          {i > 0 ? ' ' : ''}
          <Text {...(v === view ? t.activeTab : t.muted)}> {VIEW_LABEL[v]} </Text>
        </Text>
      ))}
      <Text {...t.muted}>
        {'  '}event {event ?? 'none'}
      </Text>
    </Text>
  );

  let body: React.ReactNode;
  if (view === 'script') {
    body = <SourceView source={script} top={effTop} height={bodyH} width={inner} left={left} />;
  } else if (view === 'info') {
    body = <TextView lines={infoLines} top={effTop} height={bodyH} width={inner} left={left} />;
  } else {
    const numW = String(Math.max(actions.length, 1)).length;
    const detail = selected ? actionDetail(selected, index, byAction.get(index) ?? [], inner - 1) : [];
    const general = byAction.get(-1) ?? [];
    body = (
      <>
        <VirtualList
          items={actions}
          selected={index}
          height={listH}
          width={inner}
          empty=" No actions yet."
          renderRow={(a, i, st) => {
            const ps = byAction.get(i) ?? [];
            const mark = ps.some((p) => p.severity === 'error') ? '✗' : ps.length ? '!' : ' ';
            const gist = actionGist(a);
            return (
              <Text>
                <Text {...(st.selected ? {} : mark === '✗' ? t.error : t.warning)}>{mark}</Text>
                {fit(` ${String(i + 1).padStart(numW)}. ${actionLabel(a)}${gist ? `: ${gist}` : ''}${conditionSuffix(a)}`, Math.max(st.width - 1, 1))}
              </Text>
            );
          }}
        />
        <Text {...t.muted} wrap="truncate">
          {'─'.repeat(inner)}
        </Text>
        <Box flexDirection="column" height={detailH} paddingLeft={1}>
          {(detail.length || general.length ? [...detail, ...general.map((p) => ({ text: `${problemMark(p)} ${p.message}`, tone: p.severity }))] : emptyGuide(inner - 1))
            .slice(0, detailH)
            .map((l, i) => (
              <Text key={i} wrap="truncate" {...(l.tone === 'error' ? t.error : l.tone === 'warning' ? t.warning : l.tone === 'muted' ? t.muted : l.tone === 'accent' ? t.accent : {})}>
                {fit(l.text, inner - 1)}
              </Text>
            ))}
        </Box>
      </>
    );
  }
  const status = [plural(actions.length, 'action'), errors ? `${plural(errors, 'error')}` : warnings ? plural(warnings, 'warning') : 'no problems', dirty ? 'unsaved' : 'saved'].join(' · ');
  const note =
    view === 'actions' ? status : `${positionNote(effTop, bodyH, lineCount)}${lineCount > bodyH ? ' · ' : lineCount ? ' · ' : ''}${dirty ? 'unsaved' : 'saved'}`;
  return (
    <Box width={size.width} height={size.height}>
      <Panel title={`Macro: ${draft.name}${dirty ? ' ●' : ''}`} note={note} width={size.width} height={size.height} focused>
        {viewTabs}
        {body}
      </Panel>
      {dialog?.kind === 'type' ? (
        <TypePicker
          area={size}
          where={actions.length === 0 ? 'as action 1' : `after action ${index + 1}`}
          onCancel={() => setDialog(null)}
          onChoose={(ty) => addAction(ty.type)}
        />
      ) : null}
      {dialog?.kind === 'deleteAction' && actions[dialog.index] ? (
        <ConfirmDialog
          title={`Delete action ${dialog.index + 1}`}
          message={
            dialog.referrers.length
              ? `Delete action ${dialog.index + 1} (${actionLabel(actions[dialog.index]!)})? ${actionNumbers(dialog.referrers).replace(/^a/, 'A')} ${dialog.referrers.length === 1 ? 'uses' : 'use'} its results; those references will point at nothing and must be fixed before the macro can be saved.`
              : `Delete action ${dialog.index + 1} (${actionLabel(actions[dialog.index]!)})?`
          }
          area={size}
          yesLabel="Delete"
          noLabel="Keep"
          danger={dialog.referrers.length > 0}
          onNo={() => setDialog(null)}
          onYes={() => {
            const i = dialog.index;
            setActions(removeAction(actions, i));
            setSel(Math.max(0, Math.min(i, actions.length - 2)));
            setDialog(null);
            tui.flash(`Deleted action ${i + 1}; ${displayMainKey(MACRO_EDIT_KEYS.save)} saves the macro.`);
          }}
        />
      ) : null}
      {dialog?.kind === 'problems' ? (
        <ProblemsDialog area={size} title={dialog.title} intro={dialog.intro} problems={problems} onFix={fixProblem} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'event' ? (
        <EventChooser
          area={size}
          current={event}
          bound={bound}
          onCancel={() => setDialog(null)}
          onChoose={(e) => {
            setEvent(e);
            setDialog(null);
            tui.flash(e ? `Choose parameter now offers the input values of ${e}.` : 'No event: Choose parameter offers variables and results only.');
          }}
        />
      ) : null}
      {dialog?.kind === 'info' ? <InfoForm area={size} draft={draft} onCancel={() => setDialog(null)} onDone={(d) => (setDraft(d), setDialog(null))} /> : null}
      {dialog?.kind === 'deleteMacro' ? (
        <ConfirmDialog
          title="Delete macro"
          message={`Delete the macro "${macro.name}"?${bound.length ? ` Triggers of ${bound.join(', ')} run it; they will point at a missing macro.` : ''} This cannot be undone.`}
          area={size}
          yesLabel="Delete"
          noLabel="Keep"
          danger
          onNo={() => setDialog(null)}
          onYes={() => {
            setDialog(null);
            bridge.update((d) => deleteMacro(d, macro.id)).then(() => {
              tui.flash(`Deleted the macro "${macro.name}".`, 'success');
              onBack();
            }, failed);
          }}
        />
      ) : null}
      {dialog?.kind === 'leave' ? (
        <ConfirmDialog
          title="Leave without saving?"
          message={`The changes to the macro "${draft.name}" are not saved; leaving throws them away. (${displayMainKey(MACRO_EDIT_KEYS.save)} saves them.)`}
          area={size}
          yesLabel="Leave"
          noLabel="Stay"
          danger
          onNo={() => setDialog(null)}
          onYes={() => {
            setDialog(null);
            onBack();
          }}
        />
      ) : null}
      {dialog?.kind === 'revert' ? (
        <ConfirmDialog
          title="Revert the changes?"
          message={`Throw away the unsaved changes to the macro "${draft.name}" and go back to the saved version?`}
          area={size}
          yesLabel="Revert"
          noLabel="Keep"
          danger
          onNo={() => setDialog(null)}
          onYes={() => {
            setDialog(null);
            const fresh = getById(bridge.store.read(), 'macros', macro.id) ?? base;
            setBase(fresh);
            setDraft(draftOf(fresh));
            tui.flash('Reverted to the saved version.');
          }}
        />
      ) : null}
    </Box>
  );
}

type DetailLine = { text: string; tone?: 'error' | 'warning' | 'muted' | 'accent' };

/** What to do in an empty macro. */
function emptyGuide(w: number): DetailLine[] {
  const key = displayMainKey;
  return [
    `The actions of a macro run one after the other. ${key(MACRO_ACTION_KEYS.add)} adds one: choose its type, then fill in its parameters and, if it should run only sometimes, its condition.`,
    `${key(MACRO_EDIT_KEYS.event)} chooses the event the macro is for, so that Choose parameter (Ctrl+P in a field) offers the event's input values.`,
    `${key(MACRO_EDIT_KEYS.save)} saves, ${key(MACRO_EDIT_KEYS.run)} runs, ${key(MACRO_EDIT_KEYS.script)} shows the macro as CRMScript.`,
  ].flatMap((p, i) => [...(i ? [{ text: '' }] : []), ...wrapText(p, w).map((text) => ({ text, tone: 'muted' as const }))]);
}

/** The selected action under the list: its parameters, its condition and its problems. */
function actionDetail(a: MacroAction, i: number, problems: MacroProblem[], w: number): DetailLine[] {
  const type = findActionType(a.type);
  const out: DetailLine[] = [{ text: `Action ${i + 1}: ${actionLabel(a)}`, tone: 'accent' }];
  const labelW = Math.min(Math.max(...(type?.params ?? []).map((p) => p.label.length), 9) + 1, 22);
  for (const spec of type?.params ?? []) {
    const v = a.params[spec.name] ?? '';
    if (v === '' && !spec.required) continue;
    out.push({ text: `${fit(spec.label, labelW)} ${v === '' ? '(missing)' : oneLine(v)}`, tone: v === '' ? 'error' : undefined });
  }
  out.push({ text: `${fit('Condition', labelW)} ${isAlways(a.condition) ? 'Always' : `only if ${oneLine(describeCondition(a.condition))}`}` });
  for (const p of problems) {
    for (const l of wrapText(`${problemMark(p)} ${p.message.replace(/^Action \d+( \([^)]*\))?: /, '')}`, w)) out.push({ text: l, tone: p.severity });
  }
  return out;
}

function InfoForm({ area, draft, onDone, onCancel }: { area: Size; draft: MacroDraft; onDone: (d: MacroDraft) => void; onCancel: () => void }): React.ReactElement {
  const data = useStoreData();
  const fields: FieldSpec[] = [
    {
      kind: 'text',
      name: 'name',
      label: 'Name',
      validate: (v) => {
        try {
          checkName('macro', v);
          return null;
        } catch (e) {
          if (e instanceof StoreError) return e.message;
          throw e;
        }
      },
    },
    { kind: 'choice', name: 'folderId', label: 'Folder', options: folderOptions(folderIndex(data)), hint: `${displayKeys(FORM_KEYS.choose)} or type a folder name` },
    { kind: 'text', name: 'description', label: 'Description' },
  ];
  return (
    <Form
      title={`Information of the macro "${draft.name}"`}
      fields={fields}
      initial={{ name: draft.name, folderId: draft.folderId ?? '', description: draft.description }}
      area={area}
      unsavedLabel={`the information of the macro "${draft.name}"`}
      saveLabel="Keep"
      onCancel={onCancel}
      onSubmit={(v) => {
        onDone({ ...draft, name: String(v.name).trim(), folderId: v.folderId === '' ? null : String(v.folderId), description: String(v.description) });
        return null;
      }}
    />
  );
}
