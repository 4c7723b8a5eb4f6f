// The human-readable form of a firing's outcome, shared by `crmscript-tui fire` and the TUI.
import type { FireOutcome } from './outcome.js';
import { plural } from '../interp/util/plural.js';
import { dialogButtons, type DialogDefinition } from '../interp/runtime/dialog.js';
import { menuLines } from '../interp/runtime/main-menu.js';

function indent(text: string, prefix: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

/** Blocked or not, message, navigate-to, output and state values, then each binding's output and error. */
export function formatOutcome(o: FireOutcome, opts: { ids?: boolean } = {}): string {
  const ids = opts.ids ?? true;
  const lines: string[] = [];
  const ran = o.runs.length;
  if (ran === 0 && o.skipped === 0) {
    lines.push(`${o.event}: no enabled trigger is bound to this event; nothing ran.`);
    return lines.join('\n');
  }
  const failed = o.runs.filter((r) => !r.ok).length;
  lines.push(`${o.event}: ${o.blocked ? 'BLOCKED' : 'not blocked'}; ${plural(ran, 'binding')} ran${failed ? `, ${failed} failed` : ''}${o.skipped ? `, ${o.skipped} skipped` : ''}.`);
  if (o.message !== '') lines.push(`Message: ${o.message}`);
  if (o.navigateTo !== '') lines.push(`Navigate to: ${o.navigateTo}`);
  if (o.dialog) lines.push(...formatDialog(o.dialog));
  if (o.menu) lines.push(`Main menu: ${o.menu.length ? plural(o.menu.length, 'group') : 'empty'}`, ...menuLines(o.menu));
  const values = (title: string, m: Record<string, string>) => {
    const keys = Object.keys(m);
    if (keys.length === 0) return;
    lines.push(`${title}:`);
    for (const k of keys) lines.push(`  ${k} = ${m[k]}`);
  };
  values('Output values', o.outputs);
  values('State values', o.state);
  o.runs.forEach((r, i) => {
    lines.push(`${i + 1}. ${r.target}${ids ? ` [${r.trigger}]` : ''}: ${r.ok ? 'ok' : 'failed'} (${r.ms} ms)`);
    if (r.output !== '') lines.push(indent(r.output, '   | '));
    if (r.error) lines.push(indent(r.error, '   error: '));
  });
  if (o.skipped && o.blocked) lines.push(`${plural(o.skipped, 'later binding')} did not run because the event was blocked.`);
  return lines.join('\n');
}

/**
 * A dialog a binding asked for: title, type and icon, its text, each field, and how the answer
 * comes back (the input values of the next firing).
 */
export function formatDialog(d: DialogDefinition): string[] {
  const kind = [d.type, d.icon].filter((x) => x !== '').join(', ');
  const lines = [`Dialog: ${JSON.stringify(d.title)}${kind ? ` (${kind})` : ''}`];
  const body = d.markdown !== '' ? d.markdown : d.text;
  if (body !== '') lines.push(indent(body, '  '));
  for (const f of d.fields) {
    const about = [f.kind, f.mandatory ? 'mandatory' : '', f.listName ? `list ${f.listName}` : '', f.items ? `one of ${f.items.join(' | ')}` : ''].filter((x) => x !== '');
    const extra = [f.default !== undefined && f.default !== '' ? `default ${String(f.default)}` : '', f.placeholder ? `placeholder ${JSON.stringify(f.placeholder)}` : ''].filter((x) => x !== '');
    lines.push(`  ${d.prefix}${f.id} (${about.join(', ')}): ${f.label}${extra.length ? ` [${extra.join('; ')}]` : ''}`);
  }
  const buttons = dialogButtons(d.type);
  const answer = [`${d.prefix}button=${buttons.length ? buttons.join('|') : '…'}`, ...d.fields.filter((f) => f.kind !== 'label').map((f) => `${d.prefix}${f.id}=…`)];
  lines.push(`  Answer by firing again with: ${answer.join(' ')}`);
  return lines;
}
