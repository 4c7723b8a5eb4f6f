import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent } from '../../src/run/fire.js';
import { UnknownEventError } from '../../src/triggers/catalog.js';
import { getById, deleteMacro, deleteTrigger, deleteScript } from '../../src/store/repos.js';
import type { MacroAction, MacroCondition } from '../../src/store/schema.js';
import { bind, bindMacro, cleanupTempDirs, emptyStore } from '../triggers/helpers.js';

afterEach(cleanupTempDirs);

const act = (type: string, params: Record<string, string>, condition: MacroCondition = { kind: 'always' }): MacroAction => ({ type, params, condition });

// Each binding appends its letter to the "trail" state value, so the final value shows both the
// order the bindings ran in and that they saw each other's state.
const trail = (letter: string) => `EventData ed = getEventData();
ed.setStateValue("trail", ed.getStateValue("trail") + "${letter}");
print("${letter} saw '" + ed.getStateValue("trail") + "'");
`;

describe('fireEvent', () => {
  it('runs the enabled bindings in order, sharing state values', async () => {
    const store = await emptyStore();
    await bind(store, 'NewTicket', 'a', trail('A'), { order: 3 });
    await bind(store, 'NewTicket', 'b', trail('B'), { order: 1 });
    await bind(store, 'NewTicket', 'c', trail('C'), { order: 2 });
    await bind(store, 'NewTicket', 'off', trail('X'), { order: 0, enabled: false });
    const o = await fireEvent(store, 'NewTicket', { ticketId: '7' });
    expect(o.state).toEqual({ trail: 'BCA' });
    expect(o.runs.map((r) => r.output)).toEqual(["B saw 'B'", "C saw 'BC'", "A saw 'BCA'"]);
    expect(o.runs.map((r) => r.target)).toEqual(['script b', 'script c', 'script a']);
    expect(o.runs.every((r) => r.ok && r.error === null)).toBe(true);
    expect(o).toMatchObject({ event: 'NewTicket', blocked: false, skipped: 0 });
  });

  it('passes outputs, message and navigate-to from one binding to the next and returns them', async () => {
    const store = await emptyStore();
    await bind(
      store,
      'ChatBeforeSaveNewMessage',
      'first',
      `EventData ed = getEventData();
ed.setOutputValue("chatMessage.message", ed.getInputValue("chatMessage.message") + "!");
ed.setMessage("checked");
ed.setNavigateTo("soprotocol:chat");`,
    );
    await bind(
      store,
      'ChatBeforeSaveNewMessage',
      'second',
      `EventData ed = getEventData();
print(ed.getMessage() + "|" + ed.getNavigateTo() + "|" + ed.getInputValue("chatMessage.message"));
ed.setMessage(ed.getMessage() + " twice");`,
    );
    const o = await fireEvent(store, 'ChatBeforeSaveNewMessage', { 'chatMessage.message': 'hi' });
    expect(o.runs[1]!.output).toBe('checked|soprotocol:chat|hi');
    expect(o).toMatchObject({
      blocked: false,
      message: 'checked twice',
      navigateTo: 'soprotocol:chat',
      outputs: { 'chatMessage.message': 'hi!' },
    });
  });

  it('makes input values readable through getVariable and getInputValues', async () => {
    const store = await emptyStore();
    await bind(
      store,
      'NewTicket',
      'vars',
      `Map m = getEventData().getInputValues();
print(getVariable("ticketId") + "/" + getVariable("personId") + "/" + m.size().toString() + "/" + m.get("contactId"));`,
    );
    const o = await fireEvent(store, 'NewTicket', { ticketId: '42', personId: '5', contactId: '9' });
    expect(o.runs[0]!.output).toBe('42/5/3/9');
  });

  describe('blocking a "before" event', () => {
    const validate = `EventData ed = getEventData();
if (ed.getInputValue("SaleEntity.Amount").toInteger() < 100) {
  ed.setValidationMessage("The amount must be at least 100.");
}
print("validated");`;
    const after = `print("second ran");`;

    it('stops at the first binding that blocks and reports the message', async () => {
      const store = await emptyStore();
      const first = await bind(store, 'SalesBeforeSaveSale', 'validate', validate);
      const second = await bind(store, 'SalesBeforeSaveSale', 'after', after);
      const o = await fireEvent(store, 'SalesBeforeSaveSale', { 'SaleEntity.Amount': '50' });
      expect(o.blocked).toBe(true);
      expect(o.message).toBe('The amount must be at least 100.');
      expect(o.runs).toHaveLength(1);
      expect(o.runs[0]!.output).toBe('validated');
      expect(o.skipped).toBe(1);
      const d = store.read();
      expect(getById(d, 'triggers', first)!.lastOutcome).toBe('blocked: The amount must be at least 100.');
      expect(getById(d, 'triggers', second)!.lastFiredAt).toBeNull();
    });

    it('runs every binding when none blocks', async () => {
      const store = await emptyStore();
      await bind(store, 'SalesBeforeSaveSale', 'validate', validate);
      await bind(store, 'SalesBeforeSaveSale', 'after', after);
      const o = await fireEvent(store, 'SalesBeforeSaveSale', { 'SaleEntity.Amount': '500' });
      expect(o.blocked).toBe(false);
      expect(o.runs.map((r) => r.output)).toEqual(['validated', 'second ran']);
      expect(o.skipped).toBe(0);
    });

    it('stops at once when a binding blocks, so a later one cannot lift the block', async () => {
      const store = await emptyStore();
      await bind(store, 'SalesBeforeSaveSale', 'blocker', 'getEventData().setBlockExecution(true);');
      await bind(store, 'SalesBeforeSaveSale', 'unblocker', 'getEventData().setBlockExecution(false);');
      const o = await fireEvent(store, 'SalesBeforeSaveSale', {});
      expect(o.blocked).toBe(true);
      expect(o.message).toBe('');
      expect(o.runs).toHaveLength(1);
    });
  });

  it('does not block an event that cannot be blocked', async () => {
    const store = await emptyStore();
    await bind(store, 'SalesAfterSaveSale', 'blocker', 'getEventData().setBlockExecution(true); print("one");');
    await bind(store, 'SalesAfterSaveSale', 'next', 'print("two");');
    const o = await fireEvent(store, 'SalesAfterSaveSale', {});
    expect(o.blocked).toBe(false);
    expect(o.runs.map((r) => r.output)).toEqual(['one', 'two']);
  });

  it('records an error in one binding and still runs the next ones', async () => {
    const store = await emptyStore();
    const bad = await bind(
      store,
      'NewTicket',
      'bad',
      `getEventData().setStateValue("before", "kept");
print("partial");
Integer zero = 0;
Integer boom = 1 / zero;`,
    );
    const broken = await bind(store, 'NewTicket', 'broken', 'Integer x = "not a number";');
    const good = await bind(store, 'NewTicket', 'good', 'print("state: " + getEventData().getStateValue("before"));');
    const o = await fireEvent(store, 'NewTicket', {});
    expect(o.runs).toHaveLength(3);
    expect(o.runs[0]).toMatchObject({ ok: false, output: 'partial' });
    expect(o.runs[0]!.error).toMatch(/^store:bad:4:\d+: /);
    expect(o.runs[1]!.ok).toBe(false);
    expect(o.runs[1]!.error).toMatch(/^store:broken:1:\d+: cannot assign /);
    // what the failing script set before its error is kept for the next binding
    expect(o.runs[2]).toMatchObject({ ok: true, output: 'state: kept' });
    const d = store.read();
    expect(getById(d, 'triggers', bad)!.lastOutcome).toMatch(/^failed: store:bad:4/);
    expect(getById(d, 'triggers', broken)!.lastOutcome).toMatch(/^failed: /);
    expect(getById(d, 'triggers', good)!.lastOutcome).toBe('ok');
    expect(Date.now() - Date.parse(getById(d, 'triggers', good)!.lastFiredAt!)).toBeLessThan(60_000);
  });

  it('runs macro bindings in the same chain, sharing the event with scripts', async () => {
    const store = await emptyStore();
    const ev = 'ChatBeforeSaveNewMessage';
    await bind(store, ev, 'first', 'getEventData().setOutputValue("chatMessage.message", "checked"); getEventData().setStateValue("by", "first");');
    await bindMacro(store, ev, 'Spam filter', [
      act('setOutputValue', { name: 'chatMessage.specialType', value: 'from {input.chatMessage.author}' }),
      act('blockEvent', { message: 'No spam, please.' }, { left: '{input.chatMessage.message}', op: 'contains', right: 'spam' }),
    ]);
    await bind(store, ev, 'last', 'print("last saw " + getEventData().getStateValue("by"));');

    const spam = await fireEvent(store, ev, { 'chatMessage.message': 'buy spam now', 'chatMessage.author': 'bot' });
    expect(spam).toMatchObject({
      blocked: true,
      message: 'No spam, please.',
      outputs: { 'chatMessage.message': 'checked', 'chatMessage.specialType': 'from bot' },
      state: { by: 'first' },
      skipped: 1,
    });
    expect(spam.runs.map((r) => [r.target, r.ok])).toEqual([
      ['script first', true],
      ['macro Spam filter', true],
    ]);
    const fine = await fireEvent(store, ev, { 'chatMessage.message': 'hello', 'chatMessage.author': 'ann' });
    expect(fine.blocked).toBe(false);
    expect(fine.runs[2]).toMatchObject({ ok: true, output: 'last saw first' });
    expect(store.read().triggers.map((t) => t.lastOutcome)).toEqual(['ok', 'ok', 'ok']);
  });

  it('records a broken macro, a missing macro and a missing script without stopping', async () => {
    const store = await emptyStore();
    await bindMacro(store, 'NewTicket', 'Broken', [act('blockEvent', {})]); // the message is required
    const gone = await bindMacro(store, 'NewTicket', 'Gone', []);
    await store.update((d) => deleteMacro(d, getById(d, 'triggers', gone)!.targetId));
    const goneScript = await bind(store, 'NewTicket', 'gone', 'print("x");');
    await store.update((d) => deleteScript(d, getById(d, 'triggers', goneScript)!.targetId));
    await bind(store, 'NewTicket', 'last', 'print("last");');
    const o = await fireEvent(store, 'NewTicket', {});
    expect(o.runs[0]).toMatchObject({ ok: false, target: 'macro Broken' });
    expect(o.runs[0]!.error).toMatch(/^macro:Broken:1:0: /);
    expect(o.runs[1]).toMatchObject({ ok: false, target: 'macro (missing macro)' });
    expect(o.runs[1]!.error).toContain('no longer exists');
    expect(o.runs[2]).toMatchObject({ ok: false, target: 'script (missing script)' });
    expect(o.runs[2]!.error).toContain('no longer exists');
    expect(o.runs[3]).toMatchObject({ ok: true, output: 'last' });
    expect(getById(store.read(), 'triggers', gone)!.lastOutcome).toMatch(/^failed: the bound macro .* no longer exists/);
  });

  it('is a successful no-op for an event nobody is bound to', async () => {
    const store = await emptyStore();
    await bind(store, 'NewTicket', 'other', 'print("no");');
    const o = await fireEvent(store, 'SalesBeforeSaveSale', { 'SaleEntity.Amount': '1' });
    expect(o).toEqual({ event: 'SalesBeforeSaveSale', blocked: false, message: '', outputs: {}, state: {}, navigateTo: '', runs: [], skipped: 0 });
  });

  it('rejects an unknown event with a suggestion, and accepts another letter case', async () => {
    const store = await emptyStore();
    await expect(fireEvent(store, 'NewTiket', {})).rejects.toThrow(UnknownEventError);
    await expect(fireEvent(store, 'NewTiket', {})).rejects.toThrow('Did you mean "NewTicket"?');
    await bind(store, 'NewTicket', 'hi', 'print("hi");');
    const o = await fireEvent(store, 'newticket', {});
    expect(o.event).toBe('NewTicket');
    expect(o.runs[0]!.output).toBe('hi');
  });

  it('stops the running binding and skips the rest on abort', async () => {
    const store = await emptyStore();
    await bind(store, 'NewTicket', 'loop', 'while (true) { }');
    await bind(store, 'NewTicket', 'never', 'print("never");');
    const ac = new AbortController();
    // aborted as the first binding starts
    const o = await fireEvent(store, 'NewTicket', {}, { user: 'ann', signal: ac.signal, onRun: (ev) => void (ev.done ? null : ac.abort()) });
    expect(o.runs).toHaveLength(1);
    expect(o.runs[0]!.ok).toBe(false);
    expect(o.runs[0]!.error).toContain('stopped');
    expect(o.skipped).toBe(1);
    expect(o.warnings?.[0]).toContain('stopped');
  });

  it('does not record (or fail on) a binding deleted while the event fired', async () => {
    const store = await emptyStore();
    const id = await bind(store, 'NewTicket', 'one', 'print("1");');
    let deletion: Promise<unknown> | null = null;
    const o = await fireEvent(store, 'NewTicket', {}, {
      onRun: ({ done }) => {
        if (!done) deletion = store.update((d) => deleteTrigger(d, id));
      },
    });
    await deletion;
    expect(o.runs[0]!.ok).toBe(true);
    expect(o.warnings).toBeUndefined();
    expect(store.read().triggers).toEqual([]);
  });
});
