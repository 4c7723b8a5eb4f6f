// The line-mode debugger: drives a debug session (local or attached) with short commands read
// line by line, for terminals without the full-screen Debugger and for scripted use (stdin).
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { DebugSource } from '../interp/debugger/evaluate.js';
import type { DebugOutcome, StoppedEvent, TerminatedEvent, Variable } from '../interp/debugger/protocol.js';
import type { PauseOrEnd } from '../interp/debugger/controller.js';
import type { DebugSessionApi } from '../debug-sessions/types.js';
import { errorMessage } from '../interp/util/error-message.js';

export interface ReplOptions {
  input: Readable;
  output: Writable;
  /** The script's sources, to show the current line. */
  debugSource?: DebugSource;
  title?: string;
  /** An attached session: `q` detaches (the run goes on waiting) instead of stopping the run. */
  detach?: () => Promise<void>;
  /** Show a prompt (an interactive terminal). */
  prompt?: boolean;
}

export interface ReplResult {
  outcome: DebugOutcome | null;
  /** True when the REPL left an attached session without ending it. */
  detached: boolean;
}

export const REPL_HELP = `Commands:
  s, step          step into            n, next        step over
  o, out           step out             c, continue    run to the next breakpoint
  r N              run to line N        e, end         run to the end (ignores breakpoints)
  b N [N...]       set breakpoints      d N            delete a breakpoint
  b                list breakpoints     l [N]          list the source around the current line (or N)
  v [NAME]         variables of the frame, or the parts of one
  p EXPR           evaluate an expression in the frame
  bt               call stack           f N            select frame N
  pause            pause a running script
  stop             end the run          q, quit        quit (ends a local run; leaves an attached one waiting)
  h, help          this text`;

/** Commands that do not wait for the run to pause. */
const ANY_TIME = new Set(['', 'b', 'd', 'l', 'h', 'help', '?', 'pause', 'stop', 'q', 'quit']);

export function runRepl(session: DebugSessionApi, o: ReplOptions): Promise<ReplResult> {
  const out = (s: string): void => void o.output.write(s);
  const say = (s: string): void => out(s + '\n');
  const lines = new Map<string, string[]>();
  if (o.debugSource) {
    lines.set(o.debugSource.file, o.debugSource.source.split('\n'));
    for (const inc of Object.values(o.debugSource.includes)) lines.set(inc.file, inc.source.split('\n'));
  }
  let frame = 0;
  let detached = false;
  let finished = false;

  const sourceLine = (file: string, n: number, mark = ' '): string | null => {
    const text = lines.get(file)?.[n - 1];
    return text === undefined ? null : `${mark}${String(n).padStart(4)}  ${text}`;
  };

  const showStop = (e: StoppedEvent): void => {
    frame = 0;
    const why = e.reason === 'exception' ? `exception: ${e.error ?? ''}` : e.reason === 'debugWait' ? `debugWait(${JSON.stringify(e.info ?? '')})` : e.reason;
    say(`[stopped] ${why} at ${e.file}:${e.line}`);
    const l = sourceLine(e.file, e.line, '>');
    if (l) say(l);
  };

  const showEnd = (e: TerminatedEvent): void => {
    const r = e.outcome;
    if (r.ok) say(`[ended] ok in ${Math.round(r.durationMs)} ms`);
    else if (r.stopped === 'stopped') say('[ended] the run was stopped');
    else {
      const err = r.error;
      const where = err && err.line ? `${err.file}:${err.line}:${err.col}: ` : '';
      say(`[ended] error: ${where}${err?.message ?? 'the run failed'}`);
    }
  };

  const after = (p: Promise<PauseOrEnd>): Promise<void> => p.then(() => undefined);

  const showVar = (v: Variable, indent = '  '): void => say(`${indent}${v.name}: ${v.type} = ${v.value}`);

  const onOutput = (text: string): void => out(text);
  const onStopped = (e: StoppedEvent): void => {
    showStop(e);
    if (inputEnded && !busy && queue.length === 0) void endOfInput();
    else if (!busy) prompt();
  };
  let resolveDone!: (r: ReplResult) => void;
  const done = new Promise<ReplResult>((res) => (resolveDone = res));
  // an interactive terminal gets readline's line editing and history
  const rl = o.prompt ? createInterface({ input: o.input, output: o.output, terminal: true, prompt: '(debug) ' }) : createInterface({ input: o.input, terminal: false });

  const finish = (): void => {
    if (finished) return;
    finished = true;
    session.off('output', onOutput);
    session.off('stopped', onStopped);
    session.off('terminated', onEnded);
    rl.close();
    resolveDone({ outcome: session.outcome, detached });
  };
  const onEnded = (e: TerminatedEvent): void => {
    showEnd(e);
    finish();
  };
  session.on('output', onOutput);
  session.on('stopped', onStopped);
  session.on('terminated', onEnded);

  const prompt = (): void => {
    if (o.prompt && !finished) rl.prompt();
  };

  async function command(line: string): Promise<void> {
    const [word = '', ...args] = line.trim().split(/\s+/);
    const rest = line.trim().slice(word.length).trim();
    const num = (s: string | undefined): number => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 1) throw new Error(`'${s ?? ''}' is not a line number`);
      return n;
    };
    switch (word) {
      case '':
        return;
      case 's':
      case 'step':
        return after(session.stepIn());
      case 'n':
      case 'next':
        return after(session.stepOver());
      case 'o':
      case 'out':
        return after(session.stepOut());
      case 'c':
      case 'continue':
        return after(session.continue());
      case 'e':
      case 'end':
        return after(session.runToEnd());
      case 'r':
        return after(session.runTo(num(args[0])));
      case 'pause':
        return after(session.pause());
      case 'b': {
        const file = session.file;
        if (args.length === 0) {
          const bps = session.breakpoints(file);
          say(bps.length ? `breakpoints: ${bps.join(', ')}` : 'no breakpoints');
          return;
        }
        const wanted = [...new Set([...session.breakpoints(file), ...args.map(num)])];
        const actual = await session.setBreakpoints(wanted, file);
        say(`breakpoints: ${actual.length ? actual.join(', ') : 'none'}`);
        return;
      }
      case 'd': {
        const n = num(args[0]);
        const actual = await session.setBreakpoints(session.breakpoints().filter((l) => l !== n));
        say(`breakpoints: ${actual.length ? actual.join(', ') : 'none'}`);
        return;
      }
      case 'l': {
        const at = session.lastStop;
        const file = at?.file ?? session.file;
        const center = args[0] ? num(args[0]) : (at?.line ?? 1);
        const bps = new Set(session.breakpoints(file));
        for (let n = Math.max(1, center - 5); n <= center + 5; n++) {
          const l = sourceLine(file, n, n === at?.line && file === at.file ? '>' : bps.has(n) ? '*' : ' ');
          if (l) say(l);
        }
        return;
      }
      case 'bt': {
        const stack = await session.getStack();
        for (const f of stack) say(`${f.index === frame ? '*' : ' '}#${f.index} ${f.name} at ${f.file}:${f.line}`);
        return;
      }
      case 'f': {
        const n = Number(args[0]);
        const stack = await session.getStack();
        if (!Number.isInteger(n) || n < 0 || n >= stack.length) throw new Error(`there is no frame '${args[0] ?? ''}' (0 to ${stack.length - 1})`);
        frame = n;
        const f = stack[n]!;
        say(`#${f.index} ${f.name} at ${f.file}:${f.line}`);
        const l = sourceLine(f.file, f.line, '>');
        if (l) say(l);
        return;
      }
      case 'v': {
        const vars = await session.getVariables(frame);
        if (args.length === 0) {
          if (vars.locals.length === 0 && vars.globals.length === 0) say('no variables');
          for (const v of vars.locals) showVar(v);
          if (vars.globals.length) {
            say('globals:');
            for (const v of vars.globals) showVar(v);
          }
          return;
        }
        const v = [...vars.locals, ...vars.globals].find((x) => x.name === args[0]);
        if (!v) throw new Error(`there is no variable '${args[0]}' in this frame`);
        showVar(v, '');
        if (v.ref > 0) for (const c of await session.getChildren(v.ref)) showVar(c);
        return;
      }
      case 'p': {
        if (rest === '') throw new Error('give an expression, e.g. p total + 1');
        const r = await session.evaluate(rest, frame);
        if (!r.ok) say(`error: ${r.error}`);
        else {
          say(`= ${r.value.value} (${r.value.type})`);
          if (r.value.ref > 0) for (const c of await session.getChildren(r.value.ref)) showVar(c);
        }
        return;
      }
      case 'stop':
        await session.stop();
        return;
      case 'q':
      case 'quit':
        if (o.detach && session.state !== 'terminated') {
          detached = true;
          await o.detach();
          say('[detached] the run goes on waiting for a debugger');
          finish();
          return;
        }
        await session.stop();
        return;
      case 'h':
      case 'help':
      case '?':
        say(REPL_HELP);
        return;
      default:
        throw new Error(`unknown command '${word}' (h for help)`);
    }
  }

  // Commands run one after another; pause, stop and quit also act while the script runs.
  const queue: string[] = [];
  let busy = false;
  let inputEnded = false;
  const pump = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    while (queue.length && !finished) {
      const line = queue.shift()!;
      try {
        // run control and inspection wait for the run to pause (e.g. at the first stop)
        if (session.state === 'running' && !ANY_TIME.has(line.trim().split(/\s+/)[0] ?? '')) await session.waitForStop();
        if (finished) break;
        await command(line);
      } catch (e) {
        say(`error: ${errorMessage(e)}`);
      }
      prompt();
    }
    busy = false;
    if (inputEnded && !finished) await endOfInput();
  };
  const endOfInput = async (): Promise<void> => {
    if (o.detach && session.state !== 'terminated') {
      detached = true;
      await o.detach().catch(() => {});
      finish();
    } else if (session.state === 'paused') {
      say('[input ended] stopping the run');
      await session.stop();
    }
    // a running script goes on; its end finishes the REPL
  };
  rl.on('line', (line) => {
    const w = line.trim().split(/\s+/)[0];
    if (busy && session.state === 'running' && (w === 'pause' || w === 'stop' || w === 'q' || w === 'quit')) {
      void command(line).catch((e: Error) => say(`error: ${e.message}`));
      return;
    }
    queue.push(line);
    void pump();
  });
  rl.on('close', () => {
    inputEnded = true;
    void pump();
  });

  if (o.title) say(`Debugging ${o.title} (h for help)`);
  if (session.output) out(session.output);
  if (session.state === 'terminated' && session.outcome) onEnded({ t: 'terminated', outcome: session.outcome });
  else if (session.state === 'paused' && session.lastStop) showStop(session.lastStop);
  if (session.state === 'paused') prompt();
  return done;
}
