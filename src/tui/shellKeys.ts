/**
 * What every full-screen app of crmscript-tui (the five-tab shell, the standalone debugger) does
 * first with a key: Ctrl+C quits at once, then the key layers get it, then `?` shows the help of
 * what is reachable. The caller goes on with its own global keys when this returns a result.
 */
import { userInfo } from 'node:os';
import { GLOBAL_KEYS, matches, type KeyEvent } from './keymap.js';
import type { KeyRegistry } from './keys.js';
import { helpSections, type HelpSection } from './components/HelpOverlay.js';

export function dispatchShellKey(
  registry: KeyRegistry,
  input: string,
  key: KeyEvent,
  app: { quit: () => void; showHelp: (sections: HelpSection[]) => void; withGlobals: boolean },
): 'done' | 'captured' | 'unhandled' {
  if (key.ctrl && input === 'c') {
    app.quit();
    return 'done';
  }
  const r = registry.dispatch(input, key);
  if (r === 'handled') return 'done';
  // Help reaches the shell even from a dialog (a focused text field took the key before).
  if (matches(GLOBAL_KEYS.help, input, key)) {
    app.showHelp(helpSections(registry.reachable(), app.withGlobals && !registry.blocksGlobal()));
    return 'done';
  }
  return r;
}

/** The operating-system user, for "started by" (the shell's services). */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'operator';
  }
}
