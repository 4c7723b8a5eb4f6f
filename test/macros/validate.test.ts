import { describe, expect, it } from 'vitest';
import { emptyStoreData } from '../../src/store/schema.js';
import { createScript } from '../../src/store/repos.js';
import { validateMacro, type MacroProblem } from '../../src/macros/validate.js';
import { listParameterSources } from '../../src/macros/sources.js';
import { actionsReferringTo, moveAction, parseValue, removeAction } from '../../src/macros/actions.js';
import { act, checkGenerated, macro, when } from './helpers.js';

const errors = (ps: MacroProblem[]) => ps.filter((p) => p.severity === 'error').map((p) => p.message);
const warnings = (ps: MacroProblem[]) => ps.filter((p) => p.severity === 'warning').map((p) => p.message);

describe('validateMacro', () => {
  it('accepts a correct macro', () => {
    const m = macro([
      act('setVariable', { name: 'x', value: '{input.ticketId}' }),
      act('httpRequest', { method: 'GET', url: 'https://example.com/{var.x}' }),
      act('log', { message: '{action2.status} {action2.header.Content-Type}' }, when('{action2.error}', 'isEmpty')),
    ]);
    expect(validateMacro(m, { eventName: 'NewTicket' })).toEqual([]);
  });

  it('reports a missing required parameter', () => {
    const ps = validateMacro(macro([act('setVariable', { value: '1' }), act('httpRequest', { method: 'GET', url: '  ' })]));
    expect(errors(ps)).toEqual(['Action 1 (Set a variable): the variable name is required.', 'Action 2 (Send an HTTP request): the URL is required.']);
    expect(ps[0]).toMatchObject({ action: 0, field: 'name' });
    expect(ps[1]).toMatchObject({ action: 1, field: 'url' });
  });

  it('reports references to a later action, to the action itself and to a missing one', () => {
    const m = macro([
      act('log', { message: '{action2.status}' }),
      act('httpRequest', { url: 'http://x.test/{action2.body}' }),
      act('log', { message: 'x' }, when('{action9.output}', 'isEmpty')),
    ]);
    expect(errors(validateMacro(m))).toEqual([
      'Action 1 (Log a message): {action2.status} refers to action 2, which runs later; only earlier actions\' results can be used.',
      'Action 2 (Send an HTTP request): {action2.body} refers to this action itself; only earlier actions\' results can be used.',
      'Action 3 (Log a message): {action9.output} refers to action 9, which does not exist.',
    ]);
  });

  it('reports results an action does not have', () => {
    const m = macro([act('setVariable', { name: 'a', value: '1' }), act('runScript', { script: 's' }), act('log', { message: '{action1.value} {action2.status}' })]);
    expect(errors(validateMacro(m))).toEqual([
      'Action 3 (Log a message): {action1.value}: action 1 (Set a variable) has no results.',
      'Action 3 (Log a message): {action2.status}: action 2 (Run a script) has no result "status"; it has output, return.',
    ]);
  });

  it('reports unknown variables, and variables set only later', () => {
    const m = macro([act('log', { message: '{var.later} {var.nobody} {var.given}' }), act('setVariable', { name: 'later', value: '1' })]);
    expect(errors(validateMacro(m, { variables: ['given'] }))).toEqual([
      'Action 1 (Log a message): the variable "later" ({var.later}) is set only by a later action (2).',
      'Action 1 (Log a message): unknown variable "nobody" ({var.nobody}): no earlier action sets it.',
    ]);
  });

  it('reports a reference-like typo, and references where none are allowed', () => {
    const m = macro([act('setVariable', { name: '{var.x}', value: '{vars.x} {"json": 1} {{var.y}' })]);
    expect(errors(validateMacro(m))).toEqual([
      'Action 1 (Set a variable): the variable name cannot contain references such as {var.x}.',
      'Action 1 (Set a variable): {vars.x} is not a reference; use {input.NAME}, {var.NAME} or {actionN.FIELD} (write {{ for a literal "{").',
      'Action 1 (Set a variable): "{var.x}" is not a valid name: use letters, digits, "_", "-" and "." only.',
    ]);
  });

  it('reports unknown action types, operators and choices', () => {
    const m = macro([act('teleport', {}), act('log', { message: 'x', print: 'maybe' }, when('a', 'roughly', 'b')), act('httpRequest', { method: 'FETCH', url: 'http://x.test' })]);
    const es = errors(validateMacro(m));
    expect(es[0]).toMatch(/^Action 1: "teleport" is not an action type; use one of setVariable, /);
    expect(es).toContain('Action 2 (Log a message): the also print it must be one of yes, no, not "maybe".');
    expect(es.some((e) => e.startsWith('Action 2 (Log a message): "roughly" is not a condition operator; use one of equals, notEquals,'))).toBe(true);
    expect(es).toContain('Action 3 (Send an HTTP request): the method must be one of GET, POST, PUT, PATCH, DELETE, not "FETCH".');
  });

  it('checks per-type rules: script, URL, header lines, recipients, values lines', () => {
    const data = emptyStoreData();
    createScript(data, { name: 'Lib', includeId: 'lib', source: '' });
    const m = macro([
      act('runScript', { script: 'nope', values: 'a=1\njust text' }),
      act('runScript', { script: 'lib' }),
      act('httpRequest', { url: 'ftp://x.test', headers: 'Accept: */*\nno colon here\nBad Name: 1' }),
      act('sendEmail', { subject: 'hi' }),
    ]);
    expect(errors(validateMacro(m, { data }))).toEqual([
      'Action 1 (Run a script): there is no script with the include name "nope".',
      'Action 1 (Run a script): "just text" is not a NAME=VALUE line.',
      'Action 3 (Send an HTTP request): "ftp://x.test" is not an http:// or https:// address.',
      'Action 3 (Send an HTTP request): "no colon here" is not a "Name: value" line.',
      'Action 3 (Send an HTTP request): "Bad Name" is not a valid header name.',
      'Action 4 (Send an email or SMS): give at least one recipient (To, Cc, Bcc or SMS).',
    ]);
  });

  it('checks against the trigger event: inputs, outputs and blocking (as warnings)', () => {
    const m = macro([
      act('log', { message: '{input.ticketId} {input.noSuchInput}' }),
      act('setOutputValue', { name: 'nothing', value: '1' }),
      act('blockEvent', { message: 'no' }),
    ]);
    const ps = validateMacro(m, { eventName: 'NewTicket' });
    expect(errors(ps)).toEqual([]);
    expect(warnings(ps)).toEqual([
      'Action 1 (Log a message): the event NewTicket has no input value "noSuchInput" ({input.noSuchInput}).',
      'Action 2 (Set an event output value): the event NewTicket has no output value "nothing".',
      'Action 3 (Block the event with a message): the event NewTicket cannot be blocked; only "before" events can.',
    ]);
    // a pattern input such as "AppointmentEntity.Associate.*" covers its members
    const p = validateMacro(macro([act('log', { message: '{input.AppointmentEntity.Associate.Name}' })]), { eventName: 'SalesBeforeSaveAppointment' });
    expect(p).toEqual([]);
  });

  it('warns about actions after an unconditional stop', () => {
    const ps = validateMacro(macro([act('stop'), act('log', { message: 'x' })]));
    expect(warnings(ps)).toEqual(['Action 1 (Stop the macro): it always stops the macro, so the actions after it never run.']);
  });
});

describe('listParameterSources', () => {
  const m = macro([
    act('setVariable', { name: 'total', value: '1' }),
    act('httpRequest', { url: 'http://x.test' }),
    act('runScript', { script: 's' }),
    act('setVariable', { name: 'late', value: '2' }),
  ]);

  it('lists event inputs, earlier variables and earlier results only', () => {
    const refs = listParameterSources(m, 3, 'NewTicket').map((s) => s.ref);
    expect(refs).toEqual([
      '{input.entryId}',
      '{input.ticketId}',
      '{input.personId}',
      '{input.contactId}',
      '{var.total}',
      '{action2.status}',
      '{action2.body}',
      '{action2.error}',
      '{action2.header.Content-Type}',
      '{action3.output}',
      '{action3.return}',
    ]);
  });

  it('the first action sees only inputs and caller variables; patterns are left out', () => {
    expect(listParameterSources(m, 0, undefined, { variables: ['fromCaller'] }).map((s) => s.ref)).toEqual(['{var.fromCaller}']);
    const appointment = listParameterSources(m, 0, 'SalesBeforeSaveAppointment').map((s) => s.ref);
    expect(appointment).toContain('{input.AppointmentEntity.ActiveDate}');
    expect(appointment.some((r) => r.includes('*'))).toBe(false);
  });

  it('every listed source passes validation and the checker at that position', () => {
    for (const s of listParameterSources(m, 4, 'NewTicket')) {
      const withUse = macro([...m.actions, act('log', { message: s.ref })]);
      expect(validateMacro(withUse, { eventName: 'NewTicket' }).filter((p) => p.severity === 'error')).toEqual([]);
      expect(checkGenerated(withUse)).toEqual([]);
    }
  });
});

describe('references and editing', () => {
  it('parses references, literal braces and escapes', () => {
    expect(parseValue('a {input.x.y} b {{var.z} {"k":1} {action12.header.X-Y}')).toEqual([
      { text: 'a ', raw: 'a ' },
      { ref: { source: 'input', name: 'x.y' }, raw: '{input.x.y}' },
      { text: ' b {var.z} {"k":1} ', raw: ' b {{var.z} {"k":1} ' },
      { ref: { source: 'action', index: 12, field: 'header.X-Y' }, raw: '{action12.header.X-Y}' },
    ]);
  });

  it('moving an action keeps references pointing at the same action', () => {
    const actions = [
      act('httpRequest', { url: 'http://x.test' }),
      act('runScript', { script: 's' }),
      act('log', { message: '{action1.status}/{action2.output} {{action1.x}' }, when('{action2.return}', 'equals', '{action1.body}')),
    ];
    const moved = moveAction(actions, 1, 0);
    expect(moved.map((a) => a.type)).toEqual(['runScript', 'httpRequest', 'log']);
    expect(moved[2]!.params.message).toBe('{action2.status}/{action1.output} {{action1.x}');
    expect(moved[2]!.condition).toEqual({ left: '{action1.return}', op: 'equals', right: '{action2.body}' });
  });

  it('removing an action renumbers later references and flags references to it', () => {
    const actions = [act('httpRequest', { url: 'http://x.test' }), act('runScript', { script: 's' }), act('log', { message: '{action1.status} {action2.output}' })];
    expect(actionsReferringTo(actions, 0)).toEqual([2]);
    const after = removeAction(actions, 0);
    expect(after[1]!.params.message).toBe('{action0.status} {action1.output}');
    expect(errors(validateMacro(macro(after)))).toEqual(['Action 2 (Log a message): {action0.status} refers to action 0, which does not exist.']);
  });
});
