/**
 * Editing text in the operator's own editor ($VISUAL, else $EDITOR, else vi)
 * while the TUI is suspended: leave the alternate screen and raw mode, run
 * the editor on a temporary file and wait for it, then restore the screen and
 * make Ink draw everything again.
 *
 * The editor runs with spawnSync on purpose: while it runs, this process
 * reads nothing from the terminal, so every key goes to the editor.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EditOutcome } from './services.js';
import { errorMessage } from '../interp/util/error-message.js';

export const ENTER_ALT_SCREEN = '\u001b[?1049h';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';
export const SHOW_CURSOR = '\u001b[?25h';
export const HIDE_CURSOR = '\u001b[?25l';
const HOME_AND_CLEAR = '\u001b[H\u001b[2J';

/**
 * Takes the terminal for a full-screen app: the alternate screen, cleared, without a cursor.
 * Returns what gives it back as it was; that also runs at process exit, and only once.
 */
export function takeTerminal(stdout: NodeJS.WriteStream): () => void {
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    // Terminal writes are synchronous, so this also works from an 'exit' handler.
    stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
    process.off('exit', restore);
  };
  process.on('exit', restore);
  stdout.write(ENTER_ALT_SCREEN + HOME_AND_CLEAR + HIDE_CURSOR);
  return restore;
}

export interface EditorHost {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** Forget what Ink believes is on the screen, so the next frame is drawn in full. */
  resetOutput: () => void;
  env?: NodeJS.ProcessEnv;
}

/** The editor command: $VISUAL, else $EDITOR, else vi. */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  for (const v of [env.VISUAL, env.EDITOR]) if (v && v.trim() !== '') return v.trim();
  return 'vi';
}

export function makeExternalEditor(host: EditorHost): (text: string, fileName: string) => Promise<EditOutcome> {
  return async (text, fileName) => {
    const env = host.env ?? process.env;
    const editor = editorCommand(env);
    let dir: string;
    try {
      dir = mkdtempSync(join(tmpdir(), 'crmscript-tui-'));
    } catch (e) {
      return { kind: 'failed', message: `Cannot create a temporary file for the editor: ${errorMessage(e)}.` };
    }
    const file = join(dir, fileName.replace(/[/\\]/g, '-'));
    try {
      writeFileSync(file, text, { mode: 0o600 });
      const raw = host.stdin.isTTY === true;
      host.stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
      if (raw) host.stdin.setRawMode(false);
      // The command may carry arguments ("code --wait"), so a shell runs it; the file is passed as $1.
      const r = spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'crmscript-tui-editor', file], { stdio: 'inherit', env });
      if (raw) host.stdin.setRawMode(true);
      host.stdout.write(ENTER_ALT_SCREEN + HOME_AND_CLEAR + HIDE_CURSOR);
      host.resetOutput();
      if (r.error) return { kind: 'failed', message: `Cannot start the editor "${editor}": ${r.error.message}.` };
      if (r.signal) return { kind: 'failed', message: `The editor "${editor}" was stopped by ${r.signal}; nothing was changed.` };
      if (r.status === 127) {
        return { kind: 'failed', message: `The editor "${editor}" was not found; set $VISUAL or $EDITOR to an editor that is installed.` };
      }
      if (r.status !== 0) return { kind: 'failed', message: `The editor "${editor}" exited with status ${r.status}; nothing was changed.` };
      const edited = readFileSync(file, 'utf8');
      return edited === text ? { kind: 'unchanged' } : { kind: 'changed', text: edited };
    } catch (e) {
      return { kind: 'failed', message: `The edit failed: ${errorMessage(e)}.` };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
