// The Debug Adapter Protocol on a pair of streams (stdio for `crmscript-tui debug dap`), so that
// VS Code, nvim-dap and other DAP clients can debug CRMScript: launch a script file or a stored
// script, or attach to a session paused in the daemon or a CLI run.
//
// One thread (id 1). Frame ids are the session's frame index + 1. Scopes are Locals and
// Globals; variablesReference values are handles of this adapter, valid until the run resumes.
// Messages are framed as "Content-Length: N\r\n\r\n" + N bytes of JSON.
import type { Readable, Writable } from 'node:stream';
import type { DebugEvent, StoppedEvent, TerminatedEvent, Variable } from '../interp/debugger/protocol.js';
import type { CompiledProgram } from '../interp/compiler.js';
import type { DebugSource } from '../interp/debugger/evaluate.js';
import type { DebugSessionApi } from '../debug-sessions/types.js';
import { errorMessage } from '../interp/util/error-message.js';
import { DapWire, type DapRequest, type Json } from './dap-wire.js';
import { DapSources } from './dap-sources.js';
import { DapBreakpoints, placeOnStatements } from './dap-breakpoints.js';
import { pairs, stringMap } from './dap-args.js';

type Handle = { kind: 'scope'; frame: number; which: 'locals' | 'globals' } | { kind: 'var'; ref: number };

export interface DapOptions {
  input: Readable;
  output: Writable;
  /** The store (stored scripts, attaching by session id); default as the CLI. */
  dataDir?: string;
}

const THREAD = 1;

export class DapAdapter {
  private readonly wire: DapWire;
  private readonly sources = new DapSources();
  private session: DebugSessionApi | null = null;
  private mode: 'launch' | 'attach' | null = null;
  private configured = false;
  private started = false;
  private linesStartAt1 = true;
  private columnsStartAt1 = true;
  private readonly bps = new DapBreakpoints(
    (n) => this.fromLine(n),
    (file) => this.sources.dapSource(file),
  );
  private handles: Handle[] = [];
  private launchArgs: Json = {};
  private compiled: { compiled: CompiledProgram; debugSource: DebugSource; title: string; settings?: import('../run/debug-target.js').DebugTarget['settings'] } | null = null;
  private detachFn: (() => Promise<void>) | null = null;
  private ended = false;
  private finished!: () => void;
  readonly done: Promise<void>;

  constructor(private readonly o: DapOptions) {
    this.done = new Promise((res) => (this.finished = res));
    this.wire = new DapWire(o.input, o.output, (r) => this.dispatch(r), () => void this.shutdown());
  }

  private respond(r: DapRequest, body?: unknown): void {
    this.wire.respond(r, body);
  }

  private fail(r: DapRequest, message: string): void {
    this.wire.fail(r, message);
  }

  private event(event: string, body?: unknown): void {
    this.wire.event(event, body);
  }

  // ------------------------------------------------------------ requests

  private async dispatch(r: DapRequest): Promise<void> {
    const a = r.arguments ?? {};
    try {
      switch (r.command) {
        case 'initialize':
          this.linesStartAt1 = a.linesStartAt1 !== false;
          this.columnsStartAt1 = a.columnsStartAt1 !== false;
          this.respond(r, {
            supportsConfigurationDoneRequest: true,
            supportsEvaluateForHovers: true,
            supportsTerminateRequest: true,
            supportTerminateDebuggee: true,
            supportsLoadedSourcesRequest: false,
            exceptionBreakpointFilters: [],
          });
          this.event('initialized');
          return;
        case 'launch':
          return await this.launch(r, a);
        case 'attach':
          return await this.attach(r, a);
        case 'setBreakpoints':
          return await this.setBreakpoints(r, a);
        case 'setExceptionBreakpoints':
        case 'setFunctionBreakpoints':
          this.respond(r, { breakpoints: [] });
          return;
        case 'configurationDone':
          this.configured = true;
          this.respond(r);
          await this.startIfReady();
          return;
        case 'threads':
          this.respond(r, { threads: [{ id: THREAD, name: 'script' }] });
          return;
        case 'stackTrace':
          return await this.stackTrace(r, a);
        case 'scopes':
          return this.scopes(r, a);
        case 'variables':
          return await this.variables(r, a);
        case 'evaluate':
          return await this.evaluate(r, a);
        case 'source':
          return this.source(r, a);
        case 'continue':
          return this.resume(r, (s) => s.continue(), { allThreadsContinued: true });
        case 'next':
          return this.resume(r, (s) => s.stepOver());
        case 'stepIn':
          return this.resume(r, (s) => s.stepIn());
        case 'stepOut':
          return this.resume(r, (s) => s.stepOut());
        case 'pause': {
          const s = this.requireSession();
          if (s.state === 'running') void s.pause().catch(() => {});
          this.respond(r);
          return;
        }
        case 'terminate': {
          this.respond(r);
          if (this.session && this.session.state !== 'terminated') await this.session.stop();
          else this.finishRun(null);
          return;
        }
        case 'disconnect':
          return await this.disconnect(r, a);
        default:
          this.fail(r, `The request '${r.command}' is not supported by the CRMScript debug adapter.`);
      }
    } catch (e) {
      this.fail(r, errorMessage(e));
    }
  }

  private requireSession(): DebugSessionApi {
    if (!this.session) throw new Error('No script is being debugged yet (launch or attach first).');
    return this.session;
  }

  private async launch(r: DapRequest, a: Json): Promise<void> {
    if (this.mode) throw new Error('This debug adapter already has a script.');
    const program = typeof a.program === 'string' ? a.program : '';
    if (program === '') throw new Error('launch needs "program": a .crm file or the name of a stored script.');
    const { loadDebugTarget } = await import('../run/debug-target.js');
    const dataDir = typeof a.dataDir === 'string' ? a.dataDir : this.o.dataDir;
    const t = await loadDebugTarget(program, dataDir);
    const { compileForDebug } = await import('../interp/debugger/controller.js');
    const c = compileForDebug({ source: t.source, file: t.file, resolveInclude: t.resolveInclude });
    const { formatDiagnostic } = await import('../interp/compile-script.js');
    if (c.diagnostics.length) this.event('output', { category: 'stderr', output: c.diagnostics.map((d) => formatDiagnostic(d) + '\n').join('') });
    if (!c.compiled) throw new Error(`${t.title} does not compile: ${c.diagnostics.find((d) => d.severity === 'error')?.message ?? 'see the output'}`);
    this.mode = 'launch';
    this.launchArgs = a;
    this.compiled = { compiled: c.compiled, debugSource: c.debugSource, title: t.title, settings: t.settings };
    this.sources.remember(c.debugSource);
    this.respond(r);
    // breakpoints set before launch can now be placed on real statements
    for (const [file, lines] of this.bps.wanted) this.reportBreakpoints(file, placeOnStatements(c.compiled, file, lines));
    await this.startIfReady();
  }

  private async attach(r: DapRequest, a: Json): Promise<void> {
    if (this.mode) throw new Error('This debug adapter already has a script.');
    const target = typeof a.sessionId === 'string' ? a.sessionId : typeof a.endpoint === 'string' ? a.endpoint : '';
    if (target === '') throw new Error('attach needs "sessionId" (see "crmscript-tui debug sessions").');
    const { attach } = await import('../debug-sessions/client.js');
    const s = await attach(target, { dataDir: typeof a.dataDir === 'string' ? a.dataDir : this.o.dataDir, token: typeof a.token === 'string' ? a.token : undefined });
    this.mode = 'attach';
    this.detachFn = () => s.detach();
    this.sources.remember(s.debugSource);
    this.watch(s);
    this.respond(r);
    await this.startIfReady();
  }

  /** Starts the launched run, or takes over the attached one, once configuration is done. */
  private async startIfReady(): Promise<void> {
    if (!this.configured || this.started || !this.mode) return;
    if (this.mode === 'launch') {
      if (!this.compiled) return;
      this.started = true;
      const a = this.launchArgs;
      const { startDebugRun } = await import('../interp/debugger/controller.js');
      const c = this.compiled;
      const bps = [...this.bps.wanted].map(([file, lines]) => ({ file, lines }));
      const session = startDebugRun(c.compiled, {
        stopOnEntry: a.stopOnEntry === true && a.noDebug !== true,
        breakpoints: a.noDebug === true ? [] : bps,
        debugSource: c.debugSource,
        variables: { ...pairs(a.args), ...stringMap(a.variables) },
        inputs: stringMap(a.inputs),
        eventName: typeof a.eventName === 'string' ? a.eventName : '',
        source: 'dap',
        user: process.env.USER ?? '',
        features: c.settings?.features,
        timeoutMs: c.settings ? c.settings.runTimeoutSeconds * 1000 : undefined,
        memoryMb: c.settings?.memoryLimitMb,
      });
      this.watch(session);
      return;
    }
    this.started = true;
    const s = this.session!;
    for (const [file, lines] of this.bps.wanted) {
      const actual = await s.setBreakpoints(lines, file).catch(() => null);
      if (actual) this.reportBreakpoints(file, actual);
    }
    if (s.state === 'paused' && s.lastStop) this.onStopped(s.lastStop);
    else if (s.state === 'terminated' && s.outcome) this.finishRun({ t: 'terminated', outcome: s.outcome });
  }

  private watch(s: DebugSessionApi): void {
    this.session = s;
    s.on('event', (e: DebugEvent) => {
      switch (e.t) {
        case 'output':
          this.event('output', { category: 'stdout', output: e.text });
          return;
        case 'log':
          this.event('output', { category: 'console', output: e.text + '\n' });
          return;
        case 'stopped':
          if (this.started) this.onStopped(e);
          return;
        case 'continued':
          this.handles = [];
          return;
        case 'terminated':
          this.finishRun(e);
          return;
      }
    });
  }

  private onStopped(e: StoppedEvent): void {
    this.handles = [];
    const reason = { entry: 'entry', breakpoint: 'breakpoint', step: 'step', pause: 'pause', runTo: 'goto', exception: 'exception', debugWait: 'pause' }[e.reason];
    const description = e.reason === 'debugWait' ? `Paused at debugWait(${JSON.stringify(e.info ?? '')})` : e.reason === 'exception' ? `Exception: ${e.error ?? ''}` : undefined;
    this.event('stopped', { reason, threadId: THREAD, allThreadsStopped: true, ...(description ? { description, text: e.error ?? e.info } : {}) });
  }

  private finishRun(e: TerminatedEvent | null): void {
    if (this.ended) return;
    this.ended = true;
    this.handles = [];
    if (e) {
      const r = e.outcome;
      // exitWithMessage printed its message with the run's output already
      if (r.error) {
        const er = r.error;
        this.event('output', { category: 'stderr', output: `${er.line ? `${er.file}:${er.line}:${er.col}: ` : ''}error: ${er.message}\n` });
      }
      this.event('exited', { exitCode: r.ok ? 0 : 1 });
    }
    this.event('terminated');
  }

  private async disconnect(r: DapRequest, a: Json): Promise<void> {
    const s = this.session;
    const terminate = a.terminateDebuggee === true || (a.terminateDebuggee === undefined && this.mode === 'launch');
    if (s && s.state !== 'terminated') {
      if (terminate) await s.stop();
      else if (this.detachFn) await this.detachFn();
    }
    this.respond(r);
    await this.shutdown();
  }

  private async shutdown(): Promise<void> {
    const s = this.session;
    if (s && s.state !== 'terminated') {
      if (this.mode === 'attach' && this.detachFn) await this.detachFn().catch(() => {});
      else await s.stop().catch(() => {});
    }
    this.finished();
  }

  private resume(r: DapRequest, go: (s: DebugSessionApi) => Promise<unknown>, body?: Json): void {
    const s = this.requireSession();
    if (s.state !== 'paused') throw new Error(s.state === 'terminated' ? 'The run has ended.' : 'The script is running; pause it first.');
    this.handles = [];
    go(s).catch((e: Error) => this.event('output', { category: 'stderr', output: `error: ${e.message}\n` }));
    this.respond(r, body);
  }

  // ------------------------------------------------------------ breakpoints

  private toLine(n: number): number {
    return this.linesStartAt1 ? n : n + 1;
  }
  private fromLine(n: number): number {
    return this.linesStartAt1 ? n : n - 1;
  }

  private async setBreakpoints(r: DapRequest, a: Json): Promise<void> {
    const file = this.sources.fileOf(a.source as Json | undefined);
    if (!file) throw new Error('setBreakpoints needs a source path.');
    const requested = Array.isArray(a.breakpoints) ? (a.breakpoints as Json[]).map((b) => this.toLine(Number(b.line))) : Array.isArray(a.lines) ? (a.lines as number[]).map((l) => this.toLine(l)) : [];
    this.bps.wanted.set(file, requested);
    const s = this.session;
    let actual: number[] | null = null;
    if (s && s.state !== 'terminated') actual = await s.setBreakpoints(requested, file);
    else if (this.compiled) actual = placeOnStatements(this.compiled.compiled, file, requested);
    this.respond(r, { breakpoints: this.bps.set(file, requested, actual) });
  }

  /** Tells the client where the breakpoints of a file ended up (after launch or attach). */
  private reportBreakpoints(file: string, actual: number[]): void {
    for (const body of this.bps.changed(file, actual)) this.event('breakpoint', body);
  }

  // ------------------------------------------------------------ stack, scopes, variables

  private source(r: DapRequest, a: Json): void {
    const ref = Number(a.sourceReference ?? (a.source as Json | undefined)?.sourceReference);
    this.respond(r, { content: this.sources.content(ref), mimeType: 'text/x-crmscript' });
  }

  private async stackTrace(r: DapRequest, a: Json): Promise<void> {
    const s = this.requireSession();
    if (s.state !== 'paused') {
      this.respond(r, { stackFrames: [], totalFrames: 0 });
      return;
    }
    const stack = await s.getStack();
    const start = Number(a.startFrame ?? 0) || 0;
    const levels = Number(a.levels ?? 0) || stack.length;
    const frames = stack.slice(start, start + levels).map((f) => ({
      id: f.index + 1,
      name: f.name,
      source: this.sources.dapSource(f.file),
      line: this.fromLine(f.line),
      column: this.columnsStartAt1 ? f.col : f.col - 1,
    }));
    this.respond(r, { stackFrames: frames, totalFrames: stack.length });
  }

  private handle(h: Handle): number {
    this.handles.push(h);
    return this.handles.length;
  }

  private scopes(r: DapRequest, a: Json): void {
    const frame = Math.max(0, Number(a.frameId ?? 1) - 1);
    this.respond(r, {
      scopes: [
        { name: 'Locals', presentationHint: 'locals', variablesReference: this.handle({ kind: 'scope', frame, which: 'locals' }), expensive: false },
        { name: 'Globals', variablesReference: this.handle({ kind: 'scope', frame, which: 'globals' }), expensive: false },
      ],
    });
  }

  private dapVariable(v: Variable): Json {
    return {
      name: v.name,
      value: v.value,
      type: v.type,
      variablesReference: v.ref > 0 ? this.handle({ kind: 'var', ref: v.ref }) : 0,
      ...(v.ref > 0 && v.count !== undefined ? (v.type.endsWith('[]') || v.type === 'Vector' ? { indexedVariables: v.count } : { namedVariables: v.count }) : {}),
    };
  }

  private async variables(r: DapRequest, a: Json): Promise<void> {
    const s = this.requireSession();
    const h = this.handles[Number(a.variablesReference) - 1];
    if (!h) throw new Error('That variable is no longer available (the run has moved on).');
    let vars: Variable[];
    if (h.kind === 'scope') {
      const fv = await s.getVariables(h.frame);
      vars = h.which === 'locals' ? fv.locals : fv.globals;
    } else vars = await s.getChildren(h.ref);
    this.respond(r, { variables: vars.map((v) => this.dapVariable(v)) });
  }

  private async evaluate(r: DapRequest, a: Json): Promise<void> {
    const s = this.requireSession();
    if (s.state !== 'paused') throw new Error('Expressions can be evaluated only while the script is paused.');
    const frame = a.frameId !== undefined ? Math.max(0, Number(a.frameId) - 1) : 0;
    const res = await s.evaluate(String(a.expression ?? ''), frame);
    if (!res.ok) throw new Error(res.error);
    const v = this.dapVariable(res.value);
    this.respond(r, { result: v.value, type: v.type, variablesReference: v.variablesReference });
  }
}

/** Serves one DAP client until it disconnects or its input ends. */
export function serveDap(o: DapOptions): Promise<void> {
  return new DapAdapter(o).done;
}
