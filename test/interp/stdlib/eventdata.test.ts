import { describe, it, expect, beforeEach } from 'vitest';
import { EventDataClass, eventGlobals, CrmEventData } from '../../../src/interp/stdlib/eventdata.js';
import { MapClass } from '../../../src/interp/stdlib/map.js';
import { newRunContext, newEventState, setRunContext, rt } from '../../../src/interp/runtime/context.js';

const E = EventDataClass.methods!;
const M = MapClass.methods!;
const getEventData = (): CrmEventData => eventGlobals['getEventData()']();

describe('EventData', () => {
  beforeEach(() => {
    const ev = newEventState('BeforeSaveSale', new Map([['SaleEntity.Amount', '50'], ['SaleEntity.Heading', 'Big deal']]));
    ev.type = 3;
    setRunContext(newRunContext({ event: ev }));
  });

  it('reads input values and the type', () => {
    const ed = getEventData();
    expect(E['getInputValue(String)'](ed, 'SaleEntity.Amount')).toBe('50');
    expect(E['getInputValue(String)'](ed, 'Nope')).toBe('');
    expect(E['getType()'](ed)).toBe(3);
    const m = E['getInputValues()'](ed);
    expect(M['size()'](m)).toBe(2);
    expect(M['getKey()'](m)).toBe('SaleEntity.Amount');
    expect(M['get(String)'](m, 'SaleEntity.Heading')).toBe('Big deal');
    // the Map is a copy
    M['insert(String,String)'](m, 'x', 'y');
    expect(rt.event.inputs.has('x')).toBe(false);
  });

  it('writes outputs, message, block flag and navigation into the event', () => {
    const ed = getEventData();
    E['setOutputValue(String,String)'](ed, 'SaleEntity.Heading', 'Changed');
    E['setMessage(String)'](ed, 'Hello');
    E['setNavigateTo(String)'](ed, 'soprotocol:sale.main');
    expect(rt.event.outputs.get('SaleEntity.Heading')).toBe('Changed');
    expect(E['getMessage()'](ed)).toBe('Hello');
    expect(rt.event.message).toBe('Hello');
    expect(E['getNavigateTo()'](ed)).toBe('soprotocol:sale.main');
    expect(E['getBlockExecution()'](ed)).toBe(false);
    E['setBlockExecution(Bool)'](ed, true);
    expect(rt.event.blockExecution).toBe(true);
    E['setBlockExecution(Bool)'](ed, false);
    expect(E['getBlockExecution()'](ed)).toBe(false);
    // outputs are not inputs
    expect(E['getInputValue(String)'](ed, 'SaleEntity.Heading')).toBe('Big deal');
  });

  it('setValidationMessage blocks and sets the message', () => {
    const ed = getEventData();
    E['setValidationMessage(String)'](ed, 'Amount too low');
    expect(rt.event.blockExecution).toBe(true);
    expect(rt.event.message).toBe('Amount too low');
    expect(E['getBlockExecution()'](ed)).toBe(true);
  });

  it('state values are shared by every EventData of the run', () => {
    const a = getEventData();
    const b: CrmEventData = EventDataClass.defaultValue!();
    const c: CrmEventData = EventDataClass.ctors!['()']();
    E['setStateValue(String,String)'](a, 'seen', 'yes');
    expect(E['getStateValue(String)'](b, 'seen')).toBe('yes');
    expect(E['getStateValue(String)'](c, 'seen')).toBe('yes');
    expect(E['getStateValue(String)'](c, 'other')).toBe('');
    E['setStateValue(String,String)'](c, 'another', '2');
    const m = E['getStateValues()'](a);
    expect(M['size()'](m)).toBe(2);
    expect(M['getKey()'](m)).toBe('another');
  });

  it('without an event everything is empty', () => {
    setRunContext(newRunContext());
    const ed = getEventData();
    expect(E['getInputValue(String)'](ed, 'x')).toBe('');
    expect(M['size()'](E['getInputValues()'](ed))).toBe(0);
    expect(E['getType()'](ed)).toBe(0);
    expect(E['getMessage()'](ed)).toBe('');
  });
});
