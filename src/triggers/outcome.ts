// What firing an event produced: one BindingRun per binding that ran (run/fire.ts fills it,
// format.ts prints it, the daemon returns it as JSON).

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
}

export interface FireOutcome {
  /** The event's catalog name. */
  event: string;
  blocked: boolean;
  message: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  navigateTo: string;
  runs: BindingRun[];
  /** Enabled bindings that did not run because an earlier one blocked the event (or the firing was aborted). */
  skipped: number;
  /** Problems that did not change the outcome, e.g. the store could not record the firing. */
  warnings?: string[];
}
