/**
 * Tab 2, Triggers: the bindings of events to scripts and macros (event, order, enabled, target,
 * last firing and its outcome, description), with New (event picker → form), Edit, reorder,
 * enable/disable, Delete, and Test-fire.
 */
import React, { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import { Panel } from '../../tui/components/Panel.js';
import { VirtualList, filterItems, listNavBindings, useListFilter } from '../../tui/components/VirtualList.js';
import { ConfirmDelete } from '../../tui/components/Dialog.js';
import { Field } from '../../tui/components/Field.js';
import { useKeys, type Binding } from '../../tui/keys.js';
import { NAV_KEYS } from '../../tui/keymap.js';
import { useStoreBridge, useStoreData } from '../../tui/hooks.js';
import type { TabProps, TuiServices } from '../../tui/services.js';
import { useTheme } from '../../tui/theme.js';
import { fit, formatDateTime, plural } from '../../tui/text.js';
import { deleteTrigger, getById, updateTrigger } from '../../store/repos.js';
import { findEvent, type TriggerEvent } from '../../triggers/catalog.js';
import { moveTrigger, triggerRows, type TriggerRow } from '../../triggers/bindings.js';
import { EventPicker } from './EventPicker.js';
import { TriggerForm } from './TriggerForm.js';
import { TestFire, type FireTarget } from './TestFire.js';
import { TRIGGER_KEYS } from './keys.js';
import { columns, headerLine, rowLine, rowSearchText } from './model.js';
import { errorMessage } from '../../interp/util/error-message.js';

type Dialog =
  | { kind: 'pickNew' }
  | { kind: 'pickFire' }
  | { kind: 'new'; event: string }
  | { kind: 'edit'; id: string }
  | { kind: 'delete'; id: string; message: string };

export function TriggersTab({ size, tui }: TabProps): React.ReactElement {
  const [firing, setFiring] = useState<{ event: TriggerEvent; target?: FireTarget } | null>(null);
  const [selectId, setSelectId] = useState<string | null>(null);
  if (firing) return <TestFire event={firing.event} target={firing.target} size={size} tui={tui} onBack={() => setFiring(null)} />;
  return <TriggerList size={size} tui={tui} onFire={(event, target) => setFiring({ event, target })} selectId={selectId} onSelect={setSelectId} />;
}

function TriggerList({
  size,
  tui,
  onFire,
  selectId,
  onSelect,
}: {
  size: TabProps['size'];
  tui: TuiServices;
  onFire: (e: TriggerEvent, target?: FireTarget) => void;
  selectId: string | null;
  onSelect: (id: string | null) => void;
}): React.ReactElement {
  const t = useTheme();
  const data = useStoreData();
  const bridge = useStoreBridge();
  const all = useMemo(() => triggerRows(data), [data]);
  const filter = useListFilter();
  const rows = useMemo(() => filterItems(all, filter.value, rowSearchText), [all, filter.value]);
  const [fallback, setFallback] = useState(0);
  let index = selectId === null ? -1 : rows.findIndex((r) => r.id === selectId);
  if (index < 0) index = Math.max(0, Math.min(fallback, rows.length - 1));
  const row: TriggerRow | undefined = rows[index];
  const [dialog, setDialog] = useState<Dialog | null>(null);

  // ---- layout: a header line, the list, two detail lines about the selected binding
  const inner = Math.max(size.width - 2, 10);
  const cols = columns(inner - 2, {
    event: Math.max(0, ...rows.map((r) => r.event.length)),
    target: Math.max(0, ...rows.map((r) => r.target.length + (r.targetKind === 'macro' ? 6 : 0))),
    outcome: Math.max(0, ...rows.map((r) => (r.lastOutcome ?? 'never fired').length)),
  });
  const listH = Math.max(size.height - 2 - 1 - 2 - (filter.shown ? 1 : 0), 1);

  const select = (i: number) => {
    const c = Math.max(0, Math.min(i, rows.length - 1));
    setFallback(c);
    onSelect(rows[c]?.id ?? null);
  };
  const failed = (e: unknown) => tui.flash(errorMessage(e), 'error');
  // Changes keep the selection on the binding they are about (it may move in the list).
  const change = (fn: Parameters<typeof bridge.update>[0], done?: string) => {
    if (row) onSelect(row.id);
    return bridge.update(fn).then(
      () => done && tui.flash(done, 'success'),
      failed,
    );
  };

  const listKeys: Binding[] = [
    ...listNavBindings(rows.length, listH, (f) => select(f(index))),
    { def: TRIGGER_KEYS.add, run: () => setDialog({ kind: 'pickNew' }) },
    { def: TRIGGER_KEYS.edit, when: !!row, run: () => row && setDialog({ kind: 'edit', id: row.id }) },
    {
      def: TRIGGER_KEYS.toggle,
      when: !!row,
      run: () => row && void change((d) => updateTrigger(d, row.id, { enabled: !getById(d, 'triggers', row.id)?.enabled }), `${row.enabled ? 'Disabled' : 'Enabled'} the binding.`),
      label: row?.enabled ? 'Disable' : 'Enable',
    },
    { def: TRIGGER_KEYS.moveUp, when: !!row, run: () => row && void change((d) => moveTrigger(d, row.id, -1)) },
    { def: TRIGGER_KEYS.moveDown, when: !!row, run: () => row && void change((d) => moveTrigger(d, row.id, 1)) },
    {
      def: TRIGGER_KEYS.remove,
      when: !!row,
      run: () => row && setDialog({ kind: 'delete', id: row.id, message: `Delete the binding of ${row.event} to ${row.targetKind} "${row.target}"?` }),
    },
    {
      def: TRIGGER_KEYS.fire,
      when: !!row,
      run: () => {
        const e = row && findEvent(row.event);
        if (e) onFire(e, row.targetMissing ? undefined : { kind: row.targetKind, id: row.targetId });
        else if (row) tui.flash(`"${row.event}" is not an event of the catalog, so it cannot be fired.`, 'error');
      },
    },
    { def: TRIGGER_KEYS.fireAny, run: () => setDialog({ kind: 'pickFire' }) },
    { def: NAV_KEYS.filter, run: filter.start },
    filter.clearKey(),
  ];
  useKeys({
    title: filter.typing ? 'Filter triggers' : 'Triggers',
    bindings: filter.typing ? filter.typingKeys((by) => select(index + by)) : listKeys,
    capture: filter.typing,
  });

  const enabled = all.filter((r) => r.enabled).length;
  const note = filter.value ? `${rows.length} of ${all.length}` : `${plural(all.length, 'binding')}, ${enabled} on`;
  const detail1 = row ? `${row.description || '(no description)'}` : '';
  const detail2 = row
    ? row.targetMissing
      ? `The ${row.targetKind} this binding runs no longer exists.`
      : row.lastFiredAt
        ? `Last fired ${formatDateTime(row.lastFiredAt)}: ${row.lastOutcome ?? ''}`
        : 'Never fired. Press f to test-fire its event.'
    : '';
  const area = size;
  return (
    <Box flexDirection="column" width={size.width} height={size.height}>
      <Panel title="Triggers" note={note} width={size.width} height={size.height} focused={!dialog}>
        {filter.shown ? (
          <Box height={1}>
            <Text {...t.muted}>/</Text>
            <Field value={filter.value} onChange={filter.set} focused={filter.typing} width={inner - 2} placeholder="filter by event, target, description" />
          </Box>
        ) : null}
        <Text {...t.muted} wrap="truncate">
          {' '}
          {headerLine(cols)}
        </Text>
        <VirtualList
          items={rows}
          selected={index}
          height={listH}
          width={inner}
          focused={!dialog}
          renderRow={(r, _i, st) => fit(rowLine(r, cols), st.width)}
          empty={all.length === 0 ? 'No triggers yet. Press n to bind an event to a script.' : 'No trigger matches the filter.'}
        />
        <Text wrap="truncate">{fit(detail1, inner)}</Text>
        <Text wrap="truncate" {...(row?.targetMissing || row?.lastOutcome?.startsWith('failed') ? t.error : t.muted)}>
          {fit(detail2, inner)}
        </Text>
      </Panel>
      {dialog?.kind === 'pickNew' ? (
        <EventPicker title="New trigger: choose the event" area={area} onCancel={() => setDialog(null)} onChoose={(e) => setDialog({ kind: 'new', event: e.name })} />
      ) : null}
      {dialog?.kind === 'pickFire' ? (
        <EventPicker
          title="Test-fire: choose the event"
          area={area}
          onCancel={() => setDialog(null)}
          onChoose={(e) => {
            setDialog(null);
            onFire(e);
          }}
        />
      ) : null}
      {dialog?.kind === 'new' || dialog?.kind === 'edit' ? (
        <TriggerForm
          area={area}
          tui={tui}
          event={dialog.kind === 'new' ? dialog.event : undefined}
          triggerId={dialog.kind === 'edit' ? dialog.id : undefined}
          onCancel={() => setDialog(null)}
          onDone={(id) => {
            setDialog(null);
            filter.clear();
            onSelect(id);
          }}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDelete
          flash={tui.flash}
          title="Delete the trigger?"
          message={dialog.message}
          area={area}
          onClose={() => setDialog(null)}
          remove={() => {
            const id = dialog.id;
            return bridge.update((d) => deleteTrigger(d, id));
          }}
          done="Trigger deleted."
        />
      ) : null}
    </Box>
  );
}
