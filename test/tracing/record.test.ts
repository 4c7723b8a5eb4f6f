// Recording through the real run paths (worker threads from dist/, built by `npm test`): which runs
// a trace configuration records, the index in the store, notifications, purging, and a recording
// from each way a run starts (CLI-style startScriptRun, macro, trigger event, daemon task).
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../src/store/store.js';
import type { MacroAction, TraceConfig } from '../../src/store/schema.js';
import { addTraceRun, createMacro, createScript, createTask, createTraceConfig, createTrigger, getById, pendingNotifications, updateSettings, type TraceConfigInput } from '../../src/store/repos.js';
import { startScriptRun, type ScriptRunRequest } from '../../src/run/script.js';
import { startMacroRun } from '../../src/run/macro.js';
import { fireEvent } from '../../src/run/fire.js';
import { Scheduler } from '../../src/daemon/scheduler.js';
import { runTarget } from '../../src/run/target.js';
import { purgeTraces, traceFilePath, tracesDir } from '../../src/tracing/record.js';
import { loadRecording, openRecording, removeTrace } from '../../src/tracing/manage.js';
import { cleanupTempDirs, emptyStore, locals, smtpServer } from './helpers.js';
import { waitFor } from '../common.js';

afterEach(cleanupTempDirs);

async function setup(source: string, config: Partial<TraceConfigInput> = {}, on = true): Promise<{ store: Store; scriptId: string; configId: string }> {
  const store = await emptyStore();
  return store.update((d) => {
    if (on) updateSettings(d, { tracingEnabled: true });
    const s = createScript(d, { name: 'Traced', includeId: 'traced', source });
    const c = createTraceConfig(d, { targetKind: 'script', targetId: s.id, ...config });
    return { store, scriptId: s.id, configId: c.id };
  });
}

async function run(store: Store, scriptId: string, req: ScriptRunRequest = {}) {
  return startScriptRun(store, getById(store.read(), 'scripts', scriptId)!, { source: 'cli', user: 'alice', ...req }).result;
}

const config = (store: Store, id: string): TraceConfig => getById(store.read(), 'traceConfigs', id)!;

describe('what is recorded', () => {
  it('records a run of a traced script with who started it; the recording replays', async () => {
    const { store, scriptId, configId } = await setup('Integer x = 2;\nx = x * 21;\nprintLine(x.toString());');
    const r = await run(store, scriptId);
    expect(r.output).toBe('42\n');
    const runs = store.read().traceRuns;
    expect(runs).toHaveLength(1);
    // recorded by its inputs (it calls no built-in but print and toString): its steps are made when it is first opened
    expect(runs[0]).toMatchObject({ configId, source: 'cli', user: 'alice', steps: 0, byInputs: true, outcome: 'ok', exception: null });
    expect(runs[0].file).toMatch(/^traces\/[a-z0-9]+\.trace$/);
    const rec = await loadRecording(store, runs[0]);
    expect(rec.steps).toBe(3);
    expect(store.read().traceRuns[0].steps).toBe(3);
    expect(rec.header).toMatchObject({ source: 'cli', user: 'alice', target: { kind: 'script', id: scriptId, name: 'Traced' } });
    expect(rec.sources['store:traced']).toContain('x * 21');
    expect(locals(rec.at(2))).toEqual({ x: '42' });
    expect(rec.at(2).output).toBe('');
    expect(rec.output).toBe('42\n');
  });

  it('records nothing while tracing is switched off or the trace is disabled', async () => {
    const off = await setup('printLine("a");', {}, false);
    await run(off.store, off.scriptId);
    expect(off.store.read().traceRuns).toHaveLength(0);
    expect(config(off.store, off.configId).executions).toBeUndefined();
    const disabled = await setup('printLine("a");', { enabled: false });
    await run(disabled.store, disabled.scriptId);
    expect(disabled.store.read().traceRuns).toHaveLength(0);
  });

  it('records every Nth execution (the first, then every N), counting in the store', async () => {
    const { store, scriptId, configId } = await setup('printLine("r");', { resolution: 3 });
    for (let i = 0; i < 7; i++) await run(store, scriptId);
    expect(store.read().traceRuns).toHaveLength(3);
    expect(config(store, configId).executions).toBe(7);
  });

  it('records only the runs of the user the filter names', async () => {
    const { store, scriptId, configId } = await setup('printLine("u");', { userFilter: 'alice' });
    await run(store, scriptId, { user: 'bob' });
    await run(store, scriptId, { user: 'Alice' });
    await run(store, scriptId, { user: '' });
    const runs = store.read().traceRuns;
    expect(runs.map((r) => r.user)).toEqual(['Alice']);
    expect(config(store, configId).executions).toBe(1);
  });

  it('keeps a recording only on an unhandled exception when asked to', async () => {
    const { store, scriptId } = await setup('Integer n = getVariable("n").toInteger();\nif (n > 1) throw "too big: " + n.toString();\nprintLine("fine");', { onlyOnException: true });
    await run(store, scriptId, { variables: { n: '1' } });
    expect(store.read().traceRuns).toHaveLength(0);
    expect(readdirSync(join(store.dataDir, 'traces'))).toEqual([]);
    await run(store, scriptId, { variables: { n: '5' } });
    const runs = store.read().traceRuns;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ outcome: 'failed', exception: 'store:traced:2:12: GeneralException: too big: 5' });
    const rec = await openRecording(store.dataDir, runs[0]);
    expect(rec.exception).toMatchObject({ message: 'GeneralException: too big: 5', line: 2, step: rec.last() });
    expect(locals(rec.at(rec.exceptionStep()!))).toEqual({ n: '5' });
  });

  it('keeps a recording of a run without an exception when the script called forceSaveTrace(true) last', async () => {
    const { store, scriptId } = await setup('String keep = getVariable("keep");\nforceSaveTrace(true);\nif (keep == "no") forceSaveTrace(false);\nInteger depth = pauseTracing(true);\ndepth = pauseTracing(false);\nprintLine("fine " + depth.toString());', { onlyOnException: true });
    const dropped = await run(store, scriptId, { variables: { keep: 'no' } });
    expect(dropped.output).toBe('fine 0\n');
    expect(store.read().traceRuns).toHaveLength(0);
    await run(store, scriptId, { variables: { keep: 'yes' } });
    const runs = store.read().traceRuns;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ outcome: 'ok', exception: null });
    expect((await openRecording(store.dataDir, runs[0])).output).toBe('fine 0\n');
  });

  // Two kinds of recording (README, Tracing): step by step (a program that calls other built-ins;
  // the never-reached getCurrentDateTime makes these so) and by inputs (replayed when first opened).
  const STEP_BY_STEP = '\nDateTime never = getCurrentDateTime();';

  for (const kind of ['step by step', 'by inputs'] as const) {
    const tail = kind === 'step by step' ? STEP_BY_STEP : '';

    it(`keeps what was recorded of a run stopped at the time limit (${kind})`, async () => {
      const { store, scriptId } = await setup('Integer i = 0;\nwhile (true) { i++; }' + tail);
      const r = await run(store, scriptId, { timeoutMs: 1500 });
      expect(r.stopped).toBe('timeout');
      const [saved] = store.read().traceRuns;
      expect(saved).toMatchObject({ outcome: 'failed', ...(kind === 'by inputs' ? { byInputs: true, steps: 0 } : {}) });
      expect(saved.exception).toMatch(/longer than the time limit/);
      const rec = await loadRecording(store, saved);
      expect(rec.steps).toBeGreaterThan(1000);
      expect(store.read().traceRuns[0].steps).toBe(rec.steps);
      expect(rec.stoppedBy).toBe('timeout');
      expect(Number(locals(rec.at(rec.last())).i)).toBeGreaterThan(100);
    });

    /** Starts a recorded run; resolves once it has printed `printed` (and, step by step, its recording file holds a chunk), with the run. */
    async function startUntil(source: string, printed: string) {
      const { store, scriptId } = await setup(source + tail);
      const before = new Set(existsSync(tracesDir(store.dataDir)) ? readdirSync(tracesDir(store.dataDir)) : []);
      let out = '';
      const running = startScriptRun(store, getById(store.read(), 'scripts', scriptId)!, { source: 'cli', user: 'alice', onOutput: (t) => void (out += t) });
      await waitFor(() => out.includes(printed), 20_000, `output ${printed}`);
      if (kind === 'step by step') await waitFor(() => readdirSync(tracesDir(store.dataDir)).some((f) => !before.has(f) && readFileSync(join(tracesDir(store.dataDir), f), 'utf8').includes('{"t":"c"')), 20_000, 'a saved chunk');
      return { store, running };
    }

    it(`keeps what a run stopped while it waits recorded, up to the stop, and says it was stopped (${kind})`, async () => {
      // what it printed reaches the parent before the thread sleeps
      const { store, running } = await startUntil('for (Integer i = 1; i <= 3; i++) printLine(i.toString());\nsleep(600);\nprintLine("never");', '3\n');
      running.stop();
      const r = await running.result;
      expect(r.stopped).toBe('stopped');
      const [saved] = store.read().traceRuns;
      expect(saved).toMatchObject({ outcome: 'interrupted', steps: kind === 'by inputs' ? 0 : 8 });
      const rec = await loadRecording(store, saved);
      expect(rec.steps).toBe(8);
      expect(rec.stoppedBy).toBe('stopped');
      expect(rec.at(rec.last())).toMatchObject({ line: 2, output: '1\n2\n3\n' });
    });

    it(`keeps what a busy run recorded up to its stop (${kind})`, async () => {
      // it prints now and then, so the test sees it running
      const { store, running } = await startUntil('Integer i = 0;\nwhile (true) { i++; if (i % 65536 == 0) print("."); }', '.');
      running.stop();
      const r = await running.result;
      expect(r.stopped).toBe('stopped');
      const [saved] = store.read().traceRuns;
      const rec = await loadRecording(store, saved);
      expect(rec.stoppedBy).toBe('stopped');
      expect(rec.steps).toBe(store.read().traceRuns[0].steps);
      const i = Number(locals(rec.at(rec.last())).i);
      expect(i).toBeGreaterThanOrEqual(65536);
      // every step up to the stop (or the recording's limit): three a round (the loop's test, i++, the if), one more for each print
      const dots = Math.floor(i / 65536);
      expect(rec.at(rec.last()).output).toBe('.'.repeat(dots));
      expect(Math.abs(rec.steps - (1 + 3 * i + dots))).toBeLessThanOrEqual(3);
    });
  }
});

describe('notifications and purging', () => {
  it('queues notifications in the outbox (no SMTP settings) up to the maximum', async () => {
    const { store, scriptId, configId } = await setup('throw "bad";', { notify: true, notificationEmail: 'ops@example.com', maxNotifications: 2, description: 'watch it' });
    for (let i = 0; i < 3; i++) await run(store, scriptId);
    expect(store.read().traceRuns).toHaveLength(3);
    const mails = pendingNotifications(store.read());
    expect(mails).toHaveLength(2);
    expect(mails[0]).toMatchObject({ to: 'ops@example.com', subject: 'Trace: Traced failed with an exception' });
    expect(mails[0].body).toContain('"watch it"');
    expect(mails[0].body).toContain('store:traced:1:1: GeneralException: bad');
    expect(mails[0].body).toMatch(/traces show [a-z0-9]+/);
    expect(config(store, configId).notificationsSent).toBe(2);
  });

  it('sends notifications by email through the SMTP settings of the store', async () => {
    const smtp = await smtpServer();
    try {
      const { store, scriptId } = await setup('printLine("ok");', { notify: true, notificationEmail: 'ops@example.com' });
      await store.update((d) => updateSettings(d, { smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: '', password: '', from: 'crm@example.com' } }));
      await run(store, scriptId);
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0].rcpt).toEqual(['<ops@example.com>']);
      expect(smtp.mails[0].data).toContain('Subject: Trace: Traced ran');
      expect(smtp.mails[0].data).toContain('Outcome:  ok');
      expect(pendingNotifications(store.read())).toHaveLength(0);
      expect(store.read().outbox[0].sentAt).not.toBeNull();
    } finally {
      await smtp.close();
    }
  });

  it('purges recordings older than the trace keeps them, with their files', async () => {
    const { store, scriptId, configId } = await setup('printLine("p");', { keepDays: 2 });
    const old = new Date(Date.now() - 3 * 86_400_000).toISOString();
    mkdirSync(join(store.dataDir, 'traces'), { recursive: true });
    writeFileSync(join(store.dataDir, 'traces', 'old1.trace'), 'x');
    await store.update((d) => addTraceRun(d, { id: 'old1', configId, startedAt: old, source: 'cli', user: '', durationMs: 1, steps: 1, outcome: 'ok', exception: null, file: 'traces/old1.trace' }));
    await run(store, scriptId);
    const ids = store.read().traceRuns.map((r) => r.id);
    expect(ids).not.toContain('old1');
    expect(ids).toHaveLength(1);
    expect(existsSync(join(store.dataDir, 'traces', 'old1.trace'))).toBe(false);
    // and on demand, as time goes by
    expect(await purgeTraces(store, new Date(Date.now() + 3 * 86_400_000))).toBe(1);
    expect(store.read().traceRuns).toHaveLength(0);
    expect(readdirSync(join(store.dataDir, 'traces'))).toEqual([]);
  });

  it('removing a trace removes its recordings and their files', async () => {
    const { store, scriptId, configId } = await setup('printLine("p");');
    await run(store, scriptId);
    const file = traceFilePath(store.dataDir, store.read().traceRuns[0]);
    expect(existsSync(file)).toBe(true);
    const { runs } = await removeTrace(store, configId.slice(0, 4));
    expect(runs).toHaveLength(1);
    expect(existsSync(file)).toBe(false);
    expect(store.read().traceConfigs).toHaveLength(0);
  });
});

describe('every way a run starts is recorded', () => {
  it('a macro', async () => {
    const store = await emptyStore();
    const actions: MacroAction[] = [
      { type: 'setVariable', params: { name: 'greeting', value: 'hello' }, condition: { kind: 'always' } },
      { type: 'log', params: { message: 'said {var.greeting}', print: 'yes' }, condition: { kind: 'always' } },
    ];
    const macroId = await store.update((d) => {
      updateSettings(d, { tracingEnabled: true });
      const m = createMacro(d, { name: 'Greeter', actions });
      createTraceConfig(d, { targetKind: 'macro', targetId: m.id });
      return m.id;
    });
    const r = await startMacroRun(store, getById(store.read(), 'macros', macroId)!, { source: 'tui', user: 'carol' }).result;
    expect(r.error).toBeNull();
    const [saved] = store.read().traceRuns;
    expect(saved).toMatchObject({ source: 'tui', user: 'carol', outcome: 'ok' });
    const rec = await openRecording(store.dataDir, saved);
    expect(rec.header.target).toMatchObject({ kind: 'macro', name: 'Greeter' });
    expect(rec.steps).toBeGreaterThan(1);
    expect(rec.output).toBe(r.output);
  });

  it('a trigger event', async () => {
    const store = await emptyStore();
    await store.update((d) => {
      updateSettings(d, { tracingEnabled: true });
      const s = createScript(d, { name: 'OnTicket', includeId: 'on-ticket', source: 'EventData ed = getEventData();\nprintLine("ticket " + ed.getInputValue("ticketId"));' });
      createTrigger(d, { event: 'NewTicket', targetKind: 'script', targetId: s.id });
      createTraceConfig(d, { targetKind: 'script', targetId: s.id });
    });
    const o = await fireEvent(store, 'NewTicket', { ticketId: '7' }, { user: 'dave' });
    expect(o.runs[0].output).toBe('ticket 7\n');
    const [saved] = store.read().traceRuns;
    expect(saved).toMatchObject({ source: 'trigger:NewTicket', user: 'dave', outcome: 'ok' });
    expect((await openRecording(store.dataDir, saved)).header.event).toBe('NewTicket');
  });

  it('a run over HTTP (the daemon starts it through runTarget)', async () => {
    const { store, scriptId } = await setup('printLine(getVariable("who"));');
    const r = await runTarget(store, 'script', scriptId, { source: 'http', user: '', variables: { who: 'web' } }).result;
    expect(r.output).toBe('web\n');
    expect(store.read().traceRuns[0]).toMatchObject({ source: 'http', user: '', outcome: 'ok' });
  });

  it('a scheduled task run by the daemon', async () => {
    const store = await emptyStore();
    await store.update((d) => {
      updateSettings(d, { tracingEnabled: true });
      const s = createScript(d, { name: 'Nightly', includeId: 'nightly', source: 'printLine("night");' });
      createTask(d, { name: 'nightly', targetKind: 'script', targetId: s.id, frequency: { kind: 'never' }, startNow: true });
      createTraceConfig(d, { targetKind: 'script', targetId: s.id });
    });
    const sched = new Scheduler({ store, tickMs: 0, user: 'svc' });
    await sched.tick();
    await sched.idle();
    const [saved] = store.read().traceRuns;
    expect(saved).toMatchObject({ source: 'daemon task:nightly', user: 'svc', outcome: 'ok', byInputs: true });
    expect((await loadRecording(store, saved)).steps).toBe(1);
  });
});
