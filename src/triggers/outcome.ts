// What firing an event produced: one BindingRun per binding that ran (run/fire.ts fills it,
// format.ts prints it, the daemon returns it as JSON).
import type { CrmChange } from '../interp/runtime/crm-service.js';
import type { DialogDefinition } from '../interp/runtime/dialog.js';
import type { MenuGroup } from '../interp/runtime/main-menu.js';

export interface BindingRun {
  /** The trigger (binding) id. */
  trigger: string;
  /** "script Examples/On new ticket" or "macro Notify team". */
  target: string;
  ok: boolean;
  /** What the script printed. */
  output: string;
  error: string | null;
  ms: number;
  /** CRM rows this binding's run inserted, updated or deleted. */
  changes?: CrmChange[];
}

export interface FireOutcome {
  /** The event's catalog name. */
  event: string;
  blocked: boolean;
  message: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  navigateTo: string;
  /** The dialog a binding asked the client to show (EventData.showDialog); the answer comes back as input values of the next firing. */
  dialog?: DialogDefinition;
  /** The main menu the bindings built (MainMenu event, getMainMenu()); absent when none asked for it. */
  menu?: MenuGroup[];
  runs: BindingRun[];
  /** Enabled bindings that did not run because an earlier one blocked the event (or the firing was aborted). */
  skipped: number;
  /** Problems that did not change the outcome, e.g. the store could not record the firing. */
  warnings?: string[];
  /** The input values the bindings got (entity ids not given are picked from the sandbox CRM). */
  inputs?: Record<string, string>;
  /** Inputs picked from the sandbox CRM, and why. */
  picked?: { name: string; value: string; why: string }[];
  /** Every CRM row the bindings changed, in order. */
  changes?: CrmChange[];
  /** The bindings ran with --rollback: their CRM writes were discarded. */
  rolledBack?: boolean;
}
