/** One macro: its properties and actions (read-only for now), Properties and Delete. */
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { TextView } from '../../tui/components/TextView.js';
import { ConfirmDialog } from '../../tui/components/Dialog.js';
import { useKeys } from '../../tui/keys.js';
import { MACRO_KEYS } from '../../tui/keymap.js';
import { useStoreBridge, useStoreData, type Size } from '../../tui/hooks.js';
import { useTheme } from '../../tui/theme.js';
import { useTui } from '../../tui/services.js';
import { wrapText } from '../../tui/text.js';
import { deleteMacro, getById } from '../../store/repos.js';
import type { Macro } from '../../store/schema.js';
import { MacroForm } from './forms.js';
import { folderIndex } from './model.js';

/** One readable line per action: "1. SendMail (to=..., subject=...) when x = y". */
export function describeActions(m: Macro): string[] {
  return m.actions.map((a, i) => {
    const params = Object.entries(a.params)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    const cond = 'kind' in a.condition ? '' : ` when ${a.condition.left} ${a.condition.op} ${a.condition.right}`;
    return `${i + 1}. ${a.type}${params ? ` (${params})` : ''}${cond}`;
  });
}

export function MacroScreen({ id, size, onBack }: { id: string; size: Size; onBack: () => void }): React.ReactElement {
  const t = useTheme();
  const tui = useTui();
  const data = useStoreData();
  const bridge = useStoreBridge();
  const macro = getById(data, 'macros', id);
  const [dialog, setDialog] = useState<'properties' | 'delete' | null>(null);
  useKeys({
    title: macro ? `Macro "${macro.name}"` : 'Macro',
    bindings: [
      { def: MACRO_KEYS.properties, run: () => setDialog('properties'), when: !!macro },
      { def: MACRO_KEYS.delete, run: () => setDialog('delete'), when: !!macro },
      { def: MACRO_KEYS.back, run: onBack },
    ],
  });
  if (!macro) {
    return (
      <Panel title="Macro" width={size.width} height={size.height} focused>
        <Text {...t.warning}> This macro no longer exists; it was deleted (perhaps by another process).</Text>
      </Panel>
    );
  }
  const inner = size.width - 4;
  const folder = macro.folderId === null ? '/ (top level)' : folderIndex(data).path(macro.folderId);
  const lines = [
    ...wrapText(macro.description || '(no description)', inner),
    '',
    macro.actions.length === 0 ? 'No actions yet.' : `Actions (${macro.actions.length}):`,
    ...describeActions(macro).flatMap((l) => wrapText(l, inner)),
    '',
    'Editing macro actions in the TUI arrives in a later release.',
  ];
  return (
    <Box width={size.width} height={size.height}>
      <Panel title={`Macro: ${macro.name}`} width={size.width} height={size.height} focused>
        <Text wrap="truncate">
          <Text {...t.muted}> Folder </Text>
          {folder}
        </Text>
        <Text> </Text>
        <Box paddingLeft={1}>
          <TextView lines={lines} top={0} height={Math.max(size.height - 4, 1)} width={inner} />
        </Box>
      </Panel>
      {dialog === 'properties' ? (
        <MacroForm
          area={size}
          macro={macro}
          onCancel={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            tui.flash('Saved the macro.', 'success');
          }}
        />
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog
          title="Delete macro"
          message={`Delete the macro "${macro.name}"? This cannot be undone.`}
          area={size}
          yesLabel="Delete"
          noLabel="Keep"
          danger
          onNo={() => setDialog(null)}
          onYes={() => {
            setDialog(null);
            bridge.update((d) => deleteMacro(d, macro.id)).then(
              () => {
                tui.flash(`Deleted the macro "${macro.name}".`, 'success');
                onBack();
              },
              (e: unknown) => tui.flash(e instanceof Error ? e.message : String(e), 'error'),
            );
          }}
        />
      ) : null}
    </Box>
  );
}
