/** After editing a script's source: its problems, and whether to save it anyway, edit again or discard. */
import React, { useState } from 'react';
import { Text } from 'ink';
import { TextView } from '../../tui/components/TextView.js';
import { Dialog, KeyHints } from '../../tui/components/Dialog.js';
import { useKeys } from '../../tui/keys.js';
import { NAV_KEYS, PROBLEM_KEYS } from '../../tui/keymap.js';
import { type Size } from '../../tui/hooks.js';
import { useTheme } from '../../tui/theme.js';
import { fit, plural, wrapText } from '../../tui/text.js';
import { type ScriptDiagnostic } from '../../interp/compile-script.js';

export type EditTarget = 'source' | 'staged';

export interface Problems {
  target: EditTarget;
  text: string;
  diagnostics: ScriptDiagnostic[];
}

/** "12:5: message" for the script's own lines, "file:12:5: message" for included scripts. */
export function problemLine(d: ScriptDiagnostic, file: string): string {
  const where = d.file === file ? `${d.line}:${d.col}` : `${d.file}:${d.line}:${d.col}`;
  return `${where}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
}

export function ProblemsDialog({
  problems,
  file,
  area,
  onSave,
  onEditAgain,
  onDiscard,
}: {
  problems: Problems;
  file: string;
  area: Size;
  onSave: () => void;
  onEditAgain: () => void;
  onDiscard: () => void;
}): React.ReactElement {
  const t = useTheme();
  const width = Math.min(area.width, 90);
  const inner = width - 4;
  const lines = problems.diagnostics.flatMap((d) => wrapText(problemLine(d, file), inner));
  const errors = problems.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = problems.diagnostics.length - errors;
  const viewH = Math.max(Math.min(lines.length, area.height - 7), 1);
  const [top, setTop] = useState(0);
  const maxTop = Math.max(lines.length - viewH, 0);
  useKeys({
    title: 'Problems in the edited source',
    level: 'modal',
    bindings: [
      { def: PROBLEM_KEYS.save, run: onSave },
      { def: PROBLEM_KEYS.editAgain, run: onEditAgain },
      { def: PROBLEM_KEYS.discard, run: onDiscard },
      { def: NAV_KEYS.up, run: () => setTop((x) => Math.max(x - 1, 0)), footer: false },
      { def: NAV_KEYS.down, run: () => setTop((x) => Math.min(x + 1, maxTop)), footer: false },
    ],
  });
  const what = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(' and ');
  const target = problems.target === 'staged' ? 'staged version' : 'source';
  return (
    <Dialog title={`The edited ${target} has ${what}`} area={area} width={width} height={viewH + 6} tone={errors ? 'danger' : 'normal'}>
      <TextView lines={lines} top={top} height={viewH} width={inner} />
      <Text {...t.muted}>{fit(errors ? 'Saved as it is, it will not run until the errors are fixed.' : 'It will run, but look at the warnings.', inner)}</Text>
      <Text> </Text>
      <KeyHints items={[{ def: PROBLEM_KEYS.save }, { def: PROBLEM_KEYS.editAgain }, { def: PROBLEM_KEYS.discard }]} />
    </Dialog>
  );
}
