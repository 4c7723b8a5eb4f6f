import { describe, expect, it } from 'vitest';
import { ACTION_TYPES } from '../../src/macros/actions.js';
import { generateMacroProgram, generateMacroScript, quote } from '../../src/macros/generate.js';
import { act, checkGenerated, macro, runLocal, when } from './helpers.js';

/** A filled-in example of every action type. */
const SAMPLES: Record<string, Record<string, string>> = {
  setVariable: { name: 'total', value: 'T-{input.ticketId}' },
  setOutputValue: { name: 'ticket.title', value: 'Title {var.x}' },
  blockEvent: { message: 'Not now: {input.ticketId}' },
  runScript: { script: 'lib', values: 'a=1\nb={var.x}' },
  log: { message: 'logged {var.x}', print: 'yes' },
  stop: { message: 'stopping' },
  httpRequest: { method: 'POST', url: 'http://127.0.0.1:9/{var.x}', headers: 'Accept: application/json\nX-Id: {var.x}', body: '{"x": "{var.x}"}', contentType: 'application/json' },
  sendEmail: { to: 'a@example.com, {var.x}', cc: 'c@example.com', subject: 'Hello {var.x}', body: 'Text', html: '<p>HTML</p>', sms: '+4712345678' },
};

describe('generated CRMScript passes the checker', () => {
  it('has a sample for every action type', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(ACTION_TYPES.map((t) => t.type).sort());
  });

  for (const t of ACTION_TYPES) {
    it(`${t.type}, unconditional and conditional`, () => {
      expect(checkGenerated(macro([act(t.type, SAMPLES[t.type])]))).toEqual([]);
      expect(checkGenerated(macro([act(t.type, SAMPLES[t.type], when('{var.x}', 'greaterThan', '3'))]))).toEqual([]);
    });
  }

  it('all action types in one macro, each referring to earlier results', () => {
    const m = macro([
      act('httpRequest', SAMPLES.httpRequest!),
      act('runScript', { script: 'lib', values: 'status={action1.status}' }),
      act('log', { message: '{action1.body} {action1.error} {action1.header.Content-Type} {action2.output} {action2.return}' }),
      ...['setVariable', 'setOutputValue', 'blockEvent', 'sendEmail', 'stop'].map((t) => act(t, SAMPLES[t])),
    ]);
    expect(checkGenerated(m)).toEqual([]);
  });

  it('an empty macro is a valid program', () => {
    expect(checkGenerated(macro([]))).toEqual([]);
    expect(runLocal(macro([])).output).toBe('');
  });

  it('quotes every kind of text safely', () => {
    const nasty = 'a "quoted" \\ back\nslash\ttab \u0001 ünïcödé {{literal}';
    const r = runLocal(macro([act('log', { message: nasty, print: 'yes' })]));
    expect(r.output).toBe('a "quoted" \\ back\nslash\ttab \u0001 ünïcödé {literal}\n');
    expect(quote('"')).toBe('"\\""');
  });

  it('marks where each action starts', () => {
    const m = macro([act('setVariable', { name: 'a', value: '1' }), act('log', { message: 'x' }, when('{var.a}', 'lessThan', '2'))]);
    const g = generateMacroProgram(m);
    const lines = g.source.split('\n');
    expect(lines[g.actionLines[0]! - 1]).toBe('// 1. Set a variable');
    expect(lines[g.actionLines[1]! - 1]).toBe('// 2. Log a message (only if {var.a} less than 2)');
    expect(g.scripts).toEqual([]);
  });
});

describe('actions run with their effect', () => {
  it('sets variables from inputs and earlier variables', () => {
    const r = runLocal(
      macro([act('setVariable', { name: 'id', value: 'T-{input.ticketId}' }), act('setVariable', { name: 'copy', value: '[{var.id}]' })]),
      { inputs: { ticketId: '42' } },
    );
    expect(r.error).toBeNull();
    expect(r.variables).toEqual({ id: 'T-42', copy: '[T-42]' });
  });

  it('sets an event output value', () => {
    const r = runLocal(macro([act('setOutputValue', { name: 'ticket.title', value: 'New: {input.title}' })]), { inputs: { title: 'Printer' } });
    expect(r.outputs).toEqual({ 'ticket.title': 'New: Printer' });
  });

  it('blocks the event with a message, and later actions still run', () => {
    const r = runLocal(macro([act('blockEvent', { message: 'No tickets for {input.who}' }), act('log', { message: 'after', print: 'yes' })]), { inputs: { who: 'Bob' } });
    expect(r.blocked).toBe(true);
    expect(r.message).toBe('No tickets for Bob');
    expect(r.output).toBe('after\n');
  });

  it('logs a message, and prints it only when asked', () => {
    const r = runLocal(macro([act('log', { message: 'quiet' }), act('log', { message: 'loud', print: 'yes' })]));
    expect(r.log).toEqual(['quiet', 'loud']);
    expect(r.output).toBe('loud\n');
  });

  it('stops the macro: later actions do not run', () => {
    const r = runLocal(macro([act('log', { message: 'one', print: 'yes' }), act('stop', { message: 'bye' }), act('log', { message: 'two', print: 'yes' })]));
    expect(r.error).toBeNull();
    expect(r.output).toBe('one\nbye\n');
    expect(r.exitMessage).toBe('bye');
  });

  it('runs a script with values; its output and return value are available', () => {
    const lib = 'printLine("lib got " + getVariable("a") + "," + getVariable("b"));\nsetVariable("inner", "x");\nreturn "R" + getVariable("a");';
    const r = runLocal(
      macro([
        act('setVariable', { name: 'x', value: '7' }),
        act('runScript', { script: 'lib', values: 'a=1\nb={var.x}', printOutput: 'no' }),
        act('log', { message: 'out=[{action2.output}] ret={action2.return}', print: 'yes' }),
      ]),
      { scripts: { lib } },
    );
    expect(r.error).toBeNull();
    expect(r.output).toBe('out=[lib got 1,7\n] ret=R1\n');
    // the called script's variable changes stay in it
    expect(r.variables).toEqual({ x: '7' });
  });

  it("prints the script's output by default, and its exitWithMessage text is its return value", () => {
    const r = runLocal(macro([act('runScript', { script: 's' }), act('log', { message: '<{action1.return}>', print: 'yes' })]), {
      scripts: { s: 'printLine("hi");\nexitWithMessage("done");\nprintLine("never");' },
    });
    expect(r.output).toBe('hi\ndone\n<done>\n');
  });

  it('a script that fails makes the macro fail, naming the script', () => {
    const r = runLocal(macro([act('runScript', { script: 'bad' }), act('log', { message: 'after', print: 'yes' })]), {
      scripts: { bad: 'Integer z = 0;\nInteger y = 1 / z;' },
    });
    expect(r.error).toMatch(/^The script "bad" failed: .*\(store:bad:2:\d+\)$/);
    expect(r.output).toBe('');
  });

  it('the called script shares the event', () => {
    const r = runLocal(macro([act('runScript', { script: 's' })]), {
      inputs: { id: '5' },
      scripts: { s: 'EventData e = getEventData();\ne.setOutputValue("seen", e.getInputValue("id"));\ne.setBlockExecution(true);' },
    });
    expect(r.outputs).toEqual({ seen: '5' });
    expect(r.blocked).toBe(true);
  });

  it('queues an email on the run (one recipient per address)', () => {
    const r = runLocal(macro([act('sendEmail', SAMPLES.sendEmail!)]), { variables: { x: 'b@example.com' } });
    expect(r.error).toBeNull();
    expect(r.outbox).toEqual([
      {
        from: '',
        to: ['a@example.com', 'b@example.com'],
        cc: ['c@example.com'],
        bcc: [],
        sms: ['+4712345678'],
        smsFrom: '',
        subject: 'Hello b@example.com',
        text: 'Text',
        html: '<p>HTML</p>',
        headers: {},
      },
    ]);
  });
});

describe('conditions', () => {
  // [left, op, right, expected]
  const cases: Array<[string, string, string, boolean]> = [
    ['abc', 'equals', 'abc', true],
    ['abc', 'equals', 'ABC', false],
    ['abc', 'notEquals', 'abd', true],
    ['abc', 'notEquals', 'abc', false],
    ['hello world', 'contains', 'o w', true],
    ['hello world', 'contains', 'xyz', false],
    ['hello', 'beginsWith', 'he', true],
    ['hello', 'beginsWith', 'lo', false],
    ['9', 'lessThan', '10', true], // as numbers
    ['10', 'lessThan', '9', false],
    ['-2.5', 'lessThan', '1', true],
    ['apple', 'lessThan', 'banana', true], // as text
    ['2024-02-01', 'lessThan', '2024-01-31', false], // dates are text, not the number 2024
    ['10', 'greaterThan', '9', true],
    ['9', 'greaterThan', '10', false],
    ['b', 'greaterThan', 'a', true],
    ['', 'isEmpty', '', true],
    ['x', 'isEmpty', '', false],
    ['x', 'isNotEmpty', '', true],
    ['', 'isNotEmpty', '', false],
  ];
  for (const [left, op, right, expected] of cases) {
    it(`"${left}" ${op} "${right}" is ${expected}`, () => {
      // the left side comes from a variable, so the generated code compares run-time values
      const m = macro([act('setVariable', { name: 'hit', value: 'yes' }, when('{var.left}', op, right))]);
      const r = runLocal(m, { variables: { left } });
      expect(r.error).toBeNull();
      expect(r.variables.hit === 'yes').toBe(expected);
    });
  }

  it('compares references on both sides, and literal text mixed with references', () => {
    const m = macro([
      act('setVariable', { name: 'limit', value: '100' }),
      act('setVariable', { name: 'big', value: 'yes' }, when('{input.amount}', 'greaterThan', '{var.limit}')),
      act('setVariable', { name: 'tagged', value: 'yes' }, when('ID-{input.amount}', 'beginsWith', 'ID-1')),
    ]);
    expect(runLocal(m, { inputs: { amount: '150' } }).variables).toEqual({ limit: '100', big: 'yes', tagged: 'yes' });
    expect(runLocal(m, { inputs: { amount: '50' } }).variables).toEqual({ limit: '100' });
  });

  it('a skipped action leaves its results empty', () => {
    const m = macro([
      act('runScript', { script: 's' }, when('a', 'equals', 'b')),
      act('log', { message: '[{action1.output}]', print: 'yes' }),
    ]);
    expect(runLocal(m, { scripts: { s: 'print("ran");' } }).output).toBe('[]\n');
  });
});

describe('the generated text', () => {
  it('reads as a CRMScript program with the macro described at the top', () => {
    const m = { ...macro([act('setVariable', { name: 'a', value: '{input.ticketId}' })], 'Escalate'), description: 'Moves urgent tickets up.' };
    const src = generateMacroScript(m);
    expect(src).toContain('// The macro "Escalate" as CRMScript.');
    expect(src).toContain('// Moves urgent tickets up.');
    expect(src).toContain('EventData macroEvent = getEventData();');
    expect(src).toContain('setVariable("a", macroEvent.getInputValue("ticketId"));');
    expect(src).not.toContain('macroLessThan');
  });
});
