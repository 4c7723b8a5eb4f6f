/**
 * Breakpoints: toggled on a line (a line without a statement gives its breakpoint to the next
 * line that has one), and kept per stored script (the script's `breakpoints` field), by the file
 * name a debug run gives the script ("store:<include name or name>").
 */
import type { Store } from '../../store/store.js';
import type { Script, StoreData } from '../../store/schema.js';
import { scriptFileName } from '../../run/script.js';
import type { BreakpointStore, DebuggerSession, DebugSource } from './types.js';

/**
 * The breakpoint lines of `file` once the one at `line` is toggled (sorted), with a note when it
 * went to another line; an error when no line from `line` on holds a statement.
 */
export function toggledBreakpoints(session: DebuggerSession, file: string, line: number): { lines: number[]; note: string | null } | { error: string } {
  const current = session.breakpoints(file);
  // A line without a statement takes the breakpoint of the next line that has one.
  const at = current.includes(line) ? line : session.breakableLine(line, file);
  if (at === null) return { error: `There is no statement at or after line ${line} to break at.` };
  const removing = current.includes(at);
  const next = removing ? current.filter((l) => l !== at) : [...current, at];
  const note = at !== line ? `Line ${line} holds no statement; ${removing ? 'cleared the breakpoint of' : 'the breakpoint goes on'} line ${at}.` : null;
  return { lines: [...new Set(next)].sort((a, b) => a - b), note };
}

export function scriptForFile(d: StoreData, file: string): Script | undefined {
  if (!file.startsWith('store:')) return undefined;
  return d.scripts.find((s) => scriptFileName(s) === file);
}

/** The breakpoints of every stored script among `files`, for DebugRunOptions.breakpoints. */
export function storedBreakpoints(d: StoreData, files: readonly string[]): { file: string; lines: number[] }[] {
  const out: { file: string; lines: number[] }[] = [];
  for (const file of files) {
    const lines = scriptForFile(d, file)?.breakpoints ?? [];
    if (lines.length > 0) out.push({ file, lines: [...lines] });
  }
  return out;
}

/**
 * A BreakpointStore over the store. `update` writes (the TUI passes its store
 * bridge so the screens re-render at once); default: store.update.
 */
export function storeBreakpoints(store: Store, update: (fn: (d: StoreData) => void) => Promise<unknown> = (fn) => store.update(fn)): BreakpointStore {
  return {
    load(file) {
      const s = scriptForFile(store.read(), file);
      return s ? [...(s.breakpoints ?? [])] : null;
    },
    async save(file, lines) {
      const sorted = [...new Set(lines)].sort((a, b) => a - b);
      await update((d) => {
        const s = scriptForFile(d, file);
        // Not updateScript: breakpoints are no change to the script, so updatedAt stays.
        if (s) s.breakpoints = sorted;
      });
    },
  };
}

/** Every file of a run: the entry file and its includes. */
export function sourceFiles(src: DebugSource | undefined, entry: string): string[] {
  return src ? [src.file, ...Object.values(src.includes).map((i) => i.file)] : [entry];
}

/**
 * Breakpoints kept with the scripts, for a run started elsewhere (the CLI, another process):
 * set for each file where the run has none yet, so what another debugger set is left alone.
 */
export async function applyKeptBreakpoints(session: DebuggerSession, bp: BreakpointStore, files: readonly string[]): Promise<void> {
  for (const file of files) {
    const kept = bp.load(file);
    if (!kept || kept.length === 0 || session.breakpoints(file).length > 0 || session.state === 'terminated') continue;
    await session.setBreakpoints(kept, file).catch(() => undefined);
  }
}
