import { describe, expect, it } from 'vitest';
import { trackedUpdate, diffArrays } from '../../src/store/changes.js';
import { emptyStoreData, type StoreData } from '../../src/store/schema.js';
import { createFolder, createScript, deleteScript, updateScript } from '../../src/store/repos.js';
import { createTask, deleteTask, startTaskRun, finishTaskRun, tryAcquireLease } from '../../src/store/repos/tasks.js';
import { updateSettings } from '../../src/store/repos/settings.js';

function base(): StoreData {
  const d = emptyStoreData();
  const f = createFolder(d, { parentId: null, name: 'F' });
  for (let i = 0; i < 5; i++) createScript(d, { name: `s${i}`, folderId: f.id });
  createTask(d, { name: 't', targetKind: 'script', targetId: d.scripts[0]!.id });
  return d;
}

describe('trackedUpdate', () => {
  it('leaves the snapshot untouched and reports only the changed entity', () => {
    const d = base();
    const frozen = JSON.stringify(d);
    const id = d.scripts[2]!.id;
    const { doc, changes, result } = trackedUpdate(d, (x) => updateScript(x, id, { description: 'new' }));
    expect(JSON.stringify(d)).toBe(frozen);
    expect(doc.scripts[2]!.description).toBe('new');
    expect(doc.scripts[1]).toBe(d.scripts[1]); // unchanged objects are shared
    expect(doc.folders).toBe(d.folders);
    expect([...changes.collections.keys()]).toEqual(['scripts']);
    expect(changes.collections.get('scripts')!.upserts.map((u) => u.index)).toEqual([2]);
    expect(changes.settings).toBe(false);
    expect(result).toBe(doc.scripts[2]); // the result is the plain new object, not a view
    expect(() => structuredClone(result)).not.toThrow();
  });

  it('reports additions, deletions and nested changes', () => {
    const d = base();
    const gone = d.scripts[0]!.id;
    const taskId = d.tasks[0]!.id;
    const { doc, changes } = trackedUpdate(d, (x) => {
      deleteScript(x, gone);
      createScript(x, { name: 'new one' });
      tryAcquireLease(x, taskId, 'me');
      const run = startTaskRun(x, taskId);
      finishTaskRun(x, run.id, { outcome: 'ok', output: 'hi' });
      updateSettings(x, { features: { http: true } });
    });
    expect(d.tasks[0]!.lease).toBeNull();
    expect(d.taskRuns).toEqual([]);
    expect(doc.tasks[0]!.lease?.owner).toBe('me');
    expect(changes.collections.get('scripts')!.deletes).toEqual([gone]);
    expect(changes.collections.get('scripts')!.upserts.map((u) => u.entity)).toEqual([doc.scripts.find((s) => s.name === 'new one')]);
    expect(changes.collections.get('taskRuns')!.upserts[0]!.entity).toMatchObject({ outcome: 'ok', output: 'hi' });
    expect(changes.settings).toBe(true);
    expect(d.settings.features.http).toBe(false);
    expect(doc.settings.features.http).toBe(true);
  });

  it('handles arrays replaced by filtered copies and writes after a splice', () => {
    const d = base();
    const taskId = d.tasks[0]!.id;
    const withRuns = trackedUpdate(d, (x) => {
      startTaskRun(x, taskId);
      startTaskRun(x, taskId);
    }).doc;
    const { doc, changes, result } = trackedUpdate(withRuns, (x) => {
      const s4 = x.scripts[4]!;
      x.scripts.splice(1, 1);
      s4.description = 'after splice';
      return deleteTask(x, taskId);
    });
    expect(result.runs).toHaveLength(2);
    expect(() => structuredClone(result)).not.toThrow();
    expect(doc.taskRuns).toEqual([]);
    expect(doc.scripts.find((s) => s.name === 's4')!.description).toBe('after splice');
    expect(withRuns.scripts.find((s) => s.name === 's4')!.description).toBe('');
    expect(changes.collections.get('taskRuns')!.deletes).toHaveLength(2);
    expect(changes.collections.get('tasks')!.deletes).toEqual([taskId]);
  });

  it('leaves everything as it was when the callback throws', () => {
    const d = base();
    const frozen = JSON.stringify(d);
    expect(() =>
      trackedUpdate(d, (x) => {
        x.scripts[0]!.name = 'half';
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(JSON.stringify(d)).toBe(frozen);
  });

  it('keeps lazily loaded collections lazy when untouched', () => {
    const d = base();
    let loads = 0;
    const runs = d.taskRuns;
    Object.defineProperty(d, 'taskRuns', { enumerable: true, configurable: true, get: () => (loads++, runs) });
    const { changes } = trackedUpdate(d, (x) => updateScript(x, x.scripts[0]!.id, { description: 'x' }));
    expect(loads).toBe(0);
    expect(changes.collections.has('taskRuns')).toBe(false);
  });
});

describe('diffArrays', () => {
  it('finds moved, replaced and removed entities by id', () => {
    const a = { id: 'a' };
    const b = { id: 'b' };
    const c = { id: 'c' };
    const b2 = { id: 'b' };
    expect(diffArrays([a, b, c], [c, b2])).toEqual({ upserts: [{ index: 1, entity: b2 }], deletes: ['a'] });
    expect(diffArrays([a], [a, b])).toEqual({ upserts: [{ index: 1, entity: b }], deletes: [] });
  });

  it('reports exactly what changed for any mix of removals, replacements, appends, insertions and moves', () => {
    // a small deterministic generator (xorshift), so a failure repeats
    let seed = 12345;
    const rnd = (n: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    let next = 0;
    for (let round = 0; round < 2000; round++) {
      const before = Array.from({ length: rnd(12) }, () => ({ id: `e${next++}` }));
      const after = before.slice();
      for (let edits = rnd(4); edits > 0; edits--) {
        const kind = rnd(5);
        const at = rnd(after.length + 1);
        if (kind === 0 && after.length) after.splice(at % after.length, 1); // removed
        else if (kind === 1 && after.length) after[at % after.length] = { id: after[at % after.length]!.id }; // changed
        else if (kind === 2) after.push({ id: `e${next++}` }); // appended
        else if (kind === 3) after.splice(at, 0, { id: `e${next++}` }); // inserted
        else if (after.length > 1) after.splice(rnd(after.length), 0, after.splice(at % after.length, 1)[0]!); // moved
      }
      const { upserts, deletes } = diffArrays(before, after);
      const afterIds = new Set(after.map((e) => e.id));
      expect(deletes.sort()).toEqual(before.filter((e) => !afterIds.has(e.id)).map((e) => e.id).sort());
      for (const u of upserts) expect(after[u.index]).toBe(u.entity);
      // every entity not in `before` as it is now is upserted, and nothing else
      const same = new Set(before);
      expect(upserts.map((u) => u.entity.id).sort()).toEqual(after.filter((e) => !same.has(e)).map((e) => e.id).sort());
    }
  });
});

describe('structuredClone inside an update', () => {
  it('copies entities of the view (a Proxy could not be cloned)', () => {
    const d = base();
    const { result } = trackedUpdate(d, (x) => {
      const s = x.scripts[0]!;
      s.description = 'cloned';
      return structuredClone(s);
    });
    expect(result.description).toBe('cloned');
    expect(result).not.toBe(d.scripts[0]);
  });
});

describe('searching inside an update', () => {
  it('finds, filters and tests plain elements, and changes through what find and filter return', () => {
    const d = base();
    const { doc, changes } = trackedUpdate(d, (x) => {
      const hit = x.scripts.find((s) => s.name === 's3')!;
      hit.description = 'found';
      for (const s of x.scripts.filter((s) => s.name === 's1' || s.name === 's2')) s.description = 'filtered';
      expect(x.scripts.some((s) => s.name === 's4')).toBe(true);
      expect(x.scripts.every((s) => s.name.startsWith('s'))).toBe(true);
      expect(x.scripts.findIndex((s) => s.name === 's2')).toBe(2);
      expect(x.scripts.indexOf(hit)).toBe(3);
      expect(x.scripts.includes(hit)).toBe(true);
    });
    expect(doc.scripts.map((s) => s.description)).toEqual(['', 'filtered', 'filtered', 'found', '']);
    expect(d.scripts.map((s) => s.description)).toEqual(['', '', '', '', '']);
    expect(changes.collections.get('scripts')!.upserts.map((u) => u.index)).toEqual([1, 2, 3]);
  });

  it('creates thousands of entities in one update without slowing to a crawl', () => {
    const d = emptyStoreData();
    const { doc } = trackedUpdate(d, (x) => {
      for (let i = 0; i < 3000; i++) createScript(x, { name: `n${i}`, includeId: `i${i}` });
    });
    expect(doc.scripts).toHaveLength(3000);
    expect(new Set(doc.scripts.map((s) => s.includeId)).size).toBe(3000);
  });
});
