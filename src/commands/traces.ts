/**
 * `crmscript-tui traces ...`: the Tracing tab from a shell.
 *
 *   traces list [--json]                      configurations and their recordings
 *   traces add (--script I | --macro M) [--description T] [--resolution N] [--keep-days D]
 *              [--user U] [--only-on-exception] [--disabled] [--notify --email E [--max-notifications N]]
 *   traces edit ID [the same options, --enabled]
 *   traces rm ID                              a configuration with its recordings
 *   traces enable|disable ID
 *   traces on|off                             the global switch (pauses all recording)
 *   traces show RUN-ID [--step N] [--json]    position, stack and variables at a step
 *   traces rm-run RUN-ID                      one recording
 *   traces purge                              recordings older than their keep-days
 *   traces tail [--script I | --macro M] [--json] [-n N]   follow new recordings
 */
import type { Command } from 'commander';
import type { Store } from '../store/store.js';
import type { StoreData, TraceConfig, TraceRun } from '../store/schema.js';
import type { TraceConfigInput } from '../store/repos.js';
import type { TraceRecording } from '../interp/trace/reader.js';
import { action, CliError, formatTable, out, printJson, targetFromOptions, type TargetOptions } from './common.js';
import { whoLabel } from '../store/who.js';
import { outcomeWord } from '../tasks/manage.js';
import { stepsText } from '../tracing/steps-text.js';
import { errorMessage } from '../interp/util/error-message.js';
import { formatMs, formatWhen, showText, variableJson } from './traces-show.js';
import { plural } from '../interp/util/plural.js';

function count(name: string, v: string, min: number): number {
  if (!/^\d+$/.test(v.trim())) throw new CliError(`${name} must be a whole number, not "${v}".`);
  const n = Number(v);
  if (n < min) throw new CliError(`${name} must be at least ${min}.`);
  return n;
}

function indented(text: string, indent: string): string {
  return text
    .split('\n')
    .map((l) => indent + l)
    .join('\n');
}

interface ConfigOptions extends TargetOptions {
  description?: string;
  resolution?: string;
  keepDays?: string;
  user?: string;
  onlyOnException?: boolean;
  disabled?: boolean;
  enabled?: boolean;
  notify?: boolean;
  email?: string;
  maxNotifications?: string;
}

function configPatch(o: ConfigOptions, current: TraceConfig | null): Partial<TraceConfigInput> {
  const p: Partial<TraceConfigInput> = {};
  if (o.description !== undefined) p.description = o.description;
  if (o.resolution !== undefined) p.resolution = count('--resolution', o.resolution, 1);
  if (o.keepDays !== undefined) p.keepDays = count('--keep-days', o.keepDays, 1);
  if (o.user !== undefined) p.userFilter = o.user.trim();
  if (o.onlyOnException !== undefined) p.onlyOnException = o.onlyOnException;
  if (o.disabled) p.enabled = false;
  if (o.enabled) p.enabled = true;
  if (o.notify !== undefined) p.notify = o.notify;
  if (o.email !== undefined) p.notificationEmail = o.email.trim();
  if (o.maxNotifications !== undefined) p.maxNotifications = count('--max-notifications', o.maxNotifications, 0);
  const notify = p.notify ?? current?.notify ?? false;
  const email = p.notificationEmail ?? current?.notificationEmail ?? '';
  if (notify && email === '') throw new CliError('--notify needs --email ADDRESS (where the notifications go).');
  return p;
}

function describeConfig(c: TraceConfig): string {
  const every = c.resolution === 1 ? 'every run' : `every ${c.resolution}th run`;
  const who = c.userFilter ? ` by ${c.userFilter}` : '';
  const only = c.onlyOnException ? ', kept only when it ends with an unhandled exception' : '';
  const notify = c.notify ? `; notifies ${c.notificationEmail} (at most ${c.maxNotifications})` : '';
  return `records ${every}${who}${only}; keeps recordings ${plural(c.keepDays, 'day')}${notify}`;
}

function warnIfOff(d: StoreData): void {
  if (!d.settings.tracingEnabled) process.stderr.write('Tracing is switched off, so nothing is recorded yet; `crmscript-tui traces on` starts it.\n');
}

function runRow(r: TraceRun): string[] {
  return [r.id, formatWhen(r.startedAt), whoLabel(r.source, r.user), formatMs(r.durationMs), stepsText(r), outcomeWord(r.outcome), r.exception ?? ''];
}

function runJson(d: StoreData, r: TraceRun) {
  const c = d.traceConfigs.find((x) => x.id === r.configId);
  return { ...r, target: c ? { kind: c.targetKind, id: c.targetId } : null };
}

// ------------------------------------------------------------------ tail

function tailLine(d: StoreData, r: TraceRun): string {
  const c = d.traceConfigs.find((x) => x.id === r.configId);
  const target = c ? `${c.targetKind} ${targetName(d, c)}` : '(removed trace)';
  const parts = [formatWhen(r.startedAt), target, whoLabel(r.source, r.user), formatMs(r.durationMs), outcomeWord(r.outcome)];
  if (r.exception) parts.push(r.exception);
  parts.push(`[${r.id}]`);
  return parts.join('  ');
}

function targetName(d: StoreData, c: Pick<TraceConfig, 'targetKind' | 'targetId'>): string {
  if (c.targetKind === 'script') return d.scripts.find((s) => s.id === c.targetId)?.name ?? '(missing script)';
  return d.macros.find((m) => m.id === c.targetId)?.name ?? '(missing macro)';
}

// ------------------------------------------------------------------ commands

export function registerTraceCommands(program: Command, openStore: () => Promise<Store>): void {
  const traces = program.command('traces').description('trace configurations and recordings (the Tracing tab)');

  traces
    .command('list')
    .description('list the trace configurations and their recordings')
    .option('--json', 'print as JSON')
    .action(
      action(async (o: { json?: boolean }) => {
        const { listTraces } = await import('../tracing/manage.js');
        const store = await openStore();
        const d = store.read();
        const items = listTraces(d);
        if (o.json) {
          printJson({ tracingEnabled: d.settings.tracingEnabled, traces: items.map((t) => ({ ...t.config, target: t.target, recordings: t.recordings })) });
          return;
        }
        out(d.settings.tracingEnabled ? 'Tracing is on: enabled traces record runs.' : 'Tracing is off: nothing is recorded (`crmscript-tui traces on` starts it).');
        if (items.length === 0) {
          out('There are no traces. Add one with `crmscript-tui traces add --script NAME`.');
          return;
        }
        for (const t of items) {
          const c = t.config;
          out('');
          out(`${c.id}  ${c.targetKind} ${t.target}  ${c.enabled ? 'enabled' : 'disabled'}${c.description ? `  "${c.description}"` : ''}`);
          out(`  ${describeConfig(c)}`);
          if (t.recordings.length === 0) out('  no recordings');
          else out(indented(formatTable(['RUN', 'WHEN', 'STARTED BY', 'DURATION', 'STEPS', 'OUTCOME', 'EXCEPTION'], t.recordings.map(runRow)), '  '));
        }
      }),
    );

  const withConfigOptions = (c: Command): Command =>
    c
      .option('--script <name>', 'the script to trace (include name, name or Folder/Name)')
      .option('--macro <name>', 'the macro to trace')
      .option('--description <text>', 'what the trace is for')
      .option('--resolution <n>', 'record every Nth execution (1 = every run)')
      .option('--keep-days <days>', 'keep recordings this many days')
      .option('--user <name>', "record only runs by this user ('' = everyone; a comma list is allowed)")
      .option('--only-on-exception', 'keep a recording only when the run ends with an unhandled exception')
      .option('--notify', 'email a notification when a recording is saved')
      .option('--email <address>', 'where notifications go')
      .option('--max-notifications <n>', 'send at most this many notifications');

  withConfigOptions(traces.command('add').description('add a trace configuration for a script or macro'))
    .option('--disabled', 'add it disabled')
    .action(
      action(async (o: ConfigOptions) => {
        const { addTrace } = await import('../tracing/manage.js');
        const store = await openStore();
        const target = targetFromOptions(store.read(), o);
        if (!target) throw new CliError('Name what to trace with --script NAME or --macro NAME.');
        const patch = configPatch(o, null);
        const c = await addTrace(store, { ...patch, ...target });
        out(`Added trace ${c.id} for ${c.targetKind} ${targetName(store.read(), c)}: ${describeConfig(c)}${c.enabled ? '' : ' (disabled)'}.`);
        warnIfOff(store.read());
      }),
    );

  withConfigOptions(traces.command('edit').description('change a trace configuration').argument('<id>', 'trace id (or its beginning)'))
    .option('--enabled', 'enable it')
    .option('--disabled', 'disable it')
    .option('--no-notify', 'stop notifications')
    .option('--no-only-on-exception', 'keep every recording')
    .action(
      action(async (ref: string, o: ConfigOptions) => {
        const { editTrace, resolveTraceConfig } = await import('../tracing/manage.js');
        const store = await openStore();
        const d = store.read();
        const current = resolveTraceConfig(d, ref);
        const target = targetFromOptions(d, o);
        const patch = { ...configPatch(o, current), ...(target ?? {}) };
        const c = await editTrace(store, current.id, patch);
        out(`Trace ${c.id} for ${c.targetKind} ${targetName(store.read(), c)}: ${describeConfig(c)}${c.enabled ? '' : ' (disabled)'}.`);
      }),
    );

  traces
    .command('rm')
    .description('remove a trace configuration and its recordings')
    .argument('<id>', 'trace id (or its beginning)')
    .action(
      action(async (ref: string) => {
        const { removeTrace } = await import('../tracing/manage.js');
        const store = await openStore();
        const { config, runs } = await removeTrace(store, ref);
        out(`Removed trace ${config.id} and ${plural(runs.length, 'recording')}.`);
      }),
    );

  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    traces
      .command(name)
      .description(`${name} a trace configuration`)
      .argument('<id>', 'trace id (or its beginning)')
      .action(
        action(async (ref: string) => {
          const { setTraceEnabled } = await import('../tracing/manage.js');
          const store = await openStore();
          const c = await setTraceEnabled(store, ref, enabled);
          out(`Trace ${c.id} is ${enabled ? 'enabled' : 'disabled'}.`);
          if (enabled) warnIfOff(store.read());
        }),
      );
  }

  for (const [name, on] of [
    ['on', true],
    ['off', false],
  ] as const) {
    traces
      .command(name)
      .description(on ? 'start tracing: enabled traces record runs' : 'stop tracing: pause all recording')
      .action(
        action(async () => {
          const { setTracing } = await import('../tracing/manage.js');
          const store = await openStore();
          await setTracing(store, on);
          out(on ? 'Tracing is on: enabled traces record runs.' : 'Tracing is off: nothing is recorded until `crmscript-tui traces on`.');
        }),
      );
  }

  traces
    .command('show')
    .description('show a recording at a step: source position, depth, call stack, variables, output')
    .argument('<run-id>', 'recording id (or its beginning)')
    .option('--step <n>', 'the step, counted from 1 (default: the exception, else the last step)')
    .option('--json', 'print as JSON')
    .action(
      action(async (ref: string, o: { step?: string; json?: boolean }) => {
        const { resolveTraceRun, loadRecording } = await import('../tracing/manage.js');
        const store = await openStore();
        const d = store.read();
        let run = resolveTraceRun(d, ref);
        let rec: TraceRecording;
        try {
          rec = await loadRecording(store, run);
        } catch (e) {
          throw new CliError(errorMessage(e));
        }
        // a recording by inputs has its steps once replayed (loadRecording counted them into the index)
        if (run.byInputs) run = { ...run, steps: rec.steps };
        if (rec.steps === 0) throw new CliError(`The recording ${run.id} holds no steps (the run ended before its first statement).`);
        let step = rec.exceptionStep() ?? rec.last();
        if (o.step !== undefined) {
          const n = count('--step', o.step, 1);
          if (n > rec.steps) throw new CliError(`--step must be between 1 and ${rec.steps} (the recording has ${rec.steps} steps).`);
          step = n - 1;
        }
        const view = rec.at(step);
        const c = d.traceConfigs.find((x) => x.id === run.configId);
        const target = c ? `${c.targetKind} ${targetName(d, c)}` : rec.header.target.name;
        if (o.json) {
          printJson({
            run,
            steps: rec.steps,
            step: view.step + 1,
            file: view.file,
            line: view.line,
            col: view.col,
            depth: view.depth,
            stack: view.stack.map((f) => ({ ...f, step: f.step + 1 })),
            frames: view.frames.map((f) => ({ name: f.name, depth: f.depth, locals: f.locals.map((v) => variableJson(v, view, 3)), globals: f.globals.map((v) => variableJson(v, view, 3)) })),
            output: view.output,
            exception: rec.exception ? { ...rec.exception, step: rec.exception.step === null ? null : rec.exception.step + 1 } : null,
          });
          return;
        }
        out(showText(rec, run, target, view));
      }),
    );

  traces
    .command('rm-run')
    .description('remove one recording')
    .argument('<run-id>', 'recording id (or its beginning)')
    .action(
      action(async (ref: string) => {
        const { removeRecording } = await import('../tracing/manage.js');
        const store = await openStore();
        const run = await removeRecording(store, ref);
        out(`Removed recording ${run.id}.`);
      }),
    );

  traces
    .command('purge')
    .description('remove recordings older than their trace keeps them')
    .action(
      action(async () => {
        const { purgeTraces } = await import('../tracing/record.js');
        const store = await openStore();
        const n = await purgeTraces(store);
        out(`Removed ${n} old recording${n === 1 ? '' : 's'}.`);
      }),
    );

  traces
    .command('tail')
    .description('print each new recording as it is saved, and keep following (Ctrl+C stops)')
    .option('--script <name>', 'only recordings of this script')
    .option('--macro <name>', 'only recordings of this macro')
    .option('-n, --lines <n>', 'first print the last N recordings', '0')
    .option('--json', 'one JSON object per line')
    .action(
      action(async (o: TargetOptions & { lines: string; json?: boolean }) => {
        const store = await openStore();
        const target = targetFromOptions(store.read(), o);
        const first = count('--lines', o.lines, 0);
        const wanted = (d: StoreData, r: TraceRun): boolean => {
          if (!target) return true;
          const c = d.traceConfigs.find((x) => x.id === r.configId);
          return !!c && c.targetKind === target.targetKind && c.targetId === target.targetId;
        };
        const print = (d: StoreData, r: TraceRun): void => out(o.json ? JSON.stringify(runJson(d, r)) : tailLine(d, r));
        const byTime = (a: TraceRun, b: TraceRun): number => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0);
        const d0 = store.read();
        const seen = new Set(d0.traceRuns.map((r) => r.id));
        if (first > 0) for (const r of d0.traceRuns.filter((r) => wanted(d0, r)).sort(byTime).slice(-first)) print(d0, r);
        const check = (): void => {
          const d = store.read();
          for (const r of d.traceRuns.filter((x) => !seen.has(x.id)).sort(byTime)) {
            seen.add(r.id);
            if (wanted(d, r)) print(d, r);
          }
        };
        const unwatch = store.watch(check);
        // the watcher's timers do not keep the process alive; this also polls, in case a change is missed
        const keep = setInterval(check, 1000);
        process.stderr.write(`Following new trace recordings${target ? ` of ${target.targetKind} ${targetName(store.read(), target)}` : ''} (Ctrl+C stops).\n`);
        if (!store.read().settings.tracingEnabled) process.stderr.write('Tracing is switched off, so nothing is recorded until `crmscript-tui traces on`.\n');
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        clearInterval(keep);
        unwatch();
      }),
    );
}
