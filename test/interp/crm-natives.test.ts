// Which built-ins ready the CRM for a run (stdlib/crm-natives.ts): every global function the CRM
// modules implement is listed, and getVariable's session names count when written as literals.
import { describe, expect, it } from 'vitest';
import { crmGlobals, programUsesCrm } from '../../src/interp/stdlib/crm-natives.js';
import { crmNativeGlobals } from '../../src/interp/stdlib/crm/index.js';
import { compileScript } from '../../src/interp/compile-script.js';

const uses = (source: string): boolean => programUsesCrm([compileScript({ source, file: 't.crm' }).compiled!]);

describe('CRM-backed built-ins', () => {
  it('lists every global function of the CRM modules', () => {
    const names = Object.keys(crmNativeGlobals).map((k) => k.slice(0, k.indexOf('(')));
    expect(names.filter((n) => !crmGlobals.has(n))).toEqual([]);
  });

  it('ready the CRM for a program that calls one, and not for one that does not', () => {
    expect(uses('printLine(getSystemFlags().toString());')).toBe(true);
    expect(uses('WeekSchedule w; w.loadFromPriority(1);')).toBe(true);
    expect(uses('WeekSchedule w; w.setNonDates("24/12");')).toBe(false);
    expect(uses('printLine(getVariable("activeUsername"));')).toBe(true);
    expect(uses('printLine(getVariable("who"));')).toBe(false);
  });
});
