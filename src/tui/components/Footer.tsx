/**
 * The two bottom lines: the status message, and the keys of the current
 * screen read from the key layers (so they are exactly the keys handled).
 */
import React from 'react';
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import { cellWidth, truncate } from '../text.js';
import { useKeyLayers, type Binding } from '../keys.js';
import { GLOBAL_KEYS, displayMainKey } from '../keymap.js';
import type { FlashKind } from '../services.js';

export interface FooterItem {
  key: string;
  label: string;
}

/** Footer items: the top layer's keys, then Help and Quit when they reach the shell. */
export function footerItems(layers: ReturnType<typeof useKeyLayers>): FooterItem[] {
  const out: FooterItem[] = [];
  const seen = new Set<string>();
  const add = (b: Pick<Binding, 'def' | 'label'>) => {
    const item = { key: displayMainKey(b.def), label: b.label ?? b.def.label };
    const id = `${item.key}|${item.label}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(item);
  };
  const top = layers.layers[0];
  if (top) for (const b of top.bindings) if (b.when !== false && b.footer !== false) add(b);
  add({ def: GLOBAL_KEYS.help });
  if (!layers.blocksGlobal) add({ def: GLOBAL_KEYS.crm });
  if (!layers.blocksGlobal) add({ def: GLOBAL_KEYS.quit });
  return out;
}

export function Footer({ width, message, tone }: { width: number; message: string | null; tone: FlashKind }): React.ReactElement {
  const t = useTheme();
  const layers = useKeyLayers();
  const items = footerItems(layers);
  // Keep "C CRM data" (reachable from every screen) and "? Help" visible: fill from the left with
  // the screen's own keys, then make room for those two.
  const pinned = [GLOBAL_KEYS.crm.label, GLOBAL_KEYS.help.label].map((l) => items.find((i) => i.label === l)).filter((i): i is FooterItem => i !== undefined);
  const rest = items.filter((i) => !pinned.includes(i));
  const size = (i: FooterItem) => cellWidth(i.key) + 1 + cellWidth(i.label) + 2;
  let room = width - 1 - pinned.reduce((n, i) => n + size(i), 0);
  const shown: FooterItem[] = [];
  for (const it of rest) {
    if (size(it) > room) break;
    shown.push(it);
    room -= size(it);
  }
  shown.push(...pinned);
  const toneStyle = tone === 'error' ? t.error : tone === 'success' ? t.success : {};
  return (
    <Box flexDirection="column" width={width} height={2}>
      <Text wrap="truncate" {...toneStyle}>
        {message ? ` ${truncate(message, width - 2)}` : ' '}
      </Text>
      <Text wrap="truncate">
        {' '}
        {shown.map((it, i) => (
          <Text key={i}>
            <Text {...t.key}>{it.key}</Text> {it.label}
            {i < shown.length - 1 ? '  ' : ''}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
