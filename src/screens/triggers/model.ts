// Data for the Triggers tab that needs no React: the rows of the binding list, the choices of the
// binding form, the test-fire input list and the outcome text.
import type { StoreData, TargetKind } from '../../store/schema.js';
import { listScripts, folderPath } from '../../store/repos.js';
import { concreteInputs, type TriggerEvent } from '../../triggers/catalog.js';
import { formatOutcome } from '../../triggers/format.js';
import type { FireOutcome } from '../../run/fire.js';
import { fit, formatDateTime, shareWidth, wrapText } from '../../tui/text.js';
import type { TriggerRow } from '../../triggers/bindings.js';
import { plural } from '../../interp/util/plural.js';

// ---------------------------------------------------------------- the list

export interface Columns {
  event: number;
  order: number;
  on: number;
  target: number;
  fired: number;
  outcome: number;
}

/** Column widths for a list `width` cells wide (the outcome column takes what is left). */
/** `want`: the longest event, target and outcome shown, so they share the room by what they hold. */
export function columns(width: number, want?: { event: number; target: number; outcome: number }): Columns {
  const order = 3;
  const on = 3;
  const fired = width >= 70 ? 11 : 0;
  const rest = Math.max(width - order - on - fired - 5, 12);
  if (want) {
    const [event, target, outcome] = shareWidth(rest, [
      { want: Math.max(want.event, 5), min: 8 },
      { want: Math.max(want.target, 6), min: 6 },
      { want: Math.max(want.outcome, 12), min: 0 },
    ]) as [number, number, number];
    return { event, order, on, target, fired, outcome };
  }
  const event = Math.max(Math.min(Math.round(rest * 0.38), 30), 8);
  const target = Math.max(Math.min(Math.round(rest * 0.34), 30), 6);
  return { event, order, on, target, fired, outcome: Math.max(rest - event - target, 0) };
}

export function headerLine(c: Columns): string {
  return [fit('EVENT', c.event), fit('#', c.order), fit('ON', c.on), fit('TARGET', c.target), c.fired ? fit('LAST FIRED', c.fired) : null, fit('LAST OUTCOME', c.outcome)]
    .filter((x) => x !== null)
    .join(' ');
}

export function rowLine(r: TriggerRow, c: Columns): string {
  const target = `${r.targetKind === 'macro' ? 'macro ' : ''}${r.target}`;
  return [
    fit(r.event, c.event),
    fit(String(r.order), c.order, 'right'),
    fit(r.enabled ? 'on' : 'off', c.on),
    fit(target, c.target),
    c.fired ? fit(r.lastFiredAt ? formatDateTime(r.lastFiredAt, true) : '-', c.fired) : null,
    fit(r.lastOutcome ?? (r.lastFiredAt ? '' : 'never fired'), c.outcome),
  ]
    .filter((x) => x !== null)
    .join(' ');
}

/** Text the list filter looks in. */
export function rowSearchText(r: TriggerRow): string {
  return `${r.event}\u0000${r.target}\u0000${r.description}\u0000${r.lastOutcome ?? ''}`;
}

// ---------------------------------------------------------------- the form

export interface TargetOption {
  /** "script:<id>" or "macro:<id>". */
  value: string;
  label: string;
}

export function targetValue(kind: TargetKind, id: string): string {
  return `${kind}:${id}`;
}

export function parseTargetValue(v: string): { kind: TargetKind; id: string } | null {
  const i = v.indexOf(':');
  if (i < 0) return null;
  const kind = v.slice(0, i);
  if (kind !== 'script' && kind !== 'macro') return null;
  return { kind, id: v.slice(i + 1) };
}

/** Every script (by folder path) and then every macro, as choices for a binding's target. */
export function targetOptions(d: StoreData): TargetOption[] {
  const scripts = listScripts(d).map(({ script, folder }) => ({
    value: targetValue('script', script.id),
    label: folder ? `${folder}/${script.name}` : script.name,
  }));
  const macros = [...d.macros]
    .map((m) => {
      const folder = folderPath(d, m.folderId);
      return { value: targetValue('macro', m.id), label: `${folder ? `${folder}/` : ''}${m.name} (macro)` };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
  return [...scripts, ...macros];
}

// ---------------------------------------------------------------- test-fire

export interface InputRow {
  name: string;
  value: string;
  /** Added by the operator (not a catalog name). */
  custom: boolean;
}

/** The catalog's input names with empty values (patterns such as "X.*" left out). */
export function initialInputs(e: TriggerEvent): InputRow[] {
  return concreteInputs(e).map((name) => ({ name, value: '', custom: false }));
}

/** The values to fire with: the filled-in rows (an empty value is left out). */
export function inputValues(rows: readonly InputRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) if (r.value !== '') out[r.name] = r.value;
  return out;
}

/** The outcome as display lines wrapped to `width`. */
export function outcomeLines(o: FireOutcome, width: number): string[] {
  const text = formatOutcome(o, { ids: false }) + (o.warnings?.length ? `\n${o.warnings.map((w) => `Warning: ${w}`).join('\n')}` : '');
  return wrapText(text, Math.max(width, 10));
}

/** Event facts for the picker and the test-fire screen. */
export function eventSummary(e: TriggerEvent): string {
  return `${e.group} · ${e.phase}${e.blockable ? ' · can be blocked' : ''} · ${plural(e.inputs.length, 'input')}, ${plural(e.outputs.length, 'output')}`;
}
