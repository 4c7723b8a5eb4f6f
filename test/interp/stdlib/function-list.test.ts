// getFunctionList(): a row per method and global function of the reference catalog: class, return
// type, name, parameter types, author (empty).
import { describe, expect, it } from 'vitest';
import { runScript } from '../../helpers.js';

describe('getFunctionList', () => {
  it("lists the catalog's functions with their class, return type, name and parameter types", () => {
    const r = runScript(`String[][] list = getFunctionList();
printLine((list.length() > 5000).toString());
for (Integer i = 0; i < list.length(); i++) {
  String[] f = list[i];
  if ((f[0] == "Void" && (f[2] == "getScriptId" || f[2] == "executeScript")) || (f[0] == "String" && f[2] == "subString")) printLine(f[0] + "|" + f[1] + "|" + f[2] + "|" + f[3] + "|" + f[4] + "|" + f.length().toString());
}`);
    expect(r.diagnostics).toEqual([]);
    expect(r.error).toBeNull();
    expect(r.output).toBe('true\nString|String|subString|Integer, Integer||5\nVoid|String|executeScript|String, Map||5\nVoid|Integer|getScriptId|String||5\n');
  });
});

describe('globals with nothing behind them', () => {
  it('say what is missing', () => {
    for (const [call, message] of [
      ['getLanguageVariable("lang_global_global_okSave")', /^getLanguageVariable: Service's language variables .* are not part of this product/],
      ['getLanguageVariable("lang_global_global_okSave", "en")', /^getLanguageVariable: /],
      ['getWarnings()', /^getWarnings: this product keeps no list of system warnings/],
      ['executeMacro("")', /^executeMacro: SuperOffice's macro engine's own entry/],
    ] as const) {
      const r = runScript(`String s = ${call}.toString();`.replace('getWarnings().toString()', 'getWarnings().toJson()'));
      expect(r.diagnostics).toEqual([]);
      expect(r.error).toMatch(message);
    }
  });
});
