import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerTriggerCommands } from '../../src/commands/triggers.js';
import { Store } from '../../src/store/store.js';
import { createMacro, createScript, triggersForEvent } from '../../src/store/repos.js';
import { cleanupTempDirs, tempDir } from '../triggers/helpers.js';
import { runCommands, type CliResult } from '../common.js';

afterEach(() => {
  cleanupTempDirs();
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

/** Run `crmscript-tui <args>` in-process against `dir`; returns stdout, stderr and the exit status. */
function cli(dir: string, args: string[]): Promise<CliResult> {
  return runCommands((program) => registerTriggerCommands(program, () => Store.open(dir, { seed: false })), args);
}

const VALIDATE = `EventData ed = getEventData();
if (ed.getInputValue("SaleEntity.Amount").toInteger() < 100) {
  ed.setValidationMessage("Amount too low: " + ed.getInputValue("SaleEntity.Amount"));
}
ed.setStateValue("checkedBy", getVariable("SaleEntity.Heading"));
`;

async function storeWithScripts(): Promise<{ dir: string; store: Store }> {
  const dir = tempDir();
  const store = await Store.open(dir, { seed: false });
  await store.update((d) => {
    createScript(d, { name: 'Check amount', includeId: 'check-amount', source: VALIDATE });
    createScript(d, { name: 'Audit', includeId: 'audit', source: 'print("audit ran");' });
    createScript(d, { name: 'Broken', includeId: 'broken', source: 'Integer zero = 0;\nInteger boom = 1 / zero;' });
    createMacro(d, { name: 'Notify' });
  });
  return { dir, store };
}

describe('triggers commands', () => {
  it('adds bindings, lists them, reorders, disables and removes them', async () => {
    const { dir, store } = await storeWithScripts();
    const a = await cli(dir, ['triggers', 'add', 'SalesBeforeSaveSale', '--script', 'check-amount', '--description', 'validate', '--json']);
    expect(a.code).toBe(0);
    const first = JSON.parse(a.out);
    expect(first).toMatchObject({ event: 'SalesBeforeSaveSale', targetKind: 'script', description: 'validate', enabled: true, order: 1 });
    const b = await cli(dir, ['triggers', 'add', 'salesbeforesavesale', '--script', 'Audit', '--disabled']);
    expect(b.out).toMatch(/^Added trigger \w+: SalesBeforeSaveSale runs script "Audit" \(disabled\)\.$/m);
    const m = await cli(dir, ['triggers', 'add', 'SalesBeforeSaveSale', '--macro', 'Notify', '--order', '1']);
    expect(m).toMatchObject({ code: 0, err: '' });
    expect(m.out).toMatch(/runs macro "Notify"\.$/m);

    const order = () => triggersForEvent(store.read(), 'SalesBeforeSaveSale').map((t) => `${t.targetKind}:${t.enabled}`);
    expect(order()).toEqual(['macro:true', 'script:true', 'script:false']);

    const list = await cli(dir, ['triggers', 'list']);
    expect(list.out.split('\n')[0]).toMatch(/^ID\s+EVENT\s+ORDER\s+ENABLED\s+TARGET\s+LAST FIRED\s+LAST OUTCOME\s+DESCRIPTION$/);
    expect(list.out).toMatch(new RegExp(`${first.id}\\s+SalesBeforeSaveSale\\s+2\\s+yes\\s+script Check amount\\s+-\\s+-\\s+validate`));

    expect((await cli(dir, ['triggers', 'move', first.id, 'up'])).code).toBe(0);
    expect(order()).toEqual(['script:true', 'macro:true', 'script:false']);
    expect((await cli(dir, ['triggers', 'move', first.id, 'up'])).out).toContain('already first');

    await cli(dir, ['triggers', 'disable', first.id.slice(0, 6)]);
    expect(order()).toEqual(['script:false', 'macro:true', 'script:false']);
    await cli(dir, ['triggers', 'enable', first.id]);
    const rm = await cli(dir, ['triggers', 'rm', first.id]);
    expect(rm.out).toBe(`Removed trigger ${first.id} (SalesBeforeSaveSale).\n`);
    expect(order()).toEqual(['macro:true', 'script:false']);

    const json = JSON.parse((await cli(dir, ['triggers', 'list', '--json'])).out);
    expect(json.map((r: { target: string }) => r.target)).toEqual(['Notify', 'Audit']);
  });

  it('refuses bad input with a sentence and exit status 1', async () => {
    const { dir } = await storeWithScripts();
    const cases: Array<[string[], RegExp]> = [
      [['triggers', 'add', 'SalesBeforSaveSale', '--script', 'audit'], /no trigger event named "SalesBeforSaveSale". Did you mean "SalesBeforeSaveSale"/],
      [['triggers', 'add', 'NewTicket'], /--script NAME or --macro NAME/],
      [['triggers', 'add', 'NewTicket', '--script', 'audit', '--macro', 'Notify'], /either --script or --macro/],
      [['triggers', 'add', 'NewTicket', '--script', 'nope'], /no script named "nope"/],
      [['triggers', 'add', 'NewTicket', '--script', 'audit', '--order', '0'], /--order must be a whole number/],
      [['triggers', 'rm', 'zzzz'], /no trigger with id "zzzz"/],
      [['triggers', 'events', '--group', 'nope'], /no event group "nope"/],
    ];
    for (const [args, err] of cases) {
      const r = await cli(dir, args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toMatch(err);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    }
  });

  it('fires an event and prints the outcome as text and as JSON', async () => {
    const { dir } = await storeWithScripts();
    await cli(dir, ['triggers', 'add', 'SalesBeforeSaveSale', '--script', 'broken']);
    await cli(dir, ['triggers', 'add', 'SalesBeforeSaveSale', '--script', 'check-amount']);
    await cli(dir, ['triggers', 'add', 'SalesBeforeSaveSale', '--script', 'audit']);

    const low = await cli(dir, ['fire', 'SalesBeforeSaveSale', '--input', 'SaleEntity.Amount=50', '--input', 'SaleEntity.Heading=Big deal', '--json']);
    expect(low.code).toBe(0);
    const o = JSON.parse(low.out);
    // inputs and picked: the entity ids checked and filled from the sandbox CRM; changes: its rows the bindings changed
    expect(Object.keys(o)).toEqual(['event', 'blocked', 'message', 'outputs', 'state', 'navigateTo', 'runs', 'skipped', 'inputs', 'picked', 'changes']);
    expect(o).toMatchObject({ event: 'SalesBeforeSaveSale', blocked: true, message: 'Amount too low: 50', outputs: {}, state: { checkedBy: 'Big deal' }, navigateTo: '', skipped: 1 });
    expect(o.runs).toHaveLength(2);
    expect(Object.keys(o.runs[0])).toEqual(['trigger', 'target', 'ok', 'output', 'error', 'ms', 'changes']);
    expect(o.runs[0]).toMatchObject({ target: 'script Broken', ok: false });
    expect(o.runs[0].error).toMatch(/^store:broken:2:\d+: \S/);
    expect(o.runs[1]).toMatchObject({ target: 'script Check amount', ok: true, error: null });

    const high = await cli(dir, ['fire', 'SalesBeforeSaveSale', '--input', 'SaleEntity.Amount=500']);
    expect(high.code).toBe(0);
    expect(high.out).toContain('SalesBeforeSaveSale: not blocked; 3 bindings ran, 1 failed.');
    expect(high.out).toMatch(/3\. script Audit \[\w+\]: ok \(\d+ ms\)\n {3}\| audit ran/);
    expect(high.out).toMatch(/1\. script Broken \[\w+\]: failed .*\n {3}error: store:broken:2/);

    const blocked = await cli(dir, ['fire', 'SalesBeforeSaveSale', '--input', 'SaleEntity.Amount=5']);
    expect(blocked.out).toContain('SalesBeforeSaveSale: BLOCKED; 2 bindings ran, 1 failed, 1 skipped.');
    expect(blocked.out).toContain('Message: Amount too low: 5');
    expect(blocked.out).toContain('1 later binding did not run because the event was blocked.');

    const list = JSON.parse((await cli(dir, ['triggers', 'list', '--json'])).out);
    expect(list.map((r: { lastOutcome: string }) => r.lastOutcome)).toEqual([expect.stringMatching(/^failed: /), 'blocked: Amount too low: 5', 'ok']);
  });

  it('fires an event nobody is bound to, and refuses an unknown one', async () => {
    const { dir } = await storeWithScripts();
    const none = await cli(dir, ['fire', 'NewTicket', '--input', 'ticketId=1']);
    expect(none).toEqual({ out: 'NewTicket: no enabled trigger is bound to this event; nothing ran.\n', err: '', code: 0 });
    const bad = await cli(dir, ['fire', 'NewTickt']);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toBe('There is no trigger event named "NewTickt". Did you mean "NewTicket"? Run "crmscript-tui triggers events" to list them.\n');
  });

  it('lists the catalog, by group, and shows one event', async () => {
    const dir = tempDir();
    const all = await cli(dir, ['triggers', 'events', '--json']);
    expect(JSON.parse(all.out)).toHaveLength(96);
    const sys = await cli(dir, ['triggers', 'events', '--group', 'system']);
    expect(sys.out.split('\n')[0]).toMatch(/^EVENT\s+GROUP\s+PHASE\s+BLOCKABLE\s+INPUTS\s+OUTPUTS$/);
    expect(sys.out).toMatch(/ScheduledTaskFailed\s+system\s+on\s+no\s+9\s+0/);
    expect(sys.out.trim().split('\n')).toHaveLength(7);
    const one = await cli(dir, ['triggers', 'events', 'SalesBeforeSaveSale']);
    expect(one.out).toContain('SalesBeforeSaveSale (id 1008, group sales, phase before, can be blocked)');
    expect(one.out).toContain('\n  SaleEntity.Amount\n');
  });
});
