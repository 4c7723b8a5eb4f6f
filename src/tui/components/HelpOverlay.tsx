/** Every key of the current screen, grouped by layer, in a scrollable overlay. */
import React, { useState } from 'react';
import { Text } from 'ink';
import { Dialog, KeyHints } from './Dialog.js';
import { TextView, positionNote } from './TextView.js';
import { useKeys, type LayerSpec } from '../keys.js';
import { GLOBAL_KEYS, HELP_KEYS, displayKeys, type KeyDef } from '../keymap.js';
import { fit } from '../text.js';
import type { Size } from '../hooks.js';

export interface HelpSection {
  title: string;
  rows: Array<{ keys: string; text: string }>;
}

/** What the help shows for these layers (and the global keys when they reach the shell). */
export function helpSections(layers: readonly LayerSpec[], includeGlobal: boolean, extra: readonly HelpSection[] = []): HelpSection[] {
  const out: HelpSection[] = [];
  for (const l of layers) {
    const rows = l.bindings
      .filter((b) => b.when !== false)
      // A label given at the binding describes the current state better than the definition's text.
      .map((b) => ({ keys: displayKeys(b.def), text: b.help ?? b.label ?? b.def.help ?? b.def.label }));
    const seen = new Set<string>();
    const unique = rows.filter((r) => (seen.has(r.keys + r.text) ? false : (seen.add(r.keys + r.text), true)));
    if (unique.length > 0) out.push({ title: l.title, rows: unique });
  }
  out.push(...extra);
  const g = GLOBAL_KEYS;
  const globalRows = (defs: KeyDef[]) => defs.map((d) => ({ keys: displayKeys(d), text: d.help ?? d.label }));
  out.push({
    title: 'Everywhere',
    rows: includeGlobal
      ? [
          { keys: '1–5', text: 'Switch tab (Macros and scripts, Triggers, Scheduled tasks, Debug sessions, Tracing)' },
          ...globalRows([g.nextTab, g.prevTab, g.help, g.quit, g.forceQuit]),
        ]
      : globalRows([g.help, g.quit, g.forceQuit]),
  });
  return out;
}

export function helpLines(sections: readonly HelpSection[], width: number): string[] {
  const keyW = Math.min(Math.max(...sections.flatMap((s) => s.rows.map((r) => r.keys.length)), 4) + 2, 18);
  const lines: string[] = [];
  sections.forEach((s, i) => {
    if (i > 0) lines.push('');
    lines.push(s.title);
    for (const r of s.rows) lines.push(`  ${fit(r.keys, keyW)}${r.text}`.slice(0, Math.max(width, 10) + 40));
  });
  return lines;
}

export function HelpOverlay({ sections, area, onClose }: { sections: HelpSection[]; area: Size; onClose: () => void }): React.ReactElement {
  const width = Math.min(area.width, 90);
  const height = area.height;
  const inner = width - 4;
  const lines = helpLines(sections, inner);
  const viewH = Math.max(height - 5, 1);
  const [top, setTop] = useState(0);
  const maxTop = Math.max(lines.length - viewH, 0);
  const page = Math.max(viewH - 1, 1);
  useKeys({
    title: 'Help',
    level: 'overlay',
    bindings: [
      { def: HELP_KEYS.close, run: onClose },
      { def: HELP_KEYS.up, run: () => setTop((x) => Math.max(x - 1, 0)) },
      { def: HELP_KEYS.down, run: () => setTop((x) => Math.min(x + 1, maxTop)) },
      { def: HELP_KEYS.pageUp, run: () => setTop((x) => Math.max(x - page, 0)) },
      { def: HELP_KEYS.pageDown, run: () => setTop((x) => Math.min(x + page, maxTop)) },
      { def: HELP_KEYS.home, run: () => setTop(0) },
      { def: HELP_KEYS.end, run: () => setTop(maxTop) },
    ],
  });
  // Offer only the directions that still move: down/PgDn while more follows, up/PgUp once scrolled.
  const hints: Array<{ def: KeyDef; label?: string }> = [{ def: HELP_KEYS.close }];
  if (top < maxTop) hints.push({ def: HELP_KEYS.down, label: 'Scroll' }, { def: HELP_KEYS.pageDown });
  if (top > 0 && top < maxTop) hints.push({ def: HELP_KEYS.pageUp });
  else if (top > 0) hints.push({ def: HELP_KEYS.up, label: 'Scroll' }, { def: HELP_KEYS.pageUp });
  return (
    <Dialog title={`Keys — ${positionNote(top, viewH, lines.length)}`} area={area} width={width} height={height}>
      <TextView lines={lines} top={top} height={viewH} width={inner} />
      <Text> </Text>
      <KeyHints items={hints} />
    </Dialog>
  );
}
