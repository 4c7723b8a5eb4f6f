import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BUILT = `${sep}dist${sep}src${sep}`;
const BUNDLED = `${sep}dist${sep}bundle${sep}`;

/**
 * A worker entry as Node can load it. `entry` is the compiled module beside the module that starts
 * the worker (`new URL('./worker.js', import.meta.url)`, or a module's own URL); when that runs from TypeScript sources
 * (vitest), there is no .js beside it and the entry is its built copy under dist/ (the test run's
 * global setup builds it first, see test/setup/build.ts). When the build bundled the entry
 * (dist/bundle/, scripts/bundle.mjs), the worker starts from the bundle, which loads in a few
 * files instead of its whole module graph.
 */
export function workerUrl(entry: URL): URL {
  const path = fileURLToPath(entry).replace(/\.tsx?$/, '.js');
  let built = path;
  if (!existsSync(path)) {
    const i = path.lastIndexOf(`${sep}src${sep}`);
    if (i < 0) return entry;
    built = `${path.slice(0, i)}${sep}dist${path.slice(i)}`;
  }
  const i = built.lastIndexOf(BUILT);
  const bundled = i < 0 ? '' : `${built.slice(0, i)}${BUNDLED}${built.slice(i + BUILT.length)}`;
  return pathToFileURL(bundled && existsSync(bundled) ? bundled : built);
}
