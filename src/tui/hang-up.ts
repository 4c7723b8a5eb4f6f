/**
 * Ends the process as a hang-up does, by SIGHUP's default action: the terminal is gone (an SSH
 * connection dropped, a tmux server was killed). A normal exit would have Node restore the
 * terminal's settings on a terminal that is gone, which Node 20 treats as a fatal error (an
 * assertion in its ResetStdio, then a crash while printing the native stack).
 */
export function hangUp(): never {
  process.removeAllListeners('SIGHUP');
  process.kill(process.pid, 'SIGHUP');
  // the signal is taken on the way out of the kill() system call; this is not reached
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}
