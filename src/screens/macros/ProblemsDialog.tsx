/** The problems of a macro, one per row with its action number; Enter edits the action a problem is about. */
import React, { useState } from 'react';
import { Text } from 'ink';
import { Dialog, KeyHints } from '../../tui/components/Dialog.js';
import { VirtualList } from '../../tui/components/VirtualList.js';
import { useKeys } from '../../tui/keys.js';
import { PICK_KEYS } from '../../tui/keymap.js';
import { useTheme } from '../../tui/theme.js';
import { fit, wrapText } from '../../tui/text.js';
import type { Size } from '../../tui/hooks.js';
import type { MacroProblem } from '../../macros/index.js';

export interface ProblemsDialogProps {
  area: Size;
  title: string;
  /** A sentence above the list (e.g. why the macro was not saved). */
  intro?: string;
  problems: readonly MacroProblem[];
  onFix: (p: MacroProblem) => void;
  onClose: () => void;
}

export function problemMark(p: MacroProblem): string {
  return p.severity === 'error' ? '✗' : '!';
}

export function ProblemsDialog({ area, title, intro, problems, onFix, onClose }: ProblemsDialogProps): React.ReactElement {
  const t = useTheme();
  const [sel, setSel] = useState(0);
  const index = Math.max(0, Math.min(sel, problems.length - 1));
  const current = problems[index];
  useKeys({
    title: 'Problems',
    level: 'modal',
    bindings: [
      { def: PICK_KEYS.up, run: () => setSel(Math.max(index - 1, 0)), footer: false },
      { def: PICK_KEYS.down, run: () => setSel(Math.min(index + 1, problems.length - 1)), footer: false },
      { def: PICK_KEYS.fix, when: current?.action !== null && current !== undefined, run: () => current && onFix(current) },
      { def: PICK_KEYS.close, run: onClose },
    ],
  });
  const w = Math.max(Math.min(area.width, 100), 30);
  const inner = w - 4;
  const introLines = intro ? wrapText(intro, inner) : [];
  const detail = current ? wrapText(`${current.severity}: ${current.message}`, inner).slice(0, 3) : [];
  // The whole text under the list, for messages the rows cut short.
  const detailH = problems.some((p) => p.message.length + 4 > inner) ? 3 : 0;
  const listH = Math.max(Math.min(Math.max(problems.length, 1), area.height - introLines.length - detailH - 4), 1);
  return (
    <Dialog
      title={title}
      area={area}
      width={w}
      height={introLines.length + listH + detailH + 4}
      tone={problems.some((p) => p.severity === 'error') ? 'danger' : 'normal'}
    >
      {introLines.map((l, i) => (
        <Text key={`i${i}`}>{fit(l, inner)}</Text>
      ))}
      <VirtualList
        items={problems}
        selected={index}
        height={listH}
        width={inner}
        empty="No problems: the macro can be saved and run."
        renderRow={(p, _i, st) => (
          <Text>
            <Text {...(st.selected ? {} : p.severity === 'error' ? t.error : t.warning)}>{problemMark(p)}</Text> {fit(p.message, Math.max(st.width - 2, 1))}
          </Text>
        )}
      />
      {Array.from({ length: detailH }, (_, i) => (
        <Text key={`d${i}`} {...t.muted} wrap="truncate">
          {fit(detail[i] ?? '', inner)}
        </Text>
      ))}
      <KeyHints items={[...(current && current.action !== null ? [{ def: PICK_KEYS.fix }] : []), { def: PICK_KEYS.close }]} />
    </Dialog>
  );
}
