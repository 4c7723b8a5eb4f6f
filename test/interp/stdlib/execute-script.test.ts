// executeScript(code, values): CRMScript given as text, compiled and run inside the run through the
// real CLI (the run's worker loads the compiler only for a program that names executeScript).
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupTempDirs, requireBuiltCli, runBuiltCli, tempDir } from '../../common.js';

requireBuiltCli();
afterAll(cleanupTempDirs);

const home = tempDir('crms-exec-');

function run(source: string, ...args: string[]): { out: string; err: string; code: number | null } {
  const file = join(home, 'main.crm');
  writeFileSync(file, source);
  return runBuiltCli(['run', file, '--rollback', ...args], { CRMSCRIPT_TUI_HOME: home, CRMSCRIPT_TUI_STORE: '' });
}

const q = (code: string): string => JSON.stringify(code);

describe('executeScript', () => {
  it('runs the code with the values as its variables and returns what it printed', () => {
    const r = run(`Map m;
m.insert("name", "world");
String out = executeScript(${q('print("hello " + getVariable("name") + "/" + getVariable("caller"));')}, m);
printLine("[" + out + "]");
for (Integer i = 1; i <= 3; i++) {
  Map v; v.insert("i", i.toString());
  print(executeScript(${q('Integer n = getVariable("i").toInteger(); print((n * n).toString() + " ");')}, v));
}`, '--var', 'caller=cli');
    expect(r.err).toBe('');
    expect(r.out).toBe('[hello world/cli]\n1 4 9 ');
  });

  it('works on the same CRM data as the caller, in the same transaction', () => {
    const r = run(`Map m;
m.insert("id", "1");
executeScript(${q('Company c; c.load(getVariable("id").toInteger()); c.setValue("name", "Changed"); c.save();')}, m);
Company c; c.load(1);
printLine(c.getValue("name"));`);
    expect(r.err).toBe('');
    expect(r.out).toBe('Changed\n');
  });

  it('reports code that does not compile, and code that fails, where it went wrong', () => {
    const r = run(`Map m;
try { executeScript("Integer x = ;", m); } catch { printLine(error); }
try { executeScript(${q('Integer x = 1;\nx = x / 0;')}, m); } catch { printLine(error); }
try { executeScript(${q('#include "lib";\nprint("1");')}, m); } catch { printLine(error); }
executeScript("String s = 1 +;", m);`);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('executeScript: the code given does not compile: executeScript:1:13: expected an expression');
    expect(lines[1]).toBe('executeScript: the code given failed: division by zero (executeScript:2:7)');
    expect(lines[2]).toContain('code given to executeScript cannot include scripts');
    expect(r.err).toMatch(/main\.crm:5:1: error: executeScript: the code given does not compile: executeScript:1:15: expected an expression\n$/);
    expect(r.code).not.toBe(0);
  });

  it('shares the session and global variables with the code it runs, both ways', () => {
    const r = run(`setSessionVariable("color", "blue");
setGlobalVariable("g", "42");
Map m;
print(executeScript(${q('print(getSessionVariable("color") + "/" + getGlobalVariable("g")); setSessionVariable("color", "red"); setGlobalVariable("h", "7");')}, m));
printLine(" " + getSessionVariable("color") + " " + getGlobalVariable("h"));`);
    expect(r.err).toBe('');
    expect(r.out).toBe('blue/42 red 7\n');
  });

  it('stops code that starts itself without end, naming the nesting', () => {
    const r = run(`String rec = ${q('Map m; print(executeScript(getVariable("code"), m));')};
Map r; r.insert("code", rec);
executeScript(rec, r);`);
    expect(r.err).toMatch(/main\.crm:3:1: error: executeScript: scripts start each other more than 20 levels deep\./);
  });

  it('keeps the run time limit over the code it runs', () => {
    const r = run(`Map m; executeScript("while (true) { }", m); printLine("not reached");`, '--timeout', '1');
    expect(r.out).not.toContain('not reached');
    expect(r.err).toMatch(/main\.crm: error: the script ran longer than the time limit/);
  });
});
