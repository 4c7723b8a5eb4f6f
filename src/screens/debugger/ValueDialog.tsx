/** The whole of a long value (or the output) in a scrollable dialog. */
import React, { useMemo, useState } from 'react';
import { Dialog, KeyHints } from '../../tui/components/Dialog.js';
import { TextView } from '../../tui/components/TextView.js';
import { useKeys } from '../../tui/keys.js';
import { DEBUGGER_KEYS, NAV_KEYS } from '../../tui/keymap.js';
import type { Size } from '../../tui/hooks.js';
import { wrapText } from '../../tui/text.js';

/** A long text (a value, the output) in a scrollable dialog; Esc or Enter closes it. `fromEnd` opens it at its last lines. */
export function ValueDialog({ title, text, area, onClose, fromEnd = false }: { title: string; text: string; area: Size; onClose: () => void; fromEnd?: boolean }): React.ReactElement {
  const width = Math.min(area.width, 90);
  const inner = width - 4;
  const lines = useMemo(() => wrapText(text, inner), [text, inner]);
  const viewH = Math.max(Math.min(lines.length, area.height - 5), 1);
  const maxTop = Math.max(lines.length - viewH, 0);
  const [top, setTop] = useState(fromEnd ? maxTop : 0);
  const page = Math.max(viewH - 1, 1);
  const scroll = (f: (x: number) => number) => setTop((x) => Math.max(0, Math.min(f(x), maxTop)));
  useKeys({
    title: 'Value',
    level: 'modal',
    bindings: [
      { def: DEBUGGER_KEYS.back, run: onClose, label: 'Close' },
      { def: DEBUGGER_KEYS.showValue, run: onClose, label: 'Close' },
      { def: NAV_KEYS.up, run: () => scroll((x) => x - 1), footer: false },
      { def: NAV_KEYS.down, run: () => scroll((x) => x + 1), footer: false },
      { def: NAV_KEYS.pageUp, run: () => scroll((x) => x - page), footer: false },
      { def: NAV_KEYS.pageDown, run: () => scroll((x) => x + page), footer: false },
      { def: NAV_KEYS.top, run: () => scroll(() => 0), footer: false },
      { def: NAV_KEYS.bottom, run: () => scroll(() => maxTop), footer: false },
    ],
  });
  return (
    <Dialog title={title} area={area} width={width} height={viewH + 4}>
      <TextView lines={lines} top={top} height={viewH} width={inner} />
      <KeyHints items={[{ def: DEBUGGER_KEYS.back, label: 'Close' }]} />
    </Dialog>
  );
}
