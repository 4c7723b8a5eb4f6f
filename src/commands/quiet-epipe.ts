/**
 * When the output goes away the process ends quietly instead of with a stack trace:
 * - `crmscript-tui ... | head` closes the pipe early (EPIPE): it ends with the exit status it has so far;
 * - the terminal hangs up (an SSH connection drops, a tmux server is killed: writes fail with EIO):
 *   it ends as a hang-up does, by SIGHUP's default action. A normal exit would have Node restore
 *   the terminal's settings on a terminal that is gone, which Node 20 treats as a fatal error
 *   (an assertion, then a crash while printing the native stack).
 * Installed by the program and by the launcher's early paths.
 */
export function endQuietlyOnEpipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (e.code === 'EIO') hangUp();
      throw e;
    });
  }
}

function hangUp(): void {
  process.removeAllListeners('SIGHUP');
  process.kill(process.pid, 'SIGHUP');
  // the signal is taken on the way out of the kill() system call; this is not reached
  process.kill(process.pid, 'SIGKILL');
}
