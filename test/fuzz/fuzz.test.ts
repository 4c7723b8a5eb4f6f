// Fuzz test (issue 13): random programs, token soup, mutations of valid programs and deep
// nesting. Parse + check (+ compile) runs in this process for every input; a sample of the inputs
// that compile runs in the real worker with small limits. No input may crash the engine, hang it,
// or produce an internal error: every problem must be a CRMScript diagnostic with a position.
// FUZZ_SEED=n reproduces a run; FUZZ_COUNT=n changes how many inputs are made. Deep nesting: deep-nesting.test.ts.
import { describe, expect, it } from 'vitest';
import { runIsolated } from '../../src/interp/isolation/isolate.js';
import type { CompiledProgram } from '../../src/interp/compiler.js';
import { Rng, SEED_PROGRAMS, mutate, randomProgram, tokenSoup } from './generators.js';
import { INTERNAL, SEED, checkInput, report, type Failure } from './check.js';
import { bigScript } from '../grammar/big-script.js';

/** Inputs in all (random programs 20%, token soup 45%, mutations 35%). */
const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);

describe('fuzzing the engine', () => {
  const sample: Array<{ kind: string; index: number; source: string; compiled: CompiledProgram }> = [];

  it('parses and checks at least 10,000 inputs without a crash or an internal error', () => {
    const r = new Rng(SEED);
    const failures: Failure[] = [];
    let total = 0;
    const kinds: Array<[string, number, () => string]> = [
      ['random program', 0.2, () => randomProgram(r)],
      ['token soup', 0.45, () => tokenSoup(r)],
      ['mutation', 0.35, () => mutate(r, r.chance(0.01) ? bigScript(60) : r.pick(SEED_PROGRAMS))],
    ];
    for (const [kind, share, make] of kinds) {
      for (let index = 0; index < Math.round(COUNT * share); index++) {
        const source = make();
        total++;
        const c = checkInput(source);
        if (c.problem) failures.push({ kind, index, problem: c.problem, source });
        else if (c.compiled && kind !== 'token soup' && r.chance(0.01)) sample.push({ kind, index, source, compiled: c.compiled });
      }
    }
    expect(total).toBe(COUNT);
    expect(failures, report(failures)).toEqual([]);
  }, 180_000);

  it('runs a sample of the inputs in the real worker with small limits: every error is a CRMScript error', async () => {
    const r = new Rng(SEED + 1);
    // the valid seed programs always run, plus what the first test sampled
    const seeds = SEED_PROGRAMS.map((source, index) => ({ kind: 'seed', index, source, compiled: checkInput(source).compiled }));
    expect(seeds.filter((x) => !x.compiled).map((x) => x.source)).toEqual([]);
    const runs = [...(seeds as Array<(typeof seeds)[number] & { compiled: CompiledProgram }>), ...sample.slice(0, 40)];
    for (let i = 0; i < 5; i++) {
      const source = randomProgram(r);
      const c = checkInput(source);
      if (c.compiled) runs.push({ kind: 'random program', index: -1 - i, source, compiled: c.compiled });
    }
    const failures: Failure[] = [];
    const limitOrPositioned = (e: { message: string; line: number }) =>
      e.line > 0 || /time limit|memory limit|output limit|log limit|recursion too deep/.test(e.message);
    for (let k = 0; k < runs.length; k += 4) {
      const batch = runs.slice(k, k + 4);
      const outcomes = await Promise.all(batch.map((x) => runIsolated(x.compiled, { timeoutMs: 3000, memoryMb: 64, outputMb: 1, variables: { a: '1' } }).result));
      outcomes.forEach((o, i) => {
        const x = batch[i]!;
        if (o.error && (INTERNAL.test(o.error.message) || !limitOrPositioned(o.error))) failures.push({ ...x, problem: `run error: ${o.error.message} at ${o.error.line}:${o.error.col}` });
      });
    }
    expect(runs.length).toBeGreaterThan(SEED_PROGRAMS.length);
    expect(failures, report(failures)).toEqual([]);
  }, 180_000);
});
