// The hooked compile mode: the fast path is untouched, the hooked code carries a statement
// table that matches the source, and runs to the same result.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScript } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newRunContext } from '../../../src/interp/runtime/context.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const sample = fixture('sample.crm');

const noHooks = { stmt() {}, enter() {}, enter1() {}, enter2() {}, leave() {}, thrown() {}, ti() {}, to() {}, fnTable() {} };

function run(mode: 'fast' | 'hooked'): { output: string; error: string | null } {
  const c = compileScript({ source: sample, file: 'sample.crm', mode }).compiled!;
  let output = '';
  const r = execute(c, newRunContext({ out: (s) => (output += s) }), mode === 'hooked' ? (noHooks as never) : undefined);
  return { output, error: r.error?.message ?? null };
}

describe('hooked compile mode', () => {
  it('leaves the fast compile output exactly as it was', () => {
    const fast = compileScript({ source: sample, file: 'sample.crm' }).compiled!;
    expect(fast.code + '\n').toBe(fixture('sample.fast.js'));
    expect(JSON.parse(fixture('sample.fast.json'))).toEqual({ lineMap: fast.lineMap, natives: fast.natives });
    expect(fast.debug).toBeUndefined();
    expect(fast.code).not.toMatch(/\$h\.(stmt|enter|leave)\(/);
  });

  it('emits statement hooks, a call stack and a statement table', () => {
    const hooked = compileScript({ source: sample, file: 'sample.crm', mode: 'hooked' }).compiled!;
    const fast = compileScript({ source: sample, file: 'sample.crm' }).compiled!;
    expect(hooked.code).not.toBe(fast.code);
    const info = hooked.debug!;
    const ids = [...hooked.code.matchAll(/\$h\.stmt\((\d+)\)/g)].map((m) => Number(m[1]));
    // every statement id is emitted exactly once, in order
    expect(ids).toEqual(info.stmts.map((_, i) => i));
    // each statement sits where a statement starts in the source
    const lines = sample.split('\n');
    for (const s of info.stmts) expect(lines[s.line - 1].slice(s.col - 1)).toMatch(/^(if|for|foreach|while|return|try|Integer|String|Point|Map|Generic|printLine|list|bump|p\.|m\.|k\+\+|continue|break|counter|x \+=)/);
    expect(info.fns.map((f) => f.name)).toEqual(['(main)', 'Point.sum', 'Point.move', 'fib', 'describe', 'bump']);
    expect(info.fns[2].locals.map((l) => l.name)).toEqual(['this', 'dx']);
    expect(info.fns[0].locals.filter((l) => l.global !== undefined).map((l) => l.name)).toEqual(['counter', 'p', 'list', 'm', 'k', 'g']);
    expect((hooked.code.match(/\$h\.enter[12]?\(/g) ?? []).length).toBe(info.fns.length);
    // the whole table survives a trip through JSON (it travels to the worker and over sockets)
    expect(JSON.parse(JSON.stringify(info))).toEqual(info);
  });

  it('runs to the same output as the fast code', () => {
    const fast = run('fast');
    expect(fast.output).toBe('two\ndivision by zero at sample.crm:43:18\n5\n5 4\n');
    expect(run('hooked')).toEqual(fast);
  });

  it('keeps block scoping when locals are hoisted: a block local does not hide a global after the block', () => {
    const src = `Integer g = 1;
Integer f() {
  { Integer g = 50; g++; }
  return g;
}
printLine(f().toString());`;
    const out = (mode: 'fast' | 'hooked'): string => {
      let o = '';
      execute(compileScript({ source: src, file: 't.crm', mode }).compiled!, newRunContext({ out: (s) => (o += s) }), mode === 'hooked' ? (noHooks as never) : undefined);
      return o;
    };
    expect(out('fast')).toBe('1\n');
    expect(out('hooked')).toBe('1\n');
  });
});
