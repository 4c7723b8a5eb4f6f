// Limits of a run in its real worker (issue 13): memory, output, mails. Each hostile script ends
// with a clear `file:line:col` error and the test process (the host) carries on.
import { describe, it, expect } from 'vitest';
import { compileScript } from '../../src/interp/compile-script.js';
import { runIsolated, type RunOptions } from '../../src/interp/isolation/isolate.js';

function compiled(source: string) {
  const c = compileScript({ source, file: 'limits.crm' });
  if (!c.compiled) throw new Error(c.diagnostics.map((d) => d.message).join('\n'));
  return c.compiled;
}

const run = (source: string, opts: RunOptions = {}) => runIsolated(compiled(source), { timeoutMs: 120_000, ...opts }).result;

describe('the memory limit', () => {
  it('ends a Map that grows without end, at the insert, and the host carries on', async () => {
    const r = await run('Map m;\nInteger i = 0;\nwhile (true) { m.insert(i.toString(), ""); i++; }', { memoryMb: 64 });
    expect(r.ok).toBe(false);
    expect(r.stopped).toBe('memory');
    expect(r.error).toMatchObject({ message: 'the script used more than the memory limit of 64 MB', file: 'limits.crm', line: 3 });
    // the host process is alive and runs the next script
    expect((await run('printLine("still here");')).output).toBe('still here\n');
  });

  it('refuses a fixed array larger than the budget before allocating it', async () => {
    const r = await run('printLine("before");\nInteger[50000000] a;\nprintLine("after");', { memoryMb: 256 });
    expect(r.output).toBe('before\n');
    expect(r.error).toMatchObject({ message: 'the script used more than the memory limit of 256 MB', line: 2 });
    const md = await run('Integer[20000][20000] grid;', { memoryMb: 64 });
    expect(md.error?.message).toBe('the script used more than the memory limit of 64 MB');
  });

  it('holds growing arrays, Vectors, StringMatrix, XML and JSONBuilder to the budget', async () => {
    const scripts = [
      'String[] a;\nwhile (true) { a.pushBack("abcdefghijabcdefghij" + a.length().toString()); }',
      // pushBack of a value type is compiled inline: the budget still counts each slot
      'Integer[] a;\nwhile (true) { a.pushBack(a.length()); }',
      'Float[] f;\nwhile (true) { f.pushBack(0.5); }',
      'Vector v;\nInteger i = 0;\nwhile (true) { v.pushBack("value number " + i.toString()); i++; }',
      'StringMatrix m;\nwhile (true) { m.addCell("cell"); }',
      'StringMatrix m;\nm.addRow();\nm.setCell(0, 2000000000, "far");',
      'XMLNode root = XMLNode("root");\nwhile (true) { XMLNode c = XMLNode("child"); c.setText("text"); root.addChild(c); }',
    ];
    for (const s of scripts) {
      const r = await run(s, { memoryMb: 48 });
      expect(r.error?.message, s).toBe('the script used more than the memory limit of 48 MB');
      expect(r.error?.line, s).toBeGreaterThan(0);
    }
  });

  it('is not something a script can catch and ignore', async () => {
    const r = await run('Map m;\nInteger i = 0;\ntry { while (true) { m.insert(i.toString(), "x"); i++; } } catch { printLine("caught"); }\nprintLine("went on");', { memoryMb: 48 });
    expect(r.output).toBe('');
    expect(r.error?.message).toBe('the script used more than the memory limit of 48 MB');
  });

  it('lets a script that fits run to the end', async () => {
    const r = await run('Map m;\nfor (Integer i = 0; i < 200000; i++) { m.insert(i.toString(), "v"); }\nInteger[1000000] a;\nprintLine(m.size().toString());', { memoryMb: 64 });
    expect(r.error).toBeNull();
    expect(r.output).toBe('200000\n');
  });

  it('reports a String too long to exist as a script error, not an internal one', async () => {
    const r = await run('String s = "x";\nwhile (true) { s = s + s; }', { memoryMb: 256 });
    expect(r.error?.message).toMatch(/^the text is too long/);
    expect(r.error?.line).toBe(2);
  });
});

describe('the output limit', () => {
  it('ends a run that prints more than its limit, keeping what fits', async () => {
    const src = 'String s = "0123456789";\nInteger i = 0;\nwhile (i < 17) { s = s + s; i++; }\nwhile (true) { print(s); }';
    const r = await run(src, { outputMb: 2 });
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ message: 'the script printed more than the output limit of 2 MB and was stopped', line: 4 });
    expect(r.output.length).toBe(2 * 1024 * 1024);
  });

  it('defaults to 16 MB', async () => {
    const r = await run('String s = "0123456789abcdef";\nInteger i = 0;\nwhile (i < 20) { s = s + s; i++; }\nwhile (true) { print(s); }');
    expect(r.error?.message).toBe('the script printed more than the output limit of 16 MB and was stopped');
    expect(r.output.length).toBe(16 * 1024 * 1024);
  });

  it('bounds the log the same way', async () => {
    const r = await run('String s = "0123456789";\nInteger i = 0;\nwhile (i < 16) { s = s + s; i++; }\nwhile (true) { logMessage(s); }', { outputMb: 1 });
    expect(r.error?.message).toBe('the script logged more than the log limit of 1 MB and was stopped');
  });
});

describe('mails per run', () => {
  it('stops Email.send after the limit with a clear error', async () => {
    const src = 'Integer i = 0;\nwhile (true) {\n  Email e;\n  e.setValue("to", "x@example.com");\n  e.setValue("subject", i.toString());\n  e.send();\n  i++;\n}';
    const r = await run(src, { mails: 5 });
    expect(r.error).toMatchObject({ line: 6, message: 'Email.send: this run already sent 5 mails, the most one run may send (the store setting mailsPerRun changes it).' });
    expect(r.outbox).toHaveLength(5);
  });

  it('defaults to 100', async () => {
    const r = await run('while (true) { Email e; e.setValue("to", "x@example.com"); e.send(); }');
    expect(r.outbox).toHaveLength(100);
    expect(r.error?.message).toMatch(/already sent 100 mails/);
  });
});
