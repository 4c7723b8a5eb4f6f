// Recordings by inputs (src/interp/trace/inputs.ts, src/tracing/expand.ts) through the real run
// path (worker threads from dist/, built by `npm test`): which programs are recorded so, the answers
// of input built-ins given back by the replay, includes, errors thrown by an input built-in, a
// replay that does not make the same run, and the shared log itself.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import type { Store } from '../../src/store/store.js';
import { getById } from '../../src/store/repos.js';
import { startScriptRun, type ScriptRunRequest } from '../../src/run/script.js';
import { loadRecording, removeRecording } from '../../src/tracing/manage.js';
import { purgeTraces, traceFilePath } from '../../src/tracing/record.js';
import { replayedPath } from '../../src/tracing/expand.js';
import { InputLog, loggingNative, recordableByInputs, ReplayEnd, ReplayFeed } from '../../src/interp/trace/inputs.js';
import { compileScript } from '../../src/interp/compile-script.js';
import { CrmError, NULL_STRING } from '../../src/interp/runtime/values.js';
import { cleanupTempDirs, locals, stepsAtLine, tracedScript } from './helpers.js';

afterEach(cleanupTempDirs);

const traced = tracedScript;

async function run(store: Store, scriptId: string, req: ScriptRunRequest = {}) {
  return startScriptRun(store, getById(store.read(), 'scripts', scriptId)!, { source: 'cli', user: 'alice', ...req }).result;
}

const natives = (source: string): string[] => compileScript({ source, file: 't.crm' }).compiled!.natives;

describe('which programs are recorded by their inputs', () => {
  it('those whose built-ins are all deterministic or simple inputs', () => {
    expect(recordableByInputs(natives('Integer f(Integer n) { if (n < 2) return n; return f(n - 1) + f(n - 2); }\nprint(f(20).toString());'))).toBe(true);
    expect(recordableByInputs(natives('Map m; m.insert("a", getVariable("x")); String[] p = m.get("a").split(","); printLine(p.length().toString() + rand(1, 3).toString());'))).toBe(true);
    // the clock, dates (they follow the machine's time zone), the CRM and objects from outside are not
    expect(recordableByInputs(natives('DateTime d = getCurrentDateTime();'))).toBe(false);
    expect(recordableByInputs(natives('DateTime d = String("2024-01-02 03:04").toDateTime();'))).toBe(false);
    expect(recordableByInputs(natives('SearchEngine se; se.addField("ticket.id"); se.select();'))).toBe(false);
    expect(recordableByInputs(natives('NSTicketAgent a; NSTicketEntity t = a.GetTicketEntity(1);'))).toBe(false);
    expect(recordableByInputs(natives('Map m = getVariables();'))).toBe(false);
  });

  it('a program that calls other built-ins is recorded step by step', async () => {
    const { store, scriptId } = await traced('DateTime d = getCurrentDateTime();\nprintLine("now");');
    await run(store, scriptId);
    const [saved] = store.read().traceRuns;
    expect(saved.byInputs).toBeUndefined();
    expect(saved.steps).toBe(2);
    expect(readFileSync(traceFilePath(store.dataDir, saved), 'utf8')).toContain('{"t":"c"');
  });
});

describe('the replay', () => {
  it('gives back what the input built-ins answered, and records no chunk while the run goes on', async () => {
    const { store, scriptId } = await traced('String who = getVariable("who");\nInteger r = rand(1, 1000000);\nString pw = makePassword(12);\nprintLine(who + " " + r.toString() + " " + pw);');
    const out = await run(store, scriptId, { variables: { who: 'ann' } });
    const [saved] = store.read().traceRuns;
    const file = readFileSync(traceFilePath(store.dataDir, saved), 'utf8');
    expect(file).not.toContain('{"t":"c"');
    expect(file).toContain('{"t":"i"');
    const rec = await loadRecording(store, saved);
    expect(rec.output).toBe(out.output);
    expect(rec.replayed).toBe(true);
    expect(rec.diverged).toBe(false);
    const [who, r, pw] = out.output.trim().split(' ');
    expect(locals(rec.at(rec.last()))).toMatchObject({ who: JSON.stringify(who), r, pw: JSON.stringify(pw) });
    // a second open reads the replay made by the first
    const again = await loadRecording(store, store.read().traceRuns[0]);
    expect(again.steps).toBe(rec.steps);
  });

  it('replays the included sources as they were when the run was recorded', async () => {
    const { store, scriptId } = await traced('#include "lib"\nprintLine(twice(21).toString());', { lib: 'Integer twice(Integer v) {\n  return v * 2;\n}' });
    await run(store, scriptId);
    // the library changes after the run: the replay still runs the recorded one
    const lib = store.read().scripts.find((s) => s.includeId === 'lib')!;
    await store.update((d) => void (getById(d, 'scripts', lib.id)!.source = 'Integer twice(Integer v) {\n  return v * 3;\n}'));
    const rec = await loadRecording(store, store.read().traceRuns[0]);
    expect(rec.output).toBe('42\n');
    expect(rec.diverged).toBe(false);
    const inLib = [...Array(rec.steps).keys()].find((s) => rec.positionAt(s).file === 'store:lib');
    expect(inLib).toBeDefined();
    expect(rec.positionAt(inLib!).line).toBe(2);
  });

  it('throws again what an input built-in threw, where the script catches it', async () => {
    const { store, scriptId } = await traced('String tag = "";\ntry {\n  String home = getEnvVariable("HOME");\n} catch {\n  tag = "refused";\n}\nprintLine(tag);');
    const out = await run(store, scriptId);
    expect(out.output).toBe('refused\n');
    const rec = await loadRecording(store, store.read().traceRuns[0]);
    expect(rec.output).toBe('refused\n');
    expect(rec.diverged).toBe(false);
    expect(stepsAtLine(rec, 5)).toHaveLength(1);
  });

  it('says so when it does not make the same run', async () => {
    const { store, scriptId } = await traced('Integer r = rand(1, 6);\nprintLine(r.toString());');
    const out = await run(store, scriptId);
    const [saved] = store.read().traceRuns;
    // another answer than the run had: the replay's output differs from the recorded run's
    const path = traceFilePath(store.dataDir, saved);
    const text = readFileSync(path, 'utf8').replace(/"answers":\["\{\\"v\\":\d\}"\]/, `"answers":["{\\"v\\":${out.output.trim() === '9' ? 8 : 9}}"]`);
    writeFileSync(path, text);
    const rec = await loadRecording(store, saved);
    expect(rec.output).not.toBe(out.output);
    expect(rec.diverged).toBe(true);
    expect(readFileSync(replayedPath(path), 'utf8')).toContain('"diverged":true');
  });
});

describe('the step limit', () => {
  it('the run says its replay will stop at the limit, and the replay says where it did', async () => {
    const { store, scriptId } = await traced('Integer n = 0;\nwhile (n < 5000001) n++;\nprintLine(n.toString());');
    const r = await run(store, scriptId);
    expect(r.output).toBe('5000001\n');
    expect(r.log).toContain('opening its recording replays its first 5,000,000 steps');
    const rec = await loadRecording(store, store.read().traceRuns[0]);
    expect(rec.steps).toBe(5_000_000);
    expect(rec.truncated).toBe(true);
    expect(rec.cutAt).toMatchObject({ step: 5_000_000, line: 2 });
    expect(rec.diverged).toBe(false);
  });
});

describe('the replay file', () => {
  it('stays while its recording is indexed, and goes with it', async () => {
    const { store, scriptId } = await traced('printLine("kept");');
    await run(store, scriptId);
    const [saved] = store.read().traceRuns;
    await loadRecording(store, saved);
    const replay = replayedPath(traceFilePath(store.dataDir, saved));
    const old = new Date(Date.now() - 3 * 86_400_000);
    utimesSync(replay, old, old);
    utimesSync(traceFilePath(store.dataDir, saved), old, old);
    expect(await purgeTraces(store)).toBe(0);
    expect(existsSync(replay)).toBe(true);
    await removeRecording(store, saved.id);
    expect(existsSync(replay)).toBe(false);
    expect(existsSync(traceFilePath(store.dataDir, saved))).toBe(false);
  });
});

describe('the shared log', () => {
  it('keeps answers of every kind, growing as it must', () => {
    const log = new InputLog();
    const big = 'x'.repeat(100_000);
    log.append('{"v":"a"}');
    log.append(JSON.stringify({ v: big }));
    log.append('{"n":1}');
    expect(log.entries()).toEqual(['{"v":"a"}', JSON.stringify({ v: big }), '{"n":1}']);
    // the other side of the shared memory sees the same
    const seen = new InputLog(log.sab);
    seen.ticks[0] = 7;
    expect(log.ticks[0]).toBe(7);
    expect(seen.entries()).toHaveLength(3);
    expect(log.full).toBe(false);
  });

  it('gives back the null String, the null Integer, Bools, nothing and errors as they were', () => {
    const log = new InputLog();
    for (const v of [NULL_STRING, -0, 0, true, undefined, '']) loggingNative(() => v, log)();
    expect(() => loggingNative(() => { throw new CrmError('refused'); }, log)()).toThrow('refused');
    const feed = new ReplayFeed(log.entries(), null);
    expect(feed.answer()).toBe(NULL_STRING);
    expect(Object.is(feed.answer(), -0)).toBe(true);
    expect(Object.is(feed.answer(), 0)).toBe(true);
    expect(feed.answer()).toBe(true);
    expect(feed.answer()).toBeUndefined();
    expect(feed.answer()).toBe('');
    expect(() => feed.answer()).toThrow(CrmError);
    // past the last answer the replay ends (where the run was ended from outside)
    expect(() => feed.answer()).toThrow(ReplayEnd);
  });

  it('ends a replay at the tick after the last one the run reached', () => {
    const feed = new ReplayFeed([], 2);
    feed.tick();
    feed.tick();
    expect(() => feed.tick()).toThrow(ReplayEnd);
  });
});
