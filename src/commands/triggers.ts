/**
 * `crmscript-tui fire EVENT` and `crmscript-tui triggers ...`: fire a trigger event, and list,
 * add, edit, reorder, enable, disable and remove the bindings of events to scripts and macros;
 * `triggers events` lists the event catalog.
 */
import type { Command } from 'commander';
import type { Store } from '../store/store.js';
import type { TargetKind } from '../store/schema.js';
import { createTrigger, deleteTrigger, targetLabel, updateTrigger } from '../store/repos.js';
import { allEvents, eventGroups, requireEvent, searchEvents, type TriggerEvent } from '../triggers/catalog.js';
import { fireEvent, type FireOutcome } from '../run/fire.js';
import { formatOutcome } from '../triggers/format.js';
import { moveTrigger, placeTrigger, requireTrigger, resolveTarget, triggerRows } from '../triggers/bindings.js';
import { CliError, action, collectPairs, formatTable, out, printJson } from './common.js';
import { changesText } from '../crm/changes.js';

function localTime(iso: string | null): string {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** `--script`/`--macro`: exactly one may be given; null when neither is. */
function targetOption(o: { script?: string; macro?: string }): { kind: TargetKind; ref: string } | null {
  if (o.script !== undefined && o.macro !== undefined) throw new CliError('Give either --script or --macro, not both.');
  if (o.script !== undefined) return { kind: 'script', ref: o.script };
  if (o.macro !== undefined) return { kind: 'macro', ref: o.macro };
  return null;
}

function orderOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--order must be a whole number of 1 or more, not "${v}".`);
  return n;
}

function eventRow(e: TriggerEvent): string[] {
  return [e.name, e.group, e.phase, e.blockable ? 'yes' : 'no', String(e.inputs.length), String(e.outputs.length)];
}

export function registerTriggerCommands(program: Command, openStore: () => Promise<Store>): void {
  program
    .command('fire')
    .description('fire a trigger event: run the scripts bound to it and print the outcome')
    .argument('<event>', 'the event name, e.g. SalesBeforeSaveSale (see "triggers events")')
    .option('--input <name=value>', 'an input value of the event (repeatable)', collectPairs, {})
    .option('--user <name>', 'the CRM user the event is fired for (login name; default: the sandbox default user)')
    .option('--rollback', "discard the bindings' CRM writes when they end")
    .option('--changes', 'print the CRM rows the bindings changed on stderr')
    .option('--json', 'print the outcome as JSON (with the CRM changes)')
    .action(
      action(async (eventName: string, o: { input: Record<string, string>; user?: string; json?: boolean; rollback?: boolean; changes?: boolean }) => {
        requireEvent(eventName); // fail on a misspelt event before opening (or creating) the store
        const store = await openStore();
        const ac = new AbortController();
        const stop = (): void => ac.abort();
        process.once('SIGINT', stop);
        let outcome: FireOutcome;
        try {
          outcome = await fireEvent(store, eventName, o.input, { user: o.user ?? process.env.USER ?? '', crmUser: o.user ?? '', rollback: !!o.rollback, fillInputs: true, source: 'cli', signal: ac.signal });
        } finally {
          process.off('SIGINT', stop);
        }
        for (const w of outcome.warnings ?? []) process.stderr.write(`Warning: ${w}\n`);
        if (outcome.picked?.length && !o.json) process.stderr.write(`Inputs picked from the sandbox CRM: ${outcome.picked.map((p) => `${p.name}=${p.value} (${p.why})`).join(', ')}\n`);
        if (o.changes) process.stderr.write(changesText(outcome.changes ?? [], !!o.rollback));
        if (o.json) printJson(outcome);
        else out(formatOutcome(outcome));
      }),
    );

  const triggers = program.command('triggers').description('bind trigger events to scripts and macros');

  triggers
    .command('list')
    .description('list the bindings: event, order, target, enabled, last firing and its outcome')
    .option('--event <name>', 'only the bindings of this event')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { event?: string; json?: boolean }) => {
        const store = await openStore();
        const rows = triggerRows(store.read(), o.event);
        if (o.json) {
          printJson(rows);
          return;
        }
        if (rows.length === 0) {
          out(o.event ? `No trigger is bound to ${o.event}.` : 'No triggers.');
          return;
        }
        out(
          formatTable(
            ['ID', 'EVENT', 'ORDER', 'ENABLED', 'TARGET', 'LAST FIRED', 'LAST OUTCOME', 'DESCRIPTION'],
            rows.map((r) => [
              r.id,
              r.event,
              String(r.order),
              r.enabled ? 'yes' : 'no',
              `${r.targetKind} ${r.target}`,
              localTime(r.lastFiredAt),
              r.lastOutcome ?? '-',
              r.description,
            ]),
          ),
        );
      }),
    );

  triggers
    .command('add')
    .description('bind an event to a script or a macro (runs after the existing bindings unless --order is given)')
    .argument('<event>', 'the event name (see "triggers events")')
    .option('--script <name>', 'the script: include name, folder path with name, name or id')
    .option('--macro <name>', 'the macro: name or id')
    .option('--description <text>', 'description', '')
    .option('--disabled', 'add it disabled')
    .option('--order <n>', 'position among the bindings of the event (1 = first)')
    .option('--user <login>', 'the sandbox CRM user its runs act as (default: the sandbox default user; fire --user overrides it)')
    .option('--json', 'print the new binding as JSON')
    .action(
      action(async (eventName: string, o: { script?: string; macro?: string; description: string; disabled?: boolean; order?: string; user?: string; json?: boolean }) => {
        const event = requireEvent(eventName);
        const target = targetOption(o);
        if (!target) throw new CliError('Name what the event runs with --script NAME or --macro NAME.');
        const position = orderOption(o.order);
        const store = await openStore();
        const created = await store.update((d) => {
          const t = createTrigger(d, {
            event: event.name,
            targetKind: target.kind,
            targetId: resolveTarget(d, target.kind, target.ref),
            description: o.description,
            enabled: !o.disabled,
            ...(o.user ? { crmUser: o.user.trim() } : {}),
          });
          if (position !== undefined) placeTrigger(d, t.id, position);
          return { trigger: { ...t }, label: targetLabel(d, t.targetKind, t.targetId) };
        });
        if (o.json) printJson(created.trigger);
        else out(`Added trigger ${created.trigger.id}: ${event.name} runs ${created.trigger.targetKind} "${created.label}"${o.disabled ? ' (disabled)' : ''}.`);
      }),
    );

  triggers
    .command('edit')
    .description('change a binding')
    .argument('<id>', 'the trigger id (or its beginning)')
    .option('--event <name>', 'bind it to another event (it goes last there)')
    .option('--script <name>', 'run this script instead')
    .option('--macro <name>', 'run this macro instead')
    .option('--description <text>', 'description')
    .option('--order <n>', 'position among the bindings of the event (1 = first)')
    .option('--user <login>', "the sandbox CRM user its runs act as ('' = the default user)")
    .action(
      action(async (id: string, o: { event?: string; script?: string; macro?: string; description?: string; order?: string; user?: string }) => {
        const event = o.event !== undefined ? requireEvent(o.event) : undefined;
        const target = targetOption(o);
        const position = orderOption(o.order);
        const store = await openStore();
        const tid = await store.update((d) => {
          const t = requireTrigger(d, id);
          if (event && event.name !== t.event) {
            const others = d.triggers.filter((x) => x.event === event.name);
            updateTrigger(d, t.id, { event: event.name, order: others.length ? Math.max(...others.map((x) => x.order)) + 1 : 1 });
          }
          if (target) updateTrigger(d, t.id, { targetKind: target.kind, targetId: resolveTarget(d, target.kind, target.ref) });
          if (o.description !== undefined) updateTrigger(d, t.id, { description: o.description });
          if (o.user !== undefined) updateTrigger(d, t.id, { crmUser: o.user.trim() });
          if (position !== undefined) placeTrigger(d, t.id, position);
          return t.id;
        });
        out(`Changed trigger ${tid}.`);
      }),
    );

  triggers
    .command('move')
    .description('run a binding earlier (up) or later (down) among the bindings of its event')
    .argument('<id>', 'the trigger id (or its beginning)')
    .argument('<direction>', '"up" or "down"')
    .action(
      action(async (id: string, direction: string) => {
        const dir = direction.toLowerCase();
        if (dir !== 'up' && dir !== 'down') throw new CliError(`The direction must be "up" or "down", not "${direction}".`);
        const store = await openStore();
        const moved = await store.update((d) => moveTrigger(d, id, dir === 'up' ? -1 : 1));
        out(moved ? `Moved trigger ${id} ${dir}.` : `Trigger ${id} is already ${dir === 'up' ? 'first' : 'last'}.`);
      }),
    );

  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    triggers
      .command(name)
      .description(`${name} a binding`)
      .argument('<id>', 'the trigger id (or its beginning)')
      .action(
        action(async (id: string) => {
          const store = await openStore();
          const t = await store.update((d) => ({ ...updateTrigger(d, requireTrigger(d, id).id, { enabled }) }));
          out(`Trigger ${t.id} (${t.event}) is ${enabled ? 'enabled' : 'disabled'}.`);
        }),
      );
  }

  triggers
    .command('rm')
    .description('remove a binding')
    .argument('<id>', 'the trigger id (or its beginning)')
    .action(
      action(async (id: string) => {
        const store = await openStore();
        const t = await store.update((d) => deleteTrigger(d, requireTrigger(d, id).id));
        out(`Removed trigger ${t.id} (${t.event}).`);
      }),
    );

  triggers
    .command('events')
    .description('list the trigger events of the catalog, or show one event with its input and output values')
    .argument('[event]', 'show this event')
    .option('--group <group>', `only this group (${eventGroups().join(', ')})`)
    .option('--search <text>', 'only events whose name matches')
    .option('--json', 'print JSON (with the input and output value names)')
    .action(
      action(async (name: string | undefined, o: { group?: string; search?: string; json?: boolean }) => {
        if (name !== undefined) {
          const e = requireEvent(name);
          if (o.json) {
            printJson(e);
            return;
          }
          out(
            [
              `${e.name} (id ${e.id}, group ${e.group}, phase ${e.phase}${e.blockable ? ', can be blocked' : ''})`,
              `Input values:${e.inputs.length ? '' : ' (none)'}`,
              ...e.inputs.map((i) => `  ${i}`),
              `Output values:${e.outputs.length ? '' : ' (none)'}`,
              ...e.outputs.map((i) => `  ${i}`),
            ].join('\n'),
          );
          return;
        }
        if (o.group !== undefined && !eventGroups().includes(o.group.trim().toLowerCase())) {
          throw new CliError(`There is no event group "${o.group}"; the groups are ${eventGroups().join(', ')}.`);
        }
        const list = o.search !== undefined || o.group !== undefined ? searchEvents(o.search ?? '', { group: o.group }) : [...allEvents()];
        if (o.json) {
          printJson(list);
          return;
        }
        if (list.length === 0) {
          out('No events match.');
          return;
        }
        out(formatTable(['EVENT', 'GROUP', 'PHASE', 'BLOCKABLE', 'INPUTS', 'OUTPUTS'], list.map(eventRow)));
      }),
    );
}
