/**
 * `crmscript-tui ... | head` closes the pipe early: the process ends quietly (with the exit status
 * it has so far) instead of with a stack trace. Installed by the program and by the launcher's
 * early paths.
 */
export function endQuietlyOnEpipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}
