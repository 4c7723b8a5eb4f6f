/**
 * The crmscript-tui TUI: `startTui(dataDir)` opens the store and runs the
 * full-screen Ink app until the operator quits.
 *
 * How the TUI is put together
 * ---------------------------
 * - shell.tsx: header (tabs, data dir), the active tab, status line and key
 *   footer; global keys 1–5, Tab/Shift+Tab, ? (help), q (quit, asking when
 *   something is unsaved), Ctrl+C (quit at once).
 * - tabs.ts: the five tabs in order.
 * - keymap.ts: every key of every screen (the single truth for handlers,
 *   footer and help); keys.tsx: the layered dispatcher and useKeys().
 * - components/: panel, virtualized list, tree, text input, form, dialogs,
 *   spinner, text view, highlighted source view, header, footer, help.
 *
 * Writing a tab (the contract)
 * ----------------------------
 * A tab is ONE React component receiving TabProps (services.ts):
 *
 *   export function MyTab({ store, active, size, tui }: TabProps) { ... }
 *
 * - store: the open Store. Read with `useStoreData()` (from hooks.ts): the
 *   current document, re-rendered when it changes, also by other processes.
 *   Write with `useStoreBridge().update(d => repoFn(d, ...))`, which re-renders
 *   at once. Show StoreError messages with `tui.flash(message, 'error')`.
 * - active: whether the tab is shown. A tab stays mounted once visited (it
 *   keeps its state); it gets no keys while hidden.
 * - size: { width, height } of the area between the header and the status
 *   line; draw within it exactly (e.g. <Panel width={size.width} height={size.height}>).
 * - tui: flash(text, kind), editText(text, fileName) for $EDITOR, user, dataDir.
 *
 * Keys: add definitions to keymap.ts, then in the component
 *
 *   useKeys({ title: 'Tasks', bindings: [{ def: TASK_KEYS.run, run: () => ... }] });
 *
 * The footer shows the top layer's bindings (footer: false hides one there),
 * the help overlay (?) lists them all with their help text. Dialogs and forms
 * register with level 'modal' and take the keyboard while open (Form,
 * ConfirmDialog and Dialog in components/ do this). Lists: VirtualList +
 * listNavBindings(); "/" filters (see the scripts Browser for the pattern).
 * Mark unsaved work with useUnsaved('the task form') so q asks first.
 * Replace a placeholder by keeping its export name (TriggersTab in
 * screens/triggers.tsx, TasksTab in screens/tasks.tsx, ...), or point tabs.ts
 * at your module.
 */
import type { Store } from '../store/store.js';
import { takeTerminal } from '../tui/editor.js';
import { hangUp } from '../tui/hang-up.js';
import { errorMessage } from '../interp/util/error-message.js';

export type { TabProps, TabDefinition, TuiServices } from '../tui/services.js';

/** Ink renders nothing live when it believes it runs under CI; the operator asked for the TUI in a terminal. */
function forgetCiEnvironment(env: NodeJS.ProcessEnv): void {
  for (const k of Object.keys(env)) {
    if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) delete env[k];
  }
}

export async function startTui(dataDir?: string): Promise<void> {
  const { stdin, stdout, stderr } = process;
  if (!stdin.isTTY || !stdout.isTTY) {
    stderr.write('crmscript-tui: the TUI needs a terminal (stdin and stdout must be a TTY); use one of the commands instead (see crmscript-tui --help).\n');
    process.exitCode = 2;
    return;
  }
  forgetCiEnvironment(process.env);
  // React's development build is slower and only adds warnings meant for developers.
  process.env.NODE_ENV ??= 'production';
  const { openStoreAt } = await import('../store/store.js');
  let store: Store;
  try {
    store = await openStoreAt(dataDir);
  } catch (e) {
    stderr.write(`crmscript-tui: ${errorMessage(e)}\n`);
    process.exitCode = 1;
    return;
  }
  const [{ render }, React, { App }, { makeExternalEditor }] = await Promise.all([
    import('ink'),
    import('react'),
    import('./shell.js'),
    import('../tui/editor.js'),
  ]);

  const restore = takeTerminal(stdout);
  const redrawRef: { current: (() => void) | null } = { current: null };
  let instance: ReturnType<typeof render> | null = null;
  const editText = makeExternalEditor({
    stdin,
    stdout,
    resetOutput: () => {
      instance?.clear();
      redrawRef.current?.();
    },
  });
  instance = render(React.createElement(App, { store, services: { editText }, redrawRef }), {
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: 30,
  });

  // A terminal that goes away or a polite kill: leave the terminal as we found it.
  const onSignal = (signal: NodeJS.Signals) => {
    try {
      instance?.unmount();
      restore();
    } catch {
      // the terminal is gone (writes fail): nothing to restore
    }
    // a hang-up ends by SIGHUP's own action: a normal exit would reset a terminal that is gone
    if (signal === 'SIGHUP') hangUp();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  for (const s of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.on(s, onSignal);

  try {
    await instance.waitUntilExit();
  } finally {
    for (const s of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.off(s, onSignal);
    await store.close(); // the last writes (a debug session's end, say) land before the process ends
    restore();
  }
  // Runs still going were stopped when their screens unmounted; nothing should keep the
  // process alive, but do not hang on a stray handle either.
  setTimeout(() => process.exit(process.exitCode ?? 0), 1000).unref();
}
