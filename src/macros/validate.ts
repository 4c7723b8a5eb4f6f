// Checks a macro before it is saved or run: unknown action types and operators, missing required
// parameters, references to actions that do not exist or run later, unknown variables, and the
// per-type rules (a reachable script, a valid URL, a recipient, ...).
import type { Macro, MacroAction, StoreData } from '../store/schema.js';
import { findScriptByIncludeId } from '../store/repos.js';
import { findEvent, type TriggerEvent } from '../triggers/catalog.js';
import {
  ACTION_TYPES,
  NAME_PATTERN,
  OPERATORS,
  findActionType,
  findOperator,
  isAlways,
  paramValue,
  parseValue,
  type ActionType,
} from './actions.js';
import { splitList } from './generate.js';

export interface MacroProblem {
  /** 0-based index of the action, or null for the macro as a whole. */
  action: number | null;
  /** The parameter name, 'condition', or null. */
  field: string | null;
  message: string;
  severity: 'error' | 'warning';
}

export interface ValidateOptions {
  /** The store, to check the scripts that "Run a script" names. */
  data?: StoreData;
  /** The event the macro runs for: input, output and blocking are checked against the trigger catalog. */
  eventName?: string;
  /** Variables the caller provides (getVariable), besides those the macro's own actions set. */
  variables?: Iterable<string>;
}

/** True when an input name of the catalog (which may be a pattern like "X.*" or "X[].y") covers `name`. */
export function inputMatches(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (!pattern.includes('*') && !pattern.includes('[]')) return false;
  const re = new RegExp(
    '^' +
      pattern
        .split(/(\*|\[\])/)
        .map((piece) => (piece === '*' ? '[^]*' : piece === '[]' ? '(\\[[0-9]*\\])?' : piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('') +
      '$',
  );
  return re.test(name);
}

/** Variables set by "Set a variable" actions: name → 0-based indexes of the actions that set it. */
function variablesSet(actions: MacroAction[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  actions.forEach((a, i) => {
    if (a.type !== 'setVariable') return;
    const name = (a.params.name ?? '').trim();
    if (name === '') return;
    out.set(name, [...(out.get(name) ?? []), i]);
  });
  return out;
}

function resultNames(t: ActionType): string {
  return t.results.map((r) => r.name).join(', ');
}

export function validateMacro(macro: Pick<Macro, 'actions'>, opts: ValidateOptions = {}): MacroProblem[] {
  const problems: MacroProblem[] = [];
  const actions = macro.actions;
  const external = new Set(opts.variables ?? []);
  const setBy = variablesSet(actions);
  let event: TriggerEvent | undefined;
  if (opts.eventName) {
    event = findEvent(opts.eventName);
    if (!event) problems.push({ action: null, field: null, severity: 'warning', message: `There is no trigger event named "${opts.eventName}"; input values are not checked.` });
  }

  actions.forEach((a, i) => {
    const n = i + 1;
    const type = findActionType(a.type);
    const add = (field: string | null, message: string, severity: 'error' | 'warning' = 'error') =>
      problems.push({ action: i, field, severity, message: `Action ${n}${type ? ` (${type.label})` : ''}: ${message}` });

    if (!type) {
      add(null, `"${a.type}" is not an action type; use one of ${ACTION_TYPES.map((t) => t.type).join(', ')}.`);
      return;
    }

    /** Checks the references in one value. */
    const checkRefs = (field: string, value: string, allowed: boolean): void => {
      for (const part of parseValue(value)) {
        if ('bad' in part) {
          add(field, `${part.bad} is not a reference; use {input.NAME}, {var.NAME} or {actionN.FIELD} (write {{ for a literal "{").`);
          continue;
        }
        if (!('ref' in part)) continue;
        const ref = part.ref;
        if (!allowed) {
          add(field, `the ${labelOf(type, field)} cannot contain references such as ${part.raw}.`);
          continue;
        }
        if (ref.source === 'action') {
          const target = actions[ref.index - 1];
          const targetType = target ? findActionType(target.type) : undefined;
          if (ref.index === n) add(field, `${part.raw} refers to this action itself; only earlier actions' results can be used.`);
          else if (ref.index < 1 || !target) add(field, `${part.raw} refers to action ${ref.index}, which does not exist.`);
          else if (ref.index > n) add(field, `${part.raw} refers to action ${ref.index}, which runs later; only earlier actions' results can be used.`);
          else if (!targetType) continue; // reported at that action
          else if (target.type === 'httpRequest' && /^header\.[^.].*$/.test(ref.field)) continue;
          else if (!targetType.results.some((r) => r.name === ref.field)) {
            add(
              field,
              targetType.results.length === 0
                ? `${part.raw}: action ${ref.index} (${targetType.label}) has no results.`
                : `${part.raw}: action ${ref.index} (${targetType.label}) has no result "${ref.field}"; it has ${resultNames(targetType)}.`,
            );
          }
        } else if (ref.source === 'var') {
          const setters = setBy.get(ref.name) ?? [];
          if (external.has(ref.name) || setters.some((s) => s < i)) continue;
          if (setters.length > 0) add(field, `the variable "${ref.name}" (${part.raw}) is set only by a later action (${setters[0]! + 1}).`);
          else add(field, `unknown variable "${ref.name}" (${part.raw}): no earlier action sets it.`);
        } else if (event && !event.inputs.some((p) => inputMatches(p, ref.name))) {
          add(field, `the event ${event.name} has no input value "${ref.name}" (${part.raw}).`, 'warning');
        }
      }
    };

    // parameters
    for (const spec of type.params) {
      const raw = a.params[spec.name] ?? '';
      const value = paramValue(a, spec.name);
      if (spec.required && value.trim() === '') add(spec.name, `the ${lowerLabel(spec.label)} is required.`);
      if (spec.choices && value !== '' && !spec.choices.includes(value)) {
        add(spec.name, `the ${lowerLabel(spec.label)} must be one of ${spec.choices.join(', ')}, not "${value}".`);
      }
      checkRefs(spec.name, raw, spec.references);
    }
    for (const key of Object.keys(a.params)) {
      if (!type.params.some((q) => q.name === key)) add(key, `"${key}" is not a parameter of this action; it is ignored.`, 'warning');
    }

    // condition
    if (!isAlways(a.condition)) {
      const op = findOperator(a.condition.op);
      if (!op) add('condition', `"${a.condition.op}" is not a condition operator; use one of ${OPERATORS.map((o) => o.op).join(', ')}.`);
      checkRefs('condition', a.condition.left, true);
      if (!op || op.binary) checkRefs('condition', a.condition.right, true);
    }

    // per type
    switch (a.type) {
      case 'setVariable':
      case 'setOutputValue': {
        const name = paramValue(a, 'name').trim();
        if (name !== '' && !NAME_PATTERN.test(name)) add('name', `"${name}" is not a valid name: use letters, digits, "_", "-" and "." only.`);
        if (a.type === 'setOutputValue' && event && name !== '' && !event.outputs.some((p) => inputMatches(p, name))) {
          add('name', `the event ${event.name} has no output value "${name}".`, 'warning');
        }
        break;
      }
      case 'blockEvent':
        if (event && !event.blockable) add(null, `the event ${event.name} cannot be blocked; only "before" events can.`, 'warning');
        break;
      case 'runScript': {
        const inc = paramValue(a, 'script').trim();
        if (inc !== '' && opts.data && !findScriptByIncludeId(opts.data, inc)) add('script', `there is no script with the include name "${inc}".`);
        for (const line of paramValue(a, 'values').split(/\r?\n/)) {
          if (line.trim() === '') continue;
          const eq = line.indexOf('=');
          if (eq <= 0 || line.slice(0, eq).trim() === '') add('values', `"${line.trim()}" is not a NAME=VALUE line.`);
        }
        break;
      }
      case 'httpRequest': {
        const url = paramValue(a, 'url').trim();
        const literal = parseValue(url).every((part) => 'text' in part);
        if (url !== '' && literal && !/^https?:\/\/[^/\s]+/i.test(url)) add('url', `"${url}" is not an http:// or https:// address.`);
        for (const line of paramValue(a, 'headers').split(/\r?\n/)) {
          if (line.trim() === '') continue;
          const colon = line.indexOf(':');
          if (colon <= 0 || line.slice(0, colon).trim() === '') add('headers', `"${line.trim()}" is not a "Name: value" line.`);
          else if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(line.slice(0, colon).trim())) add('headers', `"${line.slice(0, colon).trim()}" is not a valid header name.`);
        }
        const method = paramValue(a, 'method');
        if ((method === 'GET' || method === 'DELETE') && (paramValue(a, 'body') !== '' || paramValue(a, 'contentType') !== '')) {
          add('body', `the body and content type are only sent with POST, PUT and PATCH.`, 'warning');
        }
        break;
      }
      case 'sendEmail': {
        const recipients = ['to', 'cc', 'bcc', 'sms'].flatMap((f) => splitList(paramValue(a, f)));
        if (recipients.length === 0) add('to', 'give at least one recipient (To, Cc, Bcc or SMS).');
        if (paramValue(a, 'subject').trim() === '' && paramValue(a, 'body').trim() === '' && paramValue(a, 'html').trim() === '') {
          add('subject', 'the message has no subject and no text.', 'warning');
        }
        break;
      }
      case 'stop':
        if (isAlways(a.condition) && i < actions.length - 1) add(null, `it always stops the macro, so the actions after it never run.`, 'warning');
        break;
    }
  });
  return problems;
}

/** "Variable name" → "variable name", but "URL" stays "URL". */
function lowerLabel(label: string): string {
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

function labelOf(type: ActionType, field: string): string {
  return lowerLabel(type.params.find((q) => q.name === field)?.label ?? field);
}

/** The problems as lines, e.g. for the CLI. */
export function formatProblems(problems: MacroProblem[]): string[] {
  return problems.map((p) => `${p.severity}: ${p.message}`);
}
