/**
 * The shell of the TUI: header with the tabs, the active tab's screen, the
 * status line and the key footer; global keys, the help overlay and the
 * quit question. See app.tsx for the tab contract.
 */
import React, { Component, useCallback, useEffect, useMemo, useState } from 'react';
import { Box, Text, useApp } from 'ink';
import { homedir } from 'node:os';
import { currentUser, dispatchShellKey } from '../tui/shellKeys.js';
import type { Store } from '../store/store.js';
import { StoreBridge, StoreContext, useFlash, useStoreData, useTerminalSize, type Size } from '../tui/hooks.js';
import { KeyRegistry, KeyRegistryContext, KeyScope, useKeyInput } from '../tui/keys.js';
import { GLOBAL_KEYS, matches, type KeyEvent } from '../tui/keymap.js';
import { ThemeContext, makeTheme, theme as defaultTheme, useTheme } from '../tui/theme.js';
import {
  ServicesContext,
  UnsavedContext,
  UnsavedRegistry,
  type EditOutcome,
  type TabDefinition,
  type TuiServices,
} from '../tui/services.js';
import { Header } from '../tui/components/Header.js';
import { Footer } from '../tui/components/Footer.js';
import { HelpOverlay, type HelpSection } from '../tui/components/HelpOverlay.js';
import { ConfirmDialog } from '../tui/components/Dialog.js';
import { TABS } from './tabs.js';
import { CrmView } from '../screens/crm/CrmView.js';
import { CRM_KEYS } from '../screens/crm/keys.js';

export interface AppProps {
  store: Store;
  tabs?: readonly TabDefinition[];
  /** Replace shell services (tests pass a fake editor). */
  services?: Partial<Pick<TuiServices, 'editText' | 'user'>>;
  /** Fixed size instead of the terminal's (tests). */
  size?: Size;
  initialTab?: number;
  /** Called when the operator quits. */
  onExit?: () => void;
  /** Override NO_COLOR detection. */
  noColor?: boolean;
  /** Filled in by the shell: draws one blank frame, then the screen again (after the editor). */
  redrawRef?: { current: (() => void) | null };
  /** The key registry to use (tests pass theirs, to wait until the keys they typed are handled). */
  keyRegistry?: KeyRegistry;
}

/** Rows the shell uses around the tab: header (1), status line (1), keys (1). */
export const CHROME_ROWS = 3;

export function App(props: AppProps): React.ReactElement {
  const bridge = useMemo(() => new StoreBridge(props.store), [props.store]);
  const [registry] = useState(() => props.keyRegistry ?? new KeyRegistry()); // one for the app's life
  const unsaved = useMemo(() => new UnsavedRegistry(), []);
  const th = useMemo(() => (props.noColor === undefined ? defaultTheme : makeTheme(props.noColor)), [props.noColor]);
  useEffect(() => () => bridge.close(), [bridge]);
  return (
    <ThemeContext.Provider value={th}>
      <StoreContext.Provider value={bridge}>
        <KeyRegistryContext.Provider value={registry}>
          <UnsavedContext.Provider value={unsaved}>
            <Shell {...props} registry={registry} unsaved={unsaved} />
          </UnsavedContext.Provider>
        </KeyRegistryContext.Provider>
      </StoreContext.Provider>
    </ThemeContext.Provider>
  );
}

function displayPath(p: string): string {
  const home = homedir();
  return home && (p === home || p.startsWith(home + '/')) ? '~' + p.slice(home.length) : p;
}

const noEditor = async (): Promise<EditOutcome> => ({ kind: 'failed', message: 'No external editor is available here.' });

function Shell({
  store,
  tabs = TABS,
  services,
  size: sizeOverride,
  initialTab = 0,
  onExit,
  redrawRef,
  registry,
  unsaved,
}: AppProps & { registry: KeyRegistry; unsaved: UnsavedRegistry }): React.ReactElement {
  const { exit } = useApp();
  // Ink skips a frame equal to the last one; after the screen was cleared behind its back
  // (the external editor), a blank frame in between makes it draw everything again.
  const [blank, setBlank] = useState(false);
  useEffect(() => {
    if (!redrawRef) return;
    redrawRef.current = () => setBlank(true);
    return () => {
      redrawRef.current = null;
    };
  }, [redrawRef]);
  useEffect(() => {
    if (!blank) return;
    const t = setTimeout(() => setBlank(false), 40);
    return () => clearTimeout(t);
  }, [blank]);
  const size = useTerminalSize(sizeOverride);
  const [active, setActive] = useState(Math.min(Math.max(initialTab, 0), tabs.length - 1));
  const [visited, setVisited] = useState<ReadonlySet<number>>(() => new Set([active]));
  const [help, setHelp] = useState<HelpSection[] | null>(null);
  const [quitAsk, setQuitAsk] = useState<string[] | null>(null);
  const [crmOpen, setCrmOpen] = useState(false);
  const [flashMsg, flash] = useFlash();
  useStoreData(); // re-render on store changes so the status reflects read problems
  const readError = store.lastReadError;

  const tui: TuiServices = useMemo(
    () => ({
      flash,
      editText: services?.editText ?? noEditor,
      user: services?.user ?? currentUser(),
      dataDir: store.dataDir,
    }),
    [flash, services?.editText, services?.user, store.dataDir],
  );

  const quit = useCallback(() => {
    onExit?.();
    exit();
  }, [onExit, exit]);

  const gotoTab = useCallback((i: number) => {
    setActive(i);
    setVisited((v) => (v.has(i) ? v : new Set(v).add(i)));
  }, []);

  const handleKey = (input: string, key: KeyEvent): void => {
    const r = dispatchShellKey(registry, input, key, { quit, showHelp: setHelp, withGlobals: true });
    if (r === 'done') return;
    // Quit reaches the shell even from a dialog.
    if (matches(GLOBAL_KEYS.quit, input, key)) {
      const list = unsaved.list();
      if (list.length > 0) setQuitAsk(list);
      else quit();
      return;
    }
    if (r === 'captured') return;
    if (matches(CRM_KEYS.open, input, key)) {
      setCrmOpen(true);
      return;
    }
    const g = GLOBAL_KEYS;
    const numbered = [g.tab1, g.tab2, g.tab3, g.tab4, g.tab5];
    const n = numbered.findIndex((d) => matches(d, input, key));
    if (n >= 0 && n < tabs.length) gotoTab(n);
    else if (matches(g.nextTab, input, key)) gotoTab((active + 1) % tabs.length);
    else if (matches(g.prevTab, input, key)) gotoTab((active - 1 + tabs.length) % tabs.length);
  };
  const keyProbe = useKeyInput(registry, handleKey);

  const bodyHeight = Math.max(size.height - CHROME_ROWS, 1);
  const body: Size = { width: size.width, height: bodyHeight };
  const status = readError ? `store problem: ${readError.message}` : displayPath(store.dataDir);

  return (
    <ServicesContext.Provider value={tui}>
    <Box flexDirection="column" width={size.width} height={size.height} display={blank ? 'none' : 'flex'}>
      <Header tabs={tabs} active={active} width={size.width} status={status} statusTone={readError ? 'error' : 'normal'} />
      <Box width={size.width} height={bodyHeight} flexDirection="column">
        {tabs.map((tab, i) =>
          visited.has(i) ? (
            <Box key={tab.id} display={i === active ? 'flex' : 'none'} width={size.width} height={bodyHeight} flexDirection="column">
              <KeyScope active={i === active}>
                <TabErrorBoundary title={tab.title}>
                  <tab.Component store={store} active={i === active} size={body} tui={tui} />
                </TabErrorBoundary>
              </KeyScope>
            </Box>
          ) : null,
        )}
        {quitAsk ? (
          <ConfirmDialog
            title="Quit crmscript-tui?"
            message={`Not saved yet: ${quitAsk.join(', ')}. Quitting loses it.`}
            area={body}
            yesLabel="Quit"
            noLabel="Stay"
            danger
            onYes={quit}
            onNo={() => setQuitAsk(null)}
          />
        ) : null}
        {crmOpen ? <CrmView dataDir={store.dataDir} size={body} onClose={() => setCrmOpen(false)} /> : null}
        {help ? <HelpOverlay sections={help} area={body} onClose={() => setHelp(null)} /> : null}
      </Box>
      <Footer width={size.width} message={flashMsg?.text ?? null} tone={flashMsg?.kind ?? 'info'} />
      {keyProbe}
    </Box>
    </ServicesContext.Provider>
  );
}

interface BoundaryState {
  error: Error | null;
}

/** One failing tab must not take the whole TUI down. */
class TabErrorBoundary extends Component<{ title: string; children: React.ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): BoundaryState {
    return { error };
  }

  override render(): React.ReactNode {
    if (this.state.error) return <TabFailure title={this.props.title} message={this.state.error.message} />;
    return this.props.children;
  }
}

function TabFailure({ title, message }: { title: string; message: string }): React.ReactElement {
  const t = useTheme();
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text {...t.error}>The {title} tab stopped working: {message}</Text>
      <Text {...t.muted}>The other tabs still work; switch with 1–5. Restart crmscript-tui to try this tab again.</Text>
    </Box>
  );
}
