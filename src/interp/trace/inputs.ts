// Recording a run by its inputs. A program whose built-ins are all either deterministic (the
// value classes, output, encodings: the same arguments give the same result and touch nothing
// outside the run) or simple inputs (a String, Integer or Bool from outside: the clock-free
// variables, the web request, random numbers, sleep) runs as fast code; what the input built-ins
// returned goes into a log, and ticks — function entries and loop rounds, counted by the code
// compiled in 'recorded' mode — say how far it got. Replaying the same sources in 'replay' mode
// with the log's answers in place of those built-ins makes the same run again, step for step,
// with the trace recorder on (tracing/expand.ts does that when the recording is first opened).
// A run ended from outside (its stop, time or memory limit) replays up to the tick it reached.
//
// The log and the tick count live in shared memory, so they outlast a worker ended from outside:
// a Float64 tick count, then the log's used bytes and a "full" flag, then the log itself (one JSON
// line per answer), growing up to MAX_LOG_BYTES. A log that would grow past that stops there; the
// replay then ends at the first answer it lacks, and says so.
import { CrmError, CrmFatal, NULL_STRING } from '../runtime/values.js';
import type { NativeFn } from '../stdlib/registry.js';

/** Classes whose methods are deterministic (unless they take or give a date or time: those follow the machine's time zone). */
const VALUE_CLASSES = new Set(['String', 'Integer', 'Float', 'Bool', 'Byte', 'Long', 'Map', 'Vector', 'JSONBuilder', 'XMLNode', 'StringMatrix', 'FHBitSet']);
const TIME_TYPES = /Date|Time|Stream|Generic/;

/** Global functions that are deterministic: output, maths, encodings, parsing, assertions, the tracer's own switches. */
const PURE_GLOBALS = new Set([
  'print(String)', 'printLine(String)', 'printBinary(Byte[])', 'printDebug(String)', 'log(String)', 'logMessage(String)',
  'modulo(Integer,Integer)', 'pow(Float,Float)',
  'encodeBase64(Byte[])', 'encodeBase64(Byte[],Bool)', 'encodeBase32(Byte[])', 'decodeBase64(String)',
  'encodeSHA1(String)', 'encodeSHA256(String,String)', 'encodeHMACSHA1(String,String)', 'encodeHMACSHA1(Byte[],Byte[])',
  'encodeHMACSHA256(String,String)', 'encodeHMACSHA512(String,String)', 'simpleTwoWay(Byte[])', 'htmlConvToText(String)',
  'assert(Bool)', 'assertEquals(Bool,Bool)', 'assertEquals(Integer,Integer)', 'assertEquals(String,String)', 'assertEquals(Float,Float)',
  'exitWithMessage(String)', 'pauseTracing(Bool)', 'forceSaveTrace(Bool)',
  'parseJSON(String)', 'parseJSON2(String)', 'parseXML(String)',
]);

/**
 * Global functions whose answer comes from outside the program — a String, Integer or Bool, from
 * arguments of those types, so they cannot change the program's objects — logged when recorded and
 * answered from the log when replayed (never called again: a replay changes nothing outside it).
 */
const INPUT_GLOBALS = new Set([
  'getVariable(String)', 'setVariable(String,String)', 'SetVariable(String,String)',
  'getCurrent(String)', 'setCurrent(String,String)', 'SetCurrent(String,String)',
  'getGlobalVariable(String)', 'setGlobalVariable(String,String)', 'SetGlobalVariable(String,String)',
  'getSessionVariable(String)', 'setSessionVariable(String,String)',
  'getEnvVariable(String)', 'getPID()', 'getExecutable()', 'sleep(Float)', 'rand(Integer,Integer)',
  'makePassword(Integer)', 'makePassword(Integer,String)',
  'getCgiVariable(String)', 'cgiWasPost()', 'getCgiContent()', 'getCgiUrl()', 'buildUrl()', 'getHttpHeader(String)',
  'getCookie(String)', 'setCookie(String,String,Bool)', 'getSystemLang()', 'getUserLang()',
  'setParserVariable(String,String)', 'getParserVariable(String)', 'getParserVariable(String,Integer)', 'getParserVariableCount(String)',
]);

function kindOf(key: string): 'pure' | 'input' | null {
  const [kind, a, b] = key.split(':');
  if (kind === 'G') return PURE_GLOBALS.has(a) ? 'pure' : INPUT_GLOBALS.has(a) ? 'input' : null;
  if (!VALUE_CLASSES.has(a)) return null;
  return b === undefined || !TIME_TYPES.test(b) ? 'pure' : null;
}

/** Whether a program with these natives (CompiledProgram.natives) can be recorded by its inputs. */
export function recordableByInputs(natives: readonly string[]): boolean {
  return natives.every((k) => kindOf(k) !== null);
}

/** Whether a native's answers are logged (and given back by the replay). */
export function isInputNative(key: string): boolean {
  return kindOf(key) === 'input';
}

// ------------------------------------------------------------------ the shared log

const HEAD = 16;
const INITIAL_BYTES = 64 * 1024;
/** The most a run's log of inputs may hold. */
export const MAX_LOG_BYTES = 64 * 1024 * 1024;

/** SharedArrayBuffer with its growable form (ES2024; Node 20 has it, the project's TypeScript lib does not name it). */
const GrowableSab = SharedArrayBuffer as unknown as new (bytes: number, opts: { maxByteLength: number }) => SharedArrayBuffer;

export class InputLog {
  readonly sab: SharedArrayBuffer;
  /** [0]: ticks so far (the code compiled in 'recorded' mode counts them here). */
  readonly ticks: Float64Array;
  private readonly head: Int32Array;

  constructor(sab?: SharedArrayBuffer) {
    this.sab = sab ?? new GrowableSab(INITIAL_BYTES, { maxByteLength: MAX_LOG_BYTES + HEAD });
    this.ticks = new Float64Array(this.sab, 0, 1);
    this.head = new Int32Array(this.sab, 8, 2);
  }

  /** The log reached MAX_LOG_BYTES: answers after that were not kept. */
  get full(): boolean {
    return this.head[1] === 1;
  }

  append(line: string): void {
    if (this.full) return;
    const bytes = Buffer.from(line + '\n', 'utf8');
    const at = HEAD + this.head[0];
    const need = at + bytes.length;
    if (need > this.sab.byteLength) {
      if (need > MAX_LOG_BYTES + HEAD) {
        this.head[1] = 1;
        return;
      }
      (this.sab as SharedArrayBuffer & { grow(n: number): void }).grow(Math.min(MAX_LOG_BYTES + HEAD, Math.max(need, this.sab.byteLength * 2)));
    }
    bytes.copy(new Uint8Array(this.sab, at, bytes.length));
    this.head[0] += bytes.length;
  }

  /** The answers logged so far, one JSON text each. */
  entries(): string[] {
    const used = this.head[0];
    if (used === 0) return [];
    const text = Buffer.from(new Uint8Array(this.sab, HEAD, used)).toString('utf8');
    return text.split('\n').slice(0, -1);
  }
}

// ------------------------------------------------------------------ answers

/** One logged answer: a value (`v`, or `n` for the null String, `z` for the null Integer), nothing (Void), or an error. */
interface Answer {
  v?: string | number | boolean;
  n?: 1;
  z?: 1;
  x?: string;
  fatal?: 1;
}

function encode(v: unknown): string {
  if (v === undefined) return '{}';
  if (v === NULL_STRING) return '{"n":1}';
  if (Object.is(v, -0)) return '{"z":1}';
  if (typeof v === 'number' && !Number.isFinite(v)) return JSON.stringify({ v: String(v), f: 1 });
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return JSON.stringify({ v });
  throw new Error(`internal: an input built-in answered ${typeof v}`);
}

function decode(line: string): unknown {
  const a = JSON.parse(line) as Answer & { f?: 1 };
  if (a.x !== undefined) throw a.fatal ? new CrmFatal(a.x) : new CrmError(a.x);
  if (a.n) return NULL_STRING;
  if (a.z) return -0;
  if (a.f) return Number(a.v);
  return a.v;
}

/** A native that logs what it answers (or the error it throws) in `log`. */
export function loggingNative(f: NativeFn, log: InputLog): NativeFn {
  return (...args: unknown[]) => {
    let v: unknown;
    try {
      v = f(...args);
    } catch (e) {
      if (e instanceof CrmError || e instanceof CrmFatal) log.append(JSON.stringify({ x: e.message, ...(e instanceof CrmFatal ? { fatal: 1 } : {}) }));
      throw e;
    }
    log.append(encode(v));
    return v;
  };
}

/** What ends a replay where the recorded run ended (not an error of the script's: scripts cannot catch it). */
export const REPLAY_END = 'the recorded run ended here';

export class ReplayEnd extends CrmFatal {
  constructor() {
    super(REPLAY_END);
  }
}

/** The answers and the tick limit of the replay going on in this thread. */
export class ReplayFeed {
  private next = 0;
  private count = 0;

  constructor(
    private readonly answers: readonly string[],
    /** The ticks the recorded run reached when it was ended from outside; null when it ended by itself. */
    private readonly ticks: number | null,
  ) {}

  answer(): unknown {
    if (this.next >= this.answers.length) throw new ReplayEnd();
    return decode(this.answers[this.next++]);
  }

  tick(): void {
    if (++this.count > (this.ticks ?? Infinity)) throw new ReplayEnd();
  }

  /** The answers given back so far (a replay that ends by itself with some left did not make the same run). */
  get used(): number {
    return this.next;
  }

  /** The ticks counted so far (the one that ended the replay included). */
  get ticked(): number {
    return this.count;
  }
}

/** A native that gives back the feed's next answer in place of calling the built-in. */
export function replayingNative(feed: () => ReplayFeed): NativeFn {
  return () => feed().answer();
}
