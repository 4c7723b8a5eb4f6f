// The trigger event data a run is given and hands back (EventData: outputs, state values, message,
// block flag, navigate-to, a dialog): what passes between the host and the run's worker.
import type { DialogDefinition } from '../runtime/dialog.js';
import { copyMenu, type MenuGroup } from '../runtime/main-menu.js';

export interface EventOutcome {
  outputs: Record<string, string>;
  state: Record<string, string>;
  message: string;
  blockExecution: boolean;
  navigateTo: string;
  /** The dialog the script asked the client to show (runtime/dialog.ts); absent when none. */
  dialog?: DialogDefinition;
  /** The main menu the script built or changed (runtime/main-menu.ts); absent when none asked for it. */
  menu?: MenuGroup[];
}

/** The event data of a run that was given none. */
export const emptyEvent = (): EventOutcome => ({ outputs: {}, state: {}, message: '', blockExecution: false, navigateTo: '' });
/** A copy of the event data a run was given (none: empty), for a run that ends without reporting its own. */
export const givenEvent = (e: EventOutcome | undefined): EventOutcome =>
  e ? { ...e, outputs: { ...e.outputs }, state: { ...e.state }, ...(e.menu ? { menu: copyMenu(e.menu) } : {}) } : emptyEvent();
