// Random well-typed CRMScript programs, run through the real pipeline (parse → check → compile →
// execute) and compared with what an evaluator written here computes for the same program: 32-bit
// Integer arithmetic (BigInt, wrapped), Float arithmetic, Bool and String operators, assignments
// and ++/-- inside expressions, left-to-right evaluation, and division by zero (the run must stop
// with the error at the operator's line:col, after the output printed so far).
import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers.js';

type Ty = 'Integer' | 'Bool' | 'String' | 'Float';
type Val = bigint | boolean | string | number;

class DivZero extends Error {
  constructor(readonly at: string) {
    super('division by zero');
  }
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const wrap = (x: bigint): bigint => BigInt.asIntN(32, x);

const VARS: Record<Ty, string[]> = { Integer: ['i0', 'i1', 'i2'], Bool: ['b0', 'b1'], String: ['s0', 's1'], Float: ['f0'] };

/** An expression: its CRMScript text (placed at a known column) and an evaluator. */
interface Gen {
  text: string;
  /** Evaluates in `env`; `col` is the 1-based column where `text` starts on the line. */
  ev: (env: Map<string, Val>, col: number, line: number) => Val;
}

class Generator {
  constructor(private r: () => number) {}
  pick<T>(xs: T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }
  int(): bigint {
    return this.pick([0n, 1n, 2n, 3n, 7n, 10n, 255n, 65536n, 2147483647n, 1000003n, 46341n]);
  }

  /** `a OP b` with the evaluator placing the operands' columns. */
  bin(a: Gen, op: string, b: Gen, f: (x: Val, y: Val, at: string) => Val): Gen {
    const text = `(${a.text} ${op} ${b.text})`;
    return {
      text,
      ev: (env, col, line) => {
        const x = a.ev(env, col + 1, line);
        const opCol = col + 1 + a.text.length + 1;
        const y = b.ev(env, opCol + op.length + 1, line);
        return f(x, y, `${line}:${opCol}`);
      },
    };
  }

  expr(ty: Ty, depth: number): Gen {
    if (depth <= 0 || this.r() < 0.25) return this.leaf(ty);
    const d = depth - 1;
    switch (ty) {
      case 'Integer': {
        const k = this.pick(['+', '-', '*', '/', '%', 'neg', 'assign', 'post', 'pre', 'compound']);
        if (k === 'neg') {
          const a = this.expr('Integer', d);
          return { text: `(-${a.text})`, ev: (env, col, line) => wrap(-(a.ev(env, col + 2, line) as bigint)) };
        }
        if (k === 'assign' || k === 'compound') {
          const v = this.pick(VARS.Integer);
          const op = k === 'assign' ? '=' : this.pick(['+=', '-=', '*=']);
          const a = this.expr('Integer', d);
          return {
            text: `(${v} ${op} ${a.text})`,
            ev: (env, col, line) => {
              const old = env.get(v) as bigint;
              const x = a.ev(env, col + 1 + v.length + 1 + op.length + 1, line) as bigint;
              const nv = op === '=' ? x : op === '+=' ? wrap(old + x) : op === '-=' ? wrap(old - x) : wrap(old * x);
              env.set(v, nv);
              return nv;
            },
          };
        }
        if (k === 'post' || k === 'pre') {
          const v = this.pick(VARS.Integer);
          const op = this.pick(['++', '--']);
          return {
            text: k === 'post' ? `(${v}${op})` : `(${op}${v})`,
            ev: (env) => {
              const old = env.get(v) as bigint;
              const nv = wrap(op === '++' ? old + 1n : old - 1n);
              env.set(v, nv);
              return k === 'post' ? old : nv;
            },
          };
        }
        const a = this.expr('Integer', d);
        const b = this.expr('Integer', d);
        return this.bin(a, k, b, (x, y, at) => {
          const p = x as bigint;
          const q = y as bigint;
          switch (k) {
            case '+':
              return wrap(p + q);
            case '-':
              return wrap(p - q);
            case '*':
              return wrap(p * q);
            case '/':
              if (q === 0n) throw new DivZero(at);
              return wrap(p / q);
            default:
              if (q === 0n) throw new DivZero(at);
              return wrap(p % q);
          }
        });
      }
      case 'Float': {
        const k = this.pick(['+', '-', '*', '/']);
        const a = this.pick<Ty>(['Float', 'Integer']);
        const ga = this.expr(a, d);
        const gb = this.expr('Float', d);
        return this.bin(ga, k, gb, (x, y, at) => {
          const p = typeof x === 'bigint' ? Number(x) : (x as number);
          const q = y as number;
          if (k === '/' && q === 0) throw new DivZero(at);
          return k === '+' ? p + q : k === '-' ? p - q : k === '*' ? p * q : p / q;
        });
      }
      case 'Bool': {
        const k = this.pick(['&&', '||', '!', 'cmpI', 'cmpS', 'cmpF', '==B']);
        if (k === '!') {
          const a = this.expr('Bool', d);
          return { text: `(!${a.text})`, ev: (env, col, line) => !a.ev(env, col + 2, line) };
        }
        if (k === '&&' || k === '||') {
          const a = this.expr('Bool', d);
          const b = this.expr('Bool', d);
          return {
            text: `(${a.text} ${k} ${b.text})`,
            ev: (env, col, line) => {
              const x = a.ev(env, col + 1, line) as boolean;
              const bcol = col + 1 + a.text.length + 1 + k.length + 1;
              if (k === '&&') return x && (b.ev(env, bcol, line) as boolean);
              return x || (b.ev(env, bcol, line) as boolean);
            },
          };
        }
        const ty: Ty = k === 'cmpI' ? 'Integer' : k === 'cmpS' ? 'String' : k === 'cmpF' ? 'Float' : 'Bool';
        const op = ty === 'Bool' ? this.pick(['==', '!=']) : this.pick(['==', '!=', '<', '>', '<=', '>=']);
        const a = this.expr(ty, d);
        const b = this.expr(ty, d);
        return this.bin(a, op, b, (x, y) => {
          switch (op) {
            case '==':
              return x === y;
            case '!=':
              return x !== y;
            case '<':
              return x < y;
            case '>':
              return x > y;
            case '<=':
              return x <= y;
            default:
              return x >= y;
          }
        });
      }
      case 'String': {
        const a = this.expr('String', d);
        const b = this.expr('String', d);
        return this.bin(a, '+', b, (x, y) => (x as string) + (y as string));
      }
    }
  }

  leaf(ty: Ty): Gen {
    if (this.r() < 0.5) {
      const v = this.pick(VARS[ty]);
      return { text: v, ev: (env) => env.get(v)! };
    }
    switch (ty) {
      case 'Integer': {
        const n = this.r() < 0.1 ? -2147483648n : this.int();
        // a negative literal is the unary minus of a positive one
        return { text: n < 0n ? `(${n})` : `${n}`, ev: () => n };
      }
      case 'Float': {
        const f = this.pick([0.5, 1.25, 2.0, 0.0, 3.75, 1000.5]);
        return { text: Number.isInteger(f) ? f.toFixed(1) : String(f), ev: () => f };
      }
      case 'Bool': {
        const b = this.r() < 0.5;
        return { text: String(b), ev: () => b };
      }
      case 'String': {
        const s = this.pick(['', 'a', 'Zed', 'b c', 'ø', '10']);
        return { text: JSON.stringify(s), ev: () => s };
      }
    }
  }
}

/** A program of `n` statements; returns its source and the expected output and error. */
function program(seed: number, n: number): { source: string; output: string; error: string | null } {
  const g = new Generator(rng(seed));
  const env = new Map<string, Val>([
    ['i0', 5n], ['i1', -7n], ['i2', 2147483647n], ['b0', true], ['b1', false], ['s0', 'x'], ['s1', 'yz'], ['f0', 2.5],
  ]);
  const lines = [
    'Integer i0 = 5; Integer i1 = -7; Integer i2 = 2147483647;',
    'Bool b0 = true; Bool b1 = false;',
    'String s0 = "x"; String s1 = "yz";',
    'Float f0 = 2.5;',
  ];
  let output = '';
  let error: string | null = null;
  const show = (ty: Ty, v: Val): string => (ty === 'Bool' ? String(v) : ty === 'String' ? (v as string) : String(v));
  for (let k = 0; k < n; k++) {
    const line = lines.length + 1;
    const ty = g.pick<Ty>(['Integer', 'Integer', 'Bool', 'String']);
    const e = g.expr(ty, 4);
    // print(<e>.toString() + "\n");  the expression starts at column 7
    const text = ty === 'String' ? `print(${e.text} + "\\n");` : `print(${e.text}.toString() + "\\n");`;
    lines.push(text);
    if (error === null) {
      try {
        output += show(ty, e.ev(env, 7, line)) + '\n';
      } catch (x) {
        if (!(x instanceof DivZero)) throw x;
        error = `${x.at}`;
      }
    }
  }
  return { source: lines.join('\n') + '\n', output, error };
}

describe('random well-typed programs', () => {
  it('compute what an independent evaluator computes (300 programs)', () => {
    let errors = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const p = program(seed, 12);
      const r = runScript(p.source);
      expect(r.diagnostics, `seed ${seed}:\n${p.source}`).toEqual([]);
      expect(r.output, `seed ${seed}:\n${p.source}`).toBe(p.output);
      if (p.error) {
        errors++;
        expect(r.error, `seed ${seed}`).toMatch(/^division by zero/);
        expect(r.at, `seed ${seed}:\n${p.source}`).toBe(p.error);
      } else expect(r.error, `seed ${seed}:\n${p.source}`).toBeNull();
    }
    // the generator does reach the error path
    expect(errors).toBeGreaterThan(10);
  });
});
