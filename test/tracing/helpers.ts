// Shared set-up for the tracing tests: recording inline scripts in this thread, and fresh stores.
import { join } from 'node:path';
import { compileScript } from '../../src/interp/compile-script.js';
import { recordRun, type TracedResult } from '../../src/interp/trace/execute.js';
import { openTrace, type TraceRecording, type TraceStepView } from '../../src/interp/trace/reader.js';
import { newRunContext } from '../../src/interp/runtime/context.js';
import type { Variable } from '../../src/interp/debugger/protocol.js';
import { emptyStore, tempDir } from '../common.js';
import type { Store } from '../../src/store/store.js';
import { createScript, createTraceConfig, updateSettings } from '../../src/store/repos.js';

export { cleanupTempDirs, emptyStore, tempDir } from '../common.js';

export interface Recorded {
  rec: TraceRecording;
  result: TracedResult;
  output: string;
  path: string;
}

/**
 * Compiles `source` as the product does for a traced run ('traced' mode; 'hooked', the debugger's,
 * records the same by comparing frames) and records a run of it in this thread.
 */
export function record(source: string, opts: { maxSteps?: number; variables?: Record<string, string>; mode?: 'traced' | 'hooked' } = {}): Recorded {
  const c = compileScript({ source, file: 'test.crm', mode: opts.mode ?? 'traced' });
  if (!c.compiled) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('\n'));
  const path = join(tempDir(), 'run.trace');
  let output = '';
  const ctx = newRunContext({ out: (s) => (output += s), variables: new Map(Object.entries(opts.variables ?? {})) });
  const result = recordRun(c.compiled, c.sources, path, ctx, { maxSteps: opts.maxSteps });
  return { rec: openTrace(path), result, output, path };
}

/** A fresh store with tracing on and a trace on the stored script 'traced' (`source`), its includes (`libs`, by include name) beside it. */
export async function tracedScript(source: string, libs: Record<string, string> = {}): Promise<{ store: Store; scriptId: string }> {
  const store = await emptyStore();
  return store.update((d) => {
    updateSettings(d, { tracingEnabled: true });
    for (const [includeId, text] of Object.entries(libs)) createScript(d, { name: includeId, includeId, source: text });
    const s = createScript(d, { name: 'Traced', includeId: 'traced', source });
    createTraceConfig(d, { targetKind: 'script', targetId: s.id });
    return { store, scriptId: s.id };
  });
}

/** name → display value of a frame's locals (frame 0 = innermost). */
export function locals(view: TraceStepView, frame = 0): Record<string, string> {
  return Object.fromEntries(view.frames[frame].locals.map((v) => [v.name, v.value]));
}

export function globals(view: TraceStepView, frame = 0): Record<string, string> {
  return Object.fromEntries(view.frames[frame].globals.map((v) => [v.name, v.value]));
}

export function find(vars: Variable[], name: string): Variable {
  const v = vars.find((x) => x.name === name);
  if (!v) throw new Error(`no variable '${name}' among ${vars.map((x) => x.name).join(', ')}`);
  return v;
}

/** Steps (0-based) whose statement is on `line`, in order. */
export function stepsAtLine(rec: TraceRecording, line: number): number[] {
  const out: number[] = [];
  for (let s = 0; s < rec.steps; s++) if (rec.positionAt(s).line === line) out.push(s);
  return out;
}

export interface SmtpMail {
  rcpt: string[];
  data: string;
}

/** A local SMTP server that accepts every message and keeps it. */
export async function smtpServer(): Promise<{ port: number; mails: SmtpMail[]; close(): Promise<void> }> {
  const { createServer } = await import('node:net');
  const mails: SmtpMail[] = [];
  const srv = createServer((sock) => {
    let pending = '';
    let data: string | null = null;
    let rcpt: string[] = [];
    const reply = (s: string): void => void sock.write(s + '\r\n');
    reply('220 trace-test');
    sock.on('data', (chunk) => {
      pending += chunk.toString('utf8');
      for (let nl = pending.indexOf('\r\n'); nl >= 0; nl = pending.indexOf('\r\n')) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 2);
        if (data !== null) {
          if (line === '.') {
            mails.push({ rcpt, data });
            data = null;
            rcpt = [];
            reply('250 accepted');
          } else data += line + '\n';
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') reply('250 trace-test');
        else if (verb === 'RCPT') {
          rcpt.push(line.replace(/^RCPT TO:\s*/i, ''));
          reply('250 ok');
        } else if (verb === 'DATA') {
          data = '';
          reply('354 send it');
        } else if (verb === 'QUIT') sock.end('221 bye\r\n');
        else reply('250 ok');
      }
    });
    sock.on('error', () => {});
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  return { port, mails, close: () => new Promise((r) => srv.close(() => r())) };
}
