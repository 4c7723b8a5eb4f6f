// What compiling produces: the generated code, its line map back to the script, the natives it
// references, and (hooked mode) the statement and function tables of the debugger and tracer.

export interface SourcePos {
  file?: string;
  line: number;
  col: number;
  /** Operations on the generated line that may fail, by column (see EmitterBase.at). */
  ops?: OpPos[];
}

/** An operation that may fail at a column of a generated line, and where it is in the script. */
export interface OpPos {
  /** 1-based column in the generated line. */
  col: number;
  pos: SourcePos;
}

/** A variable of a function as the debugger sees it. */
export interface DebugLocal {
  name: string;
  type: string;
  /** The block scope (index into DebugFn.scopes) that declares it. */
  scope: number;
  /** Main body only: the top-level position of a global (checker's VarSym.order); absent for block locals. */
  global?: number;
}

/** A function (or the main body, fns[0]) of a hooked program. */
export interface DebugFn {
  /** 'fib', 'Point.move', or '(main)'. */
  name: string;
  file?: string;
  line: number;
  /** Struct name for methods: locals[0] is then `this`. */
  struct?: string;
  /** How many leading locals are `this` and the parameters (set on entry). */
  params: number;
  /** Checker's top-level order: the globals a function sees are those declared before it (-1 for the main body). */
  order: number;
  /**
   * Every variable of the function in declaration order (`this`, parameters, then locals); the
   * compiled code keeps their current values at these indices of the frame array `$h.enter` gave it.
   */
  locals: DebugLocal[];
  /** Parent of each block scope; scope 0 is the function's own (parent -1). */
  scopes: number[];
}

/** A statement of a hooked program; its index is the id passed to `$h.stmt(id)`. */
export interface DebugStmt {
  file?: string;
  line: number;
  col: number;
  fn: number;
  scope: number;
  /** How many of the function's locals were declared before this statement. */
  declared: number;
}

export interface DebugInfo {
  stmts: DebugStmt[];
  fns: DebugFn[];
  /** Compiled in 'traced' mode: assignments report their values ($h.lv, $h.lg). */
  traced?: boolean;
}

export interface CompiledProgram {
  /** Body of `new Function('$h', '$n', '$S', code)`. */
  code: string;
  /** Generated line (1-based, within `code`) → source position of the statement. */
  lineMap: (SourcePos | null)[];
  /**
   * Native implementations referenced by index from the code ($n[i]), by key:
   * 'G:name(T1)' global, 'M:Class:name(T1)' method or updater, 'C:Class:(T1)' constructor,
   * 'D:Class' default value, 'K:Class' compare.
   */
  natives: string[];
  /** The entry file name, for error messages. */
  file: string;
  /** Hooked mode only: statement and function tables for the debugger and tracer. */
  debug?: DebugInfo;
  /** Compiled in 'recorded' mode: the run records its inputs and counts its ticks (`$h.$E`). */
  ticks?: true;
  /** Compiled in 'replay' mode: its input built-ins give back a recorded run's answers (trace/execute.ts). */
  replays?: true;
}

/**
 * Statement hook mode: 'fast' emits none; 'hooked' calls `$h.stmt(id)` before each statement
 * (id = index in `debug.stmts`), keeps a call stack with `$f = $h.enter(fnId)` (`enter1`, `enter2`: with `this` and the first parameters)
 * / `$h.leave()` (see hookedBody), reports exceptions leaving a function with `$h.thrown(e)` and
 * counts active script `try` blocks with `$h.ti()` / `$h.to()` (debugger, tracer).
 *
 * Locals stay JS locals (hoisted to the top of the function, declarations become assignments),
 * and every assignment to one also stores the value into the frame array `$f` that `enter`
 * returned, at the local's index in DebugFn.locals (`$f[2] = l_x = ...`); the main body's frame is
 * `$g`, which functions write when they assign a global. The hooks read a frame's variables from
 * that array: unlike a closure per call (which forces the function's locals into a heap context),
 * an array the hooks can reuse per call depth costs nothing to create. The slots of locals not yet
 * declared may hold values of an earlier call; the hooks show a local only once it is declared.
 * `enter` may return nothing (hooks that keep no frames); the code then uses a throw-away array.
 *
 * 'traced' is 'hooked' for the trace recorder: every assignment of a variable reports the value,
 * `$h.lv(<assignment>, i, fnId)` (a local of the frame, or a global in the main body) or
 * `$h.lg(<assignment>, i)` (a global assigned by a function), which return the value; so the
 * recorder records what changed where it changes, instead of comparing frames at every statement.
 * There are no frame arrays: `$h.enter(fnId)`, `$h.enter1(fnId, a)`, `$h.enter2(fnId, a, b)` get
 * `this` and every parameter (as an array, `$h.enterN(fnId, [...])`, beyond ENTER_ARGS) and return
 * nothing. Nor is there a try/finally per call: a function's returns report themselves
 * (`return $h.rv(value)`, `return $h.leave()`, and `$h.leave()` where its body ends), a catch site
 * reports the calls an exception ended (`$h.unwind($dp)`, `$dp` the depth its function kept at
 * entry), and the recorder's finish those of an exception that ended the run, and the main body's.
 * Statements record their step inline in innermost loops and in functions without loops, and
 * through `$h.st(id)` elsewhere (instrument.ts: hot).
 */
export type CompileMode = 'fast' | 'hooked' | 'traced' | 'recorded' | 'replay';
// 'recorded' is 'fast' that also counts ticks — every function entry and every round of a loop —
// into `$E[0]` (a Float64Array the run shares with its parent): a run recorded by its inputs
// (trace/inputs.ts) says by that count where it was when it was ended from outside. 'replay' is
// 'traced' with `$h.tick()` at the same places, so the replay of such a run stops where it ended.

/** How many of `this` and the parameters a hooked function passes to `$h.enter` (the rest it stores into its frame). */
export const ENTER_ARGS = 2;

/** A compiled debugger evaluation: `new Function('$h', '$n', '$S', '$F', code)` returns the function to call. */
export interface CompiledEval {
  code: string;
  natives: string[];
}

/** Hooked mode: the function being compiled. */
export interface DbgCtx {
  id: number;
  info: DebugFn;
  scope: number;
  /** JS names of the hoisted locals (not parameters). */
  hoisted: string[];
  /** Traced mode: it catches exceptions, so it keeps its call depth (`$dp`) for its catch sites. */
  catches?: boolean;
}
