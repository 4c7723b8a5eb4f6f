/**
 * The macro editor: the Actions view (add, edit, reorder, delete actions),
 * the Information view (folder, name, description, event, bindings) and the
 * Script view (the equivalent CRMScript). Changes are kept in a working copy
 * until saved; saving checks the macro first and is refused while it has
 * errors. Run runs the macro as shown, like a script's run.
 *
 * State and operations: useMacroEditor; the actions list: ActionsPane;
 * dialogs: MacroEditorDialogs. This file binds the keys and lays them out.
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { SourceView, sourceLineCount } from '../../tui/components/SourceView.js';
import { TextView, positionNote, textNavBindings } from '../../tui/components/TextView.js';
import { listNavBindings } from '../../tui/components/VirtualList.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { MACRO_ACTION_KEYS, MACRO_EDIT_KEYS, MACRO_KEYS, displayMainKey } from '../../tui/keymap.js';
import type { Size } from '../../tui/hooks.js';
import { useTheme } from '../../tui/theme.js';
import { fit, formatDateTime, plural, wrapText } from '../../tui/text.js';
import type { Macro } from '../../store/schema.js';
import { generateMacroProgram, generateMacroScript, macroFileName, moveAction } from '../../macros/index.js';
import { folderIndex } from '../scripts/model.js';
import { actionLabel } from './model.js';
import { ActionEditor } from './ActionEditor.js';
import { MacroRunView } from './MacroRunView.js';
import { ActionsPane } from './ActionsPane.js';
import { MacroEditorDialogs } from './MacroEditorDialogs.js';
import { VIEWS, useMacroEditor, type MacroEditorState, type View } from './useMacroEditor.js';
import { TargetTraces } from '../tracing/index.js';
import { LocalDebugger } from '../debugger/LocalDebugger.js';

const VIEW_LABEL: Record<View, string> = { actions: 'Actions', info: 'Information', script: 'Script' };

export interface MacroEditorProps {
  macro: Macro;
  size: Size;
  onBack: () => void;
}

export function MacroEditor({ macro, size, onBack }: MacroEditorProps): React.ReactElement {
  const t = useTheme();
  const ed = useMacroEditor(macro);
  const { draft, data, view, dialog, setDialog, actions, index, selected, runner, showRun, setShowRun, dirty, problems, errors, warnings, event, tui, current } = ed;
  const { run, lastRun } = runner;

  // ---- layout
  const inner = size.width - 2;
  const bodyH = Math.max(size.height - 3, 1);
  const script = useMemo(() => (view === 'script' ? generateMacroScript(current, data) : ''), [view, current, data]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- infoText reads exactly these
  const infoLines = useMemo(() => (view === 'info' ? infoText(ed, inner) : []), [view, draft, data, event, ed.bound, problems, lastRun]);
  const lineCount = view === 'script' ? sourceLineCount(script) : infoLines.length;
  const maxTop = Math.max(lineCount - bodyH, 0);
  const effTop = Math.min(ed.top, maxTop);
  const scroll = (f: (i: number) => number) => ed.setTop((cur) => Math.max(0, Math.min(f(Math.min(cur, maxTop)), maxTop)));
  const page = Math.max(bodyH - 1, 1);
  const listH = Math.max(Math.min(actions.length, bodyH - 8), 1);
  const detailH = Math.max(bodyH - listH - 1, 1);

  // ---- keys
  const k = {
    save: { def: MACRO_EDIT_KEYS.save, run: () => void ed.save() },
    run: { def: MACRO_EDIT_KEYS.run, run: () => ed.startRun() },
    runWith: { def: MACRO_EDIT_KEYS.runWith, run: () => setDialog({ kind: 'runWith' }) },
    lastResult: { def: MACRO_EDIT_KEYS.lastResult, when: !!run && !showRun, run: () => setShowRun(true) },
    view: { def: MACRO_EDIT_KEYS.view, run: () => ed.switchView(VIEWS[(VIEWS.indexOf(view) + 1) % VIEWS.length]!) },
    script: {
      def: MACRO_EDIT_KEYS.script,
      run: () => ed.switchView(view === 'script' ? 'actions' : 'script'),
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
    trace: { def: MACRO_EDIT_KEYS.trace, run: () => ed.setTracing(true) },
    debug: {
      def: MACRO_EDIT_KEYS.debug,
      run: () => {
        if (dirty) tui.flash('The Debugger runs the saved macro; your unsaved changes are not in it.');
        ed.setDebugging(true);
      },
    },
  } satisfies Record<string, Binding>;
  const listKeys: Binding[] = [
    { def: MACRO_ACTION_KEYS.add, run: () => setDialog({ kind: 'type' }), label: 'Add', help: MACRO_ACTION_KEYS.add.help },
    { def: MACRO_ACTION_KEYS.edit, when: !!selected, run: () => ed.editAction(index) },
    k.save,
    k.run,
    k.runWith,
    k.lastResult,
    { def: MACRO_ACTION_KEYS.remove, when: !!selected, run: ed.askDeleteAction, label: 'Delete', help: MACRO_ACTION_KEYS.remove.help },
    { def: MACRO_ACTION_KEYS.moveUp, when: !!selected && index > 0, run: () => ed.moveSelected(-1) },
    { def: MACRO_ACTION_KEYS.moveDown, when: !!selected && index < actions.length - 1, run: () => ed.moveSelected(1) },
    k.script,
    k.event,
    k.check,
    k.view,
    k.info,
    k.revert,
    k.back,
    k.trace,
    k.debug,
    ...listNavBindings(actions.length, listH, (f) => ed.setSel((i) => f(Math.max(0, Math.min(i, actions.length - 1))))),
  ];
  const scrollKeys = textNavBindings(scroll, page, maxTop, ed.setLeft);
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
  useKeys({ title: `Macro "${draft.name}"`, bindings, active: !showRun && !editing && !ed.tracing && !ed.debugging });

  // ---- sub-screens that take the whole area
  if (ed.tracing) return <TargetTraces kind="macro" id={macro.id} name={macro.name} size={size} onBack={() => ed.setTracing(false)} />;
  if (ed.debugging) return <LocalDebugger target={{ kind: 'macro', macro }} size={size} onBack={() => ed.setDebugging(false)} />;
  if (run && showRun) {
    const usesInputs = draft.actions.some((a) => JSON.stringify(a).includes('{input.')) && Object.keys(ed.runInputs.values.inputs).length === 0;
    const note = usesInputs
      ? `A run from here has no event input values unless you give some (${displayMainKey(MACRO_EDIT_KEYS.runWith)}), so every {input.…} was empty.`
      : undefined;
    const { actionLines } = generateMacroProgram(ed.current, data);
    const locate = {
      file: macroFileName(ed.current),
      action: (line: number) => {
        let i = -1;
        actionLines.forEach((start, n) => {
          if (start <= line) i = n;
        });
        const a = draft.actions[i];
        return a ? `action ${i + 1} (${actionLabel(a)})` : null;
      },
    };
    return <MacroRunView title={draft.name} run={run} size={size} note={note} locate={locate} onStop={runner.stop} onAgain={() => ed.startRun()} onClose={() => setShowRun(false)} />;
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
        boundEvents={ed.bound}
        onEventChange={ed.setEvent}
        onCancel={() => setDialog(null)}
        onDone={(a) => {
          ed.setDraft((cur) => {
            if (!d.isNew) return { ...cur, actions: cur.actions.map((x, i) => (i === d.index ? a : x)) };
            return { ...cur, actions: moveAction([...cur.actions, a], cur.actions.length, d.insertAt) };
          });
          ed.setSel(d.index);
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
  const body =
    view === 'script' ? (
      <SourceView source={script} top={effTop} height={bodyH} width={inner} left={ed.left} />
    ) : view === 'info' ? (
      <TextView lines={infoLines} top={effTop} height={bodyH} width={inner} left={ed.left} />
    ) : (
      <ActionsPane actions={actions} index={index} byAction={ed.byAction} width={inner} listH={listH} detailH={detailH} />
    );
  const status = [plural(actions.length, 'action'), errors ? `${plural(errors, 'error')}` : warnings ? plural(warnings, 'warning') : 'no problems', dirty ? 'unsaved' : 'saved'].join(' · ');
  const note =
    view === 'actions' ? status : `${positionNote(effTop, bodyH, lineCount)}${lineCount > bodyH ? ' · ' : lineCount ? ' · ' : ''}${dirty ? 'unsaved' : 'saved'}`;
  return (
    <Box width={size.width} height={size.height}>
      <Panel title={`Macro: ${draft.name}${dirty ? ' ●' : ''}`} note={note} width={size.width} height={size.height} focused>
        {viewTabs}
        {body}
      </Panel>
      <MacroEditorDialogs ed={ed} size={size} onBack={onBack} />
    </Box>
  );
}

/** The Information view's lines. */
function infoText(ed: MacroEditorState, inner: number): string[] {
  const { draft, data, macro, event, problems, errors, warnings } = ed;
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
    ...row('Updated', formatDateTime(ed.base.updatedAt)),
    ...(ed.runner.lastRun ? row('Last run', ed.runner.lastRun) : []),
  ];
}
