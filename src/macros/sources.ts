// What a parameter of an action can refer to: the editor's "Choose parameter" list.
import type { Macro } from '../store/schema.js';
import { findEvent } from '../triggers/catalog.js';
import { findActionType } from './actions.js';

export interface ParameterSource {
  /** The text to insert, e.g. "{input.ticket.id}", "{var.total}", "{action2.status}". */
  ref: string;
  label: string;
  group: 'input' | 'variable' | 'action';
  help: string;
}

export interface SourceOptions {
  /** Variables the caller provides besides those set by the macro's actions. */
  variables?: Iterable<string>;
}

/**
 * Everything action `actionIndex` (0-based) may refer to: the input values of the event (from the
 * trigger catalog, when `eventName` is given; patterns such as "X.*" are left out), the variables
 * set by earlier actions (and `opts.variables`), and the results of earlier actions. An index past
 * the end lists what a new last action could use.
 */
export function listParameterSources(macro: Pick<Macro, 'actions'>, actionIndex: number, eventName?: string, opts: SourceOptions = {}): ParameterSource[] {
  const out: ParameterSource[] = [];
  const event = eventName ? findEvent(eventName) : undefined;
  if (event) {
    for (const name of event.inputs) {
      if (name.includes('*') || name.includes('[]')) continue;
      out.push({ ref: `{input.${name}}`, label: `Input value ${name}`, group: 'input', help: `The ${event.name} event's input value "${name}".` });
    }
  }
  const seen = new Set<string>();
  const addVar = (name: string, help: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    out.push({ ref: `{var.${name}}`, label: `Variable ${name}`, group: 'variable', help });
  };
  for (const name of opts.variables ?? []) addVar(name, 'A variable given by the caller.');
  const earlier = macro.actions.slice(0, Math.max(0, actionIndex));
  earlier.forEach((a, i) => {
    const name = (a.params.name ?? '').trim();
    if (a.type === 'setVariable' && name !== '') addVar(name, `Set by action ${i + 1}.`);
  });
  earlier.forEach((a, i) => {
    const type = findActionType(a.type);
    if (!type) return;
    for (const r of type.results) {
      const field = r.name === 'header.NAME' ? 'header.Content-Type' : r.name;
      out.push({
        ref: `{action${i + 1}.${field}}`,
        label: `${i + 1}. ${type.label}: ${r.label}`,
        group: 'action',
        help: r.help,
      });
    }
  });
  return out;
}
