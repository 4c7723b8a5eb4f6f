/**
 * What the Debugger fetches of a frame at a stop: its variables, the children of the variables
 * that are expanded (depth first, by their paths), and the value of every watch expression. An
 * answer that is no longer wanted (the run went on, another frame was chosen, the screen closed)
 * is dropped: the load asks after every call into the session whether it still counts.
 */
import { errorText, varPath, type Watch } from './model.js';
import type { DebuggerSession, EvalResult, FrameVariables, Variable } from './types.js';

export type Children = Map<string, Variable[] | { error: string }>;

export interface FrameLoad {
  session: DebuggerSession;
  /** Whether the run is still at the stop and frame the load began at. */
  sameStop(): boolean;
  /** sameStop(), and the screen is still there. */
  wanted(): boolean;
  /** The paths of the expanded variables, as they are now. */
  expanded(): ReadonlySet<string>;
  /** The watch list, as it is now. */
  watches(): readonly Watch[];
  onVars(vars: FrameVariables, children: Children): void;
  onVarsError(message: string): void;
  onWatch(id: number, result: EvalResult): void;
}

/** Variables, expanded children and watches of `frame`, each handed on as it arrives. */
export async function loadFrame(l: FrameLoad, frame: number): Promise<void> {
  try {
    const v = await l.session.getVariables(frame);
    if (!l.wanted()) return;
    const kids: Children = new Map();
    await fetchExpanded(l, v.locals, 'L', kids);
    await fetchExpanded(l, v.globals, 'G', kids);
    if (!l.wanted()) return;
    l.onVars(v, kids);
  } catch (e) {
    if (!l.wanted()) return;
    l.onVarsError(errorText(e));
  }
  for (const w of l.watches()) {
    let result: EvalResult;
    try {
      result = await l.session.evaluate(w.expr, frame);
    } catch (e) {
      result = { ok: false, error: errorText(e) };
    }
    if (!l.wanted()) return;
    l.onWatch(w.id, result);
  }
}

/** Fetch children of the expanded variables under `list`, depth first. */
async function fetchExpanded(l: FrameLoad, list: Variable[], parent: string, into: Children): Promise<void> {
  for (const v of list) {
    const p = varPath(parent, v.name);
    if (v.ref <= 0 || !l.expanded().has(p)) continue;
    try {
      const kids = await l.session.getChildren(v.ref);
      if (!l.sameStop()) return;
      into.set(p, kids);
      await fetchExpanded(l, kids, p, into);
    } catch (e) {
      if (!l.sameStop()) return;
      into.set(p, { error: errorText(e) });
    }
  }
}
