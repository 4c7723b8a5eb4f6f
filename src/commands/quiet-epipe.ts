/**
 * When the output goes away the process ends quietly instead of with a stack trace:
 * - `crmscript-tui ... | head` closes the pipe early (EPIPE): it ends with the exit status it has so far;
 * - the terminal hangs up (an SSH connection drops, a tmux server is killed: writes fail with EIO):
 *   it ends as a hang-up does (tui/hang-up.ts).
 * Installed by the program and by the launcher's early paths.
 */
import { hangUp } from '../tui/hang-up.js';

export function endQuietlyOnEpipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (e.code === 'EIO') hangUp();
      throw e;
    });
  }
}
