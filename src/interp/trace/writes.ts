// Which statements of a hooked program may assign variables, read from its generated code. The
// trace recorder compares a frame's locals with the values it recorded last only after such a
// statement (see frames.ts), so that statements that assign nothing cost no comparison.

/**
 * Which statements may assign a local of their own frame (`local`) or a global from inside a
 * function (`global`), read from the generated code: the text after `$h.stmt(N)` up to the next
 * hook is statement N's, and every assignment of a variable also stores it into its frame slot,
 * `$f[i] = ...` (the function's own) or `$g[i] = ...` (the main body's, i.e. a global). A
 * function's code starts at its `$h.enter(id, ...)`. Over-approximation is harmless (one more
 * comparison); assignments elsewhere (a foreach variable on the next round, catch variables) are
 * covered by the loop and catch rules of the hook.
 */
export function analyzeWrites(code: string, stmtCount: number): { local: Uint8Array; global: Uint8Array } {
  const local = new Uint8Array(stmtCount);
  const global = new Uint8Array(stmtCount);
  let cur = -1;
  let main = true;
  const enterRe = /\$h\.enter\((\d+)[,)]/;
  const assignRe = /\$([fg])\[[^\]]*\] = /g;
  const mark = (text: string): void => {
    if (cur < 0 || cur >= stmtCount) return;
    assignRe.lastIndex = 0;
    for (let m = assignRe.exec(text); m; m = assignRe.exec(text)) {
      if (main || m[1] === 'f') local[cur] = 1;
      else global[cur] = 1;
    }
  };
  for (const line of code.split('\n')) {
    const e = enterRe.exec(line);
    if (e) {
      main = e[1] === '0';
      cur = -1;
      continue;
    }
    const parts = line.split(/\$h\.stmt\((\d+)\)/);
    mark(parts[0]);
    for (let i = 1; i < parts.length; i += 2) {
      cur = Number(parts[i]);
      mark(parts[i + 1]);
    }
  }
  return { local, global };
}
