// Script-level checks of the core built-ins, through the real parser, checker and compiler.
import { describe, expect, it } from 'vitest';
import { compileScript } from '../../../src/interp/compile-script.js';
import { execute } from '../../../src/interp/execute.js';
import { newRunContext } from '../../../src/interp/runtime/context.js';

function run(source: string, variables: Record<string, string> = {}) {
  const r = compileScript({ source, file: 'test.crm' });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  let out = '';
  const res = execute(r.compiled!, newRunContext({ out: (t) => (out += t), variables: new Map(Object.entries(variables)) }));
  return { out, res };
}

describe('core built-ins from scripts', () => {
  it('String.append changes the variable', () => {
    const { out } = run(`String s = "ab";\ns.append("cd");\ns.append(Byte(33));\nprintLine(s);`);
    expect(out).toBe('abcd!\n');
  });

  it('a bad subString is catchable', () => {
    const { out } = run(`String s = "abc";\ntry {\n  printLine(s.subString(9, 1));\n} catch {\n  printLine("caught");\n}`);
    expect(out).toBe('caught\n');
  });

  it('Float, Integer and Byte conversions', () => {
    const { out } = run(
      `Float f = 2.5;\nprintLine(f.toString(2));\nprintLine(Integer("12x").toString());\nprintLine(Byte(300).toHex(2));\nprintLine(String("7").toInteger().toHex());`,
    );
    expect(out).toBe('2.50\n12\n2c\n7\n');
  });

  it('struct members through Generic, set from strings', () => {
    const { out } = run(
      [
        'struct Item {',
        '  String label;',
        '  Integer count;',
        '  Bool done;',
        '};',
        'Item it;',
        'foreach (String field in getStructMembers("Item")) {',
        '  Generic g = getGenericValue(it, field);',
        '  if (getTypeName(g) == "Integer") setGenericFromString(g, "5");',
        '  else if (getTypeName(g) == "Bool") setGenericFromString(g, "true");',
        '  else setGenericFromString(g, "box");',
        '}',
        'printLine(it.label + " " + it.count.toString() + " " + it.done.toString());',
      ].join('\n'),
    );
    expect(out).toBe('box 5 true\n');
  });

  it('exitWithMessage ends the run normally', () => {
    const { out, res } = run(`printLine("before");\nexitWithMessage("stopping");\nprintLine("after");`);
    expect(out).toBe('before\nstopping\n');
    expect(res.error).toBe(null);
    expect(res.exitMessage).toBe('stopping');
  });

  it('failed assertions are script errors with a clear message', () => {
    const { res } = run(`assertEquals("a", "b");`);
    expect(res.error?.message).toBe('assertEquals failed at line 1: "a" is not equal to "b".');
    expect(res.error?.line).toBe(1);
  });

  it('variables and maps', () => {
    const { out } = run(`setVariable("b", "2");\nMap m = getVariables();\nprintLine(m.get("a") + m.get("b"));`, { a: '1' });
    expect(out).toBe('12\n');
  });
});
