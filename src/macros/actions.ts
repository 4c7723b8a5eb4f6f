// The macro action catalog: every action type with its parameters and the results later actions
// can refer to, the condition operators, and the reference syntax used inside parameter values.
//
// References (in any parameter that allows them, and on both sides of a condition):
//   {input.NAME}          an input value of the event the macro runs for (getEventData().getInputValue)
//   {var.NAME}            a variable (getVariable): set by a "Set a variable" action or given by the caller
//   {actionN.FIELD}       a result of the N-th action (1-based), e.g. {action2.status}
//   {actionN.header.NAME} for "Send an HTTP request": one response header
// Write {{ for a literal "{".
import type { MacroAction, MacroCondition } from '../store/schema.js';

export interface ParamSpec {
  name: string;
  label: string;
  required: boolean;
  help: string;
  /** How the editor should offer it: one line, several lines, or a fixed choice. */
  input: 'line' | 'text' | 'choice' | 'script';
  choices?: string[];
  /** Used when the parameter is left empty. */
  default?: string;
  /** Whether {…} references are allowed in the value. */
  references: boolean;
}

export interface ResultSpec {
  name: string;
  label: string;
  help: string;
}

export interface ActionType {
  type: string;
  label: string;
  help: string;
  params: ParamSpec[];
  /** What later actions can refer to as {actionN.NAME}. */
  results: ResultSpec[];
}

const p = (
  name: string,
  label: string,
  help: string,
  more: Partial<Omit<ParamSpec, 'name' | 'label' | 'help'>> = {},
): ParamSpec => ({ name, label, help, required: false, input: 'line', references: true, ...more });

export const ACTION_TYPES: readonly ActionType[] = [
  {
    type: 'setVariable',
    label: 'Set a variable',
    help: 'Stores a value under a name; later actions read it as {var.NAME}. The run reports its variables when it ends.',
    params: [
      p('name', 'Variable name', 'Letters, digits, "_", "-" and "." only.', { required: true, references: false }),
      p('value', 'Value', 'The text to store; may contain references.'),
    ],
    results: [],
  },
  {
    type: 'setOutputValue',
    label: 'Set an event output value',
    help: 'Sets an output value of the event the macro runs for (what getEventData().setOutputValue does).',
    params: [
      p('name', 'Output name', 'The output field, e.g. "ticket.title".', { required: true, references: false }),
      p('value', 'Value', 'The value to set; may contain references.'),
    ],
    results: [],
  },
  {
    type: 'blockEvent',
    label: 'Block the event with a message',
    help: 'Stops the action that raised a "before" event and shows the message to the user. Later actions still run.',
    params: [p('message', 'Message', 'What the user is told.', { required: true, input: 'text' })],
    results: [],
  },
  {
    type: 'runScript',
    label: 'Run a script',
    help:
      'Runs a stored script (by its include name). The script reads the values given here with getVariable(NAME) ' +
      'and shares the event; its output and its top-level return value (or exitWithMessage text) become results.',
    params: [
      p('script', 'Script (include name)', 'The include name of the script to run.', { required: true, input: 'script', references: false }),
      p('values', 'Values', 'One NAME=VALUE per line; the script reads them with getVariable(NAME). Values may contain references.', { input: 'text' }),
      p('printOutput', 'Print its output', '"yes" to add what the script prints to the macro\'s output.', { input: 'choice', choices: ['yes', 'no'], default: 'yes', references: false }),
    ],
    results: [
      { name: 'output', label: 'Output', help: 'What the script printed.' },
      { name: 'return', label: 'Return value', help: 'What the script returned (top-level return) or passed to exitWithMessage.' },
    ],
  },
  {
    type: 'log',
    label: 'Log a message',
    help: 'Writes a line to the run\'s log.',
    params: [
      p('message', 'Message', 'The text to log; may contain references.', { required: true, input: 'text' }),
      p('print', 'Also print it', '"yes" to write it to the macro\'s output as well.', { input: 'choice', choices: ['yes', 'no'], default: 'no', references: false }),
    ],
    results: [],
  },
  {
    type: 'stop',
    label: 'Stop the macro',
    help: 'Ends the macro here; the actions after it do not run. Put a condition on it to stop only in some cases.',
    params: [p('message', 'Message', 'Optional text printed when the macro stops.')],
    results: [],
  },
  {
    type: 'httpRequest',
    label: 'Send an HTTP request',
    help: 'Calls a web address. Only works when outgoing HTTP is enabled in the settings. A failed connection does not stop the macro: check {actionN.error}.',
    params: [
      p('method', 'Method', 'The HTTP method.', { input: 'choice', choices: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], default: 'GET', references: false }),
      p('url', 'URL', 'http:// or https:// address; may contain references.', { required: true }),
      p('headers', 'Headers', 'One "Name: value" per line; values may contain references.', { input: 'text' }),
      p('body', 'Body', 'Sent with POST, PUT and PATCH, as UTF-8.', { input: 'text' }),
      p('contentType', 'Content type', 'The body\'s type, e.g. application/json (default: application/x-www-form-urlencoded).'),
    ],
    results: [
      { name: 'status', label: 'Status code', help: 'The HTTP status, e.g. 200; 0 when no response arrived.' },
      { name: 'body', label: 'Response body', help: 'The response, decoded as UTF-8.' },
      { name: 'error', label: 'Error', help: 'Why the request failed (empty when a response arrived).' },
      { name: 'header.NAME', label: 'Response header', help: 'A response header, e.g. {actionN.header.Content-Type}.' },
    ],
  },
  {
    type: 'sendEmail',
    label: 'Send an email or SMS',
    help:
      'Sends a message through the SMTP server in the settings; without SMTP settings it is kept in the outbox. ' +
      'For an SMS gateway, give the gateway\'s address as To, or phone numbers as SMS.',
    params: [
      p('to', 'To', 'Recipient addresses, separated by commas.'),
      p('cc', 'Cc', 'Copy recipients, separated by commas.'),
      p('bcc', 'Bcc', 'Blind copy recipients, separated by commas.'),
      p('sms', 'SMS', 'Phone numbers for the SMS gateway, separated by commas.'),
      p('from', 'From', 'Sender address (default: the SMTP settings\' sender).'),
      p('subject', 'Subject', 'The subject line.'),
      p('body', 'Text', 'The plain-text body.', { input: 'text' }),
      p('html', 'HTML', 'An HTML body (optional).', { input: 'text' }),
    ],
    results: [],
  },
];

const BY_TYPE = new Map(ACTION_TYPES.map((t) => [t.type, t]));

export function findActionType(type: string): ActionType | undefined {
  return BY_TYPE.get(type);
}

/** The value of a parameter, or its default when empty or missing. */
export function paramValue(action: MacroAction, name: string): string {
  const v = action.params[name] ?? '';
  if (v !== '') return v;
  return findActionType(action.type)?.params.find((q) => q.name === name)?.default ?? '';
}

// ---------------------------------------------------------------- conditions

export interface OperatorSpec {
  op: string;
  label: string;
  /** false for the operators that only look at the left value. */
  binary: boolean;
  help: string;
}

export const OPERATORS: readonly OperatorSpec[] = [
  { op: 'equals', label: 'equals', binary: true, help: 'The two texts are the same (letter case counts).' },
  { op: 'notEquals', label: 'not equals', binary: true, help: 'The two texts differ.' },
  { op: 'contains', label: 'contains', binary: true, help: 'The right text occurs in the left one.' },
  { op: 'beginsWith', label: 'begins with', binary: true, help: 'The left text starts with the right one.' },
  { op: 'lessThan', label: 'less than', binary: true, help: 'Compared as numbers when both are numbers, else as text.' },
  { op: 'greaterThan', label: 'greater than', binary: true, help: 'Compared as numbers when both are numbers, else as text.' },
  { op: 'isEmpty', label: 'is empty', binary: false, help: 'The left value is empty.' },
  { op: 'isNotEmpty', label: 'is not empty', binary: false, help: 'The left value is not empty.' },
];

const OP_BY_NAME = new Map(OPERATORS.map((o) => [o.op, o]));

export function findOperator(op: string): OperatorSpec | undefined {
  return OP_BY_NAME.get(op);
}

export const ALWAYS: MacroCondition = { kind: 'always' };

export function isAlways(c: MacroCondition): c is { kind: 'always' } {
  return 'kind' in c;
}

// ---------------------------------------------------------------- references

export type Reference =
  | { source: 'input'; name: string }
  | { source: 'var'; name: string }
  | { source: 'action'; index: number; field: string };

/** A piece of a parameter value; `raw` is the piece as written. */
export type ValuePart = { text: string; raw: string } | { ref: Reference; raw: string } | { bad: string; raw: string };

const REF = /\{([A-Za-z][A-Za-z0-9_]*)\.([^{}\s]+)\}/y;

/**
 * Splits a parameter value into literal text and references. A `{word.rest}` whose word is not
 * input, var or actionN comes back as `bad` (most likely a typo); anything else that is not a
 * reference is literal text.
 */
export function parseValue(value: string): ValuePart[] {
  const parts: ValuePart[] = [];
  let text = '';
  let raw = '';
  let i = 0;
  const flush = () => {
    if (raw !== '') parts.push({ text, raw });
    text = '';
    raw = '';
  };
  while (i < value.length) {
    const ch = value[i]!;
    if (ch === '{' && value[i + 1] === '{') {
      text += '{';
      raw += '{{';
      i += 2;
      continue;
    }
    if (ch === '{') {
      REF.lastIndex = i;
      const m = REF.exec(value);
      if (m) {
        const [whole, head, rest] = m as unknown as [string, string, string];
        const action = /^action([0-9]+)$/.exec(head);
        let ref: Reference | null = null;
        if (head === 'input') ref = { source: 'input', name: rest };
        else if (head === 'var') ref = { source: 'var', name: rest };
        else if (action) ref = { source: 'action', index: Number(action[1]), field: rest };
        flush();
        parts.push(ref ? { ref, raw: whole } : { bad: whole, raw: whole });
        i += whole.length;
        continue;
      }
    }
    text += ch;
    raw += ch;
    i++;
  }
  flush();
  return parts;
}

export function referenceText(ref: Reference): string {
  if (ref.source === 'action') return `{action${ref.index}.${ref.field}}`;
  return `{${ref.source}.${ref.name}}`;
}

/** Names a valid "Set a variable" / output name may have. */
export const NAME_PATTERN = /^[A-Za-z0-9_.-]+$/;

// ---------------------------------------------------------------- editing helpers

/** A new action of the given type with empty parameters and the "Always" condition. */
export function newAction(type: string): MacroAction {
  const t = findActionType(type);
  if (!t) throw new Error(`There is no macro action type "${type}".`);
  return { type, params: Object.fromEntries(t.params.map((q) => [q.name, ''])), condition: { kind: 'always' } };
}

/** Rewrites every {actionN.…} reference through `map` (old 1-based number → new number, or null to leave it). */
function renumber(actions: MacroAction[], map: (n: number) => number | null): MacroAction[] {
  const fix = (value: string): string =>
    parseValue(value)
      .map((part) => {
        if (!('ref' in part) || part.ref.source !== 'action') return part.raw;
        const n = map(part.ref.index);
        return n === null ? part.raw : referenceText({ ...part.ref, index: n });
      })
      .join('');
  return actions.map((a) => ({
    ...a,
    params: Object.fromEntries(Object.entries(a.params).map(([k, v]) => [k, fix(v)])),
    condition: isAlways(a.condition) ? a.condition : { ...a.condition, left: fix(a.condition.left), right: fix(a.condition.right) },
  }));
}

/** Moves the action at `from` to `to` (0-based indexes) and keeps {actionN.…} references pointing at the same actions. */
export function moveAction(actions: MacroAction[], from: number, to: number): MacroAction[] {
  if (from < 0 || from >= actions.length || to < 0 || to >= actions.length) return actions.slice();
  const order = actions.map((_, i) => i);
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved!);
  const newNumber = new Map(order.map((oldIndex, newIndex) => [oldIndex + 1, newIndex + 1]));
  const renumbered = renumber(actions, (n) => newNumber.get(n) ?? null);
  return order.map((oldIndex) => renumbered[oldIndex]!);
}

/**
 * Removes the action at `index` (0-based). References to later actions are renumbered; references
 * to the removed action become {action0.…}, which validation reports (check with actionsReferringTo
 * first to warn the user).
 */
export function removeAction(actions: MacroAction[], index: number): MacroAction[] {
  if (index < 0 || index >= actions.length) return actions.slice();
  const removed = index + 1;
  const renumbered = renumber(actions, (n) => (n === removed ? 0 : n > removed ? n - 1 : null));
  return renumbered.filter((_, i) => i !== index);
}

/** 0-based indexes of the actions whose parameters or condition refer to the action at `index` (0-based). */
export function actionsReferringTo(actions: MacroAction[], index: number): number[] {
  const n = index + 1;
  const refers = (value: string) => parseValue(value).some((part) => 'ref' in part && part.ref.source === 'action' && part.ref.index === n);
  const out: number[] = [];
  actions.forEach((a, i) => {
    const values = [...Object.values(a.params), ...(isAlways(a.condition) ? [] : [a.condition.left, a.condition.right])];
    if (values.some(refers)) out.push(i);
  });
  return out;
}
