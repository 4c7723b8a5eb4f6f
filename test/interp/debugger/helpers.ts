// Test helpers: start debug sessions of inline scripts (the worker runs from dist/, built by `npm test`).
import { afterEach, expect } from 'vitest';
import { compileForDebug, startDebugRun, type DebugRunOptions, type DebugSession, type PauseOrEnd } from '../../../src/interp/debugger/controller.js';
import type { StoppedEvent, TerminatedEvent, Variable } from '../../../src/interp/debugger/protocol.js';

const open: DebugSession[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.stop()));
});

export function debug(source: string, opts: DebugRunOptions & { includes?: Record<string, string> } = {}): DebugSession {
  const { includes, ...rest } = opts;
  const c = compileForDebug({
    source,
    file: 'test.crm',
    resolveInclude: (name) => (includes?.[name] !== undefined ? { source: includes[name], file: `${name}.crm` } : null),
  });
  if (!c.compiled) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
  const s = startDebugRun(c.compiled, { debugSource: c.debugSource, ...rest });
  open.push(s);
  return s;
}

export function stopped(e: PauseOrEnd): StoppedEvent {
  if (e.t !== 'stopped') throw new Error(`expected a stop, the run ended: ${JSON.stringify(e.outcome.error)} output=${JSON.stringify(e.outcome.output)}`);
  return e;
}

export function ended(e: PauseOrEnd): TerminatedEvent {
  if (e.t !== 'terminated') throw new Error(`expected the end of the run, it stopped at line ${e.line} (${e.reason})`);
  return e;
}

/** Asserts a stop at `line` (and reason, when given). */
export function expectStop(e: PauseOrEnd, line: number, reason?: StoppedEvent['reason']): StoppedEvent {
  const s = stopped(e);
  expect(s.line).toBe(line);
  if (reason) expect(s.reason).toBe(reason);
  return s;
}

/** name → display value. */
export function values(vars: Variable[]): Record<string, string> {
  return Object.fromEntries(vars.map((v) => [v.name, v.value]));
}

export function find(vars: Variable[], name: string): Variable {
  const v = vars.find((x) => x.name === name);
  if (!v) throw new Error(`no variable '${name}' among ${vars.map((x) => x.name).join(', ')}`);
  return v;
}

/**
 * Brings a run that was started without stopping to where the script is surely executing: pauses
 * it wherever it is and lets it go on; returns once the worker has resumed ('continued'), with
 * the promise of its next stop or end.
 */
export async function running(s: DebugSession): Promise<{ next: Promise<PauseOrEnd> }> {
  stopped(await s.pause());
  const resumed = new Promise((r) => s.once('continued', r));
  const next = s.continue();
  await resumed;
  return { next };
}
