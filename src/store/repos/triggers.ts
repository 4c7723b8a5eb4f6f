/** Trigger bindings: event → script or macro, in order. */
import { StoreError } from '../errors.js';
import { nowIso } from '../ids.js';
import type {
  StoreData,
  TargetKind,
  Trigger,
} from '../schema.js';
import { assign, compareText, nextUniqueId, removeById, requireById } from './common.js';
import { requireTarget } from './targets.js';

export interface TriggerInput {
  event: string;
  targetKind: TargetKind;
  targetId: string;
  description?: string;
  enabled?: boolean;
  /** Default: after the existing bindings of the event. */
  order?: number;
  /** The CRM user its runs act as ('' or absent: the default user). */
  crmUser?: string;
}

export function createTrigger(d: StoreData, input: TriggerInput): Trigger {
  const event = input.event.trim();
  if (event === '') throw new StoreError('bad-input', 'A trigger needs an event.');
  requireTarget(d, input.targetKind, input.targetId);
  const sameEvent = d.triggers.filter((t) => t.event === event);
  const trigger: Trigger = {
    id: nextUniqueId(d, 'triggers'),
    event,
    targetKind: input.targetKind,
    targetId: input.targetId,
    description: input.description ?? '',
    enabled: input.enabled ?? true,
    order: input.order ?? (sameEvent.length === 0 ? 1 : Math.max(...sameEvent.map((t) => t.order)) + 1),
    lastFiredAt: null,
    lastOutcome: null,
    ...(input.crmUser ? { crmUser: input.crmUser } : {}),
  };
  d.triggers.push(trigger);
  return trigger;
}

export function updateTrigger(d: StoreData, id: string, patch: Partial<Omit<Trigger, 'id'>>): Trigger {
  const trigger = requireById(d, 'triggers', id);
  const kind = patch.targetKind ?? trigger.targetKind;
  const target = patch.targetId ?? trigger.targetId;
  if (patch.targetKind !== undefined || patch.targetId !== undefined) requireTarget(d, kind, target);
  assign(trigger, patch);
  return trigger;
}

export function deleteTrigger(d: StoreData, id: string): Trigger {
  const removed = removeById(d, 'triggers', id);
  if (!removed) throw new StoreError('not-found', `There is no trigger with id "${id}".`);
  return removed;
}

/** The bindings of an event in the order they run (enabled or not; callers filter). */
export function triggersForEvent(d: StoreData, event: string): Trigger[] {
  return d.triggers.filter((t) => t.event === event).sort((a, b) => a.order - b.order || compareText(a.id, b.id));
}

export function recordTriggerFired(d: StoreData, id: string, outcome: string, at: string = nowIso()): Trigger {
  return updateTrigger(d, id, { lastFiredAt: at, lastOutcome: outcome });
}
