/** Choosing the type of a new action: the catalog's types, with the selected one's help beside the list. */
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { Dialog, KeyHints } from '../../tui/components/Dialog.js';
import { VirtualList } from '../../tui/components/VirtualList.js';
import { useKeys } from '../../tui/keys.js';
import { PICK_KEYS } from '../../tui/keymap.js';
import { useTheme } from '../../tui/theme.js';
import { fit, wrapText } from '../../tui/text.js';
import type { Size } from '../../tui/hooks.js';
import { ACTION_TYPES, type ActionType } from '../../macros/index.js';

export interface TypePickerProps {
  area: Size;
  /** Where the action goes, e.g. "after action 2". */
  where: string;
  onChoose: (t: ActionType) => void;
  onCancel: () => void;
}

/** The help of an action type as lines of at most `w` cells. */
export function typeHelpLines(t: ActionType, w: number): Array<{ text: string; muted?: boolean }> {
  const out: Array<{ text: string; muted?: boolean }> = [];
  for (const l of wrapText(t.help, w)) out.push({ text: l });
  out.push({ text: '' });
  const params = t.params.map((p) => `${p.label}${p.required ? ' *' : ''}`).join(', ');
  for (const l of wrapText(`Parameters: ${params || 'none'}`, w)) out.push({ text: l, muted: true });
  if (t.results.length > 0) {
    const results = t.results.map((r) => r.label).join(', ');
    for (const l of wrapText(`Results for later actions: ${results}`, w)) out.push({ text: l, muted: true });
  }
  return out;
}

export function TypePicker({ area, where, onChoose, onCancel }: TypePickerProps): React.ReactElement {
  const t = useTheme();
  const [sel, setSel] = useState(0);
  const current = ACTION_TYPES[sel]!;
  const clamp = (i: number) => Math.max(0, Math.min(i, ACTION_TYPES.length - 1));
  useKeys({
    title: 'Choose the action type',
    level: 'modal',
    bindings: [
      { def: PICK_KEYS.up, run: () => setSel((i) => clamp(i - 1)), footer: false },
      { def: PICK_KEYS.down, run: () => setSel((i) => clamp(i + 1)), footer: false },
      { def: PICK_KEYS.choose, run: () => onChoose(current) },
      { def: PICK_KEYS.cancel, run: onCancel },
    ],
    onText: (input) => {
      // The number of a type, or the first letters of its label.
      const n = Number(input);
      if (Number.isInteger(n) && n >= 1 && n <= ACTION_TYPES.length) {
        setSel(n - 1);
        return true;
      }
      const i = ACTION_TYPES.findIndex((a) => a.label.toLowerCase().startsWith(input.toLowerCase()));
      if (input.length === 1 && i >= 0) setSel(i);
      return input.length > 0;
    },
  });
  const w = Math.max(Math.min(area.width, 96), 30);
  const inner = w - 4;
  const wide = inner >= 70;
  const listW = wide ? 36 : inner;
  const detailW = wide ? inner - listW - 2 : inner;
  const listH = ACTION_TYPES.length;
  const help = typeHelpLines(current, detailW);
  const detailRoom = wide ? Math.max(listH, Math.min(help.length, area.height - 6)) : Math.max(Math.min(help.length, area.height - listH - 7), 1);
  const shown = help.slice(0, detailRoom);
  const h = Math.min(area.height, wide ? detailRoom + 5 : listH + detailRoom + 6);
  const list = (
    <VirtualList
      items={ACTION_TYPES}
      selected={sel}
      height={listH}
      width={listW}
      renderRow={(a, i) => `${i + 1} ${a.label}`}
    />
  );
  const detail = (
    <Box flexDirection="column" width={detailW}>
      {shown.map((l, i) => (
        <Text key={i} wrap="truncate" {...(l.muted ? t.muted : {})}>
          {fit(l.text, detailW)}
        </Text>
      ))}
    </Box>
  );
  return (
    <Dialog title={`New action ${where}: choose its type`} area={area} width={w} height={h}>
      {wide ? (
        <Box height={detailRoom}>
          <Box width={listW} flexDirection="column">
            {list}
          </Box>
          <Box width={2} />
          {detail}
        </Box>
      ) : (
        <>
          {list}
          <Text> </Text>
          {detail}
        </>
      )}
      <Text> </Text>
      <KeyHints items={[{ def: PICK_KEYS.choose }, { def: PICK_KEYS.cancel }]} />
    </Dialog>
  );
}
