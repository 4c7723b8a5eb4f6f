/**
 * The binding form: event, target (script or macro), description, enabled, and the position
 * among the bindings of the event. Used for "New trigger" (after the event picker) and Edit.
 */
import React, { useMemo } from 'react';
import { Form, type FieldSpec, type FormError, type FormValues } from '../../tui/components/Form.js';
import { useStoreBridge, useStoreData, type Size } from '../../tui/hooks.js';
import type { TuiServices } from '../../tui/services.js';
import { StoreError } from '../../store/errors.js';
import { createTrigger, getById, triggersForEvent, updateTrigger } from '../../store/repos.js';
import { allEvents } from '../../triggers/catalog.js';
import { placeTrigger } from '../../triggers/bindings.js';
import { parseTargetValue, targetOptions, targetValue } from './model.js';
import { errorMessage } from '../../interp/util/error-message.js';

export interface TriggerFormProps {
  area: Size;
  tui: TuiServices;
  /** The binding to edit; absent = a new one. */
  triggerId?: string;
  /** The event of a new binding (from the picker). */
  event?: string;
  /** Called with the saved binding's id. */
  onDone: (id: string) => void;
  onCancel: () => void;
}

function positionError(v: string): string | null {
  if (v.trim() === '') return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? null : 'The position is a whole number of 1 or more (1 runs first).';
}

export function TriggerForm({ area, tui, triggerId, event, onDone, onCancel }: TriggerFormProps): React.ReactElement {
  const data = useStoreData();
  const bridge = useStoreBridge();
  const existing = triggerId ? getById(data, 'triggers', triggerId) : undefined;
  const targets = useMemo(() => targetOptions(data), [data]);
  const eventOptions = useMemo(() => allEvents().map((e) => ({ value: e.name, label: e.name })), []);

  const initial: FormValues = useMemo(() => {
    if (existing) {
      const position = triggersForEvent(data, existing.event).findIndex((t) => t.id === existing.id) + 1;
      return {
        event: existing.event,
        target: targetValue(existing.targetKind, existing.targetId),
        description: existing.description,
        enabled: existing.enabled,
        position: String(position),
      };
    }
    const ev = event ?? allEvents()[0]!.name;
    return { event: ev, target: targets[0]?.value ?? '', description: '', enabled: true, position: String(triggersForEvent(data, ev).length + 1) };
    // The initial values are taken once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const fields: FieldSpec[] = [
    { kind: 'choice', name: 'event', label: 'Event', options: eventOptions, hint: 'Type the first letters of the event to jump to it' },
    {
      kind: 'choice',
      name: 'target',
      label: 'Runs',
      options: targets.length ? targets : [{ value: '', label: '(no scripts or macros yet)' }],
      hint: 'The script or macro to run; ←/→ or type part of its name',
    },
    { kind: 'text', name: 'description', label: 'Description', placeholder: 'what the binding is for' },
    { kind: 'bool', name: 'enabled', label: 'Enabled' },
    { kind: 'text', name: 'position', label: 'Position', validate: positionError, hint: 'Order among the bindings of the event (1 runs first)' },
  ];

  const submit = async (v: FormValues): Promise<FormError | null> => {
    const target = parseTargetValue(String(v.target));
    if (!target || target.id === '') return { field: 'target', message: 'Create a script or a macro first: a trigger needs something to run.' };
    const position = String(v.position).trim() === '' ? undefined : Number(v.position);
    try {
      const id = await bridge.update((d) => {
        let t;
        if (existing) {
          const cur = getById(d, 'triggers', existing.id);
          if (!cur) throw new StoreError('not-found', 'This trigger was deleted meanwhile (by another process).');
          const moved = cur.event !== String(v.event);
          const others = d.triggers.filter((x) => x.event === String(v.event) && x.id !== cur.id);
          t = updateTrigger(d, cur.id, {
            event: String(v.event),
            targetKind: target.kind,
            targetId: target.id,
            description: String(v.description),
            enabled: v.enabled === true,
            ...(moved ? { order: others.length ? Math.max(...others.map((x) => x.order)) + 1 : 1 } : {}),
          });
        } else {
          t = createTrigger(d, { event: String(v.event), targetKind: target.kind, targetId: target.id, description: String(v.description), enabled: v.enabled === true });
        }
        if (position !== undefined) placeTrigger(d, t.id, position);
        return t.id;
      });
      tui.flash(existing ? 'Trigger saved.' : `Trigger added for ${String(v.event)}.`, 'success');
      onDone(id);
      return null;
    } catch (e) {
      return { message: errorMessage(e) };
    }
  };

  return (
    <Form
      title={existing ? `Edit trigger ${existing.id}` : `New trigger for ${event ?? ''}`}
      fields={fields}
      initial={initial}
      area={area}
      unsavedLabel={existing ? 'the trigger form' : 'the new trigger form'}
      onSubmit={submit}
      onCancel={onCancel}
    />
  );
}
