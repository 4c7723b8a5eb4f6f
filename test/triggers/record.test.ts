// Recording firings on their bindings with group commit (src/triggers/record.ts), on a real store.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent } from '../../src/run/fire.js';
import { recordFirings, settleFirings } from '../../src/triggers/record.js';
import { getById } from '../../src/store/repos.js';
import { bind, cleanupTempDirs, emptyStore } from './helpers.js';

afterEach(cleanupTempDirs);

describe('recording firings', () => {
  it('stores every record of firings that end together, in fewer writes than firings', async () => {
    const store = await emptyStore();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await bind(store, 'NewTicket', `s${i}`, 'print("x");'));
    let writes = 0;
    const update = store.update.bind(store);
    store.update = ((fn: Parameters<typeof update>[0]) => {
      writes++;
      return update(fn);
    }) as typeof store.update;
    await Promise.all(Array.from({ length: 20 }, (_, n) => recordFirings(store, [{ id: ids[n % 5], at: `2026-01-01T00:00:${String(n).padStart(2, '0')}.000Z`, outcome: `run ${n}` }])));
    const d = store.read();
    expect(ids.map((id) => getById(d, 'triggers', id)!.lastOutcome)).toEqual(['run 15', 'run 16', 'run 17', 'run 18', 'run 19']);
    expect(writes).toBeLessThan(20);
  });

  it('lets a firing answer before its record is written, and settleFirings waits for it', async () => {
    const store = await emptyStore();
    const t = await bind(store, 'NewTicket', 'a', 'print("a");');
    const problems: string[] = [];
    const o = await fireEvent(store, 'NewTicket', {}, { recordBehind: (p) => problems.push(p) });
    expect(o.runs[0].output).toBe('a');
    await settleFirings(store);
    expect(getById(store.read(), 'triggers', t)!.lastOutcome).toBe('ok');
    expect(problems).toEqual([]);
  });
});
