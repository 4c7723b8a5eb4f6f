// Firing a trigger event: the enabled bindings of the event run in order and share one EventData
// (outputs, state values, message, block flag, navigate-to). For a blockable ("before") event
// the first binding that blocks stops the rest. A failing binding is recorded and the next one
// still runs. Every binding that ran gets lastFiredAt/lastOutcome in the store. Scripts and macros
// (run/macro.ts) run alike.
import type { Store } from '../store/store.js';
import type { Macro, Script, Trigger } from '../store/schema.js';
import { getById, targetLabel, triggersForEvent } from '../store/repos.js';
import { StoreError } from '../store/errors.js';
import { emptyEvent } from '../interp/isolation/event-outcome.js';
import { startScriptRun, type ScriptRunResult } from './script.js';
import { requireEvent } from '../triggers/catalog.js';
import { startMacroRun } from './macro.js';
import type { BindingRun, FireOutcome } from '../triggers/outcome.js';
import { recordFirings, type FiringRecord } from '../triggers/record.js';
import { errorMessage } from '../interp/util/error-message.js';
import { crmLocation } from '../crm/location.js';
import { sharedDriver } from '../crm/shared.js';
import { fillEntityInputs } from '../crm/inputs.js';

export type { BindingRun, FireOutcome } from '../triggers/outcome.js';

export interface FireOptions {
  user?: string;
  /**
   * Who fired the event: 'cli', 'http', 'tui', 'daemon', ... Accepted for the callers' own
   * bookkeeping; every binding's script run is started with source 'trigger' regardless.
   */
  source?: string;
  /** Stops the binding that is running and skips the rest (e.g. the daemon shutting down). */
  signal?: AbortSignal;
  /**
   * Do not wait for the firing to be recorded on its bindings (lastFiredAt, lastOutcome): the
   * record is written behind (see record.ts), and a failure to store it is told here instead of
   * in the outcome's warnings. The daemon's HTTP route answers this way.
   */
  recordBehind?: (problem: string) => void;
  /** Discard each binding's CRM writes when it ends. */
  rollback?: boolean;
  /** Login name of the CRM user the bindings run as ('' = the sandbox default). */
  crmUser?: string;
  /** Check the entity ids given against the sandbox CRM and pick demo rows for those not given (the CLI and the TUI do; events from outside carry their own ids). */
  fillInputs?: boolean;
  /** Called when a binding starts and ends (progress in the TUI). */
  onRun?: (ev: { trigger: Trigger; index: number; total: number; done?: BindingRun }) => void;
}

function runError(r: ScriptRunResult): string | null {
  const compileErrors = r.diagnostics.filter((d) => d.severity === 'error');
  if (compileErrors.length) return compileErrors.map((x) => (x.line ? `${x.file}:${x.line}:${x.col}: ${x.message}` : `${x.file}: ${x.message}`)).join('\n');
  if (!r.error) return null;
  const e = r.error;
  return e.line ? `${e.file}:${e.line}:${e.col}: ${e.message}` : `${e.file}: ${e.message}`;
}

/** The one-line summary kept in the binding's lastOutcome. */
function outcomeText(run: BindingRun, blockedHere: boolean, message: string): string {
  if (!run.ok) return `failed: ${(run.error ?? 'unknown error').split('\n')[0]}`;
  if (blockedHere) return message ? `blocked: ${message}` : 'blocked';
  return 'ok';
}

/**
 * Fire `eventName` with the given input values. Throws UnknownEventError for a name that is not
 * in the catalog; everything that goes wrong inside a binding is reported in the outcome.
 */
export async function fireEvent(
  store: Store,
  eventName: string,
  inputs: Record<string, string> = {},
  opts: FireOptions = {},
): Promise<FireOutcome> {
  const event = requireEvent(eventName);
  const d = store.read();
  const bindings = triggersForEvent(d, event.name).filter((t) => t.enabled);
  let picked: FireOutcome['picked'] | undefined;
  if (opts.fillInputs && bindings.length) {
    const filled = fillEntityInputs(await sharedDriver(crmLocation(store.dataDir, store.databaseUrl)), event, inputs);
    inputs = filled.inputs;
    picked = filled.picked;
  }
  let shared = emptyEvent();
  const runs: BindingRun[] = [];
  const records: FiringRecord[] = [];
  let blocked = false;
  let aborted = false;

  for (const [index, trigger] of bindings.entries()) {
    if (opts.signal?.aborted) {
      aborted = true;
      break;
    }
    opts.onRun?.({ trigger, index, total: bindings.length });
    const at = new Date().toISOString();
    // one look at the store per binding (the first binding's is the one its trigger came from)
    const now = index === 0 && !opts.fillInputs ? d : store.read();
    const label = `${trigger.targetKind} ${targetLabel(now, trigger.targetKind, trigger.targetId)}`;
    let run: BindingRun;
    const started = performance.now();
    const failed = (error: string): BindingRun => ({ trigger: trigger.id, target: label, ok: false, output: '', error, ms: Math.round(performance.now() - started) });
    let start: (() => ReturnType<typeof startScriptRun>) | null = null;
    const req = {
      source: 'trigger',
      user: opts.user ?? '',
      eventName: event.name,
      inputs: { ...inputs },
      // input values are readable with getVariable() too
      variables: { ...inputs },
      event: shared,
      rollback: opts.rollback,
      // who the run acts as: fire --user, else the binding's own CRM user, else the default
      crmUser: opts.crmUser || trigger.crmUser || '',
    };
    let problem: string | null = null;
    if (trigger.targetKind === 'macro') {
      const macro: Macro | undefined = getById(now, 'macros', trigger.targetId);
      if (!macro) problem = `the bound macro (id "${trigger.targetId}") no longer exists`;
      else {
        start = () => startMacroRun(store, macro, req);
      }
    } else {
      const script: Script | undefined = getById(now, 'scripts', trigger.targetId);
      if (!script) problem = `the bound script (id "${trigger.targetId}") no longer exists`;
      else start = () => startScriptRun(store, script, req);
    }
    if (!start) run = failed(problem ?? 'nothing to run');
    else {
      const onAbort = (): void => handle?.stop();
      let handle: ReturnType<typeof startScriptRun> | undefined;
      try {
        handle = start();
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        if (opts.signal?.aborted) onAbort(); // aborted while it started (onRun may abort)
        const r: ScriptRunResult = await handle.result;
        // A target that failed part-way keeps what it set so far; one that did not compile
        // never saw the event, and a run ended from outside hands back the event unchanged.
        if (!r.diagnostics.some((x) => x.severity === 'error')) shared = r.event;
        run = {
          trigger: trigger.id,
          target: label,
          ok: r.ok,
          output: r.output,
          error: runError(r),
          ms: Math.round(performance.now() - started),
          changes: r.changes ?? [],
        };
      } catch (e) {
        run = failed(`the ${trigger.targetKind} could not be run: ${errorMessage(e)}`);
      } finally {
        opts.signal?.removeEventListener('abort', onAbort);
      }
    }
    runs.push(run);
    const blockedHere = event.blockable && shared.blockExecution;
    records.push({ id: trigger.id, at, outcome: outcomeText(run, blockedHere, shared.message) });
    opts.onRun?.({ trigger, index, total: bindings.length, done: run });
    if (blockedHere) {
      blocked = true;
      break;
    }
  }

  const outcome: FireOutcome = {
    event: event.name,
    blocked,
    message: shared.message,
    outputs: shared.outputs,
    state: shared.state,
    navigateTo: shared.navigateTo,
    ...(shared.dialog ? { dialog: shared.dialog } : {}),
    ...(shared.menu ? { menu: shared.menu } : {}),
    runs,
    skipped: bindings.length - runs.length,
    ...(picked ? { inputs, picked } : {}),
    ...(runs.length ? { changes: runs.flatMap((r) => r.changes ?? []) } : {}),
    ...(opts.rollback ? { rolledBack: true } : {}),
  };
  if (aborted) outcome.warnings = ['the firing was stopped before every binding ran'];
  if (records.length) {
    const why = (e: unknown): string => `The outcome could not be recorded on the bindings: ${e instanceof StoreError ? e.message : errorMessage(e)}`;
    const recording = recordFirings(store, records);
    const behind = opts.recordBehind;
    if (behind) recording.catch((e: unknown) => behind(why(e)));
    else {
      try {
        await recording;
      } catch (e) {
        (outcome.warnings ??= []).push(why(e));
      }
    }
  }
  return outcome;
}
