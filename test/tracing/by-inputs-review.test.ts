// Recordings by inputs, adversarially: runs ended from outside in every construct that counts
// ticks (function entries, struct methods, foreach over Maps and Vectors, recursion), and legal
// programs that must replay into the same run (structs, Maps, JSON and XML, exceptions, exits,
// output limits, deep recursion).
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { traceFilePath } from '../../src/tracing/record.js';
import { createMacro, createTraceConfig, getById, updateSettings } from '../../src/store/repos.js';
import { startScriptRun, type ScriptRunRequest } from '../../src/run/script.js';
import { startMacroRun } from '../../src/run/macro.js';
import type { MacroAction } from '../../src/store/schema.js';
import { loadRecording } from '../../src/tracing/manage.js';
import { cleanupTempDirs, emptyStore, globals, locals, tracedScript } from './helpers.js';
import { waitFor } from '../common.js';

afterEach(cleanupTempDirs);

const traced = tracedScript;

async function recorded(source: string, req: ScriptRunRequest = {}, libs: Record<string, string> = {}) {
  const { store, scriptId } = await traced(source, libs);
  const out = await startScriptRun(store, getById(store.read(), 'scripts', scriptId)!, { source: 'cli', user: 'alice', ...req }).result;
  const [saved] = store.read().traceRuns;
  expect(saved.byInputs).toBe(true);
  return { out, rec: await loadRecording(store, saved), store };
}

/** Runs `source` until it printed `printed`, stops it, and opens its recording. */
async function stopped(source: string, printed: string) {
  const { store, scriptId } = await traced(source);
  let seen = '';
  const running = startScriptRun(store, getById(store.read(), 'scripts', scriptId)!, { source: 'cli', user: 'alice', onOutput: (t) => void (seen += t) });
  await waitFor(() => seen.includes(printed), 20_000, `output ${printed}`);
  running.stop();
  const out = await running.result;
  expect(out.stopped).toBe('stopped');
  const [saved] = store.read().traceRuns;
  expect(saved.byInputs).toBe(true);
  const rec = await loadRecording(store, saved);
  expect(rec.stoppedBy).toBe('stopped');
  expect(rec.diverged).toBe(false);
  const last = rec.at(rec.last());
  // the replay goes up to the tick the run reached: at least what the run printed
  expect(last.output.startsWith(out.output)).toBe(true);
  return { out, rec, last };
}

const dots = (s: string): number => s.replace(/[^.]/g, '').length;

describe('a run stopped at its time limit', () => {
  it('while it calls a function that waits replays up to its last round', async () => {
    const { out, rec } = await recorded('Integer rounds = 0;\nVoid wait(Integer n) {\n  rounds = n;\n  print(".");\n  sleep(0.02);\n}\nfor (Integer i = 1; true; i++) wait(i);', { timeoutMs: 800 });
    expect(out.stopped).toBe('timeout');
    expect(rec.stoppedBy).toBe('timeout');
    expect(rec.diverged).toBe(false);
    const last = rec.at(rec.last());
    expect(last.output.startsWith(out.output)).toBe(true);
    expect(dots(last.output)).toBe(Number(globals(last).rounds));
    expect(dots(last.output)).toBeGreaterThan(3);
  });
});

// Each program below does a round of work, then now and then prints a dot and sleeps a little (a
// logged input), so that the stop lands either in the busy code (the replay ends at the tick the
// run reached) or in the sleep (it ends at the answer the run lacks), well before the step limit.
describe('a run stopped from outside replays up to where it was', () => {
  const PAUSE = 'if (ROUNDS % 500 == 0) {\n    print(".");\n    sleep(0.001);\n  }';
  const pause = (rounds: string): string => PAUSE.replace('ROUNDS', rounds);
  const value = (view: ReturnType<Awaited<ReturnType<typeof stopped>>['rec']['at']>, name: string): number => Number(locals(view)[name] ?? globals(view)[name]);

  it('in a struct method called in a loop', async () => {
    const { last, rec } = await stopped(`Integer total = 0;\nstruct Counter {\n  Integer n;\n  Void bump() {\n    n++;\n    total++;\n  ${pause('total')}\n  }\n};\nCounter c;\nwhile (true) c.bump();`, '.');
    const total = value(last, 'total');
    expect(total).toBeGreaterThanOrEqual(500);
    expect(rec.truncated).toBe(false);
    expect(dots(last.output)).toBe(Math.floor(total / 500));
  });

  it('in a field initialiser calling a function', async () => {
    const { last, rec } = await stopped(`Integer made = 0;\nInteger next() {\n  made++;\n  return made;\n}\nstruct Item {\n  Integer id = next();\n};\nwhile (true) {\n  Item it;\n  ${pause('it.id')}\n}`, '.');
    expect(rec.truncated).toBe(false);
    expect(dots(last.output)).toBe(Math.floor(value(last, 'made') / 500));
  });

  it('in loops over a Map, a Vector and an array (foreach)', async () => {
    const { last, rec } = await stopped(`Map m;\nfor (Integer i = 0; i < 5; i++) m.insert(i.toString(), "x");\nVector v;\nv.parseString("a,b,c,d,e", ",");\nInteger[] a;\nfor (Integer i = 0; i < 5; i++) a.pushBack(i);\nInteger rounds = 0;\nInteger sum = 0;\nwhile (true) {\n  for (m.first(); !m.eof(); m.next()) sum++;\n  for (Integer k = 0; k < v.size(); k++) sum++;\n  foreach (Integer x in a) sum = sum + x;\n  rounds++;\n  ${pause('rounds')}\n}`, '.');
    const rounds = value(last, 'rounds');
    expect(rec.truncated).toBe(false);
    expect(value(last, 'sum')).toBe(20 * rounds);
    expect(dots(last.output)).toBe(Math.floor(rounds / 500));
  });

  it('in recursion', async () => {
    const { last, rec } = await stopped(`Integer calls = 0;\nInteger fib(Integer n) {\n  calls++;\n  ${pause('calls')}\n  if (n < 2) return n;\n  return fib(n - 1) + fib(n - 2);\n}\nwhile (true) fib(12);`, '.');
    expect(rec.truncated).toBe(false);
    expect(dots(last.output)).toBe(Math.floor(value(last, 'calls') / 500));
  });

  it('with exceptions thrown by natives and caught', async () => {
    const { last, rec } = await stopped(`Integer bad = 0;\nwhile (true) {\n  try {\n    Integer[] a;\n    a[3] = 1;\n  } catch {\n    bad++;\n  }\n  ${pause('bad')}\n}`, '.');
    expect(rec.truncated).toBe(false);
    expect(dots(last.output)).toBe(Math.floor(value(last, 'bad') / 500));
  });
});

describe('legal programs replay into the same run', () => {
  const same = async (source: string, req: ScriptRunRequest = {}) => {
    const { out, rec } = await recorded(source, req);
    expect(rec.diverged).toBe(false);
    expect(rec.output).toBe(out.output);
    return { out, rec };
  };

  it('structs with methods, Maps, Vectors, JSON and XML', async () => {
    const { out } = await same(
      [
        'struct P {\n  String name;\n  Integer age;\n  String show() { return name + "/" + age.toString(); }\n};',
        'P p;\np.name = "ann";\np.age = 7;\nprintLine(p.show());',
        'Map m;\nm.insert("b", "2");\nm.insert("a", "1");\nfor (m.first(); !m.eof(); m.next()) printLine(m.getKey() + "=" + m.getVal());',
        'XMLNode j = parseJSON("{\\"k\\": [1, 2, {\\"z\\": true}]}");\nprintLine(j.toJSON(0));',
        'XMLNode x = parseXML("<a b=\\"1\\"><c>t</c></a>");\nprintLine(x.toString(0));',
        'JSONBuilder jb;\njb.pushObject("");\njb.addString("s", "v");\njb.popLevel();\nprintLine(jb.getString());',
      ].join('\n'),
    );
    expect(out.output).toContain('ann/7');
  });

  it('an exception uncaught', async () => {
    const { out, rec } = await same('Integer f(Integer n) {\n  if (n == 0) throw "bottom";\n  return f(n - 1);\n}\nprintLine("start");\nf(5);');
    expect(out.error?.message).toContain('bottom');
    expect(rec.exception?.message).toContain('bottom');
  });

  it('exitWithMessage and printBinary', async () => {
    await same('Byte[] b = String("hi").toByteArray();\nprintBinary(b);\nexitWithMessage("bye");\nprintLine("never");');
  });

  it('a run at its output limit', async () => {
    const { out, rec } = await recorded('String s = "0123456789";\nwhile (true) print(s);', { outputMb: 1 });
    expect(out.error?.message).toMatch(/output/);
    // replayed under the run's limit (not the store's): it ends there too
    expect(rec.diverged).toBe(false);
    expect(rec.exception?.message).toBe(out.error?.message);
    // (the recording shows the whole of the print that went past the limit)
    expect(rec.output.startsWith(out.output)).toBe(true);
  });

  it('deep recursion that the fast code survives', async () => {
    const { out } = await same('Integer down(Integer n) {\n  if (n == 0) return 0;\n  return 1 + down(n - 1);\n}\nprintLine(down(20000).toString());');
    expect(out.output).toBe('20000\n');
  });

  it('a run at its memory limit', async () => {
    const { out, rec } = await recorded('Map m;\nInteger i = 0;\nwhile (true) {\n  m.insert(i.toString(), "some text to fill the map");\n  i++;\n}', { memoryMb: 48 });
    expect(out.stopped).toBe('memory');
    expect(rec.diverged).toBe(false);
    expect(rec.stoppedBy).toBe('memory');
    // (the last step's variables are not read: rebuilding a Map of half a million entries takes the reader long)
    expect(rec.steps).toBeGreaterThan(3000);
    expect([3, 4, 5]).toContain(rec.positionAt(rec.last()).line);
  });

  it('says a replay given more memory than the run went on past the statement its memory limit ended', async () => {
    // no tick after the array: the replay, with twice the run's memory for the recorder, makes it
    const { out, rec } = await recorded('printLine("before");\nInteger[8000000] a;\nprintLine("after");', { memoryMb: 48 });
    expect(out.stopped).toBe('memory');
    expect(out.output).toBe('before\n');
    expect(rec.diverged).toBe(true);
  });

  it('says a run that overflowed the stack deeper than its replay can go did not replay the same', async () => {
    // the replay's code (traced) takes more stack a call than the run's: it overflows sooner, and
    // counts fewer ticks than the run did, even when nothing printed tells the runs apart
    const { out, rec } = await recorded('Integer depth = 0;\nInteger down(Integer n) {\n  depth = n;\n  return 1 + down(n + 1);\n}\ndown(0);');
    expect(out.error?.message).toMatch(/recursion too deep/);
    expect(rec.exception?.message).toMatch(/recursion too deep/);
    expect(rec.diverged).toBe(true);
  });
});

describe('more legal programs', () => {
  it('errors thrown inside natives (JSON, XML, indexes, division), caught and shown', async () => {
    const { out, rec } = await recorded(
      [
        'String[] seen;',
        'try {\n  XMLNode j = parseJSON("{broken");\n} catch {\n  seen.pushBack(error);\n}',
        'try {\n  XMLNode x = parseXML("<a><b></a>");\n} catch {\n  seen.pushBack(error);\n}',
        'try {\n  Integer z = 0;\n  Integer q = 5 / z;\n} catch {\n  seen.pushBack(error);\n}',
        'Map m;\nm.fromJson("{\\"x\\": {\\"y\\": 1}, \\"a\\": [true, null]}");\nfor (m.first(); !m.eof(); m.next()) seen.pushBack(m.getKey() + "=" + m.getVal());',
        'String t = "a1b22c333";\nforeach (String g in t.regexp("[0-9]+")) seen.pushBack(g);',
        'foreach (String e in seen) printLine(e);',
      ].join('\n'),
    );
    expect(out.error).toBeNull();
    expect(rec.diverged).toBe(false);
    expect(rec.output).toBe(out.output);
  });

  it('a macro (variables, a condition, a stop) is recorded by its inputs and replays the same', async () => {
    const always = { kind: 'always' as const };
    const act = (type: string, params: Record<string, string>, condition: MacroAction['condition'] = always): MacroAction => ({ type, params, condition });
    const store = await emptyStore();
    const macroId = await store.update((d) => {
      updateSettings(d, { tracingEnabled: true });
      const m = createMacro(d, {
        name: 'Greeter',
        actions: [
          act('setVariable', { name: 'greeting', value: 'hello {var.who}' }),
          act('log', { message: 'said {var.greeting}', print: 'yes' }),
          act('stop', { message: 'stopped for {var.who}' }, { left: '{var.who}', op: 'equals', right: 'ann' }),
          act('log', { message: 'never', print: 'yes' }),
        ],
      });
      return createTraceConfig(d, { targetKind: 'macro', targetId: m.id }).targetId;
    });
    const r = await startMacroRun(store, getById(store.read(), 'macros', macroId)!, { source: 'tui', user: 'carol', variables: { who: 'ann' } }).result;
    expect(r.error).toBeNull();
    expect(r.output).toBe('said hello ann\nstopped for ann\n');
    const [saved] = store.read().traceRuns;
    expect(saved.byInputs).toBe(true);
    const rec = await loadRecording(store, saved);
    expect(rec.diverged).toBe(false);
    expect(rec.output).toBe(r.output);
  });
});

describe('includes', () => {
  it('an include that includes another, with a struct and its methods, replays the same', async () => {
    const { out, rec } = await recorded('#include "shapes"\nBox b;\nb.w = 3;\nprintLine(b.area(getVariable("h").toInteger()).toString());', { variables: { h: '4' } }, {
      shapes: '#include "maths"\nstruct Box {\n  Integer w;\n  Integer area(Integer h) {\n    return times(w, h);\n  }\n};',
      maths: 'Integer times(Integer a, Integer b) {\n  return a * b;\n}',
    });
    expect(out.output).toBe('12\n');
    expect(rec.diverged).toBe(false);
    expect(rec.output).toBe('12\n');
    const files = new Set([...Array(rec.steps).keys()].map((s) => rec.positionAt(s).file));
    expect(files).toEqual(new Set(['store:traced', 'store:shapes', 'store:maths']));
  });
});

describe('the replay is held to the run\'s ticks and answers', () => {
  /** Records `source`, changes its recording with `edit`, and opens it. */
  async function edited(source: string, edit: (inputs: { answers: string[]; ticks: number | null; reached?: number }, end: { stoppedBy?: string }) => void) {
    const { store, scriptId } = await traced(source);
    const out = await startScriptRun(store, getById(store.read(), 'scripts', scriptId)!, { source: 'cli', user: 'alice', variables: { n: '3' } }).result;
    const [saved] = store.read().traceRuns;
    const path = traceFilePath(store.dataDir, saved);
    const lines = readFileSync(path, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"t":"i"'));
    const inputs = JSON.parse(lines[at]);
    const end = JSON.parse(lines[at + 1]);
    edit(inputs, end);
    lines[at] = JSON.stringify(inputs);
    lines[at + 1] = JSON.stringify(end);
    writeFileSync(path, lines.join('\n'));
    return { out, rec: await loadRecording(store, saved) };
  }
  const SOURCE = 'Integer n = getVariable("n").toInteger();\nfor (Integer i = 0; i < n; i++) printLine(i.toString());';

  it('keeps the ticks the run counted', async () => {
    const { rec } = await edited(SOURCE, (i) => expect(i.reached).toBe(3));
    expect(rec.diverged).toBe(false);
  });

  it('says a replay that counts other ticks than the run did not make the same run', async () => {
    const { rec } = await edited(SOURCE, (i) => (i.reached = 4));
    expect(rec.diverged).toBe(true);
  });

  it('says a replay that leaves answers unused did not make the same run', async () => {
    const { rec } = await edited(SOURCE, (i) => i.answers.push('{"v":"x"}'));
    expect(rec.diverged).toBe(true);
  });

  it('says a replay of a run ended from outside that ends before the tick it reached did not make the same run', async () => {
    const { rec } = await edited(SOURCE, (i, end) => {
      i.ticks = 10;
      end.stoppedBy = 'stopped';
    });
    expect(rec.diverged).toBe(true);
  });
});
