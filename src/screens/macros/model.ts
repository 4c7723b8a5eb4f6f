/**
 * Pure helpers of the macro editor: the working copy (draft), one-line
 * summaries of actions, the events a macro is bound to, and the line-break
 * marker of one-line text fields.
 */
import type { Macro, MacroAction, StoreData } from '../../store/schema.js';
import { describeCondition, findActionType, isAlways, type MacroProblem } from '../../macros/index.js';

/** What the editor changes; saved together. */
export interface MacroDraft {
  name: string;
  folderId: string | null;
  description: string;
  actions: MacroAction[];
}

export function draftOf(m: Macro): MacroDraft {
  return { name: m.name, folderId: m.folderId, description: m.description, actions: m.actions.map(cloneAction) };
}

export function cloneAction(a: MacroAction): MacroAction {
  return { type: a.type, params: { ...a.params }, condition: { ...a.condition } };
}

/** Whether the draft differs from the stored macro. */
export function draftChanged(d: MacroDraft, m: Macro): boolean {
  return d.name !== m.name || d.folderId !== m.folderId || d.description !== m.description || JSON.stringify(d.actions) !== JSON.stringify(m.actions);
}

/** The draft as a macro (for validation, generation and runs). */
export function draftMacro(d: MacroDraft, m: Macro): Macro {
  return { ...m, name: d.name, folderId: d.folderId, description: d.description, actions: d.actions };
}

/** The label of an action's type ("Send an HTTP request"), or its raw type name when unknown. */
export function actionLabel(a: MacroAction): string {
  return findActionType(a.type)?.label ?? `unknown action "${a.type}"`;
}

/** A short text for a parameter value on one line: line breaks as ↵. */
export function oneLine(value: string): string {
  return value.replace(/\r?\n/g, LINE_BREAK);
}

/** The main parameter of an action, shown in its row of the list. */
export function actionGist(a: MacroAction): string {
  const t = findActionType(a.type);
  if (!t) return '';
  const v = (n: string) => (a.params[n] ?? '').trim();
  switch (a.type) {
    case 'setVariable':
    case 'setOutputValue':
      return v('name') ? `${v('name')} = ${oneLine(v('value'))}` : '';
    case 'httpRequest':
      return v('url') ? `${v('method') || 'GET'} ${v('url')}` : '';
    case 'sendEmail': {
      const to = [v('to'), v('sms')].filter(Boolean).join(', ');
      return [to ? `to ${to}` : '', v('subject') ? `"${oneLine(v('subject'))}"` : ''].filter(Boolean).join(' ');
    }
    case 'runScript':
      return v('script');
    default: {
      const first = t.params[0];
      return first ? oneLine(v(first.name)) : '';
    }
  }
}

/** The condition as a suffix for a row: "" for Always, else " · if {x} less than 100". */
export function conditionSuffix(a: MacroAction): string {
  return isAlways(a.condition) ? '' : ` · if ${oneLine(describeCondition(a.condition))}`;
}

/** Events the macro is bound to by triggers (in the order of the triggers), each once. */
export function boundEvents(data: StoreData, macroId: string): string[] {
  const out: string[] = [];
  for (const t of data.triggers) {
    if (t.targetKind === 'macro' && t.targetId === macroId && !out.includes(t.event)) out.push(t.event);
  }
  return out;
}

/** Problems by action (0-based); the macro-wide ones under -1. */
export function problemsByAction(problems: readonly MacroProblem[]): Map<number, MacroProblem[]> {
  const out = new Map<number, MacroProblem[]>();
  for (const p of problems) {
    const k = p.action ?? -1;
    const list = out.get(k);
    if (list) list.push(p);
    else out.set(k, [p]);
  }
  return out;
}

export function countProblems(problems: readonly MacroProblem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

/** One-line text fields show a line break of a multi-line value as this mark. */
export const LINE_BREAK = '↵';

export function toFieldText(value: string): string {
  return value.replace(/\r?\n/g, LINE_BREAK);
}

export function fromFieldText(text: string): string {
  return text.split(LINE_BREAK).join('\n');
}

/** Insert `text` into `value` at `cursor`; returns the new value and cursor. */
export function insertAt(value: string, cursor: number, text: string): { value: string; cursor: number } {
  const at = Math.max(0, Math.min(cursor, value.length));
  return { value: value.slice(0, at) + text + value.slice(at), cursor: at + text.length };
}
