// The compile cache: one compile per source, a fresh one when an included source changes.
import { describe, it, expect } from 'vitest';
import { CompileCache } from '../../src/interp/compile-cache.js';
import { execute } from '../../src/interp/execute.js';
import { newRunContext } from '../../src/interp/runtime/context.js';

function output(compiled: Parameters<typeof execute>[0]): string {
  let out = '';
  execute(compiled, newRunContext({ out: (s) => (out += s) }));
  return out;
}

describe('compile cache', () => {
  it('compiles a source once and compiles again when an included source changes', () => {
    const lib: Record<string, string> = { greet: 'String greet() { return "hi"; }' };
    const resolveInclude = (name: string) => (lib[name] ? { source: lib[name], file: `store:${name}` } : null);
    const cache = new CompileCache();
    const input = { source: '#include "greet"\nprintLine(greet());', file: 'store:main', resolveInclude };
    const a = cache.compile(input);
    const b = cache.compile(input);
    expect(b).toBe(a);
    expect(cache.hits).toBe(1);
    expect(output(a.compiled!)).toBe('hi\n');
    lib.greet = 'String greet() { return "hello"; }';
    const c = cache.compile(input);
    expect(c).not.toBe(a);
    expect(output(c.compiled!)).toBe('hello\n');
    expect(cache.misses).toBe(2);
  });

  it('keeps the diagnostics of a source that does not compile, and tells modes apart', () => {
    const cache = new CompileCache();
    const resolveInclude = () => null;
    const bad = cache.compile({ source: 'Integer x = "s";', file: 'bad.crm', resolveInclude });
    expect(bad.compiled).toBeNull();
    expect(cache.compile({ source: 'Integer x = "s";', file: 'bad.crm', resolveInclude }).diagnostics).toEqual(bad.diagnostics);
    const fast = cache.compile({ source: 'printLine("x");', file: 'm.crm', resolveInclude });
    const hooked = cache.compile({ source: 'printLine("x");', file: 'm.crm', resolveInclude, mode: 'hooked' });
    expect(hooked.compiled!.debug).toBeTruthy();
    expect(fast.compiled!.debug).toBeFalsy();
  });

  it('drops the least recently used entry when full', () => {
    const cache = new CompileCache(2);
    const resolveInclude = () => null;
    const src = (n: number) => ({ source: `printLine("${n}");`, file: 'x.crm', resolveInclude });
    const one = cache.compile(src(1));
    cache.compile(src(2));
    cache.compile(src(1));
    cache.compile(src(3));
    expect(cache.compile(src(1))).toBe(one);
    expect(cache.misses).toBe(3);
    cache.compile(src(2));
    expect(cache.misses).toBe(4);
  });
});
