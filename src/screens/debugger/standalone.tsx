/**
 * The Debugger on its own, full screen, for `crmscript-tui debug FILE|NAME`
 * and `debug attach`: a one-line header, the Debugger, the status and key
 * lines. The same keys as in the TUI, plus q to leave.
 *
 *   await runDebugger({ session, title: 'hello.crm', debugSource, store });
 *
 * It resolves when the operator leaves. A run that has not ended by then is
 * stopped (leaving 'stop', the default) or detached from (leaving 'detach',
 * for a session of another process).
 */
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text, useApp } from 'ink';
import type { Store } from '../../store/store.js';
import { KeyRegistry, KeyRegistryContext, useKeyInput } from '../../tui/keys.js';
import { GLOBAL_KEYS, matches, type KeyEvent } from '../../tui/keymap.js';
import { ServicesContext, type EditOutcome, type TuiServices } from '../../tui/services.js';
import { ThemeContext, makeTheme, theme as defaultTheme, useTheme } from '../../tui/theme.js';
import { useFlash, useTerminalSize, type Size } from '../../tui/hooks.js';
import { Footer } from '../../tui/components/Footer.js';
import { HelpOverlay, type HelpSection } from '../../tui/components/HelpOverlay.js';
import { truncate } from '../../tui/text.js';
import { Debugger } from './Debugger.js';
import { applyKeptBreakpoints, sourceFiles, storeBreakpoints } from './breakpoints.js';
import type { KeptView } from './model.js';
import type { BreakpointStore, DebuggerSession, DebugSource } from './types.js';
import { errorMessage } from '../../interp/util/error-message.js';
import { currentUser, dispatchShellKey } from '../../tui/shellKeys.js';

export interface RunDebuggerOptions {
  session: DebuggerSession;
  /** Shown in the header and the status line (script name or file name). */
  title: string;
  /** The open store: breakpoints of stored scripts are kept there. */
  store?: Store;
  /** The script's sources; default: the session's own (remote sessions carry them). */
  debugSource?: DebugSource;
  /** Start a fresh run for Restart (Ctrl+R); without it there is no restart. */
  restart?: () => DebuggerSession | Promise<DebuggerSession>;
  /** What happens to a run still going when the operator leaves. Default 'stop'. */
  leaving?: 'stop' | 'detach';
}

interface Detachable {
  detach?: () => Promise<void>;
}

export interface DebuggerAppProps extends RunDebuggerOptions {
  size?: Size;
  noColor?: boolean;
  user?: string;
  onExit?: () => void;
  /** Called with the session shown when the operator leaves (after a restart, the newest). */
  onLeave?: (session: DebuggerSession) => void;
}

const noEditor = async (): Promise<EditOutcome> => ({ kind: 'failed', message: 'No external editor here.' });

/** The standalone debugger as a component (runDebugger renders it; tests render it directly). */
export function DebuggerApp(props: DebuggerAppProps): React.ReactElement {
  const registry = useMemo(() => new KeyRegistry(), []);
  const th = useMemo(() => (props.noColor === undefined ? defaultTheme : makeTheme(props.noColor)), [props.noColor]);
  return (
    <ThemeContext.Provider value={th}>
      <KeyRegistryContext.Provider value={registry}>
        <DebuggerShell {...props} registry={registry} />
      </KeyRegistryContext.Provider>
    </ThemeContext.Provider>
  );
}

function DebuggerShell({
  session: first,
  title,
  store,
  debugSource: firstSource,
  restart,
  leaving = 'stop',
  size: sizeOverride,
  user,
  onExit,
  onLeave,
  registry,
}: DebuggerAppProps & { registry: KeyRegistry }): React.ReactElement {
  const t = useTheme();
  const { exit } = useApp();
  const size = useTerminalSize(sizeOverride);
  const [run, setRun] = useState<{ seq: number; session: DebuggerSession; source?: DebugSource }>({ seq: 0, session: first, source: firstSource });
  const runRef = useRef(run);
  runRef.current = run;
  const [help, setHelp] = useState<HelpSection[] | null>(null);
  const [flashMsg, flash] = useFlash();
  const keep = useRef<KeptView>({ watches: [], expanded: [] });
  const bpStore: BreakpointStore | undefined = useMemo(() => (store ? storeBreakpoints(store) : undefined), [store]);

  // Breakpoints kept with stored scripts apply to this run too (where it has none of its own).
  const [bpReady, setBpReady] = useState(!bpStore);
  useEffect(() => {
    if (!bpStore) return;
    let live = true;
    void applyKeptBreakpoints(run.session, bpStore, sourceFiles(run.source ?? run.session.debugSource, run.session.file)).finally(() => {
      if (live) setBpReady(true);
    });
    return () => {
      live = false;
    };
  }, [bpStore, run]);

  const services: TuiServices = useMemo(
    () => ({ flash, editText: noEditor, user: user ?? currentUser(), dataDir: store?.dataDir ?? '' }),
    [flash, user, store],
  );

  const quit = useCallback(() => {
    onLeave?.(runRef.current.session);
    onExit?.();
    exit();
  }, [exit, onExit, onLeave]);

  const doRestart = restart
    ? () => {
        const old = runRef.current.session;
        void Promise.resolve()
          .then(() => (old.state === 'terminated' ? undefined : old.stop()))
          .then(() => restart())
          .then(
            (s) => setRun((r) => ({ seq: r.seq + 1, session: s, source: s.debugSource ?? r.source })),
            (e: unknown) => flash(errorMessage(e), 'error'),
          );
      }
    : undefined;

  const handleKey = (input: string, key: KeyEvent): void => {
    const r = dispatchShellKey(registry, input, key, { quit, showHelp: setHelp, withGlobals: false });
    if (r !== 'unhandled') return;
    if (matches(GLOBAL_KEYS.quit, input, key)) quit();
  };
  const keyProbe = useKeyInput(registry, handleKey);

  const body: Size = { width: size.width, height: Math.max(size.height - 3, 8) };
  const head = ` crmscript-tui debug — ${title}`;
  return (
    <ServicesContext.Provider value={services}>
      <Box flexDirection="column" width={size.width} height={size.height}>
        <Box width={size.width} height={1}>
          <Text {...t.accent} wrap="truncate">
            {truncate(head, size.width)}
          </Text>
        </Box>
        <Box width={body.width} height={body.height} flexDirection="column">
          <Debugger
            key={`${run.seq}:${bpReady}`}
            session={run.session}
            debugSource={run.source}
            title={title}
            size={body}
            bpStore={bpStore}
            onRestart={doRestart}
            onBack={quit}
            leaving={leaving}
            keep={keep.current}
          />
          {help ? <HelpOverlay sections={help} area={body} onClose={() => setHelp(null)} /> : null}
        </Box>
        <Footer width={size.width} message={flashMsg?.text ?? null} tone={flashMsg?.kind ?? 'info'} />
        {keyProbe}
      </Box>
    </ServicesContext.Provider>
  );
}

/** Renders the Debugger full screen until the operator leaves; see the top of this file. */
export async function runDebugger(opts: RunDebuggerOptions): Promise<void> {
  const { stdin, stdout } = process;
  if (!stdin.isTTY || !stdout.isTTY) {
    throw new Error('The debugger needs a terminal (stdin and stdout must be a TTY).');
  }
  process.env.NODE_ENV ??= 'production';
  const [{ render }, { takeTerminal }] = await Promise.all([import('ink'), import('../../tui/editor.js')]);
  const restore = takeTerminal(stdout);
  let last: DebuggerSession = opts.session;
  const instance = render(<DebuggerApp {...opts} onLeave={(s) => (last = s)} />, { exitOnCtrlC: false, patchConsole: true, maxFps: 30 });
  try {
    await instance.waitUntilExit();
  } finally {
    restore();
  }
  if (last.state !== 'terminated') {
    if ((opts.leaving ?? 'stop') === 'stop') await last.stop().catch(() => undefined);
    else await (last as DebuggerSession & Detachable).detach?.().catch(() => undefined);
  }
}
