/** One macro: the macro editor (src/screens/macros/), or a note when the macro is gone. */
import React from 'react';
import { Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { useKeys } from '../../tui/keys.js';
import { MACRO_KEYS } from '../../tui/keymap.js';
import { useStoreData, type Size } from '../../tui/hooks.js';
import { useTheme } from '../../tui/theme.js';
import { getById } from '../../store/repos.js';
import { MacroEditor } from '../macros/MacroEditor.js';

export function MacroScreen({ id, size, onBack }: { id: string; size: Size; onBack: () => void }): React.ReactElement {
  const data = useStoreData();
  const macro = getById(data, 'macros', id);
  if (!macro) return <MissingMacro size={size} onBack={onBack} />;
  return <MacroEditor key={macro.id} macro={macro} size={size} onBack={onBack} />;
}

function MissingMacro({ size, onBack }: { size: Size; onBack: () => void }): React.ReactElement {
  const t = useTheme();
  useKeys({ title: 'Macro', bindings: [{ def: MACRO_KEYS.back, run: onBack }] });
  return (
    <Panel title="Macro" width={size.width} height={size.height} focused>
      <Text {...t.warning}> This macro no longer exists; it was deleted (perhaps by another process).</Text>
      <Text {...t.muted}> Esc goes back.</Text>
    </Panel>
  );
}
