// Fuzz test (issue 13): random programs, token soup, mutations of valid programs and deep
// nesting. Parse + check (+ compile) runs in this process for every input; a sample of the inputs
// that compile runs in the real worker with small limits. No input may crash the engine, hang it,
// or produce an internal error: every problem must be a CRMScript diagnostic with a position.
// FUZZ_SEED=n reproduces a run; FUZZ_COUNT=n changes how many inputs of each kind are made.
import { describe, expect, it } from 'vitest';
import { compileScript, type CompileOutput } from '../../src/interp/engine.js';
import { runIsolated } from '../../src/interp/isolate.js';
import type { CompiledProgram } from '../../src/interp/compiler.js';
import { Rng, SEED_PROGRAMS, deepNesting, mutate, randomProgram, tokenSoup } from './generators.js';
import { bigScript } from '../grammar/big-script.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
/** Inputs in all (random programs 20%, token soup 45%, mutations 35%). */
const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);

/** What only a JavaScript fault produces; a CRMScript diagnostic never reads like this. */
const INTERNAL = /\binternal\b|Maximum call stack|is not a function|Cannot read propert|of undefined|of null|TypeError|ReferenceError|RangeError|\[object Object\]/;

interface Checked {
  problem: string | null;
  compiled: CompiledProgram | null;
}

/** Parse, check and compile one input; a problem is described, null when all is well. */
function checkInput(source: string): Checked {
  let out: CompileOutput;
  try {
    out = compileScript({ source, file: 'fuzz.crm', resolveInclude: () => null });
  } catch (e) {
    return { problem: `the engine threw: ${e instanceof Error ? e.message : String(e)}`, compiled: null };
  }
  for (const d of out.diagnostics) {
    if (!(d.line >= 1 && d.col >= 1)) return { problem: `a diagnostic without a position: ${d.message}`, compiled: null };
    if (INTERNAL.test(d.message)) return { problem: `an internal diagnostic at ${d.line}:${d.col}: ${d.message}`, compiled: null };
  }
  if (out.compiled) {
    try {
      // the generated JavaScript must at least be valid JavaScript
      new Function('$h', '$n', '$S', out.compiled.code);
    } catch (e) {
      return { problem: `the compiler produced invalid JavaScript: ${(e as Error).message}`, compiled: null };
    }
  }
  return { problem: null, compiled: out.compiled };
}

interface Failure {
  kind: string;
  index: number;
  problem: string;
  source: string;
}

const shorten = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
const report = (f: Failure[]) => f.slice(0, 5).map((x) => `${x.kind} #${x.index} (FUZZ_SEED=${SEED}): ${x.problem}\n  ${JSON.stringify(shorten(x.source))}`).join('\n');

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

describe('deep nesting', () => {
  // Either the engine handles the depth, or it says "nesting too deep" with a position.
  for (const depth of [100, 400, 1000, 5000]) {
    it(`handles ${depth} levels or says the nesting is too deep, with a position`, () => {
      const failures: Failure[] = [];
      for (const { name, source } of deepNesting(depth)) {
        const c = checkInput(source);
        if (!c.problem) continue;
        const out = safeDiagnostics(source);
        const clear = out.some((d) => /nest|too deep/i.test(d.message) && d.line >= 1 && d.col >= 1) && !out.some((d) => INTERNAL.test(d.message));
        if (!clear) failures.push({ kind: name, index: depth, problem: c.problem, source });
      }
      expect(failures, report(failures)).toEqual([]);
    }, 120_000);
  }
});

function safeDiagnostics(source: string): Array<{ message: string; line: number; col: number }> {
  try {
    return compileScript({ source, file: 'fuzz.crm', resolveInclude: () => null }).diagnostics;
  } catch {
    return [];
  }
}
