// The two codes of a recording by inputs make the same run: a program compiled in 'recorded' mode
// (the run's fast code, counting ticks and logging its inputs) and in 'replay' mode (traced, given
// the logged answers) print the same, fail the same, count the same ticks and use every answer —
// over the conformance cases, the fuzz seeds and random programs (test/fuzz/generators.ts), run in
// this thread. A stack overflow is the known exception: the replay's frames are larger, so it
// overflows sooner (expand.ts then marks the replay diverged; by-inputs-review.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileScript } from '../../src/interp/compile-script.js';
import { executeByInputs } from '../../src/interp/trace/inputs-run.js';
import { executeTraced } from '../../src/interp/trace/execute.js';
import { InputLog, recordableByInputs } from '../../src/interp/trace/inputs.js';
import { newRunContext } from '../../src/interp/runtime/context.js';
import { STACK_OVERFLOW_MESSAGE } from '../../src/interp/runtime/helpers.js';
import { Rng, randomProgram, SEED_PROGRAMS } from '../fuzz/generators.js';
import { cleanupTempDirs, tempDir } from './helpers.js';

afterEach(cleanupTempDirs);

interface Course {
  output: string;
  error: string | null;
  ticks: number;
  answers: number;
}

/** The run in 'recorded' mode and its replay, or null when the program is not recorded by its inputs. */
function runBoth(source: string): { run: Course; replay: Course } | null {
  const fast = compileScript({ source, file: 't.crm' });
  if (!fast.compiled || !recordableByInputs(fast.compiled.natives)) return null;
  const recorded = compileScript({ source, file: 't.crm', mode: 'recorded' }).compiled!;
  const replayed = compileScript({ source, file: 't.crm', mode: 'replay' }).compiled!;
  const log = new InputLog();
  let out = '';
  const r = executeByInputs(recorded, newRunContext({ out: (s) => (out += s), variables: new Map([['x', '12']]) }), log);
  const run = { output: out, error: r.error?.message ?? null, ticks: log.ticks[0], answers: log.entries().length };
  out = '';
  const p = executeTraced(replayed, newRunContext({ out: (s) => (out += s) }), { path: join(tempDir(), 'replay.trace'), replay: { answers: log.entries(), ticks: null } });
  return { run, replay: { output: out, error: p.error?.message ?? null, ticks: p.trace.ticks ?? -1, answers: p.trace.answered ?? -1 } };
}

/** Programs that end by themselves: the generator's `while` loops may not. */
const ends = (source: string): boolean => !/while \((true|!false|[^{]*\|\|)/.test(source);

describe('the recorded code and its replay make the same run', () => {
  const conformance = '/work/shared/conformance/cases';
  const sources: string[] = [...SEED_PROGRAMS];
  if (existsSync(conformance)) for (const f of readdirSync(conformance).sort()) if (f.endsWith('.crm')) sources.push(readFileSync(join(conformance, f), 'utf8'));
  const r = new Rng(20261205);
  for (let i = 0; i < 600; i++) sources.push(randomProgram(r));

  it('over the conformance cases, the fuzz seeds and random programs', () => {
    let compared = 0;
    const differ: string[] = [];
    for (const source of sources.filter(ends)) {
      const both = runBoth(source);
      if (!both || both.run.error === STACK_OVERFLOW_MESSAGE) continue;
      compared++;
      if (JSON.stringify(both.run) !== JSON.stringify(both.replay)) differ.push(`${JSON.stringify(both)}\n${source}`);
    }
    expect(compared).toBeGreaterThan(150);
    expect(differ.slice(0, 3)).toEqual([]);
  }, 120_000);

  it('where an unset Integer (0 in the fast code, -0 in traced code) would part ways', () => {
    const both = runBoth('Integer i;\nFloat f = i;\nprintLine(pow(f, -1.0).toString(1));\nprintLine(pow(i * 1.0, -1.0).toString(1));');
    expect(both!.run.output).toBe('inf\ninf\n');
    expect(both!.replay).toEqual(both!.run);
  });
});
