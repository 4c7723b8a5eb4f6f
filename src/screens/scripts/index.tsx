/**
 * Tab 1, Macros and scripts. Screens stack up (browser → search → script);
 * Esc pops. Screens below the top stay mounted, so going back finds them as
 * they were, and only the top one gets keys.
 */
import React, { useCallback, useState } from 'react';
import { Box } from 'ink';
import type { TabProps } from '../../tui/services.js';
import { KeyScope } from '../../tui/keys.js';
import { Browser, type BrowserNav } from './Browser.js';
import { ScriptScreen } from './ScriptScreen.js';
import { MacroScreen } from './MacroScreen.js';
import { SearchScreen } from './SearchScreen.js';
import { OutboxScreen } from '../macros/OutboxScreen.js';

type Route =
  | { kind: 'browse' }
  | { kind: 'search'; folderId: string | null }
  | { kind: 'script'; id: string; then?: 'run' | 'edit'; line?: number }
  | { kind: 'macro'; id: string }
  | { kind: 'outbox' };

let routeSeq = 0;

export function ScriptsTab({ size }: TabProps): React.ReactElement {
  const [stack, setStack] = useState<Array<{ key: number; route: Route }>>([{ key: 0, route: { kind: 'browse' } }]);
  const push = useCallback((route: Route) => setStack((s) => [...s, { key: ++routeSeq, route }]), []);
  const pop = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const nav: BrowserNav = {
    openScript: (id, then) => push({ kind: 'script', id, then }),
    openMacro: (id) => push({ kind: 'macro', id }),
    openSearch: (folderId) => push({ kind: 'search', folderId }),
    openOutbox: () => push({ kind: 'outbox' }),
  };
  const topIndex = stack.length - 1;
  return (
    <Box width={size.width} height={size.height}>
      {stack.map(({ key, route }, i) => (
        <Box key={key} display={i === topIndex ? 'flex' : 'none'} width={size.width} height={size.height}>
          <KeyScope active={i === topIndex}>
            {route.kind === 'browse' ? (
              <Browser size={size} nav={nav} />
            ) : route.kind === 'search' ? (
              <SearchScreen
                folderId={route.folderId}
                size={size}
                onBack={pop}
                onOpen={(item, line) => (item.kind === 'script' ? push({ kind: 'script', id: item.script.id, line }) : nav.openMacro(item.macro.id))}
              />
            ) : route.kind === 'script' ? (
              <ScriptScreen id={route.id} size={size} then={route.then} line={route.line} onBack={pop} />
            ) : route.kind === 'outbox' ? (
              <OutboxScreen size={size} onBack={pop} />
            ) : (
              <MacroScreen id={route.id} size={size} onBack={pop} />
            )}
          </KeyScope>
        </Box>
      ))}
    </Box>
  );
}
