/**
 * "Choose parameter": what an action may refer to (the event's input values,
 * variables, earlier actions' results). Typing filters; Enter inserts the
 * reference into the field being edited. The first row changes the event the
 * input values come from.
 */
import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { Dialog, KeyHints } from '../../tui/components/Dialog.js';
import { VirtualList, filterItems } from '../../tui/components/VirtualList.js';
import { Field } from '../../tui/components/Field.js';
import { useKeys } from '../../tui/keys.js';
import { PICK_KEYS } from '../../tui/keymap.js';
import { useTheme } from '../../tui/theme.js';
import { fit, wrapText } from '../../tui/text.js';
import type { Size } from '../../tui/hooks.js';
import type { ParameterSource } from '../../macros/index.js';

export interface ParamPickerProps {
  area: Size;
  /** The field the reference goes into, e.g. "Message of action 2". */
  target: string;
  sources: readonly ParameterSource[];
  eventName: string | null;
  onInsert: (ref: string) => void;
  onChooseEvent: () => void;
  onCancel: () => void;
}

type Row = { kind: 'event' } | { kind: 'source'; source: ParameterSource };

/** The second column: what kind of value it is (the reference itself names it). */
function sourceNote(s: ParameterSource): string {
  if (s.group === 'input') return 'event input value';
  if (s.group === 'variable') return `variable · ${s.help}`;
  return `result of ${s.label}`;
}

export function ParamPicker({ area, target, sources, eventName, onInsert, onChooseEvent, onCancel }: ParamPickerProps): React.ReactElement {
  const t = useTheme();
  const [query, setQueryText] = useState('');
  const setQuery = (q: string) => {
    setQueryText(q);
    setSel(q.trim() === '' && sources.length > 0 ? 1 : 0);
  };
  const [sel, setSel] = useState(() => (sources.length > 0 ? 1 : 0));
  const rows: Row[] = useMemo(() => {
    const found = filterItems(sources, query, (s) => `${s.ref}\u0000${s.label}`);
    const out: Row[] = found.map((source) => ({ kind: 'source', source }));
    if (query.trim() === '') out.unshift({ kind: 'event' });
    return out;
  }, [sources, query]);
  const index = Math.max(0, Math.min(sel, rows.length - 1));
  const current = rows[index];
  const clamp = (i: number) => Math.max(0, Math.min(i, rows.length - 1));

  useKeys({
    title: 'Choose parameter',
    level: 'modal',
    bindings: [
      { def: PICK_KEYS.up, run: () => setSel(clamp(index - 1)), footer: false },
      { def: PICK_KEYS.down, run: () => setSel(clamp(index + 1)), footer: false },
      {
        def: current?.kind === 'event' ? PICK_KEYS.choose : PICK_KEYS.insert,
        when: !!current,
        run: () => {
          if (!current) return;
          if (current.kind === 'event') onChooseEvent();
          else onInsert(current.source.ref);
        },
      },
      { def: PICK_KEYS.cancel, run: onCancel },
    ],
  });

  const w = Math.max(Math.min(area.width, 96), 30);
  const inner = w - 4;
  const refW = Math.max(Math.min(Math.round(inner * 0.45), 40), 12);
  const help: string[] = [];
  if (current?.kind === 'event') {
    help.push(
      ...wrapText(
        eventName
          ? `Input values of ${eventName} are listed. Enter chooses another event (or none).`
          : 'No event is chosen, so no input values are listed. Enter chooses the event the macro runs for.',
        inner,
      ),
    );
  } else if (current) help.push(...wrapText(`${current.source.label}: ${current.source.help}`, inner));
  const helpH = 2;
  // title, filter, list, help, keys and the border
  const listH = Math.max(Math.min(rows.length, area.height - helpH - 7), 1);
  const h = listH + helpH + 5;
  return (
    <Dialog title={`Choose parameter for ${target}`} area={area} width={w} height={h}>
      <Box height={1}>
        <Text {...t.muted}>Filter: </Text>
        <Field value={query} onChange={setQuery} focused width={inner - 8} placeholder="type part of a name" />
      </Box>
      <VirtualList
        items={rows}
        selected={index}
        height={listH}
        width={inner}
        empty={`Nothing matches "${query}".`}
        renderRow={(r, _i, st) =>
          r.kind === 'event' ? (
            <Text {...(st.selected ? {} : t.accent)}>{fit(eventName ? `Event: ${eventName} — choose another…` : 'No event chosen — choose one for its input values…', st.width)}</Text>
          ) : (
            <Text>
              {fit(r.source.ref, refW)} <Text {...(st.selected ? {} : t.muted)}>{fit(sourceNote(r.source), Math.max(st.width - refW - 1, 1))}</Text>
            </Text>
          )
        }
      />
      {Array.from({ length: helpH }, (_, i) => (
        <Text key={i} {...t.muted} wrap="truncate">
          {fit(help[i] ?? '', inner)}
        </Text>
      ))}
      <KeyHints items={[{ def: current?.kind === 'event' ? PICK_KEYS.choose : PICK_KEYS.insert }, { def: PICK_KEYS.cancel }]} />
    </Dialog>
  );
}
