// Which statements of a hooked program may assign variables, read from its generated code. The
// trace recorder compares a frame's locals with the values it recorded last only after such a
// statement (see frames.ts), and then only the locals the statement assigns when it knows them.

export interface Writes {
  /** Per statement: 1 when it may assign a local of its own frame. */
  local: Uint8Array;
  /** Per statement: 1 when it may assign a global from inside a function. */
  global: Uint8Array;
  /**
   * Per statement: the locals of its own frame it may assign (their indices), or null when that
   * is not known (compare them all). Meaningful where `local` is 1.
   */
  slots: (Int32Array | null)[];
}

/**
 * Which statements may assign a local of their own frame (`local`, and which: `slots`) or a global
 * from inside a function (`global`), read from the generated code: the text after `$h.stmt(N)`
 * up to the next hook is statement N's, and every assignment of a variable also stores it into
 * its frame slot, `$f[i] = ...` (the function's own) or `$g[i] = ...` (the main body's, i.e. a
 * global). A function's code starts at its `$h.enter(id, ...)`. The text before the first hook
 * of a line also counts for every hook on that line: a `for` loop's condition, evaluated after
 * its update (`($h.stmt(N), ...)`), stands there. Over-approximation is harmless (one more
 * comparison); assignments elsewhere (a foreach variable on the next round, catch variables) are
 * covered by the loop and catch rules of the hook.
 */
export function analyzeWrites(code: string, stmtCount: number): Writes {
  const local = new Uint8Array(stmtCount);
  const global = new Uint8Array(stmtCount);
  const sets: (Set<number> | null)[] = new Array<Set<number> | null>(stmtCount).fill(null);
  const unknown = new Uint8Array(stmtCount);
  let cur = -1;
  let main = true;
  const enterRe = /\$h\.enter[12N]?\((\d+)[,)]/;
  const assignRe = /\$([fg])\[([^\]]*)\] = /g;
  const mark = (at: number, text: string): void => {
    if (at < 0 || at >= stmtCount) return;
    assignRe.lastIndex = 0;
    for (let m = assignRe.exec(text); m; m = assignRe.exec(text)) {
      if (main || m[1] === 'f') {
        local[at] = 1;
        if (/^\d+$/.test(m[2])) (sets[at] ??= new Set()).add(Number(m[2]));
        else unknown[at] = 1;
      } else global[at] = 1;
    }
  };
  for (const line of code.split('\n')) {
    const e = enterRe.exec(line);
    if (e) {
      main = e[1] === '0';
      cur = -1;
      continue;
    }
    const parts = line.split(/(?:\$h\.stmt|\$r\.slow)\((\d+)\)/);
    mark(cur, parts[0]);
    for (let i = 1; i < parts.length; i += 2) {
      cur = Number(parts[i]);
      mark(cur, parts[0]);
      mark(cur, parts[i + 1]);
    }
  }
  const slots = sets.map((s, i) => (s && !unknown[i] ? Int32Array.from([...s].sort((a, b) => a - b)) : null));
  return { local, global, slots };
}
