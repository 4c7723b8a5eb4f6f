// Breakpoints as a DAP client sees them: the lines it asked for in each file (kept until the run
// starts), the ids given to them, and where each one landed (the first statement at or after
// its line) or why it is not verified.
import type { CompiledProgram } from '../interp/compiler.js';
import type { Json } from './dap-wire.js';

const NO_STATEMENT = 'There is no statement at or after this line.';

/** Where breakpoints on `lines` of `file` land before a session exists (the next line with a statement). */
export function placeOnStatements(c: CompiledProgram | undefined, file: string, lines: number[]): number[] {
  if (!c?.debug) return lines;
  const have = [...new Set(c.debug.stmts.filter((s) => (s.file ?? c.file) === file).map((s) => s.line))].sort((x, y) => x - y);
  return [...new Set(lines.map((l) => have.find((h) => h >= l)).filter((l): l is number => l !== undefined))].sort((x, y) => x - y);
}

export class DapBreakpoints {
  /** Requested breakpoint lines per file (1-based), kept for a session that has not started yet. */
  readonly wanted = new Map<string, number[]>();
  private ids = new Map<string, { id: number; line: number }[]>();
  private nextId = 1;

  /**
   * @param toClient a 1-based line as the client counts lines
   * @param source the DAP Source of a file
   */
  constructor(
    private readonly toClient: (line: number) => number,
    private readonly source: (file: string) => Json,
  ) {}

  /**
   * Records the lines requested for `file` and answers setBreakpoints: one entry per requested
   * line, in order; `actual` is where the session placed them (null: no session to ask yet).
   */
  set(file: string, requested: number[], actual: number[] | null): Json[] {
    this.wanted.set(file, requested);
    const placed = new Set(actual ?? []);
    const ids: { id: number; line: number }[] = [];
    const out = requested.map((line) => {
      const at = actual ? (actual.find((l) => l >= line && placed.has(l)) ?? null) : null;
      const id = this.nextId++;
      ids.push({ id, line: at ?? line });
      if (!actual) return { id, verified: false, line: this.toClient(line), message: 'Set when the script starts.' };
      if (at === null) return { id, verified: false, line: this.toClient(line), message: NO_STATEMENT };
      return { id, verified: true, line: this.toClient(at), source: this.source(file) };
    });
    this.ids.set(file, ids);
    return out;
  }

  /** The bodies of the 'breakpoint' events that tell where the breakpoints of `file` ended up. */
  changed(file: string, actual: number[]): Json[] {
    return (this.ids.get(file) ?? []).map((b) => {
      const at = actual.find((l) => l >= b.line);
      return {
        reason: 'changed',
        breakpoint: at !== undefined ? { id: b.id, verified: true, line: this.toClient(at), source: this.source(file) } : { id: b.id, verified: false, message: NO_STATEMENT },
      };
    });
  }
}
