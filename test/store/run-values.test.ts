// Run values remembered per script or macro live in the store, so a second store on the same
// place (another process, another operator's TUI) sees them; both backends.
import { afterEach, expect, it } from 'vitest';
import { createMacro, createScript, createTrigger, getRunValues, rememberedEventInputs, setRunValues } from '../../src/store/repos.js';
import { cleanupTempDirs } from '../common.js';
import { describeBackends, openAt } from './backends.js';

afterEach(cleanupTempDirs);

describeBackends('run values', (b) => {
  it('are kept with the script and the macro, seen by another store, and leave updatedAt alone', async () => {
    const place = await b.fresh();
    const one = await openAt(place, { seed: false });
    const { s, m } = await one.update((d) => ({ s: createScript(d, { name: 'S', source: '' }), m: createMacro(d, { name: 'M', actions: [] }) }));
    const before = one.read().scripts[0]!.updatedAt;
    await one.update((d) => {
      setRunValues(d, 'script', s.id, { variables: { who: 'world' }, inputs: { 'SaleEntity.Amount': '50' } });
      setRunValues(d, 'macro', m.id, { variables: { flag: 'yes' }, inputs: {} });
    });
    const two = await openAt(place, { seed: false });
    expect(getRunValues(two.read(), 'script', s.id)).toEqual({ variables: { who: 'world' }, inputs: { 'SaleEntity.Amount': '50' } });
    expect(getRunValues(two.read(), 'macro', m.id)).toEqual({ variables: { flag: 'yes' }, inputs: {} });
    expect(two.read().scripts[0]!.updatedAt).toBe(before);
    // emptied: forgotten
    await two.update((d) => setRunValues(d, 'script', s.id, { variables: {}, inputs: {} }));
    const three = await openAt(place, { seed: false });
    expect(three.read().scripts[0]!.runValues).toBeUndefined();
    expect(getRunValues(three.read(), 'script', s.id)).toEqual({ variables: {}, inputs: {} });
  });

  it("pre-fill an event's inputs from its bound targets, the chosen one first", async () => {
    const store = await openAt(await b.fresh(), { seed: false });
    const ids = await store.update((d) => {
      const a = createScript(d, { name: 'A', source: '' });
      const c = createScript(d, { name: 'C', source: '' });
      createTrigger(d, { event: 'NewTicket', targetKind: 'script', targetId: a.id });
      createTrigger(d, { event: 'NewTicket', targetKind: 'script', targetId: c.id });
      setRunValues(d, 'script', a.id, { variables: {}, inputs: { x: 'from A', y: 'A' } });
      setRunValues(d, 'script', c.id, { variables: {}, inputs: { x: 'from C', z: 'C' } });
      return { a: a.id, c: c.id };
    });
    expect(rememberedEventInputs(store.read(), 'NewTicket')).toEqual({ x: 'from A', y: 'A', z: 'C' });
    expect(rememberedEventInputs(store.read(), 'NewTicket', { kind: 'script', id: ids.c })).toEqual({ x: 'from C', y: 'A', z: 'C' });
    expect(rememberedEventInputs(store.read(), 'TicketClosed')).toEqual({});
  });
});
