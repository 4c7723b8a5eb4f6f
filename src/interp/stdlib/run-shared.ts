// Values shared across the SuperOffice web applications in the product (setCurrent,
// setGlobalVariable, getGlobalStaticMap) and a user's session variables (setSessionVariable). Here
// they live for one run: they are kept per run context (a nested run, executeScript or ScriptCall,
// shares its caller's), so a new run starts empty.
import { rt, type RunContext } from '../runtime/context.js';

export interface SharedState {
  current: Map<string, string>;
  globals: Map<string, string>;
  session: Map<string, string>;
  staticMap: unknown;
}
const sharedByRun = new WeakMap<RunContext, SharedState>();

/** A nested run's context sees (and changes) its caller's shared values and session variables. */
export function shareRunState(parent: RunContext, child: RunContext): void {
  sharedByRun.set(child, shared(parent));
}

/** The shared values of the run `ctx` belongs to. */
export function shared(ctx: RunContext = rt): SharedState {
  let s = sharedByRun.get(ctx);
  if (!s) {
    s = { current: new Map(), globals: new Map(), session: new Map(), staticMap: undefined };
    sharedByRun.set(ctx, s);
  }
  return s;
}

