import { describe, expect, it } from 'vitest';
import {
  STORE_VERSION,
  describeIssues,
  emptyStoreData,
  frequencySchema,
  macroActionSchema,
  storeSchema,
} from '../../src/store/schema.js';
import { seedDemo } from '../../src/store/seed.js';

describe('store schema', () => {
  it('accepts an empty document and a seeded one', () => {
    const empty = emptyStoreData();
    expect(storeSchema.safeParse(empty).success).toBe(true);
    expect(empty.version).toBe(STORE_VERSION);
    expect(empty.settings).toEqual({
      tracingEnabled: false,
      smtp: null,
      features: { runProgram: false, file: false, fileDirectory: '', http: false },
      runTimeoutSeconds: 60,
      memoryLimitMb: 256,
      outputLimitMb: 16,
      mailsPerRun: 100,
      httpRunsMax: 4,
      cgiUrl: '',
    });
    const seeded = emptyStoreData();
    seedDemo(seeded);
    expect(storeSchema.safeParse(seeded).success).toBe(true);
  });

  it('accepts every frequency kind and rejects malformed ones', () => {
    const good = [
      { kind: 'never' },
      { kind: 'minutes', every: 15 },
      { kind: 'hourly', minute: 30 },
      { kind: 'weekly', time: '07:30', days: [0, 6] },
      { kind: 'monthly', time: '23:59', days: [1, 31], months: [1, 12] },
      { kind: 'once', at: '2030-01-02T03:04:05.000Z' },
      { kind: 'after', taskId: 'abc' },
    ];
    for (const f of good) expect(frequencySchema.safeParse(f).success, JSON.stringify(f)).toBe(true);
    const bad = [
      { kind: 'minutes', every: 0 },
      { kind: 'hourly', minute: 60 },
      { kind: 'weekly', time: '24:00', days: [1] },
      { kind: 'weekly', time: '07:30', days: [7] },
      { kind: 'monthly', time: '01:00', days: [0], months: [1] },
      { kind: 'monthly', time: '01:00', days: [1], months: [13] },
      { kind: 'once', at: 'tomorrow' },
      { kind: 'daily' },
    ];
    for (const f of bad) expect(frequencySchema.safeParse(f).success, JSON.stringify(f)).toBe(false);
  });

  it('accepts both macro condition forms', () => {
    expect(macroActionSchema.safeParse({ type: 'setVariable', params: { name: 'x' }, condition: { kind: 'always' } }).success).toBe(true);
    expect(
      macroActionSchema.safeParse({ type: 'setVariable', params: {}, condition: { left: '$input.x', op: '=', right: '1' } }).success,
    ).toBe(true);
    expect(macroActionSchema.safeParse({ type: 'x', params: { a: 1 }, condition: { kind: 'always' } }).success).toBe(false);
  });

  it('describes problems as readable paths and sentences', () => {
    const d = emptyStoreData() as unknown as Record<string, unknown>;
    d.scripts = [{ id: 'a', folderId: null, name: '' }];
    d.tasks = [
      {
        id: 't',
        name: 'T',
        targetKind: 'script',
        targetId: 'a',
        frequency: { kind: 'weekly', time: '7:5', days: [] },
        enabled: true,
        startNow: false,
        lockMinutes: 1,
        restartAfterMinutes: 0,
        lease: null,
        lastRun: null,
        nextRun: null,
      },
    ];
    const r = storeSchema.safeParse(d);
    expect(r.success).toBe(false);
    const text = describeIssues(r.error!, 10);
    expect(text).toContain('scripts[0].name: must not be empty');
    expect(text).toContain('scripts[0].description: is missing');
    expect(text).toContain('tasks[0].frequency.time: must be a time of day as HH:MM');
    expect(text).not.toContain('\n');
    expect(describeIssues(r.error!, 1)).toMatch(/; and \d+ more problems$/);
  });
});
