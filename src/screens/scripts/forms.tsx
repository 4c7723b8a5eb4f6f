/** The forms of tab 1: script (new and properties), macro, folder. */
import React from 'react';
import { Form, type FieldSpec, type FormError, type FormValues } from '../../tui/components/Form.js';
import { useStoreBridge, useStoreData, type Size } from '../../tui/hooks.js';
import { StoreError } from '../../store/errors.js';
import {
  assertIncludeIdAvailable,
  checkIncludeId,
  checkName,
  createFolder,
  createMacro,
  createScript,
  renameFolder,
  updateMacro,
  updateScript,
} from '../../store/repos.js';
import type { Folder, Macro, Script } from '../../store/schema.js';
import { folderIndex, folderOptions } from './model.js';
import { FORM_KEYS, displayKeys, displayMainKey } from '../../tui/keymap.js';
import { errorMessage } from '../../interp/util/error-message.js';

/** The store's sentence for a value, or null when the check passes. */
function storeCheck(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof StoreError) return e.message;
    throw e;
  }
}

/** Save through the store; a StoreError becomes a form error on the field it is about. */
async function saveWith<T>(run: () => Promise<T>, fieldFor: (message: string) => string | undefined): Promise<{ ok: T } | { error: FormError }> {
  try {
    return { ok: await run() };
  } catch (e) {
    if (e instanceof StoreError) return { error: { message: e.message, field: fieldFor(e.message) } };
    return { error: { message: errorMessage(e) } };
  }
}

function scriptFieldFor(message: string): string | undefined {
  if (/include name/i.test(message)) return 'includeId';
  if (/script name|script named/i.test(message)) return 'name';
  if (/folder/i.test(message)) return 'folderId';
  return undefined;
}

export interface ScriptFormProps {
  area: Size;
  /** Absent: a new script. */
  script?: Script;
  /** Folder of a new script. */
  folderId?: string | null;
  onDone: (script: Script) => void;
  onCancel: () => void;
}

export function ScriptForm({ area, script, folderId = null, onDone, onCancel }: ScriptFormProps): React.ReactElement {
  const data = useStoreData();
  const bridge = useStoreBridge();
  const options = folderOptions(folderIndex(data));
  const editing = script !== undefined;
  const fields: FieldSpec[] = [
    { kind: 'text', name: 'name', label: 'Name', validate: (v) => storeCheck(() => checkName('script', v)) },
    { kind: 'choice', name: 'folderId', label: 'Folder', options, hint: `${displayKeys(FORM_KEYS.choose)} or type a folder name` },
    { kind: 'text', name: 'description', label: 'Description' },
    {
      kind: 'text',
      name: 'includeId',
      label: 'Include name',
      placeholder: 'none',
      hint: 'Other scripts use it as #include "name"; must be unique',
      validate: (v) =>
        storeCheck(() => {
          const id = checkIncludeId(v);
          assertIncludeIdAvailable(bridge.store.read(), id, script?.id ?? null);
        }),
    },
    { kind: 'text', name: 'key', label: 'Key', placeholder: 'none', hint: 'A secret callers must give to run the script from outside (HTTP)' },
    { kind: 'bool', name: 'showResultAsHtml', label: 'Show result as HTML', hint: `${displayMainKey(FORM_KEYS.toggle)} toggles; HTML output is then shown as readable text` },
  ];
  const initial: FormValues = {
    name: script?.name ?? '',
    folderId: (script ? script.folderId : folderId) ?? '',
    description: script?.description ?? '',
    includeId: script?.includeId ?? '',
    key: script?.key ?? '',
    showResultAsHtml: script?.showResultAsHtml ?? false,
  };
  return (
    <Form
      title={editing ? `Properties of "${script.name}"` : `New script in ${folderId === null ? 'the top level' : folderIndex(data).path(folderId)}`}
      fields={fields}
      initial={initial}
      area={area}
      unsavedLabel={editing ? `the properties of "${script.name}"` : 'the new script form'}
      saveLabel={editing ? 'Save' : 'Create'}
      onCancel={onCancel}
      onSubmit={async (v) => {
        const input = {
          name: String(v.name),
          folderId: v.folderId === '' ? null : String(v.folderId),
          description: String(v.description),
          includeId: String(v.includeId),
          key: String(v.key),
          showResultAsHtml: v.showResultAsHtml === true,
        };
        const r = await saveWith(
          () => bridge.update((d) => (editing ? updateScript(d, script.id, input) : createScript(d, { ...input, source: '' }))),
          scriptFieldFor,
        );
        if ('error' in r) return r.error;
        onDone(r.ok);
        return null;
      }}
    />
  );
}

export interface MacroFormProps {
  area: Size;
  macro?: Macro;
  folderId?: string | null;
  onDone: (macro: Macro) => void;
  onCancel: () => void;
}

export function MacroForm({ area, macro, folderId = null, onDone, onCancel }: MacroFormProps): React.ReactElement {
  const data = useStoreData();
  const bridge = useStoreBridge();
  const options = folderOptions(folderIndex(data));
  const editing = macro !== undefined;
  const fields: FieldSpec[] = [
    { kind: 'text', name: 'name', label: 'Name', validate: (v) => storeCheck(() => checkName('macro', v)) },
    { kind: 'choice', name: 'folderId', label: 'Folder', options, hint: `${displayKeys(FORM_KEYS.choose)} or type a folder name` },
    ...(editing ? [{ kind: 'text', name: 'description', label: 'Description' } as FieldSpec] : []),
  ];
  const initial: FormValues = {
    name: macro?.name ?? '',
    folderId: (macro ? macro.folderId : folderId) ?? '',
    description: macro?.description ?? '',
  };
  return (
    <Form
      title={editing ? `Properties of the macro "${macro.name}"` : `New macro in ${folderId === null ? 'the top level' : folderIndex(data).path(folderId)}`}
      fields={fields}
      initial={initial}
      area={area}
      unsavedLabel={editing ? `the properties of the macro "${macro.name}"` : 'the new macro form'}
      saveLabel={editing ? 'Save' : 'Create'}
      onCancel={onCancel}
      onSubmit={async (v) => {
        const input = { name: String(v.name), folderId: v.folderId === '' ? null : String(v.folderId) };
        const r = await saveWith(
          () =>
            bridge.update((d) =>
              editing ? updateMacro(d, macro.id, { ...input, description: String(v.description) }) : createMacro(d, input),
            ),
          (m) => (/folder/i.test(m) && !/name/i.test(m) ? 'folderId' : 'name'),
        );
        if ('error' in r) return r.error;
        onDone(r.ok);
        return null;
      }}
    />
  );
}

export interface FolderFormProps {
  area: Size;
  /** Absent: a new folder under `parentId`. */
  folder?: Folder;
  parentId?: string | null;
  /** Shown in the title of a new folder, e.g. "Examples". */
  parentLabel?: string;
  onDone: (folder: Folder) => void;
  onCancel: () => void;
}

export function FolderForm({ area, folder, parentId = null, parentLabel, onDone, onCancel }: FolderFormProps): React.ReactElement {
  const bridge = useStoreBridge();
  const editing = folder !== undefined;
  return (
    <Form
      title={editing ? `Rename the folder "${folder.name}"` : `New folder in ${parentLabel ?? 'the top level'}`}
      fields={[{ kind: 'text', name: 'name', label: 'Name', validate: (v) => storeCheck(() => checkName('folder', v)) }]}
      initial={{ name: folder?.name ?? '' }}
      area={area}
      width={60}
      unsavedLabel={editing ? `the new name of "${folder.name}"` : 'the new folder form'}
      saveLabel={editing ? 'Rename' : 'Create'}
      onCancel={onCancel}
      onSubmit={async (v) => {
        const r = await saveWith(
          () => bridge.update((d) => (editing ? renameFolder(d, folder.id, String(v.name)) : createFolder(d, { parentId, name: String(v.name) }))),
          () => 'name',
        );
        if ('error' in r) return r.error;
        onDone(r.ok);
        return null;
      }}
    />
  );
}
