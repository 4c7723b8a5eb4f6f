// Compiled programs kept by their source, so that a script run again and again (a scheduled task,
// a trigger binding) is parsed, checked and compiled once. An entry is keyed by the entry file's
// name, its source and the compile mode, and remembers which includes it pulled in with what
// source: a hit re-resolves those names and is only used when every included source is still the
// same. The least recently used entries go first when the cache is full.
import { compileScript, type CompileInput, type CompileOutput, type IncludeResolver } from './compile-script.js';

export type CachedCompile = Omit<CompileOutput, 'program'>;

interface Entry {
  out: CachedCompile;
  /** Every include the compile resolved: name, the file that named it, the source it got (null: none). */
  includes: Array<{ name: string; from: string; source: string | null }>;
}

export class CompileCache {
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(private readonly size = 256) {}

  compile(input: Omit<CompileInput, 'syntaxOnly'>): CachedCompile {
    const key = `${input.mode ?? 'fast'}\u0000${input.file}\u0000${input.source}`;
    const resolve = input.resolveInclude;
    const hit = this.entries.get(key);
    if (hit && hit.includes.every((i) => (resolve?.(i.name, i.from)?.source ?? null) === i.source)) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.hits++;
      return hit.out;
    }
    this.misses++;
    const includes: Entry['includes'] = [];
    const recording: IncludeResolver | undefined = resolve
      ? (name, from) => {
          const found = resolve(name, from);
          includes.push({ name, from, source: found?.source ?? null });
          return found;
        }
      : undefined;
    // without a resolver the engine reads includes from disk: such a compile is not kept
    const { program: _program, ...out } = compileScript({ ...input, resolveInclude: recording });
    if (!resolve) return out;
    this.entries.delete(key);
    this.entries.set(key, { out, includes });
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return out;
  }
}

/** The process's cache (the daemon, the TUI). */
export const compileCache = new CompileCache();
