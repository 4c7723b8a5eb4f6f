// Runs in worker threads: the built worker in dist/ is used (npm test builds first).
import { describe, it, expect } from 'vitest';
import { compileScript } from '../../../src/interp/compile-script.js';
import { runIsolated } from '../../../src/interp/isolation/isolate.js';

function compiled(source: string) {
  const c = compileScript({ source, file: 'iso.crm' });
  if (!c.compiled) throw new Error(c.diagnostics.map((d) => d.message).join('\n'));
  return c.compiled;
}

describe('isolated runs', () => {
  it('runs a script and returns its output, variables and event changes', async () => {
    const r = await runIsolated(
      compiled('printLine("v=" + getVariable("v"));\nsetVariable("w", "2");\nEventData ed = getEventData();\ned.setOutputValue("o", ed.getInputValue("i") + "!");'),
      { variables: { v: '1' }, inputs: { i: 'in' } },
    ).result;
    expect(r.ok).toBe(true);
    expect(r.output).toBe('v=1\n');
    expect(r.variables.w).toBe('2');
    expect(r.event.outputs).toEqual({ o: 'in!' });
  });

  it('stops a runaway loop at the time limit', async () => {
    const r = await runIsolated(compiled('printLine("start");\nwhile (true) { }'), { timeoutMs: 500 }).result;
    expect(r.ok).toBe(false);
    expect(r.stopped).toBe('timeout');
    expect(r.output).toBe('start\n');
    expect(r.error?.message).toMatch(/longer than the time limit \(0\.5 s\)/);
  });

  it("counts the script's running time against the limit, not its worker's start", async () => {
    const slowStart = new URL('./fixtures/slow-start-worker.mjs', import.meta.url);
    const quick = await runIsolated(compiled('printLine("done");'), { timeoutMs: 300, worker: slowStart }).result;
    expect(quick.ok).toBe(true);
    expect(quick.output).toBe('done\n');
    const endless = await runIsolated(compiled('while (true) { }'), { timeoutMs: 300, worker: slowStart }).result;
    expect(endless.stopped).toBe('timeout');
  });

  it('stops a run on request', async () => {
    // stopped once the script is seen running (its first output arrives), not after a guessed delay
    const run = runIsolated(compiled('while (true) { printLine("running"); sleep(0.06); }'), { onOutput: () => run.stop() });
    const r = await run.result;
    expect(r.stopped).toBe('stopped');
    expect(r.error?.message).toBe('the run was stopped');
  });

  it('stops a script that uses more memory than allowed', async () => {
    const r = await runIsolated(compiled('String[] a;\nString s = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";\nwhile (true) { a.pushBack(s + a.length().toString()); }'), { memoryMb: 32, timeoutMs: 30000 }).result;
    expect(r.ok).toBe(false);
    expect(r.stopped).toBe('memory');
    expect(r.error?.message).toMatch(/memory limit of 32 MB/);
  });

  it('streams output while the script is still running', async () => {
    const chunks: string[] = [];
    const r = await runIsolated(compiled('for (Integer i = 0; i < 3; i++) { printLine(i.toString()); sleep(0.1); }'), { onOutput: (s) => chunks.push(s) }).result;
    expect(r.output).toBe('0\n1\n2\n');
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('reports an uncaught error with its script position', async () => {
    const r = await runIsolated(compiled('printLine("a");\nthrow "stop here";')).result;
    expect(r.output).toBe('a\n');
    expect(r.error).toMatchObject({ message: 'GeneralException: stop here', file: 'iso.crm', line: 2, col: 1 });
  });

  it('keeps runProgram off unless enabled', async () => {
    const src = 'printLine(runProgram("echo hi").stripTrailing("\\n"));';
    const off = await runIsolated(compiled(src)).result;
    expect(off.error?.message).toMatch(/disabled.*--allow-run-program/);
    const on = await runIsolated(compiled(src), { features: { runProgram: true } }).result;
    expect(on.output).toBe('hi\n');
  });
});
