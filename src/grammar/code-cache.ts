// Loads a CommonJS file the way require() does, but compiled with a V8 code cache when the build
// left one (dist/code-cache/NAME.v8, written by scripts/code-cache.mjs). Node 20 compiles every
// function of a script the first time it is called; a code cache made after a representative run
// (`run hello.crm`) holds those functions already compiled, which spares `crmscript-tui run` most
// of the compiling of Ohm (the main thread) and of the run worker's bundle (its own thread).
//
// A cache file is the header line (format, Node version, architecture, lengths), a copy of the
// source it was made from, then V8's data. It is used only when the source is byte for byte that
// copy and the rest matches; V8 itself rejects data from another V8 version, other V8 flags or
// of the wrong length (cachedDataRejected). Whatever is wrong (missing, truncated, foreign,
// stale, unreadable), the file is compiled without it, as require() would. Cache files are
// written whole (a temporary file renamed over the old one), so a crash never leaves half of one.
import { mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const FORMAT = 1;
/** The environment variable that makes a process write the caches of what it loads (the build sets it). */
export const WRITE_CODE_CACHE = 'CRMSCRIPT_TUI_WRITE_CODE_CACHE';

interface Header {
  format: number;
  node: string;
  arch: string;
  source: number;
  data: number;
}

/** The environment variable that names another folder for the caches (tests use it). */
export const CODE_CACHE_DIR = 'CRMSCRIPT_TUI_CODE_CACHE_DIR';

/** Where the code cache called `name` is kept: dist/code-cache/ (beside dist/src/ and dist/bundle/), or CRMSCRIPT_TUI_CODE_CACHE_DIR. */
export function codeCachePath(name: string): string {
  const dir = process.env[CODE_CACHE_DIR] || fileURLToPath(new URL('../../code-cache/', import.meta.url));
  return join(dir, `${name}.v8`);
}

/** V8's data in the cache file at `path` when it was made from `source` by this Node; else undefined. */
export function readCodeCache(path: string, source: Buffer): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return undefined;
  }
  const nl = file.indexOf(10);
  if (nl < 0) return undefined;
  let h: Partial<Header>;
  try {
    h = JSON.parse(file.subarray(0, nl).toString('utf8')) as Partial<Header>;
  } catch {
    return undefined;
  }
  if (h.format !== FORMAT || h.node !== process.version || h.arch !== process.arch) return undefined;
  if (h.source !== source.length || typeof h.data !== 'number' || h.data <= 0) return undefined;
  const dataStart = nl + 1 + source.length;
  if (file.length !== dataStart + h.data) return undefined;
  if (!file.subarray(nl + 1, dataStart).equals(source)) return undefined;
  return file.subarray(dataStart);
}

/** Writes the cache file at `path` for `source` whole: a temporary file, then renamed over the old one. */
export function writeCodeCache(path: string, source: Buffer, data: Buffer): void {
  const header: Header = { format: FORMAT, node: process.version, arch: process.arch, source: source.length, data: data.length };
  const tmp = `${path}.${process.pid}.${workerThreads().threadId}.tmp`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(tmp, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), source, data]));
  renameSync(tmp, path);
}

/**
 * Runs the CommonJS file `file` as require() would (its own `require`, `module`, `exports`,
 * `__filename`, `__dirname`) and returns its exports, compiled with the code cache `name` when
 * that is usable. With CRMSCRIPT_TUI_WRITE_CODE_CACHE=1 it writes that cache, with what the
 * thread has compiled of the file by then: in a worker before each message the worker sends (its
 * last message, the run's result, comes before the worker is ended), else when the process exits.
 * The file must not use import() (a script compiled this way cannot; scripts/bundle.mjs checks).
 */
export function loadCommonJs(file: string, name: string): unknown {
  // One instance per file, shared with require(): a chunk the file loads may require() it back
  // (rolldown's CommonJS chunks do), and a second copy would have module state of its own.
  const key = realpathSync(file);
  const req = createRequire(key);
  const known = req.cache[key];
  if (known) return known.exports;
  const source = readFileSync(key);
  const cachePath = codeCachePath(name);
  const cachedData = readCodeCache(cachePath, source);
  const script = commonJsScript(key, source, cachedData);
  if (process.env[WRITE_CODE_CACHE] === '1') writeWhenDone(() => writeCodeCache(cachePath, source, script.createCachedData()));
  const module = new Module(key);
  module.filename = key;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(key));
  req.cache[key] = module;
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  try {
    run.call(module.exports, module.exports, req, module, key, dirname(key));
  } catch (e) {
    delete req.cache[key];
    throw e;
  }
  module.loaded = true;
  return module.exports;
}

/** The CommonJS file `file` (its text `source`) compiled as require() wraps it, with V8's `cachedData` if given. */
export function commonJsScript(file: string, source: Buffer, cachedData?: Buffer): Script {
  const wrapped = `(function (exports, require, module, __filename, __dirname) { ${source.toString('utf8')}\n});`;
  return new Script(wrapped, { filename: file, cachedData });
}

/**
 * node:worker_threads, loaded when a cache is written (the build): every command loads this file
 * for commander, and loading that module costs a fresh process ≈ 5 ms.
 */
const workerThreads = (): typeof import('node:worker_threads') => createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');

function writeWhenDone(write: () => void): void {
  const { isMainThread, parentPort } = workerThreads();
  if (isMainThread || !parentPort) {
    process.on('exit', write);
    return;
  }
  const port = parentPort;
  const post = port.postMessage.bind(port);
  port.postMessage = (...args: Parameters<typeof port.postMessage>) => {
    write();
    post(...args);
  };
}
