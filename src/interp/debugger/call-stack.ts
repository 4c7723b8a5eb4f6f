// The call stack of a debugged run as its hooks keep it: on every call and return, and the
// statement each frame is at. Its own small object, apart from the agent, and as little work per
// call as will do: the hooks run on every call and statement, and measured on fib(30) each store
// a call makes shows. A frame's function is not stored apart: it is its statement's function,
// and until its first statement runs, its entry in `stmt` says which function it is.

/** Frames 1..depth (1 = the main body) and where each one is. */
export interface CallStack {
  depth: number;
  /**
   * Per depth: the statement the frame is at, or `-1 - fn` (fn, the index in DebugInfo.fns) for a
   * call that has not reached its first statement.
   */
  stmt: Int32Array;
  /** Variables of each depth's frame, one array per depth reused by the calls made at that depth. */
  frames: unknown[][];
  /** 1 while stepping: every statement goes to the agent's slow path. */
  trap: number;
  /** How many depths the arrays have room for. */
  cap: number;
  /** The most variables a function has (the length of a frame's array). */
  width: number;
}

/**
 * A plain object, its fields given their values once: V8 then takes the fields the hooks read
 * (the arrays, `cap`, `trap`) as constants in the code it optimizes, as long as they do not change
 * (a recursion deeper than `cap`, or stepping, changes them, and V8 optimizes again). Measured on
 * fib(30), the hooks ran 8 % slower when they were fields of a class instance set in its
 * constructor.
 */
export function newCallStack(width: number, trap: number): CallStack {
  const size = 64;
  const frames: unknown[][] = [];
  while (frames.length < size) frames.push(new Array<unknown>(width).fill(undefined));
  return { depth: 0, stmt: new Int32Array(size).fill(-1), frames, trap, cap: size, width };
}

/** Room for twice as many depths. */
export function grow(s: CallStack): void {
  const size = s.cap * 2;
  while (s.frames.length < size) s.frames.push(new Array<unknown>(s.width).fill(undefined));
  const stmt = new Int32Array(size).fill(-1);
  stmt.set(s.stmt);
  s.stmt = stmt;
  s.cap = size;
}

/** The statement frame `d` is at (-1: none yet). */
export function stmtAt(s: CallStack, d: number): number {
  return Math.max(-1, s.stmt[d]);
}

/** The function of frame `d` (index in DebugInfo.fns); `stmtFn`: the function of each statement. */
export function fnAt(s: CallStack, d: number, stmtFn: ArrayLike<number>): number {
  const x = s.stmt[d];
  return x < 0 ? -1 - x : stmtFn[x];
}

/** A call of function `fn` begins; returns its frame's array. */
export function enterFrame(s: CallStack, fn: number): unknown[] {
  const d = s.depth + 1;
  if (d === s.cap) grow(s);
  s.depth = d;
  s.stmt[d] = -1 - fn;
  return s.frames[d];
}

/** The innermost call returns. */
export function leaveFrame(s: CallStack): void {
  s.depth--;
}
