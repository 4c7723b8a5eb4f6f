// The Triggers tab in a minimal shell (store bridge, key registry, theme), driven by key presses
// through ink-testing-library, at 80×24 (the tab gets 21 rows) and without colour.
import React from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { createMacro, createScript, createTrigger, triggersForEvent } from '../../src/store/repos.js';
import { TriggersTab } from '../../src/screens/triggers.js';
import { cleanupTempDirs, tempDir } from '../triggers/helpers.js';
import { KEY, renderTab } from '../tui/helpers.js';

const SIZE = { width: 80, height: 21 };

let store: Store;
let flashes: string[];

function open() {
  return renderTab(store, (tui) => <TriggersTab store={store} active size={SIZE} tui={tui} />, (text) => void flashes.push(text));
}

const VALIDATE = `EventData ed = getEventData();
if (ed.getInputValue("SaleEntity.Amount").toInteger() < 100) {
  ed.setValidationMessage("Amount too low");
}
ed.setStateValue("seen", ed.getInputValue("SaleEntity.Amount"));
print("checked " + getVariable("SaleEntity.Amount"));`;

beforeEach(async () => {
  flashes = [];
  store = await Store.open(tempDir(), { seed: false });
  await store.update((d) => {
    const hello = createScript(d, { name: 'Hello', includeId: 'hello', source: 'print("hello");' });
    createScript(d, { name: 'Validate sale', includeId: 'validate-sale', source: VALIDATE });
    createMacro(d, { name: 'Notify', actions: [{ type: 'log', params: { message: 'notified', print: 'yes' }, condition: { kind: 'always' } }] });
    createTrigger(d, { event: 'NewTicket', targetKind: 'script', targetId: hello.id, description: 'say hello' });
  });
});
afterEach(() => {
  store.close();
  cleanupTempDirs();
});

describe('Triggers tab', () => {
  it('lists bindings and adds one through the event picker and the form', async () => {
    const { press, frame, until, app } = await open();
    expect(frame()).toMatch(/EVENT\s+#\s+ON\s+TARGET\s+LAST FIRED\s+LAST OUTCOME/);
    expect(frame()).toMatch(/NewTicket\s+1 on\s+Hello\s+-\s+never fired/);
    expect(frame()).toContain('say hello');
    for (const line of frame().split('\n')) expect(line.length).toBeLessThanOrEqual(80);

    await press('n');
    await until('New trigger: choose the event');
    await press(KEY.tab); // group filter: chat
    await until(/Group: chat/);
    expect(frame()).toContain('4 events');
    await press('\u001b[Z'); // shift+tab: back to all groups
    await until(/Group: all groups/);
    await press('before save sale');
    const picker = await until('SalesBeforeSaveSale');
    // the picker shows the event's input and output values
    expect(picker).toContain('Input values (53)');
    expect(picker).toContain('SaleEntity.Amount');
    expect(picker).toContain('sales · before · can be blocked');
    await press(KEY.enter);
    await until('New trigger for SalesBeforeSaveSale');
    // Runs: type-ahead picks the script
    await press(KEY.tab, 'valid');
    await until(/Runs\s+‹ Validate sale ›/);
    await press(KEY.tab, 'refuse small sales', KEY.ctrlS);
    await until(/SalesBeforeSaveSale\s+1 on\s+Validate sale/);
    const [t] = triggersForEvent(store.read(), 'SalesBeforeSaveSale');
    expect(t).toMatchObject({ targetKind: 'script', description: 'refuse small sales', enabled: true, order: 1 });
    app.unmount();
  });

  it('enables, disables, reorders and deletes bindings', async () => {
    await store.update((d) => {
      const other = d.scripts.find((s) => s.name === 'Validate sale')!;
      createTrigger(d, { event: 'NewTicket', targetKind: 'script', targetId: other.id, description: 'second' });
    });
    const { press, until, app } = await open();
    await until(/NewTicket\s+2 on\s+Validate sale/);
    await press(KEY.space);
    await until(/NewTicket\s+1 off\s+Hello/);
    expect(triggersForEvent(store.read(), 'NewTicket').map((x) => x.enabled)).toEqual([false, true]);
    await press('J'); // run Hello later
    await until(/NewTicket\s+2 off\s+Hello/);
    expect(triggersForEvent(store.read(), 'NewTicket').map((x) => x.description)).toEqual(['second', 'say hello']);
    await press('d');
    await until('Delete the trigger?');
    await press('y');
    await until(/1 binding, 1 on/);
    expect(store.read().triggers.map((x) => x.description)).toEqual(['second']);
    app.unmount();
  });

  it('test-fires an event with typed input values and shows the outcome', async () => {
    await store.update((d) => {
      const v = d.scripts.find((s) => s.name === 'Validate sale')!;
      const m = d.macros[0]!;
      createTrigger(d, { event: 'SalesBeforeSaveSale', targetKind: 'macro', targetId: m.id });
      createTrigger(d, { event: 'SalesBeforeSaveSale', targetKind: 'script', targetId: v.id });
    });
    const { press, until, frame, app } = await open();
    await press(KEY.down, KEY.down, 'f');
    await until('Input values');
    expect(frame()).toContain('SalesBeforeSaveSale');
    await press('/', 'Amount', KEY.enter);
    await until(/SaleEntity\.Amount\s+·/);
    await press(KEY.enter, '50', KEY.enter);
    await until(/SaleEntity\.Amount\s+50/);
    await press('f');
    const out = await until('BLOCKED');
    expect(out).toContain('Message: Amount too low');
    expect(out).toContain('seen = 50');
    expect(out).toContain('1. macro Notify: ok');
    expect(out).toContain('| notified');
    expect(out).toContain('| checked 50');
    const bindings = triggersForEvent(store.read(), 'SalesBeforeSaveSale');
    expect(bindings.map((x) => x.lastOutcome)).toEqual(['ok', 'blocked: Amount too low']);

    await press(KEY.esc, KEY.esc); // clear the filter, then back to the list
    await until(/SalesBeforeSaveSale\s+2 on\s+Validate sale\s+\d\d-\d\d \d\d:\d\d\s+blocked: Amo/);
    expect(frame()).toMatch(/Last fired \d{4}-\d\d-\d\d \d\d:\d\d: blocked: Amount too low/);
    app.unmount();
  });

  it('wraps a refused test-fire in the narrow outcome pane, so the whole reason is readable', async () => {
    const { press, until, app } = await open();
    await press('f');
    await until('Input values');
    await press('/', 'ticketId', KEY.enter);
    await until(/ticketId\s+·/);
    await press(KEY.enter, '424242', KEY.enter);
    await until(/ticketId\s+424242/);
    await press('f');
    // the message ends with the command that lists the tickets; all of it shows at 80 columns
    await until(/crmscript-tui crm show/);
    app.unmount();
  });
});
