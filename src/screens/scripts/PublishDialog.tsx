/**
 * Before a staged version replaces the live source: what changes (a line
 * diff) and what runs the script (triggers, scheduled tasks, traces), then
 * y publishes, n or Esc keeps it staged.
 */
import React, { useMemo, useState } from 'react';
import { Text } from 'ink';
import { Dialog, KeyHints } from '../../tui/components/Dialog.js';
import { TextView, clampTop, positionNote } from '../../tui/components/TextView.js';
import { useKeys } from '../../tui/keys.js';
import { CONFIRM_KEYS, HELP_KEYS } from '../../tui/keymap.js';
import type { Size } from '../../tui/hooks.js';
import { useTheme } from '../../tui/theme.js';
import { fit, wrapText } from '../../tui/text.js';
import { danglingAfterDelete, describeDangling } from '../../store/dangling.js';
import type { Script, StoreData } from '../../store/schema.js';
import { diffText, lineDiff } from './lineDiff.js';

export function PublishDialog({ data, script, area, onYes, onNo }: { data: StoreData; script: Script; area: Size; onYes: () => void; onNo: () => void }): React.ReactElement {
  const t = useTheme();
  const width = Math.min(area.width, 100);
  const inner = width - 4;
  const diff = useMemo(() => lineDiff(script.source, script.stagedSource ?? script.source), [script.source, script.stagedSource]);
  const users = describeDangling(danglingAfterDelete(data, { kind: 'script', id: script.id }), { what: 'it', missing: 'the new version at once' }).replace(' and will point at ', ' and will run ');
  const intro = wrapText(users || 'No trigger, scheduled task or trace uses this script.', inner);
  const lines = diff.map(diffText);
  const viewH = Math.max(Math.min(lines.length, area.height - intro.length - 7), 1);
  const [top, setTop] = useState(0);
  const page = Math.max(viewH - 1, 1);
  const move = (by: number) => setTop((x) => clampTop(x + by, lines.length, viewH));
  useKeys({
    title: 'Publish the staged version?',
    level: 'modal',
    bindings: [
      { def: CONFIRM_KEYS.yes, run: onYes, label: 'Publish' },
      { def: CONFIRM_KEYS.no, run: onNo, label: 'Keep staged' },
      { def: HELP_KEYS.up, run: () => move(-1), footer: false },
      { def: HELP_KEYS.down, run: () => move(1), footer: false },
      { def: HELP_KEYS.pageUp, run: () => move(-page), footer: false },
      { def: HELP_KEYS.pageDown, run: () => move(page), footer: false },
    ],
  });
  const changed = diff.filter((l) => l.kind === 'add' || l.kind === 'del').length;
  return (
    <Dialog title={`Publish the staged version of "${script.name}"? — ${changed} changed line${changed === 1 ? '' : 's'}, ${positionNote(top, viewH, lines.length)}`} area={area} width={width} height={viewH + intro.length + 5} tone={users ? 'danger' : 'normal'}>
      {intro.map((l, i) => (
        <Text key={i} {...(users ? t.warning : t.muted)}>
          {fit(l, inner)}
        </Text>
      ))}
      <TextView lines={lines} top={clampTop(top, lines.length, viewH)} height={viewH} width={inner} />
      <Text> </Text>
      <KeyHints items={[{ def: CONFIRM_KEYS.yes, label: 'Publish' }, { def: CONFIRM_KEYS.no, label: 'Keep staged' }, ...(lines.length > viewH ? [{ def: HELP_KEYS.down, label: 'Scroll' }] : [])]} />
    </Dialog>
  );
}
