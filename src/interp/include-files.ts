// `#include "name"` from a script file: `name.crm` (or `name`) inside the including file's
// directory tree, a regular file of a sane size. A name that climbs out of that tree ("../..",
// an absolute path, a link leading elsewhere), a device such as /dev/zero, a FIFO or a directory
// is refused with an error the engine reports at the #include line.
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';

/** An include that exists but may not be read; the message is shown at the #include. */
export class IncludeError extends Error {}

/** The largest file an #include reads. */
export const MAX_INCLUDE_BYTES = 4 * 1024 * 1024;

const inside = (root: string, path: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/** The source of `name` for `fromFile`, or null when there is no such file. */
export function readIncludeFile(name: string, fromFile: string): { source: string; file: string } | null {
  const dir = dirname(fromFile);
  const root = resolve(dir);
  if (isAbsolute(name) || !inside(root, resolve(root, name))) {
    throw new IncludeError(`#include "${name}": an included file must be inside the directory of ${fromFile} (${root})`);
  }
  for (const candidate of [join(dir, `${name}.crm`), join(dir, name)]) {
    let st;
    try {
      st = statSync(candidate);
    } catch {
      continue;
    }
    if (st.isDirectory()) continue;
    // a link inside the tree may still lead out of it
    const real = realpathSync(candidate);
    if (!inside(realpathSync(root), real)) {
      throw new IncludeError(`#include "${name}": ${candidate} leads outside the directory of ${fromFile}`);
    }
    const fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const fst = fstatSync(fd);
      if (!fst.isFile()) throw new IncludeError(`#include "${name}": ${candidate} is not a regular file`);
      if (fst.size > MAX_INCLUDE_BYTES) throw new IncludeError(`#include "${name}": ${candidate} is larger than ${MAX_INCLUDE_BYTES / 1024 / 1024} MB`);
      return { source: readFileSync(fd, 'utf8'), file: candidate };
    } finally {
      closeSync(fd);
    }
  }
  return null;
}
