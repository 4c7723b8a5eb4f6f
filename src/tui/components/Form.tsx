/**
 * A form in a dialog: text fields, check boxes and choices. Tab/↓ and
 * S-Tab/↑ move between fields, Enter moves on and saves on the last field,
 * Ctrl+S saves from anywhere, Esc cancels (asking first when something was
 * changed). Validation runs as you type; the save callback may return the
 * store's error, which is shown under the field it concerns.
 */
import React, { useCallback, useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { Dialog, DiscardChangesDialog, KeyHints } from './Dialog.js';
import { Field } from './Field.js';
import { useKeys, type Binding } from '../keys.js';
import { FORM_KEYS, type KeyEvent } from '../keymap.js';
import { useTheme } from '../theme.js';
import { fit, truncate, wrapText } from '../text.js';
import { useUnsaved } from '../services.js';
import type { Size } from '../hooks.js';
import { errorMessage } from '../../interp/util/error-message.js';

export type FormValue = string | boolean;
export type FormValues = Record<string, FormValue>;

interface FieldBase {
  name: string;
  label: string;
  /** A dim note under the field while it has the focus. */
  hint?: string;
}

export type FieldSpec =
  | (FieldBase & {
      kind: 'text';
      placeholder?: string;
      mask?: string;
      /** Return a sentence when the value is not acceptable. */
      validate?: (value: string, values: FormValues) => string | null;
    })
  | (FieldBase & { kind: 'bool' })
  | (FieldBase & { kind: 'choice'; options: ReadonlyArray<{ value: string; label: string }> });

export interface FormError {
  message: string;
  /** The field the error is about (focus moves there). */
  field?: string;
}

export interface FormProps {
  title: string;
  fields: FieldSpec[];
  initial: FormValues;
  area: Size;
  width?: number;
  /** Named in the quit question while the form has changes, e.g. "the new script form". */
  unsavedLabel: string;
  saveLabel?: string;
  onSubmit: (values: FormValues) => Promise<FormError | null> | FormError | null;
  onCancel: () => void;
}

export function Form({ title, fields, initial, area, width = 70, unsavedLabel, saveLabel = 'Save', onSubmit, onCancel }: FormProps): React.ReactElement {
  const t = useTheme();
  const [focus, setFocus] = useState(0);
  const [texts, setTexts] = useState<Record<string, string>>(() => {
    const out: Record<string, string> = {};
    for (const f of fields) if (f.kind === 'text') out[f.name] = String(initial[f.name] ?? '');
    return out;
  });
  const [others, setOthers] = useState<FormValues>(() => {
    const out: FormValues = {};
    for (const f of fields) if (f.kind !== 'text') out[f.name] = initial[f.name] ?? (f.kind === 'bool' ? false : (f.options[0]?.value ?? ''));
    return out;
  });
  const [submitError, setSubmitError] = useState<FormError | null>(null);
  const [saving, setSaving] = useState(false);
  const [askDiscard, setAskDiscard] = useState(false);
  const [showAllErrors, setShowAllErrors] = useState(false);
  const typeAhead = useTypeAhead();

  const values: FormValues = useMemo(() => {
    const v: FormValues = { ...others };
    for (const [k, s] of Object.entries(texts)) v[k] = s;
    return v;
  }, [texts, others]);

  const dirty = fields.some((f) => (values[f.name] ?? '') !== (initial[f.name] ?? (f.kind === 'bool' ? false : f.kind === 'choice' ? (f.options[0]?.value ?? '') : '')));
  useUnsaved(dirty ? unsavedLabel : null);

  const errors: Record<string, string> = {};
  for (const f of fields) {
    if (f.kind === 'text' && f.validate) {
      const e = f.validate(String(values[f.name] ?? ''), values);
      if (e) errors[f.name] = e;
    }
  }
  const current = fields[focus]!;
  const last = focus === fields.length - 1;

  const move = (d: number) => setFocus((i) => (i + d + fields.length) % fields.length);

  const submit = async () => {
    if (saving) return;
    const firstBad = fields.findIndex((f) => errors[f.name]);
    if (firstBad >= 0) {
      setShowAllErrors(true);
      setFocus(firstBad);
      return;
    }
    setSaving(true);
    setSubmitError(null);
    try {
      const err = await onSubmit(values);
      if (err) {
        setSubmitError(err);
        const i = err.field ? fields.findIndex((f) => f.name === err.field) : -1;
        if (i >= 0) setFocus(i);
      }
    } catch (e) {
      setSubmitError({ message: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  };

  const cycleChoice = (d: number) => {
    if (current.kind !== 'choice' || current.options.length === 0) return;
    setOthers((o) => {
      const i = current.options.findIndex((op) => op.value === o[current.name]);
      const next = current.options[(i + d + current.options.length) % current.options.length]!;
      return { ...o, [current.name]: next.value };
    });
  };

  const bindings: Binding[] = [
    { def: FORM_KEYS.next, run: () => move(1) },
    { def: FORM_KEYS.prev, run: () => move(-1) },
    { def: FORM_KEYS.enter, run: () => (last ? void submit() : move(1)), label: last ? saveLabel : 'Next field' },
    { def: FORM_KEYS.save, run: () => void submit(), label: saveLabel },
    {
      def: FORM_KEYS.toggle,
      when: current.kind === 'bool',
      run: () => setOthers((o) => ({ ...o, [current.name]: !o[current.name] })),
    },
    { def: FORM_KEYS.choose, when: current.kind === 'choice', run: (_input, key) => cycleChoice(key.leftArrow ? -1 : 1) },
    {
      def: FORM_KEYS.cancel,
      run: () => (dirty ? setAskDiscard(true) : onCancel()),
    },
  ];
  useKeys({
    title,
    level: 'modal',
    bindings,
    onText: (input, key) => {
      if (current.kind === 'choice') return typeAhead(input, key, current.options, (value) => setOthers((o) => ({ ...o, [current.name]: value })));
      return false;
    },
  });
  const w = Math.min(width, area.width);
  const inner = w - 4;
  const labelW = Math.min(Math.max(...fields.map((f) => f.label.length)) + 2, Math.floor(inner / 2));
  const fieldW = Math.max(inner - labelW - 2, 6);

  const rows: React.ReactNode[] = [];
  let height = 0;
  fields.forEach((f, i) => {
    const focused = i === focus && !askDiscard;
    const marker = i === focus ? '›' : ' ';
    let control: React.ReactNode;
    if (f.kind === 'text') {
      const setText = (v: string) => {
        setSubmitError(null);
        setTexts((all) => ({ ...all, [f.name]: v }));
      };
      control = <Field value={texts[f.name]!} onChange={setText} focused={focused} width={fieldW} placeholder={f.placeholder} mask={f.mask} />;
    } else if (f.kind === 'bool') {
      control = <BoolControl on={values[f.name] === true} focused={focused} />;
    } else {
      control = <ChoiceControl label={f.options.find((o) => o.value === values[f.name])?.label ?? ''} width={fieldW} focused={focused} />;
    }
    rows.push(
      <Box key={f.name} height={1}>
        <Text {...(i === focus ? t.accent : {})}>
          {marker}
          {fit(f.label, labelW)}
        </Text>
        <Box width={fieldW + 1}>{control}</Box>
      </Box>,
    );
    height++;
    // A field's problem shows once it was changed, or after an attempt to save.
    const err = errors[f.name] && (showAllErrors || String(values[f.name] ?? '') !== String(initial[f.name] ?? ''))
      ? errors[f.name]
      : submitError?.field === f.name
        ? submitError.message
        : null;
    if (err) {
      for (const l of wrapText(err, inner - labelW - 1)) {
        rows.push(
          <Text key={`${f.name}-err-${height}`} {...t.error} wrap="truncate">
            {' '.repeat(labelW + 1)}
            {l}
          </Text>,
        );
        height++;
      }
    } else if (i === focus && f.hint) {
      rows.push(
        <Text key={`${f.name}-hint`} {...t.muted} wrap="truncate">
          {' '.repeat(labelW + 1)}
          {f.hint}
        </Text>,
      );
      height++;
    }
  });
  const general = submitError && !submitError.field ? wrapText(submitError.message, inner) : [];

  return (
    <>
      <Dialog title={title} area={area} width={w} height={height + general.length + 5}>
        {rows}
        {general.map((l, i) => (
          <Text key={`g${i}`} {...t.error} wrap="truncate">
            {l}
          </Text>
        ))}
        <Text> </Text>
        {saving ? (
          <Text {...t.muted}>Saving…</Text>
        ) : (
          <KeyHints
            items={[
              { def: FORM_KEYS.save, label: saveLabel },
              { def: FORM_KEYS.next, label: 'Next' },
              { def: FORM_KEYS.cancel, label: 'Cancel' },
            ]}
          />
        )}
      </Dialog>
      {askDiscard ? (
        <DiscardChangesDialog message={`The changes in ${unsavedLabel} are not saved.`} area={area} onDiscard={onCancel} onKeep={() => setAskDiscard(false)} />
      ) : null}
    </>
  );
}

/**
 * Type-ahead on a choice field: letters typed within a second of each other pick the first option
 * whose label starts with them (else contains them). The returned function takes a key for the
 * focused field and returns true when it was such a letter.
 */
export function useTypeAhead(): <V>(input: string, key: KeyEvent, options: ReadonlyArray<{ value: V; label: string }>, choose: (value: V) => void) => boolean {
  const typed = useRef({ text: '', at: 0 });
  return useCallback((input, key, options, choose) => {
    if (!input || key.ctrl || !/^[\p{L}\p{N} _./-]+$/u.test(input)) return false;
    const now = Date.now();
    const buf = (now - typed.current.at < 1000 ? typed.current.text : '') + input.toLowerCase();
    typed.current = { text: buf, at: now };
    const hit = options.find((o) => o.label.toLowerCase().startsWith(buf)) ?? options.find((o) => o.label.toLowerCase().includes(buf));
    if (hit) choose(hit.value);
    return true;
  }, []);
}

/** A yes/no field's value; inverse when focused. */
export function BoolControl({ on, focused }: { on: boolean; focused: boolean }): React.ReactElement {
  return (
    <Text inverse={focused}>
      [{on ? 'x' : ' '}] {on ? 'yes' : 'no'}
    </Text>
  );
}

/** A choice field's value between ‹ and › (cut to fit `width` cells); inverse when focused. */
export function ChoiceControl({ label, width, focused }: { label: string; width: number; focused: boolean }): React.ReactElement {
  const t = useTheme();
  return (
    <Text>
      <Text {...t.muted}>‹ </Text>
      <Text inverse={focused}>{truncate(label === '' ? ' ' : label, width - 4)}</Text>
      <Text {...t.muted}> ›</Text>
    </Text>
  );
}
