/**
 * Search in a folder and its sub-folders: scripts by name, include name and
 * source text, macros by name and description. Results update as you type;
 * Enter goes to the results, Enter again opens one.
 */
import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { VirtualList, listNavBindings } from '../../tui/components/VirtualList.js';
import { Field } from '../../tui/components/Field.js';
import { useKeys } from '../../tui/keys.js';
import { FILTER_KEYS, NAV_KEYS, SEARCH_KEYS } from '../../tui/keymap.js';
import { useStoreData, type Size } from '../../tui/hooks.js';
import { useTheme } from '../../tui/theme.js';
import { fit, plural } from '../../tui/text.js';
import { folderIndex, search, type Item } from './model.js';

export interface SearchScreenProps {
  folderId: string | null;
  size: Size;
  /** `line`: the matched source line, to open the script at. */
  onOpen: (item: Item, line?: number) => void;
  onBack: () => void;
}

export function SearchScreen({ folderId, size, onOpen, onBack }: SearchScreenProps): React.ReactElement {
  const t = useTheme();
  const data = useStoreData();
  const ix = folderIndex(data);
  const [query, setQueryText] = useState('');
  const setQuery = (q: string) => {
    setQueryText(q);
    setSel(0);
  };
  const [typing, setTyping] = useState(true);
  const [sel, setSel] = useState(0);
  const hits = useMemo(() => (query.trim() === '' ? [] : search(ix, folderId, query)), [ix, folderId, query]);
  const index = Math.max(0, Math.min(sel, hits.length - 1));
  const hit = hits[index];
  const scope = folderId === null ? 'all folders' : `"${ix.path(folderId)}" and its sub-folders`;
  const listH = Math.max(size.height - 5, 1);

  useKeys({
    title: typing ? 'Search text' : 'Search results',
    bindings: typing
      ? [
          { def: SEARCH_KEYS.run, run: () => setTyping(false), when: hits.length > 0 },
          { def: SEARCH_KEYS.back, run: onBack },
          { def: FILTER_KEYS.up, run: () => setSel((i) => Math.max(i - 1, 0)), footer: false },
          { def: FILTER_KEYS.down, run: () => setSel((i) => Math.min(i + 1, hits.length - 1)), footer: false },
        ]
      : [
          ...listNavBindings(hits.length, listH, setSel),
          { def: SEARCH_KEYS.open, run: () => hit && onOpen(hit.item, hit.line), when: !!hit },
          { def: SEARCH_KEYS.edit, run: () => setTyping(true) },
          { def: NAV_KEYS.filter, run: () => setTyping(true), footer: false },
          { def: SEARCH_KEYS.back, run: onBack },
        ],
    capture: typing,
  });

  const inner = size.width - 4;
  const folderW = Math.max(Math.min(Math.round(inner * 0.25), 30), 8);
  const nameW = Math.max(Math.min(Math.round(inner * 0.3), 40), 10);
  const whereW = Math.max(inner - folderW - nameW - 2, 8);
  const note = query.trim() === '' ? '' : plural(hits.length, 'result');
  return (
    <Panel title={`Search in ${scope}`} note={note} width={size.width} height={size.height} focused>
      <Box height={1}>
        <Text {...t.muted}>Find: </Text>
        <Field value={query} onChange={setQuery} focused={typing} width={inner - 6} placeholder="name, include name or text in the source" />
      </Box>
      <Text {...t.muted} wrap="truncate">
        {' '}
        {fit('Name', nameW)} {fit('Folder', folderW)} {fit('Matched', whereW)}
      </Text>
      <VirtualList
        items={hits}
        selected={index}
        height={listH}
        width={size.width - 2}
        focused={!typing}
        empty={query.trim() === '' ? 'Type what to look for.' : `Nothing in ${scope} matches "${query.trim()}".`}
        renderRow={(h, _i, st) => (
          <Text>
            {fit(h.item.kind === 'macro' ? `${h.item.name} (macro)` : h.item.name, nameW)}{' '}
            <Text {...(st.selected ? {} : t.muted)}>{fit(h.folder || '/', folderW)}</Text> {fit(h.where, whereW)}
          </Text>
        )}
      />
    </Panel>
  );
}
