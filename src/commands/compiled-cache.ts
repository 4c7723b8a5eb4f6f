// `run FILE` keeps what it compiled, as Python keeps __pycache__: the compiled program of a file
// without #include is written to <cache dir>/compiled/ (store/paths.ts resolveCacheDir: the data
// directory's cache/ when one was named, else ~/.cache/crmscript-tui), named by a hash of the build, the file
// name as given and the source, and the next run of the same text skips loading Ohm, parsing,
// checking and compiling. A file with #include is always compiled (its includes could have
// changed); so are traced and debugged runs (other compile modes). A cache entry is used only when
// it reads back whole and well-formed; a build that does not name itself (dist/build-id, written by
// scripts/build-id.mjs) caches nothing. Writes are a temporary file renamed into place, so
// concurrent runs and a kill mid-write leave either the old entry, the new one or none.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledProgram } from '../interp/compiler.js';
import type { ScriptDiagnostic } from '../interp/compile-script.js';

export interface CachedProgram {
  compiled: CompiledProgram;
  diagnostics: ScriptDiagnostic[];
}

const FORMAT = 1;
/** Entries kept: past this many a write removes the least recently used. */
const MAX_ENTRIES = 500;
const KEEP_AFTER_PRUNE = 400;

let buildId: string | null | undefined;

/** The build's identity (dist/build-id); null when there is none (an unbundled development run). */
function currentBuild(): string | null {
  if (buildId === undefined) {
    try {
      buildId = readFileSync(new URL('../../build-id', import.meta.url), 'utf8').trim() || null;
    } catch {
      buildId = null;
    }
  }
  return buildId;
}

export function compiledCacheDir(cacheDir: string): string {
  return join(cacheDir, 'compiled');
}

function entryPath(cacheDir: string, file: string, source: string): string | null {
  const build = currentBuild();
  if (!build) return null;
  const key = createHash('sha256').update(`${FORMAT}\0${build}\0${file}\0${source}`).digest('hex');
  return join(compiledCacheDir(cacheDir), `${key}.json`);
}

function wellFormed(v: unknown, file: string): v is CachedProgram {
  const e = v as Partial<CachedProgram> | null;
  const c = e?.compiled;
  return (
    !!c &&
    typeof c.code === 'string' &&
    Array.isArray(c.lineMap) &&
    Array.isArray(c.natives) &&
    c.natives.every((n) => typeof n === 'string') &&
    c.file === file &&
    Array.isArray(e.diagnostics)
  );
}

/** The cached compile of `source` (the file `file`), or null. */
export function readCompiled(cacheDir: string, file: string, source: string): CachedProgram | null {
  const path = entryPath(cacheDir, file, source);
  if (!path) return null;
  try {
    const entry: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!wellFormed(entry, file)) return null;
    const now = new Date();
    utimesSync(path, now, now);
    return entry;
  } catch {
    return null;
  }
}

/** Keeps a compile for the next run; failures to write (a read-only or full disk) only mean no cache. */
export function writeCompiled(cacheDir: string, file: string, source: string, entry: CachedProgram): void {
  const path = entryPath(cacheDir, file, source);
  if (!path) return;
  try {
    const dir = compiledCacheDir(cacheDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, path);
    prune(dir);
  } catch {
    // no cache this time
  }
}

function prune(dir: string): void {
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= MAX_ENTRIES) return;
  const aged = names.map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs })).sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - KEEP_AFTER_PRUNE)) unlinkSync(join(dir, n));
}
