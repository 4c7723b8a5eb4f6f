/**
 * The create/edit form of a scheduled task. Its fields follow the chosen
 * frequency (Never, Minute interval, Hourly, Week interval, Month interval,
 * After, Run after schedule), so it is its own form rather than the shell's
 * fixed-field Form; it uses the same keys (Tab/↑↓ move, Enter next/save,
 * Ctrl+S save, Space toggles, ←/→ choose, Esc cancels) and building blocks.
 */
import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { Dialog, DiscardChangesDialog, KeyHints } from '../../tui/components/Dialog.js';
import { Field } from '../../tui/components/Field.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { FORM_KEYS } from '../../tui/keymap.js';
import { useTheme } from '../../tui/theme.js';
import { cellWidth, fit, truncate, wrapText } from '../../tui/text.js';
import { useUnsaved } from '../../tui/services.js';
import { useStoreBridge, useStoreData, type Size } from '../../tui/hooks.js';
import { BoolControl, ChoiceControl, useTypeAhead } from '../../tui/components/Form.js';
import { StoreError } from '../../store/errors.js';
import type { Task } from '../../store/schema.js';
import { addTask, editTask } from '../../tasks/manage.js';
import {
  FREQUENCY_CHOICES,
  TARGET_CHOICES,
  afterChoices,
  checkTaskValues,
  fieldEcho,
  formFields,
  newTaskValues,
  previewLine,
  taskValues,
  type FieldDef,
  type TaskFormField,
  type TaskFormValues,
} from './model.js';
import { errorMessage } from '../../interp/util/error-message.js';

export interface TaskFormProps {
  area: Size;
  /** Absent: a new task. */
  task?: Task;
  now?: () => Date;
  onDone: (task: Task) => void;
  onCancel: () => void;
}

type Choice = { value: string; label: string };

export function TaskForm({ area, task, now = () => new Date(), onDone, onCancel }: TaskFormProps): React.ReactElement {
  const t = useTheme();
  const data = useStoreData();
  const bridge = useStoreBridge();
  const editing = task !== undefined;
  const initial = useMemo(() => (task ? taskValues(data, task, now()) : newTaskValues(now())), []); // eslint-disable-line react-hooks/exhaustive-deps
  const [values, setValues] = useState<TaskFormValues>(initial);
  const [focusName, setFocusName] = useState<TaskFormField>('name');
  const [error, setError] = useState<{ field?: TaskFormField; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [askDiscard, setAskDiscard] = useState(false);
  const typeAhead = useTypeAhead();

  const fields = formFields(values);
  const focus = Math.max(fields.findIndex((f) => f.name === focusName), 0);
  const current = fields[focus]!;
  const last = focus === fields.length - 1;
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  useUnsaved(dirty ? (editing ? `the changes to the task "${task.name}"` : 'the new task form') : null);

  const choices = (f: FieldDef): Choice[] => {
    if (f.name === 'targetKind') return [...TARGET_CHOICES];
    if (f.name === 'kind') return [...FREQUENCY_CHOICES];
    if (f.name === 'afterTask') return afterChoices(data, task?.id ?? null);
    return [];
  };

  const setValue = (name: TaskFormField, value: string | boolean) => {
    setValues((v) => ({ ...v, [name]: value }));
    setError(null);
  };

  const move = (d: number) => setFocusName(fields[(focus + d + fields.length) % fields.length]!.name);

  const submit = async () => {
    if (saving) return;
    const check = checkTaskValues(bridge.store.read(), values, task?.id ?? null);
    if (!check.ok) {
      setError({ field: check.field, message: check.message });
      setFocusName(check.field);
      return;
    }
    setSaving(true);
    try {
      const saved = await bridge.update((d) => (editing ? editTask(d, task.id, check.spec, now()) : addTask(d, check.spec, now())));
      onDone(saved);
    } catch (e) {
      setError({ message: e instanceof StoreError ? e.message : `The task was not saved: ${errorMessage(e)}` });
      setSaving(false);
    }
  };

  const cycle = (d: number) => {
    const opts = choices(current);
    if (opts.length === 0) return;
    const i = opts.findIndex((o) => o.value === values[current.name]);
    setValue(current.name, opts[(i + d + opts.length) % opts.length]!.value);
  };

  const bindings: Binding[] = [
    { def: FORM_KEYS.next, run: () => move(1) },
    { def: FORM_KEYS.prev, run: () => move(-1) },
    { def: FORM_KEYS.enter, run: () => (last ? void submit() : move(1)), label: last ? (editing ? 'Save' : 'Create') : 'Next field' },
    { def: FORM_KEYS.save, run: () => void submit(), label: editing ? 'Save' : 'Create' },
    { def: FORM_KEYS.toggle, when: current.kind === 'bool', run: () => setValue(current.name, !values[current.name]) },
    { def: FORM_KEYS.choose, when: current.kind === 'choice', run: (_i, key) => cycle(key.leftArrow ? -1 : 1) },
    { def: FORM_KEYS.cancel, run: () => (dirty ? setAskDiscard(true) : onCancel()) },
  ];
  useKeys({
    title: editing ? 'Edit task' : 'New task',
    level: 'modal',
    active: !askDiscard,
    bindings,
    onText: (input, key) => {
      if (current.kind === 'choice') return typeAhead(input, key, choices(current), (value) => setValue(current.name, value));
      return false;
    },
  });

  const w = Math.min(76, area.width);
  const inner = w - 4;
  const labelW = Math.min(Math.max(...fields.map((f) => f.label.length)) + 2, Math.floor(inner / 2));
  const fieldW = Math.max(inner - labelW - 1, 6);

  const rows: React.ReactNode[] = [];
  fields.forEach((f, i) => {
    const focused = i === focus && !askDiscard;
    let control: React.ReactNode;
    if (f.kind === 'text') {
      const text = String(values[f.name]);
      const echo = fieldEcho(data, f.name, values);
      const room = Math.max(fieldW - (echo ? Math.min(echo.length + 2, Math.floor(fieldW / 2)) : 0), 6);
      const used = focused ? room : Math.min(Math.max(cellWidth(text === '' ? (f.placeholder ?? '') : text), 4), room);
      control = (
        <Box>
          <Box width={used}>
            <Field value={text} onChange={(v) => setValue(f.name, v)} focused={focused} width={used} placeholder={f.placeholder} />
          </Box>
          {echo && !focused ? <Text {...t.muted}>{'  ' + truncate(echo, Math.max(fieldW - used - 3, 0))}</Text> : null}
        </Box>
      );
    } else if (f.kind === 'bool') {
      control = <BoolControl on={values[f.name] === true} focused={focused} />;
    } else {
      const opts = choices(f);
      const opt = opts.find((o) => o.value === values[f.name]);
      control = <ChoiceControl label={opt?.label ?? (opts.length === 0 ? 'no other task' : 'choose…')} width={fieldW} focused={focused} />;
    }
    rows.push(
      <Box key={f.name} height={1}>
        <Text {...(i === focus ? t.accent : {})}>
          {i === focus ? '›' : ' '}
          {fit(f.label, labelW)}
        </Text>
        <Box width={fieldW}>{control}</Box>
      </Box>,
    );
  });

  // Under the fields: the error (or the focused field's hint or echo), then the preview.
  const notes: Array<{ text: string; tone: 'error' | 'muted' }> = [];
  if (error) for (const l of wrapText(error.message, inner)) notes.push({ text: l, tone: 'error' });
  else {
    const echo = current.kind === 'text' ? fieldEcho(data, current.name, values) : null;
    const hint = [echo, current.hint].filter(Boolean).join(' · ');
    if (hint) notes.push({ text: truncate(hint, inner), tone: 'muted' });
  }
  const preview = previewLine(data, values, now());

  return (
    <>
      <Dialog title={editing ? `Edit the task "${task.name}"` : 'New scheduled task'} area={area} width={w} height={fields.length + notes.length + 6}>
        {rows}
        {notes.map((n, i) => (
          <Text key={`n${i}`} {...(n.tone === 'error' ? t.error : t.muted)} wrap="truncate">
            {n.text}
          </Text>
        ))}
        <Text wrap="truncate">{preview ? truncate(preview, inner) : ' '}</Text>
        {saving ? (
          <Text {...t.muted}>Saving…</Text>
        ) : (
          <KeyHints
            items={[
              { def: FORM_KEYS.save, label: editing ? 'Save' : 'Create' },
              { def: FORM_KEYS.next, label: 'Next' },
              { def: FORM_KEYS.cancel, label: 'Cancel' },
            ]}
          />
        )}
      </Dialog>
      {askDiscard ? (
        <DiscardChangesDialog
          message={editing ? `The changes to the task "${task.name}" are not saved.` : 'The new task is not saved.'}
          area={area}
          onDiscard={onCancel}
          onKeep={() => setAskDiscard(false)}
        />
      ) : null}
    </>
  );
}
