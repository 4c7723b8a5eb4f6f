/**
 * The dialogs of the macro editor: choose an action type, delete an action or
 * the macro, the problems list, the event, the information form, leave with
 * unsaved changes, revert.
 */
import React from 'react';
import { ChoiceDialog, ConfirmDelete, ConfirmDialog } from '../../tui/components/Dialog.js';
import { Form, type FieldSpec } from '../../tui/components/Form.js';
import { FORM_KEYS, LEAVE_KEYS, MACRO_EDIT_KEYS, displayKeys, displayMainKey } from '../../tui/keymap.js';
import { useStoreData, type Size } from '../../tui/hooks.js';
import { StoreError } from '../../store/errors.js';
import { checkName, deleteMacro } from '../../store/repos.js';
import { danglingSentence } from '../../store/dangling.js';
import { removeAction } from '../../macros/index.js';
import { folderIndex, folderOptions } from '../scripts/model.js';
import { actionLabel, type MacroDraft } from './model.js';
import { TypePicker } from './TypePicker.js';
import { RunInputsDialog } from '../scripts/runInputs.js';
import { EventChooser } from './EventChooser.js';
import { ProblemsDialog } from './ProblemsDialog.js';
import type { MacroEditorState } from './useMacroEditor.js';

/** "actions 3 and 4", "action 3". */
function actionNumbers(indexes: number[]): string {
  const n = indexes.map((i) => String(i + 1));
  if (n.length === 1) return `action ${n[0]}`;
  return `actions ${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
}

export function MacroEditorDialogs({ ed, size, onBack }: { ed: MacroEditorState; size: Size; onBack: () => void }): React.ReactElement | null {
  const { dialog, setDialog, actions, index, macro, draft, tui } = ed;
  const close = () => setDialog(null);
  switch (dialog?.kind) {
    case 'type':
      return <TypePicker area={size} where={actions.length === 0 ? 'as action 1' : `after action ${index + 1}`} onCancel={close} onChoose={(ty) => ed.addAction(ty.type)} />;
    case 'deleteAction': {
      const a = actions[dialog.index];
      if (!a) return null;
      const what = `Delete action ${dialog.index + 1} (${actionLabel(a)})?`;
      const refs = dialog.referrers;
      return (
        <ConfirmDialog
          title={`Delete action ${dialog.index + 1}`}
          message={
            refs.length
              ? `${what} ${actionNumbers(refs).replace(/^a/, 'A')} ${refs.length === 1 ? 'uses' : 'use'} its results; those references will point at nothing and must be fixed before the macro can be saved.`
              : what
          }
          area={size}
          yesLabel="Delete"
          noLabel="Keep"
          danger={refs.length > 0}
          onNo={close}
          onYes={() => {
            const i = dialog.index;
            ed.setActions(removeAction(actions, i));
            ed.setSel(Math.max(0, Math.min(i, actions.length - 2)));
            close();
            tui.flash(`Deleted action ${i + 1}; ${displayMainKey(MACRO_EDIT_KEYS.save)} saves the macro.`);
          }}
        />
      );
    }
    case 'problems':
      return <ProblemsDialog area={size} title={dialog.title} intro={dialog.intro} problems={ed.problems} onFix={ed.fixProblem} onClose={close} />;
    case 'event':
      return (
        <EventChooser
          area={size}
          current={ed.event}
          bound={ed.bound}
          onCancel={close}
          onChoose={(e) => {
            ed.setEvent(e);
            close();
            tui.flash(e ? `Choose parameter now offers the input values of ${e}.` : 'No event: Choose parameter offers variables and results only.');
          }}
        />
      );
    case 'info':
      return <InfoForm area={size} draft={draft} onCancel={close} onDone={(d) => (ed.setDraft(d), close())} />;
    case 'deleteMacro': {
      const dangles = danglingSentence(ed.data, { kind: 'macro', id: macro.id });
      return (
        <ConfirmDelete
          flash={tui.flash}
          title="Delete macro"
          message={`Delete the macro "${macro.name}"?${dangles ? ` ${dangles}` : ''} This cannot be undone.`}
          area={size}
          onClose={close}
          remove={() => ed.bridge.update((d) => deleteMacro(d, macro.id)).then(onBack)}
          done={`Deleted the macro "${macro.name}".`}
        />
      );
    }
    case 'leave':
      return (
        <LeaveDialog
          area={size}
          name={draft.name}
          onSave={() => {
            close();
            void ed.save().then((saved) => saved && onBack());
          }}
          onLeave={() => {
            close();
            onBack();
          }}
          onStay={close}
        />
      );
    case 'runWith':
      return (
        <RunInputsDialog
          title={`Run the macro "${draft.name}" with`}
          initial={ed.runInputs.values}
          area={size}
          onCancel={close}
          onRun={(v) => {
            close();
            ed.startRun(v);
          }}
        />
      );
    case 'revert':
      return (
        <ConfirmDialog
          title="Revert the changes?"
          message={`Throw away the unsaved changes to the macro "${draft.name}" and go back to the saved version?`}
          area={size}
          yesLabel="Revert"
          noLabel="Keep"
          danger
          onNo={close}
          onYes={() => {
            close();
            ed.revert();
            tui.flash('Reverted to the saved version.');
          }}
        />
      );
    default:
      return null;
  }
}

/** Leaving with unsaved changes: save and leave, leave without saving, or stay. */
function LeaveDialog({ area, name, onSave, onLeave, onStay }: { area: Size; name: string; onSave: () => void; onLeave: () => void; onStay: () => void }): React.ReactElement {
  return (
    <ChoiceDialog
      title="Leave without saving?"
      message={`The changes to the macro "${name}" are not saved; leaving throws them away.`}
      area={area}
      danger
      choices={[
        { def: LEAVE_KEYS.save, run: onSave },
        { def: LEAVE_KEYS.leave, run: onLeave },
        { def: LEAVE_KEYS.stay, run: onStay },
      ]}
    />
  );
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
