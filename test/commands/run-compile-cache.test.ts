// `run FILE` keeps the compiled program of a file without #include (src/commands/compiled-cache.ts)
// and runs it again without compiling; what runs is always what the file says now.
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, requireBuiltCli, runBuiltCli, tempDir } from '../common.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

function setup(): { home: string; file: string; run: (...args: string[]) => ReturnType<typeof runBuiltCli>; entries: () => string[] } {
  const home = tempDir('crms-cc-');
  const file = join(home, 'script.crm');
  const dir = join(home, 'cache', 'compiled'); // CRMSCRIPT_TUI_HOME names the data directory: its cache/
  return {
    home,
    file,
    run: (...args) => runBuiltCli(['run', file, ...args], { CRMSCRIPT_TUI_HOME: home, CRMSCRIPT_TUI_STORE: '' }),
    entries: () => {
      try {
        return readdirSync(dir).map((n) => join(dir, n));
      } catch {
        return [];
      }
    },
  };
}

describe('the cache of compiled programs of run FILE', () => {
  it('keeps a compile and runs it again, and a changed file runs as it now reads', () => {
    const t = setup();
    writeFileSync(t.file, 'printLine("one");\n');
    expect(t.run().out).toBe('one\n');
    expect(t.entries()).toHaveLength(1);
    expect(t.run().out).toBe('one\n');
    expect(t.entries()).toHaveLength(1);
    writeFileSync(t.file, 'printLine("two");\n');
    expect(t.run().out).toBe('two\n');
    expect(t.entries()).toHaveLength(2);
  });

  it('reports a run-time error at the same place on a cached run', () => {
    const t = setup();
    writeFileSync(t.file, 'Integer a = 1;\nInteger b = 0;\nprintLine((a / b).toString());\n');
    const first = t.run();
    const second = t.run();
    expect(first.err).toMatch(/script\.crm:3:\d+: error: division by zero/);
    expect(second.err).toBe(first.err);
    expect(second.code).toBe(first.code);
  });

  it('ignores an entry that does not read back whole, and writes it anew', () => {
    const t = setup();
    writeFileSync(t.file, 'printLine("whole");\n');
    t.run();
    const [entry] = t.entries();
    const text = readFileSync(entry!, 'utf8');
    writeFileSync(entry!, text.slice(0, text.length / 2));
    expect(t.run().out).toBe('whole\n');
    expect(JSON.parse(readFileSync(entry!, 'utf8')).compiled.file).toBe(t.file);
    // an entry that parses but is not a program
    writeFileSync(entry!, JSON.stringify({ compiled: { code: 42 }, diagnostics: [] }));
    expect(t.run().out).toBe('whole\n');
  });

  it('keeps neither a script that does not compile nor one with #include', () => {
    const t = setup();
    writeFileSync(t.file, 'Integer x = ;\n');
    const r = t.run();
    expect(r.err).toMatch(/script\.crm:1:13: error: /);
    expect(t.entries()).toHaveLength(0);
    writeFileSync(join(t.home, 'lib.crm'), 'String greeting() { return "hi"; }\n');
    writeFileSync(t.file, '#include "lib";\nprintLine(greeting());\n');
    expect(t.run().out).toBe('hi\n');
    writeFileSync(join(t.home, 'lib.crm'), 'String greeting() { return "hello"; }\n');
    expect(t.run().out).toBe('hello\n');
    expect(t.entries()).toHaveLength(0);
  });
});
