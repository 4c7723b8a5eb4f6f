/**
 * The trace configuration form: every field of a trace (the target only when it is created from
 * the Tracing tab; a script's or macro's own Trace action knows its target).
 */
import React, { useMemo } from 'react';
import { Form, type FieldSpec, type FormError, type FormValues } from '../../tui/components/Form.js';
import { useStoreBridge, useStoreData, type Size } from '../../tui/hooks.js';
import { StoreError } from '../../store/errors.js';
import type { TargetKind, TraceConfig } from '../../store/schema.js';
import { addTrace, editTrace } from '../../tracing/manage.js';
import { targetOptions } from '../triggers/model.js';
import { emailProblem, parseTarget, traceFieldsOf, traceFormValues, wholeNumberProblem } from './model.js';
import { errorMessage } from '../../interp/util/error-message.js';

export interface TraceFormProps {
  area: Size;
  /** The configuration to edit; null for a new one. */
  config: TraceConfig | null;
  /** A new configuration's target when it is fixed (the script screen's Trace). */
  target?: { kind: TargetKind; id: string; name: string };
  onCancel: () => void;
  onSaved: (c: TraceConfig, created: boolean) => void;
}

export function TraceForm({ area, config, target, onCancel, onSaved }: TraceFormProps): React.ReactElement {
  const data = useStoreData();
  const bridge = useStoreBridge();
  const chooseTarget = config === null && !target;
  const targets = useMemo(() => (chooseTarget ? targetOptions(data) : []), [chooseTarget, data]);
  const initial = useMemo(
    () =>
      traceFormValues(config, {
        description: target ? `Trace of ${target.name}` : '',
        target: target ? `${target.kind}:${target.id}` : targets[0]?.value,
      }),
    // The initial values are taken once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const fields: FieldSpec[] = [
    ...(chooseTarget
      ? [{ kind: 'choice', name: 'target', label: 'Script or macro', options: targets, hint: 'Type part of its name or folder to jump to it' } as FieldSpec]
      : []),
    { kind: 'text', name: 'description', label: 'Description', placeholder: 'what this trace is for' },
    { kind: 'text', name: 'userFilter', label: 'User filter', placeholder: 'everyone', hint: 'Only runs by these users (comma-separated); empty records everyone' },
    {
      kind: 'text',
      name: 'resolution',
      label: 'Trace resolution',
      hint: 'Record every Nth execution: 1 records every run, 10 every tenth',
      validate: (v) => wholeNumberProblem(v, 1, 'The resolution'),
    },
    { kind: 'text', name: 'keepDays', label: 'Keep traces (days)', hint: 'Recordings older than this are removed', validate: (v) => wholeNumberProblem(v, 0, 'Keep traces') },
    { kind: 'bool', name: 'enabled', label: 'Enabled', hint: 'Records only while tracing scripts is started too (t in the Tracing tab)' },
    { kind: 'bool', name: 'notify', label: 'Notify', hint: 'Send an email for each recording (at most the maximum below)' },
    {
      kind: 'text',
      name: 'maxNotifications',
      label: 'Max notifications',
      hint: 'Notifications stop after this many for this trace',
      validate: (v) => wholeNumberProblem(v, 0, 'The maximum number of notifications'),
    },
    {
      kind: 'text',
      name: 'notificationEmail',
      label: 'Notification email',
      placeholder: 'none',
      hint: 'Where notifications go (comma-separated for several)',
      validate: (v, all) => emailProblem(v, all.notify === true),
    },
    { kind: 'bool', name: 'onlyOnException', label: 'Only with exception', hint: 'Only save if there is an unhandled exception' },
  ];

  const submit = async (values: FormValues): Promise<FormError | null> => {
    if (chooseTarget && targets.length === 0) return { message: 'There is no script or macro to trace yet; create one in the Macros and scripts tab first.' };
    const fieldsOf = traceFieldsOf(values);
    try {
      let saved: TraceConfig;
      if (config) {
        saved = await editTrace(bridge.store, config.id, fieldsOf);
      } else {
        const t = target ? { kind: target.kind, id: target.id } : parseTarget(String(values.target ?? ''));
        if (!t) return { message: 'Choose the script or macro to trace.', field: chooseTarget ? 'target' : undefined };
        saved = await addTrace(bridge.store, { targetKind: t.kind, targetId: t.id, ...fieldsOf });
      }
      bridge.notify();
      onSaved(saved, config === null);
      return null;
    } catch (e) {
      if (e instanceof StoreError) return { message: e.message };
      return { message: errorMessage(e) };
    }
  };

  const title = config ? 'Edit trace' : target ? `Trace ${target.kind} "${target.name}"` : 'New trace';
  return (
    <Form
      title={title}
      fields={fields}
      initial={initial}
      area={area}
      width={76}
      unsavedLabel={config ? 'the trace form' : 'the new trace form'}
      saveLabel={config ? 'Save' : 'Create'}
      onSubmit={submit}
      onCancel={onCancel}
    />
  );
}
