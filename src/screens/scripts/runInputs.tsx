/**
 * Values for a run from the TUI, as the CLI's --var and --input give them:
 * variables (getVariable) and event input values (getEventData), entered in a
 * small form and remembered with the script or macro in the store (see
 * store/repos/run-values.ts), so r, b, test-firing and every operator of the
 * store use them too.
 */
import React from 'react';
import { Form, type FieldSpec } from '../../tui/components/Form.js';
import { useStoreBridge, useStoreData, type Size } from '../../tui/hooks.js';
import { useTui } from '../../tui/services.js';
import { getRunValues, setRunValues } from '../../store/repos.js';
import type { RunValues, TargetKind } from '../../store/schema.js';
import { errorMessage } from '../../interp/util/error-message.js';

export type { RunValues } from '../../store/schema.js';

/** "who=world; n=3" → {who: "world", n: "3"}, or a sentence saying what is wrong. */
export function parsePairs(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of text.split(';')) {
    const p = part.trim();
    if (p === '') continue;
    const i = p.indexOf('=');
    if (i <= 0) return `"${p}" is not name=value.`;
    out[p.slice(0, i).trim()] = p.slice(i + 1).trim();
  }
  return out;
}

export function formatPairs(r: Record<string, string>): string {
  return Object.entries(r)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}

/** "who=world · input SaleEntity.Amount=50", or '' when there are none. */
export function describeRunValues(v: RunValues): string {
  return [formatPairs(v.variables), Object.keys(v.inputs).length ? `inputs ${formatPairs(v.inputs)}` : ''].filter(Boolean).join(' · ');
}

/** The values remembered for a script or macro (in the store), and a setter that stores them. */
export function useRunInputs(kind: TargetKind, id: string): { values: RunValues; set: (v: RunValues) => void } {
  const data = useStoreData();
  const bridge = useStoreBridge();
  const tui = useTui();
  return {
    values: getRunValues(data, kind, id),
    set: (v) => {
      bridge.update((d) => setRunValues(d, kind, id, v)).catch((e: unknown) => tui.flash(`The run values were not remembered: ${errorMessage(e)}`, 'error'));
    },
  };
}

export function RunInputsDialog({ title, initial, area, onRun, onCancel }: { title: string; initial: RunValues; area: Size; onRun: (v: RunValues) => void; onCancel: () => void }): React.ReactElement {
  const check = (v: string) => {
    const r = parsePairs(v);
    return typeof r === 'string' ? r : null;
  };
  const fields: FieldSpec[] = [
    { kind: 'text', name: 'variables', label: 'Variables', placeholder: 'name=value; other=value', hint: 'What getVariable(name) returns (--var)', validate: check },
    { kind: 'text', name: 'inputs', label: 'Event inputs', placeholder: 'SaleEntity.Amount=50', hint: 'Event input values for getEventData(), {input.NAME} (--input)', validate: check },
  ];
  return (
    <Form
      title={title}
      fields={fields}
      initial={{ variables: formatPairs(initial.variables), inputs: formatPairs(initial.inputs) }}
      area={area}
      unsavedLabel="the run values"
      saveLabel="Run"
      onCancel={onCancel}
      onSubmit={(v) => {
        const variables = parsePairs(String(v.variables));
        const inputs = parsePairs(String(v.inputs));
        if (typeof variables === 'string') return { message: variables, field: 'variables' };
        if (typeof inputs === 'string') return { message: inputs, field: 'inputs' };
        onRun({ variables, inputs });
        return null;
      }}
    />
  );
}
