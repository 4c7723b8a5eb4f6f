// File access for imports and exports that a crafted tree or name cannot turn against the host:
// paths that must stay inside a directory, and reads of regular files only (a symbolic link is
// not followed, a FIFO or device is refused without blocking on it).
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { CliError } from './common.js';
import { describeFsError } from '../store/errors.js';

/** `dir` joined with `parts`; throws when the result would lie outside `dir` (a "..", an absolute part). */
export function insideDir(dir: string, ...parts: string[]): string {
  const root = resolve(dir);
  const path = resolve(root, ...parts);
  if (path !== root && !path.startsWith(root + sep)) {
    throw new CliError(`Refusing to write ${path}: it is outside ${root} (a name holds ".." or "/").`);
  }
  return path;
}

/** The text of a regular file; links, pipes, sockets and devices are refused. */
export function readRegularFile(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw new CliError(`${path} is not a plain file; an import reads only plain files.`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** A plain file's text for a command (a script's source); a problem is a CliError naming the file. */
export function readText(path: string): string {
  try {
    return readRegularFile(path);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`Cannot read ${path}: ${describeFsError(e)}.`);
  }
}
