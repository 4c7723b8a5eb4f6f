/**
 * The event a macro is edited for: its input values are offered by "Choose
 * parameter" and checked by validation. The events the macro is bound to come
 * first; any event of the catalog can be picked, or none.
 */
import React, { useState } from 'react';
import { Text } from 'ink';
import { Dialog, KeyHints } from '../../tui/components/Dialog.js';
import { VirtualList } from '../../tui/components/VirtualList.js';
import { useKeys } from '../../tui/keys.js';
import { PICK_KEYS } from '../../tui/keymap.js';
import { useTheme } from '../../tui/theme.js';
import { fit, wrapText } from '../../tui/text.js';
import type { Size } from '../../tui/hooks.js';
import { EventPicker } from '../triggers/EventPicker.js';

export interface EventChooserProps {
  area: Size;
  current: string | null;
  /** Events the macro is bound to by triggers. */
  bound: readonly string[];
  onChoose: (event: string | null) => void;
  onCancel: () => void;
}

type Row = { kind: 'bound'; event: string } | { kind: 'catalog' } | { kind: 'none' };

export function EventChooser({ area, current, bound, onChoose, onCancel }: EventChooserProps): React.ReactElement {
  const t = useTheme();
  const rows: Row[] = [...bound.map((event): Row => ({ kind: 'bound', event })), { kind: 'catalog' }, { kind: 'none' }];
  const [sel, setSel] = useState(() => {
    const i = current ? bound.indexOf(current) : -1;
    return i >= 0 ? i : current === null && bound.length === 0 ? 0 : bound.length;
  });
  const [picking, setPicking] = useState(false);
  const row = rows[sel]!;
  const choose = () => {
    if (row.kind === 'bound') onChoose(row.event);
    else if (row.kind === 'none') onChoose(null);
    else setPicking(true);
  };
  useKeys({
    title: 'Event of the macro',
    level: 'modal',
    active: !picking,
    bindings: [
      { def: PICK_KEYS.up, run: () => setSel((i) => Math.max(i - 1, 0)), footer: false },
      { def: PICK_KEYS.down, run: () => setSel((i) => Math.min(i + 1, rows.length - 1)), footer: false },
      { def: PICK_KEYS.choose, run: choose },
      { def: PICK_KEYS.cancel, run: onCancel },
    ],
  });
  if (picking) {
    return <EventPicker title="Event of the macro: its input values become parameters" area={area} onChoose={(e) => onChoose(e.name)} onCancel={() => setPicking(false)} />;
  }
  const w = Math.max(Math.min(area.width, 76), 30);
  const inner = w - 4;
  const intro = wrapText(
    `Now: ${current ?? 'no event'}. Choose parameter lists the input values of this event, and the checks use it. ` +
      (bound.length ? 'Events the macro is bound to come first.' : 'The macro is not bound to an event yet (bind it in the Triggers tab).'),
    inner,
  );
  const listH = Math.min(rows.length, Math.max(area.height - intro.length - 5, 1));
  return (
    <Dialog title="Event of the macro" area={area} width={w} height={intro.length + listH + 5}>
      {intro.map((l, i) => (
        <Text key={i} {...t.muted}>
          {fit(l, inner)}
        </Text>
      ))}
      <Text> </Text>
      <VirtualList
        items={rows}
        selected={sel}
        height={listH}
        width={inner}
        renderRow={(r) =>
          r.kind === 'bound'
            ? `${r.event} (bound by a trigger)${r.event === current ? ' ✓' : ''}`
            : r.kind === 'catalog'
              ? 'Another event from the catalog…'
              : `No event${current === null ? ' ✓' : ''}`
        }
      />
      <KeyHints items={[{ def: PICK_KEYS.choose }, { def: PICK_KEYS.cancel }]} />
    </Dialog>
  );
}
