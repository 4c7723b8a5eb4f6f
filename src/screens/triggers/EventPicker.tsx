/**
 * Choosing an event from the catalog: type to search (name words, or letters in order), Tab
 * cycles the group filter, and the selected event's input and output values are shown beside
 * the list.
 */
import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { Dialog, KeyHints } from '../../tui/components/Dialog.js';
import { VirtualList } from '../../tui/components/VirtualList.js';
import { Field } from '../../tui/components/Field.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { useTheme } from '../../tui/theme.js';
import { fit, wrapText } from '../../tui/text.js';
import type { Size } from '../../tui/hooks.js';
import { eventGroups, searchEvents, type TriggerEvent } from '../../triggers/catalog.js';
import { PICKER_KEYS } from './keys.js';
import { eventSummary } from './model.js';

export interface EventPickerProps {
  title: string;
  area: Size;
  onChoose: (e: TriggerEvent) => void;
  onCancel: () => void;
}

const ALL = 'all groups';

export function EventPicker({ title, area, onChoose, onCancel }: EventPickerProps): React.ReactElement {
  const t = useTheme();
  const groups = useMemo(() => [ALL, ...eventGroups()], []);
  const [query, setQueryText] = useState('');
  const setQuery = (q: string) => {
    setQueryText(q);
    setSel(0);
  };
  const [group, setGroup] = useState(0);
  const [sel, setSel] = useState(0);
  const events = useMemo(() => searchEvents(query, { group: group === 0 ? null : groups[group] }), [query, group, groups]);
  const index = Math.max(0, Math.min(sel, events.length - 1));
  const current = events[index];

  const w = Math.max(Math.min(area.width, 110), 20);
  const h = Math.max(Math.min(area.height, 30), 8);
  const inner = w - 4;
  const listW = Math.max(Math.min(Math.round(inner * 0.45), 40), 12);
  const detailW = Math.max(inner - listW - 1, 8);
  const bodyH = Math.max(h - 6, 1); // title, search line, blank, hints, borders

  const clamp = (i: number) => Math.max(0, Math.min(i, events.length - 1));
  const page = Math.max(bodyH - 1, 1);
  const bindings: Binding[] = [
    { def: PICKER_KEYS.up, run: () => setSel(clamp(index - 1)), footer: false },
    { def: PICKER_KEYS.down, run: () => setSel(clamp(index + 1)), footer: false },
    { def: PICKER_KEYS.pageUp, run: () => setSel(clamp(index - page)), footer: false },
    { def: PICKER_KEYS.pageDown, run: () => setSel(clamp(index + page)), footer: false },
    {
      def: PICKER_KEYS.nextGroup,
      run: () => {
        setGroup((g) => (g + 1) % groups.length);
        setSel(0);
      },
    },
    {
      def: PICKER_KEYS.prevGroup,
      run: () => {
        setGroup((g) => (g - 1 + groups.length) % groups.length);
        setSel(0);
      },
      footer: false,
    },
    { def: PICKER_KEYS.choose, when: !!current, run: () => current && onChoose(current) },
    { def: PICKER_KEYS.cancel, run: onCancel },
  ];
  useKeys({
    title: 'Choose an event',
    level: 'modal',
    bindings,
  });

  const details: Array<{ text: string; muted?: boolean; accent?: boolean }> = [];
  if (current) {
    details.push({ text: current.name, accent: true });
    details.push({ text: eventSummary(current), muted: true });
    const list = (label: string, names: string[]) => {
      details.push({ text: `${label} (${names.length}):` });
      if (names.length === 0) details.push({ text: '  (none)', muted: true });
      else for (const l of wrapText(names.join(', '), detailW - 2)) details.push({ text: `  ${l}` });
    };
    list('Input values', current.inputs);
    list('Output values', current.outputs);
  }
  const shown = details.slice(0, bodyH);
  if (details.length > bodyH && shown.length > 0) shown[shown.length - 1] = { text: '  …', muted: true };

  const groupLabel = groups[group]!;
  const searchW = Math.max(inner - 10 - groupLabel.length - 12, 6);
  return (
    <Dialog title={title} area={area} width={w} height={h}>
      <Box height={1}>
        <Text {...t.muted}>Search: </Text>
        <Box width={searchW}>
          <Field value={query} onChange={setQuery} focused width={searchW} placeholder="type part of a name" />
        </Box>
        <Text {...t.muted}> Group: </Text>
        <Text {...t.accent}>{groupLabel}</Text>
      </Box>
      <Box height={bodyH}>
        <Box width={listW} flexDirection="column">
          <VirtualList
            items={events}
            selected={index}
            height={bodyH}
            width={listW}
            renderRow={(e) => e.name}
            empty={query ? `No event matches "${query}".` : 'No events.'}
          />
        </Box>
        <Box width={1} />
        <Box width={detailW} flexDirection="column">
          {shown.map((l, i) => (
            <Text key={i} wrap="truncate" {...(l.muted ? t.muted : l.accent ? t.accent : {})}>
              {fit(l.text, detailW)}
            </Text>
          ))}
        </Box>
      </Box>
      <Text {...t.muted} wrap="truncate">
        {events.length} event{events.length === 1 ? '' : 's'}
      </Text>
      <KeyHints
        items={[
          { def: PICKER_KEYS.choose },
          { def: PICKER_KEYS.nextGroup, label: 'Group' },
          { def: PICKER_KEYS.cancel },
        ]}
      />
    </Dialog>
  );
}
