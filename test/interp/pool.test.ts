// Pooled run workers (src/interp/pool.ts through runIsolated): reuse, isolation between runs on
// one worker, replacement after a run that blew its limits, and the queue when all are busy.
// Runs in worker threads: the built worker in dist/ is used (npm test builds first).
import { describe, it, expect, afterEach } from 'vitest';
import { compileScript } from '../../src/interp/compile-script.js';
import { newRunPool, runIsolated } from '../../src/interp/isolation/isolate.js';
import type { WorkerPool } from '../../src/interp/pool.js';

function compiled(source: string) {
  const c = compileScript({ source, file: 'pool.crm' });
  if (!c.compiled) throw new Error(c.diagnostics.map((d) => d.message).join('\n'));
  return c.compiled;
}

let pool: WorkerPool;
afterEach(() => pool?.drain());

describe('the run worker pool', () => {
  it('reuses one worker for runs one after another, with nothing of a run left for the next', async () => {
    pool = newRunPool({ max: 1 });
    const prog = compiled(
      [
        'struct Counter { Integer n; };',
        'Integer calls = 0;',
        'Counter c;',
        'c.n += 1; calls++;',
        'printLine(getVariable("seen") + "|" + c.n.toString() + "|" + calls.toString());',
        'setVariable("seen", "x");',
        'EventData ed = getEventData();',
        'printLine("state=" + ed.getStateValue("s"));',
        'ed.setStateValue("s", "set");',
      ].join('\n'),
    );
    const outputs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await runIsolated(prog, { pool }).result;
      expect(r.ok).toBe(true);
      outputs.push(r.output);
    }
    expect(outputs).toEqual(['|1|1\nstate=\n', '|1|1\nstate=\n', '|1|1\nstate=\n']);
    expect(pool.stats()).toMatchObject({ alive: 1, busy: 0, started: 3 });
  });

  it('replaces a worker whose run hit the time limit, and the next run works', async () => {
    pool = newRunPool({ max: 1 });
    // the worker is up before the timed run starts on it (its start-up does not eat the limit)
    expect((await runIsolated(compiled('printLine("up");'), { pool }).result).output).toBe('up\n');
    const r1 = await runIsolated(compiled('printLine("a");\nwhile (true) { }'), { pool, timeoutMs: 300 }).result;
    expect(r1.stopped).toBe('timeout');
    expect(r1.output).toBe('a\n');
    expect(r1.error?.message).toMatch(/time limit \(0\.3 s\)/);
    const r2 = await runIsolated(compiled('printLine("b");'), { pool }).result;
    expect(r2.ok).toBe(true);
    expect(r2.output).toBe('b\n');
  });

  it('replaces a worker whose run ran out of memory', async () => {
    pool = newRunPool({ max: 1 });
    const hog = compiled('String s = "x";\nString[] a;\nfor (Integer i = 0; i < 100000000; i++) { s = s + "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"; a.pushBack(s); }');
    const r1 = await runIsolated(hog, { pool, memoryMb: 32 }).result;
    expect(r1.stopped).toBe('memory');
    const r2 = await runIsolated(compiled('printLine("after");'), { pool, memoryMb: 32 }).result;
    expect(r2.output).toBe('after\n');
  });

  it('queues runs beyond its size and starts them as workers free up', async () => {
    pool = newRunPool({ max: 1 });
    const order: string[] = [];
    const runs = ['1', '2', '3'].map((n) => runIsolated(compiled(`printLine("${n}");`), { pool, onStart: () => order.push(n) }));
    expect(pool.stats().queued).toBe(2);
    const results = await Promise.all(runs.map((r) => r.result));
    expect(results.map((r) => r.output)).toEqual(['1\n', '2\n', '3\n']);
    expect(order).toEqual(['1', '2', '3']);
    expect(pool.stats()).toMatchObject({ alive: 1, queued: 0 });
  });

  it('lets a run that waits for a worker be stopped before it starts', async () => {
    pool = newRunPool({ max: 1 });
    const long = runIsolated(compiled('while (true) { }'), { pool, timeoutMs: 60_000 });
    let started = false;
    const waiting = runIsolated(compiled('printLine("never");'), { pool, onStart: () => (started = true) });
    waiting.stop();
    const r = await waiting.result;
    expect(r.stopped).toBe('stopped');
    expect(started).toBe(false);
    long.stop();
    expect((await long.result).stopped).toBe('stopped');
    expect(pool.stats().queued).toBe(0);
  });
});
