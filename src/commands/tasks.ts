/**
 * `crmscript-tui tasks ...`: the Scheduled tasks tab from a shell.
 *
 *   tasks list [--json]
 *   tasks show NAME [--json]
 *   tasks add --name N (--script I | --macro M) FREQUENCY [--lock-minutes N] [--restart-after N] [--disabled] [--start-now]
 *   tasks edit NAME [--name N] [--script I | --macro M] [FREQUENCY] [--lock-minutes N] [--restart-after N]
 *   tasks run NAME            Start now: the daemon runs it at its next check
 *   tasks enable|disable|rm NAME
 *   tasks history NAME [--json] [--limit N]
 *
 * FREQUENCY is one of --every-minutes N | --hourly-at M | --weekly HH:MM --days mon,wed |
 * --monthly HH:MM --mdays 1,15 [--months 1-6] | --at "YYYY-MM-DD HH:MM" | --after TASK | --never.
 */
import type { Command } from 'commander';
import type { Store } from '../store/store.js';
import { deleteContent, loadFullOutput, outputFile } from '../store/files.js';
import { taskRunsFor } from '../store/repos.js';
import type { Frequency, StoreData } from '../store/schema.js';
import {
  formatDateTime,
  parseLocalDateTime,
  parseMonthDays,
  parseMonths,
  parseTimeOfDay,
  parseWeekdays,
} from '../tasks/schedule.js';
import {
  addTask,
  editTask,
  formatDuration,
  removeTask,
  formatRunTime,
  outcomeWord,
  requestStartNow,
  runElapsedMs,
  requestTaskStop,
  requireTask,
  runDurationMs,
  runJson,
  taskRowJson,
  setTaskEnabled,
  taskRows,
  type TaskPatch,
} from '../tasks/manage.js';
import { daemonStatus } from '../daemon/status.js';
import { currentUser } from '../store/who.js';
import { CliError, action, formatTable, out, targetFromOptions } from './common.js';
import { errorMessage } from '../interp/util/error-message.js';

const when = (iso: string | null | undefined): string => (iso ? formatDateTime(new Date(iso)) : '-');

function parseCount(label: string, v: string): number {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || !Number.isInteger(n)) throw new CliError(`${label} must be a whole number, not "${v}".`);
  return n;
}

interface FrequencyOptions {
  everyMinutes?: string;
  hourlyAt?: string;
  weekly?: string;
  days?: string;
  monthly?: string;
  mdays?: string;
  months?: string;
  at?: string;
  after?: string;
  never?: boolean;
}

/** The frequency the options describe; undefined when none is given. */
function frequencyFromOptions(o: FrequencyOptions, d: StoreData): Frequency | undefined {
  const given = (['everyMinutes', 'hourlyAt', 'weekly', 'monthly', 'at', 'after', 'never'] as const).filter((k) => o[k] !== undefined && o[k] !== false);
  if (given.length > 1) throw new CliError('Give only one frequency (--every-minutes, --hourly-at, --weekly, --monthly, --at, --after or --never).');
  if (o.days !== undefined && o.weekly === undefined) throw new CliError('--days goes with --weekly.');
  if ((o.mdays !== undefined || o.months !== undefined) && o.monthly === undefined) throw new CliError('--mdays and --months go with --monthly.');
  const wrap = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      throw new CliError(errorMessage(e));
    }
  };
  switch (given[0]) {
    case undefined:
      return undefined;
    case 'never':
      return { kind: 'never' };
    case 'everyMinutes': {
      const every = parseCount('--every-minutes', o.everyMinutes!);
      if (every < 1) throw new CliError('--every-minutes must be at least 1.');
      return { kind: 'minutes', every };
    }
    case 'hourlyAt': {
      const minute = parseCount('--hourly-at', o.hourlyAt!);
      if (minute > 59) throw new CliError('--hourly-at is the minute past the hour, 0 to 59.');
      return { kind: 'hourly', minute };
    }
    case 'weekly':
      if (o.days === undefined) throw new CliError('--weekly needs --days, e.g. --days mon,wed or --days mon-fri.');
      return { kind: 'weekly', time: wrap(() => parseTimeOfDay(o.weekly!)), days: wrap(() => parseWeekdays(o.days!)) };
    case 'monthly':
      if (o.mdays === undefined) throw new CliError('--monthly needs --mdays, e.g. --mdays 1,15.');
      return {
        kind: 'monthly',
        time: wrap(() => parseTimeOfDay(o.monthly!)),
        days: wrap(() => parseMonthDays(o.mdays!)),
        months: o.months === undefined ? [] : wrap(() => parseMonths(o.months!)),
      };
    case 'at':
      return { kind: 'once', at: wrap(() => parseLocalDateTime(o.at!)) };
    case 'after':
      return { kind: 'after', taskId: requireTask(d, o.after!).id };
  }
}

function addFrequencyOptions(cmd: Command): Command {
  return cmd
    .option('--every-minutes <n>', 'Minute interval: every N minutes')
    .option('--hourly-at <m>', 'Hourly: at minute M past every hour')
    .option('--weekly <HH:MM>', 'Week interval: at this time on the --days')
    .option('--days <list>', 'weekdays for --weekly, e.g. mon,wed or mon-fri')
    .option('--monthly <HH:MM>', 'Month interval: at this time on the --mdays of the --months')
    .option('--mdays <list>', 'days of the month for --monthly, e.g. 1,15')
    .option('--months <list>', 'months for --monthly, e.g. 1-6 or jan,jul (default every month)')
    .option('--at <"YYYY-MM-DD HH:MM">', 'After: once, at this local date and time')
    .option('--after <task>', 'Run after schedule: when this other task has completed successfully')
    .option('--never', 'Never: only when started by hand (tasks run)');
}

async function daemonNote(store: Store): Promise<string> {
  const st = daemonStatus(store.dataDir);
  if (st.running) return `The daemon (pid ${st.info!.pid}) will start it within a few seconds.`;
  // A shared store: a daemon on another machine (or with another data directory) serves it.
  const fleet = await store.connectedDaemons().catch(() => null);
  if (fleet && fleet.length > 0) return `A daemon of this store (${fleet.join(', ')}) will start it within a few seconds.`;
  return 'No daemon is serving this store now; it will start when "crmscript-tui daemon" runs.';
}

export function registerTaskCommands(program: Command, openStore: () => Promise<Store>): void {
  const tasks = program.command('tasks').description('list, add, change, start and inspect scheduled tasks');

  tasks
    .command('list')
    .description('list the tasks with frequency, status, last run and result, and next run')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { json?: boolean }) => {
        const store = await openStore();
        const rows = taskRows(store.read(), new Date());
        if (o.json) return out(JSON.stringify(rows.map(taskRowJson), null, 2));
        if (rows.length === 0) return out('No scheduled tasks.');
        out(
          formatTable(
            ['NAME', 'RUNS', 'FREQUENCY', 'STATUS', 'LAST RUN', 'RESULT', 'NEXT RUN'],
            rows.map((r) => [r.task.name, r.target, r.frequency, r.status, when(r.lastRun?.startedAt), outcomeWord(r.lastResult), r.nextRun ? formatDateTime(r.nextRun) : '-']),
          ),
        );
      }),
    );

  tasks
    .command('show')
    .description("show a task's settings and its last runs")
    .argument('<name>', 'task name or id')
    .option('--json', 'print JSON')
    .action(
      action(async (name: string, o: { json?: boolean }) => {
        const store = await openStore();
        const d = store.read();
        const task = requireTask(d, name);
        const row = taskRows(d, new Date()).find((r) => r.task.id === task.id)!;
        const runs = taskRunsFor(d, task.id);
        if (o.json) return out(JSON.stringify({ ...taskRowJson(row), runs: runs.slice(0, 20).map(runJson) }, null, 2));
        out(
          [
            `Name:            ${task.name}`,
            `Runs:            ${row.target}`,
            `Frequency:       ${row.frequency}`,
            `Enabled:         ${task.enabled ? 'yes' : 'no'}`,
            `Status:          ${row.status}`,
            `Lock time:       ${task.lockMinutes} min`,
            `Restart after error: ${task.restartAfterMinutes > 0 ? `${task.restartAfterMinutes} min` : 'no'}`,
            `CRM user:        ${task.crmUser || '(the sandbox default user)'}${task.rollback ? ', rollback (writes are discarded)' : ''}`,
            `Last run:        ${when(row.lastRun?.startedAt)}${row.lastResult ? ` (${outcomeWord(row.lastResult)})` : ''}`,
            `Next run:        ${row.nextRun ? formatDateTime(row.nextRun) : '-'}`,
          ].join('\n'),
        );
      }),
    );

  addFrequencyOptions(
    tasks
      .command('add')
      .description('add a scheduled task')
      .requiredOption('--name <name>', 'the task name (unique)')
      .option('--script <script>', 'the script to run (include name, Folder/Name, name or id)')
      .option('--macro <macro>', 'the macro to run (name or id)'),
  )
    .option('--lock-minutes <n>', 'Lock time in minutes: a run holds the task this long; a longer run counts as failed', '10')
    .option('--restart-after <n>', 'Minutes before restart after error (0 = no restart)', '0')
    .option('--disabled', 'add it disabled')
    .option('--start-now', 'also run it at the next check')
    .option('--user <login>', 'the sandbox CRM user its runs act as (default: the sandbox default user)')
    .option('--rollback', "discard its runs' CRM writes when they end (a dry run)")
    .action(
      action(async (o: FrequencyOptions & { name: string; script?: string; macro?: string; lockMinutes: string; restartAfter: string; disabled?: boolean; startNow?: boolean; user?: string; rollback?: boolean }) => {
        const store = await openStore();
        const task = await store.update((d) => {
          const target = targetFromOptions(d, o);
          if (!target) throw new CliError('Say what the task runs: --script NAME or --macro NAME.');
          const frequency = frequencyFromOptions(o, d);
          if (!frequency) {
            throw new CliError('Give the frequency: --every-minutes N, --hourly-at M, --weekly HH:MM --days ..., --monthly HH:MM --mdays ..., --at "YYYY-MM-DD HH:MM", --after TASK or --never.');
          }
          return addTask(d, {
            name: o.name,
            ...target,
            frequency,
            enabled: !o.disabled,
            startNow: !!o.startNow,
            lockMinutes: parseCount('--lock-minutes', o.lockMinutes),
            restartAfterMinutes: parseCount('--restart-after', o.restartAfter),
            ...(o.user ? { crmUser: o.user.trim() } : {}),
            ...(o.rollback ? { rollback: true } : {}),
          });
        });
        const row = taskRows(store.read(), new Date()).find((r) => r.task.id === task.id)!;
        out(`Added the task "${task.name}" (${row.frequency}); next run: ${row.nextRun ? formatDateTime(row.nextRun) : '-'}.`);
      }),
    );

  addFrequencyOptions(
    tasks
      .command('edit')
      .description("change a task's name, target, frequency or settings")
      .argument('<task>', 'task name or id')
      .option('--name <name>', 'a new name')
      .option('--script <script>', 'run this script instead')
      .option('--macro <macro>', 'run this macro instead'),
  )
    .option('--lock-minutes <n>', 'Lock time in minutes')
    .option('--restart-after <n>', 'Minutes before restart after error (0 = no restart)')
    .option('--user <login>', "the sandbox CRM user its runs act as ('' = the default user)")
    .option('--rollback', "discard its runs' CRM writes when they end (a dry run)")
    .option('--no-rollback', 'keep its runs\' CRM writes again')
    .action(
      action(async (ref: string, o: FrequencyOptions & { name?: string; script?: string; macro?: string; lockMinutes?: string; restartAfter?: string; user?: string; rollback?: boolean }) => {
        const store = await openStore();
        const task = await store.update((d) => {
          const t = requireTask(d, ref);
          const patch: TaskPatch = { ...targetFromOptions(d, o) };
          const frequency = frequencyFromOptions(o, d);
          if (frequency) patch.frequency = frequency;
          if (o.name !== undefined) patch.name = o.name;
          if (o.lockMinutes !== undefined) patch.lockMinutes = parseCount('--lock-minutes', o.lockMinutes);
          if (o.restartAfter !== undefined) patch.restartAfterMinutes = parseCount('--restart-after', o.restartAfter);
          if (o.user !== undefined) patch.crmUser = o.user.trim();
          if (o.rollback !== undefined) patch.rollback = o.rollback;
          if (Object.keys(patch).length === 0) throw new CliError('Nothing to change; give at least one option (see --help).');
          return editTask(d, t.id, patch);
        });
        out(`Changed the task "${task.name}".`);
      }),
    );

  tasks
    .command('run')
    .description('Start now: run the task at the daemon\'s next check (within seconds)')
    .argument('<task>', 'task name or id')
    .action(
      action(async (ref: string) => {
        const store = await openStore();
        const task = await store.update((d) => requestStartNow(d, requireTask(d, ref).id));
        out(`Asked to start "${task.name}". ${await daemonNote(store)}`);
      }),
    );

  tasks
    .command('stop')
    .description('stop the task\'s current run (the daemon running it stops it within seconds; recorded as stopped by you)')
    .argument('<task>', 'task name or id')
    .action(
      action(async (ref: string) => {
        const store = await openStore();
        const by = `${currentUser() || 'someone'} (cli)`;
        const name = await store.update((d) => {
          const task = requireTask(d, ref);
          requestTaskStop(d, task.id, by);
          return task.name;
        });
        out(`Asked to stop the running "${name}"; the daemon running it stops it within seconds.`);
      }),
    );

  for (const [cmd, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    tasks
      .command(cmd)
      .description(enabled ? 'let the task run on its schedule again' : 'stop the task from running on its schedule')
      .argument('<task>', 'task name or id')
      .action(
        action(async (ref: string) => {
          const store = await openStore();
          const task = await store.update((d) => setTaskEnabled(d, requireTask(d, ref).id, enabled));
          out(`${enabled ? 'Enabled' : 'Disabled'} the task "${task.name}".`);
        }),
      );
  }

  tasks
    .command('rm')
    .description('delete a task and its run history')
    .argument('<task>', 'task name or id')
    .action(
      action(async (ref: string) => {
        const store = await openStore();
        const removed = await store.update((d) => removeTask(d, requireTask(d, ref).id));
        await deleteContent(store, removed.blobs.map(outputFile));
        out(`Deleted the task "${removed.task.name}".`);
        if (removed.orphanedChains.length > 0) {
          out(`Note: ${removed.orphanedChains.map((t) => `"${t.name}"`).join(', ')} ran after it and will not run again until you change their frequency.`);
        }
      }),
    );

  tasks
    .command('history')
    .description("a task's past runs: start, duration, outcome, output and error")
    .argument('<task>', 'task name or id')
    .option('--json', 'print JSON (with the full output of each run)')
    .option('--limit <n>', 'at most this many runs, newest first', '20')
    .action(
      action(async (ref: string, o: { json?: boolean; limit: string }) => {
        const store = await openStore();
        const d = store.read();
        const task = requireTask(d, ref);
        const runs = taskRunsFor(d, task.id).slice(0, parseCount('--limit', o.limit));
        if (o.json) {
          const full = await Promise.all(runs.map((r) => loadFullOutput(store, r)));
          return out(JSON.stringify(runs.map((r, i) => ({ ...runJson(r), output: full[i], outputTruncated: false })), null, 2));
        }
        if (runs.length === 0) return out(`"${task.name}" has not run yet.`);
        const blocks = runs.map((r) => {
          const took = r.outcome === 'running' ? `running for ${formatDuration(runElapsedMs(r, new Date()))}` : formatDuration(runDurationMs(r));
          const head = `${formatRunTime(r.startedAt)}  ${outcomeWord(r.outcome).padEnd(8)}  ${took}`;
          const body: string[] = [];
          if (r.error) body.push(`  error: ${r.error}`);
          const output = r.output.trimEnd();
          if (output !== '') body.push(...output.split('\n').map((l) => `  | ${l}`));
          if (r.outputBlob) body.push('  | ... (the output goes on; see --json for all of it)');
          return [head, ...body].join('\n');
        });
        out(blocks.join('\n'));
      }),
    );
}
