import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BUILT = `${sep}dist${sep}src${sep}`;
const BUNDLED = `${sep}dist${sep}bundle${sep}`;

/**
 * The built copy of a file beside a module (`new URL('./x.js', import.meta.url)`): the file itself,
 * or, when the module runs from TypeScript sources (vitest) and there is no such file beside it,
 * its copy under dist/ (the test run's global setup builds it first, see test/setup/build.ts).
 */
export function builtCopy(file: URL): URL {
  const path = fileURLToPath(file).replace(/\.tsx?$/, '.js');
  if (existsSync(path)) return pathToFileURL(path);
  const i = path.lastIndexOf(`${sep}src${sep}`);
  if (i < 0) return file;
  return pathToFileURL(`${path.slice(0, i)}${sep}dist${path.slice(i)}`);
}

/**
 * A worker entry as Node can load it. `entry` is the compiled module beside the module that starts
 * the worker (`new URL('./worker.js', import.meta.url)`, or a module's own URL), or its built copy
 * (see builtCopy). When the build bundled the entry (dist/bundle/, scripts/bundle.mjs), the worker
 * starts from the bundle, which loads in a few files instead of its whole module graph: its
 * CommonJS bundle (`.cjs`) when there is one, which spares the worker setting up Node's ES module
 * loader before it can run anything.
 */
export function workerUrl(entry: URL): URL {
  const built = builtCopy(entry);
  if (built === entry) return entry;
  const path = fileURLToPath(built);
  const i = path.lastIndexOf(BUILT);
  if (i < 0) return built;
  const bundled = `${path.slice(0, i)}${BUNDLED}${path.slice(i + BUILT.length)}`;
  const commonJs = bundled.replace(/\.js$/, '.cjs');
  if (commonJs !== bundled && existsSync(commonJs)) return pathToFileURL(commonJs);
  return existsSync(bundled) ? pathToFileURL(bundled) : built;
}
