// Bundles what `crmscript-tui` loads at start-up into dist/bundle/ (after tsc wrote dist/src/):
// the command-line program (src/cli-program.tsx, with the command modules it loads on demand as
// chunks) and the run worker's entry (src/crm/worker/run-worker.ts). Node 20 spends most of a
// start in its ES module loader (resolving, reading and linking some 100 files, twice: in the
// main thread and in the run's worker), and a handful of files cost far less than a hundred.
// The built launcher (dist/src/cli.js) is pointed at the bundles of what it imports; worker-url.ts
// starts a worker entry's bundle when there is one. Everything else in dist/src/ stays as tsc
// made it (a build without this step runs the same program unbundled).
//
// Packages stay in node_modules (loaded as before), except commander, which every command loads
// and whose seven CommonJS files cost more to load than to run: they become one CommonJS file,
// commander.cjs, which the program loads with the build's V8 code cache (src/grammar/code-cache.ts,
// scripts/code-cache.mjs) — Node 20 keeps no code cache for ES modules — and whose node:child_process
// is loaded on first use (see lazyChildProcess). A module that finds files beside
// itself (`new URL('./x', import.meta.url)`, `createRequire(import.meta.url)`) keeps finding
// them: its `import.meta.url` becomes the URL of its own copy in dist/src/.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { build } from 'rolldown';

const src = resolve('dist/src');
const out = resolve('dist/bundle');
/** Entries, by their path under dist/src/ (and so under dist/bundle/). */
const ENTRIES = ['cli-program', 'commands/run-early', 'commands/list-early', 'crm/worker/run-worker'];
/** The entries the launcher (dist/src/cli.js) imports. */
const LAUNCHED = ['cli-program', 'commands/run-early', 'commands/list-early'];
/** Packages loaded from a CommonJS bundle of their own with the code cache (see cachedPackage). */
const CACHED_PACKAGES = ['commander'];
const codeCache = resolve(src, 'grammar/code-cache.js');
const MARK = '__crmscriptModuleUrl__';

/**
 * Stands for a module's own URL until its chunk's place is known (see renderChunk). `ownUrl` is how
 * a chunk names its own URL: import.meta.url in an ES module, its file name in a CommonJS one.
 */
const moduleUrl = (ownUrl = 'import.meta.url') => ({
  name: 'module-url',
  transform(code, id) {
    if (!code.includes('import.meta.url') || !id.startsWith(src + sep)) return null;
    return code.replaceAll('import.meta.url', `${MARK}(${JSON.stringify(relative(src, id).split(sep).join('/'))})`);
  },
  renderChunk(code, chunk) {
    const from = dirname(resolve(out, chunk.fileName));
    return code.replace(new RegExp(`${MARK}\\("([^"]+)"\\)`, 'g'), (_, path) => {
      const rel = relative(from, resolve(src, path)).split(sep).join('/');
      return `new URL(${JSON.stringify(rel)}, ${ownUrl}).href`;
    });
  },
});

/** The modules `path` imports statically, itself included (read from tsc's output: plain import lines). */
function closure(path, seen = new Set()) {
  if (seen.has(path)) return seen;
  seen.add(path);
  const code = readFileSync(path, 'utf8');
  for (const m of code.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gm)) closure(resolve(dirname(path), m[1] ?? m[2]), seen);
  return seen;
}

// What `crmscript-tui run FILE` loads goes into a few chunks instead of one per set of importers:
// what both threads load (shared), what only the run worker loads (the runtime: execution and the
// standard library), what the main thread adds to check and compile the script, and the rest of
// the `run` command.
const workerEntry = resolve(src, 'crm/worker/run-worker.js');
const worker = closure(workerEntry);
// the entry and the modules it imports for their effects (they set the worker up) stay the worker's own
worker.delete(workerEntry);
for (const m of readFileSync(workerEntry, 'utf8').matchAll(/^import\s+'(\.[^']+)'/gm)) worker.delete(resolve(dirname(workerEntry), m[1]));
const compiler = closure(resolve(src, 'interp/compile-script.js'));
const runCommand = closure(resolve(src, 'commands/run.js'));
const main = new Set([...compiler, ...runCommand]);
// What every command loads (the store, the commands' common pieces) and `run` loads too is a chunk of
// its own (command-base), not part of the run command's: that chunk loads the run worker's pool
// (node:worker_threads, node:os), which `scripts list` would otherwise load for a URL check and an
// error class. It comes first: a group takes the modules its modules import.
const everyCommand = new Set([...closure(resolve(src, 'store/store.js')), ...closure(resolve(src, 'commands/common.js'))]);
// Modules of the engine that the commands use too and that import nothing (an error message, a plural,
// the CRMScript error class), in a chunk of their own: in 'shared' they would make every command load
// the engine's memory limits, which load node:v8 and node:vm.
const engineLeaves = new Set(['interp/util/error-message.js', 'interp/util/plural.js', 'interp/runtime/values.js'].map((p) => resolve(src, p)));
// What `run FILE` loads to start its worker before anything else (commands/run-early.ts): a chunk of
// its own, so that asking for the worker does not wait for the run command's chunk to load.
const earlyWorker = new Set(['interp/isolation/early-worker.js', 'crm/run-worker-entry.js'].map((p) => resolve(src, p)));
const groups = [
  // the code cache's loader, which every command loads (commander), stays out of the compiler's chunk
  { name: 'code-cache', priority: 5, test: (id) => id === codeCache },
  { name: 'engine-leaves', priority: 4.5, test: (id) => engineLeaves.has(id) },
  { name: 'early-worker', priority: 4.2, test: (id) => earlyWorker.has(id) },
  { name: 'shared', priority: 4, test: (id) => worker.has(id) && main.has(id) },
  { name: 'runtime', priority: 3, test: (id) => worker.has(id) },
  { name: 'compiler', priority: 2, test: (id) => compiler.has(id) },
  { name: 'command-base', priority: 1.5, test: (id) => runCommand.has(id) && everyCommand.has(id) },
  { name: 'run-command', priority: 1, test: (id) => runCommand.has(id) && !everyCommand.has(id) },
];

/**
 * commander loads node:child_process (and with it node:net, node:dgram and the streams) on start-up
 * for the one thing it spawns, a stand-alone executable sub-command, which crmscript-tui has none of:
 * it is loaded when spawn is first called instead.
 */
const lazyChildProcess = () => ({
  name: 'lazy-child-process',
  transform(code, id) {
    if (!id.split(sep).join('/').endsWith('node_modules/commander/lib/command.js')) return null;
    const eager = "const childProcess = require('node:child_process');";
    if (!code.includes(eager) || code.match(/childProcess\.(\w+)/g).some((m) => m !== 'childProcess.spawn')) {
      throw new Error(`${id} no longer uses node:child_process as scripts/bundle.mjs expects: update lazyChildProcess`);
    }
    return code.replace(eager, "let childProcessModule;\nconst childProcess = { spawn: (...args) => (childProcessModule ??= require('node:child_process')).spawn(...args) };");
  },
});

const external = (id) => !(id.startsWith('.') || id.startsWith('/') || /^[A-Za-z]:/.test(id) || CACHED_PACKAGES.includes(id));

/**
 * `import … from 'commander'` in the program's bundle: a module that loads dist/bundle/commander.cjs
 * through the code cache and hands on its exports. The URL is that of dist/src/cli-program.js
 * rewritten per chunk by moduleUrl, so the path holds from whichever chunk this lands in.
 */
const cachedPackage = {
  name: 'cached-package',
  resolveId(id) {
    return CACHED_PACKAGES.includes(id) ? `\0cached:${id}` : null;
  },
  load(id) {
    if (!id.startsWith('\0cached:')) return null;
    const name = id.slice('\0cached:'.length);
    const here = `${MARK}(${JSON.stringify('cli-program.js')})`;
    return (
      `import { fileURLToPath } from 'node:url';\nimport { loadCommonJs } from ${JSON.stringify(codeCache)};\n` +
      `const m = loadCommonJs(fileURLToPath(new URL('../bundle/${name}.cjs', ${here})), '${name}');\n` +
      `export const { Command, CommanderError, Help, Option, Argument, InvalidArgumentError } = m;\nexport default m;\n`
    );
  },
};

rmSync(out, { recursive: true, force: true });
await build({
  input: Object.fromEntries(ENTRIES.map((e) => [e, resolve(src, `${e}.js`)])),
  platform: 'node',
  external,
  plugins: [cachedPackage, moduleUrl()],
  output: { dir: out, format: 'esm', chunkFileNames: 'chunks/[name]-[hash].js', codeSplitting: { groups } },
  logLevel: 'warn',
});

// The run worker once more, as CommonJS (crm/worker/run-worker.cjs, which worker-url.ts starts when it
// is there): a worker started from an ES module first sets up Node's ES module loader, which costs
// it about as much as compiling and running the whole bundle. Its lazily loaded parts (a traced
// run, the CRM database) become chunks of its own, loaded with require(). The entry itself is a
// line that runs the bundle (run-worker-body.cjs) through code-cache.cjs (src/grammar/code-cache.ts),
// which compiles it with the build's V8 code cache (scripts/code-cache.mjs) when that is usable.
await build({
  input: { 'crm/worker/run-worker-body': workerEntry, 'code-cache': resolve(src, 'grammar/code-cache.js') },
  platform: 'node',
  external,
  plugins: [moduleUrl('require("node:url").pathToFileURL(__filename)')],
  output: { dir: out, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'worker-chunks/[name]-[hash].cjs' },
  logLevel: 'warn',
});
// the packages the program loads with the code cache, one CommonJS file each
await build({
  input: Object.fromEntries(CACHED_PACKAGES.map((p) => [p, p])),
  platform: 'node',
  plugins: [lazyChildProcess()],
  output: { dir: out, format: 'cjs', entryFileNames: '[name].cjs' },
  logLevel: 'warn',
});
// a script compiled by node:vm cannot import() (Node 20 wants --experimental-vm-modules for it)
for (const f of ['crm/worker/run-worker-body.cjs', ...CACHED_PACKAGES.map((p) => `${p}.cjs`)]) {
  const code = readFileSync(resolve(out, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  if (/\bimport\s*\(/.test(code)) throw new Error(`dist/bundle/${f} uses import(), which it cannot when compiled with a code cache: use require()`);
}
// The worker's lazily loaded chunks that are big (the CRM half of the natives, a traced run's
// executor, the compiler executeScript needs) are loaded through code-cache.cjs as well, each with
// a cache of its own named after the chunk, instead of a plain require(). (The CRM database's chunk
// import()s sql.js, which a script compiled that way cannot.)
const CACHED_CHUNKS = ['crm-table', 'execute', 'compile-script'];
const workerFiles = ['crm/worker/run-worker-body.cjs', ...readdirSync(resolve(out, 'worker-chunks')).map((f) => `worker-chunks/${f}`)];
for (const f of workerFiles) {
  const file = resolve(out, f);
  const codeCacheModule = relative(dirname(file), resolve(out, 'code-cache.cjs')).split(sep).join('/');
  const text = readFileSync(file, 'utf8').replace(/require\("((?:\.\.?\/)+(?:worker-chunks\/)?)([a-z-]+)-[\w-]{8}\.cjs"\)/g, (all, dir, name) => {
    if (!CACHED_CHUNKS.includes(name)) return all;
    const chunk = all.slice('require("'.length, -'")'.length);
    const code = readFileSync(resolve(dirname(file), chunk), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    if (/\bimport\s*\(/.test(code)) throw new Error(`dist/bundle/worker-chunks/${name} uses import(), which it cannot when compiled with a code cache`);
    return `require(${JSON.stringify(codeCacheModule.startsWith('.') ? codeCacheModule : `./${codeCacheModule}`)}).loadCommonJs(require("node:path").join(__dirname, ${JSON.stringify(chunk)}), ${JSON.stringify(name)})`;
  });
  writeFileSync(file, text);
}
writeFileSync(
  resolve(out, 'crm/worker/run-worker.cjs'),
  `'use strict';\n// The run worker's entry (scripts/bundle.mjs): its bundle, compiled with the build's code cache.\n` +
    `require('../../code-cache.cjs').loadCommonJs(require('node:path').join(__dirname, 'run-worker-body.cjs'), 'run-worker');\n`,
);

// the built launcher loads the bundled program (tsc rewrites the file only when cli.tsx changed)
const launcher = resolve(src, 'cli.js');
let text = readFileSync(launcher, 'utf8');
for (const e of LAUNCHED) {
  const [unbundled, bundled] = [`import('./${e}.js')`, `import('../bundle/${e}.js')`];
  if (text.includes(bundled)) continue;
  if (!text.includes(unbundled)) throw new Error(`${launcher} does not import ./${e}.js: update scripts/bundle.mjs`);
  text = text.replace(unbundled, bundled);
}
writeFileSync(launcher, text);
