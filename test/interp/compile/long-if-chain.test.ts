import { describe, it, expect } from 'vitest';
import { runScript } from '../../helpers.js';

/** A program with an `if` followed by `n` `else if` branches inside a loop; the branches break the loop at the second pass. */
function chain(n: number, start: number): string {
  const lines = [`Integer v = ${start};`, 'Integer i = 0;', 'while (i < 3) {', 'if (v == 0) { printLine("0"); }'];
  for (let k = 1; k <= n; k++) lines.push(` else if (v == ${k}) { printLine("${k}"); if (i == 1) break; }`);
  lines.push(' else { printLine("none"); }', 'i++; v++;', '}', 'printLine("end " + i.toString());');
  return lines.join('\n');
}

describe('long else-if chains', () => {
  it('take the same branch, in the same order, as a short chain, and break leaves the loop', () => {
    for (const n of [5, 300]) {
      expect(runScript(chain(n, n - 1)).output).toBe(`${n - 1}\n${n}\nend 1\n`);
      expect(runScript(chain(n, n)).output).toBe(`${n}\nnone\nnone\nend 3\n`);
    }
  });
});
