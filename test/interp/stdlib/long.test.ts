// The Long type (CRMScript 10.1, newer than ../shared's reference): 64-bit literals with an L
// suffix, the constructors, toString and the 32-bit halves, isNull, arithmetic that wraps at 64
// bits, Integers widening to Long, comparisons, arrays, struct JSON, Generic, and what the checker
// refuses; then a Long as the debugger and the tracer show it.
import { afterAll, describe, expect, it } from 'vitest';
import { diagnose, outputOf, runScript } from '../../helpers.js';
import { cleanupTempDirs, locals, record, stepsAtLine } from '../../tracing/helpers.js';
import { debug, expectStop, find } from '../debugger/helpers.js';

afterAll(cleanupTempDirs);

describe('Long', () => {
  it('runs the documented examples: literals, constructors, toString, the 32-bit halves and isNull', () => {
    expect(
      outputOf(`Long l1 = 576460752303423488L;
Long l2 = Long(l1);
Long l3 = Long(9223372036854775807L);
printLine(l2.toString() + ", " + l3.toString());
Integer favOfSheldon = Integer("73");
printLine(Long(favOfSheldon).toString());
printLine(l1.getHighInteger().toString() + " " + l1.getLowInteger().toString());
Long none;
printLine(none.isNull().toString() + " " + none.toString());
none = 0L;
printLine(none.isNull().toString());`),
    ).toBe('576460752303423488, 9223372036854775807\n73\n134217728 0\ntrue 0\nfalse\n');
  });

  it('splits negative values into signed 32-bit halves', () => {
    expect(outputOf('Long x = -1L;\nprintLine(x.getHighInteger().toString() + " " + x.getLowInteger().toString());\nLong y = 4294967296L + 4294967295L;\nprintLine(y.getHighInteger().toString() + " " + y.getLowInteger().toString());')).toBe('-1 -1\n1 -1\n');
  });

  it('computes with 64 bits: + - * / % ++ -- and compound assignment, wrapping at the ends', () => {
    expect(
      outputOf(`Long a = 3000000000L;
a = a * 3;
printLine(a.toString());
a++; a--; a--;
a += 10;
a -= 1L;
printLine(a.toString());
printLine((a / 7).toString() + " " + (a % 7).toString() + " " + (-a / 7).toString() + " " + (-a % 7).toString());
Long max = 9223372036854775807L;
printLine((max + 1).toString());
printLine((-9223372036854775808L).toString());
printLine((max * 2L).toString());`),
    ).toBe('9000000000\n9000000008\n1285714286 6 -1285714286 -6\n-9223372036854775808\n-9223372036854775808\n-2\n');
  });

  it('takes Integers where a Long goes (variables, arguments, arrays) and compares them with Longs', () => {
    expect(
      outputOf(`Long twice(Long x) { return x * 2; }
Integer i = 2000000000;
Long l = i;
printLine(twice(i).toString() + " " + (l + i).toString());
printLine((l == i).toString() + " " + (l < 2000000001).toString() + " " + (5000000000L > i).toString() + " " + (l != 2000000000L).toString());
Long[] xs;
xs.pushBack(5L); xs.pushBack(3); xs.pushBack(-9000000000L); xs.pushBack(i);
xs.sort();
printLine(xs.buildString(","));
Long[3] fixed;
printLine(fixed[0].isNull().toString() + " " + fixed.length().toString());`),
    ).toBe('4000000000 4000000000\ntrue true true false\n-9000000000,3,5,2000000000\ntrue 3\n');
  });

  it('reads a Long from text with String.toLong(), as strtoll does', () => {
    expect(outputOf('String[] xs; xs.pushBack("576460752303423488"); xs.pushBack("  -42abc"); xs.pushBack("x"); xs.pushBack("99999999999999999999");\nforeach (String x in xs) printLine(x.toLong().toString());')).toBe('576460752303423488\n-42\n0\n9223372036854775807\n');
  });

  it('stops at the operator on a division by zero', () => {
    const r = runScript('Long a = 5L;\nLong z;\nprintLine((a / z).toString());');
    expect(r.error).toBe('division by zero');
    expect(r.at).toBe('3:14');
    const m = runScript('Long a = 5L;\nInteger q = 0;\nprintLine((a % q).toString());');
    expect(m.error).toBe('division by zero (modulo)');
  });

  it('writes and reads struct members of type Long as JSON numbers with every digit', () => {
    expect(
      outputOf(`struct S { Long id; Integer n; Long[] xs; };
S s; s.id = 9223372036854775807L; s.n = 4; s.xs.pushBack(-5000000000L); s.xs.pushBack(7);
String j = s.toJsonString();
printLine(j);
S t; t.fromJsonString(j);
printLine(t.id.toString() + " " + t.xs.buildString(","));`),
    ).toBe('{"id": 9223372036854775807,"n": 4,"xs": [-5000000000,7]}\n9223372036854775807 -5000000000,7\n');
  });

  it('goes into a Generic and back as text', () => {
    expect(outputOf('Long big = 5000000000L;\nGeneric g = big;\nprintLine(getTypeName(g) + " " + convertGenericToString(g));\nsetGenericFromString(g, "-42");\nprintLine(convertGenericToString(g));')).toBe('Long 5000000000\n-42\n');
  });

  it('refuses what has no exact result or does not fit', () => {
    expect(diagnose('Long a = 5L;\nFloat f = 1.5;\nLong b = a + f;\nInteger i = a;\nLong c = 9223372036854775808L;\nInteger d = 5000000000;\nBool x = a < f;\nBool y = a == f;\nString s = a;')).toEqual([
      "3:10: '+' cannot mix Long and Float",
      "4:13: cannot assign Long to 'i' of type Integer",
      '5:10: the number 9223372036854775808 does not fit in a Long (64 bits)',
      '6:13: the number 5000000000 does not fit in an Integer (write 5000000000L for a Long)',
      "7:10: cannot order Long and Float with '<'",
      '8:10: cannot compare Long with Float',
      "9:12: cannot assign Long to 's' of type String (use .toString())",
    ]);
  });

  it('reads an L after a number as the suffix only when no name goes on', () => {
    expect(outputOf('Long x = 12L;\nLong y = 3l;\nprintLine((x + y).toString());')).toBe('15\n');
    expect(diagnose('Long x = 12Lx;')).toHaveLength(1);
    expect(diagnose('Float f = 1.5L;')).toHaveLength(1);
  });

  it('shows its value in the debugger and in a trace recording', async () => {
    const src = 'Long big = 5000000000L;\nLong none;\nInteger small = 3;\nbig = big * 2;\ndebugWait("look");\nprintLine(big.toString());';
    const s = debug(src, { stopOnEntry: false });
    expectStop(await s.waitForStop(), 5, 'debugWait');
    const { locals: vars } = await s.getVariables(0);
    expect(find(vars, 'big')).toMatchObject({ type: 'Long', value: '10000000000' });
    expect(find(vars, 'none')).toMatchObject({ type: 'Long', value: '0' });
    expect(await s.evaluate('big * small + 1L')).toMatchObject({ ok: true, value: { type: 'Long', value: '30000000001' } });
    await s.continue();
    const { rec, output: out } = record(src.replace('debugWait("look");\n', ''));
    expect(out).toBe('10000000000\n');
    expect(locals(rec.at(stepsAtLine(rec, 5)[0]!))).toMatchObject({ big: '10000000000', small: '3' });
  });
});
