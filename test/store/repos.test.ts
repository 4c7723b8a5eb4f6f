import { describe, expect, it } from 'vitest';
import { emptyStoreData, storeSchema, type StoreData } from '../../src/store/schema.js';
import * as R from '../../src/store/repos.js';
import { StoreError } from '../../src/store/errors.js';

function fresh(): StoreData {
  return emptyStoreData();
}

function errorOf(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

describe('folders', () => {
  it('creates, finds by path, renames and moves', () => {
    const d = fresh();
    const a = R.createFolder(d, { parentId: null, name: 'A' });
    const b = R.createFolder(d, { parentId: a.id, name: 'B' });
    expect(R.folderPath(d, b.id)).toBe('A/B');
    expect(R.folderPath(d, null)).toBe('');
    expect(R.findFolderByPath(d, 'A/B')?.id).toBe(b.id);
    expect(R.findFolderByPath(d, '/A/B/')?.id).toBe(b.id);
    expect(R.findFolderByPath(d, 'A/C')).toBeUndefined();
    expect(R.folderIdForPath(d, '')).toBeNull();
    expect(errorOf(() => R.folderIdForPath(d, 'A/C')).message).toBe('There is no folder "A/C".');

    R.renameFolder(d, a.id, 'Alpha');
    expect(R.folderPath(d, b.id)).toBe('Alpha/B');

    const c = R.createFolder(d, { parentId: null, name: 'C' });
    R.moveFolder(d, b.id, c.id);
    expect(R.folderPath(d, b.id)).toBe('C/B');
    expect(errorOf(() => R.moveFolder(d, c.id, b.id)).message).toMatch(/cannot be moved into itself/);
    expect(storeSchema.safeParse(d).success).toBe(true);
  });

  it('rejects duplicate sibling names and bad names', () => {
    const d = fresh();
    const a = R.createFolder(d, { parentId: null, name: 'A' });
    R.createFolder(d, { parentId: a.id, name: 'X' });
    expect(errorOf(() => R.createFolder(d, { parentId: a.id, name: 'X' })).message).toBe('A folder named "X" already exists in "A".');
    expect(R.createFolder(d, { parentId: null, name: 'X' }).parentId).toBeNull(); // different parent is fine
    expect(errorOf(() => R.createFolder(d, { parentId: null, name: 'a/b' })).code).toBe('bad-input');
    expect(errorOf(() => R.createFolder(d, { parentId: null, name: '  ' })).message).toBe('A folder name must not be empty.');
    expect(errorOf(() => R.renameFolder(d, a.id, 'X')).code).toBe('conflict');
  });

  it('ensureFolderPath creates only what is missing', () => {
    const d = fresh();
    const id1 = R.ensureFolderPath(d, 'A/B/C');
    expect(d.folders).toHaveLength(3);
    const id2 = R.ensureFolderPath(d, 'A/B/C');
    expect(id2).toBe(id1);
    R.ensureFolderPath(d, 'A/D');
    expect(d.folders).toHaveLength(4);
    expect(R.ensureFolderPath(d, '')).toBeNull();
  });

  it('deletes a folder with its sub-folders, scripts and macros, and nothing else', () => {
    const d = fresh();
    const a = R.ensureFolderPath(d, 'A')!;
    const ab = R.ensureFolderPath(d, 'A/B')!;
    const keep = R.ensureFolderPath(d, 'Keep')!;
    R.createScript(d, { name: 's1', folderId: a });
    R.createScript(d, { name: 's2', folderId: ab });
    R.createScript(d, { name: 's3', folderId: keep });
    R.createScript(d, { name: 'top' });
    R.createMacro(d, { name: 'm1', folderId: ab });
    expect(R.folderContentCount(d, a)).toEqual({ folders: 1, scripts: 2, macros: 1 });
    expect(R.deleteFolder(d, a)).toEqual({ folders: 1, scripts: 2, macros: 1 });
    expect(d.folders.map((f) => f.name)).toEqual(['Keep']);
    expect(d.scripts.map((s) => s.name).sort()).toEqual(['s3', 'top']);
    expect(d.macros).toEqual([]);
  });

  it('builds a sorted tree', () => {
    const d = fresh();
    const b = R.ensureFolderPath(d, 'b')!;
    R.ensureFolderPath(d, 'a/x');
    R.createScript(d, { name: 'zeta', folderId: b });
    R.createScript(d, { name: 'Alpha', folderId: b });
    R.createScript(d, { name: 'loose' });
    const tree = R.folderTree(d);
    expect(tree.folders.map((n) => n.path)).toEqual(['a', 'b']);
    expect(tree.folders[0]!.children.map((n) => n.path)).toEqual(['a/x']);
    expect(tree.folders[1]!.scripts.map((s) => s.name)).toEqual(['Alpha', 'zeta']);
    expect(tree.scripts.map((s) => s.name)).toEqual(['loose']);
  });
});

describe('scripts', () => {
  it('keeps include names unique with a clear message', () => {
    const d = fresh();
    const f = R.ensureFolderPath(d, 'Lib');
    const one = R.createScript(d, { name: 'One', folderId: f, includeId: 'lib' });
    const err = errorOf(() => R.createScript(d, { name: 'Two', includeId: 'lib' }));
    expect(err.code).toBe('conflict');
    expect(err.message).toBe('The include name "lib" is already used by the script "Lib/One"; include names must be unique.');
    const two = R.createScript(d, { name: 'Two', includeId: '' });
    const three = R.createScript(d, { name: 'Three' }); // several scripts without an include name are fine
    expect(three.includeId).toBe('');
    expect(errorOf(() => R.updateScript(d, two.id, { includeId: 'lib' })).code).toBe('conflict');
    R.updateScript(d, one.id, { includeId: 'lib' }); // its own name again is fine
    R.updateScript(d, one.id, { includeId: 'lib2' });
    R.updateScript(d, two.id, { includeId: 'lib' });
    expect(R.findScriptByIncludeId(d, 'lib')?.id).toBe(two.id);
    expect(errorOf(() => R.createScript(d, { name: 'Q', includeId: 'has space' })).code).toBe('bad-input');
    expect(errorOf(() => R.createScript(d, { name: 'Q', includeId: 'a"b' })).code).toBe('bad-input');
  });

  it('keeps script names unique within a folder', () => {
    const d = fresh();
    const f = R.ensureFolderPath(d, 'F');
    R.createScript(d, { name: 'S', folderId: f });
    expect(errorOf(() => R.createScript(d, { name: 'S', folderId: f })).message).toBe('A script named "S" already exists in the folder "F".');
    const other = R.createScript(d, { name: 'S' });
    expect(errorOf(() => R.updateScript(d, other.id, { folderId: f })).code).toBe('conflict');
  });

  it('updates fields and the timestamp', async () => {
    const d = fresh();
    const s = R.createScript(d, { name: 'S', source: 'a', createdAt: '2020-01-01T00:00:00.000Z' });
    expect(s.updatedAt).toBe('2020-01-01T00:00:00.000Z');
    R.updateScript(d, s.id, { source: 'b', description: 'desc' });
    expect(s.source).toBe('b');
    expect(s.description).toBe('desc');
    expect(s.createdAt).toBe('2020-01-01T00:00:00.000Z');
    expect(Date.parse(s.updatedAt)).toBeGreaterThan(Date.parse('2021-01-01'));
  });

  it('finds scripts by include name, path, name and id', () => {
    const d = fresh();
    const a = R.ensureFolderPath(d, 'A');
    const b = R.ensureFolderPath(d, 'B');
    const s1 = R.createScript(d, { name: 'Same', folderId: a, includeId: 'inc1' });
    const s2 = R.createScript(d, { name: 'Same', folderId: b });
    const u = R.createScript(d, { name: 'Unique' });
    expect(R.findScript(d, 'inc1')?.id).toBe(s1.id);
    expect(R.findScript(d, 'B/Same')?.id).toBe(s2.id);
    expect(R.findScript(d, 'Unique')?.id).toBe(u.id);
    expect(R.findScript(d, u.id)?.id).toBe(u.id);
    expect(R.findScript(d, 'nothing')).toBeUndefined();
    expect(errorOf(() => R.findScript(d, 'Same')).message).toBe(
      'Several scripts are named "Same" ("A/Same", "B/Same"); give the folder path or the include name.',
    );
    expect(errorOf(() => R.requireScript(d, 'nothing')).code).toBe('not-found');
  });

  it('searches a folder and its sub-folders by name, include name and source', () => {
    const d = fresh();
    const top = R.ensureFolderPath(d, 'Top');
    const sub = R.ensureFolderPath(d, 'Top/Sub');
    const other = R.ensureFolderPath(d, 'Other');
    R.createScript(d, { name: 'Invoice export', folderId: top });
    R.createScript(d, { name: 'Helper', folderId: sub, includeId: 'invoice-lib' });
    R.createScript(d, { name: 'Mailer', folderId: sub, source: 'printLine("send INVOICE");' });
    R.createScript(d, { name: 'Invoice elsewhere', folderId: other });
    R.createScript(d, { name: 'Unrelated', folderId: sub, source: 'x' });
    expect(R.searchScripts(d, top, 'invoice').map((s) => s.name)).toEqual(['Invoice export', 'Helper', 'Mailer']);
    expect(R.searchScripts(d, sub, 'invoice').map((s) => s.name)).toEqual(['Helper', 'Mailer']);
    expect(R.searchScripts(d, null, 'INVOICE')).toHaveLength(4);
    expect(R.searchScripts(d, sub, '').map((s) => s.name)).toEqual(['Helper', 'Mailer', 'Unrelated']);
  });

  it('stages, publishes and resolves includes', () => {
    const d = fresh();
    const s = R.createScript(d, { name: 'Lib', includeId: 'lib', source: 'v1' });
    R.stageScript(d, s.id, 'v2');
    expect(R.resolveIncludeSource(d, 'lib')).toEqual({ source: 'v1', file: 'store:lib' });
    expect(R.resolveIncludeSource(d, 'lib', { staged: true })).toEqual({ source: 'v2', file: 'store:lib' });
    expect(R.resolveIncludeSource(d, 'nope')).toBeNull();
    R.publishStaged(d, s.id);
    expect(s.source).toBe('v2');
    expect(s.stagedSource).toBeNull();
    expect(errorOf(() => R.publishStaged(d, s.id)).message).toBe('The script "Lib" has no staged version to publish.');
  });

  it('deletes and reports references', () => {
    const d = fresh();
    const s = R.createScript(d, { name: 'S' });
    R.createTrigger(d, { event: 'NewTicket', targetKind: 'script', targetId: s.id });
    R.createTask(d, { name: 'T', targetKind: 'script', targetId: s.id });
    const refs = R.referencesTo(d, 'script', s.id);
    expect(refs.triggers).toHaveLength(1);
    expect(refs.tasks).toHaveLength(1);
    R.deleteScript(d, s.id);
    expect(d.scripts).toEqual([]);
    expect(R.targetLabel(d, 'script', s.id)).toBe('(missing script)');
    expect(errorOf(() => R.deleteScript(d, s.id)).code).toBe('not-found');
  });
});

describe('triggers, tasks and the rest', () => {
  it('orders triggers of an event and appends new ones last', () => {
    const d = fresh();
    const s = R.createScript(d, { name: 'S' });
    const t1 = R.createTrigger(d, { event: 'NewTicket', targetKind: 'script', targetId: s.id });
    const t2 = R.createTrigger(d, { event: 'NewTicket', targetKind: 'script', targetId: s.id });
    const t0 = R.createTrigger(d, { event: 'NewTicket', targetKind: 'script', targetId: s.id, order: 0 });
    R.createTrigger(d, { event: 'TicketClosed', targetKind: 'script', targetId: s.id });
    expect(t2.order).toBe(t1.order + 1);
    expect(R.triggersForEvent(d, 'NewTicket').map((t) => t.id)).toEqual([t0.id, t1.id, t2.id]);
    expect(errorOf(() => R.createTrigger(d, { event: 'X', targetKind: 'macro', targetId: s.id })).code).toBe('not-found');
    R.recordTriggerFired(d, t1.id, 'ok', '2030-01-01T00:00:00.000Z');
    expect(t1.lastFiredAt).toBe('2030-01-01T00:00:00.000Z');
    expect(t1.lastOutcome).toBe('ok');
  });

  it('manages task leases, runs and history', () => {
    const d = fresh();
    const s = R.createScript(d, { name: 'S' });
    const task = R.createTask(d, { name: 'Nightly', targetKind: 'script', targetId: s.id, lockMinutes: 5 });
    expect(errorOf(() => R.createTask(d, { name: 'Nightly', targetKind: 'script', targetId: s.id })).code).toBe('conflict');
    expect(R.findTask(d, 'Nightly')?.id).toBe(task.id);
    const t0 = new Date('2030-01-01T00:00:00Z');
    expect(R.tryAcquireLease(d, task.id, 'a', t0)).toBe(true);
    expect(task.lease).toEqual({ owner: 'a', until: '2030-01-01T00:05:00.000Z' });
    expect(R.tryAcquireLease(d, task.id, 'b', new Date('2030-01-01T00:04:59Z'))).toBe(false);
    expect(R.tryAcquireLease(d, task.id, 'b', new Date('2030-01-01T00:05:01Z'))).toBe(true);
    R.releaseLease(d, task.id, 'a'); // not a's any more: no effect
    expect(task.lease?.owner).toBe('b');
    R.releaseLease(d, task.id, 'b');
    expect(task.lease).toBeNull();

    const r1 = R.startTaskRun(d, task.id, '2030-01-01T00:00:00.000Z');
    R.finishTaskRun(d, r1.id, { outcome: 'ok', output: 'hi' });
    const r2 = R.startTaskRun(d, task.id, '2030-01-02T00:00:00.000Z');
    R.finishTaskRun(d, r2.id, { outcome: 'failed', error: 'boom' });
    expect(task.lastRun).toBe('2030-01-02T00:00:00.000Z');
    expect(R.taskRunsFor(d, task.id).map((r) => r.outcome)).toEqual(['failed', 'ok']);
    expect(R.pruneTaskRuns(d, task.id, 1).map((r) => r.id)).toEqual([r1.id]);
    expect(errorOf(() => R.updateTask(d, task.id, { frequency: { kind: 'after', taskId: task.id } })).code).toBe('bad-input');
    expect(R.deleteTask(d, task.id).runs.map((r) => r.id)).toEqual([r2.id]);
    expect(d.taskRuns).toEqual([]);
    expect(storeSchema.safeParse(d).success).toBe(true);
  });

  it('handles traces, debug sessions, notifications and settings', () => {
    const d = fresh();
    const s = R.createScript(d, { name: 'S' });
    const cfg = R.createTraceConfig(d, { targetKind: 'script', targetId: s.id, keepDays: 1 });
    const base = { configId: cfg.id, source: 'cli', user: 'me', durationMs: 3, steps: 10, outcome: 'ok', exception: null, file: 'traces/x.jsonl' };
    R.addTraceRun(d, { ...base, startedAt: '2030-01-01T00:00:00.000Z' });
    const recent = R.addTraceRun(d, { ...base, startedAt: '2030-01-03T00:00:00.000Z' });
    expect(R.expireTraceRuns(d, new Date('2030-01-03T12:00:00Z'))).toHaveLength(1);
    expect(R.traceRunsFor(d, cfg.id).map((r) => r.id)).toEqual([recent.id]);
    expect(R.deleteTraceConfig(d, cfg.id).runs).toHaveLength(1);

    const ds = R.addDebugSession(d, { scriptName: 'S', source: 'x', startedBy: 'cli', state: 'waiting', line: null, endpoint: null, pid: 1 });
    R.updateDebugSession(d, ds.id, { state: 'paused', line: 3 });
    expect(d.debugSessions[0]).toMatchObject({ state: 'paused', line: 3 });
    expect(R.removeDeadDebugSessions(d, () => false)).toHaveLength(1);

    const n = R.enqueueNotification(d, { to: 'a@b.c', subject: 's', body: 'b' });
    expect(R.pendingNotifications(d)).toHaveLength(1);
    R.markNotificationSent(d, n.id);
    expect(R.pendingNotifications(d)).toHaveLength(0);

    R.updateSettings(d, { tracingEnabled: true, features: { file: true } });
    expect(d.settings.features).toEqual({ runProgram: false, file: true, fileDirectory: '', http: false });
    expect(d.settings.tracingEnabled).toBe(true);
    expect(storeSchema.safeParse(d).success).toBe(true);
  });
});
