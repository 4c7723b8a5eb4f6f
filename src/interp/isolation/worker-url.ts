import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * A worker entry as Node can load it. `entry` is the compiled module beside the module that starts
 * the worker (`new URL('./worker.js', import.meta.url)`, or a module's own URL); when that runs from TypeScript sources
 * (vitest), there is no .js beside it and the entry is its built copy under dist/ (the test run's
 * global setup builds it first, see test/setup/build.ts).
 */
export function workerUrl(entry: URL): URL {
  const path = fileURLToPath(entry).replace(/\.tsx?$/, '.js');
  if (existsSync(path)) return pathToFileURL(path);
  const i = path.lastIndexOf(`${sep}src${sep}`);
  if (i < 0) return entry;
  return pathToFileURL(`${path.slice(0, i)}${sep}dist${path.slice(i)}`);
}
